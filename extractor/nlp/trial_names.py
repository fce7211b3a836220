"""Trial names ("DELIVER-AGE", "RECOVERY", "EMPEROR-Preserved"): how papers and news name a study.

A name is an acronym-like word right before "trial" or "study", or in parentheses before the
colon of a title ("... (DELIVER-AGE): a randomised, double-blind, phase 3 trial").
"""

from __future__ import annotations

import re

from ..vocabularies import word_list
from .guarded import guarded

_NAME = r"[A-Z][A-Z0-9]*(?:[-–][A-Z0-9]+)*(?:[-–][A-Z][a-z]+)?"
_BEFORE_TRIAL = guarded(rf"\b(?P<name>{_NAME})\s+(?:(?:phase\s+\d\s+)?(?:randomi[sz]ed\s+)?(?:clinical\s+)?)?(?:trial|study)\b")
_IN_TITLE = re.compile(rf"\((?P<name>{_NAME})\)\s*:")
# acronyms that name diseases, agencies, methods or places, not trials
_NOT_NAMES = frozenset(word_list("not trial names"))


def find_trial_names(text: str, title: str | None = None) -> tuple[str, ...]:
    """Distinct trial names in ``title`` and ``text``, in order of appearance."""
    found: list[str] = []
    for pattern, where in ((_IN_TITLE, title or ""), (_BEFORE_TRIAL, text)):
        for match in pattern.finditer(where):
            name = match.group("name").replace("–", "-")
            if _is_name(name) and name not in found:
                found.append(name)
    return tuple(found)


def _is_name(name: str) -> bool:
    capitals = sum(ch.isupper() for ch in name)
    return capitals >= 3 and name.upper() not in _NOT_NAMES and not name.replace("-", "").isdigit()
