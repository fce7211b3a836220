"""Whether a paper reports a trial's main results or is a later work about the same trial
(a secondary or post hoc analysis, a long-term follow-up): both are about one study, but they
are separate works and a news story about the trial's results links to the main report."""

from __future__ import annotations

import re

from .guarded import guarded

_KINDS = (
    ("long-term follow-up", guarded(r"\b(?:long[- ]term|extended|final|\d+[- ]year)\s+follow[- ]up\b|\bextension\s+(?:study|phase)\b", re.IGNORECASE)),
    ("post hoc analysis", guarded(r"\bpost[- ]hoc\s+analys[ie]s\b", re.IGNORECASE)),
    ("secondary analysis", guarded(r"\b(?:secondary|exploratory|subgroup|ancillary)\s+analys[ie]s\s+of\b|"
                                      r"\bprespecified\s+secondary\s+analys[ie]s\b|\b(?:secondary|exploratory)\s+analys[ie]s\b(?=[^.]{0,40}\btrial\b)", re.IGNORECASE)),
)
_THIS_WORK = re.compile(r"\b(?:this|the\s+present)\s+$", re.IGNORECASE)


def find_report_kind(title: str | None, text: str) -> str | None:
    """ "secondary analysis", "post hoc analysis" or "long-term follow-up" when the title says so,
    or the text says this work is one ("In this secondary analysis of ..."); else None."""
    for kind, pattern in _KINDS:
        if title and pattern.search(title):
            return kind
    for kind, pattern in _KINDS:
        for match in pattern.finditer(text[:3000]):
            if _THIS_WORK.search(text[max(0, match.start() - 20):match.start()]):
                return kind
    return None
