"""The study a document reports -> quads: its registrations, interventions, conditions, population,
endpoints and results, each with the words it was read from."""

from __future__ import annotations

from decimal import Decimal

from ..designs import OBSERVATIONAL_DESIGNS
from ..nlp.allocation import ALLOCATED
from ..nlp.roles import OTHER_WORK, QUOTE
from ..records import Arm, DocumentKind, EntityLabel, Extraction, PartialDate, SpreadKind
from .iris import Minter
from .nquads import GraphLines
from .provenance import source_field, words
from .terms import PROV_, RDF_, XSD_, L, S

_STUDY_SECTIONS_EXCLUDED = {"background", QUOTE, OTHER_WORK}  # what is named there is not the study's
CONCEPT_KIND = {EntityLabel.DRUG: "drug", EntityLabel.THERAPY: "therapy", EntityLabel.CONDITION: "condition"}


def study(out: GraphLines, mint: Minter, d: str, s: str, x: Extraction) -> list[str]:
    """The study's statements; returns its registration keys (``reg:…``) for study resolution."""
    doc = x.document
    out.iri(d, S.about, s)
    out.iri(s, RDF_.type, S.MedicalStudy)
    _design(out, d, s, x)
    if doc.kind is DocumentKind.NEWS and not x.registrations:
        out.typed(s, L.unresolved, "true", XSD_.boolean)
    for registration in x.registrations:
        r = registration.iri
        out.iri(s, L.registration, r)
        shared = (r,)
        out.iri(r, RDF_.type, L.TrialRegistration, shared=shared)
        out.text(r, S.identifier, registration.identifier, shared=shared)
        out.text(r, L.registry, registration.registry, shared=shared)
        if registration.start is None or registration.end is None:
            out.iri(r, PROV_.wasDerivedFrom, source_field(out, d, registration.metadata or "metadata", registration.rule))
        else:
            out.iri(r, PROV_.wasDerivedFrom, words(out, d, doc.text, registration.start, registration.end, registration.rule))
    for mention in x.mentions:
        if (mention.negated and mention.label != EntityLabel.CONDITION and mention.section not in _STUDY_SECTIONS_EXCLUDED
                and not mention.substance_class):
            out.iri(s, L.notGiven, mint.concept(CONCEPT_KIND[mention.label], mention.concept))
    for mention in x.study_subjects:
        out.iri(s, S.studySubject, mint.concept(CONCEPT_KIND[mention.label], mention.concept))
    for arm in x.arms:
        _arm(out, mint, d, s, doc.text, arm)
    for mention in x.study_conditions:
        c = mint.concept("condition", mention.concept)
        out.iri(s, S.healthCondition, c)
        out.iri(c, PROV_.wasDerivedFrom, words(out, d, doc.text, mention.start, mention.end, mention.rule))
    if x.enrollments or x.population_phrases:
        _population(out, mint, d, s, doc.text, x)
    for statement in x.endpoints:
        e = endpoint(out, mint, statement.endpoint)
        out.iri(d, S.mentions, e)  # every outcome phrase is in the graph with its words, declared or not
        out.iri(e, PROV_.wasDerivedFrom, words(out, d, doc.text, statement.start, statement.end, statement.rule))
        if not statement.declared or statement.section in _STUDY_SECTIONS_EXCLUDED:
            continue  # an outcome only mentioned, or named in the background, is not one this study declared
        out.iri(s, L.primaryEndpoint if statement.primary else L.measuredEndpoint, e)
        out.iri(s, L.measuredEndpoint, e)
    for result in x.results:
        _result(out, mint, d, s, doc.text, result, x.arms)
    return [f"reg:{r.identifier}" for r in x.registrations]


