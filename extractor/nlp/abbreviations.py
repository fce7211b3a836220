"""Abbreviations a document defines ("neuroleptic malignant syndrome (NMS)"), found with the
Schwartz & Hearst (2003) algorithm: the short form is the parenthesised token, the long form the
shortest run of words before it whose letters contain the short form's characters in order,
the first one starting a word.

Used by entity finding: once a long form is a known drug or condition, every use of its short
form in the document names the same concept; and by outcome finding: a vocabulary abbreviation
("BP") the document defines otherwise ("bovine pericardium (BP)") is not that vocabulary's term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SHORT_IN_PARENS = re.compile(r"\(\s*(?P<short>[A-Za-z0-9][\w.'’/-]{0,9}?)\s*(?:[;,][^()]{0,40})?\)")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Abbreviation:
    short: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int


def find_abbreviations(text: str) -> list[Abbreviation]:
    """Every "long form (SF)" definition in ``text``, in order."""
    found = []
    for match in _SHORT_IN_PARENS.finditer(text):
        short = match.group("short")
        if not _plausible_short(short):
            continue
        long_end = match.start()
        while long_end > 0 and text[long_end - 1] == " ":
            long_end -= 1
        long_start = _long_form_start(text, long_end, short)
        if long_start is None:
            continue
        found.append(Abbreviation(short, match.start("short"), match.end("short"), long_start, long_end))
    return found


def _plausible_short(short: str) -> bool:
    """2-10 characters, a letter among them, at least one capital; not a number, percentage or p value."""
    return (2 <= len(short) <= 10 and any(c.isalpha() for c in short) and any(c.isupper() for c in short)
            and not re.fullmatch(r"[ivxlcdm]+|\d+(?:\.\d+)?%?|[Pp]\s*[<=>].*|n\s*=.*", short))


def _long_form_start(text: str, end: int, short: str) -> int | None:
    """Schwartz-Hearst: walk the short form's characters right to left through the words before
    ``end`` (at most min(len+5, 2*len) words); the first character must start a word."""
    words = list(_WORD.finditer(text, max(0, end - 200), end))
    limit = min(len(short) + 5, 2 * len(short))
    words = words[-limit:]
    if not words:
        return None
    window_start = words[0].start()
    window = text[window_start:end].lower()
    characters = [c for c in short.lower() if c.isalnum()]
    position = len(window) - 1
    for index in range(len(characters) - 1, -1, -1):
        char = characters[index]
        while position >= 0 and (window[position] != char or (index == 0 and position > 0 and window[position - 1].isalnum())):
            position -= 1
        if position < 0:
            return None
        position -= 1
    start = window_start + position + 1
    start = text.rfind(" ", 0, start + 1) + 1 if start > 0 and text[start - 1].isalnum() else start
    if "(" in text[start:end] or ")" in text[start:end] or len(text[start:end]) <= len(short):
        return None
    return start


def defined_long_forms(text: str) -> dict[str, str]:
    """Short form -> the long form the document gives it (the first definition), e.g. {"BP": "bovine pericardium"}."""
    if "(" not in text:
        return {}
    defined: dict[str, str] = {}
    for abbreviation in find_abbreviations(text):
        defined.setdefault(abbreviation.short, text[abbreviation.long_start:abbreviation.long_end])
    return defined
