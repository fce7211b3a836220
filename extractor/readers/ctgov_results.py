"""Posted results of a ClinicalTrials.gov study in JSON: each measurement of each outcome measure,
for its group, with the measure's type, title, time frame, parameter, dispersion, unit and the
group's denominator (API v2 ``resultsSection``; classic API ``ResultsSection``)."""

from __future__ import annotations

from ..registry_records import OutcomeRole, PostedResult
from .registry_values import clean, decimal, dispersion, integer, upper_words

_TYPES = {"PRIMARY": OutcomeRole.PRIMARY, "SECONDARY": OutcomeRole.SECONDARY, "OTHER_PRE_SPECIFIED": OutcomeRole.OTHER}


def _role(value: str | None) -> OutcomeRole | None:
    return _TYPES.get(upper_words(value) or "")


def v2_results(study: dict, path: str) -> tuple[PostedResult, ...]:
    measures = ((study.get("resultsSection") or {}).get("outcomeMeasuresModule") or {}).get("outcomeMeasures") or []
    found = []
    for m, measure in enumerate(measures):
        groups = {g.get("id"): g.get("title") or g.get("id") for g in measure.get("groups") or []}
        denominators = {c.get("groupId"): integer(c.get("value"))
                        for d in (measure.get("denoms") or [])[:1] for c in d.get("counts") or []}
        base = f"{path + '/' if path else ''}resultsSection/outcomeMeasuresModule/outcomeMeasures/{m}"
        for c, klass in enumerate(measure.get("classes") or []):
            for k, category in enumerate(klass.get("categories") or []):
                label = " ".join(t for t in (klass.get("title"), category.get("title")) if t) or None
                for v, value in enumerate(category.get("measurements") or []):
                    group = value.get("groupId")
                    found.append(PostedResult(
                        outcome=" ".join((measure.get("title") or "").split()), role=_role(measure.get("type")),
                        time_frame=clean(measure.get("timeFrame")), group=groups.get(group) or group or "",
                        param=upper_words(measure.get("paramType")), unit=measure.get("unitOfMeasure"),
                        value=decimal(value.get("value")), value_text=str(value.get("value", "")),
                        dispersion=dispersion(measure.get("dispersionType")), spread=decimal(value.get("spread")),
                        lower=decimal(value.get("lowerLimit")), upper=decimal(value.get("upperLimit")),
                        denominator=denominators.get(group), category=label,
                        source_field=f"{base}/classes/{c}/categories/{k}/measurements/{v}"))
    return tuple(found)


def classic_results(study: dict, path: str) -> tuple[PostedResult, ...]:
    module = (study.get("ResultsSection") or {}).get("OutcomeMeasuresModule") or {}
    measures = (module.get("OutcomeMeasureList") or {}).get("OutcomeMeasure") or []
    found = []
    for m, measure in enumerate(measures):
        groups = {g.get("OutcomeGroupId"): g.get("OutcomeGroupTitle") for g in (measure.get("OutcomeGroupList") or {}).get("OutcomeGroup") or []}
        denoms = (measure.get("OutcomeDenomList") or {}).get("OutcomeDenom") or []
        denominators = {c.get("OutcomeDenomCountGroupId"): integer(c.get("OutcomeDenomCountValue"))
                        for d in denoms[:1] for c in (d.get("OutcomeDenomCountList") or {}).get("OutcomeDenomCount") or []}
        base = f"{path}/ResultsSection/OutcomeMeasuresModule/OutcomeMeasureList/OutcomeMeasure/{m}"
        classes = (measure.get("OutcomeClassList") or {}).get("OutcomeClass") or []
        for c, klass in enumerate(classes):
            for k, category in enumerate((klass.get("OutcomeCategoryList") or {}).get("OutcomeCategory") or []):
                label = " ".join(t for t in (klass.get("OutcomeClassTitle"), category.get("OutcomeCategoryTitle")) if t) or None
                values = (category.get("OutcomeMeasurementList") or {}).get("OutcomeMeasurement") or []
                for v, value in enumerate(values):
                    group = value.get("OutcomeMeasurementGroupId")
                    found.append(PostedResult(
                        outcome=" ".join((measure.get("OutcomeMeasureTitle") or "").split()),
                        role=_role(measure.get("OutcomeMeasureType")), time_frame=clean(measure.get("OutcomeMeasureTimeFrame")),
                        group=groups.get(group) or group or "", param=upper_words(measure.get("OutcomeMeasureParamType")),
                        unit=measure.get("OutcomeMeasureUnitOfMeasure"), value=decimal(value.get("OutcomeMeasurementValue")),
                        value_text=str(value.get("OutcomeMeasurementValue", "")),
                        dispersion=dispersion(measure.get("OutcomeMeasureDispersionType")),
                        spread=decimal(value.get("OutcomeMeasurementSpread")),
                        lower=decimal(value.get("OutcomeMeasurementLowerLimit")),
                        upper=decimal(value.get("OutcomeMeasurementUpperLimit")),
                        denominator=denominators.get(group), category=label,
                        source_field=f"{base}/OutcomeClassList/OutcomeClass/{c}/OutcomeCategoryList/OutcomeCategory/{k}"
                                     f"/OutcomeMeasurementList/OutcomeMeasurement/{v}"))
    return tuple(found)
