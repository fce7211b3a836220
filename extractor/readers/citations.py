"""Bibliographic details every reader parses the same way: page ranges, identifiers, journal names."""

from __future__ import annotations

import re

from ..records import Journal
from ..vocabularies import journals

DOI = re.compile(r"\b(?:doi:\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/[^\s\"<>]+)", re.IGNORECASE)
BARE_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)")
PMID = re.compile(r"\bPMID:?\s*(\d{1,9})\b")
PMCID = re.compile(r"\bPMCID:?\s*(PMC\d+)\b")


def page_range(pages: str | None) -> tuple[str | None, str | None]:
    """ "1467-1480" -> (1467, 1480); "1467-80" -> (1467, 1480); "146714801467-1480" (a page
    viewer's glued "start end start-end") -> (1467, 1480); "e0123" -> ("e0123", None)."""
    if not pages:
        return None, None
    pages = pages.strip().rstrip(".").replace("–", "-")
    match = re.search(r"([A-Za-z]?\d+)\s*-\s*([A-Za-z]?\d+)$", pages)
    if not match:
        return pages or None, None
    first, last = match.groups()
    for size in range(1, len(first) // 2 + 1):  # "1467" + "1480" + "1467" glued before "-1480"
        if first == first[-size:] + last + first[-size:]:
            first = first[-size:]
            break
    if len(last) < len(first) and last.isdigit() and first.isdigit():
        last = first[: len(first) - len(last)] + last
    return first, last


def pmid_value(value: str | None) -> str | None:
    """A PMID as a metadata field may write it: "39501234", "PMID: 39501234", "pmid:39501234 "."""
    match = re.search(r"\d{1,9}", value or "")
    return match.group() if match else None


def pmcid_value(value: str | None) -> str | None:
    """ "PMC1234567", "PMCID: PMC1234567", "1234567" -> "PMC1234567"."""
    match = re.search(r"(?:PMC)?(\d{1,9})", (value or "").upper())
    return f"PMC{match.group(1)}" if match else None


def first_match(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return clean_identifier(match.group(1)) if match else None


def clean_identifier(value: str) -> str:
    """An identifier without the sentence punctuation that follows it in running text."""
    return value.rstrip(".,;)")


def journal_named(name: str | None, abbreviation: str | None = None, issn: str | None = None) -> Journal | None:
    """The shipped journal record for a name or abbreviation; else a record of what the source gives."""
    for spelling in (abbreviation, name):
        if spelling:
            known = journals().lookup(spelling.strip().rstrip("."))
            if known is not None:
                return known
    if not (name or abbreviation):
        return None
    return Journal(name=name.strip().rstrip(".") if name else None, abbreviation=abbreviation, issn=issn)