def _arm(out: GraphLines, mint: Minter, d: str, s: str, text: str, arm: Arm) -> None:
    """An arm: its name as written, what it gave (the interventions named in it, else a therapy
    named by its words), its size and, for a control, its role; the study's subjects include them."""
    a = mint.local(d, "arm", arm.start, arm.end)
    out.iri(s, L.arm, a)
    out.iri(a, RDF_.type, L.Arm)
    out.text(a, S.name, arm.name)
    out.iri(a, L.armRole, getattr(L, arm.role.value))
    out.typed(a, L.size, arm.size, XSD_.integer)
    out.iri(a, PROV_.wasDerivedFrom, words(out, d, text, arm.start, arm.end, arm.rule))
    given = [(concept_node(out, mint, m.label, m.concept, m.code), m.start, m.end, m.rule) for m in arm.subjects]
    if not given:
        name = " ".join(arm.name.split()).lower()
        given = [(concept_node(out, mint, EntityLabel.THERAPY, name, None), arm.start, arm.end, arm.rule)]
    for concept, start, end, rule in given:
        out.iri(a, S.studySubject, concept)
        out.iri(s, S.studySubject, concept)
        out.iri(concept, PROV_.wasDerivedFrom, words(out, d, text, start, end, rule))


def arm_of(arm_text: str | None, arms: tuple[Arm, ...]) -> Arm | None:
    """The study's arm a result's arm words name: its name, or an intervention it gave."""
    if not arm_text or not arms:
        return None
    said = arm_text.lower()
    for arm in arms:
        names = [arm.name.lower()] + [m.concept.lower() for m in arm.subjects] + [m.text.lower() for m in arm.subjects]
        if any(name in said or said in name for name in names if len(name) > 2):
            return arm
    return None


_CLASS_OF = {EntityLabel.DRUG: S.Drug, EntityLabel.THERAPY: S.MedicalTherapy, EntityLabel.CONDITION: S.MedicalCondition}


def concept_node(out: GraphLines, mint: Minter, label: EntityLabel, name: str, code: str | None) -> str:
    """A drug, therapy or condition concept, described once per destination (its class, name and MeSH code)."""
    c = mint.concept(CONCEPT_KIND[label], name)
    shared = (c, name, code or "")
    out.iri(c, RDF_.type, _CLASS_OF[label], shared=shared)
    out.text(c, S.name, name, shared=shared)
    if code:
        node = f"{c}#mesh"
        out.iri(c, S.code, node, shared=shared)
        out.iri(node, RDF_.type, S.MedicalCode, shared=shared)
        out.text(node, S.codingSystem, "MeSH", shared=shared)
        out.text(node, S.codeValue, code, shared=shared)
    return c


def _design(out: GraphLines, d: str, s: str, x: Extraction) -> None:
    """The design, its class (trial, observational study) and the words or field that state it."""
    statement = x.design
    if statement is None or statement.design is None:
        return
    if statement.trial:
        out.iri(s, RDF_.type, S.MedicalTrial)
    elif statement.design in OBSERVATIONAL_DESIGNS:
        out.iri(s, RDF_.type, S.MedicalObservationalStudy)
    out.iri(s, L.studyDesign, getattr(L, statement.design.value))
    if statement.start is not None and statement.end is not None:
        out.iri(s, L.designEvidence, words(out, d, x.document.text, statement.start, statement.end, statement.rule))
    elif statement.field is not None:
        out.iri(s, L.designEvidence, source_field(out, d, statement.field, statement.rule))


