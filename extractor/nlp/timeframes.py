"""Time frames: "1-year", "one-year", "at 18 months", "day 13", "5 years" -> normalised text + xsd:duration."""

from __future__ import annotations

import re
from dataclasses import replace

from ..records import TimeFrame
from .guarded import guarded
from .numbers import NUMBER, to_decimal

_UNIT = r"(?P<unit>year|month|week|day|hour)s?"
_DURATION_CODES = {"year": "Y", "month": "M", "week": "W", "day": "D", "hour": "H"}
# "1-year", "one-year", "12 months", "at 3.7 months", "after 2 years"
_SPAN = guarded(rf"(?<![\w.])(?P<n>{NUMBER})(?:-|\s+)(?:{_UNIT})\b", re.I)
# "day 13", "week 24", "on day 28" (not "year 1976": a date)
_POINT = guarded(r"\b(?P<unit>day|week|month|year|cycle)\s+(?P<n>\d{1,3})\b", re.I)


def find_time_frame(text: str) -> tuple[TimeFrame, int, int] | None:
    """The first time frame in ``text`` with its offsets in ``text``."""
    candidates = []
    span = _SPAN.search(text)
    if span:
        candidates.append((span.start(), _from_span(span), span.end()))
    point = _POINT.search(text)
    if point:
        candidates.append((point.start(), TimeFrame(f"{point.group('unit').lower()} {point.group('n')}", None), point.end()))
    if not candidates:
        return None
    start, frame, end = min(candidates, key=lambda c: c[0])
    return (frame, start, end) if frame else None


def time_frames(text: str, start: int, end: int) -> list[TimeFrame]:
    """Every time frame in ``text[start:end]``, in text order, with document offsets (an overlap
    keeps the one that starts first)."""
    found = [(m.start(), m.end(), _from_span(m)) for m in _SPAN.finditer(text, start, end)]
    found += [(m.start(), m.end(), TimeFrame(f"{m.group('unit').lower()} {m.group('n')}", None))
              for m in _POINT.finditer(text, start, end)]
    frames: list[TimeFrame] = []
    for f_start, f_end, frame in sorted(found, key=lambda f: (f[0], -f[1])):
        if frame is not None and (not frames or frames[-1].end <= f_start):
            frames.append(replace(frame, start=f_start, end=f_end))
    return frames


def _from_span(match: re.Match[str]) -> TimeFrame | None:
    value = to_decimal(match.group("n"))
    if value is None or value <= 0:
        return None
    unit = match.group("unit").lower()
    shown = format(value.normalize(), "f")
    text = f"{shown} {unit}" + ("" if value == 1 else "s")
    if unit == "week":
        code = f"P{shown}W" if value == value.to_integral_value() else None
    elif unit == "hour":
        code = f"PT{shown}H" if value == value.to_integral_value() else None
    else:
        code = f"P{shown}{_DURATION_CODES[unit]}" if value == value.to_integral_value() else None
    return TimeFrame(text, code)
