"""litkg's spaCy components, registered by name. Each calls one pure ``find_*`` function over the
Doc's text, stores typed records on a Doc extension and the matching spans in a span group."""

from __future__ import annotations

from typing import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..records import EndpointMention, Enrollment, Mention, Section
from .clauses import sentences
from .outcomes import find_outcomes
from .entities import find_entities, is_substance_class
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


def doc_text(doc: Doc) -> str:
    """The Doc's text, joined once: spaCy's ``Doc.text`` re-joins every token on each access."""
    text = doc.user_data.get("litkg_text")
    if text is None:
        text = doc.user_data["litkg_text"] = doc.text
    return text


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


class RecordComponent:
    """Calls ``find(doc)``, stores the records on ``doc._.<extension>`` and their spans in a group."""

    def __init__(self, name: str, find: Callable[[Doc], tuple], extension: str, label_of: Callable[[object], str]) -> None:
        _ensure_extensions()
        self.name = name
        self.find = find
        self.extension = extension
        self.label_of = label_of

    def __call__(self, doc: Doc) -> Doc:
        found = self.find(doc)
        setattr(doc._, self.extension, found)
        _span_group(doc, self.name, found, self.label_of)
        return doc


def _mentions(doc: Doc) -> tuple[Mention, ...]:
    """Drugs, therapies, conditions; each marked negated or hedged by its sentence context."""
    text = doc_text(doc)
    negated = negated_spans(text, 0, len(text))
    hedged = hedged_spans(text, 0, len(text))
    return tuple(
        Mention(
            start=e.start, end=e.end, text=text[e.start:e.end], label=e.label, concept=e.concept,
            section=section_kind(doc, e.start), negated=covered(negated, e.start, e.end),
            hedged=covered(hedged, e.start, e.end), code=e.code,
            substance_class=e.label == "DRUG" and is_substance_class(e.concept),
        )
        for e in find_entities(text)
    )


def _enrollments(doc: Doc) -> tuple[Enrollment, ...]:
    """Enrolment counts outside the background; also sets ``doc._.litkg_population``, the
    conditions named in the enrolled population ("with ... leukemia"). Needs litkg_entities first."""
    found = [item for item in find_enrollments(doc_text(doc)) if section_kind(doc, item[0].start) not in _NOT_STUDY_SECTIONS]
    spans = [span for _, span in found if span]
    doc._.litkg_population = tuple(
        m for m in doc._.litkg_mentions
        if m.label == "CONDITION" and not m.negated and any(s <= m.start and m.end <= e for s, e in spans)
    )
    return tuple(enrollment for enrollment, _ in found)


@Language.factory("litkg_trial_ids")
def make_trial_ids(nlp: Language, name: str) -> RecordComponent:
    return RecordComponent(name, lambda doc: tuple(find_registrations(doc_text(doc))), "litkg_registrations", lambda r: r.registry)


@Language.factory("litkg_entities")
def make_entities(nlp: Language, name: str) -> RecordComponent:
    return RecordComponent(name, _mentions, "litkg_mentions", lambda m: m.label)


@Language.factory("litkg_results")
def make_results(nlp: Language, name: str) -> RecordComponent:
    """Needs litkg_entities and litkg_endpoints first: their spans name arms and endpoints."""
    return RecordComponent(name, lambda doc: tuple(find_results(
        doc_text(doc), lambda offset: section_kind(doc, offset),
        outcomes=[(e.start, e.end, e.endpoint) for e in doc._.litkg_endpoints],
        arms=[(m.start, m.end) for m in doc._.litkg_mentions if m.label in ("DRUG", "THERAPY")])),
        "litkg_results", lambda r: r.statistic)


@Language.factory("litkg_population")
def make_population(nlp: Language, name: str) -> RecordComponent:
    return RecordComponent(name, _enrollments, "litkg_enrollments", lambda e: "ENROLLMENT")


@Language.factory("litkg_funding")
def make_funding(nlp: Language, name: str) -> RecordComponent:
    return RecordComponent(name, lambda doc: tuple(find_funders(doc_text(doc))), "litkg_funders", lambda f: "FUNDER")


def _endpoints(doc: Doc) -> tuple[EndpointMention, ...]:
    """Outcome phrases; conditions count as outcomes in result sentences. Needs litkg_entities first."""
    text = doc_text(doc)
    result_sentences = [(s, e) for s, e in sentences(text, 0, len(text)) if _reports_results(doc, text, s, e)]
    conditions = [(m.start, m.end) for m in doc._.litkg_mentions if m.label == "CONDITION" and not m.negated]
    return tuple(
        EndpointMention(p.start, p.end, text[p.start:p.end], p.endpoint, p.primary, section_kind(doc, p.start), p.declared)
        for p in find_outcomes(text, conditions, result_sentences)
    )


def _reports_results(doc: Doc, text: str, start: int, end: int) -> bool:
    kind = section_kind(doc, start)
    if kind is not None:
        return kind in ("results", "conclusions")
    return any(ch.isdigit() for ch in text[start:end])


@Language.factory("litkg_endpoints")
def make_endpoints(nlp: Language, name: str) -> RecordComponent:
    return RecordComponent(name, _endpoints, "litkg_endpoints", lambda e: "PRIMARY" if e.primary else "ENDPOINT")


def set_sections(doc: Doc, sections: tuple[Section, ...]) -> Doc:
    _ensure_extensions()
    doc._.litkg_sections = sections
    return doc


__all__ = ["RecordComponent", "doc_text", "set_sections", "section_kind"]
