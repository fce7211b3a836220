"""litkg's spaCy components, registered by name, for users who want litkg's rules in a spaCy pipeline.
Each calls the same ``find_*`` function as litkg's own extraction (``analysis.py``) over the Doc's
text, stores the typed records on a Doc extension and the matching spans in a span group."""

from __future__ import annotations

from typing import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..records import EndpointMention, Enrollment, Mention, Section
from .analysis import SectionOf, find_endpoint_mentions, find_mentions, find_population, find_study_results, section_lookup
from .funding import find_funders
from .registrations import find_registrations

_EXTENSIONS = ("litkg_sections", "litkg_registrations", "litkg_mentions", "litkg_results", "litkg_enrollments",
               "litkg_population", "litkg_funders", "litkg_endpoints")


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


def _section_of(doc: Doc) -> SectionOf:
    return section_lookup(doc._.litkg_sections)


def _mentions(doc: Doc) -> tuple[Mention, ...]:
    return find_mentions(doc_text(doc), _section_of(doc))


def _enrollments(doc: Doc) -> tuple[Enrollment, ...]:
    """Also sets ``doc._.litkg_population``. Needs litkg_entities first."""
    enrollments, doc._.litkg_population = find_population(doc_text(doc), _section_of(doc), doc._.litkg_mentions)
    return enrollments


@Language.factory("litkg_trial_ids")
def make_trial_ids(nlp: Language, name: str) -> RecordComponent:
    return RecordComponent(name, lambda doc: tuple(find_registrations(doc_text(doc))), "litkg_registrations", lambda r: r.registry)


@Language.factory("litkg_entities")
def make_entities(nlp: Language, name: str) -> RecordComponent:
    return RecordComponent(name, _mentions, "litkg_mentions", lambda m: m.label)


@Language.factory("litkg_results")
def make_results(nlp: Language, name: str) -> RecordComponent:
    """Needs litkg_entities and litkg_endpoints first: their spans name arms and endpoints."""
    return RecordComponent(name, lambda doc: find_study_results(
        doc_text(doc), _section_of(doc), doc._.litkg_endpoints, doc._.litkg_mentions), "litkg_results", lambda r: r.statistic)


@Language.factory("litkg_population")
def make_population(nlp: Language, name: str) -> RecordComponent:
    return RecordComponent(name, _enrollments, "litkg_enrollments", lambda e: "ENROLLMENT")


@Language.factory("litkg_funding")
def make_funding(nlp: Language, name: str) -> RecordComponent:
    return RecordComponent(name, lambda doc: tuple(find_funders(doc_text(doc))), "litkg_funders", lambda f: "FUNDER")


def _endpoints(doc: Doc) -> tuple[EndpointMention, ...]:
    """Needs litkg_entities first."""
    return find_endpoint_mentions(doc_text(doc), _section_of(doc), doc._.litkg_mentions)


@Language.factory("litkg_endpoints")
def make_endpoints(nlp: Language, name: str) -> RecordComponent:
    return RecordComponent(name, _endpoints, "litkg_endpoints", lambda e: "PRIMARY" if e.primary else "ENDPOINT")


def set_sections(doc: Doc, sections: tuple[Section, ...]) -> Doc:
    _ensure_extensions()
    doc._.litkg_sections = sections
    return doc


__all__ = ["RecordComponent", "doc_text", "set_sections"]
