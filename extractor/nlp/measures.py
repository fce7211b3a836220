"""Measures: the words that state one arm-level value, in every notation abstracts use.

"eight patients (1.3%)", "185 of 2654 patients", "35/121 [28.9%]", "5.3% (22/418)",
"81% of patients", "41.4 ± 13.47", "3.9 points (SD 4.7)", "1.91 h (95% CI 1.78-2.03)",
"82 (55, 100) minutes", "median 14 months (range, 2 to 31)", "from 0.26 to 0.31", "Five children",
"none of 16". Spacing is free ("( 1.3 % )") and numbers may be words. Between-group statistics
(hazard ratios, p values, differences) are not measures; ``results.py`` reads those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from ..records import SpreadKind
from .guarded import guarded
from .intervals import CI_WORDS, DASH
from .numbers import DIGITS, NUMBER, NUMBER_START, to_decimal, to_int


class MeasureKind(StrEnum):
    """The form a value is stated in (what the results rules read it as)."""

    COUNT = "count"  # "8 (57%) of 14 patients", "58 patients", "n = 5"
    NONE = "none"  # "none of the patients"
    FRACTION = "fraction"  # "35/121"
    PAIR = "pair"  # "146/79": two values, not a count
    PERCENT = "percent"  # "81% of patients", "3.6% (n = 3)"
    SPAN = "span"  # "46% to 55%"
    MEAN = "mean"  # "41.4 ± 13.47", "2.9 (SD, 3.9)"
    INTERVAL = "interval"  # "1.91 h (95% CI 1.78-2.03)"
    RANGE = "range"  # "14 months (range, 2 to 31)", "4.5 (IQR 3-9)"
    CHANGE = "change"  # "from 0.26 to 0.31"
    QUANTITY = "quantity"  # "1.43 minutes"
    RELATIVE = "relative"  # "a 56.9 percent reduction"
    RELATIVE_EFFECT = "relative effect"  # "58% reduction; 95% CI, 45-67%"
    BARE = "bare"  # a number with no unit, where a value may stand


SUBJECT_NOUNS = (r"(?:patients?|participants?|subjects?|persons?|people|individuals?|children|child|adults?|women|men|"
                 r"infants?|neonates?|recipients?|cases?|adolescents?|boys|girls|eyes|volunteers|responders|smokers|"
                 r"users|mothers|fathers|parents|caregivers|families|nurses|physicians|pregnancies|students|residents|survivors|controls|episodes|events|procedures|lesions)")
EVENT_NOUNS = (r"(?:deaths|complications|readmissions|rehospitali[sz]ations|hospitali[sz]ations|admissions|infarctions?|"
               r"relapses|recurrences|infections|fractures|strokes|falls|exacerbations|seizures|bleeds|"
               r"adverse\s+events|serious\s+adverse\s+events|reoperations|amputations|births|miscarriages)")
_ADJECTIVES = r"(?:[a-zA-Z][\w-]*\s+){0,2}?"
_SUBJECT = rf"{_ADJECTIVES}{SUBJECT_NOUNS}\b"
_PCT = rf"(?P<pct>{DIGITS})\s*(?:%|percent\b|per\s*cent\b)"
_PCT_ONLY = rf"{DIGITS}\s*(?:%|percent\b|per\s*cent\b)"
_UNIT = (r"(?:(?:micro|milli|nano|pico)(?:mol|g|l|L)(?:/[a-zA-Z0-9µμ]{1,5})*\b|[a-zA-Zµμ]{1,4}(?:/[a-zA-Z0-9µμ]{1,5})+|per\s+(?:h|hour|day|week|month|year)\b|%|percent\b|mmHg\b|mm\s*Hg\b|mg/d[lL]\b|mmol/[lL]\b|mg/kg(?:/d(?:ay)?)?\b|mg/day\b|mg\b|µg\b|mcg\b|ng/m[lL]\b|"
         r"pg/m[lL]\b|g/d[lL]\b|g\b|kg/m2\b|kg/m\(2\)|kg\b|cm\b|mm\b|ml\b|mL\b|l\b|L\b|IU\b|U/[lL]\b|bpm\b|beats/min\b|"
         r"ms\b|s\b|sec\b|seconds?\b|min\b|minutes?\b|h\b|hrs?\b|hours?\b|days?\b|weeks?\b|months?\b|years?\b|"
         r"points?\b|units?\b|times\b|fold\b|episodes?\b|cigarettes\b|steps\b|visits\b|dB\b|[µμ]m\b|microm\b|"
         r"degrees?(?:\s*[CF]\b)?|°\s*[CF]?|SDS\b|kcal\b|watts\b|W\b)"
         # exponent notation: "mg kg ( -1 ) min ( -1 )", "ml/kg/min"
         r"(?:\s*\(\s*[-−]\s*1\s*\)(?:\s+[a-zA-Z]{1,4}(?:\s*\(\s*[-−]\s*1\s*\))?)*|(?:\s+(?:kg|min|LBM|m2)(?=\s*\(\s*[-−]))+"
         r"(?:\s*\(\s*[-−]\s*1\s*\)(?:\s+[a-zA-Z]{1,4}(?:\s*\(\s*[-−]\s*1\s*\))?)*))?")
_OPEN, _CLOSE = r"[(\[]", r"[)\]]"
_SPREAD = r"(?:±|\+/-|\+-|\+/−|\+\s*/\s*-|\+\s*or\s*-)"
_N = rf"(?P<n>{NUMBER})"
_D = rf"(?P<d>{NUMBER})"

_FORMS: tuple[tuple[str, str], ...] = (
    # "8 (57%) of 14 patients", "185 of 2654 patients", "Six of the seven", "25 of these 96 patients"
    ("count", rf"{_N}(?:\s*{_OPEN}\s*{_PCT}\s*{_CLOSE})?\s+(?:{SUBJECT_NOUNS}\s+)?(?:out\s+of|of|in)\s+(?:the\s+|these\s+|those\s+|all\s+)?{_D}(?=\s+{_SUBJECT}|\s*[^\w\s]|\s*$|\s+(?!in\b(?!\s+(?:the|each|both)\b))[a-z])"
              rf"(?:\s+{_SUBJECT})?(?:\s*{_OPEN}\s*(?P<pct2>{DIGITS})\s*%\s*{_CLOSE}(?:\s+{_SUBJECT})?)?"),
    # "none of the patients", "none of 16"
    ("none", rf"\b(?P<none>[Nn]one|[Nn]o\s+(?:{SUBJECT_NOUNS}))(?:\s+of\s+(?:the\s+|these\s+)?(?:{_D}\s*)?(?:{_SUBJECT})?)?"),
    # "35/121 [28.9%]", "22/418", "20/24 patients"; "146/79" (blood pressure) is a pair of values
    ("fraction", rf"(?P<n>\d[\d,]*)\s*/\s*(?P<d>\d[\d,]*)(?![\d/])(?:\s+{_SUBJECT})?(?:\s*{_OPEN}\s*{_PCT}\s*{_CLOSE})?"),
    # "n = 26 [27%]"
    ("count", rf"\b[nN]\s*=\s*{_N}\s*{_OPEN}\s*{_PCT}\s*{_CLOSE}"),
    # "eight patients (1.3%)", "499 (18%)", "64 (8%) patients", "4 (3.8 %)"
    ("count", rf"{_N}(?:\s+{_SUBJECT})?\s*{_OPEN}\s*{_PCT}\s*{_CLOSE}(?:\s+{_SUBJECT})?"),
    # "3.6% (n = 3)", "5.3% (22/418)", "7% (3 of 43)"
    ("percent", rf"{_PCT}\s*{_OPEN}\s*(?:[nN]\s*=\s*(?P<n2>{NUMBER})|{_N}\s*(?:/|of)\s*{_D})\s*{_CLOSE}"),
    # "41.4 ± 13.47", "6.25 +/- 0.55 g", "3.9 points (SD 4.7)", "2.9 (SD, 3.9)"
    # "2.2 +/- 1.2 [0; 5.0]": with the range after it
    ("mean", rf"(?P<v>{DIGITS})\s*(?P<unit>{_UNIT})?\s*{_SPREAD}\s*(?P<sd>{DIGITS})\s*(?P<unit2>{_UNIT})?"
             rf"(?:\s*{_OPEN}\s*(?P<lo>{DIGITS})\s*[;,]\s*(?P<hi>{DIGITS})\s*{_CLOSE})?"),
    ("mean", rf"(?P<v>{DIGITS})\s*(?P<unit>{_UNIT})?\s*{_OPEN}\s*(?P<sdkind>SD|SE|SEM|s\.d\.|s\.e\.)\s*[=:,]?\s*(?P<sd>{DIGITS})\s*{_CLOSE}"
             rf"(?:\s*(?P<unit2>{_UNIT}))?"),
    # "2.9 (3.9)", "18.6 (10.2) units", "4.16 (± 1.47)": mean and SD without a label
    ("mean", rf"(?P<v>{DIGITS})\s*(?P<unit>{_UNIT})?\s*{_OPEN}\s*(?:{_SPREAD}\s*)?(?P<sd>{DIGITS})\s*{_CLOSE}(?:\s*(?P<unit2>{_UNIT}))?"),
    # "46% to 55%"
    ("span", rf"(?P<lo>{DIGITS})\s*%\s*(?:to|-|–)\s*(?P<hi>{DIGITS})\s*%"),
    # "1.91 h (95% CI 1.78-2.03)", "2.6 h [95% confidence intervals (CI) 2.28-2.93]"
    ("interval", rf"(?P<v>{DIGITS})\s*(?P<unit>{_UNIT})?\s*{_OPEN}\s*{CI_WORDS}\s*[,:=]?\s*(?P<lo>{DIGITS})\s*(?:{_UNIT})?\s*{DASH}\s*"
                 rf"(?P<hi>{DIGITS})\s*(?:{_UNIT})?\s*{_CLOSE}"),
    # "14 months (range, 2 to 31)", "82 (55, 100) minutes", "4.5 (IQR 3-9)"
    ("range", rf"(?P<v>{DIGITS})\s*(?P<unit>{_UNIT})?\s*{_OPEN}\s*(?P<kind>range|IQR|interquartile\s+range)?\s*[,:]?\s*(?P<lo>{DIGITS})\s*"
              rf"(?:{DASH}|,)\s*(?P<hi>{DIGITS})\s*(?:{_UNIT})?\s*{_CLOSE}(?:\s*(?P<unit2>{_UNIT}))?"),
    # "from 0.26 to 0.31", "from 189 to 246 ms"
    ("change", rf"(?<=from\s)(?P<v>{DIGITS})\s*(?P<unit>{_UNIT})?\s+to\s+(?P<v2>{DIGITS})\s*(?P<unit2>{_UNIT})?"),
    # "81% of patients", "decreased in 53% of patients" reads as "53% of patients"
    ("percent", rf"{_PCT}\s+of\s+(?:the\s+|all\s+)?{_SUBJECT}"),
    ("percent", _PCT),
    # "1.43 minutes", "1.98 mg/day", "twofold"
    ("quantity", rf"(?P<v>{DIGITS})\s*(?P<unit>{_UNIT})"),
    # "3 complications", "28 deaths", "677 readmissions": events counted
    ("count", rf"{_N}\s+(?:[a-z-]+\s+)?(?P<noun>{EVENT_NOUNS})\b"),
    # "Five children", "58 patients"
    ("count", rf"{_N}\s+{_SUBJECT}"),
    # "n = 5"
    ("count", rf"\b[nN]\s*=\s*{_N}"),
)


def _alternative(index: int, form: str) -> str:
    """Form ``index`` as a named alternative whose groups are prefixed ``x<index>_`` (names stay unique)."""
    return f"(?P<f{index}>" + form.replace("(?P<", f"(?P<x{index}_") + ")"


_PATTERN = re.compile("|".join(_alternative(i, form) for i, (_, form) in enumerate(_FORMS)))
# per form: its kind and (group name, field) of its groups; a match's form is its last closed group, "f<index>"
_FORM_OF = {f"f{i}": (MeasureKind(kind), tuple((name, name.split("_", 1)[1]) for name in _PATTERN.groupindex if name.startswith(f"x{i}_")))
            for i, (kind, _) in enumerate(_FORMS)}
# every form starts where a number, "none"/"no" or "n =" starts: trying the forms only there is the
# same as searching everywhere, and several times faster than an 18-way alternation at every position
_CAN_START = guarded(rf"{NUMBER_START}|\b(?:[Nn]one|[Nn]o)\b|\b[nN]\s*=")
_THERE_WERE = re.compile(r"\b[Tt]here\s+(?:were|was)\s+$")
_COUNT_VERB_AFTER = re.compile(r"\s+(?:had|have|were|was|died|developed|experienced|showed|achieved|completed|required|"
                               r"underwent|responded|relapsed|withdrew|discontinued|reported)\b")
_BARE = guarded(rf"(?<![\w.,/%-])(?P<v>{NUMBER})(?![\w%/]|\s*(?:%|percent|[-–]\s*\d|/\d)|[-–][A-Za-z])")
_FRAME_AFTER = re.compile(r"\s*(?:,|and|or|to|-|–)\s*\d+(?:\s*(?:,|and|or)\s*\d+)*\s*(?:months?|weeks?|days?|years?|hours?)\b", re.IGNORECASE)

# numbers that are labels, frames or identifiers, not values: "type 2", "at 12 months", "phase 3"
_LABEL_BEFORE = guarded(
    r"(?:\b(?:type|phase|grade|stage|class|group|arm|cohort|day|days|week|weeks|month|months|year|years|cycle|visit|step|"
    r"level|version|figure|fig|table|study|trial|score|scale|item|items|model|n°|no|number|aged?|age|doses?|dosage|"
    r"hba1c|CD|NYHA|TIMI|ASA|GOLD|ECOG|WHO|ICD-\d+|ICD)\s*[:#]?\s*|\bage\s*,\s*|\bperiod\s+of\s+|(?<![\w-])[Pp]\s*[=<>≤≥]\s*|[<>≤≥]\s*|"
    r"(?<![\w-])(?:HR|OR|RR|IRR|aHR|aOR|ratio|difference|CI|interval|reduction|r|ρ|κ|ICC|AUC|t\d*|F|χ2|chi2|z)\s*(?:[,:=]|was|of)?\s*)$",
    re.IGNORECASE,
)
_FRAME_BEFORE = re.compile(r"\b(?:at|after|over|during|within|for|in|from|until|up\s+to|before|following|per|every|each|"
                           r"first|last|past|next|previous|the|by|to|of|than)\s+(?:the\s+)?(?:first\s+|last\s+)?$", re.IGNORECASE)
_TIME_UNIT = re.compile(r"^(?:s|sec|seconds?|min|minutes?|h|hrs?|hours?|days?|weeks?|months?|years?)$", re.IGNORECASE)
_BARE_BEFORE = guarded(r"(?:\b(?:was|were|is|are|being|been|be|as|of|by|vs\.?|versus|and|or|with|reached|to|at|than|from)|[:=,(\[])\s*$"
                          # "(amantadine -6.4 versus placebo -2.1)": an arm named right before its value in a comparison
                          r"|(?:[(\[]|\b(?:vs\.?|versus))\s*[A-Za-z][\w-]{2,}\s+$", re.IGNORECASE)
_WORD_LABEL = re.compile(r"[A-Za-z]\s*[:#]?\s*$")
_RANGE_END_BEFORE = guarded(rf"{DIGITS}\s*(?:%|{_UNIT})?\s*(?:to|-|–|—)\s*$")
_SPREAD_THEN_TO = re.compile(rf"{_SPREAD}\s*{DIGITS}\s*(?:%|{_UNIT})?\s*to\s*$")
_LABEL_OF_GROUP = re.compile(r"\b(?:group|arm|cohort)\s*$", re.IGNORECASE)
_COUNT_HEAD = re.compile(rf"{_N}(?:\s+{_SUBJECT})?")
_PAREN_UNIT_AFTER = re.compile(rf"\s*\)\s*(?P<unit>{_UNIT})")
_THEN_FRAME = re.compile(r"\s+(?:after|before|post|later|following|earlier|apart)\b", re.IGNORECASE)
_STATISTIC_AFTER = re.compile(r"\s*(?:CI\b|CrI\b|confidence|credible|(?:relative\s+)?(?:reduction|increase|decrease)\b)", re.IGNORECASE)
_SPREAD_BEFORE = re.compile(r"(?:±|\+\s*/\s*[-−]?|\+-|\+\s*or\s*-?)\s*$")
_THRESHOLD_BEFORE = re.compile(r"\b(?:at\s+least|more\s+than|greater\s+than|less\s+than|over|above|below|≥|>|<|≤)\s+(?:an?\s+)?$", re.IGNORECASE)
_INTERVAL_AFTER = re.compile(rf"\s*[;,(\[]\s*(?:\d{{2}}\s*%\s*)?(?:CI|confidence\s+interval)\s*[,:]?\s*(?P<lo>{DIGITS})\s*%?\s*"
                             rf"(?:to|-|–|—)\s*(?P<hi>{DIGITS})\s*%?", re.IGNORECASE)
_CI_AFTER = re.compile(r"\s*[;,(\[]\s*(?:\d{2}\s*%\s*)?(?:CI|confidence)", re.IGNORECASE)
_RELATIVE_CHANGE_AFTER = re.compile(r"\s*(?:relative\s+)?(?:reduction|increase|decrease)\b", re.IGNORECASE)
_FRAME_LIST_BEFORE = re.compile(r"\b(?:at|after|over|during|within|for|in|by|to|until|between)\s+(?:\d+\s*(?:,|and|or)\s*)+$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d\d$")


@dataclass(frozen=True, slots=True)
class Measure:
    """One stated value with the numbers around it."""

    start: int
    end: int
    kind: MeasureKind
    value: Decimal | None
    unit: str | None = None
    count: int | None = None
    denominator: int | None = None
    percent: Decimal | None = None
    spread: Decimal | None = None  # SD (or SE when spread_kind says so)
    spread_kind: SpreadKind | None = None
    lower: Decimal | None = None
    upper: Decimal | None = None
    interval_kind: str | None = None  # "CI", "range", "IQR"


def may_state_a_value(text: str, start: int, end: int) -> bool:
    """False when ``text[start:end]`` has nothing a value can start with (no digit, number word,
    "none"/"no" or "n ="): then it states no measure and no result, and the rules can skip it."""
    return _CAN_START.search(text, start, end) is not None


def find_measures(text: str, start: int = 0, end: int | None = None, bare: bool = False) -> list[Measure]:
    """Measures in ``text[start:end]``, left to right, non-overlapping; with ``bare`` also lone
    numbers in value position ("was 8.9 in the secretin group")."""
    end = len(text) if end is None else end
    found: list[Measure] = []
    position = start
    while position < end:
        anchor = _CAN_START.search(text, position, end)
        if not anchor:
            break
        match = _PATTERN.match(text, anchor.start(), end)
        if not match:
            position = anchor.start() + 1
            continue
        measure = _measure(text, match)
        if measure is None:
            position = match.start() + 1
            continue
        found.append(measure)
        position = match.end()
    if bare:
        taken = [(m.start, m.end) for m in found]
        for match in _BARE.finditer(text, start, end):
            if any(s <= match.start() < e for s, e in taken):
                continue
            measure = _bare(text, match)
            if measure is not None:
                found.append(measure)
    return _join_changes(text, sorted(found, key=lambda m: m.start))


_JOINABLE = {MeasureKind.MEAN, MeasureKind.QUANTITY, MeasureKind.PERCENT, MeasureKind.BARE, MeasureKind.RANGE,
             MeasureKind.INTERVAL}


def _join_changes(text: str, measures: list[Measure]) -> list[Measure]:
    """ "4.16 (± 1.47) to 1.68 (± 1.36)", "77 +/- 26 to 99 +/- 31 watts": a before-after pair is one measure."""
    joined: list[Measure] = []
    for measure in measures:
        previous = joined[-1] if joined else None
        if (previous is not None and previous.kind in _JOINABLE and measure.kind in _JOINABLE
                and re.fullmatch(r"\s+to\s+", text[previous.end:measure.start])
                and re.search(r"\b(?:from|with)\s+$|\(\s*$", text[max(0, previous.start - 12):previous.start])):
            joined[-1] = Measure(previous.start, measure.end, MeasureKind.CHANGE, measure.value, measure.unit or previous.unit,
                                 lower=previous.value)
        else:
            joined.append(measure)
    return joined


def _measure(text: str, match: re.Match[str]) -> Measure | None:
    kind, names = _FORM_OF[match.lastgroup]
    groups = {key: value for name, key in names if (value := match.group(name)) is not None}
    start, end = match.span()
    end = start + len(match.group(0).rstrip())
    before = text[max(0, start - 40):start]
    if _SPREAD_BEFORE.search(before):
        return None  # the SD of a value whose own reading was refused ("age, 8.3 +/- 3.3 years")
    counted_of = kind == MeasureKind.COUNT and groups.get("d") is not None and _LABEL_OF_GROUP.search(before)
    label = _LABEL_BEFORE.search(before)
    if label is not None and kind == MeasureKind.PERCENT and _WORD_LABEL.search(label.group()):
        label = None  # "in the amantadine group: 53% improved": a percentage is never a group's or grade's number
    if kind != MeasureKind.NONE and not counted_of and (
            label is not None or _RANGE_END_BEFORE.search(before) and not _SPREAD_THEN_TO.search(before)):
        return None  # "type 2", "grade 3", the end of "10 to 20"; not "group 11 of 33" nor "15 +/- 3.4 to 18.5"
    if kind in (MeasureKind.PERCENT, MeasureKind.QUANTITY) and _STATISTIC_AFTER.match(text, end):
        change = _RELATIVE_CHANGE_AFTER.match(text, end)
        if change is None:
            return None  # "95% CI": a confidence level, not a value
        # "a 56.9 percent reduction in the score": a relative change, stated as a value; with a CI
        # after it ("58% reduction; 95% CI, 45-67%") the effect between arms; "at least a 25 percent
        # decrease" is a threshold in a definition
        if _THRESHOLD_BEFORE.search(before):
            return None
        percent = groups.get("pct")
        value, unit = to_decimal(percent or groups["v"]), "%" if percent else _unit(groups.get("unit"))
        if not _CI_AFTER.match(text, change.end()):
            return Measure(start, end, MeasureKind.RELATIVE, value, unit)
        interval = _INTERVAL_AFTER.match(text, change.end())
        if interval is None:
            return Measure(start, end, MeasureKind.RELATIVE_EFFECT, value, unit)
        return Measure(start, interval.end(), MeasureKind.RELATIVE_EFFECT, value, unit, lower=to_decimal(interval.group("lo")),
                       upper=to_decimal(interval.group("hi")), interval_kind="CI")
    first = groups.get("n") or groups.get("v") or groups.get("pct")
    if first and _YEAR.match(first.strip()) and kind in (MeasureKind.COUNT, MeasureKind.QUANTITY, MeasureKind.FRACTION):
        return None
    unit = _unit(groups.get("unit") or groups.get("unit2"))
    if kind == MeasureKind.QUANTITY and _TIME_UNIT.match(groups["unit"].strip()) and (
            _FRAME_BEFORE.search(before) or _THEN_FRAME.match(text, end) or _FRAME_LIST_BEFORE.search(before)):
        return None  # "at 12 months", "for 6 weeks", "5 hours after"
    if kind == MeasureKind.CHANGE and _TIME_UNIT.match((groups.get("unit2") or groups.get("unit") or "").strip()) and \
            _THEN_FRAME.match(text, end):
        return None  # "lasted from 120 min to 240 min after dosing": a time window
    if kind == MeasureKind.QUANTITY and text[end:end + 1] == "-":
        return None  # "12-month follow-up"
    if kind in (MeasureKind.COUNT, MeasureKind.FRACTION, MeasureKind.NONE):
        count = 0 if kind == MeasureKind.NONE else to_int(groups.get("n", ""))
        if count is None:
            return None
        denominator = to_int(groups["d"]) if groups.get("d") else None
        if kind == MeasureKind.FRACTION and (denominator is None or denominator == 0 or count > denominator):
            return Measure(start, end, MeasureKind.PAIR, None)
        if kind == MeasureKind.COUNT and denominator is not None and count > denominator:
            head = _COUNT_HEAD.match(text, start)  # "six patients in 3 centres": no denominator
            end, denominator, groups = head.end(), None, {}
        pct = groups.get("pct") or groups.get("pct2")
        unit = " ".join(groups["noun"].split()) if groups.get("noun") else "patients" if kind != MeasureKind.FRACTION else None
        return Measure(start, end, kind, Decimal(count), unit, count, denominator, to_decimal(pct) if pct else None)
    if kind == MeasureKind.PERCENT:
        stated = groups.get("n") or groups.get("n2")
        count = to_int(stated) if stated else None
        denominator = to_int(groups["d"]) if groups.get("d") else None
        return Measure(start, end, kind, to_decimal(groups["pct"]), "%", count, denominator, to_decimal(groups["pct"]))
    if kind == MeasureKind.SPAN:
        return Measure(start, end, kind, None, "%", lower=to_decimal(groups["lo"]), upper=to_decimal(groups["hi"]),
                       interval_kind="range")
    value = to_decimal(groups["v"])
    if kind == MeasureKind.MEAN:
        sd_kind = (groups.get("sdkind") or "SD").upper().strip(".").replace(".", "")
        wrapped = _PAREN_UNIT_AFTER.match(text, end) if not unit and before.rstrip().endswith("(") else None
        if wrapped:  # "( 1.73 +/- 0.94 ) mm": the unit after the parenthesis is the value's
            start, end, unit = before.rstrip().rfind("(") + start - len(before), wrapped.end(), _unit(wrapped.group("unit"))
        ranged = groups.get("lo") is not None
        return Measure(start, end, kind, value, unit, spread=to_decimal(groups["sd"]),
                       spread_kind=SpreadKind.SE if sd_kind in ("SE", "SEM") else SpreadKind.SD,
                       lower=to_decimal(groups["lo"]) if ranged else None, upper=to_decimal(groups["hi"]) if ranged else None,
                       interval_kind="range" if ranged else None)
    if kind in (MeasureKind.INTERVAL, MeasureKind.RANGE):
        interval_kind = "CI" if kind == MeasureKind.INTERVAL else ("IQR" if (groups.get("kind") or "").upper().startswith(("IQR", "INTER")) else "range")
        return Measure(start, end, kind, value, unit, lower=to_decimal(groups["lo"]), upper=to_decimal(groups["hi"]),
                       interval_kind=interval_kind)
    if kind == MeasureKind.CHANGE:
        return Measure(start, end, kind, to_decimal(groups["v2"]), unit, lower=value)
    return Measure(start, end, kind, value, unit)


# a reference number in brackets right after a word: "reports (4)", "trials [5,6]", "benefit (7-9)."
_CITATION_MARK = re.compile(r"\s?[(\[]\d{1,3}(?:\s*[,–-]\s*\d{1,3})*[)\]]")
_CITED_BEFORE = re.compile(r"[A-Za-z)]\s?[(\[]?$")


def is_citation_mark(text: str, measure: Measure) -> bool:
    """A bare number in brackets right after a word: a numbered reference ("reports (4)"), unless
    something allocated makes it an arm's size (the caller knows)."""
    return (measure.kind == MeasureKind.BARE and bool(_CITATION_MARK.match(text, max(0, measure.start - 2)))
            and bool(_CITED_BEFORE.search(text, max(0, measure.start - 3), measure.start)))


