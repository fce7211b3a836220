"""ISRCTN, EU CTR and CTIS records as ctrdata stores them: every sample record in ../shared/data/registry
read back equal to the record (each value found again at the field it names), the registries' own
statuses in one spelling, numbered outcome lists and time points, posted EU CTR results, and the
records in the graph beside the papers that cite them."""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import litkg

from extractor.errors import UnsupportedFormat
from extractor.readers import read_bytes, read_file
from extractor.readers.ctrdata import outcome_items, overall_status, phases_in
from extractor.records import DocumentKind
from extractor.registry_records import OutcomeRole
from extractor.store import Store

REGISTRY = Path(__file__).resolve().parents[2] / "shared" / "data" / "registry"
ISRCTN = sorted((REGISTRY / "isrctn-ctrdata").glob("*.json"))
EUCTR = sorted((REGISTRY / "euctr-ctrdata").glob("*.json"))
CTIS = sorted((REGISTRY / "ctis-ctrdata").glob("*.json"))
pytestmark = pytest.mark.skipif(not REGISTRY.exists(), reason="needs ../shared/data/registry")


def _read(path: Path):
    [document] = list(read_file(path, path.name))
    assert document.kind is DocumentKind.REGISTRY and document.registry is not None
    return document, document.registry, json.loads(path.read_text(encoding="utf-8"))


def _field(record: dict, path: str):
    """The value at a source field path ("endPoints/endPoint/0/armReportingGroups/armReportingGroup/1")."""
    value = record
    for step in path.split("/"):
        if isinstance(value, list):
            value = value[int(step)]
        elif isinstance(value, dict) and step in value:
            value = value[step]
        elif step == "0" and isinstance(value, dict):  # ctrdata writes a single child as an object
            continue
        else:
            raise KeyError(path)
    return value


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _common(document, entry, record: dict):
    assert document.text_loss is None and entry.version is not None
    assert document.databanks[0].accession == entry.identifier
    for outcome in entry.outcomes:  # each registered outcome is words of the field it names
        assert _words(outcome.measure) <= _words(_field(record, outcome.source_field)), outcome
    for value, _ in entry.secondary_ids:
        assert value in json.dumps(record, ensure_ascii=False) or value.removeprefix("ISRCTN") in json.dumps(record)


@pytest.mark.parametrize("path", ISRCTN, ids=lambda p: p.stem)
def test_isrctn_records_read_back_equal_to_the_record(path: Path):
    document, entry, record = _read(path)
    _common(document, entry, record)
    assert document.reader == "isrctn-json" and entry.registry == "ISRCTN" and entry.identifier == path.stem
    people = record["participants"]
    final, target = people.get("totalFinalEnrolment"), people.get("targetEnrolment")
    assert (entry.enrollment, entry.enrollment_type) == ((int(final), "ACTUAL") if final else (int(target), "ANTICIPATED"))
    assert entry.conditions == (record["conditions"]["condition"]["description"],)
    assert document.title == record["trialDescription"]["title"]
    assert entry.outcomes[0].role is OutcomeRole.PRIMARY
    cited = re.findall(r"pubmed(?:\.ncbi\.nlm\.nih\.gov)?/(\d+)", record["results"].get("publicationDetails") or "")
    assert [r.pmid for r in entry.references if r.pmid] == cited
    nct = record["externalRefs"].get("clinicalTrialsGovNumber", "")
    assert (nct in [d.accession for d in document.databanks]) == bool(re.fullmatch(r"NCT\d{8}", nct))


@pytest.mark.parametrize("path", EUCTR, ids=lambda p: p.stem)
def test_eu_ctr_records_read_back_equal_to_the_record(path: Path):
    document, entry, record = _read(path)
    _common(document, entry, record)
    assert document.reader == "euctr-json" and entry.registry == "EudraCT"
    assert entry.identifier == record["a2_eudract_number"] == path.stem.rsplit("-", 1)[0]  # no member-state suffix
    assert entry.conditions == (record["e11_medical_conditions_being_investigated"],)
    arms = {a["id"]: a["title"] for p in [record.get("subjectDisposition", {}).get("postAssignmentPeriods", {})
                                          .get("postAssignmentPeriod", {})] for a in (p.get("arms", {}).get("arm") or [])}
    assert [a.label for a in entry.arms] == list(arms.values())
    for result in entry.results:  # each posted value is the value at its field, for the arm its group names
        value = _field(record, result.source_field)
        assert result.value_text == value["value"] and result.value == Decimal(value["value"])
        group = _field(record, result.source_field.split("/countableValues")[0].split("/tendencyValues")[0])
        assert result.group == arms[group["armId"]] and result.denominator == int(group["subjects"])
    if record.get("endPoints"):
        assert entry.enrollment_type == "ACTUAL" and entry.results
    else:
        assert entry.enrollment_type == "ANTICIPATED" and not entry.results


