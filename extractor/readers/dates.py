"""Dates as sources write them: "2024 Apr 25", "April 25, 2024", "25 April 2024", "2024-04-25"."""

from __future__ import annotations

import re

from ..records import PartialDate

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
MONTH_PATTERN = _MONTH

_FORMS = (
    re.compile(r"(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?!\d)"),
    re.compile(rf"(?P<y>\d{{4}})\s+(?P<mn>{_MONTH})(?:\s+(?P<d>\d{{1,2}}))?", re.IGNORECASE),
    re.compile(rf"(?P<mn>{_MONTH})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})", re.IGNORECASE),
    re.compile(rf"(?P<d>\d{{1,2}})\s+(?P<mn>{_MONTH})\s+(?P<y>\d{{4}})", re.IGNORECASE),
    re.compile(rf"(?P<mn>{_MONTH})\s+(?P<y>\d{{4}})", re.IGNORECASE),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})$"),
    re.compile(r"^(?P<y>\d{4})$"),
)


def parse_date(text: str) -> PartialDate | None:
    """The first date in ``text``, as precise as written; None when there is none or it is impossible."""
    for form in _FORMS:
        match = form.search(text)
        if match:
            return _build(match)
    return None


def _build(match: re.Match[str]) -> PartialDate | None:
    groups = match.groupdict()
    year = int(groups["y"])
    month = int(groups["m"]) if groups.get("m") else MONTHS.get(groups["mn"].lower().rstrip(".")) if groups.get("mn") else None
    day = int(groups["d"]) if groups.get("d") else None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= _days_in(year, month or 1):
        return None
    return PartialDate(year, month, day if month else None)


def _days_in(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31
