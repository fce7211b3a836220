"""litkg's rules as a spaCy pipeline, for users who want spaCy Docs with span groups: a blank English
pipeline with one component per analysis step (no model to download). litkg's own extraction calls
``analysis.analyse`` directly; spaCy is imported only here: importing it costs ~1 s per process."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import Document
from .analysis import STEPS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

COMPONENTS = tuple(step.name for step in STEPS)
_TOKENIZER_CACHE = 100_000


def build_pipeline(tagger_model: str = "") -> Language:
    """Tokenizer plus litkg's components; with ``tagger_model``, the endpoints step also runs the
    statistical outcome tagger at that path."""
    import spacy

    from . import components  # noqa: F401  (registers the factories when entry points are not installed)

    nlp = spacy.blank("en")
    nlp.tokenizer.max_cache_size = _TOKENIZER_CACHE
    for name in COMPONENTS:
        nlp.add_pipe(name, config={"tagger_model": tagger_model})
    return nlp


def nlp_doc(nlp: Language, document: Document) -> Doc:
    """``nlp(doc)`` for a litkg document: records on ``doc._.litkg_*`` (all of them, as ``analyse`` gives
    them, on ``doc._.litkg_extraction``) and spans in ``doc.spans``."""
    from .components import doc_document  # noqa: F401  (declares the extensions)

    doc = nlp.make_doc(document.text)
    doc._.litkg_document = document
    return nlp(doc)
