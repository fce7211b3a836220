"""An ISRCTN record as ctrdata stores it (the ISRCTN API's XML as JSON): identifiers, design,
participants and enrolment, conditions, interventions, outcomes as registered (free text, numbered
lists split) and the results publications it lists."""

from __future__ import annotations

import re

from ..registry_records import OutcomeRole, RegistryEntry, RegistryIntervention, RegistryReference
from .ctrdata import listed, phases_in, present, registered_outcomes, registry_of, when
from .registry_values import at, integer, upper_words

_PUBMED = re.compile(r"(?:pubmed(?:\.ncbi\.nlm\.nih\.gov)?/|/pubmed/)(\d{1,8})\b")
_STATUS_OVERRIDES = {"stopped": "TERMINATED", "suspended": "SUSPENDED", "withdrawn": "WITHDRAWN"}


def isrctn_entry(record: dict) -> tuple[RegistryEntry, tuple] | None:
    """The record and its texts (title, scientific title, summary, description), or None without an ID."""
    number = present(record.get("isrctn"))
    if not number:
        return None
    identifier = number if number.upper().startswith("ISRCTN") else f"ISRCTN{number}"
    described = record.get("trialDescription") or {}
    design = record.get("trialDesign") or {}
    people = record.get("participants") or {}
    final, target = integer(people.get("totalFinalEnrolment")), integer(people.get("targetEnrolment"))
    outcomes = [*registered_outcomes(OutcomeRole.PRIMARY, described.get("primaryOutcome"), None, "trialDescription/primaryOutcome"),
                *registered_outcomes(OutcomeRole.SECONDARY, described.get("secondaryOutcome"), None, "trialDescription/secondaryOutcome")]
    interventions = listed(at(record, "interventions", "intervention"))
    entry = RegistryEntry(
        registry="ISRCTN", identifier=identifier, source_format="ISRCTN record (ctrdata JSON)",
        version=when(record.get("record_last_import")),
        secondary_ids=_secondary_ids(record.get("externalRefs") or {}),
        status=_STATUS_OVERRIDES.get((present(people.get("recruitmentStatusOverride")) or "").lower()),
        study_type=upper_words(present(design.get("primaryStudyDesign"))),
        phases=tuple(dict.fromkeys(p for item in interventions for p in phases_in(present(item.get("phase"))))),
        allocation=_allocation(design),
        enrollment=final if final is not None else target,
        enrollment_type="ACTUAL" if final is not None else "ANTICIPATED" if target is not None else None,
        start_date=when(people.get("recruitmentStart")),
        completion_date=when(design.get("overallEndDate")),
        conditions=tuple(text for c in listed(at(record, "conditions", "condition")) if (text := present(c.get("description")))),
        interventions=tuple(RegistryIntervention(name, upper_words(present(item.get("interventionType"))),
                                                 f"interventions/intervention/{i}/drugNames")
                            for i, item in enumerate(interventions)
                            for name in re.split(r"\s*[,;]\s*", present(item.get("drugNames")) or "") if name),
        outcomes=tuple(outcomes),
        references=_publications(at(record, "results", "publicationDetails")),
        fields=(("identifier", "isrctn"), ("secondary ids", "externalRefs"),
                ("status", "participants/recruitmentStatusOverride"),
                ("enrollment", "participants/totalFinalEnrolment" if final is not None else "participants/targetEnrolment"),
                ("design", "trialDesign"), ("conditions", "conditions/condition"),
                ("dates", "participants/recruitmentStart"), ("version", "record_last_import")),
    )
    summary = "\n\n".join(t for t in (present(described.get("studyHypothesis")), _paragraphs(described.get("plainEnglishSummary"))) if t)
    texts = (present(described.get("title")), present(described.get("scientificTitle")), summary or None,
             _paragraphs(at(interventions[0], "description")) if interventions else None)
    return entry, texts


def _secondary_ids(refs: dict) -> tuple[tuple[str, str | None], ...]:
    found: dict[str, str | None] = {}
    for key, kind in (("clinicalTrialsGovNumber", "NCT"), ("eudraCTNumber", "EUDRACT_NUMBER"), ("irasNumber", "IRAS"),
                      ("protocolSerialNumber", "SPONSOR")):
        value = present(refs.get(key))
        if value:
            found.setdefault(value, kind)
    for value in listed(at(refs, "secondaryNumbers", "secondaryNumber")):
        text = present(value)
        if text:
            found.setdefault(text, "NCT" if registry_of(text) == "ClinicalTrials.gov" else "EUDRACT_NUMBER"
                             if registry_of(text) == "EudraCT" else None)
    return tuple(found.items())


def _allocation(design: dict) -> str | None:
    words = " ".join(present(design.get(k)) or "" for k in ("secondaryStudyDesign", "studyDesign")).lower()
    if re.search(r"\bnon[- ]?randomi[sz]ed\b", words):
        return "NON_RANDOMIZED"
    return "RANDOMIZED" if re.search(r"\brandomi[sz]ed\b", words) else None


def _publications(text: object) -> tuple[RegistryReference, ...]:
    """ "2021 Results article in https://pubmed.ncbi.nlm.nih.gov/33069668/ results (added ...)" per line."""
    found = []
    for line in text.splitlines() if isinstance(text, str) else ():
        pmid = _PUBMED.search(line)
        kind = "RESULT" if re.search(r"\bresults?\s+article\b", line, re.IGNORECASE) else "BACKGROUND"
        found.append(RegistryReference(pmid.group(1) if pmid else None, kind, " ".join(line.split())))
    return tuple(found)


def _paragraphs(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    parts = (" ".join(part.split()) for part in re.split(r"\n\s*\n", value.replace("\r", "")))
    return "\n\n".join(part for part in parts if part) or None
