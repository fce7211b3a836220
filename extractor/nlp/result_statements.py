"""Results read from whole statements: "N of M patients had X", "X occurred in N", "X was seen in N%",
"the median X was V", ratios ("HR 0.61, 95% CI ..."), and "... V1 and V2, respectively".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal

from ..records import Result, Statistic
from .clauses import clauses
from .endpoint_slots import can_name_an_endpoint
from .endpoints import normalise_endpoint
from .guarded import guarded
from .intervals import BARE_CI_AFTER, CI_AFTER, RANGE_AFTER, p_after
from .numbers import DIGITS, NUMBER, to_decimal, to_int
from .timeframes import find_time_frame

SectionOf = Callable[[int], "str | None"]


SUBJECT_WORDS = r"(?:patients?|participants?|subjects?|persons?|people|individuals?|children|adults?|women|men|infants?|recipients?|cases?)"


_PERCENT = r"(?:%|\s*percent\b|\s*per\s*cent\b)"


_COUNT_VERBS = {
    # verb -> keep the verb in the endpoint text?
    "had": False, "has": False, "have": False, "developed": False, "experienced": False, "achieved": False,
    "attained": False, "showed": False, "exhibited": False, "reported": False, "remained in": False,
    "remained": False, "reached": False, "presented with": False, "were in": False,
    "died": True, "relapsed": True, "responded": True, "recovered": True, "discontinued": True,
    "withdrew": True, "required": True, "underwent": True, "received": True, "progressed": True,
}


_VERB = "|".join(sorted((re.escape(v).replace(r"\ ", r"\s+") for v in _COUNT_VERBS), key=len, reverse=True))


_LEAD_IN = r"(?:[^,;]*?\b(?:that|which|whom|after\s+[^,;]+?,)\s+)?"


COUNT = re.compile(
    rf"^{_LEAD_IN}(?P<value>(?P<all>[Aa]ll\s+)?(?P<n>{NUMBER})(?:\s+of\s+(?:the\s+)?(?P<d>{NUMBER}))?"
    rf"(?:\s+(?:\w+\s+)?(?P<noun>{SUBJECT_WORDS}))?)(?:\s*\((?P<pct>{DIGITS})\s*%\))?\s+(?P<verb>{_VERB})\b\s*(?P<rest>.*)$",
    re.DOTALL,
)


_OCCURRED_VERBS = ("occurred", "observed", "reported", "seen", "noted", "developed")


OCCURRED_IN = re.compile(
    rf"^(?P<ep>.+?)\s+(?:occurred|was\s+observed|were\s+observed|was\s+reported|were\s+reported|was\s+seen|were\s+seen|"
    rf"was\s+noted|were\s+noted|developed)\s+in\s+(?P<value>(?P<n>{NUMBER})(?:\s+of\s+(?:the\s+)?(?P<d>{NUMBER}))?"
    rf"(?:\s+(?P<noun>{SUBJECT_WORDS}))?)(?:\s*\((?P<pct>{DIGITS})\s*%\))?",
    re.DOTALL,
)


PROPORTION = re.compile(
    rf"^{_LEAD_IN}(?P<ep>[^,;]+?)\s+(?:was|were|is|are|of|reached|was\s+estimated\s+at|increased\s+to|"
    rf"decreased\s+to|rose\s+to|fell\s+to)\s+(?:approximately\s+|about\s+|nearly\s+)?(?P<value>(?P<v>{DIGITS}){_PERCENT})",
    re.DOTALL,
)


PERCENT_OF = guarded(
    rf"(?P<value>(?P<v>{DIGITS}){_PERCENT})\s+of\s+(?:the\s+)?(?:\w+\s+)?(?P<noun>{SUBJECT_WORDS})\s+(?:who\s+)?"
    rf"(?P<verb>{_VERB})\b\s*(?P<rest>[^,;]*)",
    re.DOTALL,
)


MEDIAN = guarded(
    rf"\b(?P<stat>[Mm]edian|[Mm]ean)\s+(?:(?P<ep>[^,;]{{1,80}}?)\s+(?:was|were|of|is)\s+|of\s+)"
    rf"(?P<value>(?P<v>{DIGITS})\s*(?P<unit>months?|years?|weeks?|days?|hours?|%|points?|kg|mg/dl|mm\s*Hg)?)"
    rf"(?:\s+of\s+(?P<ep2>[\w -]{{3,40}}?)(?=[\s,;.]|$))?",
    re.DOTALL,
)


RATIO = guarded(
    rf"(?P<stat>(?i:hazard\s+ratio|odds\s+ratio|relative\s+risk|risk\s+ratio|incidence\s+rate\s+ratio|rate\s+ratio|"
    rf"(?:(?:mean|absolute|risk|adjusted|between-group|median)\s+)?difference)|HR|OR|RR|IRR|aHR|aOR)"
    rf"(?:\s*[(\[]\s*(?:a?HR|a?OR|RR|IRR|MD|RD)\s*[)\]])?(?:\s+(?:for|in)\s+(?P<ep>[^,;()]{{3,60}}?))?\s*(?:,|:|=|was|of)?\s*"
    rf"(?P<value>(?P<v>{DIGITS})(?:\s*(?P<unit>%|°C|percentage\s+points?|[A-Za-z/]{{1,12}})(?=\s*[;,)(\[]))?)",
)


RESPECTIVELY = re.compile(
    rf"^(?P<subj>[^;]+?)\s+(?:were|was)\s+(?P<vals>(?:{DIGITS}(?:{_PERCENT})?(?:\s*,\s*|\s*,?\s+and\s+))+{DIGITS})"
    rf"\s*(?P<unit>%|percent|months|years|weeks|days)?,?\s+respectively",
    re.DOTALL,
)


_ARM = re.compile(r"^\s*(?:with|in|among|for)\s+(?:the\s+)?(?P<arm>[\w\s+/-]{2,40}?)\s+(?:group|arm|cohort)\b")


_DETERMINER = re.compile(r"^(?:the|a|an|this|these|those|their|its)\s+", re.IGNORECASE)


_STAT_NAMES = {
    "hazard ratio": Statistic.HAZARD_RATIO, "hr": Statistic.HAZARD_RATIO, "ahr": Statistic.HAZARD_RATIO,
    "odds ratio": Statistic.ODDS_RATIO, "or": Statistic.ODDS_RATIO, "aor": Statistic.ODDS_RATIO,
    "relative risk": Statistic.RELATIVE_RISK, "risk ratio": Statistic.RELATIVE_RISK, "rr": Statistic.RELATIVE_RISK,
    "incidence rate ratio": Statistic.RATE_RATIO, "rate ratio": Statistic.RATE_RATIO, "irr": Statistic.RATE_RATIO,
}


def statement_results(text: str, s_start: int, s_end: int, section_of: SectionOf) -> Iterator[Result]:
    sentence = text[s_start:s_end]
    covered: list[tuple[int, int]] = []
    respectively = RESPECTIVELY.match(sentence)
    if respectively:
        for result in _respectively(text, s_start, respectively, section_of):
            covered.append((result.start, result.end))
            yield result
    for c_start, c_end in clauses(text, s_start, s_end):
        clause = text[c_start:c_end]
        for rule in (_count, _occurred_in, _proportion):
            result = rule(text, c_start, c_end, clause, section_of)
            if result and not _inside(covered, result):
                covered.append((result.start, result.end))
                yield result
                break
    for rule in (_percent_of, _median, _ratio):
        for result in rule(text, s_start, sentence, section_of):
            if not _inside(covered, result):
                covered.append((result.start, result.end))
                yield result


def _inside(covered: list[tuple[int, int]], result: Result) -> bool:
    return any(start <= result.start < end or start < result.end <= end for start, end in covered)


def _count(text: str, c_start: int, c_end: int, clause: str, section_of: SectionOf) -> Result | None:
    match = COUNT.match(clause)
    if not match:
        return None
    verb = " ".join(match.group("verb").split())
    rest = match.group("rest").strip().rstrip(".")
    endpoint_text = _clean_endpoint(f"{verb} {rest}" if _COUNT_VERBS.get(verb, True) else rest)
    return _counted(text, c_start, match, endpoint_text, rest, bool(match.group("all")), section_of,
                   "results: N (of M) had the outcome")


def _occurred_in(text: str, c_start: int, c_end: int, clause: str, section_of: SectionOf) -> Result | None:
    if "in" not in clause or not any(verb in clause for verb in _OCCURRED_VERBS):  # cheap: what the rule needs
        return None
    match = OCCURRED_IN.match(clause)
    if not match:
        return None
    return _counted(text, c_start, match, _clean_endpoint(match.group("ep")), clause, False, section_of,
                   "results: the outcome occurred in N")


def _counted(text: str, c_start: int, match: re.Match[str], endpoint_text: str | None, frame_text: str,
             everyone: bool, section_of: SectionOf, rule: str) -> Result | None:
    """A Count result from a COUNT or OCCURRED_IN match ("all N" means N of N)."""
    count = to_int(match.group("n"))
    if count is None or not endpoint_text:
        return None
    denominator = to_int(match.group("d")) if match.group("d") else (count if everyone else None)
    frame = find_time_frame(frame_text)
    value_start = c_start + match.start("value")
    return Result(
        start=value_start,
        end=c_start + match.end("value"),
        text=match.group("value"),
        statistic=Statistic.COUNT,
        value=Decimal(count),
        unit=_unit_of(match.group("noun")),
        endpoint_text=endpoint_text,
        endpoint=normalise_endpoint(endpoint_text),
        section=section_of(value_start),
        count=count,
        denominator=denominator,
        time_frame=frame[0] if frame else None,
        arm_text=arm_after(text, c_start + match.end()),
        rule=rule,
    )


def _proportion(text: str, c_start: int, c_end: int, clause: str, section_of: SectionOf) -> Result | None:
    if not _may_name_a_percentage(clause):
        return None
    match = PROPORTION.match(clause)
    if not match:
        return None
    endpoint_text = _clean_endpoint(match.group("ep"))
    return _valued(text, c_start, match, Statistic.PROPORTION, "%", endpoint_text, section_of, "results: the outcome in N%")


def _percent_of(text: str, s_start: int, sentence: str, section_of: SectionOf) -> Iterator[Result]:
    if not _may_name_a_percentage(sentence):
        return
    for match in PERCENT_OF.finditer(sentence):
        verb = " ".join(match.group("verb").split())
        rest = match.group("rest").strip()
        endpoint_text = _clean_endpoint(f"{verb} {rest}" if _COUNT_VERBS.get(verb, True) else rest)
        if endpoint_text:
            yield _valued(text, s_start, match, Statistic.PROPORTION, "%", endpoint_text, section_of, "results: N% had the outcome")


def _may_name_a_percentage(words: str) -> bool:
    """Cheap: the percentage rules need "%", "percent" or "per cent" (_PERCENT)."""
    return "%" in words or "per" in words


def _median(text: str, s_start: int, sentence: str, section_of: SectionOf) -> Iterator[Result]:
    if "ean" not in sentence and "edian" not in sentence:
        return
    for match in MEDIAN.finditer(sentence):
        endpoint_text = _clean_endpoint(match.group("ep") or match.group("ep2") or "")
        if not endpoint_text:
            continue
        unit = match.group("unit")
        statistic = Statistic.MEDIAN if match.group("stat").lower() == "median" else Statistic.MEAN
        yield _valued(text, s_start, match, statistic, _plural_unit(unit), endpoint_text, section_of,
                     "results: the median or mean outcome was V")


def _ratio(text: str, s_start: int, sentence: str, section_of: SectionOf) -> Iterator[Result]:
    for match in RATIO.finditer(sentence):
        endpoint_text = _clean_endpoint(match.group("ep") or _endpoint_before(sentence, match.start()) or "")
        name = " ".join(match.group("stat").lower().split())
        statistic = Statistic.DIFFERENCE if name.endswith("difference") else _STAT_NAMES[name]
        yield _valued(text, s_start, match, statistic, match.group("unit"), endpoint_text or None, section_of,
                     "results: a ratio with its interval")


def _respectively(text: str, s_start: int, match: re.Match[str], section_of: SectionOf) -> Iterator[Result]:
    subjects = [s for s in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", match.group("subj")) if s.strip()]
    values = list(re.finditer(DIGITS, match.group("vals")))
    if len(subjects) != len(values) or len(values) < 2:
        return
    unit_text = match.group("unit") or ("%" if "%" in match.group("vals") or "percent" in match.group("vals") else None)
    unit = "%" if unit_text in ("%", "percent") else _plural_unit(unit_text)
    statistic = Statistic.PROPORTION if unit == "%" else Statistic.MEDIAN if unit else Statistic.COUNT
    subj_offset = s_start + match.start("subj")
    for subject, value in zip(subjects, values):
        endpoint_text = _clean_endpoint(subject)
        value_start = s_start + match.start("vals") + value.start()
        frame = find_time_frame(subject)
        yield Result(
            start=value_start,
            end=value_start + len(value.group()),
            text=value.group(),
            statistic=statistic,
            value=to_decimal(value.group()),
            unit=unit,
            endpoint_text=endpoint_text,
            endpoint=normalise_endpoint(endpoint_text),
            section=section_of(subj_offset),
            time_frame=frame[0] if frame else None,
            rule="results: values for several outcomes, respectively",
        )


def _valued(text: str, base: int, match: re.Match[str], statistic: str, unit: str | None,
            endpoint_text: str | None, section_of: SectionOf, rule: str) -> Result:
    """A result with a value, reading the CI, range, p value and arm that follow it."""
    value_start = base + match.start("value")
    end = base + match.end("value")
    after = text[end:end + 200]
    ci_level = ci_lower = ci_upper = range_lower = range_upper = None
    ci = CI_AFTER.match(after) or BARE_CI_AFTER.match(after)
    ranged = RANGE_AFTER.match(after)
    if ranged:
        range_lower, range_upper = to_decimal(ranged.group("lo")), to_decimal(ranged.group("hi"))
        end += ranged.end()
    elif ci:
        ci_lower, ci_upper = to_decimal(ci.group("lo")), to_decimal(ci.group("hi"))
        level = ci.groupdict().get("level")
        ci_level = to_decimal(level) if level else None
        end += ci.end()
    p_value = p_after(text, end, len(text))
    frame = find_time_frame(endpoint_text or "") or find_time_frame(text[end:end + 40])
    return Result(
        start=value_start,
        end=end,
        text=text[value_start:end],
        statistic=statistic,
        value=to_decimal(match.group("v")),
        unit=unit,
        endpoint_text=endpoint_text,
        endpoint=normalise_endpoint(endpoint_text) if endpoint_text else None,
        section=section_of(value_start),
        ci_lower=ci_lower,
        ci_upper=ci_upper,
        ci_level=ci_level,
        range_lower=range_lower,
        range_upper=range_upper,
        time_frame=frame[0] if frame else None,
        arm_text=arm_after(text, end),
        p_value=p_value,
        rule=rule,
    )


def arm_after(text: str, position: int) -> str | None:
    match = _ARM.match(text[position:position + 80])
    return " ".join(match.group("arm").split()) if match else None


def _endpoint_before(sentence: str, position: int) -> str | None:
    """For "... of death (hazard ratio, 0.6 ...)": the few words before the statistic."""
    head = sentence[:position].rstrip(" ,;(")
    match = re.search(r"(?:for|of|in)\s+(?P<ep>[^,;()]{3,60})$", head)
    return match.group("ep") if match else None


def _clean_endpoint(text: str) -> str | None:
    text = " ".join(text.split()).strip(" ,;:.")
    text = re.sub(r"\s*\([^)]*\)$", "", text)  # "(at 3.7 months)" is the time frame, not the endpoint
    while True:
        stripped = _DETERMINER.sub("", text)
        if stripped == text:
            break
        text = stripped
    return text if text and can_name_an_endpoint(text, short_groups_only=True) else None


def _unit_of(noun: str | None) -> str:
    if not noun:
        return "patients"
    noun = noun.lower()
    return noun if noun.endswith(("s", "people", "children", "men", "women")) else noun + "s"


def _plural_unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    unit = " ".join(unit.split())
    if unit in ("%", "kg", "mg/dl", "mm Hg"):
        return unit
    return unit if unit.endswith("s") else unit + "s"
