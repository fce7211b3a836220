"""The NLP stage: Document -> Extraction, as a fixed sequence of named steps (:data:`STEPS`).

Every rule reads the raw text with character offsets; none reads spaCy tokens. ``analyse`` therefore
runs the steps straight on the text: tokenising a Doc that no rule reads cost ~0.45 ms per abstract
on unseen MEDLINE text, ~15% of the NLP stage (docs/PERFORMANCE.md). The spaCy components in
``components.py`` are these same steps, one each, for users who want Docs and span groups.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..records import (
    BACK_MATTER,
    Arm,
    Document,
    DocumentKind,
    EndpointMention,
    Enrollment,
    EntityLabel,
    Extraction,
    Mention,
    Result,
    Section,
)
from .arms import find_arms
from .clauses import sentences
from .conditions import find_study_conditions, opening_sentences
from .declared_outcomes import primary_by_heading
from .design import find_design, load_design_model
from .endpoints import endpoint_index
from .entities import find_entities
from .funding import find_funders
from .lexicons import lexicons
from .linear import LinearModel
from .mesh_names import is_substance_class
from .negation import covered, hedged_spans, negated_spans
from .news_leads import find_reported_publication
from .outcome_tagger import OutcomeTagger
from .outcomes import find_outcomes, with_tagged_outcomes
from .phrases import Token, tokenize
from .population import best_first, find_enrollments, population_phrases
from .registrations import find_registrations, registrations_from_databanks
from .report_kind import find_report_kind
from .result_statements import SectionOf
from .results import find_results
from .table_results import find_table_results
from .roles import OTHER_WORK, QUOTE, find_roles, with_roles
from .subjects import find_study_subjects
from .trial_names import find_trial_names

_NOT_STUDY_SECTIONS = {"background", QUOTE, OTHER_WORK, BACK_MATTER}  # whose people are not the study's population
_DIGIT = re.compile(r"\d")
FINDINGS_SECTIONS = {"results", "conclusions"}  # the sections that report what the study found
_DESIGN_SECTIONS = {"background", "objective", "methods", "registration", "funding", "title", OTHER_WORK}


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


def find_mentions(text: str, section_of: SectionOf, tokens: Sequence[Token] | None = None) -> tuple[Mention, ...]:
    """Drugs, therapies, conditions; each marked negated or hedged by its sentence context."""
    negated = negated_spans(text, 0, len(text))
    hedged = hedged_spans(text, 0, len(text))
    return tuple(
        Mention(
            start=e.start, end=e.end, text=text[e.start:e.end], label=e.label, concept=e.concept,
            section=section_of(e.start), negated=covered(negated, e.start, e.end),
            hedged=covered(hedged, e.start, e.end), code=e.code,
            substance_class=e.label == EntityLabel.DRUG and is_substance_class(e.concept), rule=e.rule,
        )
        for e in find_entities(text, tokens)
    )


def find_endpoint_mentions(text: str, section_of: SectionOf, mentions: Sequence[Mention],
                           tagger: OutcomeTagger | None = None,
                           tokens: Sequence[Token] | None = None,
                           spans: Sequence[tuple[int, int]] | None = None,
                           sections: Sequence[Section] = ()) -> tuple[EndpointMention, ...]:
    """Outcome phrases; conditions count as outcomes in result sentences (``spans``: the text's
    sentences, when already split); what a primary-outcome heading lists is primary (``sections``)."""
    spans = sentences(text) if spans is None else spans
    result_sentences = [(s, e) for s, e in spans if _reports_results(text, section_of, s, e)]
    conditions = [(m.start, m.end) for m in mentions if m.label == EntityLabel.CONDITION and not m.negated]
    treatments = [(m.start, m.end) for m in mentions if m.label in (EntityLabel.DRUG, EntityLabel.THERAPY)]
    phrases = primary_by_heading(text, sections, find_outcomes(text, conditions, result_sentences, treatments, tokens))
    if tagger is not None:
        phrases = with_tagged_outcomes(text, phrases, tagger.tag(text))
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
                       mentions: Sequence[Mention], arms: Sequence[Arm] = ()) -> tuple[Result, ...]:
    """Results, their endpoints named by the outcome phrases and their arms by the interventions
    (an arm's own size, "zanubrutinib (n = 327)", is that arm's)."""
    found = find_results(
        text, section_of,
        outcomes=[(e.start, e.end, e.endpoint) for e in endpoints],
        arms=[(m.start, m.end) for m in mentions if m.label in (EntityLabel.DRUG, EntityLabel.THERAPY)])
    return tuple(on_own_arm(result, arms) for result in found)


def on_own_arm(result: Result, arms: Sequence[Arm]) -> Result:
    """A count stated right after an arm's name is that arm's size: it belongs to that arm; one
    stated before the first arm of the sentence that allocates them (the total) to none."""
    for arm in arms:
        if arm.size is not None and arm.end <= result.start <= arm.end + 12:
            return replace(result, arm_text=arm.name)
    first = min((arm.start for arm in arms), default=None)
    if first is not None and result.start < first and first - result.start < 80 and result.arm_text:
        return replace(result, arm_text=None)
    return result


def find_population(document: Document, section_of: SectionOf, mentions: Sequence[Mention],
                    opening: Sequence[tuple[int, int]]) -> tuple[tuple[Enrollment, ...], tuple[Mention, ...], tuple[tuple[int, int], ...]]:
    """Enrolment counts outside the background, the conditions named in the enrolled population
    ("with ... leukemia"), and the phrases of the title, objective and opening that say who was
    studied ("in children with asthma")."""
    text = document.text
    found = [item for item in find_enrollments(text) if section_of(item[0].start) not in _NOT_STUDY_SECTIONS]
    stated = [(s.start, s.end) for s in document.sections if s.kind in ("title", "objective")]
    stated += opening
    phrases = tuple(population_phrases(text, stated))
    spans = [span for _, span in found if span] + list(phrases)
    population = tuple(
        m for m in mentions
        if m.label == EntityLabel.CONDITION and not m.negated and any(s <= m.start and m.end <= e for s, e in spans)
    )
    return tuple(best_first([enrollment for enrollment, _ in found])), population, phrases


def load_lexicons() -> None:
    """Load the lexicons now (~1 s) rather than on the first document."""
    lexicons()
    endpoint_index()


@dataclass(slots=True)
class Context:
    """What the steps read: the document, its section look-up, the tagger, what earlier steps found."""

    document: Document
    tagger: OutcomeTagger | None
    found: dict[str, object]
    design_model: tuple[LinearModel, str] | None = None  # the design model and how it combines with the words
    _tokens: tuple[Token, ...] | None = None
    _section_of: SectionOf | None = None
    _sentences: list[tuple[int, int]] | None = None
    _opening: list[tuple[int, int]] | None = None

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """The text's sentences, split once for the steps that read them."""
        if self._sentences is None:
            self._sentences = sentences(self.text)
        return self._sentences

    @property
    def opening(self) -> list[tuple[int, int]]:
        """The opening sentences that say what the study did (:func:`conditions.opening_sentences`)."""
        if self._opening is None:
            self._opening = opening_sentences(self.document, self.section_of, self.sentences)
        return self._opening

    @property
    def section_of(self) -> SectionOf:
        """offset -> the kind of its section: the headings', else the sentence role read there."""
        if self._section_of is None:
            if "roles" not in self.found:
                raise ValueError("the sentence roles are needed before the sections are read")
            self._section_of = section_lookup(with_roles(self.document.sections, self.found["roles"]))
        return self._section_of

    @property
    def tokens(self) -> tuple[Token, ...]:
        """The text's word tokens, made once for the steps that match lexicons."""
        if self._tokens is None:
            self._tokens = tokenize(self.text)
        return self._tokens


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the stage: it reads the ``requires`` fields of :class:`Extraction` earlier steps
    found and gives its ``assigns`` fields, in that order."""

    name: str  # also the spaCy component's name
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[Context], tuple]


def _registrations(c: Context) -> tuple:
    in_text = tuple(find_registrations(c.text))
    listed = registrations_from_databanks(c.document.databanks, {r.identifier for r in in_text})
    return (in_text + tuple(listed),)


def _news(c: Context) -> tuple:
    news = c.document.kind is DocumentKind.NEWS
    return (find_reported_publication(c.text, c.document.cited_dois) if news else None,)


def _results(c: Context) -> tuple:
    """Results stated in the text and its tables; a registry record's text states plans (its doses, ages
    and durations are not findings: what it posts comes structured, from the reader)."""
    if c.document.kind is DocumentKind.REGISTRY:
        return ((),)
    return (find_study_results(c.text, c.section_of, c.found["endpoints"], c.found["mentions"], c.found["arms"])
            + find_table_results(c.document),)


def _report_kind(c: Context) -> tuple:
    article = c.document.kind is DocumentKind.ARTICLE
    return (find_report_kind(c.document.title, c.text) if article else None,)


STEPS = (
    Step("litkg_roles", (), ("roles",),
         lambda c: (find_roles(c.text, c.document.sections, c.document.kind),)),
    Step("litkg_trial_ids", (), ("registrations",), _registrations),
    Step("litkg_entities", ("roles",), ("mentions",), lambda c: (find_mentions(c.text, c.section_of, c.tokens),)),
    Step("litkg_endpoints", ("roles", "mentions"), ("endpoints",),
         lambda c: (find_endpoint_mentions(c.text, c.section_of, c.found["mentions"], c.tagger, c.tokens, c.sentences,
                                           c.document.sections),)),
    Step("litkg_population", ("roles", "mentions"), ("enrollments", "population_conditions", "population_phrases"),
         lambda c: find_population(c.document, c.section_of, c.found["mentions"], c.opening)),
    Step("litkg_conditions", ("roles", "mentions", "population_conditions"), ("study_conditions",),
         lambda c: (find_study_conditions(c.document, c.section_of, c.found["mentions"], c.found["population_conditions"], c.opening),)),
    Step("litkg_subjects", ("roles", "mentions"), ("study_subjects",),
         lambda c: (find_study_subjects(c.document, c.section_of, c.found["mentions"], c.sentences, c.opening),)),
    Step("litkg_arms", ("roles", "mentions"), ("arms",),
         lambda c: (find_arms(c.document, c.section_of, c.found["mentions"], c.sentences, c.opening),)),
    Step("litkg_results", ("roles", "endpoints", "mentions", "arms"), ("results",), _results),
    Step("litkg_funding", (), ("funders",), lambda c: (tuple(find_funders(c.text)),)),
    Step("litkg_news_leads", (), ("reported",), _news),
    Step("litkg_trial_names", (), ("trial_names",), lambda c: (find_trial_names(c.text, c.document.title),)),
    Step("litkg_report_kind", (), ("report_kind",), _report_kind),
    Step("litkg_design", ("roles", "registrations", "mentions", "reported"), ("design",),
         lambda c: (find_design(c.document, c.section_of, c.found["registrations"], c.found["mentions"], c.sentences,
                                c.found["reported"], *(c.design_model or (None, "words first"))),)),
)


def run_step(step: Step, context: Context) -> None:
    """Run one step, adding what it assigns to ``context.found``."""
    missing = [name for name in step.requires if name not in context.found]
    if missing:
        raise ValueError(f"step {step.name} needs {', '.join(missing)} first")
    context.found.update(zip(step.assigns, step.run(context)))


SHIPPED = "shipped"  # analyse's default design model: the one trained by scripts/train_designs.py


def analyse(document: Document, tagger: OutcomeTagger | None = None,
            design_model: tuple[LinearModel, str] | None | str = SHIPPED) -> Extraction:
    """Every record the rules (and, when given, the statistical outcome tagger) find in the document.
    ``design_model`` reads the design where no rule does (None: rules only)."""
    model = load_design_model() if design_model == SHIPPED else design_model
    context = Context(document, tagger, {}, model)
    for step in STEPS:
        run_step(step, context)
    return Extraction(document=document, **context.found)


def text_document(text: str, sections: tuple[Section, ...] = (), kind: DocumentKind = DocumentKind.ARTICLE) -> Document:
    """A bare text as if a reader had produced it (for ``analyse`` on text that has no file)."""
    return Document(source_file="<text>", record_key=None, content_hash="", kind=kind, reader="text",
                    text=text, sections=sections)
