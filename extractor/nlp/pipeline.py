"""The NLP stage: a blank English spaCy pipeline with litkg's components, Document -> Extraction."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from ..records import Document, DocumentKind, Extraction, Section
from . import components  # noqa: F401  (registers the factories when entry points are not installed)
from .news_leads import find_reported_publication
from .registrations import registrations_from_databanks
from .report_kind import find_report_kind
from .trial_names import find_trial_names

COMPONENTS = ("litkg_trial_ids", "litkg_entities", "litkg_endpoints", "litkg_results", "litkg_population", "litkg_funding")
_TOKENIZER_CACHE = 100_000


def build_pipeline() -> Language:
    """Build once per process: tokenizer plus litkg's rule components (no model to download)."""
    nlp = spacy.blank("en")
    nlp.tokenizer.max_cache_size = _TOKENIZER_CACHE
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def extract(nlp: Language, document: Document) -> Extraction:
    doc = components.set_sections(nlp.make_doc(document.text), document.sections)
    doc.user_data["litkg_text"] = document.text  # the tokenizer keeps every character: no need to re-join
    for _, component in nlp.pipeline:
        doc = component(doc)
    in_text = doc._.litkg_registrations
    listed = registrations_from_databanks(document.databanks, {r.identifier for r in in_text})
    return Extraction(
        document=document,
        registrations=tuple(in_text) + tuple(listed),
        mentions=doc._.litkg_mentions,
        results=doc._.litkg_results,
        enrollments=doc._.litkg_enrollments,
        funders=doc._.litkg_funders,
        endpoints=doc._.litkg_endpoints,
        population_conditions=doc._.litkg_population,
        reported=find_reported_publication(document.text, document.cited_dois) if document.kind is DocumentKind.NEWS else None,
        trial_names=find_trial_names(document.text, document.title),
        report_kind=find_report_kind(document.title, document.text) if document.kind is DocumentKind.ARTICLE else None,
    )


@lru_cache(maxsize=1)
def shared_pipeline() -> Language:
    """One pipeline per process for callers that analyse loose texts (evaluation, tests)."""
    return build_pipeline()


def analyse_text(text: str, sections: tuple[Section, ...] = (), kind: DocumentKind = DocumentKind.ARTICLE) -> Extraction:
    """Run the NLP stage on a bare text, as if a reader had produced it."""
    document = Document(source_file="<text>", record_key=None, content_hash="", kind=kind, reader="text",
                        text=text, sections=sections)
    return extract(shared_pipeline(), document)
