"""Sentences and clauses over raw text, with offsets; parentheses are never split."""

from __future__ import annotations

import re

from .guarded import guarded
from .numbers import NUMBER

# A sentence ends at . ! ? followed by space and a capital/digit/quote, or at a paragraph break.
_SENTENCE_END = guarded(r"(?<=[.!?])[\"”')\]]*\s+(?=[A-Z0-9\"“(\[])|\n\s*\n|\n(?=[A-Z])")
_ABBREVIATIONS = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof|vs|al|approx|Fig|No|St|Jr|Sr|i\.e|e\.g|M\.D|Ph\.D|U\.S)|\b[A-Z])\.$")
_BRACKET = re.compile(r"[()\[\]]")
BRACKETED = re.compile(r"\([^()]*(?:\([^()]*\)[^()]*)*\)|\[[^\[\]]*\]")  # a bracketed aside, one level of nesting inside
_CLAUSE_BREAK = guarded(rf",\s+(?:and\s+|but\s+|whereas\s+|while\s+)?|;\s+|\s+whereas\s+|\s+while\s+|\s+and\s+(?=(?:all\s+)?{NUMBER}\s+(?:\w+\s+)?(?:had|have|has|were|was|died|developed|remained|experienced|achieved)\b)|\s+and\s+(?={NUMBER}\s+(?:patients?|participants?)\b)")


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]``; "M.D." and "et al." do not end sentences."""
    end = len(text) if end is None else end
    spans = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if _ABBREVIATIONS.search(text[max(cursor, match.start() - 8): match.start()]):
            continue
        if match.start() > cursor:
            spans.append((cursor, match.start()))
        cursor = match.end()
    if cursor < end and text[cursor:end].strip():
        spans.append((cursor, end))
    return [(s, e) for s, e in (strip_span(text, s, e) for s, e in spans) if e > s]


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans of one sentence: split at commas, semicolons and 'and' before a new count,
    but never inside parentheses or brackets."""
    brackets = _BRACKET.finditer(text, start, end)
    bracket = next(brackets, None)
    depth = 0
    spans = []
    cursor = start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        while bracket is not None and bracket.start() < match.start():  # the depth just before the break
            if bracket.group() in "([":
                depth += 1
            elif depth:
                depth -= 1
            bracket = next(brackets, None)
        if depth > 0:
            continue
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, end))
    return [(s, e) for s, e in (strip_span(text, s, e) for s, e in spans) if e > s]


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without surrounding white space and trailing full stops."""
    while start < end and text[start] in " \t\n":
        start += 1
    while end > start and text[end - 1] in " \t\n.":
        end -= 1
    return start, end
