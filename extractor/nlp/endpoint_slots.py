"""Where a value's endpoint is named, from the shape of its sentence.

Result sentences name what a value measures in a few recurring places, tried in this order:

- after a list of values: "1.3 percent and 1.1 percent for mortality" (after a single value, "for X"
  names an arm far more often: "10.6 % for aripiprazole"), or
  the events counted: "499 (18%) and 447 (16%) deaths";
- before the parenthesis holding the values: "leukopenia (37.3 % vs. 9.5 %), fever (25.2 % ...)";
- before "in"/"of" and the value: "complete reperfusion in 88 % of patients";
- what counted people did: "Two patients in the coumadin group (5.7 %) experienced excessive blood loss";
- the subject the value is predicated of: "Wakings per night were 0.35 ..." (or an outcome
  phrase between its verb and the value).

Each finder returns a character span or None; the caller falls back to the nearest outcome
phrase. Groups, arms, statistic names, comparisons and pronouns are refused as names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .guarded import guarded
from .measures import EVENT_NOUNS
from .numbers import DIGITS

Span = tuple[int, int]

_AFTER_VALUES = re.compile(
    rf"^(?:\s*%|\s*percent\b|\s*per\s*cent\b)?(?P<more>(?:\s*(?:,|and|vs\.?|versus|or)\s*{DIGITS}\s*(?:%|percent\b)?)*)"
    rf"\s*,?\s+(?:for|of)\s+(?:the\s+|a\s+|an\s+)?(?P<x>[A-Za-z][^,;:()\[\]]{{1,80}}?)\s*(?=[,;:.()\[\]]|\s+and\s+{DIGITS}|$)")
_NOT_ENDPOINT_HEAD = re.compile(
    r"\b(?:groups?|arms?|cohorts?|patients?|participants?|subjects?|children|adults?|women|men|individuals?|persons?|"
    r"people|infants?|recipients?|controls?|placebo|treatments?|therapy|drugs?|agents?|regimens?|each|both|all|them|"
    r"those|us)\s*$", re.IGNORECASE)
_BOUNDARY = re.compile(r"[,;:]|\s(?:and|or|but|whereas|while)\s", re.IGNORECASE)
_PREDICATE = re.compile(
    r"\s(?:was|were|is|are|had|has|have|showed|shown|compared|versus|vs\.?|than|with|in|among|between|from|to|by|"
    r"declined|improved|increased|decreased|reduced|changed|rose|fell|occurred|remained|reached|achieved|"
    r"experienced|developed|suffered|reported|found|observed|seen|noted)\s", re.IGNORECASE)
_SUBJECT_VERB = guarded(
    r"\s(?:was|were|is|are|occurred|declined|improved|increased|decreased|changed|rose|fell|remained|averaged|"
    r"reached|ranged)\b", re.IGNORECASE)
_POPULATION_BEFORE = re.compile(
    r"(?:\b(?:patients?|subjects?|participants?|children|those|women|men|individuals|people|adults)\s+(?:with(?:out)?|who\s+had)"
    r"|\b(?:among|between|in)(?:\s+(?:the|a|an))?)\s+(?:[\w-]+\s+(?:and|or)\s+)?$", re.IGNORECASE)
PRONOUNS = frozenset({"there", "they", "it", "this", "these", "those", "which", "who", "he", "she", "we"})
_NOT_NAMES = PRONOUNS | {"results", "result", "among", "both", "each", "all"}
_EVENTS_AFTER = re.compile(
    rf"(?:\s*[(\[][^()\[\]]{{0,20}}[)\]])?(?:\s*(?:,|and|vs\.?|versus|or)\s*{DIGITS}(?:\s*[(\[][^()\[\]]{{0,20}}[)\]])?)*"
    rf"\s+(?P<x>(?:[a-z-]+\s+)?{EVENT_NOUNS})\b")
_LISTED_BEFORE = re.compile(rf"{DIGITS}\s*(?:%|percent\b|per\s*cent\b)?\s*(?:,|and|vs\.?|versus|or)\s*$")
_NAMED_GROUP = re.compile(r"\b([A-Za-z][\w-]*)\s+(?:group|arm)s?\b")
_FUNCTION_WORDS = {"in", "with", "for", "of", "to", "from", "by", "on", "at", "as", "than", "versus", "vs", "vs.", "and", "or",
                   "but", "after", "before", "during", "p", "group", "groups", "arm"}
_PREDICATE_WORDS = {"similar", "higher", "lower", "comparable", "different", "significant", "unchanged", "greater",
                    "less", "more", "better", "worse", "superior", "inferior", "noninferior", "lowest", "highest",
                    "present", "absent", "common", "rare", "frequent", "evident", "apparent", "seen", "found"}
_NOT_ENDPOINT = re.compile(r"\bcompared\s+(?:with|to)\b|\b[Pp]\s*[<=>]|\b(?:receiving|assigned|randomi[sz]ed|allocated)\b|"
                           r"\b\d+\s+of\s+\d+\b|\d\s*%")
_STATISTIC_NAME = re.compile(r"(?:(?:adjusted|overall|pooled|mean|median|absolute|relative)\s+)?(?:(?:hazard|odds|risk|rate|"
                             r"incidence\s+rate)\s+ratios?|relative\s+risk|(?:risk\s+)?differences?|HR|OR|RR|IRR|aHR|aOR|"
                             r"value|values|rate|rates|proportion|percentage|mean|median)", re.IGNORECASE)
# the words before the values name an arm: "fewer infarctions with ZES (...)", "... with ZES versus PES (...)",
# "more insulin resistant than Ctr (...)"
_ARM_BEFORE = re.compile(r"\s(?:(?:with|receiving|given|on|for)\s+(?:the\s+)?(?:[\w-]+\s+(?:versus|vs\.?|and|or)\s+)?|than\s+(?:the\s+)?)$",
                         re.IGNORECASE)
_LIST_WORDS = re.compile(r"\b(?:versus|vs|and|or|to|total|rate|mean|median|range|IQR|percent|per\s*cent|n)\b", re.IGNORECASE)
_PREPOSITION_BEFORE = re.compile(r"(?<=[A-Za-z0-9)])\s+(?:in|of)\s+(?:the\s+)?$")
_PEOPLE = r"(?:patients?|participants?|subjects?|children|adults?|women|men|infants?|individuals|persons|people|cases|eyes)"
_IN_POPULATION = re.compile(rf"\s+(?:in|among)\s+(?:the\s+|all\s+|both\s+)?(?:[a-z-]+\s+)?(?:{_PEOPLE}|controls)$", re.IGNORECASE)
_COUNTED = re.compile(
    rf"(?:\s*\([^()]{{0,30}}\))?(?:\s+of\s+(?:the\s+|these\s+)?{DIGITS})?(?:\s+(?!(?:for|in|on|with|to|at|by|after|who|that|which)\b)[a-z-]+)?"
    rf"(?:\s+{_PEOPLE})?"
    rf"(?:\s+(?:in|from|of|on)\s+the\s+[\w\s-]{{1,30}}?\s+(?:group|arm|cohort))?(?:\s*\([^()]{{0,30}}\))?\s+"
    rf"(?P<vp>(?!(?:were|was|received|who|with|in|of|and|or|to|had\s+been)\b)(?:had|have|has|showed|met|reached|"
    rf"dropped\s+out|crossed\s+over|[a-z]+ed)\b[^,;.()\[\]]{{0,60}}?)(?=\s*(?:[,;.()\[\]]|\s(?:compared|versus|vs\.?|than|"
    rf"after|during|because|while|whereas|but)\b|$))")
_GROUP_TAIL = re.compile(r"\s+(?:in|among|for|of|from)\s+(?:the\s+|both\s+|all\s+)?[\w\s-]{0,40}?\b(?:groups?|arms?|cohorts?|"
                         r"patients|subjects|participants|controls)$", re.IGNORECASE)
_LEAD = re.compile(r"^(?:(?:RESULTS?|FINDINGS|CONCLUSIONS?)\s*:?\s+|(?:the|a|an|also|overall|mean|median|total)\s+)+", re.IGNORECASE)
_DIGIT_START = re.compile(r"^[\d.,±+-]")
_MAX_WORDS = 12


def endpoint_span(text: str, s_start: int, s_end: int, value_start: int, value_end: int,
                  arms: Sequence[Span] = (), outcomes: Sequence[Span] = ()) -> Span | None:
    """The words naming what the value at ``value_start:value_end`` measures, if the sentence's
    shape shows them (see the module docstring)."""
    named = _Arms(text, s_start, s_end, arms)
    return (_named_after(text, value_start, value_end, s_end, named) or _before_parenthesis(text, s_start, value_start, named)
            or _before_preposition(text, s_start, value_start, named) or _counted_predicate(text, value_end, s_end, named)
            or _subject(text, s_start, value_start, named, outcomes))


class _Arms:
    """The sentence's arms: intervention spans, and names used as "<name> group"."""

    def __init__(self, text: str, s_start: int, s_end: int, spans: Sequence[Span]) -> None:
        self.spans = spans
        self.names = {m.group(1).lower() for m in _NAMED_GROUP.finditer(text, s_start, s_end)}

    def cover(self, text: str, start: int, end: int) -> bool:
        """Whether arms make up most of ``text[start:end]`` ("Diazepam and midazolam")."""
        phrase = text[start:end]
        if phrase.lower() in self.names or all(w.lower() in self.names | {"and", "or", "both"} for w in phrase.split()):
            return True
        covered = sum(min(end, a[1]) - max(start, a[0]) for a in self.spans if a[0] < end and start < a[1])
        return covered >= 0.6 * len(phrase.replace(" and ", "").replace(" ", ""))


