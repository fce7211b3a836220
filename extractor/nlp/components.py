"""litkg's spaCy components, registered by name. Each calls one pure ``find_*`` function over the
Doc's text, stores typed records on a Doc extension and the matching spans in a span group."""

from __future__ import annotations

from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..records import Mention, Section
from .endpoints import find_endpoint_statements
from .entities import find_entities
from .funding import find_funders
from .negation import covered, hedged_spans, negated_spans
from .population import find_enrollments
from .registrations import find_registrations
from .results import find_results

_EXTENSIONS = ("litkg_sections", "litkg_registrations", "litkg_mentions", "litkg_results", "litkg_enrollments",
               "litkg_population", "litkg_funders", "litkg_endpoints")
_NOT_STUDY_SECTIONS = {"background"}


def _ensure_extensions() -> None:
    for name in _EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=())


def section_kind(doc: Doc, offset: int) -> str | None:
    for section in doc._.litkg_sections:
        if section.start <= offset < section.end:
            return section.kind
    return None


def _span_group(doc: Doc, name: str, items: Iterable, label_of) -> None:
    spans = []
    for item in items:
        span = doc.char_span(item.start, item.end, label=label_of(item), alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[name] = spans


class _Component:
    group = ""

    def __init__(self, nlp: Language, name: str) -> None:
        _ensure_extensions()
        self.name = name


@Language.factory("litkg_trial_ids")
def make_trial_ids(nlp: Language, name: str) -> "TrialIds":
    return TrialIds(nlp, name)


class TrialIds(_Component):
    def __call__(self, doc: Doc) -> Doc:
        found = tuple(find_registrations(doc.text))
        doc._.litkg_registrations = found
        _span_group(doc, "litkg_trial_ids", found, lambda r: r.registry)
        return doc


@Language.factory("litkg_entities")
def make_entities(nlp: Language, name: str) -> "Entities":
    return Entities(nlp, name)


class Entities(_Component):
    """Drugs, therapies, conditions; each marked negated or hedged by its sentence context."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        negated = negated_spans(text, 0, len(text))
        hedged = hedged_spans(text, 0, len(text))
        mentions = tuple(
            Mention(
                start=e.start, end=e.end, text=text[e.start:e.end], label=e.label, concept=e.concept,
                section=section_kind(doc, e.start), negated=covered(negated, e.start, e.end),
                hedged=covered(hedged, e.start, e.end), code=e.code,
            )
            for e in find_entities(text)
        )
        doc._.litkg_mentions = mentions
        _span_group(doc, "litkg_entities", mentions, lambda m: m.label)
        return doc


@Language.factory("litkg_results")
def make_results(nlp: Language, name: str) -> "Results":
    return Results(nlp, name)


class Results(_Component):
    def __call__(self, doc: Doc) -> Doc:
        found = tuple(find_results(doc.text, lambda offset: section_kind(doc, offset)))
        doc._.litkg_results = found
        _span_group(doc, "litkg_results", found, lambda r: r.statistic)
        return doc


@Language.factory("litkg_population")
def make_population(nlp: Language, name: str) -> "Population":
    return Population(nlp, name)


class Population(_Component):
    """Enrolment counts and the conditions named in the enrolled population's description.
    Needs ``litkg_entities`` before it."""

    def __call__(self, doc: Doc) -> Doc:
        found = [item for item in find_enrollments(doc.text) if section_kind(doc, item[0].start) not in _NOT_STUDY_SECTIONS]
        doc._.litkg_enrollments = tuple(enrollment for enrollment, _ in found)
        spans = [span for _, span in found if span]
        doc._.litkg_population = tuple(
            m for m in doc._.litkg_mentions
            if m.label == "CONDITION" and not m.negated and any(s <= m.start and m.end <= e for s, e in spans)
        )
        _span_group(doc, "litkg_population", doc._.litkg_enrollments, lambda e: "ENROLLMENT")
        return doc


@Language.factory("litkg_funding")
def make_funding(nlp: Language, name: str) -> "Funding":
    return Funding(nlp, name)


class Funding(_Component):
    def __call__(self, doc: Doc) -> Doc:
        found = tuple(find_funders(doc.text))
        doc._.litkg_funders = found
        _span_group(doc, "litkg_funding", found, lambda f: "FUNDER")
        return doc


@Language.factory("litkg_endpoints")
def make_endpoints(nlp: Language, name: str) -> "Endpoints":
    return Endpoints(nlp, name)


class Endpoints(_Component):
    def __call__(self, doc: Doc) -> Doc:
        found = tuple(find_endpoint_statements(doc.text))
        doc._.litkg_endpoints = found
        _span_group(doc, "litkg_endpoints", found, lambda e: "PRIMARY" if e.primary else "ENDPOINT")
        return doc


def set_sections(doc: Doc, sections: tuple[Section, ...]) -> Doc:
    _ensure_extensions()
    doc._.litkg_sections = sections
    return doc


__all__ = ["set_sections", "section_kind", "Span"]
