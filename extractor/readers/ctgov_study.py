"""The protocol of a ClinicalTrials.gov study in JSON (API v2 camelCase, classic API CamelCase):
identification, status, design, conditions, arms and interventions, registered outcomes, references."""

from __future__ import annotations

from ..registry_records import (
    OutcomeRole,
    RegisteredOutcome,
    RegistryArm,
    RegistryEntry,
    RegistryIntervention,
    RegistryReference,
)
from .registry_values import at, clean, date, enrollment_type, integer, phases, status, upper_words

REGISTRY = "ClinicalTrials.gov"
_ROLES = (("primaryOutcomes", OutcomeRole.PRIMARY), ("secondaryOutcomes", OutcomeRole.SECONDARY),
          ("otherOutcomes", OutcomeRole.OTHER))
_CLASSIC_ROLES = (("Primary", OutcomeRole.PRIMARY), ("Secondary", OutcomeRole.SECONDARY), ("Other", OutcomeRole.OTHER))


def _join(path: str, *parts: object) -> str:
    return "/".join(str(p) for p in (path, *parts) if p != "")


def v2_entry(study: dict, path: str) -> RegistryEntry | None:
    p = _join(path, "protocolSection")
    protocol = study.get("protocolSection") or {}
    ident = protocol.get("identificationModule") or {}
    nct = ident.get("nctId")
    if not nct:
        return None
    state = protocol.get("statusModule") or {}
    design = protocol.get("designModule") or {}
    info = design.get("designInfo") or {}
    enrolment = design.get("enrollmentInfo") or {}
    arms_module = protocol.get("armsInterventionsModule") or {}
    outcomes = []
    for key, role in _ROLES:
        for i, item in enumerate(at(protocol, "outcomesModule", key) or []):
            if item.get("measure"):
                outcomes.append(RegisteredOutcome(role, " ".join(item["measure"].split()), clean(item.get("timeFrame")),
                                                  clean(item.get("description")), _join(p, "outcomesModule", key, i)))
    return RegistryEntry(
        registry=REGISTRY, identifier=nct, source_format="ClinicalTrials.gov API v2 JSON",
        version=date(at(study, "derivedSection", "miscInfoModule", "versionHolder") or state.get("lastUpdateSubmitDate")),
        secondary_ids=tuple((s["id"], s.get("type") or s.get("domain")) for s in ident.get("secondaryIdInfos") or [] if s.get("id")),
        status=status(state.get("overallStatus")), why_stopped=clean(state.get("whyStopped")),
        study_type=upper_words(design.get("studyType")), phases=phases(design.get("phases")),
        allocation=upper_words(info.get("allocation")), observational_model=upper_words(info.get("observationalModel")),
        time_perspective=upper_words(info.get("timePerspective")),
        enrollment=integer(enrolment.get("count")), enrollment_type=enrollment_type(enrolment.get("type")),
        start_date=date(at(state, "startDateStruct", "date")),
        primary_completion_date=date(at(state, "primaryCompletionDateStruct", "date")),
        completion_date=date(at(state, "completionDateStruct", "date")),
        first_posted=date(at(state, "studyFirstPostDateStruct", "date")),
        last_updated=date(at(state, "lastUpdatePostDateStruct", "date")),
        conditions=tuple(at(protocol, "conditionsModule", "conditions") or ()),
        arms=tuple(RegistryArm(a.get("label") or "", upper_words(a.get("type")), clean(a.get("description")),
                               tuple(n.split(": ", 1)[-1] for n in a.get("interventionNames") or []),
                               _join(p, "armsInterventionsModule", "armGroups", i))
                   for i, a in enumerate(arms_module.get("armGroups") or []) if a.get("label")),
        interventions=tuple(RegistryIntervention(v["name"], upper_words(v.get("type")), _join(p, "armsInterventionsModule", "interventions", i))
                            for i, v in enumerate(arms_module.get("interventions") or []) if v.get("name")),
        outcomes=tuple(outcomes),
        references=tuple(RegistryReference(r.get("pmid"), upper_words(r.get("type")), r.get("citation"))
                         for r in at(protocol, "referencesModule", "references") or []),
        fields=(("identifier", _join(p, "identificationModule", "nctId")),
                ("secondary ids", _join(p, "identificationModule", "secondaryIdInfos")),
                ("status", _join(p, "statusModule", "overallStatus")),
                ("enrollment", _join(p, "designModule", "enrollmentInfo")),
                ("design", _join(p, "designModule")),
                ("conditions", _join(p, "conditionsModule", "conditions")),
                ("dates", _join(p, "statusModule")),
                ("version", _join(path, "derivedSection", "miscInfoModule", "versionHolder"))),
    )