def _before_preposition(text: str, s_start: int, value_start: int, arms: _Arms) -> Span | None:
    """"the presence of TIMI 3 flow in 96 % of patients", "an average fluence of 40.33"."""
    match = _PREPOSITION_BEFORE.search(text, max(s_start, value_start - 12), value_start)
    if match is None:
        return None
    return _phrase_back(text, s_start, match.start(), arms)


def _counted_predicate(text: str, value_end: int, s_end: int, arms: _Arms) -> Span | None:
    """"Two patients in the coumadin group (5.7 %) experienced excessive blood loss": what the
    counted people did or had."""
    match = _COUNTED.match(text, value_end, s_end)
    if match is None:
        return None
    return _accepted(text, match.start("vp"), match.end("vp"), arms, verb_phrase=True)


def _named_after(text: str, value_start: int, value_end: int, s_end: int, arms: _Arms) -> Span | None:
    events = _EVENTS_AFTER.match(text, value_end, s_end)
    if events:  # "499 (18%) and 447 (16%) deaths"
        return events.start("x"), events.end("x")
    match = _AFTER_VALUES.match(text[value_end:s_end])
    if not match or not (match.group("more") or _LISTED_BEFORE.search(text, max(0, value_start - 40), value_start)):
        return None  # one value "for X": X is usually an arm
    start, end = value_end + match.start("x"), value_end + match.end("x")
    return _accepted(text, start, end, arms)


