"""The arms a study compared (contract v2 ``litkg:Arm``): from the sentences that allocate
("randomly assigned to receive X or Y"), the title or objective's "X vs Y", "X compared with Y",
"X or placebo", each with what it gave (the interventions named in it, else its own words), its
size when stated beside it ("(n = 327)", "327 patients received X") and its role (placebo, sham,
usual care, waitlist, no treatment: a control arm).
"""

from __future__ import annotations

import re
from typing import Sequence

from ..designs import Arm, ArmRole
from ..records import Document, EntityLabel, Mention
from ..vocabularies import word_list
from .conditions import Span
from .guarded import guarded
from .numbers import to_int
from .result_statements import SectionOf
from .roles import NOT_FINDINGS, READ_METHODS

_PHRASE = r"[\w'’+/%.-]+(?:\s+[\w'’+/%.-]+){0,6}?"
_LAST = r"[\w'’+/%.-]+(?:\s+[\w'’+/%.-]+){0,6}"  # the phrase after the comparison word: as long as it goes, trimmed after
_ASIDE = r"(?:\s*[(\[][^()\[\]]{0,40}[)\]])?"  # "(n = 327)", "(ALB)" after an arm
_PATTERNS = (
    ("arms: allocated to X or Y", guarded(
        rf"\b(?:assigned|allocated|randomi[sz]ed|randomly\s+divided)\s+(?:[\w,]+\s+){{0,4}}?(?:\(\d+:\d+\)\s+|in\s+a\s+\d+:\d+\s+ratio\s+)?"
        rf"(?:in)?to\s+(?:receive\s+|either\s+|one\s+of\s+(?:two|three)\s+groups?:?\s+)?(?P<a>{_PHRASE}){_ASIDE}"
        rf"(?:,\s*(?:to\s+)?(?:receive\s+)?(?P<b>{_PHRASE}){_ASIDE})?,?\s+(?:or|and|versus|vs\.?)\s+(?:to\s+)?(?:receive\s+)?"
        rf"(?P<c>{_LAST})", re.I)),
    ("arms: X versus Y", guarded(rf"(?P<a>{_PHRASE}){_ASIDE}\s+(?:vs\.?|versus)\s+(?P<c>{_LAST})", re.I)),
    ("arms: compared X with Y", guarded(rf"\bcompar(?:ed|ing)\s+(?:the\s+effects?\s+of\s+)?(?P<a>{_PHRASE}){_ASIDE}\s+(?:with|to|and)\s+(?P<c>{_LAST})", re.I)),
    ("arms: X compared with Y", guarded(rf"(?P<a>{_PHRASE}){_ASIDE}\s+(?:was|were)?\s*compared\s+(?:with|to)\s+(?P<c>{_LAST})", re.I)),
    ("arms: X or placebo", guarded(rf"(?P<a>{_PHRASE}){_ASIDE}\s+or\s+(?:a\s+|matching\s+)?(?P<c>placebo|sham(?:\s+[\w-]+)?)\b", re.I)),
)
# the word each pattern needs: tried first, so the phrase patterns run only where they can match
_TRIGGERS = {
    "arms: allocated to X or Y": re.compile(r"assigned|allocated|randomi[sz]ed|divided", re.I),
    "arms: X versus Y": re.compile(r"\bvs\b|versus", re.I),
    "arms: compared X with Y": re.compile(r"compar", re.I),
    "arms: X compared with Y": re.compile(r"compared", re.I),
    "arms: X or placebo": re.compile(r"\bor\s+(?:a\s+|matching\s+)?(?:placebo|sham)", re.I),
}
_SIZE_AFTER = re.compile(r"\s*(?:groups?|arms?)?\s*[(\[]\s*[nN]\s*=\s*(?P<n>\d[\d,]*)\s*[)\]]")
_CONTROL = re.compile(r"\b(?:placebo|sham|usual\s+care|standard\s+(?:of\s+)?care|wait-?\s?list|no\s+(?:treatment|intervention)|"
                      r"control)\b", re.I)
