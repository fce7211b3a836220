"""An EU Clinical Trials Register record as ctrdata stores it: the protocol's fields keyed by their
EudraCT section codes (one file per member state: "2013-000615-24-BE"), and, when the sponsor posted
results, ``trialInformation``, ``subjectDisposition`` (the arms) and ``endPoints`` (each end point's
value per arm)."""

from __future__ import annotations

import re
from typing import Any

from ..registry_records import OutcomeRole, PostedResult, RegistryArm, RegistryEntry, RegistryIntervention
from .ctrdata import listed, overall_status, present, registered_outcomes, when, yes
from .registry_values import at, decimal, integer

_PHASES = (("e71_human_pharmacology_phase_i", "PHASE1"), ("e72_therapeutic_exploratory_phase_ii", "PHASE2"),
           ("e73_therapeutic_confirmatory_phase_iii", "PHASE3"), ("e74_therapeutic_use_phase_iv", "PHASE4"))
_ROLES = {"primary": OutcomeRole.PRIMARY, "secondary": OutcomeRole.SECONDARY, "other": OutcomeRole.OTHER}
_ARM_KINDS = {"experimental": "EXPERIMENTAL", "activecomp": "ACTIVE_COMPARATOR", "placebocomp": "PLACEBO_COMPARATOR",
              "shamcomp": "SHAM_COMPARATOR", "noimp": "NO_INTERVENTION", "other": "OTHER"}
_PARAMS = {"number": "NUMBER", "mean": "MEAN", "median": "MEDIAN", "geometricmean": "GEOMETRIC_MEAN",
           "leastsquares": "LEAST_SQUARES_MEAN", "leastsquaresmean": "LEAST_SQUARES_MEAN"}
_SPREADS = {"standarddeviation": "STANDARD_DEVIATION", "standarderror": "STANDARD_ERROR",
            "confidenceinterval95": "CONFIDENCE_INTERVAL_95", "interquartilerange": "INTER_QUARTILE_RANGE",
            "fullrange": "FULL_RANGE", "geometriccoefficientvariation": "GEOMETRIC_COEFFICIENT_OF_VARIATION"}


def euctr_entry(record: dict) -> tuple[RegistryEntry, tuple] | None:
    """The record and its texts (lay title, full title, objectives, end-point descriptions), or None without an ID."""
    number = present(record.get("a2_eudract_number")) or present(record.get("eudractNumber"))
    if not number:
        return None
    trial = record.get("trialInformation") or {}
    arms = _arms(record)
    whole, eea = integer(record.get("f422_in_the_whole_clinical_trial")), integer(record.get("f421_in_the_eea"))
    planned = whole if whole is not None else eea if eea is not None else integer(record.get("f41_in_the_member_state"))
    planned_field = ("f422_in_the_whole_clinical_trial" if whole is not None else "f421_in_the_eea" if eea is not None
                     else "f41_in_the_member_state")
    counted = [integer(c.get("subjects")) for c in listed(at(trial, "countrySubjectCounts", "countrySubjectCount"))]
    actual = sum(c for c in counted if c is not None) if counted and all(c is not None for c in counted) else None
    outcomes = [*registered_outcomes(OutcomeRole.PRIMARY, record.get("e51_primary_end_points"),
                                     present(record.get("e511_timepoints_of_evaluation_of_this_end_point")), "e51_primary_end_points"),
                *registered_outcomes(OutcomeRole.SECONDARY, record.get("e52_secondary_end_points"),
                                     present(record.get("e521_timepoints_of_evaluation_of_this_end_point")), "e52_secondary_end_points")]
    entry = RegistryEntry(
        registry="EudraCT", identifier=number, source_format="EU Clinical Trials Register record (ctrdata JSON)",
        version=when(record.get("record_last_import")),
        secondary_ids=tuple((value, kind) for value, kind in (
            (present(trial.get("usctnIdentifier")), "NCT"), (present(trial.get("isrctnIdentifier")), "ISRCTN"),
            (present(record.get("a53_who_universal_trial_reference_number_utrn")) or present(trial.get("whoIdentifier")), "WHO UTN"),
            (present(record.get("a41_sponsors_protocol_code_number")), "SPONSOR")) if value),
        status=overall_status("EudraCT", record.get("p_end_of_trial_status") or record.get("x5_trial_status")),
        study_type="INTERVENTIONAL",
        phases=tuple(phase for key, phase in _PHASES if yes(record.get(key))),
        allocation="RANDOMIZED" if yes(record.get("e811_randomised")) else "NON_RANDOMIZED"
        if record.get("e811_randomised") == "No" and yes(record.get("e81_controlled")) else None,
        enrollment=actual if actual is not None else planned,
        enrollment_type="ACTUAL" if actual is not None else "ANTICIPATED" if planned is not None else None,
        start_date=when(trial.get("recruitmentStartDate")),
        completion_date=when(record.get("p_date_of_the_global_end_of_the_trial") or trial.get("globalEndOfTrialDate")),
        first_posted=when(record.get("x6_date_on_which_this_record_was_first_entered_in_the_eudract_database")),
        conditions=tuple(text for key in ("e11_medical_conditions_being_investigated",) if (text := present(record.get(key)))),
        arms=tuple(arms.values()),
        interventions=_interventions(record),
        outcomes=tuple(outcomes),
        results=_results(record, {arm_id: arm.label for arm_id, arm in arms.items()}),
        fields=(("identifier", "a2_eudract_number"), ("secondary ids", "trialInformation/usctnIdentifier"),
                ("status", "p_end_of_trial_status" if record.get("p_end_of_trial_status") else "x5_trial_status"),
                ("enrollment", "trialInformation/countrySubjectCounts" if actual is not None else planned_field),
                ("design", "e8_design_of_the_trial"), ("conditions", "e11_medical_conditions_being_investigated"),
                ("member state", "a1_member_state_concerned"), ("version", "record_last_import")),
    )
    lay = present(record.get("a31_title_of_the_trial_for_lay_people_in_easily_understood_ie_nontechnical_language"))
    full = present(record.get("a3_full_title_of_the_trial")) or present(trial.get("fullTitle"))
    objectives = "\n\n".join(t for t in (present(record.get("e21_main_objective_of_the_trial")),
                                         present(record.get("e22_secondary_objectives_of_the_trial"))) if t)
    return entry, (lay or full, full, objectives or None, None)


