"""What a line of a news story saved as text (or a paragraph of a news page) is when it is not the
story: furniture to drop, the end of the story, or the start of press-release back matter. The
patterns are data (``ontology/vocab/news_lines.tsv``); datelines and bylines are read here too."""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache

from ..records import PartialDate
from ..vocabularies import read_table
from .dates import MONTH_PATTERN, parse_date


class LineRole(str, Enum):
    FURNITURE = "furniture"  # dropped wherever it stands, never ends the story
    END = "end"  # the story is over, nothing after it is read
    BACK = "back"  # the story is over, what follows is back matter (no findings)


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[LineRole, re.Pattern[str]], ...]:
    rows = read_table("news_lines.tsv", ("role", "pattern"))
    return tuple((LineRole(row["role"]), re.compile(row["pattern"], re.IGNORECASE)) for row in rows)


# a word mixing Latin and Cyrillic letters ("Аdvеrtіѕе", written so that ad blockers miss it)
_MIXED_SCRIPT = re.compile(r"\b(?=\w*[A-Za-z])(?=\w*[\u0400-\u04ff])\w+")
_MIXED_WORDS = 2
# "(Reporting by Will Dunham in Washington; Editing by Tom Brown)": who wrote a wire story
CREDIT = re.compile(r"^\(?\s*(?:additional )?(?:reporting|reported|writing|written) by\s+(?P<names>[^;)]+)", re.IGNORECASE)
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w .'-]*$")


def line_role(line: str) -> LineRole | None:
    """The role of a whole line that is not story text, else None."""
    text = line.strip()
    if len(text) > 600:
        return None
    if len(_MIXED_SCRIPT.findall(text)) >= _MIXED_WORDS:
        return LineRole.FURNITURE
    for role, pattern in _patterns():
        if pattern.fullmatch(text):
            return role
    return None


def credit_names(line: str) -> list[str]:
    """The reporters a credit line names ("(Reporting by A in Washington and B; Editing by C)" -> [A, B])."""
    match = CREDIT.match(line.strip())
    if match is None:
        return []
    names = re.split(r",\s*(?:and\s+)?|\s+and\s+", match.group("names").strip())
    return [_IN_PLACE.sub("", name).strip() for name in names if _IN_PLACE.sub("", name).strip()]


_WEEKDAY = r"(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY"
_DASH = r"(?:--|—|–|-)"
# "THURSDAY, April 25, 2024 -- ", "TUESDAY, Nov. 23, 2010 (HealthDay News) -- ", "Jan. 13, 2010 - "
DATELINE = re.compile(
    rf"^(?:{_WEEKDAY},?\s+)?(?:[A-Z][A-Za-z .]+,?\s+)?(?P<date>{MONTH_PATTERN}\s+\d{{1,2}},?\s+\d{{4}})\s*"
    rf"(?:\((?P<agency>[^()]{{2,60}})\)\s*)?{_DASH}\s*",
    re.IGNORECASE,
)
# wire and release datelines: "LONDON (Reuters) - ", "NEW YORK (Reuters Health) - ", "PHILADELPHIA -- ",
# "COLUMBUS, Ohio - ", "Baltimore, Md. (Embargoed until 12:30 p.m., June 8, 2015) - ", "(CNN) "
_CAPS_PLACE = r"[A-Z][A-Z.'-]{2,}(?:[ -][A-Z][A-Z.'-]+){0,3}(?:,\s+[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"
_PLACE = r"[A-Z][A-Za-z.'-]+(?:[ -][A-Z][A-Za-z.'-]+){0,3}(?:,\s+[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"
WIRE = re.compile(
    rf"^(?:(?P<caps>{_CAPS_PLACE})\s*(?:\((?P<agency>[^()]{{2,80}})\)\s*)?{_DASH}\s+(?=[A-Z\"“‘'])"
    rf"|(?P<place>{_PLACE})\s*\((?P<agency2>[^()]{{2,80}})\)\s*{_DASH}\s+(?=[A-Z\"“‘'])"
    rf"|\((?P<agency3>[A-Z][A-Za-z .]{{1,30}})\)\s+(?=[A-Z\"“]))"
)
PUBLISHED = re.compile(r"^(?:Published|Posted|First published|Date|Released?)(?:\s+on)?:?\s+(?P<date>.{6,60})$", re.IGNORECASE)
UPDATED = re.compile(r"^(?:Updated|Last updated|Modified|Last modified)(?:\s+on)?:?\s+(?P<date>.{6,60})$", re.IGNORECASE)
_MIN_STORY_WORDS = 8
_NOT_AGENCY = re.compile(r"embargo|\d", re.IGNORECASE)


def dateline(line: str) -> tuple[int, PartialDate | None, str | None] | None:
    """Where a dateline at the start of ``line`` ends, the date it gives and the agency it names."""
    match = DATELINE.match(line)
    if match:
        return match.end(), parse_date(match.group("date")), _agency(match.group("agency"))
    match = WIRE.match(line)
    if match and len(line.split()) >= _MIN_STORY_WORDS:  # a dateline starts a paragraph of the story
        agency = match.group("agency") or match.group("agency2") or match.group("agency3")
        return match.end(), parse_date(agency) if agency else None, _agency(agency)
    return None


def _agency(text: str | None) -> str | None:
    return text.strip() if text and not _NOT_AGENCY.search(text) else None


def date_line(line: str, pattern: re.Pattern[str] = PUBLISHED) -> PartialDate | None:
    """The date of a "Published March 29, 2017" line (or, with UPDATED, an "Updated ..." line)."""
    match = pattern.match(line)
    return parse_date(match.group("date")) if match else None
