"""Enrolment ("in 10 patients with ...", "345 patients were randomized") and the population's conditions."""

from __future__ import annotations

import re

from ..records import Enrollment
from .guarded import guarded
from .numbers import NUMBER, to_int

_SUBJECTS = (r"(?:patients|participants|subjects|persons|people|individuals|children|adults|women|men|infants|adolescents|"
             r"volunteers|couples|mothers|neonates|newborns|students|smokers|veterans|residents|workers|nurses|athletes|"
             r"families|dyads|pairs|outpatients|inpatients|survivors|recipients|donors|pregnancies|eyes)")
# what describes the people counted: "undergoing lower abdominal surgery", "with type 2 diabetes", "aged 18-65"
_DESCRIBED = r"(?:with|who|aged|having|undergoing|receiving|scheduled|admitted|attending|presenting|from|diagnosed)\b"
_ENROLMENT = (
    guarded(rf"\b(?:in|among|of|enrolled|included|recruited|randomly\s+assigned|randomi[sz]ed|studied)\s+(?:a\s+total\s+of\s+)?"
               rf"(?P<value>(?P<n>{NUMBER})\s+(?:[\w-]+\s+){{0,3}}?{_SUBJECTS})\b(?:\s+(?P<pop>{_DESCRIBED}[^.;]*))?", re.IGNORECASE),
    guarded(rf"(?:^|\.\s+|;\s+)(?:A\s+total\s+of\s+)?(?P<value>(?P<n>{NUMBER})\s+(?:[\w-]+\s+){{0,3}}?{_SUBJECTS})"
               rf"(?:\s+(?P<pop>{_DESCRIBED}\s[^,.;]*?))?,?\s+(?:(?:were|had\s+been)\s+(?:randomly\s+)?(?:enrolled|"
               rf"randomi[sz]ed|included|recruited|assigned|allocated|studied)|(?:enrolled|participated|took\s+part|were\s+"
               rf"entered|entered|completed)\b)", re.IGNORECASE),
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
            population = match.span("pop") if match.group("pop") else None
            described_end = None
            if population:  # the phrase without the white space the pattern took after it
                described_end = population[0] + len(text[population[0]:population[1]].rstrip())
            enrollment = Enrollment(match.start("value"), match.end("value"), match.group("value"), count,
                                    described_end)
            found.append((enrollment, population))
    found.sort(key=lambda item: item[0].start)
    unique: list[tuple[Enrollment, tuple[int, int] | None]] = []
    starts: set[int] = set()
    for item in found:  # the first statement found at each start (a set, not a scan: long texts have thousands)
        if item[0].start not in starts:
            starts.add(item[0].start)
            unique.append(item)
    return unique