@pytest.mark.parametrize("path", CTIS, ids=lambda p: p.stem)
def test_ctis_records_read_back_equal_to_the_record(path: Path):
    document, entry, record = _read(path)
    _common(document, entry, record)
    assert document.reader == "ctis-json" and entry.registry == "CTIS" and entry.identifier == record["ctNumber"] == path.stem
    assert entry.status in ("NOT_YET_RECRUITING", "RECRUITING", "ACTIVE_NOT_RECRUITING", "COMPLETED")
    assert entry.phases == ("PHASE2",) and entry.enrollment_type == "ANTICIPATED" and entry.conditions
    assert [o.role for o in entry.outcomes].count(OutcomeRole.PRIMARY) >= 1


def test_the_registries_statuses_are_spelled_as_clinicaltrials_gov_spells_them():
    assert overall_status("CTIS", "4") == overall_status("CTIS", "Ongoing, recruiting") == "RECRUITING"
    assert overall_status("CTIS", "Authorised, not started") == "NOT_YET_RECRUITING"
    assert overall_status("EudraCT", "Prematurely Ended") == "TERMINATED"
    assert overall_status("EudraCT", "GB - no longer in EU/EEA") == "GB_NO_LONGER_IN_EU_EEA"  # unlisted: its own words
    assert overall_status("CTIS", "") is None
    assert phases_in("Therapeutic exploratory (Phase II)") == ("PHASE2",)
    assert phases_in("Phase II/III") == ("PHASE2", "PHASE3") and phases_in("Not Applicable") == ("NA",)


def test_numbered_outcome_lists_are_split_and_their_time_points_kept():
    assert outcome_items("1. Weight\n2. Height\n\nMeasured at 21 days.") == ["Weight", "Height", "Measured at 21 days."]
    assert outcome_items("1/ Incidence of A. 2/ Incidence of B 3/Incidence of C") == \
        ["Incidence of A.", "Incidence of B", "Incidence of C"]
    assert outcome_items("Death at 28 days, assessed at 1. visit") == ["Death at 28 days, assessed at 1. visit"]
    _, entry, _ = _read(REGISTRY / "isrctn-ctrdata" / "ISRCTN61070850.json")
    primaries = [o for o in entry.outcomes if o.role is OutcomeRole.PRIMARY]
    assert len(primaries) == 6 and {o.time_frame for o in primaries} == {"Measured at 21 days."}
    _, entry, _ = _read(REGISTRY / "euctr-ctrdata" / "2022-000099-20-DE.json")
    secondaries = [o for o in entry.outcomes if o.role is OutcomeRole.SECONDARY]
    assert len(secondaries) == 19 and secondaries[8].time_frame == "30 minutes after immunization"


def test_a_record_of_a_registry_ctrdata_holds_but_litkg_does_not_read_is_refused_with_its_reason():
    with pytest.raises(UnsupportedFormat, match="a JPRN record as converted by ctrdata"):
        list(read_bytes(b'{"ctrname": "JPRN", "id": "x"}', "jprn.json"))


def test_records_of_three_registries_in_the_graph_beside_the_paper_citing_one(tmp_path: Path):
    folder = tmp_path / "trials"
    folder.mkdir()
    for path in (*ISRCTN, *EUCTR, *CTIS):
        shutil.copy(path, folder / path.name)
    _, entry, _ = _read(REGISTRY / "isrctn-ctrdata" / "ISRCTN80181452.json")
    primary = next(o.measure for o in entry.outcomes if o.role is OutcomeRole.PRIMARY)
    (folder / "paper.txt").write_text(
        "Inhaled budesonide in extremely preterm infants: a randomised trial.\n\nMETHODS: We randomly assigned 620 "
        f"infants to budesonide or placebo. The primary outcome was {primary.lower()}. Trial registration: "
        "ISRCTN80181452.\n\nRESULTS: The primary outcome occurred in 40.0% of infants given budesonide and 46.3% of "
        "those given placebo.\n", encoding="utf-8")
    store = tmp_path / "store"
    done = litkg("extract", str(folder), "--store", str(store), "-q")
    assert done.returncode == 0, done.stderr
    assert litkg("validate", "--store", str(store)).returncode == 0
    opened = Store(store, read_only=True)
    registries = {row["r"].value for row in opened.query(
        "SELECT DISTINCT ?r WHERE { ?rec a litkg:RegistryRecord ; litkg:registration/litkg:registry ?r }")}
    assert {"ISRCTN", "EudraCT", "CTIS"} <= registries
    # a record's text states plans: every result in a record's graph is a posted value with its field
    assert not opened.query("ASK { GRAPH ?g { ?rec a litkg:RegistryRecord . ?r a litkg:Result . "
                            "FILTER NOT EXISTS { ?r prov:wasDerivedFrom/litkg:sourceField ?f } } }")
    assert opened.query("ASK { ?s litkg:auditedAgainst ?rec . ?rec litkg:registration/schema:identifier 'ISRCTN80181452' }")
    enrolment = list(opened.query(
        "SELECT ?kind WHERE { ?x a litkg:Discrepancy ; litkg:study ?s ; litkg:discrepancyKind ?kind . "
        "?s litkg:auditedAgainst ?rec . ?rec litkg:registration/schema:identifier 'ISRCTN80181452' }"))
    assert any(row["kind"].value.endswith("EnrollmentDiffers") for row in enrolment)  # 620 randomised vs 850 planned