def _arms(record: dict) -> dict[str, RegistryArm]:
    found: dict[str, RegistryArm] = {}
    periods = listed(at(record, "subjectDisposition", "postAssignmentPeriods", "postAssignmentPeriod"))
    for p, period in enumerate(periods):
        for a, arm in enumerate(listed(at(period, "arms", "arm"))):
            title = present(arm.get("title"))
            if title and arm.get("id") not in found:
                kind = (at(arm, "type", "value") or "").rsplit(".", 1)[-1].lower()
                products = [present(at(x, "product", "name")) or present(x.get("name"))
                            for x in listed(at(arm, "armProducts", "armProduct"))]
                found[arm["id"]] = RegistryArm(title, _ARM_KINDS.get(kind, kind.upper() or None), present(arm.get("description")),
                                               tuple(x for x in products if x),
                                               f"subjectDisposition/postAssignmentPeriods/postAssignmentPeriod/{p}/arms/arm/{a}")
    return found


def _interventions(record: dict) -> tuple[RegistryIntervention, ...]:
    """The investigational medicinal products (section D): product name, else trade name, else the INN."""
    found: dict[str, RegistryIntervention] = {}
    for i, product in enumerate(listed(record.get("dimp"))):
        name = (present(product.get("d31_product_name")) or present(product.get("d2111_trade_name"))
                or present(product.get("d381_inn__proposed_inn")))
        if name and name.lower() not in found:
            found[name.lower()] = RegistryIntervention(name, "DRUG", f"dimp/{i}")
    return tuple(found.values())


def _code(value: Any) -> str:
    """ "MEASURE_TYPE.geometricMean" -> "geometricmean"."""
    text = at(value, "value") if isinstance(value, dict) else value
    return re.sub(r"[^a-z0-9]", "", str(text or "").rsplit(".", 1)[-1].lower())


def _results(record: dict, arms: dict[str, str]) -> tuple[PostedResult, ...]:
    found = []
    for e, point in enumerate(listed(at(record, "endPoints", "endPoint"))):
        title = " ".join((point.get("title") or "").split())
        categories = {c.get("id"): present(c.get("name")) for c in listed(at(point, "categories", "category"))}
        countable = yes(point.get("countable"))
        param = "COUNT_OF_PARTICIPANTS" if countable else _PARAMS.get(_code(point.get("centralTendencyType")))
        spread_kind = _SPREADS.get(_code(point.get("dispersionType")))
        for g, group in enumerate(listed(at(point, "armReportingGroups", "armReportingGroup"))):
            arm = arms.get(group.get("armId"), group.get("armId") or "")
            spreads = {v.get("categoryId"): v for v in listed(at(group, "dispersionValues", "dispersionValue"))}
            values = listed(at(group, "countableValues", "countableValue")) if countable else \
                listed(at(group, "tendencyValues", "tendencyValue"))
            kind = "countableValues/countableValue" if countable else "tendencyValues/tendencyValue"
            for v, value in enumerate(values):
                spread = spreads.get(value.get("categoryId"), {})
                found.append(PostedResult(
                    outcome=title, role=_ROLES.get(_code(point.get("type"))), time_frame=present(point.get("timeFrame")),
                    group=arm, param=param, unit=present(point.get("unit")), value=decimal(value.get("value")),
                    value_text=str(value.get("value", "")), dispersion=spread_kind,
                    spread=decimal(spread.get("value")) if spread_kind in ("STANDARD_DEVIATION", "STANDARD_ERROR") else None,
                    lower=decimal(spread.get("lowRangeValue")),
                    upper=decimal(spread.get("highRangeValue")), denominator=integer(group.get("subjects")),
                    category=categories.get(value.get("categoryId")),
                    source_field=f"endPoints/endPoint/{e}/armReportingGroups/armReportingGroup/{g}/{kind}/{v}"))
    return tuple(found)
