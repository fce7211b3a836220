"""Whether a document reports a study, and of which design (contract v2 ``litkg:studyDesign``).

MEDLINE records carry their indexers' word for it (publication types, MeSH design headings:
``ontology/vocab/design_index_terms.tsv``); every other document, and a record whose labels say only
"Journal Article" or "Clinical Trial", is read from its words (``design_cues.tsv``: "were randomly
assigned", "a prospective cohort", "we report a case"), in the title and in sentences that speak
of the study itself (not its background, a quote or earlier work). A registered study that states
no design is a non-randomised trial; a news page with no study in it reports none.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from ..designs import Design, DesignStatement
from ..records import Document, DocumentKind, EntityLabel, Mention, Registration, ReportedPublication
from ..vocabularies import read_table
from .registry_design import registered_design
from .guarded import guarded
from .linear import LinearModel
from .result_statements import SectionOf
from .roles import OTHER_WORK, QUOTE

DESIGN_MODEL = Path(__file__).resolve().parent.parent / "models" / "designs.json.gz"
_NO_STUDY = "NoStudy"
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?|\d+")
_FEATURE_WORDS = 400  # words of the text after the title the model reads
_NOT_THE_STUDY = {"background", "conclusions", QUOTE, OTHER_WORK}  # back matter may cite the paper by title  # what is said there is not the study's design
_PUBLICATION_TYPE = "MedlineCitation/Article/PublicationTypeList/PublicationType"
_MESH_HEADING = "MedlineCitation/MeshHeadingList/MeshHeading/DescriptorName"
# a news page reports a study when it speaks of one, and of people, animals, cells or a health matter
_STUDY_WORDS = guarded(r"\b(?:study|trial|researchers|scientists|investigators|published\s+(?:in|online)|"
                       r"the\s+(?:findings|analysis|experiment)|(?:new|the)\s+(?:research|report))\b", re.I)
_SUBJECT_WORDS = guarded(r"\b(?:patients?|participants?|volunteers?|subjects|women|men|children|adults|infants|"
                         r"mice|rats|cells|samples|people\s+(?:with|who)|health|disease|risk)\b", re.I)


@lru_cache(maxsize=1)
def _index_terms() -> tuple[tuple[str, str], ...]:
    return tuple((row["term"].lower(), row["design"]) for row in read_table("design_index_terms.tsv", ("term", "design")))


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[Design, bool, re.Pattern[str]], ...]:
    return tuple((Design(row["design"]), row["where"] == "title", guarded(row["pattern"], re.I))
                 for row in read_table("design_cues.tsv", ("design", "where", "pattern")))


def find_design(document: Document, section_of: SectionOf, registrations: Sequence[Registration],
                mentions: Sequence[Mention], spans: Sequence[tuple[int, int]], reported: ReportedPublication | None = None,
                model: LinearModel | None = None, policy: str = "words first") -> DesignStatement:
    """The design the document's index terms or words state; see the module docstring. Where no
    rule decides, a paper's design is what ``model`` (trained on MEDLINE's labels) reads from its
    title and abstract. A registry record's design is the one it registers."""
    if document.registry is not None:
        return registered_design(document.registry)
    indexed = indexed_design(document)
    if indexed is not None and indexed.design not in (None, Design.NON_RANDOMIZED_TRIAL):
        return indexed
    if indexed is not None and indexed.design is None and not _has_abstract(document):
        return indexed
    stated = _combined(_stated(document, section_of, spans), document, model, policy)
    if indexed is not None and indexed.design is Design.NON_RANDOMIZED_TRIAL:
        # "Clinical Trial" before MEDLINE had a randomised-trial type: the words say whether it was randomised
        return stated if stated is not None and stated.design is Design.RANDOMIZED_TRIAL else indexed
    if stated is not None:
        return stated
    if registrations:
        first = registrations[0]
        return DesignStatement(Design.NON_RANDOMIZED_TRIAL, "design: registered, no randomisation stated",
                               first.start, first.end, None if first.start is not None else first.metadata or "metadata")
    cites_paper = bool(document.cited_dois) or (reported is not None and bool(reported.dois))
    if document.kind is DocumentKind.NEWS and not (cites_paper or _news_reports_study(document.text, mentions, reported)):
        return DesignStatement(None, "design: news without a study (no study words, or no people or health matter)")
    if model is not None and document.kind is DocumentKind.ARTICLE:
        return DesignStatement(Design(model.predict(design_features(document))), RULE_MODEL)
    return DesignStatement(Design.OTHER, "design: a study that states none of the listed designs")


