"""ClinicalTrials.gov legacy XML (``<clinical_study>``, public.xsd: the AllPublicXML bulk download and
``?displayxml=true``): protocol, registered outcomes and, when posted, ``clinical_results``. Parsed
without DTDs, entities or network, study by study."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from ..errors import ParseError, UnsupportedFormat
from ..records import Document
from ..registry_records import (
    OutcomeRole,
    PostedResult,
    RegisteredOutcome,
    RegistryArm,
    RegistryEntry,
    RegistryIntervention,
    RegistryReference,
)
from .base import Source
from .ctgov_json import registry_document
from .registry_values import date, decimal, dispersion, enrollment_type, integer, phases, status, upper_words
from .safe_xml import PROLOG_LIMIT, check_prolog, iter_elements

_ROLES = (("primary_outcome", OutcomeRole.PRIMARY), ("secondary_outcome", OutcomeRole.SECONDARY),
          ("other_outcome", OutcomeRole.OTHER))
_RESULT_TYPES = {"PRIMARY": OutcomeRole.PRIMARY, "SECONDARY": OutcomeRole.SECONDARY, "OTHER_PRE_SPECIFIED": OutcomeRole.OTHER}
_PROCESSED = re.compile(r"processed this data on\s+(?P<date>.+)$", re.IGNORECASE)


class CtgovXmlReader:
    name = "ctgov-xml"
    streams = True

    def sniff(self, text: str) -> float:
        head = text.lstrip("\ufeff \t\r\n")
        return 1.0 if head.startswith("<") and re.search(r"<clinical_study[\s>]", head[:4000]) else 0.0

    def read(self, source: Source) -> Iterator[Document]:
        root = check_prolog(source.head[:PROLOG_LIMIT])
        if root not in ("clinical_study", "search_results", "clinical_studies"):
            raise UnsupportedFormat(f"XML with root element <{root}> is not a ClinicalTrials.gov record")
        read = 0
        with source.open() as stream:
            try:
                for element in iter_elements(stream, ("clinical_study",)):
                    entry = _entry(element)
                    if entry is None:
                        raise ParseError("a <clinical_study> without id_info/nct_id")
                    read += 1
                    yield registry_document(source, self.name, entry, _texts(element), False)
            except ParseError as exc:
                raise ParseError(f"{exc}; {read} records before the damage were read") from None
        if not read:
            raise ParseError("a ClinicalTrials.gov XML file with no <clinical_study>")


def _text(element: etree._Element | None, path: str) -> str | None:
    found = element.find(path) if element is not None else None
    value = " ".join("".join(found.itertext()).split()) if found is not None else ""
    return value or None


def _block(element: etree._Element, path: str) -> str | None:
    found = element.find(path)
    return "".join(found.itertext()).replace("\r", "").strip() or None if found is not None else None


def _texts(study: etree._Element) -> tuple[str | None, ...]:
    return (_text(study, "brief_title"), _text(study, "official_title"), _block(study, "brief_summary/textblock"),
            _block(study, "detailed_description/textblock"))


def _entry(study: etree._Element) -> RegistryEntry | None:
    nct = _text(study, "id_info/nct_id")
    if not nct:
        return None
    outcomes = [RegisteredOutcome(role, _text(o, "measure") or "", _text(o, "time_frame"), _text(o, "description"),
                                  f"clinical_study/{tag}[{i + 1}]")
                for tag, role in _ROLES for i, o in enumerate(study.findall(tag)) if _text(o, "measure")]
    arm_interventions: dict[str, list[str]] = {}
    interventions = []
    for i, item in enumerate(study.findall("intervention")):
        name = _text(item, "intervention_name")
        if not name:
            continue
        interventions.append(RegistryIntervention(name, upper_words(_text(item, "intervention_type")), f"clinical_study/intervention[{i + 1}]"))
        for label in item.findall("arm_group_label"):
            arm_interventions.setdefault(_text(label, ".") or "", []).append(name)
    arms = [RegistryArm(label, upper_words(_text(a, "arm_group_type")), _text(a, "description"),
                        tuple(arm_interventions.get(label, ())), f"clinical_study/arm_group[{i + 1}]")
            for i, a in enumerate(study.findall("arm_group")) if (label := _text(a, "arm_group_label"))]
    enrolment = study.find("enrollment")
    processed = _PROCESSED.search(_text(study, "required_header/download_date") or "")
    return RegistryEntry(
        registry="ClinicalTrials.gov", identifier=nct, source_format="ClinicalTrials.gov legacy XML",
        version=date(processed.group("date")) if processed else date(_text(study, "last_update_submitted")),
        secondary_ids=tuple((_text(s, ".") or "", None) for s in study.findall("id_info/secondary_id") if _text(s, ".")),
        status=status(_text(study, "overall_status")), why_stopped=_text(study, "why_stopped"),
        study_type=upper_words(_text(study, "study_type")), phases=phases(_text(study, "phase")),
        allocation=upper_words(_text(study, "study_design_info/allocation")),
        observational_model=upper_words(_text(study, "study_design_info/observational_model")),
        time_perspective=upper_words(_text(study, "study_design_info/time_perspective")),
        enrollment=integer(_text(study, "enrollment")),
        enrollment_type=enrollment_type(enrolment.get("type") if enrolment is not None else None),
        start_date=date(_text(study, "start_date")), primary_completion_date=date(_text(study, "primary_completion_date")),
        completion_date=date(_text(study, "completion_date")),
        first_posted=date(_text(study, "study_first_posted") or _text(study, "firstreceived_date")),
        last_updated=date(_text(study, "last_update_posted") or _text(study, "lastchanged_date")),
        conditions=tuple(c for c in (_text(c, ".") for c in study.findall("condition")) if c),
        arms=tuple(arms), interventions=tuple(interventions), outcomes=tuple(outcomes),
        results=_results(study),
        references=tuple(RegistryReference(_text(r, "PMID"), "RESULT" if r.tag == "results_reference" else "BACKGROUND",
                                           _text(r, "citation"))
                         for r in (*study.findall("reference"), *study.findall("results_reference"))),
        fields=(("identifier", "clinical_study/id_info/nct_id"), ("secondary ids", "clinical_study/id_info/secondary_id"),
                ("status", "clinical_study/overall_status"), ("enrollment", "clinical_study/enrollment"),
                ("design", "clinical_study/study_design_info"), ("conditions", "clinical_study/condition"),
                ("dates", "clinical_study"), ("version", "clinical_study/required_header/download_date")),
    )


def _results(study: etree._Element) -> tuple[PostedResult, ...]:
    found = []
    for m, outcome in enumerate(study.findall("clinical_results/outcome_list/outcome"), start=1):
        groups = {g.get("group_id"): _text(g, "title") for g in outcome.findall("group_list/group")}
        measure = outcome.find("measure")
        if measure is None:
            continue
        denominators = {c.get("group_id"): integer(c.get("value"))
                        for c in measure.findall("analyzed_list/analyzed[1]/count_list/count")}
        base = f"clinical_study/clinical_results/outcome_list/outcome[{m}]/measure"
        for c, klass in enumerate(measure.findall("class_list/class"), start=1):
            for k, category in enumerate(klass.findall("category_list/category"), start=1):
                label = " ".join(t for t in (_text(klass, "title"), _text(category, "title")) if t) or None
                for v, value in enumerate(category.findall("measurement_list/measurement"), start=1):
                    group = value.get("group_id")
                    found.append(PostedResult(
                        outcome=_text(outcome, "title") or "", role=_RESULT_TYPES.get(upper_words(_text(outcome, "type")) or ""),
                        time_frame=_text(outcome, "time_frame"), group=groups.get(group) or group or "",
                        param=upper_words(_text(measure, "param")), unit=_text(measure, "units"),
                        value=decimal(value.get("value")), value_text=value.get("value") or "",
                        dispersion=dispersion(_text(measure, "dispersion")), spread=decimal(value.get("spread")),
                        lower=decimal(value.get("lower_limit")), upper=decimal(value.get("upper_limit")),
                        denominator=denominators.get(group), category=label,
                        source_field=f"{base}/class_list/class[{c}]/category_list/category[{k}]/measurement_list/measurement[{v}]"))
    return tuple(found)
