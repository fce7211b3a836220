"""Results: every number a document states about an outcome, with its endpoint, CI, time frame and arm.

Rules work on the raw text of each sentence and clause (fast, offsets exact); each rule
produces :class:`Result` records whose ``start``/``end`` select the words stating the value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from decimal import Decimal

from ..records import BACK_MATTER, TABLE, Result, Statistic
from .allocation import ALLOCATED, Allocation, allocation, allocation_verbs
from .clauses import sentences
from .endpoint_slots import endpoint_span, named_after
from .endpoints import normalise_endpoint
from .guarded import guarded
from .intervals import p_after
from .measures import EVENT_NOUNS, Measure, MeasureKind, find_measures, is_citation_mark, may_state_a_value
from .respectively import spread_respectively
from .result_statements import SUBJECT_WORDS, SectionOf, arm_after, statement_results
from .roles import OTHER_WORK, READ_METHODS
from .spans import Intervals
from .timeframes import find_time_frame, place_time_frames

Outcome = tuple[int, int, str]  # start, end, normalised endpoint
# what a sentence read as methods states about how the study was done: doses, ages, schedules, baseline means
_HOW_IT_WAS_DONE = {MeasureKind.QUANTITY, MeasureKind.MEAN, MeasureKind.RANGE}
_NO_RESULT_SECTIONS = {"background", "methods", "objective", "registration", "funding", OTHER_WORK, BACK_MATTER}
_RESULT_CUE = guarded(r"%|±|\+/-|\b[Pp]\s*[<=>≤≥]|\bCI\b|confidence\s+interval|\bvs\.?\s|\bversus\b|\bcompared\b|"
                         r"\bsignificant|\brespectively\b|\bgroups?\b|\breduc|\bincreas|\bdecreas|\bimprov|"
                         r"\bhigher\b|\blower\b|\bdiffer|\bwhereas\b", re.IGNORECASE)
_NAMED_STATISTIC = re.compile(r"\b(?P<stat>median|mean|average)\b", re.IGNORECASE)
_ARM_WINDOW = 70
# "a trial of 10 patients", "58 patients were randomly assigned": who was studied, not a result
_ENROLLED_BEFORE = re.compile(r"\b(?:of|in|among|enrolled|included|recruited|randomi[sz]ed|studied|treated|total\s+of)\s+(?:the\s+)?$", re.IGNORECASE)
_EVENT_UNIT = re.compile(EVENT_NOUNS, re.IGNORECASE)
_SUBJECT_UNIT = re.compile(SUBJECT_WORDS, re.IGNORECASE)
_HAPPENED_IN = re.compile(r"\b(?:occurred|observed|seen|found|noted|reported|successful|unsuccessful|present|absent|"
                          r"effective|achieved|developed|resolved|failed|detected|documented)\s+(?:in|among)\s+(?:the\s+)?$", re.IGNORECASE)
_ENROLLED_AFTER = re.compile(r"\s*(?:\w+\s+){0,3}?(?:were|was|had\s+been)\s+(?:randomly\s+)?(?:assigned|randomi[sz]ed|enrolled|"
                             r"included|recruited|allocated|studied)\b", re.IGNORECASE)


def find_results(text: str, section_of: SectionOf, start: int = 0, end: int | None = None,
                 outcomes: Sequence[Outcome] = (), arms: Sequence[tuple[int, int]] = ()) -> list[Result]:
    """All results stated in ``text[start:end]``, in text order, without duplicates.

    Rules that read a whole statement ("the median overall survival was 14 months") give results
    with their endpoint; every other measure in a result sentence ("eight patients (1.3%)") becomes
    a result whose endpoint is the nearest outcome phrase in ``outcomes`` and whose arm is the
    nearest intervention in ``arms``.
    """
    found: dict[tuple[int, int, str], Result] = {}
    outcome_index = Intervals([(o[0], o[1]) for o in outcomes], outcomes)
    arm_index = Intervals(arms)
    for s_start, s_end in sentences(text, start, end):
        if section_of(s_start) == TABLE or not may_state_a_value(text, s_start, s_end):
            continue  # a table's cells are read with their row and column (table_results)
        ruled = list(statement_results(text, s_start, s_end, section_of))
        in_sentence = outcome_index.within(s_start, s_end)
        stated = sorted(_with_measures(text, s_start, s_end, ruled, section_of, in_sentence,
                                       arm_index.within(s_start, s_end)), key=lambda r: r.start)
        stated = spread_respectively(text, s_start, s_end, _parallel_endpoints(text, stated))
        for result in place_time_frames(text, s_start, s_end, stated):
            found.setdefault((result.start, result.end, result.statistic), result)
    return sorted((_scaled(text, r) for r in found.values()), key=lambda r: (r.start, r.end, r.statistic))


_SCALE = re.compile(r"(?P<n>\d+(?:\.\d+)?)\s+(?P<scale>million|billion)\b", re.I)
_SCALES = {"million": 1_000_000, "billion": 1_000_000_000}


def _scaled(text: str, result: Result) -> Result:
    """ "2 million people", "1.4 million": the value the words say, not the digits alone."""
    match = _SCALE.match(text, result.start)
    if match is None or result.value is None or Decimal(match.group("n")) != result.value:
        return result
    factor = _SCALES[match.group("scale").lower()]
    count = int(result.value * factor) if result.count is not None else None
    return replace(result, value=result.value * factor, count=count, end=max(result.end, match.end()),
                   text=text[result.start:max(result.end, match.end())], unit=None if result.unit == "patients" else result.unit)


# what joins two values stated for the same endpoint in different arms: "16.4 IU in the acarbose
# group and 22.4 IU in the placebo group", "(n = 1) had new infarcts compared with ... (n = 8)"
_PARALLEL = re.compile(r"[^;:.\d]{0,80}?(?:\b(?:and|versus|vs\.?|compared\s+(?:with|to)|than|while|whereas)\b)[^;:.\d]{0,60}$",
                       re.IGNORECASE)


def _parallel_endpoints(text: str, results: list[Result]) -> list[Result]:
    """A value with no endpoint of its own, joined to the value before it by a comparison ("and",
    "compared with", "versus"), measures the same endpoint as that value."""
    out: list[Result] = []
    for result in results:
        before = out[-1] if out else None
        if (before is not None and before.endpoint_start is not None and before.statistic == result.statistic
                and before.end <= result.start and _PARALLEL.match(text, before.end, result.start)
                and (result.endpoint_text is None or _between_values(text, before, result))):
            result = replace(result, endpoint_text=before.endpoint_text, endpoint=before.endpoint,
                             endpoint_start=before.endpoint_start, endpoint_end=before.endpoint_end)
        out.append(result)
    return out


def _between_values(text: str, before: Result, result: Result) -> bool:
    """The value's endpoint words name an arm between the two values ("7 of 51 in the BP group and
    24 of 44"), while the value before names its endpoint ahead of itself."""
    return (before.endpoint_end <= before.start and result.endpoint_start is not None
            and before.end <= result.endpoint_start and result.endpoint_end <= result.start
            and _NAMES_AN_ARM.match(text, result.endpoint_end) is not None)


