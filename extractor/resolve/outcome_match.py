"""Whether a registered outcome and an outcome a paper states are the same, by meaning: the same
endpoint concept, or the same content words once the words that only say how it is counted
("incidence of", "change in", "number of participants with") are set aside; and whether two time
frames are the same length."""

from __future__ import annotations

import re
from functools import lru_cache

from ..nlp.endpoints import vocabulary_concept
from ..nlp.timeframes import find_time_frame
from ..vocabularies import word_list

_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_OVERLAP = 0.5  # Jaccard overlap of content words at which two outcome names are one outcome
_UNITS = {"Y": 365.25, "M": 30.44, "W": 7.0, "D": 1.0, "H": 1 / 24}


@lru_cache(maxsize=1)
def _filler() -> frozenset[str]:
    return frozenset(word_list("outcome filler words"))


def content_words(name: str) -> frozenset[str]:
    """ "Incidence of Hearing Loss" -> {"hearing", "loss"}; plural -s set aside ("fractures" = "fracture")."""
    words = set()
    for word in _WORD.findall(name.lower()):
        if word in _filler() or word.isdigit():
            continue
        words.add(word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word)
    return frozenset(words)


def same_outcome(a_name: str, b_name: str) -> bool:
    """One outcome: the same endpoint concept of the vocabulary (two different ones never are), else
    the same content words, or most of them, or all of one name's (two or more) within the other's."""
    a_concept, b_concept = vocabulary_concept(a_name), vocabulary_concept(b_name)
    if a_concept and b_concept:
        return a_concept == b_concept
    a, b = content_words(a_name), content_words(b_name)
    if not a or not b:
        return False
    smaller, larger = sorted((a, b), key=len)
    if smaller <= larger and (len(smaller) >= 2 or smaller == larger):
        return True
    return len(a & b) / len(a | b) >= _OVERLAP


def duration_days(text: str | None) -> float | None:
    """How long a time frame is, in days, when it states one length ("12 weeks", "at 6 months")."""
    if not text:
        return None
    found = find_time_frame(text)
    if found is None or not found[0].duration:
        return None
    match = re.fullmatch(r"P(?:T)?(\d+(?:\.\d+)?)([YMWDH])", found[0].duration)
    return float(match.group(1)) * _UNITS[match.group(2)] if match else None


def same_time_frame(registered: str | None, reported: str | None) -> bool | None:
    """True or False when both frames state a length; None when either does not (not comparable)."""
    a, b = duration_days(registered), duration_days(reported)
    if a is None or b is None:
        return None
    return abs(a - b) <= max(1.0, 0.1 * max(a, b))