def _before_parenthesis(text: str, s_start: int, value_start: int, arms: _Arms) -> Span | None:
    opening = _open_bracket(text, s_start, value_start)
    if opening is None:
        return None
    between = _LIST_WORDS.sub(" ", text[opening + 1:value_start])
    if re.search(r"[A-Za-z]{4,}", between):
        return None  # "(34 of 49 children had ...)": a clause of its own, not a list of values
    head_end = opening
    while head_end > s_start and text[head_end - 1] == " ":
        head_end -= 1
    population = _IN_POPULATION.search(text, max(s_start, head_end - 40), head_end)
    if population is not None:  # "reduced airways resistance in patients (0.53 versus 0.38)": who, not what
        head_end = population.start()
    if head_end <= s_start or not text[head_end - 1].isalnum() and text[head_end - 1] != ")":
        return None
    phrase = _phrase_back(text, s_start, head_end, arms)
    if phrase is None or phrase[1] - phrase[0] > 60:
        return phrase
    arm = _ARM_BEFORE.search(text, max(s_start, phrase[0] - 30), phrase[0])
    # "fewer infarctions with ZES (0.5 % vs. 2.2 %)": the words before the values name the arm
    return phrase if arm is None else _phrase_back(text, s_start, arm.start(), arms)


def _subject(text: str, s_start: int, value_start: int, arms: _Arms, outcomes: Sequence[Span] = ()) -> Span | None:
    """The subject of the last "X was/were/declined ..." before the value, back to a clause boundary."""
    verbs = list(_SUBJECT_VERB.finditer(text, s_start, value_start))
    if not verbs:
        return None
    verb = verbs[-1]
    between = [o for o in outcomes if verb.end() <= o[0] and o[1] <= value_start
               and not _POPULATION_BEFORE.search(text, max(s_start, o[0] - 40), o[0])]  # "among patients with AF"
    if between:  # "ZES was noninferior to PES with rates of target vessel failure 6.6 %"
        nearest = max(between, key=lambda o: o[1])
        return nearest[0], nearest[1]
    start = s_start
    for boundary in _BOUNDARY.finditer(text, s_start, verb.start()):
        start = boundary.end()
    return _accepted(text, start, verb.start(), arms)