def _combined(stated: DesignStatement | None, document: Document, model: LinearModel | None,
              policy: str) -> DesignStatement | None:
    """The words' design, or where the model decides (``policy``, chosen on held-out development
    records by the training script), the model's: "words first" keeps every stated design;
    "model unless decisive words" keeps only randomisation and review words."""
    if model is None or document.kind is not DocumentKind.ARTICLE or stated is None:
        return stated
    if policy == MODEL_UNLESS_DECISIVE and stated.design not in DECISIVE:
        return DesignStatement(Design(model.predict(design_features(document))), RULE_MODEL)
    return stated


WORDS_FIRST, MODEL_UNLESS_DECISIVE = "words first", "model unless decisive words"
DECISIVE = {Design.RANDOMIZED_TRIAL, Design.META_ANALYSIS, Design.SYSTEMATIC_REVIEW}


RULE_MODEL = "design: design model (title and abstract words)"


@lru_cache(maxsize=2)
def load_design_model(path: Path = DESIGN_MODEL) -> tuple[LinearModel, str]:
    """The shipped design model and the policy its training chose for combining it with the words."""
    model, about = LinearModel.load_with_about(path)
    return model, about.get("policy", WORDS_FIRST)


def design_features(document: Document) -> list[str]:
    """The design model's features: the title's words, and the words and word pairs of the text after it."""
    text = document.text
    title_end = max((s.end for s in document.sections if s.kind == "title"), default=0)
    title = _WORD.findall((document.title or text[:title_end]).lower())
    words = _WORD.findall(text[title_end:].lower())[:_FEATURE_WORDS]
    words = ["0" if w.isdigit() else w for w in words]
    features = {f"t={w}" for w in title} | {f"w={w}" for w in words}
    features |= {f"b={a}_{b}" for a, b in zip(words, words[1:])}
    return sorted(features)


def indexed_design(document: Document) -> DesignStatement | None:
    """The design the record's publication types or MeSH headings state (the first row that matches)."""
    terms = {t.name.lower(): _PUBLICATION_TYPE for t in document.publication_types}
    terms.update({t.name.lower(): _MESH_HEADING for t in document.mesh_headings if t.name.lower() not in terms})
    for term, design in _index_terms():
        if term in terms:
            return DesignStatement(None if design == _NO_STUDY else Design(design),
                                   f"design: index term {term!r}", field=terms[term])
    return None


def _has_abstract(document: Document) -> bool:
    return any(s.kind not in ("title",) and s.end - s.start > 200 for s in document.sections) or len(document.text) > 600


def _stated(document: Document, section_of: SectionOf, sentence_spans: Sequence[tuple[int, int]]) -> DesignStatement | None:
    text = document.text
    title = next(((s.start, s.end) for s in document.sections if s.kind == "title"), None)
    spans = [(s, e) for s, e in sentence_spans if section_of(s) not in _NOT_THE_STUDY and (title is None or s >= title[1])]
    for design, title_only, pattern in _cues():
        places = [title] if title else []
        if not title_only:
            places += spans
        for start, end in places:
            match = pattern.search(text, start, end)
            if match:
                return DesignStatement(design, f"design: {design.value} words", match.start(), match.end())
    return None


def _news_reports_study(text: str, mentions: Sequence[Mention], reported: ReportedPublication | None) -> bool:
    """A story speaks of a study (or names the journal that published it) and of people, animals,
    cells or a health matter; a planetary-science story reports no medical study."""
    health = bool(_SUBJECT_WORDS.search(text)) or any(m.label == EntityLabel.CONDITION and not m.negated for m in mentions)
    return health and (reported is not None or _STUDY_WORDS.search(text) is not None)
