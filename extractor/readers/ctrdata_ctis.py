"""An EU CTIS record as ctrdata stores it (the CTIS public API's JSON): the authorised application's
part I (titles, conditions, objectives, end points, products, phase) and the trial's status, planned
subjects and dates. Older downloads hold ``applications`` and ``authorizedPartI``, newer ones
``authorizedApplication``; the status is text in the first and the portal's numeric code in the second."""

from __future__ import annotations

from ..registry_records import OutcomeRole, RegisteredOutcome, RegistryEntry, RegistryIntervention, RegistryReference
from .ctrdata import listed, overall_status, phases_in, present, registry_of, when
from .registry_values import at, integer

_TEST_ROLES = {"test", "comparator", "placebo", "auxiliary"}


def ctis_entry(record: dict) -> tuple[RegistryEntry, tuple] | None:
    """The record and its texts (public title, full title, objectives), or None without an EU CT number."""
    number = present(record.get("ctNumber"))
    if not number:
        return None
    application, part, part_path = _part_one(record)
    details = part.get("trialDetails") or {}
    info = details.get("trialInformation") or {}
    names = details.get("clinicalTrialIdentifiers") or {}
    ep = f"{part_path}/trialDetails/trialInformation/endPoint"
    outcomes = [RegisteredOutcome(OutcomeRole.PRIMARY if key == "primaryEndPoints" else OutcomeRole.SECONDARY,
                                  " ".join(item["endPoint"].split()), None, None, f"{ep}/{key}/{i}/endPoint")
                for key in ("primaryEndPoints", "secondaryEndPoints")
                for i, item in enumerate(listed(at(info, "endPoint", key))) if present(item.get("endPoint"))]
    eea, elsewhere = integer(record.get("totalNumberEnrolled")), integer(part.get("rowSubjectCount"))
    planned = None if eea is None and elsewhere is None else (eea or 0) + (elsewhere or 0)
    duration = info.get("trialDuration") or {}
    entry = RegistryEntry(
        registry="CTIS", identifier=number, source_format="EU CTIS record (ctrdata JSON)",
        version=when(record.get("lastUpdated")) or when(record.get("record_last_import")),
        secondary_ids=_secondary_ids(names, application),
        status=overall_status("CTIS", record.get("ctPublicStatusCode") or record.get("ctStatus")),
        study_type="INTERVENTIONAL",
        phases=phases_in(present(record.get("trialPhase"))),
        enrollment=planned, enrollment_type="ANTICIPATED" if planned is not None else None,
        start_date=when(record.get("startDateEU")) or when(duration.get("estimatedRecruitmentStartDate")),
        completion_date=when(at(record, "trialGlobalEnd", "endDate")) or when(duration.get("estimatedGlobalEndDate")),
        first_posted=when(record.get("publishDate")) or when(record.get("decisionDate")),
        last_updated=when(record.get("lastUpdated")),
        conditions=tuple(text for c in listed(at(info, "medicalCondition", "partIMedicalConditions"))
                         if (text := present(c.get("medicalCondition")))),
        interventions=_products(part, part_path),
        outcomes=tuple(outcomes),
        references=tuple(RegistryReference(str(code), "RESULT", None) for code in listed(details.get("pubmedCode"))
                         if present(code)),
        fields=(("identifier", "ctNumber"), ("secondary ids", f"{part_path}/trialDetails/clinicalTrialIdentifiers"),
                ("status", "ctPublicStatusCode" if record.get("ctPublicStatusCode") else "ctStatus"),
                ("enrollment", f"totalNumberEnrolled + {part_path}/rowSubjectCount"), ("design", "trialPhase"),
                ("conditions", f"{part_path}/trialDetails/trialInformation/medicalCondition"),
                ("dates", "startDateEU"), ("version", "lastUpdated")),
    )
    objective = at(info, "trialObjective", "mainObjective")
    secondary = [present(o.get("secondaryObjective")) for o in listed(at(info, "trialObjective", "secondaryObjectives"))]
    objectives = "\n\n".join(t for t in (present(objective), *secondary) if t)
    full = present(names.get("fullTitle")) or present(record.get("title"))
    return entry, (present(names.get("publicTitle")) or full, full, objectives or None, None)


def _part_one(record: dict) -> tuple[dict | None, dict, str]:
    """(the authorised application, its part I, the part's path): the authorised part I wherever the
    download keeps it, else the latest application's."""
    application = record.get("authorizedApplication")
    if isinstance(application, dict) and isinstance(application.get("authorizedPartI"), dict):
        return application, application["authorizedPartI"], "authorizedApplication/authorizedPartI"
    if isinstance(record.get("authorizedPartI"), dict):
        return None, record["authorizedPartI"], "authorizedPartI"
    applications = [a for a in listed(record.get("applications")) if isinstance(a, dict)]
    if applications and isinstance(applications[-1].get("partI"), dict):
        return applications[-1], applications[-1]["partI"], f"applications/{len(applications) - 1}/partI"
    return None, {}, "authorizedPartI"


def _secondary_ids(names: dict, application: dict | None) -> tuple[tuple[str, str | None], ...]:
    found: dict[str, str | None] = {}
    nct = present(at(names, "secondaryIdentifyingNumbers", "nctNumber", "number"))
    if nct:
        found[nct] = "NCT"
    isrctn = present(at(names, "secondaryIdentifyingNumbers", "isrctnNumber", "number"))
    if isrctn:
        found[isrctn if isrctn.startswith("ISRCTN") else f"ISRCTN{isrctn}"] = "ISRCTN"
    eudract = present(at(application, "eudraCt", "eudraCtCode"))
    if eudract:
        found[eudract] = "EUDRACT_NUMBER"
    for other in listed(at(names, "secondaryIdentifyingNumbers", "additionalRegistries")):
        value = present(other.get("number"))
        if value:
            found.setdefault(value, registry_of(value) or present(other.get("otherRegistryName")))
    return tuple(found.items())


def _products(part: dict, path: str) -> tuple[RegistryIntervention, ...]:
    found: dict[str, RegistryIntervention] = {}
    for g, group in enumerate(listed(part.get("productRoleGroupInfos"))):
        if (present(group.get("productRoleName")) or "").lower() not in _TEST_ROLES:
            continue
        for p, product in enumerate(listed(group.get("products"))):
            info = product.get("productDictionaryInfo") or {}
            name = present(info.get("activeSubstanceName")) or present(info.get("prodName")) or present(product.get("productName"))
            name = name.lower() if name and name.isupper() else name
            if name and name.lower() not in found:
                found[name.lower()] = RegistryIntervention(name, "DRUG", f"{path}/productRoleGroupInfos/{g}/products/{p}")
    return tuple(found.values())
