"""Registry values spelled one way whatever the format or era: statuses and phases in API v2 spelling
("Active, not recruiting" -> ACTIVE_NOT_RECRUITING, "Phase 1/Phase 2" -> PHASE1, PHASE2), enrolment
types (Anticipated, ESTIMATED -> ANTICIPATED), dates ("March 2, 2021", "2008-07", "June 1996") and the
document text a record is read as (title, summary, conditions, arms and registered outcomes)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ..records import PartialDate
from ..registry_records import RegistryEntry
from .base import TextBuilder
from .dates import parse_date

_STATUS_WORDS = {"unknown status": "UNKNOWN", "unknown": "UNKNOWN"}


def at(data: Any, *keys: str | int) -> Any:
    """The value at a path of keys and indexes, or None where any step is missing."""
    for key in keys:
        if isinstance(key, int):
            data = data[key] if isinstance(data, list) and len(data) > key else None
        else:
            data = data.get(key) if isinstance(data, dict) else None
        if data is None:
            return None
    return data


def status(value: str | None) -> str | None:
    """ "Active, not recruiting" -> "ACTIVE_NOT_RECRUITING"; "COMPLETED" stays."""
    if not value or not value.strip():
        return None
    lowered = value.strip().lower()
    if lowered in _STATUS_WORDS:
        return _STATUS_WORDS[lowered]
    return re.sub(r"[^A-Z0-9]+", "_", value.strip().upper()).strip("_")


def phases(value: str | list[str] | None) -> tuple[str, ...]:
    """ "Phase 1/Phase 2" -> ("PHASE1", "PHASE2"); "N/A" -> ("NA",); "Early Phase 1" -> ("EARLY_PHASE1",)."""
    if not value:
        return ()
    items = value if isinstance(value, list) else re.split(r"\s*/\s*(?=phase|early)|\s*,\s*", value, flags=re.IGNORECASE)
    found = []
    for item in items:
        text = item.strip().upper().replace(" ", "")
        if text in ("N/A", "NA", "NOTAPPLICABLE"):
            found.append("NA")
        elif text.startswith(("EARLYPHASE", "EARLY_PHASE")):
            found.append("EARLY_PHASE" + text[-1])
        elif text.startswith("PHASE"):
            found.append("PHASE" + text[len("PHASE"):].lstrip("_"))
        elif text:
            found.append(text)
    return tuple(dict.fromkeys(found))


def enrollment_type(value: str | None) -> str | None:
    if not value:
        return None
    lowered = value.strip().lower()
    if lowered in ("anticipated", "estimated"):
        return "ANTICIPATED"
    return "ACTUAL" if lowered == "actual" else value.strip().upper()


def clean(value: str | None) -> str | None:
    """Free text of a field with its white space folded (JSON keeps the line breaks XML readers fold)."""
    return " ".join(value.split()) or None if isinstance(value, str) else None


def integer(value: object) -> int | None:
    try:
        return int(str(value).replace(",", "").strip()) if value is not None and str(value).strip() else None
    except ValueError:
        return None


def decimal(value: object) -> Decimal | None:
    text = str(value).replace(",", "").replace("−", "-").strip() if value is not None else ""
    try:
        return Decimal(text) if text and re.fullmatch(r"[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?", text) else None
    except InvalidOperation:
        return None


def date(value: str | None) -> PartialDate | None:
    return parse_date(value) if value else None


def dispersion(value: str | None) -> str | None:
    """ "95% Confidence Interval" -> "CONFIDENCE_INTERVAL_95" (API v2 spelling); others as ``upper_words``."""
    level = re.match(r"\s*(\d+)\s*%\s*confidence interval", value or "", re.IGNORECASE)
    return f"CONFIDENCE_INTERVAL_{level.group(1)}" if level else upper_words(value)


def upper_words(value: str | None) -> str | None:
    """ "Placebo Comparator" -> "PLACEBO_COMPARATOR" (legacy spellings in API v2 form)."""
    return re.sub(r"[^A-Z0-9]+", "_", value.strip().upper()).strip("_") if value and value.strip() else None


def registry_text(entry: RegistryEntry, title: str | None, official_title: str | None, summary: str | None,
                  description: str | None) -> tuple[str, tuple]:
    """The record as text for the NLP and the reader: its titles, summary and description (what it
    plans: background, never findings), then its conditions and registered outcomes as lines (its arms
    are structured facts only, so the NLP does not read them a second time)."""
    builder = TextBuilder()
    if title:
        builder.add("title", " ".join(title.split()))
    if official_title and official_title != title:
        builder.add("objective", " ".join(official_title.split()), "Official title")
    if summary:
        builder.add("objective", _paragraphs(summary), "Brief summary")
    if description:
        builder.add("background", _paragraphs(description), "Detailed description")
    if entry.conditions:
        builder.add("registration", "; ".join(entry.conditions), "Conditions")
    for role, heading in (("PrimaryOutcome", "Primary outcomes"), ("SecondaryOutcome", "Secondary outcomes"),
                          ("OtherOutcome", "Other outcomes")):
        lines = [f"{o.measure} [{o.time_frame}]" if o.time_frame else o.measure for o in entry.outcomes if o.role == role]
        if lines:
            builder.add("registration", "\n".join(lines), heading)
    return builder.build()


def words_in_record(entry: RegistryEntry, *texts: str | None) -> int:
    """The words of the record's fields that its text is made of (the text-loss guard's basis)."""
    parts = [*texts, *entry.conditions, *(o.measure for o in entry.outcomes), *(o.time_frame for o in entry.outcomes)]
    return sum(len(part.split()) for part in parts if part)


def _paragraphs(text: str) -> str:
    parts = [" ".join(part.split()) for part in re.split(r"\n\s*\n|\r\n\s*\r\n", text.replace("\r", "\n"))]
    return "\n\n".join(part for part in parts if part)
