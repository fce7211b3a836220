"""Regexes that skip, cheaply, the positions where they cannot start.

Python's regex engine tries every alternative of ``\\b(?:median|mean|...)`` at every position of
the text; only a pattern that begins with a plain literal or character class gets its fast scan.
``guarded`` works out from the parsed pattern the set of characters a match can begin with and puts
them in a lookahead in front, so most positions fail after one character test (2-3x faster on the
rules' busiest searches, docs/PERFORMANCE.md). Matches are unchanged: the lookahead only refuses
positions where the pattern could not match anyway. A pattern whose first character cannot be
bounded (one that may match empty, or begin with any character) is compiled as it is.
"""

from __future__ import annotations

import re
import re._constants as C  # the parser's opcodes; stable since 3.11, and checked by the tests
import re._parser as P

_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
               C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}
_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT}


class _Unbounded(Exception):
    """The pattern can begin with any character: no guard."""


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, with a lookahead on the characters a match can begin with."""
    try:
        guard = first_characters(pattern, flags)
    except _Unbounded:
        return re.compile(pattern, flags)
    return re.compile(f"(?={guard})(?:{pattern})", flags)


def first_characters(pattern: str, flags: int = 0) -> str:
    """A regex (one character class per case mode) for the characters a match can begin with."""
    if re.match(r"\(\?[aiLmsux]+\)", pattern):
        raise _Unbounded  # global inline flags must stay first; not worth handling
    parsed = P.parse(pattern, flags)
    exact: list[str] = []
    folded: list[str] = []
    nullable = _first(parsed.data, bool(parsed.state.flags & re.IGNORECASE), exact, folded)
    if nullable or not (exact or folded):
        raise _Unbounded
    classes = []
    if exact:
        classes.append(f"(?-i:[{''.join(dict.fromkeys(exact))}])")
    if folded:
        classes.append(f"(?i:[{''.join(dict.fromkeys(folded))}])")
    return "|".join(classes)


def _first(items: list, ignore_case: bool, exact: list[str], folded: list[str]) -> bool:
    """Adds the first characters of a sequence; True if the sequence can match empty."""
    for op, av in items:
        if not _first_of(op, av, ignore_case, exact, folded):
            return False
    return True


def _first_of(op, av, ignore_case: bool, exact: list[str], folded: list[str]) -> bool:
    """Adds the first characters of one item; True if it can match empty."""
    target = folded if ignore_case else exact
    if op is C.LITERAL:
        target.append(re.escape(chr(av)))
        return False
    if op is C.IN:
        for item_op, item_av in av:
            if item_op is C.LITERAL:
                target.append(re.escape(chr(item_av)))
            elif item_op is C.RANGE:
                target.append(f"{re.escape(chr(item_av[0]))}-{re.escape(chr(item_av[1]))}")
            elif item_op is C.CATEGORY and item_av in _CATEGORIES:
                target.append(_CATEGORIES[item_av])
            else:
                raise _Unbounded  # a negated class, or something unforeseen
        return False
    if op is C.BRANCH:
        nullable = False
        for alternative in av[1]:
            nullable |= _first(alternative.data, ignore_case, exact, folded)
        return nullable
    if op is C.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        if add_flags & re.IGNORECASE:
            ignore_case = True
        if del_flags & re.IGNORECASE:
            ignore_case = False
        return _first(sub.data, ignore_case, exact, folded)
    if op is C.ATOMIC_GROUP:
        return _first(av.data, ignore_case, exact, folded)
    if op in _REPEATS:
        low, _, sub = av
        return _first(sub.data, ignore_case, exact, folded) or low == 0
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return True  # zero width: the next item decides
    raise _Unbounded  # any character, a negated literal, a back-reference
