"""Funders from funding statements: "(Funded by the X and the Y; ClinicalTrials.gov number, ...)"."""

from __future__ import annotations

import re

from ..records import Funder
from .guarded import guarded

_STATEMENT = guarded(
    r"\b(?:Funded|Supported|Sponsored|financed)\s+(?:in\s+part\s+)?by\s+(?P<who>[^;)]+)|\b(?:Funding|Funding\s+sources?)\s*:\s*(?P<who2>[^;.]+)",
    re.IGNORECASE,
)
# "and" splits funders when a new name starts: "X and the Y", "X, and Y Inc" -- not "Science and Technology Department"
_SPLIT = re.compile(r",\s+and\s+(?:the\s+)?|;\s+|,\s+(?:the\s+)?(?=[A-Z])|\s+and\s+the\s+|\s+and\s+(?=[A-Z][\w-]+(?:\s+(?:Inc|Ltd|LLC|GmbH|AG|plc|Pharma\w*|Therapeutics|Biotech\w*))?\s*$)")
_NOT_FUNDER = re.compile(r"^(?:others?|and others|grants?|the authors?|none)$", re.IGNORECASE)


_ORG_HEAD = re.compile(r"\b(?:Institutes?|Foundation|Council|Ministry|Agency|Fund|Trust|Society|Association|University|"
                       r"Department|Program(?:me)?|Project|Center|Centre|Office|Inc|Ltd|LLC|GmbH|AG|plc|Company|Corporation|"
                       r"Pharma\w*|Therapeutics|Biotech\w*|Commission|Organi[sz]ation|Service|Academy|Administration|Board)\b")


def find_funders(text: str, start: int = 0, end: int | None = None) -> list[Funder]:
    found = []
    for match in _STATEMENT.finditer(text, start, len(text) if end is None else end):
        group = "who" if match.group("who") else "who2"
        base = match.start(group)
        statement = re.sub(r",?\s+and\s+others\s*$", "", match.group(group).rstrip(" ."))
        for piece_start, piece_end in _pieces(statement):
            name = statement[piece_start:piece_end]
            lead = re.match(r"\s*(?:the\s+)?", name)
            name = name[lead.end():].strip(" ,")
            if name and not _NOT_FUNDER.match(name) and name[0].isupper():
                offset = base + piece_start + lead.end()
                found.append(Funder(offset, offset + len(name), name))
    return found


def _pieces(statement: str) -> list[tuple[int, int]]:
    """Spans of funder names. Comma-separated words that only make sense together
    ("National Heart, Lung, and Blood Institute") stay one name: a piece of two or more words
    without an organisation word, followed by a one-word piece, starts such a name, which runs
    to the next piece that has an organisation word."""
    cuts = [*_SPLIT.finditer(statement)]
    bounds = [0, *(m.start() for m in cuts), len(statement)]
    starts = [0, *(m.end() for m in cuts)]
    pieces = [(starts[i], bounds[i + 1]) for i in range(len(starts))]
    words = [len(re.sub(r"^\s*the\s+", "", statement[a:b]).split()) for a, b in pieces]
    spans = []
    i = 0
    while i < len(pieces):
        begin, stop = pieces[i]
        comma = i < len(cuts) and cuts[i].group().lstrip().startswith(",")
        if comma and words[i] >= 2 and not _ORG_HEAD.search(statement[begin:stop]) and i + 1 < len(pieces) and words[i + 1] == 1:
            while i + 1 < len(pieces) and not _ORG_HEAD.search(statement[pieces[i][0]:pieces[i][1]]):
                i += 1
            stop = pieces[i][1]
        spans.append((begin, stop))
        i += 1
    return spans