_NAMES_AN_ARM = re.compile(r"\s*(?:group|arm|cohort)s?\b", re.IGNORECASE)


def _with_measures(text: str, s_start: int, s_end: int, ruled: list[Result], section_of: SectionOf,
                   outcomes: list[Outcome], arms: Sequence[tuple[int, int]]) -> Iterator[Result]:
    """Rule results re-spanned to the measure they state; uncovered measures as results of their own."""
    section = section_of(s_start)
    reporting = section not in _NO_RESULT_SECTIONS
    cue = reporting and bool(_RESULT_CUE.search(text, s_start, s_end))
    measures = find_measures(text, s_start, s_end, bare=cue) if reporting or ruled else []
    used: set[int] = set()
    verbs = allocation_verbs(text, s_start, s_end) if reporting else []
    for result in ruled:
        index = next((i for i, m in enumerate(measures) if i not in used and m.start <= result.start < m.end), None)
        if index is not None:
            used.add(index)
            result = _respan(text, result, measures[index])
        yield _locate_endpoint(text, s_start, s_end, result, outcomes, arms)
    if not reporting:
        return
    for index, measure in enumerate(measures):
        if index in used or measure.kind == MeasureKind.PAIR and measure.value is None and not outcomes:
            continue
        if any(r.start <= measure.start < r.end for r in ruled):
            continue
        allocated = allocation(text, measure, verbs)
        if allocated is not None:
            yield _allocated(text, measure, allocated, section_of)
            continue
        if _enrolment(text, measure):
            continue
        if is_citation_mark(text, measure):
            continue  # "Previous reports (4) and trials (5)": numbered references, not values
        if section == READ_METHODS and measure.kind in _HOW_IT_WAS_DONE:
            continue  # a dose, a baseline value, a schedule: how the study was done, not what it found
        yield _from_measure(text, s_start, s_end, measure, section_of, outcomes, arms)
    if verbs and not cue:  # lone numbers state nothing here, except a bracketed arm size: "or placebo (52)"
        for measure in find_measures(text, s_start, s_end, bare=True):
            if measure.kind == MeasureKind.BARE and not any(m.start < measure.end and measure.start < m.end for m in measures):
                allocated = allocation(text, measure, verbs)
                if allocated is not None:
                    yield _allocated(text, measure, allocated, section_of)