def _bare(text: str, match: re.Match[str]) -> Measure | None:
    before = text[max(0, match.start() - 40):match.start()]
    word = match.group("v")
    counted = _COUNT_VERB_AFTER.match(text, match.end()) is not None
    if _YEAR.match(word) or not (counted or _BARE_BEFORE.search(before)) or _LABEL_BEFORE.search(before) \
            or _RANGE_END_BEFORE.search(before) or (match.start() < 4 and text[match.end():match.end() + 2].strip() == ")"):
        return None
    after = text[match.end():match.end() + 20]
    if not counted and not _THERE_WERE.search(before) and re.match(r"\s*(?:[A-Za-z]{2,})", after) and not re.match(r"\s*(?:in|vs\.?|versus|and|with|for|at|after|on|"
                                                                 r"compared|respectively|among|during|than|or|of)\b", after):
        return None  # "two groups", "12 weeks": a number that counts something else
    if _FRAME_AFTER.match(text, match.end()):
        return None  # "at 3 and 6 months": a time point
    value = to_decimal(word)
    if value is None:
        return None
    return Measure(match.start(), match.end(), MeasureKind.BARE, value)


def _unit(unit: str | None) -> str | None:
    if not unit:
        return None
    unit = " ".join(unit.split())
    return {"percent": "%", "mm Hg": "mmHg"}.get(unit, unit)
