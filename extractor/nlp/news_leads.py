"""What a news story says about the paper it reports: journal, lead author, issue date."""

from __future__ import annotations

import re

from ..readers.citations import BARE_DOI
from ..readers.people import DEGREES, strip_degrees
from ..records import ReportedPublication
from ..vocabularies import journals

_JOURNAL_CUE = re.compile(
    r"\b(?:published|appearing|appears|reported|online|issue)\b[^.;]{0,60}?\b(?:in|of)\s+(?:the\s+(?:journal\s+)?|journal\s+)?",
    re.IGNORECASE,
)
_NAME = r"[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+)){1,3}"
_DEGREES = rf"(?:,\s*{DEGREES})+"  # the degrees after a name (readers/people.py)
_AUTHOR_CUES = (
    re.compile(rf"(?P<name>{_NAME}){_DEGREES},?\s+(?:from|of|at|with)\b"),
    re.compile(rf"\b(?:led\s+by|lead\s+author|first\s+author|senior\s+author|study\s+author|corresponding\s+author)\s*,?\s+(?:Dr\.?\s+)?(?P<name>{_NAME})"),
    re.compile(rf"(?P<name>{_NAME}){_DEGREES}?,?\s+(?:[^.;]{{0,120}}?)\band\s+colleagues\b"),
)
_ISSUE_DATE = re.compile(r"\b(?:in\s+the\s+|the\s+)(?P<date>(?:[A-Z][a-z]+\s+\d{1,2}(?:,\s*\d{4})?|[A-Z][a-z]+\s+\d{4}))\s+(?:online\s+)?issue\b")


def find_reported_publication(text: str, cited_dois: tuple[str, ...] = ()) -> ReportedPublication | None:
    """Journal, lead authors, issue date and DOIs a story gives (``cited_dois``: those it links to)."""
    names = []
    for cue in _JOURNAL_CUE.finditer(text):
        found = journals().match_at_start(text[cue.end():])
        if found is not None and found[0].name not in names:
            names.append(found[0].name)
    authors = []
    for pattern in _AUTHOR_CUES:
        for match in pattern.finditer(text):
            name = strip_degrees(match.group("name"))
            if name not in authors and len(name.split()) >= 2:
                authors.append(name)
    issue = _ISSUE_DATE.search(text)
    dois = tuple(dict.fromkeys([*cited_dois, *(m.group(1).rstrip(".,;)]").lower() for m in BARE_DOI.finditer(text))]))
    if not names and not authors and not dois:
        return None
    return ReportedPublication(journals=tuple(n for n in names if n), lead_authors=tuple(authors),
                               issue_date_text=issue.group("date") if issue else None, dois=dois)