def _enrolment(text: str, measure: Measure) -> bool:
    """A bare count of people in a statement of who was studied ("a trial of 120 patients"), not a
    count of events ("a total of three deaths") nor of people something happened to ("was
    successful in 4 patients")."""
    if measure.kind != MeasureKind.COUNT or measure.denominator is not None or measure.percent is not None:
        return False
    if measure.unit and not _SUBJECT_UNIT.fullmatch(measure.unit):
        return False
    before = text[max(0, measure.start - 60):measure.start]
    if _ENROLLED_BEFORE.search(before[-30:]):
        return not _HAPPENED_IN.search(before)
    return bool(_ENROLLED_AFTER.match(text, measure.end))


def _respan(text: str, result: Result, measure: Measure) -> Result:
    """The rule's reading, with the measure's words and whatever numbers only the measure read."""
    start = min(result.start, measure.start)
    end = max(measure.end, result.end) if result.ci_lower is not None else measure.end  # keep a CI the rule read
    return replace(
        result, start=start, end=end, text=text[start:end],
        denominator=result.denominator if result.denominator is not None else measure.denominator,
        percent=measure.percent, spread=measure.spread, spread_kind=measure.spread_kind,
        ci_lower=result.ci_lower if result.ci_lower is not None else (measure.lower if measure.interval_kind == "CI" else None),
        ci_upper=result.ci_upper if result.ci_upper is not None else (measure.upper if measure.interval_kind == "CI" else None),
    )


def _from_measure(text: str, s_start: int, s_end: int, measure: Measure, section_of: SectionOf,
                  outcomes: list[Outcome], arms: Sequence[tuple[int, int]]) -> Result:
    outcome = _events_counted(text, measure) or _endpoint_of(text, s_start, s_end, measure.start, measure.end, outcomes, arms)
    statistic, unit = _statistic_of(text, s_start, measure)
    after = text[measure.end:s_end]
    frame = find_time_frame(text[s_start:measure.start][-60:]) or find_time_frame(after[:40])
    return Result(
        start=measure.start, end=measure.end, text=text[measure.start:measure.end], statistic=statistic,
        value=measure.value, unit=unit,
        endpoint_text=text[outcome[0]:outcome[1]] if outcome else None,
        endpoint=outcome[2] if outcome else None,
        section=section_of(measure.start),
        ci_lower=measure.lower if measure.interval_kind == "CI" else None,
        ci_upper=measure.upper if measure.interval_kind == "CI" else None,
        range_lower=measure.lower if measure.interval_kind in ("range", "IQR") or measure.kind == MeasureKind.CHANGE else None,
        range_upper=measure.upper if measure.interval_kind in ("range", "IQR") else None,
        count=measure.count, denominator=measure.denominator,
        time_frame=frame[0] if frame else None,
        arm_text=arm_after(text, measure.end) or _nearest_arm(text, measure, arms, s_start, s_end),
        p_value=p_after(text, measure.end, s_end),
        endpoint_start=outcome[0] if outcome else None, endpoint_end=outcome[1] if outcome else None,
        percent=measure.percent, spread=measure.spread, spread_kind=measure.spread_kind,
        rule=f"results: {measure.kind} measure in a result sentence",
    )


def _allocated(text: str, measure: Measure, allocated: Allocation, section_of: SectionOf) -> Result:
    """A count of participants allocated in all or to one arm; its endpoint is the allocation."""
    return Result(
        start=measure.start, end=measure.end, text=text[measure.start:measure.end], statistic=Statistic.COUNT,
        value=measure.value, unit=measure.unit, endpoint_text=text[allocated.verb_start:allocated.verb_end],
        endpoint=ALLOCATED, section=section_of(measure.start), count=int(measure.value),
        arm_text=allocated.arm, endpoint_start=allocated.verb_start, endpoint_end=allocated.verb_end,
        rule="results: participants allocated",
    )


def _events_counted(text: str, measure: Measure) -> Outcome | None:
    """A count of events names its endpoint itself: "three deaths", "12 serious adverse events"."""
    if measure.kind != MeasureKind.COUNT or not measure.unit or not _EVENT_UNIT.fullmatch(measure.unit):
        return None
    start = text.rfind(measure.unit, measure.start, measure.end)
    if start < 0:
        return None
    return _outcome_of_words(text, (start, start + len(measure.unit)))


