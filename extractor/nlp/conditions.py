"""The conditions a study is about (``schema:healthCondition``): those named in its title, in the
opening sentences that state what it did (a story's lead, an unlabelled abstract's first lines), in
its objective, in the population it enrolled, and those its record's major MeSH topics name.

A condition named only in the background, in a quote, about other work, or among results (an outcome
such as "stroke") is a mention, not the study's condition.
"""

from __future__ import annotations

from typing import Sequence

Span = tuple[int, int]

from ..records import Document, EntityLabel, Mention
from .clauses import strip_span
from .entities import find_entities
from .result_statements import SectionOf
from .roles import NOT_FINDINGS, READ_METHODS

OPENING_SENTENCES = 2  # sentences after the title that say what the study did, when no heading labels them
_STATED_IN = {"title", "objective"}


def find_study_conditions(document: Document, section_of: SectionOf, mentions: Sequence[Mention],
                          population: Sequence[Mention], opening: Sequence[Span]) -> tuple[Mention, ...]:
    """The study's conditions, in text order, one mention per concept (the first); ``opening`` is
    what :func:`opening_sentences` gives."""
    conditions = [m for m in mentions if m.label == EntityLabel.CONDITION and not m.negated and not m.hedged]
    chosen = [m for m in conditions
              if section_of(m.start) in _STATED_IN or any(s <= m.start < e for s, e in opening)]
    chosen += population
    majors = _major_topic_concepts(document)
    chosen += [m for m in conditions if m.concept in majors and section_of(m.start) not in NOT_FINDINGS]
    seen: dict[str, Mention] = {}
    for mention in sorted(chosen, key=lambda m: m.start):
        seen.setdefault(mention.concept, mention)
    return tuple(seen.values())


def opening_sentences(document: Document, section_of: SectionOf, spans: Sequence[Span]) -> list[Span]:
    """The first sentences of the text (of its sentence ``spans``) after the title, when no heading
    labels them and they are not background, a quote or about other work."""
    title_end = max((s.end for s in document.sections if s.kind == "title"), default=0)
    opening: list[Span] = []
    for start, end in spans:
        if end <= title_end:
            continue
        if start < title_end:  # a title ending "... virginiamycin S." is not split from the text after it
            start, end = strip_span(document.text, title_end, end)
        kind = section_of(start)
        if kind in NOT_FINDINGS:
            continue
        if kind not in (None, "abstract", "body", "methods", READ_METHODS, "results", "conclusions"):
            break  # a labelled abstract: its objective and population speak for it
        opening.append((start, end))
        if len(opening) == OPENING_SENTENCES:
            break
    return opening


def _major_topic_concepts(document: Document) -> set[str]:
    """Concepts of the conditions the record's major MeSH topics name."""
    concepts = set()
    for heading in document.mesh_headings:
        if heading.major:
            concepts |= {e.concept for e in find_entities(heading.name) if e.label == EntityLabel.CONDITION
                         and e.end - e.start >= len(heading.name) - 1}
    return concepts
