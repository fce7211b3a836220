"""Registry records as the R package ctrdata stores them (one JSON object per record, with its
bookkeeping keys ``ctrname`` and ``record_last_import``): ISRCTN, the EU Clinical Trials Register
(EudraCT) and EU CTIS. Each is read by its own module into the same :class:`RegistryEntry` that
ClinicalTrials.gov records give; this module holds what they share."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..records import PartialDate
from ..registry_records import OutcomeRole, RegisteredOutcome
from ..vocabularies import read_table
from .registry_values import clean, date, upper_words

_NOTHING = {"", "n/a", "na", "nil known", "none", "not applicable", "not provided", "not available", "-"}
_DAY_FIRST = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\b")
_ITEM = re.compile(r"(?<![\w.,/-])(\d{1,2})\s?[.)/]\s*(?=[A-Z(\[\"'])")
_FRAME_REFS = re.compile(r"((?:\b\d{1,2}/\s*(?:,|and|to|-)?\s*)+):")
_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4"}


def listed(value: Any) -> list:
    """ctrdata writes one child as an object and several as a list: always a list."""
    if value is None or value == "":
        return []
    return value if isinstance(value, list) else [value]


def present(value: Any) -> str | None:
    """A field's text, or None where it says nothing ("", "N/A", "Nil known")."""
    text = clean(value) if isinstance(value, str) else clean(str(value)) if isinstance(value, (int, float)) else None
    return None if text is None or text.lower().strip(" .") in _NOTHING else text


def when(value: Any) -> PartialDate | None:
    """ISO dates and timestamps; "19/08/2025" is day first (the EU registries' and ISRCTN's order)."""
    text = present(value)
    if text is None:
        return None
    day_first = _DAY_FIRST.match(text)
    if day_first:
        day, month, year = (int(part) for part in day_first.groups())
        return PartialDate(year, month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None
    return date(text)


def yes(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lower() in ("yes", "true")


@lru_cache(maxsize=1)
def _statuses() -> dict[tuple[str, str], str]:
    rows = read_table("registry_statuses.tsv", ("registry", "status", "overall_status"))
    return {(row["registry"], row["status"].lower()): row["overall_status"] for row in rows}


def overall_status(registry: str, value: Any) -> str | None:
    """A registry's own status in ClinicalTrials.gov API v2 spelling (``registry_statuses.tsv``)."""
    text = present(value)
    if text is None:
        return None
    return _statuses().get((registry, text.lower())) or upper_words(text)


def phases_in(text: str | None) -> tuple[str, ...]:
    """ "Therapeutic exploratory (Phase II)" -> ("PHASE2",); "Phase II/III" -> ("PHASE2", "PHASE3");
    "Not Applicable" -> ("NA",)."""
    if not text:
        return ()
    if text.strip().lower() in ("not applicable", "n/a", "na"):
        return ("NA",)
    found = []
    for match in re.finditer(r"\bphase\s*((?:I{1,3}V?|IV|[1-4])(?:\s*[/-]\s*(?:I{1,3}V?|IV|[1-4]))*)\b", text, re.IGNORECASE):
        for part in re.split(r"\s*[/-]\s*", match.group(1).upper()):
            found.append("PHASE" + _ROMAN.get(part, part))
    return tuple(dict.fromkeys(found))


def outcome_items(text: str | None) -> list[str]:
    """A free-text outcome field as its items: a numbered list "1. X\n2. Y" is split (a paragraph after
    the list, "Measured at 21 days.", is an item of its own); one paragraph stays whole (it is one
    outcome as registered)."""
    body = (text or "").replace("\r", "")
    if not present(body):
        return []
    starts, expected = [], 1
    for marker in _ITEM.finditer(body):  # "1." ... "2." ...: the numbers must run in order
        if int(marker.group(1)) == expected:
            starts.append(marker)
            expected += 1
    if len(starts) < 2:
        return [" ".join(body.split())]
    items = [body[: starts[0].start()]] if body[: starts[0].start()].strip() else []
    for this, following in zip(starts, [*starts[1:], None]):
        items += re.split(r"\n\s*\n", body[this.end(): following.start() if following else len(body)])
    return [" ".join(item.split()) for item in items if item.strip()]


_TIMING = re.compile(r"^(?:(?:the\s+)?(?:follow[- ]up|total\s+(?:test|study|trial)\s+duration|duration\s+of\s+(?:the\s+)?(?:study|trial|follow[- ]up))\b"
                     r"|(?:all\s+)?(?:outcomes?\s+)?(?:were\s+|will\s+be\s+|are\s+)?(?:measured|assessed|evaluated|recorded)\s+(?:at|on|from|up|until|through|over|after|before|during|daily|weekly)\b"
                     r"|time\s*points?\b|timepoints?\b)", re.IGNORECASE)


def registered_outcomes(role: OutcomeRole, text: str | None, time_frame: str | None, field: str) -> list[RegisteredOutcome]:
    """The outcomes a free-text field registers; items that only say when outcomes are measured ("The
    follow-up of each patient is 1 month", "Measured at 21 days") are the others' time frame. A time-point
    field that refers to the items by number ("1/ to 3/: up to 180 days 4/, 5/: day 151") gives each its own."""
    items = outcome_items(text)
    timing = [item for item in items if _TIMING.match(item)]
    measures = [item for item in items if item not in timing]
    frame = time_frame or ("; ".join(timing) if timing else None)
    frames = _numbered_frames(frame) if len(measures) > 1 else {}
    return [RegisteredOutcome(role, measure, frames.get(number, frame), None, field)
            for number, measure in enumerate(measures, start=1)]


def _numbered_frames(text: str | None) -> dict[int, str]:
    """ "1/ to 3/: Up to 180 days 4/, 5/: Day 151" -> {1: "Up to 180 days", 2: ..., 3: ..., 4: "Day 151", 5: ...}."""
    refs = list(_FRAME_REFS.finditer(text or ""))
    found: dict[int, str] = {}
    for this, following in zip(refs, [*refs[1:], None]):
        value = " ".join(text[this.end(): following.start() if following else len(text)].split()).strip(" ;,")
        numbers = [int(n) for n in re.findall(r"\d{1,2}", this.group(1))]
        if re.search(r"\bto\b|-", this.group(1)) and len(numbers) == 2 and numbers[0] < numbers[1]:
            numbers = list(range(numbers[0], numbers[1] + 1))
        for number in numbers:
            found.setdefault(number, value)
    return found if all(found.values()) else {}


REGISTRY_IDS = (("ClinicalTrials.gov", re.compile(r"NCT\d{8}")), ("ISRCTN", re.compile(r"ISRCTN\d{8}")),
                ("CTIS", re.compile(r"\d{4}-5\d{5}-\d{2}-\d{2}")), ("EudraCT", re.compile(r"\d{4}-\d{6}-\d{2}")))


def registry_of(identifier: str) -> str | None:
    """The registry whose canonical ID form ``identifier`` has (contract REGISTRIES.md), if any."""
    return next((name for name, form in REGISTRY_IDS if form.fullmatch(identifier)), None)
