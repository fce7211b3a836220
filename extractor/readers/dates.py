"""Dates as sources write them: "2024 Apr 25", "April 25, 2024", "25 April 2024", "2024-04-25",
"Mon Aug 03 12:45:00 EDT 2015"; and the choice among the several dates a page gives (``best_date``)."""

from __future__ import annotations

import datetime
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
    # "Mon Aug 03 12:45:00 EDT 2015" (C's ctime, Java's Date.toString)
    re.compile(rf"(?P<mn>{_MONTH})\s+(?P<d>\d{{1,2}})\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s+[A-Z]{{2,5}})?\s+(?P<y>\d{{4}})"),
    re.compile(rf"(?P<y>\d{{4}})\s+(?P<mn>{_MONTH})(?:\s+(?P<d>\d{{1,2}}))?", re.IGNORECASE),
    re.compile(rf"(?P<mn>{_MONTH})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})", re.IGNORECASE),
    re.compile(rf"(?P<d>\d{{1,2}})\s+(?P<mn>{_MONTH})\s+(?P<y>\d{{4}})", re.IGNORECASE),
    re.compile(rf"(?P<mn>{_MONTH})\s+(?P<y>\d{{4}})", re.IGNORECASE),
    re.compile(r"^(?P<y>\d{4})[-/](?P<m>\d{1,2})$"),  # "2019-03", citation_publication_date "2019/03"
    re.compile(r"^(?P<y>\d{4})$"),
)


def parse_date(text: str) -> PartialDate | None:
    """The first date in ``text``, as precise as written; None when there is none or it is impossible."""
    for form in _FORMS:
        match = form.search(text)
        if match:
            return _build(match)
    return None


# a timestamp in UTC ("2022-04-22T04:11:44Z", "...+00:00"): its date may be the day after the local one
_UTC_STAMP = re.compile(r"T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]00:?00)$")
_LOCAL_STAMP = re.compile(r"T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?[+-](?!00:?00)\d{2}:?\d{2}$")


def best_date(values: list[str]) -> PartialDate | None:
    """The date a page gives in several places (``values`` in order of trust): the first that parses,
    refined by a later one that agrees with it and is more specific ("2015" -> "2015-08-03"); a
    "YYYY-01-01" that another value of the same year contradicts is a publisher's placeholder; a UTC
    timestamp gives way to the same instant written with its local offset (the date the page shows)."""
    parsed = [(value.strip(), date) for value in values if value and (date := parse_date(value)) is not None]
    if not parsed:
        return None
    value, chosen = parsed[0]
    for other_value, other in parsed[1:]:
        if other.year != chosen.year:
            continue
        if _placeholder(chosen) and (other.month, other.day) != (1, 1) or _refines(other, chosen) or _UTC_STAMP.search(value) and _LOCAL_STAMP.search(other_value) and _within_a_day(other, chosen):
            value, chosen = other_value, other
    return chosen


def _placeholder(date: PartialDate) -> bool:
    return date.month == 1 and date.day == 1


def _refines(finer: PartialDate, coarser: PartialDate) -> bool:
    if coarser.month is None:
        return finer.month is not None
    return coarser.day is None and finer.month == coarser.month and finer.day is not None


def _within_a_day(one: PartialDate, other: PartialDate) -> bool:
    if one.day is None or other.day is None or one.month is None or other.month is None:
        return False
    return abs((datetime.date(one.year, one.month, one.day) - datetime.date(other.year, other.month, other.day)).days) <= 1


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