def _result(out: GraphLines, mint: Minter, d: str, s: str, text: str, result, arms: tuple[Arm, ...] = ()) -> None:
    res = mint.local(d, "result", result.start, result.end, result.statistic)
    out.iri(s, L.result, res)
    out.iri(res, RDF_.type, L.Result)
    out.iri(res, L.statistic, getattr(L, result.statistic.value))
    if result.endpoint:
        e = endpoint(out, mint, result.endpoint)
        out.iri(res, L.endpoint, e)
        said = words(out, d, text, *result.endpoint_source(), result.rule)
        out.iri(e, PROV_.wasDerivedFrom, said)
        if result.endpoint_span() is not None:
            out.iri(res, L.endpointMention, said)
        if result.endpoint != ALLOCATED:  # how many were allocated is not an outcome the study assessed
            out.iri(s, L.measuredEndpoint, e)
    out.text(res, L.endpointText, result.endpoint_text)
    decimal_value(out, res, S.value, result.value)
    out.text(res, S.unitText, result.unit)
    decimal_value(out, res, L.ciLower, result.ci_lower)
    decimal_value(out, res, L.ciUpper, result.ci_upper)
    decimal_value(out, res, L.ciLevel, result.ci_level)
    decimal_value(out, res, L.rangeLower, result.range_lower)
    decimal_value(out, res, L.rangeUpper, result.range_upper)
    out.typed(res, L.count, result.count, XSD_.integer)
    out.typed(res, L.denominator, result.denominator, XSD_.integer)
    decimal_value(out, res, L.percentage, result.percent)
    decimal_value(out, res, L.standardError if result.spread_kind is SpreadKind.SE else L.standardDeviation, result.spread)
    if result.time_frame:
        frame = result.time_frame
        out.text(res, L.timeFrame, frame.text)
        out.typed(res, L.timeFrameDuration, frame.duration, XSD_.duration)
        if frame.start is not None and frame.end is not None:
            out.iri(res, L.timeFrameMention, words(out, d, text, frame.start, frame.end, "timeframes: time frame of a result"))
    out.text(res, L.armText, result.arm_text)
    arm = arm_of(result.arm_text, arms)
    if arm is not None:
        out.iri(res, L.arm, mint.local(d, "arm", arm.start, arm.end))
    out.text(res, L.pValue, result.p_value)
    out.iri(res, PROV_.wasDerivedFrom, words(out, d, text, result.start, result.end, result.rule))


def _population(out: GraphLines, mint: Minter, d: str, s: str, text: str, x: Extraction) -> None:
    """Who was enrolled, as the words describe them ("10 patients with relapsed ... lymphoma"), how
    many (also ``litkg:enrollment`` on the study, v1), the conditions those words name, and where;
    the title's or objective's words for who was studied ("in children with asthma") are its words
    too, and describe it when no enrolment is stated."""
    enrollment = x.enrollments[0] if x.enrollments else None
    start, end = enrollment.described() if enrollment else x.population_phrases[0]
    p = mint.local(d, "population", start, end)
    out.iri(s, L.population, p)
    out.iri(p, RDF_.type, L.Population)
    out.text(p, L.description, " ".join(text[start:end].split()))
    rule = enrollment.rule if enrollment else "population: who was studied, as the title or objective says"
    out.iri(p, PROV_.wasDerivedFrom, words(out, d, text, start, end, rule))
    if enrollment is not None:
        out.typed(s, L.enrollment, enrollment.count, XSD_.integer)
        out.typed(p, L.size, enrollment.count, XSD_.integer)
    for phrase in x.population_phrases:
        if phrase != (start, end):
            out.iri(p, PROV_.wasDerivedFrom, words(out, d, text, *phrase, "population: who was studied, as the title or objective says"))
    spans = [(start, end), *x.population_phrases]
    for mention in x.population_conditions:
        if any(a <= mention.start and mention.end <= b for a, b in spans):
            out.iri(p, S.healthCondition, mint.concept("condition", mention.concept))
            out.iri(p, PROV_.wasDerivedFrom, words(out, d, text, mention.start, mention.end, mention.rule))


def endpoint(out: GraphLines, mint: Minter, name: str) -> str:
    e = mint.concept("endpoint", name)
    shared = (e, name)
    out.iri(e, RDF_.type, L.Endpoint, shared=shared)
    out.text(e, S.name, name, shared=shared)
    return e


def decimal_value(out: GraphLines, subject: str, predicate, value: Decimal | None) -> None:
    if value is not None:
        out.typed(subject, predicate, format(value, "f"), XSD_.decimal)


def date_value(out: GraphLines, subject: str, predicate, date: PartialDate | None) -> None:
    """A date as precise as it is known: xsd:date, xsd:gYearMonth or xsd:gYear."""
    if date is not None:
        out.typed(subject, predicate, date.iso(), XSD_.date if date.day else XSD_.gYearMonth if date.month else XSD_.gYear)
