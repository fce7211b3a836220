"""A registry record -> quads (contract v2, "Registry records"): the record, its version and status,
enrolment, dates, registered outcomes with their endpoint concepts, and for the study it registers
the conditions, arms and interventions and the posted results; every value names the record's field
it was read from (``litkg:sourceField``)."""

from __future__ import annotations

from ..nlp.endpoints import normalise_endpoint
from ..records import EntityLabel, Extraction, Statistic
from ..registry_records import PostedResult, RegistryArm, RegistryEntry
from .iris import Minter
from .nquads import GraphLines
from .provenance import source_field
from .study import concept_node, date_value, decimal_value, endpoint
from .terms import PROV_, RDF_, XSD_, L, S

_CONTROL_ARMS = {"PLACEBO_COMPARATOR", "SHAM_COMPARATOR", "NO_INTERVENTION"}
_DRUG_KINDS = {"DRUG", "BIOLOGICAL", "DIETARY_SUPPLEMENT", "GENETIC", "COMBINATION_PRODUCT", "RADIATION"}
_STATISTICS = {"MEAN": Statistic.MEAN, "LEAST_SQUARES_MEAN": Statistic.MEAN, "GEOMETRIC_MEAN": Statistic.MEAN,
               "MEDIAN": Statistic.MEDIAN, "COUNT_OF_PARTICIPANTS": Statistic.COUNT, "COUNT_OF_UNITS": Statistic.COUNT}
_SPREADS = {"STANDARD_DEVIATION": L.standardDeviation, "STANDARD_ERROR": L.standardError}


def registry_record(out: GraphLines, mint: Minter, d: str, s: str | None, x: Extraction) -> None:
    """The record's statements in its graph; ``s`` is the study it registers (None: it reports none)."""
    entry = x.document.registry
    if entry is None:
        return
    out.iri(d, RDF_.type, L.RegistryRecord)
    for registration in x.registrations:
        if registration.identifier == entry.identifier:
            out.iri(d, L.registration, registration.iri)
    for what, path in entry.fields:  # the record-level values below come from these fields
        out.iri(d, PROV_.wasDerivedFrom, source_field(out, d, path, f"registry: {what}"))
    out.text(d, L.overallStatus, entry.status)
    out.text(d, L.whyStopped, entry.why_stopped)
    out.text(d, L.studyType, entry.study_type)
    for phase in entry.phases:
        out.text(d, L.phase, phase)
    if entry.enrollment is not None:
        out.typed(d, L.enrollment, entry.enrollment, XSD_.integer)
        out.text(d, L.enrollmentType, entry.enrollment_type)
    for predicate, value in ((S.startDate, entry.start_date), (L.primaryCompletionDate, entry.primary_completion_date),
                             (L.completionDate, entry.completion_date), (L.firstPosted, entry.first_posted),
                             (L.lastUpdatePosted, entry.last_updated)):
        date_value(out, d, predicate, value)
    for identifier, _ in entry.secondary_ids:
        out.text(d, L.secondaryIdentifier, identifier)
    for reference in entry.references:
        if reference.pmid and reference.kind == "RESULT":
            out.text(d, L.citedPmid, reference.pmid)
    for index, outcome in enumerate(entry.outcomes):
        o = mint.local(d, "registered-outcome", index)
        out.iri(d, L.registeredOutcome, o)
        out.iri(o, RDF_.type, L.RegisteredOutcome)
        out.iri(o, L.outcomeRole, getattr(L, outcome.role.value))
        out.text(o, S.name, outcome.measure)
        out.text(o, L.timeFrame, outcome.time_frame)
        out.text(o, S.description, outcome.description)
        said = source_field(out, d, outcome.source_field, "registry: registered outcome")
        _endpoint(out, mint, o, outcome.measure, said)
        out.iri(o, PROV_.wasDerivedFrom, said)
    if s is not None:
        _study(out, mint, d, s, entry)


def _endpoint(out: GraphLines, mint: Minter, node: str, name: str, said: str) -> str | None:
    """The endpoint concept an outcome's name stands for, linked from ``node``, read from field ``said``."""
    concept = normalise_endpoint(name)
    if not concept:
        return None
    e = endpoint(out, mint, concept)
    out.iri(node, L.endpoint, e)
    out.iri(e, PROV_.wasDerivedFrom, said)
    return e