def _open_bracket(text: str, s_start: int, position: int) -> int | None:
    """The innermost bracket still open at ``position`` in the sentence."""
    stack: list[int] = []
    for index in range(s_start, position):
        char = text[index]
        if char in "([":
            stack.append(index)
        elif char in ")]" and stack:
            stack.pop()
    return stack[-1] if stack else None


def _phrase_back(text: str, s_start: int, end: int, arms: _Arms) -> Span | None:
    """The phrase ending at ``end``, back to the nearest list boundary or predicate word."""
    window_start = max(s_start, end - 160)
    start = window_start
    for pattern in (_BOUNDARY, _PREDICATE):
        for match in pattern.finditer(text, window_start, end):
            start = max(start, match.end())
    if _POPULATION_BEFORE.search(text, max(s_start, start - 40), start):
        return None  # "among patients with AF and CHF (154 ...)": who was measured, not what
    return _accepted(text, start, end, arms)


def _accepted(text: str, start: int, end: int, arms: _Arms, verb_phrase: bool = False) -> Span | None:
    """The span trimmed of lead words, if it can name an endpoint (not a group, an arm or a number).
    A ``verb_phrase`` (what counted people did) may end in a treatment word: "completed the regimen"."""
    phrase = text[start:end]
    lead = _LEAD.match(phrase.lstrip())
    start += len(phrase) - len(phrase.lstrip()) + (lead.end() if lead else 0)
    phrase = text[start:end].rstrip(" ,")
    tail = _GROUP_TAIL.search(phrase)
    if tail and tail.start() > 0:
        phrase = phrase[:tail.start()]  # "success rate in the imidapril group"
    end = start + len(phrase)
    words = phrase.split()
    if not words or len(words) > _MAX_WORDS or not re.search(r"[A-Za-z]{2,}", phrase) or _DIGIT_START.match(phrase):
        return None
    if verb_phrase:
        if _NOT_ENDPOINT.search(phrase) or len(words) == 1:
            return None
    elif not can_name_an_endpoint(phrase):
        return None
    if arms.cover(text, start, end):
        return None  # "Diazepam and midazolam were ...": the arms, not an endpoint
    return start, end


def can_name_an_endpoint(phrase: str, short_groups_only: bool = False) -> bool:
    """Whether words can name what was measured: not a group, a comparison, a bare predicate or a value.
    With ``short_groups_only`` a phrase ending in a group word is refused only when short ("the placebo
    group"), as a rule's longer reading may end in one ("remission after CAR T-cell therapy")."""
    words = phrase.split()
    if not words:
        return False
    first = words[0].lower()
    if first in _NOT_NAMES or first in _FUNCTION_WORDS or _NOT_ENDPOINT.search(phrase):
        return False
    if _NOT_ENDPOINT_HEAD.search(phrase) and (len(words) <= 3 or not short_groups_only):
        return False
    if _STATISTIC_NAME.fullmatch(phrase):
        return False  # "The hazard ratio was 0.78": the statistic, not what it measures
    return not (len(words) == 1 and (first in _PREDICATE_WORDS or first.endswith("ed")))


def named_after(text: str, s_start: int, s_end: int, value_start: int, value_end: int,
                arms: Sequence[Span] = ()) -> Span | None:
    """The endpoint a value list names after itself ("... 1.1 percent for mortality"), if any."""
    return _named_after(text, value_start, value_end, s_end, _Arms(text, s_start, s_end, arms))