_EDGE_WORDS = re.compile(r"(?:the|a|an|either|receive|receiving|to|of|with|both|one\s+dose\s+of|two\s+doses\s+of|a\s+single\s+dose\s+of|"
                         r"treatment\s+with|therapy\s+with)\s+", re.I)  # matched where the name starts
_ALLOCATION_PLACES = {"methods", READ_METHODS, "abstract", "body", "results", None}
_STATED_PLACES = {"title", "objective"}


def find_arms(document: Document, section_of: SectionOf, mentions: Sequence[Mention],
              spans: Sequence[Span], opening: Sequence[Span]) -> tuple[Arm, ...]:
    """The arms, in the order first named, one per name; none when no sentence compares arms.
    ``spans`` are the text's sentences, ``opening`` its opening sentences."""
    text = document.text
    treatments = [m for m in mentions if m.label in (EntityLabel.DRUG, EntityLabel.THERAPY) and not m.negated]
    found: dict[str, Arm] = {}
    for s_start, s_end in spans:
        place = section_of(s_start)
        if place in NOT_FINDINGS:
            continue
        stated = place in _STATED_PLACES or any(s == s_start for s, _ in opening)
        for rule, pattern in _PATTERNS:
            if rule != "arms: allocated to X or Y" and not stated:
                continue  # a bare "X vs Y" deep in the results compares values, not arms
            if rule == "arms: allocated to X or Y" and place not in _ALLOCATION_PLACES and not stated:
                continue
            if not _TRIGGERS[rule].search(text, s_start, s_end):
                continue
            match = pattern.search(text, s_start, s_end)
            if not match:
                continue
            for group in ("a", "b", "c"):
                if match.groupdict().get(group) is None:
                    continue
                arm = _arm(text, match.start(group), match.end(group), group == "a", treatments, rule)
                if arm is not None:
                    found.setdefault(arm.name.lower(), arm)
            break
    return tuple(found.values()) if len(found) >= 2 else ()


def _arm(text: str, start: int, end: int, leftmost: bool, treatments: Sequence[Mention], rule: str) -> Arm | None:
    start, end = _trimmed(text, start, end, leftmost)
    if end <= start:
        return None
    name = text[start:end]
    if name.lower() in word_list("not arm names") or not re.search(r"[A-Za-z]{3}", name):
        return None
    inside = tuple(m for m in treatments if start <= m.start and m.end <= end)
    if not inside and len(name.split()) > 4:
        return None  # a long phrase with no treatment in it is not an arm's name
    size_match = _SIZE_AFTER.match(text, end)
    size = to_int(size_match.group("n")) if size_match else None
    role = ArmRole.CONTROL if _CONTROL.search(name) else ArmRole.ACTIVE
    return Arm(name=name, start=start, end=end, role=role, size=size, subjects=inside, rule=rule)


def _trimmed(text: str, start: int, end: int, leftmost: bool) -> tuple[int, int]:
    """The arm's own words: cut at the first word that starts a new part of the sentence (the
    last, for the phrase before "vs"), without leading articles or "receive"."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    stops = set(word_list("arm phrase stops"))
    if leftmost:
        cut = [i for i, (s, e) in enumerate(words) if text[s:e].lower().strip(",;:") in stops]
        words = words[cut[-1] + 1:] if cut else words
    else:
        cut = next((i for i, (s, e) in enumerate(words) if text[s:e].lower().strip(",;:") in stops), None)
        words = words[:cut] if cut is not None else words
    if not words:
        return start, start
    start, end = words[0][0], words[-1][1]
    while True:
        match = _EDGE_WORDS.match(text, start, end)
        if not match:
            break
        start = match.end()
    while end > start and text[end - 1] in ",;:.)(":
        end -= 1
    return start, end
