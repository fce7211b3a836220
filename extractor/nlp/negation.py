"""Negation and hedging: what the text says was not given, not seen, or only planned or possible."""

from __future__ import annotations

import re

from .guarded import guarded

# A trigger negates what follows it up to a terminator (NegEx-style forward scope).
_NEGATION = guarded(
    r"\b(?:without|no|not|neither|nor|never|free\s+of|absence\s+of|omitting|omission\s+of|instead\s+of|rather\s+than|"
    r"avoid(?:ed|ing)?|withheld|did\s+not\s+receive|was\s+not\s+given|were\s+not\s+given)\b",
    re.IGNORECASE,
)
_HEDGE = guarded(r"\b(?:may|might|could|would|will|plan(?:ned|s)?\s+to|propose[sd]?|potential(?:ly)?|whether|if)\b", re.IGNORECASE)
_TERMINATOR = re.compile(
    r"[.;:]|,\s|\b(?:but|however|although|though|after|before|because|which|who|whereas|while|then|followed\s+by|"
    r"led\s+to|resulted|received|was|were|had|showed)\b",
    re.IGNORECASE,
)


def negated_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Character spans of ``text[start:end]`` under a negation trigger."""
    return _scopes(_NEGATION, text, start, end)


def hedged_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return _scopes(_HEDGE, text, start, end)


def _scopes(trigger: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for match in trigger.finditer(text, start, end):
        stop = _TERMINATOR.search(text, match.end(), end)
        spans.append((match.end(), stop.start() if stop else end))
    return spans


def covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)