def classic_entry(study: dict, path: str) -> RegistryEntry | None:
    p = _join(path, "ProtocolSection")
    protocol = study.get("ProtocolSection") or {}
    ident = protocol.get("IdentificationModule") or {}
    nct = ident.get("NCTId")
    if not nct:
        return None
    state = protocol.get("StatusModule") or {}
    design = protocol.get("DesignModule") or {}
    info = design.get("DesignInfo") or {}
    enrolment = design.get("EnrollmentInfo") or {}
    arms_module = protocol.get("ArmsInterventionsModule") or {}
    outcomes = []
    for prefix, role in _CLASSIC_ROLES:
        items = at(protocol, "OutcomesModule", f"{prefix}OutcomeList", f"{prefix}Outcome") or []
        for i, item in enumerate(items):
            measure = item.get(f"{prefix}OutcomeMeasure")
            if measure:
                outcomes.append(RegisteredOutcome(role, " ".join(measure.split()), clean(item.get(f"{prefix}OutcomeTimeFrame")),
                                                  clean(item.get(f"{prefix}OutcomeDescription")),
                                                  _join(p, "OutcomesModule", f"{prefix}OutcomeList", f"{prefix}Outcome", i)))
    arms = at(arms_module, "ArmGroupList", "ArmGroup") or []
    interventions = at(arms_module, "InterventionList", "Intervention") or []
    return RegistryEntry(
        registry=REGISTRY, identifier=nct, source_format="ClinicalTrials.gov classic API JSON",
        version=date(at(study, "DerivedSection", "MiscInfoModule", "VersionHolder") or state.get("LastUpdateSubmitDate")),
        secondary_ids=tuple((s["SecondaryId"], s.get("SecondaryIdType") or s.get("SecondaryIdDomain"))
                            for s in at(ident, "SecondaryIdInfoList", "SecondaryIdInfo") or [] if s.get("SecondaryId")),
        status=status(state.get("OverallStatus")), why_stopped=clean(state.get("WhyStopped")),
        study_type=upper_words(design.get("StudyType")), phases=phases(at(design, "PhaseList", "Phase")),
        allocation=upper_words(info.get("DesignAllocation")),
        observational_model=upper_words(at(info, "DesignObservationalModelList", "DesignObservationalModel", 0)),
        time_perspective=upper_words(at(info, "DesignTimePerspectiveList", "DesignTimePerspective", 0)),
        enrollment=integer(enrolment.get("EnrollmentCount")), enrollment_type=enrollment_type(enrolment.get("EnrollmentType")),
        start_date=date(at(state, "StartDateStruct", "StartDate")),
        primary_completion_date=date(at(state, "PrimaryCompletionDateStruct", "PrimaryCompletionDate")),
        completion_date=date(at(state, "CompletionDateStruct", "CompletionDate")),
        first_posted=date(at(state, "StudyFirstPostDateStruct", "StudyFirstPostDate")),
        last_updated=date(at(state, "LastUpdatePostDateStruct", "LastUpdatePostDate")),
        conditions=tuple(at(protocol, "ConditionsModule", "ConditionList", "Condition") or ()),
        arms=tuple(RegistryArm(a.get("ArmGroupLabel") or "", upper_words(a.get("ArmGroupType")), clean(a.get("ArmGroupDescription")),
                               tuple(n.split(": ", 1)[-1] for n in at(a, "ArmGroupInterventionList", "ArmGroupInterventionName") or []),
                               _join(p, "ArmsInterventionsModule", "ArmGroupList", "ArmGroup", i))
                   for i, a in enumerate(arms) if a.get("ArmGroupLabel")),
        interventions=tuple(RegistryIntervention(v["InterventionName"], upper_words(v.get("InterventionType")),
                                                 _join(p, "ArmsInterventionsModule", "InterventionList", "Intervention", i))
                            for i, v in enumerate(interventions) if v.get("InterventionName")),
        outcomes=tuple(outcomes),
        references=tuple(RegistryReference(r.get("ReferencePMID"), upper_words(r.get("ReferenceType")), r.get("ReferenceCitation"))
                         for r in at(protocol, "ReferencesModule", "ReferenceList", "Reference") or []),
        fields=(("identifier", _join(p, "IdentificationModule", "NCTId")),
                ("secondary ids", _join(p, "IdentificationModule", "SecondaryIdInfoList")),
                ("status", _join(p, "StatusModule", "OverallStatus")),
                ("enrollment", _join(p, "DesignModule", "EnrollmentInfo")),
                ("design", _join(p, "DesignModule")),
                ("conditions", _join(p, "ConditionsModule", "ConditionList")),
                ("dates", _join(p, "StatusModule")),
                ("version", _join(path, "DerivedSection", "MiscInfoModule", "VersionHolder"))),
    )
