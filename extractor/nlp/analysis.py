"""The rules of the NLP stage over a document's text: Document -> Extraction.

Every rule reads the raw text with character offsets; none reads spaCy tokens. The extraction path
therefore runs the rules straight on the text: tokenising a Doc that no rule reads cost ~0.45 ms
per abstract on unseen MEDLINE text, ~15% of the NLP stage (docs/PERFORMANCE.md). The spaCy
components in ``components.py`` call these same functions, for users who want Docs and span groups.
"""

from __future__ import annotations

import re

from bisect import bisect_right
from typing import Callable, Sequence

from ..records import DocumentKind, Document, EndpointMention, Enrollment, Extraction, Mention, Result, Section
from . import outcome_tagger
from .clauses import sentences
from .endpoints import endpoint_index
from .entities import find_entities, lexicons
from .funding import find_funders
from .mesh_names import is_substance_class
from .negation import covered, hedged_spans, negated_spans
from .news_leads import find_reported_publication
from .outcomes import find_outcomes, with_tagged_outcomes
from .population import find_enrollments
from .registrations import find_registrations, registrations_from_databanks
from .report_kind import find_report_kind
from .results import find_results
from .trial_names import find_trial_names

SectionOf = Callable[[int], "str | None"]
_NOT_STUDY_SECTIONS = {"background"}
_DIGIT = re.compile(r"\d")
FINDINGS_SECTIONS = {"results", "conclusions"}  # the sections that report what the study found
_DESIGN_SECTIONS = {"background", "objective", "methods", "registration", "funding", "title"}


def section_lookup(sections: Sequence[Section]) -> SectionOf:
    """offset -> the kind of the section holding it (None outside every section)."""
    ordered = sorted(sections, key=lambda s: s.start)
    starts = [s.start for s in ordered]

    def section_of(offset: int) -> str | None:
        i = bisect_right(starts, offset) - 1
        if i >= 0 and offset < ordered[i].end:
            return ordered[i].kind
        return None

    return section_of


def find_mentions(text: str, section_of: SectionOf) -> tuple[Mention, ...]:
    """Drugs, therapies, conditions; each marked negated or hedged by its sentence context."""
    negated = negated_spans(text, 0, len(text))
    hedged = hedged_spans(text, 0, len(text))
    return tuple(
        Mention(
            start=e.start, end=e.end, text=text[e.start:e.end], label=e.label, concept=e.concept,
            section=section_of(e.start), negated=covered(negated, e.start, e.end),
            hedged=covered(hedged, e.start, e.end), code=e.code,
            substance_class=e.label == "DRUG" and is_substance_class(e.concept),
        )
        for e in find_entities(text)
    )


def find_endpoint_mentions(text: str, section_of: SectionOf, mentions: Sequence[Mention]) -> tuple[EndpointMention, ...]:
    """Outcome phrases; conditions count as outcomes in result sentences."""
    result_sentences = [(s, e) for s, e in sentences(text, 0, len(text)) if _reports_results(text, section_of, s, e)]
    conditions = [(m.start, m.end) for m in mentions if m.label == "CONDITION" and not m.negated]
    treatments = [(m.start, m.end) for m in mentions if m.label in ("DRUG", "THERAPY")]
    phrases = find_outcomes(text, conditions, result_sentences, treatments)
    if outcome_tagger.active():
        phrases = with_tagged_outcomes(text, phrases, outcome_tagger.tag_outcomes(text))
    return tuple(
        EndpointMention(p.start, p.end, text[p.start:p.end], p.endpoint, p.primary, section_of(p.start), p.declared)
        for p in phrases
    )


def _reports_results(text: str, section_of: SectionOf, start: int, end: int) -> bool:
    """A sentence under a results or conclusions heading, or outside any heading that names a part
    of the study (an unlabelled abstract) with a number in it."""
    kind = section_of(start)
    if kind in FINDINGS_SECTIONS:
        return True
    if kind in _DESIGN_SECTIONS:
        return False
    return _DIGIT.search(text, start, end) is not None


def find_study_results(text: str, section_of: SectionOf, endpoints: Sequence[EndpointMention],
                       mentions: Sequence[Mention]) -> tuple[Result, ...]:
    """Results, their endpoints named by the outcome phrases and their arms by the interventions."""
    return tuple(find_results(
        text, section_of,
        outcomes=[(e.start, e.end, e.endpoint) for e in endpoints],
        arms=[(m.start, m.end) for m in mentions if m.label in ("DRUG", "THERAPY")]))


def find_population(text: str, section_of: SectionOf,
                    mentions: Sequence[Mention]) -> tuple[tuple[Enrollment, ...], tuple[Mention, ...]]:
    """Enrolment counts outside the background, and the conditions named in the enrolled
    population ("with ... leukemia")."""
    found = [item for item in find_enrollments(text) if section_of(item[0].start) not in _NOT_STUDY_SECTIONS]
    spans = [span for _, span in found if span]
    population = tuple(
        m for m in mentions
        if m.label == "CONDITION" and not m.negated and any(s <= m.start and m.end <= e for s, e in spans)
    )
    return tuple(enrollment for enrollment, _ in found), population


def load_lexicons() -> None:
    """Load the lexicons now (~1 s) rather than on the first document."""
    lexicons()
    endpoint_index()


def analyse(document: Document) -> Extraction:
    """Run every rule on the document's text."""
    text = document.text
    section_of = section_lookup(document.sections)
    in_text = tuple(find_registrations(text))
    mentions = find_mentions(text, section_of)
    endpoints = find_endpoint_mentions(text, section_of, mentions)
    enrollments, population = find_population(text, section_of, mentions)
    listed = registrations_from_databanks(document.databanks, {r.identifier for r in in_text})
    return Extraction(
        document=document,
        registrations=in_text + tuple(listed),
        mentions=mentions,
        results=find_study_results(text, section_of, endpoints, mentions),
        enrollments=enrollments,
        funders=tuple(find_funders(text)),
        endpoints=endpoints,
        population_conditions=population,
        reported=find_reported_publication(text, document.cited_dois) if document.kind is DocumentKind.NEWS else None,
        trial_names=find_trial_names(text, document.title),
        report_kind=find_report_kind(document.title, text) if document.kind is DocumentKind.ARTICLE else None,
    )