def _study(out: GraphLines, mint: Minter, d: str, s: str, entry: RegistryEntry) -> None:
    """What the record registers of the study: its conditions, arms, interventions and posted results."""
    conditions_field = entry.field_of("conditions") or "conditions"
    for name in entry.conditions:
        c = concept_node(out, mint, EntityLabel.CONDITION, name.lower(), None)
        out.iri(s, S.healthCondition, c)
        out.iri(c, PROV_.wasDerivedFrom, source_field(out, d, conditions_field, "registry: condition"))
    kinds = {i.name: i.kind for i in entry.interventions}
    for intervention in entry.interventions:
        c = _intervention(out, mint, intervention.name, intervention.kind)
        out.iri(s, S.studySubject, c)
        out.iri(c, PROV_.wasDerivedFrom, source_field(out, d, intervention.source_field, "registry: intervention"))
    arms = {}
    for index, arm in enumerate(entry.arms):
        arms[arm.label.lower()] = _arm(out, mint, d, s, index, arm, kinds)
    if entry.enrollment is not None and entry.enrollment_type == "ACTUAL":
        out.typed(s, L.enrollment, entry.enrollment, XSD_.integer)
    for index, result in enumerate(entry.results):
        _result(out, mint, d, s, index, result, arms)


def _intervention(out: GraphLines, mint: Minter, name: str, kind: str | None) -> str:
    label = EntityLabel.DRUG if kind in _DRUG_KINDS else EntityLabel.THERAPY
    return concept_node(out, mint, label, name.lower(), None)


def _arm(out: GraphLines, mint: Minter, d: str, s: str, index: int, arm: RegistryArm, kinds: dict) -> str:
    a = mint.local(d, "registered-arm", index)
    out.iri(s, L.arm, a)
    out.iri(a, RDF_.type, L.Arm)
    out.text(a, S.name, arm.label)
    out.iri(a, L.armRole, L.ControlArm if arm.kind in _CONTROL_ARMS else L.ActiveArm)
    out.text(a, S.description, arm.description)
    said = source_field(out, d, arm.source_field, "registry: arm")
    for name in arm.interventions:
        c = _intervention(out, mint, name, kinds.get(name))
        out.iri(a, S.studySubject, c)
        out.iri(c, PROV_.wasDerivedFrom, said)
    out.iri(a, PROV_.wasDerivedFrom, said)
    return a


def _result(out: GraphLines, mint: Minter, d: str, s: str, index: int, result: PostedResult, arms: dict) -> None:
    res = mint.local(d, "posted-result", index)
    out.iri(s, L.result, res)
    out.iri(res, RDF_.type, L.Result)
    statistic = _STATISTICS.get(result.param or "", Statistic.VALUE)
    out.iri(res, L.statistic, getattr(L, statistic.value))
    out.text(res, L.postedParameter, result.param)
    said = source_field(out, d, result.source_field, "registry: posted result")
    e = _endpoint(out, mint, res, result.outcome, said)
    if e is not None:
        out.iri(s, L.measuredEndpoint, e)
    out.text(res, L.endpointText, result.outcome)
    if result.role is not None:
        out.iri(res, L.outcomeRole, getattr(L, result.role.value))
    out.text(res, L.timeFrame, result.time_frame)
    out.text(res, L.category, result.category)
    decimal_value(out, res, S.value, result.value)
    if statistic is Statistic.COUNT and result.value is not None and result.value == int(result.value):
        out.typed(res, L.count, int(result.value), XSD_.integer)
    out.text(res, S.unitText, result.unit)
    out.text(res, L.dispersion, result.dispersion)
    spread = _SPREADS.get(result.dispersion or "")
    if spread is not None:
        decimal_value(out, res, spread, result.spread)
    interval = (result.dispersion or "").startswith("CONFIDENCE_INTERVAL")
    decimal_value(out, res, L.ciLower if interval else L.rangeLower, result.lower)
    decimal_value(out, res, L.ciUpper if interval else L.rangeUpper, result.upper)
    out.typed(res, L.denominator, result.denominator, XSD_.integer)
    out.text(res, L.armText, result.group)
    arm = _arm_of(result.group, arms)
    if arm is not None:
        out.iri(res, L.arm, arm)
    out.iri(res, PROV_.wasDerivedFrom, said)


def _arm_of(group: str, arms: dict) -> str | None:
    """The registered arm a results group is: the same title (case aside), or one title inside the other."""
    said = group.lower()
    if said in arms:
        return arms[said]
    found = [a for label, a in arms.items() if label and (label in said or said in label)]
    return found[0] if len(found) == 1 else None
