"""Enrolment ("in 10 patients with ...", "345 patients were randomized") and the population's conditions."""

from __future__ import annotations

import re

from ..records import Enrollment
from .guarded import guarded
from .numbers import NUMBER, to_int

_SUBJECTS = r"(?:patients|participants|subjects|persons|people|individuals|children|adults|women|men|infants|adolescents|volunteers)"
_ENROLMENT = (
    guarded(rf"\b(?:in|among|of|enrolled|included|recruited|randomly\s+assigned|randomi[sz]ed|studied)\s+(?:a\s+total\s+of\s+)?"
               rf"(?P<value>(?P<n>{NUMBER})\s+(?:[\w-]+\s+){{0,3}}?{_SUBJECTS})\s+(?P<pop>(?:with|who|aged|having)\b[^.;]*)?", re.I),
    guarded(rf"(?:^|\.\s+|;\s+)(?:A\s+total\s+of\s+)?(?P<value>(?P<n>{NUMBER})\s+(?:[\w-]+\s+){{0,3}}?{_SUBJECTS})"
               rf"(?:\s+(?P<pop>with\s[^,.;]*))?,?\s+(?:were|had\s+been)\s+(?:enrolled|randomi[sz]ed|included|recruited|assigned|studied)", re.I),
)


def find_enrollments(text: str, start: int = 0, end: int | None = None) -> list[tuple[Enrollment, tuple[int, int] | None]]:
    """Enrolment statements, each with the span of its population phrase ("with relapsed ... lymphoma")."""
    end = len(text) if end is None else end
    found = []
    for pattern in _ENROLMENT:
        for match in pattern.finditer(text, start, end):
            count = to_int(match.group("n"))
            if count is None or count < 1:
                continue
            enrollment = Enrollment(match.start("value"), match.end("value"), match.group("value"), count)
            population = match.span("pop") if match.group("pop") else None
            found.append((enrollment, population))
    found.sort(key=lambda item: item[0].start)
    unique: list[tuple[Enrollment, tuple[int, int] | None]] = []
    for item in found:
        if not any(item[0].start == other[0].start for other in unique):
            unique.append(item)
    return unique