def _statistic_of(text: str, s_start: int, measure: Measure) -> tuple[str, str | None]:
    if measure.kind in (MeasureKind.COUNT, MeasureKind.NONE, MeasureKind.FRACTION):
        return Statistic.COUNT, measure.unit
    if measure.kind == MeasureKind.RELATIVE:
        return Statistic.VALUE, measure.unit  # a relative change ("56.9 percent reduction"), not a share of participants
    if measure.kind == MeasureKind.RELATIVE_EFFECT:
        return Statistic.DIFFERENCE, measure.unit  # "58% reduction; 95% CI, 45-67%": the effect between the arms
    if measure.kind == MeasureKind.PERCENT or measure.unit == "%":
        return Statistic.PROPORTION, "%"
    named = list(_NAMED_STATISTIC.finditer(text, s_start, measure.start))
    if measure.kind == MeasureKind.MEAN or (named and named[-1].group("stat").lower() in ("mean", "average")):
        return Statistic.MEAN, measure.unit
    if named or measure.interval_kind == "IQR":
        return Statistic.MEDIAN, measure.unit
    return Statistic.VALUE, measure.unit


def _endpoint_of(text: str, s_start: int, s_end: int, start: int, end: int, outcomes: list[Outcome],
                 arms: Sequence[tuple[int, int]]) -> Outcome | None:
    """Where the sentence's shape names the value's endpoint (an outcome phrase inside those words
    if there is one, else the words), else the nearest outcome phrase."""
    slot = endpoint_span(text, s_start, s_end, start, end, arms, [(o[0], o[1]) for o in outcomes])
    if slot is None:
        return _nearest_outcome(start, outcomes)
    inside = [o for o in outcomes if slot[0] <= o[0] and o[1] <= slot[1]]
    # "adverse events (AEs)": the abbreviation in brackets repeats the phrase before it
    inside = [o for o in inside if not text[max(slot[0], o[0] - 3):o[0]].rstrip().endswith("(")] or inside
    if inside:
        return min(inside, key=lambda o: abs(o[1] - slot[1]))
    return _outcome_of_words(text, slot)


def _outcome_of_words(text: str, span: tuple[int, int]) -> Outcome:
    words = text[span[0]:span[1]]
    return span[0], span[1], normalise_endpoint(words) or words


def _nearest_outcome(position: int, outcomes: list[Outcome]) -> Outcome | None:
    """The closest outcome phrase before the value, else the first after it."""
    before = [o for o in outcomes if o[1] <= position]
    if before:
        return max(before, key=lambda o: o[1])
    after = [o for o in outcomes if o[0] >= position]
    return min(after, key=lambda o: o[0]) if after else None


def _nearest_arm(text: str, measure: Measure, arms: Sequence[tuple[int, int]], s_start: int, s_end: int) -> str | None:
    """An intervention named right after the value ("... receiving fondaparinux") or right before it."""
    after = [a for a in arms if measure.end <= a[0] <= measure.end + _ARM_WINDOW and a[1] <= s_end]
    if after:
        arm = min(after)
    else:
        before = [a for a in arms if s_start <= a[0] and a[1] <= measure.start and measure.start - a[1] <= _ARM_WINDOW]
        if not before:
            return None
        arm = max(before)
    return " ".join(text[arm[0]:arm[1]].split())


def _locate_endpoint(text: str, s_start: int, s_end: int, result: Result, outcomes: list[Outcome],
                     arms: Sequence[tuple[int, int]]) -> Result:
    """Where a rule result's endpoint text stands in the sentence (nearest the value)."""
    if result.endpoint_text is None:
        outcome = _endpoint_of(text, s_start, s_end, result.start, result.end, outcomes, arms)
        if outcome is None:
            return result
        return replace(result, endpoint_text=text[outcome[0]:outcome[1]], endpoint=outcome[2],
                       endpoint_start=outcome[0], endpoint_end=outcome[1])
    named = named_after(text, s_start, s_end, result.start, result.end, arms)
    if named is not None:  # "... were 1.3 percent and 1.1 percent for mortality": the words after win
        start, end, endpoint = _outcome_of_words(text, named)
        return replace(result, endpoint_text=text[start:end], endpoint=endpoint, endpoint_start=start, endpoint_end=end)
    sentence = text[s_start:s_end]
    spots = [m.start() for m in re.finditer(re.escape(result.endpoint_text), sentence)]
    if not spots:
        return result
    spot = min(spots, key=lambda offset: abs(s_start + offset - result.start))
    return replace(result, endpoint_start=s_start + spot, endpoint_end=s_start + spot + len(result.endpoint_text))


