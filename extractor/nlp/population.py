"""Enrolment ("in 10 patients with ...", "345 patients were randomized") and the population's conditions."""

from __future__ import annotations

import re

from ..records import Enrollment
from .guarded import guarded
from .numbers import NUMBER, to_int

_SUBJECTS = (r"(?:patients|participants|subjects|persons|people|individuals|children|adults|women|men|infants|adolescents|"
             r"samples|specimens|runners|cyclists|survivors|mothers|girls|boys|asthmatics|"
             r"volunteers|couples|mothers|neonates|newborns|students|smokers|veterans|residents|workers|nurses|athletes|"
             r"families|dyads|pairs|outpatients|inpatients|survivors|recipients|donors|pregnancies|eyes)")
# what describes the people counted: "undergoing lower abdominal surgery", "with type 2 diabetes", "aged 18-65"
_DESCRIBED = r"(?:with|who|aged|having|undergoing|receiving|scheduled|admitted|attending|presenting|from|diagnosed)\b"
_ABOUT = r"(?:(?:nearly|about|almost|approximately|roughly|some|over|more\s+than|a\s+total\s+of|the\s+first|all)\s+)?"
_ENROLMENT = (
    guarded(rf"\b(?:in|among|of|enrolled|included|including|involved|involving|recruited|randomly\s+assigned|randomi[sz]ed|"
            rf"studied|followed|tracked|surveyed|tested|analy[sz]ed|examined|looked\s+at|data\s+(?:from|on)|study,)\s+{_ABOUT}"
               rf"(?P<value>(?P<n>{NUMBER})\s+(?:[\w-]+\s+){{0,3}}?{_SUBJECTS})\b(?:\s+(?P<pop>{_DESCRIBED}[^.;]*))?", re.IGNORECASE),
    guarded(rf"(?:^|\.\s+|;\s+|\d,\s+|(?-i:\b[A-Z]{{4,}})[ \t]*:?\s+)(?:A\s+total\s+of\s+)?(?P<value>(?P<n>{NUMBER})\s+(?:[\w-]+\s+){{0,3}}?{_SUBJECTS})"
               rf"(?:\s+(?P<pop>{_DESCRIBED}\s[^,.;]*?))?,?\s+(?:(?:were|had\s+been)\s+(?:randomly\s+)?(?:enrolled|"
               rf"randomi[sz]ed|included|recruited|assigned|allocated|studied|given|treated|challenged|tested|examined|evaluated|"
               rf"investigated|followed|observed|selected|screened|admitted|operated\s+on)|(?:enrolled|participated|took\s+part|were\s+"
               rf"entered|entered|completed)\b)", re.IGNORECASE),
    # "The 458 male participants in the original study", "Two cases are reported"
    guarded(rf"\b[Tt]he\s+(?P<value>(?P<n>{NUMBER})\s+(?:[\w-]+\s+){{0,2}}?{_SUBJECTS})\s+(?:in|of)\s+(?:the|this)\s+"
            rf"(?:\w+\s+)?(?:study|trial|analysis|cohort)\b"),
    guarded(rf"(?:^|\.\s+)(?P<value>(?P<n>{NUMBER})\s+(?:[\w-]+\s+){{0,2}}?(?:cases|patients))\s+(?:are|were)\s+"
            rf"(?:reported|described|presented)\b", re.IGNORECASE),
)
# a size the study plans, not the one it has: "It aims to screen 1,700 men", "will enrol 500 patients",
# "a sample size of 479 patients", "A total of 150 women were necessary to detect ..."
_PLANNED_BEFORE = re.compile(r"\b(?:aims?\s+to|will|plans?\s+to|planned|expected\s+to|hopes?\s+to|intends?\s+to|target(?:ed|s)?|"
                             r"sample\s+size\s+of|power(?:ed)?\s+to)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_PLANNED_AFTER = re.compile(r"\s+(?:were|was|would\s+be|are|is)\s+(?:necessary|needed|required)\b", re.IGNORECASE)
# a count of events among a group, not who was enrolled: "52 [19%] of 269 patients in the ... group"
_AMONG_BEFORE = re.compile(r"\d+\s*(?:\([^()]{1,12}\)|\[[^\[\]]{1,12}\])?\s+(?:of|among)\s+(?:the\s+)?$", re.IGNORECASE)


def find_enrollments(text: str, start: int = 0, end: int | None = None) -> list[tuple[Enrollment, tuple[int, int] | None]]:
    """Enrolment statements, each with the span of its population phrase ("with relapsed ... lymphoma")."""
    end = len(text) if end is None else end
    found = []
    for pattern in _ENROLMENT:
        for match in pattern.finditer(text, start, end):
            count = to_int(match.group("n"))
            if count is None or count < 1 or _PLANNED_BEFORE.search(text, max(0, match.start() - 40), match.start("value")) \
                    or _PLANNED_AFTER.match(text, match.end("value")) or _AMONG_BEFORE.search(text, max(0, match.start() - 30), match.start("value")):
                continue
            population = match.span("pop") if match.groupdict().get("pop") else None
            described_end = None
            if population:  # the phrase up to where a new clause starts, without the space after it
                population = (population[0], _clause_end(text, *population))
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


# who the study is in, as a title or an objective says it: "in children with asthma", "among older adults"
_PEOPLE = (r"(?:patients|participants|subjects|children|adults|women|men|infants|adolescents|volunteers|survivors|people|"
           r"individuals|elderly|smokers|athletes|runners|mothers|neonates|newborns|veterans|students|workers|outpatients|"
           r"inpatients|recipients|asthmatics|girls|boys|persons|population|populations|cohort)")
_PHRASE = guarded(rf"\b(?:in|among|of|for)\s+(?P<p>(?:[\w'’-]+\s+){{0,4}}?{_PEOPLE}\b"
                  rf"(?:\s+(?:with|who|aged|undergoing|receiving|at|after|from|treated|having|without)\s+[^.;:()\[\]]{{2,90}}?)?)"
                  rf"(?=\s*(?:[.;:,()\[\]?]|$|\s(?:a|an|the)\s+(?:randomi[sz]ed|prospective|retrospective|cohort|pilot)\b))", re.I)


# where the words about who was counted end and the sentence goes on: "3,200 people from the
# registry finds that ...", "22 patients from the 40 enrolled were selected ..."
_CLAUSE_START = re.compile(r"\s(?:finds?|found|shows?|showed|suggests?|suggested|reports?|reported|concluded|that|"
                           r"were|was|is|are|will|would)\b", re.IGNORECASE)
_DANGLING = re.compile(r"(?:\s+(?:who|which|and|or|but|,))+\s*$", re.IGNORECASE)


def _clause_end(text: str, start: int, end: int) -> int:
    cut = _CLAUSE_START.search(text, start, end)
    if cut is None:
        return end
    kept = text[start:cut.start()]
    return start + len(_DANGLING.sub("", kept))


def population_phrases(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The phrases that say who was studied ("children with moderate asthma") in these stretches."""
    found = []
    for start, end in spans:
        found += [m.span("p") for m in _PHRASE.finditer(text, start, end)]
    return found


def best_first(enrollments: list[Enrollment]) -> list[Enrollment]:
    """The enrolment to report first: the first stated, unless a later statement gives the same
    number more exactly ("5,400 adults" in a story's lead, "5,395 adults" where it tells the methods)."""
    if not enrollments:
        return enrollments
    first = enrollments[0]
    for later in enrollments[1:]:
        if later.count != first.count and abs(later.count - first.count) <= 0.02 * first.count and _exactness(later.count) > _exactness(first.count):
            return [later] + [e for e in enrollments if e is not later]
    return enrollments


def _exactness(count: int) -> int:
    """How many of the number's digits are not trailing zeros."""
    return len(str(count).rstrip("0"))
