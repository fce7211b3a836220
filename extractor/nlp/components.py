"""litkg's spaCy components: each is one step of :data:`analysis.STEPS`, registered by the step's name,
for users who want litkg's rules in a spaCy pipeline. A component reads the Doc's document (set by
:func:`pipeline.nlp_doc`; a bare text otherwise), stores what its step assigns on ``doc._.litkg_<field>``
(the same typed records ``analyse`` gives) and the spans of those records in ``doc.spans[<name>]``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Document, Extraction
from .analysis import STEPS, Context, Step, run_step, text_document
from .design import load_design_model

FIELDS = tuple(field for step in STEPS for field in step.assigns)


def _ensure_extensions() -> None:
    for name in ("litkg_document", *(f"litkg_{field}" for field in FIELDS)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("litkg_extraction"):
        Doc.set_extension("litkg_extraction", getter=extraction)


def doc_document(doc: Doc) -> Document:
    """The document a Doc was made from (a bare text when none was set)."""
    document = doc._.litkg_document
    if document is None:
        document = doc._.litkg_document = text_document(doc.text)
    return document


def extraction(doc: Doc) -> Extraction | None:
    """``doc._.litkg_extraction``: the records of a Doc every litkg component has run on, as ``analyse``
    gives them (None while a step has not run)."""
    values = {field: getattr(doc._, f"litkg_{field}") for field in FIELDS}
    if any(value is None for field, value in values.items() if field not in ("reported", "report_kind")):
        return None
    return Extraction(document=doc_document(doc), **values)


class StepComponent:
    """Runs one analysis step on the Doc's document and stores its records on the Doc."""

    def __init__(self, step: Step, tagger_model: str = "") -> None:
        _ensure_extensions()
        self.step = step
        self.name = step.name
        self.tagger = None
        if tagger_model and "endpoints" in step.assigns:
            from .outcome_tagger import OutcomeTagger

            self.tagger = OutcomeTagger.load(tagger_model)

    def __call__(self, doc: Doc) -> Doc:
        document = doc_document(doc)
        found = {field: getattr(doc._, f"litkg_{field}") for field in self.step.requires}
        context = Context(document, self.tagger, found, load_design_model())
        run_step(self.step, context)
        spans = []
        for field in self.step.assigns:
            value = context.found[field]
            setattr(doc._, f"litkg_{field}", value)
            for item in value if isinstance(value, tuple) else ():
                start, end = getattr(item, "start", None), getattr(item, "end", None)
                if isinstance(start, int) and isinstance(end, int):
                    span = doc.char_span(start, end, label=_label(item), alignment_mode="expand")
                    if span is not None:
                        spans.append(span)
        doc.spans[self.name] = spans
        return doc


def _label(item: object) -> str:
    for attribute in ("label", "registry", "statistic"):
        value = getattr(item, attribute, None)
        if isinstance(value, str):
            return value
    if getattr(item, "primary", None) is not None:
        return "PRIMARY" if item.primary else "ENDPOINT"
    return type(item).__name__.upper()


def _register(step: Step) -> None:
    def make(nlp: Language, name: str, tagger_model: str) -> StepComponent:
        return StepComponent(step, tagger_model)

    if not Language.has_factory(step.name):
        Language.factory(step.name, default_config={"tagger_model": ""},
                         assigns=[f"doc._.litkg_{field}" for field in step.assigns] + ["doc.spans"],
                         requires=[f"doc._.litkg_{field}" for field in step.requires], func=make)


for _step in STEPS:
    _register(_step)


def make_component(nlp: Language, name: str, tagger_model: str = "") -> StepComponent:
    """The factory the ``spacy_factories`` entry points name (every litkg component)."""
    return StepComponent(next(step for step in STEPS if step.name == name), tagger_model)


__all__ = ["FIELDS", "StepComponent", "doc_document", "extraction", "make_component"]
