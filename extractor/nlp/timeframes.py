"""Time frames: "1-year", "one-year", "at 18 months", "day 13", "5 years" -> normalised text + xsd:duration,
and which of a sentence's time frames each of its results was measured at."""

from __future__ import annotations

import re
from dataclasses import replace

from ..records import Result, TimeFrame
from .clauses import BRACKETED
from .guarded import guarded
from .numbers import NUMBER, to_decimal

_UNIT = r"(?P<unit>year|month|week|day|hour)s?"
_DURATION_CODES = {"year": "Y", "month": "M", "week": "W", "day": "D", "hour": "H"}
# "1-year", "one-year", "12 months", "at 3.7 months", "after 2 years"
_SPAN = guarded(rf"(?<![\w.])(?P<n>{NUMBER})(?:-|\s+)(?:{_UNIT})\b", re.IGNORECASE)
# "day 13", "week 24", "on day 28" (not "year 1976": a date)
_POINT = guarded(r"\b(?P<unit>day|week|month|year|cycle)\s+(?P<n>\d{1,3})\b", re.IGNORECASE)


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


# what may stand between a value and the time frame it was measured at: "6.6% at 9 months",
# "(95% CI 0.6-0.9) after 2 years"
_FRAME_AFTER = re.compile(r"\s*[,)\]]?\s*(?:at|after|by|in|over|during|within|through|from)\s+(?:the\s+)?(?:first\s+|end\s+of\s+)?$", re.IGNORECASE)


# durations that are ages, spreads or dosing intervals, not when a value was measured: "aged 65 years",
# "mean age, 8.8 +/- 2.7 years", "4 years old", "6-month-old", "41 weeks of gestation", "every 12 hours"
_NOT_A_TIME = re.compile(r"(?:±|\+/-|\+\s*or\s*-|\bage[ds]?\b[^.;]{0,20}|\bSD\b[^.;]{0,8}|\b(?:every|each|per)\s+)\s*$", re.IGNORECASE)
_OLD = re.compile(r"\s*-?\s*(?:old|of\s+age|of\s+gestation|gestation(?:al)?)\b", re.IGNORECASE)


_CLAUSE_BREAK = re.compile(r"[,;]")
# what may open a clause before its time frame (an inline heading such as "RESULTS" included)
_FRAME_OPENS = re.compile(r"\s*(?:[A-Z]{4,}\s+)?(?:(?i:at|after|by|in|over|during|within|from|on|through)\s+(?:the\s+)?(?:first\s+|end\s+of\s+)?)?")
_SET_OFF = re.compile(r"[^,;.()]{0,40},")


def place_time_frames(text: str, s_start: int, s_end: int, results: list[Result]) -> list[Result]:
    """Each result's time frame with the words that state it: the frame a rule read, found again in
    the sentence nearest the value; otherwise a frame right after the value ("at 9 months"), else the
    last frame before it in its sentence part ("At 9 months, rates were 6.6% versus 7.1%"). A frame
    that is itself a stated value ("median 14 months") is never a time frame."""
    if not results:
        return results
    values = [(r.start, r.end) for r in results]
    frames = [f for f in time_frames(text, s_start, s_end)
              if not any(start < f.end and f.start < end for start, end in values)
              and not _NOT_A_TIME.search(text, s_start, f.start) and not _OLD.match(text, f.end)]
    if not frames and all(r.time_frame is None for r in results):
        return results
    return [replace(result, time_frame=_frame_of(text, result, frames)) for result in results]


def _frame_of(text: str, result: Result, frames: list[TimeFrame]) -> TimeFrame | None:
    if result.time_frame is not None:  # read by a rule; gone from ``frames`` when it is an age, an interval or a value
        same = [f for f in frames if f.text == result.time_frame.text]
        return min(same, key=lambda f: abs(f.start - result.start)) if same else None
    after = next((f for f in frames if f.start >= result.end), None)
    if after is not None and _FRAME_AFTER.match(text[result.end:after.start]):
        return after
    before = [f for f in frames if f.end <= result.start and ";" not in text[f.end:result.start]
              and (not _CLAUSE_BREAK.search(BRACKETED.sub("", text[f.end:result.start])) or _introduces(text, f))]
    return before[-1] if before else None


def _introduces(text: str, frame: TimeFrame) -> bool:
    """A frame that opens its clause and is set off by a comma ("At 9 months, ...", "..., by five
    years after entry, ...") applies to the clauses after it."""
    opening = max(text.rfind(mark, 0, frame.start) for mark in ",;.")
    return bool(_FRAME_OPENS.fullmatch(text, opening + 1, frame.start) and _SET_OFF.match(text, frame.end))
