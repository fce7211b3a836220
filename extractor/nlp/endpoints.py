"""Endpoint concepts: the shipped vocabulary and the normalised name of an endpoint as written."""

from __future__ import annotations

import re
from functools import lru_cache

from ..vocabularies import read_table, split_list
from .phrases import PhraseIndex, tokenize
from .timeframes import find_time_frame

_NOISE = re.compile(r"^(?:estimated|overall\s+)?(?:rate\s+of\s+|incidence\s+of\s+|proportion\s+of\s+patients\s+with\s+)?", re.IGNORECASE)


@lru_cache(maxsize=1)
def endpoint_index() -> PhraseIndex:
    index = PhraseIndex()
    for row in read_table("endpoints.tsv", ("name", "synonyms")):
        index.add(row["name"], row["name"])
        for synonym in split_list(row["synonyms"]):
            index.add(synonym, row["name"])
    return index


def vocabulary_concept(text: str) -> str | None:
    """The vocabulary concept named in ``text`` (the longest match, then the first), if any."""
    matches = endpoint_index().find(tokenize(text), text)
    return str(max(matches, key=lambda m: (m.end - m.start, -m.start)).value) if matches else None


def normalise_endpoint(endpoint_text: str | None) -> str | None:
    """The vocabulary concept named in ``endpoint_text`` (longest, first), else the text itself
    without time frame and filler, lower-cased, so results of different papers can meet."""
    if not endpoint_text:
        return None
    concept = vocabulary_concept(endpoint_text)
    if concept is not None:
        return concept
    frame = find_time_frame(endpoint_text)
    text = endpoint_text
    if frame:
        _, start, end = frame
        text = (text[:start] + text[end:]).strip()
    text = _NOISE.sub("", text).strip(" -,")
    return " ".join(text.lower().split()) or None
