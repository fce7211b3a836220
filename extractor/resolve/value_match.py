"""Whether a value a registry posts and a value a paper states are about the same thing (endpoint,
arm, statistic, time frame) and whether they agree, as written: a paper's "3.1" agrees with a posted
"3.07" (the paper rounds to one decimal), not with "3.4"."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .outcome_match import same_time_frame

_WORD = re.compile(r"[a-z0-9]+")
_NOT_ARM_WORDS = frozenset({"arm", "group", "groups", "the", "a", "an", "and", "with", "of", "treatment", "treated", "patients",
                            "participants", "cohort", "mg", "dose"})
_PERCENT_UNIT = re.compile(r"percent|%", re.IGNORECASE)


def _arm_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _NOT_ARM_WORDS)


def same_arm(group: str | None, arm_text: str | None) -> bool:
    """A results group ("Drug X 10 mg") and the arm a paper's value names ("drug X"): one's words within the other's."""
    if not group or not arm_text:
        return False
    a, b = _arm_words(group), _arm_words(arm_text)
    return bool(a and b) and (a <= b or b <= a)


def _statistic(row: dict) -> str:
    if row["statistic"] == "Value" and row.get("unit") and _PERCENT_UNIT.search(row["unit"]):
        return "Proportion"
    return row["statistic"]


def comparable(posted: dict, stated: dict) -> bool:
    return (posted["endpoint"] == stated["endpoint"] and _statistic(posted) == _statistic(stated)
            and _statistic(posted) in ("Mean", "Median", "Count", "Proportion")
            and same_arm(posted["group"], stated["group"]) and same_time_frame(posted["frame"], stated["frame"]) is not False)


def same_value(posted: str, stated: str) -> bool:
    """Equal once the more precise is rounded to the other's decimals."""
    try:
        a, b = Decimal(posted), Decimal(stated)
    except InvalidOperation:
        return False
    places = min(_decimals(posted), _decimals(stated))
    return abs(a - b) <= Decimal(5) * Decimal(10) ** (-places - 1) + Decimal("1e-9")


def _decimals(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0
