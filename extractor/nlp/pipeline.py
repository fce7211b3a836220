"""The NLP stage: Document -> Extraction. litkg runs its rules straight on the text (``analysis``);
``build_pipeline`` gives the same rules as components of a blank English spaCy pipeline, for users
who want spaCy Docs with span groups (``nlp_doc``). spaCy is imported only by those: importing it
costs ~1 s per process, which extraction does not need."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..records import Document, DocumentKind, Extraction, Section
from .analysis import analyse

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

COMPONENTS = ("litkg_trial_ids", "litkg_entities", "litkg_endpoints", "litkg_results", "litkg_population", "litkg_funding")
_TOKENIZER_CACHE = 100_000


def build_pipeline() -> Language:
    """Tokenizer plus litkg's rule components (no model to download)."""
    import spacy

    from . import components  # noqa: F401  (registers the factories when entry points are not installed)

    nlp = spacy.blank("en")
    nlp.tokenizer.max_cache_size = _TOKENIZER_CACHE
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def nlp_doc(nlp: Language, document: Document) -> Doc:
    """The document as a spaCy Doc with litkg's records on ``doc._.litkg_*`` and spans in ``doc.spans``."""
    from . import components

    doc = components.set_sections(nlp.make_doc(document.text), document.sections)
    doc.user_data["litkg_text"] = document.text  # the tokenizer keeps every character: no need to re-join
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def extract(document: Document) -> Extraction:
    """Every record the rules find in the document."""
    return analyse(document)


@lru_cache(maxsize=1)
def shared_pipeline() -> Language:
    """One spaCy pipeline per process for callers that want Docs."""
    return build_pipeline()


def analyse_text(text: str, sections: tuple[Section, ...] = (), kind: DocumentKind = DocumentKind.ARTICLE) -> Extraction:
    """Run the NLP stage on a bare text, as if a reader had produced it."""
    document = Document(source_file="<text>", record_key=None, content_hash="", kind=kind, reader="text",
                        text=text, sections=sections)
    return extract(document)
