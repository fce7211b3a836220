"""Outcomes a heading declares primary: what a "MAIN OUTCOME MEASURES:" or "PRIMARY END POINT:" part of
an abstract lists are the study's primary outcomes, unless the part says which are primary or
secondary itself ("The primary outcome was ...", "... (primary outcome)"), when its own words decide."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..records import Section
from ..vocabularies import word_list
from .outcomes import OutcomePhrase

_HEADINGS = frozenset(word_list("primary outcome headings"))
_SAYS_ROLE = re.compile(r"\b(?:primary|secondary|main|principal|co-?primary|tertiary|exploratory)\b", re.IGNORECASE)


def _key(heading: str) -> str:
    return " ".join(heading.lower().replace("-", " ").split()).rstrip(" :")


def _body(text: str, section: Section) -> str:
    """The part's words after its heading (the text may hold the heading itself)."""
    words = text[section.start:section.end]
    at = words.find(section.heading or "")
    return words[at + len(section.heading or ""):] if 0 <= at < 5 else words


def primary_by_heading(text: str, sections: Sequence[Section], phrases: list[OutcomePhrase]) -> list[OutcomePhrase]:
    """``phrases`` with those a primary-outcome heading lists marked primary and declared."""
    parts = [(s.start, s.end) for s in sections if s.heading and _key(s.heading) in _HEADINGS
             and not _SAYS_ROLE.search(_body(text, s))]
    if not parts:
        return phrases
    return [replace(p, primary=True, declared=True)
            if not p.declared and any(start <= p.start < end for start, end in parts) else p for p in phrases]
