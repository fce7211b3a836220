"""Allocation: how many participants were assigned to the trial and to each arm.

"Ninety-eight patients were randomly assigned to receive placebo (n = 51) or aripiprazole
(n = 47)" states three numbers a trial analyst needs (the denominators of every comparison):
98 allocated in all, 51 to placebo, 47 to aripiprazole. Each becomes a Count result whose endpoint
is the allocation itself ("randomly assigned"), with its arm when the sentence names one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .clauses import BRACKETED
from .measures import SUBJECT_NOUNS, Measure
from .numbers import NUMBER

ALLOCATED = "participants allocated"  # the endpoint concept every allocation count shares
_CUES = ("assign", "allocat", "randomi")  # cheap: a sentence without them allocates no one

# the allocation verb: "were randomly assigned", "was randomised", "patients assigned to", "randomized (1:1) to"
_VERB = re.compile(
    r"\b(?:were|was|been)\s+(?P<v1>(?:randomly\s+)?(?:assigned|allocated)|randomi[sz]ed)\b"
    r"|\b(?P<v2>(?:randomly\s+)?(?:assigned|allocated)|randomi[sz]ed)(?=\s+(?:\([^()]*\)\s+)?(?:to|into)\b)",
    re.IGNORECASE,
)
_SUBJECT_UNIT = re.compile(SUBJECT_NOUNS, re.IGNORECASE)
# between the total and its verb, brackets removed: "with acute ischaemic stroke were"
_TO_VERB = re.compile(r"(?:\s*[\w-]+(?:\s+[\w-]+){0,5})?\s*", re.IGNORECASE)
# the arm after "to": "to receive risperidone", "to either treatment with X", "to primary PCI"
_ARM_AFTER = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:to|into)\s+(?:(?:receive|either|the|a|an)\s+)*(?:treatment\s+with\s+)?"
                        r"(?P<arm>[^(),;.]{1,60}?)(?=\s*(?:[(),;.]|\band\b|\bor\b|\bversus\b|\bvs\b|$))", re.IGNORECASE)
# the arm before a bracketed count: "risperidone (49 children)", "or placebo (n = 51)"
_ARM_BEFORE = re.compile(r"(?:\bto\s+(?:(?:receive|either|the|a|an)\s+)*|\bor\s+|\band\s+|\bwith\s+|,\s*)"
                         r"(?P<arm>(?:(?!\b(?:to|or|and|with|receive|either)\s)[^(),;]){1,60}?)\s*\(\s*(?:n\s*=\s*)?$", re.IGNORECASE)
_AFTER_A_NAME = re.compile(r"[\w%+)\]]\s*\(\s*(?:n\s*=\s*)?$", re.IGNORECASE)  # not a list marker: "groups: (1) ..."
_CLOSES = re.compile(r"\s*[)\]]")
# "and 54 patients to primary PCI", "and 67 to receive standard care"
_NEXT_ARM = re.compile(r"(?:\band|,|;|\bwhereas|\bwhile)\s*$", re.IGNORECASE)
_COUNT_THEN_ARM = re.compile(r"(?:\s+[\w-]+)?(?:\s+were\s+(?:randomly\s+)?(?:assigned|allocated|randomi[sz]ed))?(?=\s+to\b)", re.IGNORECASE)
_ANOTHER_COUNT = re.compile(rf"\s*,?\s*(?:and\s+)?{NUMBER}\b", re.IGNORECASE)
_NO_DIGITS_BRACKET = re.compile(r"\s*\([^()\d]*\)")


@dataclass(frozen=True, slots=True)
class Allocation:
    """A count of participants allocated, with the verb that says so and the arm, if named."""

    verb_start: int
    verb_end: int
    arm: str | None


def allocation_verbs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where ``text[start:end]`` says participants were allocated (the verb's words)."""
    sentence = text[start:end].lower()
    if not any(cue in sentence for cue in _CUES):
        return []
    found = []
    for match in _VERB.finditer(text, start, end):
        group = "v1" if match.group("v1") else "v2"
        found.append((match.start(group), match.end(group)))
    return found


def allocation(text: str, measure: Measure, verbs: list[tuple[int, int]]) -> Allocation | None:
    """The allocation ``measure`` states, if it counts participants allocated in all (the verb's
    subject) or to one arm (a bracketed count after an arm, or "and 54 patients to PCI")."""
    if not verbs or not _a_headcount(measure):
        return None
    for verb_start, verb_end in verbs:
        if measure.end <= verb_start and _is_subject(text, measure.end, verb_start):
            return Allocation(verb_start, verb_end, _own_arm(text, verb_end))
    previous = [v for v in verbs if v[1] <= measure.start]
    if not previous:
        return None
    verb_start, verb_end = previous[-1]
    before = text[max(verb_end, measure.start - 80):measure.start]
    if _CLOSES.match(text, measure.end) and _AFTER_A_NAME.search(before) and (arm := _ARM_BEFORE.search(before)):
        return Allocation(verb_start, verb_end, arm.group("arm").strip())
    if _NEXT_ARM.search(before) and (then := _COUNT_THEN_ARM.match(text, measure.end)):
        arm = _ARM_AFTER.match(text, then.end())
        if arm:
            return Allocation(verb_start, verb_end, arm.group("arm").strip())
    return None


def _a_headcount(measure: Measure) -> bool:
    if measure.kind not in ("count", "bare") or measure.denominator is not None or measure.percent is not None:
        return False
    if measure.value is None or measure.value != measure.value.to_integral_value() or measure.value <= 0:
        return False
    return measure.unit is None or bool(_SUBJECT_UNIT.fullmatch(measure.unit))


def _is_subject(text: str, count_end: int, verb_start: int) -> bool:
    between = BRACKETED.sub(" ", text[count_end:verb_start])
    return "(" not in between and ")" not in between and bool(_TO_VERB.fullmatch(between))


def _own_arm(text: str, verb_end: int) -> str | None:
    """The arm of a subject count: "63 were randomly assigned to receive transfusions and 67 to ..."
    names one arm; "98 patients were randomly assigned to placebo (n = 51) or ..." is the total."""
    arm = _ARM_AFTER.match(text, verb_end)
    if not arm:
        return None
    position = arm.end()
    while (bracket := _NO_DIGITS_BRACKET.match(text, position)) is not None:  # "streptokinase (SK)"
        position = bracket.end()
    return arm.group("arm").strip() if _ANOTHER_COUNT.match(text, position) else None
