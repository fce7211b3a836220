"""Results from the cells of a results table: each value under its row's label (the endpoint, or the
row group's label when the row names only a statistic: "Mean" under "Age, years") and its column's
header (the arm). Tables of who was enrolled (baseline characteristics, demographics) give none; nor do
rows that give the arms' sizes or only P values."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from ..records import TABLE, Document, Result, SpreadKind, Statistic, TableCell
from ..vocabularies import word_list
from .endpoints import normalise_endpoint, vocabulary_concept
from .intervals import p_after
from .measures import Measure, MeasureKind, find_measures

RULE = "results: table cell under its row and column headers"
_STATISTIC_ROW = re.compile(r"^(?:mean|median|average|sd|s\.?d\.?|standard deviation|se|sem|iqr|range|min|max|"
                            r"minimum|maximum|total|n|no\.?|number|%|n \(%\)|\d+)\b[^a-z]*$", re.IGNORECASE)
_ARM_SIZE_ROW = re.compile(r"^(?:n|no\.?|number)(?: of (?:patients|participants|subjects|women|men|children))?\W*$",
                           re.IGNORECASE)
_P_ROW = re.compile(r"\bp[ -]?values?\b|^p\b|comparison|versus|\bvs\.?", re.IGNORECASE)
_P_CELL = re.compile(r"^\s*[Pp]\s*[<=>≤≥]|^\s*(?:NS|n\.?s\.?)\s*$")
# how the headers say a cell's numbers are written: "n (%)", "% (SEM)", "mean (SD)"
_COUNT_PERCENT = re.compile(r"\b(?:n|no\.?|number)\s*\(\s*%\s*\)", re.IGNORECASE)
_PERCENT_SPREAD = re.compile(r"%\s*\(\s*(?P<kind>SEM|SE|SD|s\.e\.m?\.?|s\.d\.)\s*\)", re.IGNORECASE)
_PLAIN_NUMBER = re.compile(r"\s*(?P<n>[-−]?\d+(?:\.\d+)?)\s*")
_INTERVAL = re.compile(r"\bCI\b|confidence interval", re.IGNORECASE)
_SPREAD_KIND = re.compile(r"\b(?P<kind>SEM|SE|SD)\b")


def find_table_results(document: Document) -> tuple[Result, ...]:
    """The results stated in the cells of the document's results tables, in text order."""
    baseline = tuple(word.lower() for word in word_list("baseline table words"))
    found: list[Result] = []
    for cell in document.table_cells:
        if _is_baseline(cell, baseline):
            continue
        found.extend(_cell_results(document.text, cell))
    return tuple(sorted(found, key=lambda r: (r.start, r.end)))


def _is_baseline(cell: TableCell, words: Sequence[str]) -> bool:
    caption = (cell.caption or "").lower()
    return any(word in caption for word in words)


def _cell_results(text: str, cell: TableCell) -> list[Result]:
    row = text[cell.row_start:cell.row_end]
    value = text[cell.start:cell.end]
    if _ARM_SIZE_ROW.match(row) or _P_ROW.search(row) or _P_CELL.match(value):
        return []
    endpoint_start, endpoint_end = cell.row_start, cell.row_end
    if cell.group_start is not None and (_STATISTIC_ROW.match(row) or vocabulary_concept(row) is None):
        endpoint_start, endpoint_end = cell.group_start, cell.group_end  # "Change, % (SEM)" under "ER"
    endpoint_text = text[endpoint_start:endpoint_end]
    written = tuple(part for part in (row, cell.column, cell.column_outer, cell.caption) if part)
    results = []
    measures = find_measures(text, cell.start, cell.end, bare=True)
    plain = _PLAIN_NUMBER.fullmatch(text, cell.start, cell.end)
    if not measures and plain:  # "187.7": a bare number fills the cell
        measures = [Measure(plain.start("n"), plain.end("n"), MeasureKind.BARE, Decimal(plain.group("n").replace("−", "-")))]
    for measure in measures:
        statistic = _statistic(row, measure.kind, measure.unit)
        results.append(Result(
            start=measure.start, end=measure.end, text=text[measure.start:measure.end], statistic=statistic,
            value=measure.value, unit=measure.unit,
            endpoint_text=endpoint_text, endpoint=normalise_endpoint(endpoint_text) or endpoint_text,
            section=TABLE,
            ci_lower=measure.lower if measure.interval_kind == "CI" else None,
            ci_upper=measure.upper if measure.interval_kind == "CI" else None,
            range_lower=measure.lower if measure.interval_kind in ("range", "IQR") else None,
            range_upper=measure.upper if measure.interval_kind in ("range", "IQR") else None,
            count=measure.count, denominator=measure.denominator,
            time_frame=None, arm_text=cell.column, p_value=p_after(text, measure.end, cell.end),
            endpoint_start=endpoint_start, endpoint_end=endpoint_end,
            percent=measure.percent, spread=measure.spread, spread_kind=measure.spread_kind,
            rule=RULE,
        ))
    return [_as_written(result, written) for result in results]


def _as_written(result: Result, written: tuple[str, ...]) -> Result:
    """A cell read the way its headers say it is written: "7 (18)" under "n (%)" is 7 patients, 18%;
    "0.82 (0.70-0.95)" under "HR (95% CI)" an interval."""
    if result.range_lower is not None and result.ci_lower is None and any(_INTERVAL.search(said) for said in written):
        return replace(result, ci_lower=result.range_lower, ci_upper=result.range_upper, range_lower=None, range_upper=None)
    if result.spread is None:
        return result
    for said in written:  # the row's own words first, then the column's headers, then the caption
        stated = _PERCENT_SPREAD.search(said)
        if stated:
            kind = SpreadKind.SD if "d" in stated.group("kind").lower() else SpreadKind.SE
            return replace(result, unit="%", spread_kind=kind)
        if _COUNT_PERCENT.search(said) and result.value is not None and result.value >= 0 \
                and result.value == int(result.value):
            return replace(result, statistic=Statistic.COUNT, count=int(result.value), percent=result.spread,
                           spread=None, spread_kind=None)
        named = _SPREAD_KIND.search(said)
        if named:
            return replace(result, spread_kind=SpreadKind.SD if named.group("kind") == "SD" else SpreadKind.SE)
    return result


_EFFECTS = ((re.compile(r"(?i:\bhazard ratio)|\bHR\b"), Statistic.HAZARD_RATIO),
            (re.compile(r"(?i:\bodds ratio)|\bOR\b"), Statistic.ODDS_RATIO),
            (re.compile(r"(?i:\brelative risk|\brisk ratio)|\bRR\b"), Statistic.RELATIVE_RISK),
            (re.compile(r"(?i:\brate ratio)|\bIRR\b"), Statistic.RATE_RATIO),
            (re.compile(r"\bdifference\b", re.IGNORECASE), Statistic.DIFFERENCE))


def _statistic(row: str, kind: MeasureKind, unit: str | None) -> Statistic:
    for pattern, statistic in _EFFECTS:
        if pattern.search(row):
            return statistic
    lowered = row.lower()
    if kind in (MeasureKind.COUNT, MeasureKind.FRACTION):
        return Statistic.COUNT
    if "median" in lowered:
        return Statistic.MEDIAN
    if "mean" in lowered or "average" in lowered or kind == MeasureKind.MEAN and "%" not in lowered:
        return Statistic.MEAN
    if kind == MeasureKind.PERCENT or unit == "%":
        return Statistic.PROPORTION
    return Statistic.VALUE
