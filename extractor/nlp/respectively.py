"""Values listed "respectively": the n-th group of values measures the n-th of the endpoints named
together ("Patient survival and graft survival ... (97.4 % vs. 96.8 % and 92.1 % vs. 91.1 %,
respectively)")."""

from __future__ import annotations

import re
from dataclasses import replace

from ..records import BETWEEN_GROUPS, Result
from .clauses import strip_span
from .endpoint_slots import can_name_an_endpoint
from .endpoints import normalise_endpoint

_CLAUSE_MARK = re.compile(r"[;:]")
_RESPECTIVELY_WORD = re.compile(r"\brespectively\b", re.IGNORECASE)
_SAME_GROUP = re.compile(r"\s*[)\]]?\s*(?:vs\.?|versus|v)\s*[(\[]?\s*$", re.IGNORECASE)  # "97.4 % vs. 96.8 %": one endpoint, two arms
_NEXT_GROUP = re.compile(r"\s*[)\]]?\s*(?:,\s*(?:and\s+)?|and\s+)[(\[]?\s*$", re.IGNORECASE)
_CONJUNCT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.IGNORECASE)
_STATEMENT_VERB = re.compile(r"\s(?:was|were|is|are|improved|reduced|increased|decreased|declined|changed|rose|fell|"
                             r"showed|had|differed|remained|occurred)\b", re.IGNORECASE)
_LEADING_WORDS = re.compile(r"(?:(?:RESULTS?|FINDINGS)\s*:?\s+|(?:the|both|also|mean|median|higher|lower|greater|"
                            r"significantly|more|less|fewer)\s+)+", re.IGNORECASE)


def spread_respectively(text: str, s_start: int, s_end: int, results: list[Result]) -> list[Result]:
    """"Patient survival and graft survival were similar (97.4 % vs. 96.8 % and 92.1 % vs. 91.1 %,
    respectively)": the n-th group of values measures the n-th of the endpoints named together,
    in the words before the bracket holding the values or in the statement's subject."""
    word = _RESPECTIVELY_WORD.search(text, s_start, s_end)
    if word is None:
        return results
    stated = [r for r in results if r.end <= word.start() and r.statistic not in BETWEEN_GROUPS]
    runs: list[list[list[Result]]] = []  # runs of value groups ("24%, 14%, and 3%"), each group one endpoint
    for result in stated:
        groups = runs[-1] if runs else None
        if groups and _SAME_GROUP.match(text[groups[-1][-1].end:result.start]):
            groups[-1].append(result)
        elif groups and _NEXT_GROUP.match(text[groups[-1][-1].end:result.start]):
            groups.append([result])
        else:
            runs.append([[result]])  # "..., while for Group II it was 4%, 6%, and 6%": another run
    spread = {}
    for groups in runs:
        conjuncts = _named_together(text, s_start, groups[0][0].start, len(groups)) if len(groups) > 1 else None
        for group, (start, end) in zip(groups, conjuncts or ()):
            for result in group:
                spread[id(result)] = replace(result, endpoint_text=text[start:end], endpoint_start=start, endpoint_end=end,
                                             endpoint=normalise_endpoint(text[start:end]))
    return [spread.get(id(r), r) for r in results]


def _named_together(text: str, s_start: int, first_value: int, count: int) -> list[tuple[int, int]] | None:
    """``count`` endpoint phrases joined by "and" or commas: between the last verb and the bracket
    that holds the values ("showed higher sensitivity in the central zone and the outer zone ("),
    else the subject of the statement ("Patient survival and graft survival were ...")."""
    marks = [m.end() for m in _CLAUSE_MARK.finditer(text, s_start, first_value)]
    clause_start = marks[-1] if marks else s_start
    places = []
    bracket = text.rfind("(", clause_start, first_value)
    if bracket != -1 and not re.search(r"[A-Za-z]{4,}", text[bracket + 1:first_value]):
        verbs = list(_STATEMENT_VERB.finditer(text, clause_start, bracket))
        places.append((verbs[-1].end() if verbs else clause_start, bracket))
    verb = _STATEMENT_VERB.search(text, clause_start, first_value)
    if verb is not None:
        places.append((clause_start, verb.start()))
    for start, end in places:
        lead = _LEADING_WORDS.match(text, strip_span(text, start, end)[0], end)
        parts = _split_conjuncts(text, lead.end() if lead else start, end)
        if len(parts) == count and all(can_name_an_endpoint(text[a:b]) for a, b in parts):
            return parts
    return None


def _split_conjuncts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    parts, position = [], start
    for joint in _CONJUNCT.finditer(text, start, end):
        parts.append((position, joint.start()))
        position = joint.end()
    parts.append((position, end))
    return [strip_span(text, a, b) for a, b in parts]
