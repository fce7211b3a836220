"""Trial registry records (ClinicalTrials.gov API v2 JSON, classic API JSON, legacy XML): every sample
record in ../shared/data/registry read back equal to the record, the two formats of one study giving
the same facts, bad input, and the record in the graph."""

from __future__ import annotations

import json
import shutil
from dataclasses import fields, is_dataclass, replace
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import litkg
from lxml import etree

from extractor.errors import ParseError, UnsupportedFormat
from extractor.readers import read_bytes, read_file
from extractor.records import DocumentKind
from extractor.registry_records import OutcomeRole
from extractor.store import Store

REGISTRY = Path(__file__).resolve().parents[2] / "shared" / "data" / "registry"
V2 = sorted((REGISTRY / "ctgov-api-v2").glob("*.json"))
XML = sorted((REGISTRY / "ctgov-xml").glob("*.xml"))
CLASSIC = sorted((REGISTRY / "ctgov-classic-api").glob("*.json"))
pytestmark = pytest.mark.skipif(not REGISTRY.exists(), reason="needs ../shared/data/registry")


def _entry(path: Path):
    [document] = list(read_file(path, path.name))
    assert document.kind is DocumentKind.REGISTRY and document.registry is not None
    return document, document.registry


def _study(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["studies"][0] if "studies" in data else data


@pytest.mark.parametrize("path", V2, ids=lambda p: p.stem)
def test_api_v2_records_read_back_equal_to_the_record(path: Path):
    document, entry = _entry(path)
    study = _study(path)
    protocol = study["protocolSection"]
    assert entry.identifier == protocol["identificationModule"]["nctId"] == path.stem
    assert entry.status == protocol["statusModule"]["overallStatus"]
    enrolment = protocol.get("designModule", {}).get("enrollmentInfo", {})
    assert entry.enrollment == enrolment.get("count")
    assert entry.enrollment_type == {"ESTIMATED": "ANTICIPATED"}.get(enrolment.get("type"), enrolment.get("type"))
    assert list(entry.phases) == protocol.get("designModule", {}).get("phases", [])
    registered = [(o["measure"], o.get("timeFrame")) for key in ("primaryOutcomes", "secondaryOutcomes", "otherOutcomes")
                  for o in protocol.get("outcomesModule", {}).get(key, [])]
    assert [(o.measure, o.time_frame) for o in entry.outcomes] == [(" ".join(m.split()), t and " ".join(t.split()))
                                                                    for m, t in registered]
    assert [o.role for o in entry.outcomes if o.role is OutcomeRole.PRIMARY] == \
        [OutcomeRole.PRIMARY] * len(protocol.get("outcomesModule", {}).get("primaryOutcomes", []))
    assert list(entry.conditions) == protocol.get("conditionsModule", {}).get("conditions", [])
    assert [a.label for a in entry.arms] == [a["label"] for a in protocol.get("armsInterventionsModule", {}).get("armGroups", [])]
    measurements = [(m["groupId"], m.get("value")) for om in study.get("resultsSection", {}).get("outcomeMeasuresModule", {})
                    .get("outcomeMeasures", []) for c in om.get("classes", []) for k in c.get("categories", [])
                    for m in k.get("measurements", [])]
    assert [r.value_text for r in entry.results] == [str(v) for _, v in measurements]
    assert all(r.source_field.startswith(("resultsSection", "studies/0/resultsSection")) for r in entry.results)
    assert entry.version is not None and document.text_loss is None
    assert document.databanks[0].accession == entry.identifier


@pytest.mark.parametrize("path", XML, ids=lambda p: p.stem)
def test_legacy_xml_records_read_back_equal_to_the_record(path: Path):
    document, entry = _entry(path)
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    assert entry.identifier == root.findtext("id_info/nct_id") == path.stem
    outcomes = [" ".join("".join(o.find("measure").itertext()).split())
                for tag in ("primary_outcome", "secondary_outcome", "other_outcome") for o in root.findall(tag)]
    assert [o.measure for o in entry.outcomes] == outcomes
    enrolment = root.find("enrollment")
    assert entry.enrollment == (int(enrolment.text) if enrolment is not None and enrolment.text else None)
    assert len(entry.results) == len(root.findall(".//clinical_results/outcome_list/outcome/measure/class_list/class/"
                                                   "category_list/category/measurement_list/measurement"))
    assert entry.version is not None and document.text_loss is None


def _facts(value):
    """A record's facts without where each was read (the formats name their fields differently)."""
    if isinstance(value, tuple):
        return tuple(_facts(v) for v in value)
    if is_dataclass(value):
        return replace(value, **{f.name: _facts(getattr(value, f.name)) for f in fields(value) if f.name != "source_field"},
                       **({"source_field": ""} if "source_field" in value.__dataclass_fields__ else {}))
    return value


def test_one_study_in_two_formats_gives_the_same_facts():
    _, xml = _entry(REGISTRY / "ctgov-xml" / "NCT00023673.xml")
    _, classic = _entry(REGISTRY / "ctgov-classic-api" / "NCT00023673.json")
    for name in ("identifier", "status", "study_type", "phases", "allocation", "enrollment", "enrollment_type",
                 "start_date", "primary_completion_date", "completion_date", "first_posted", "last_updated",
                 "conditions", "arms", "interventions", "outcomes", "results"):
        assert _facts(getattr(xml, name)) == _facts(getattr(classic, name)), name
    assert [i for i, _ in xml.secondary_ids] == [i for i, _ in classic.secondary_ids]
    assert xml.results and xml.results[0].denominator is not None


def test_records_without_outcomes_and_withdrawn_studies_are_sensible_records():
    for path in XML:
        _, entry = _entry(path)
        if entry.status == "WITHDRAWN":
            assert entry.enrollment in (0, None) and not entry.results
    empty = [entry for entry in (_entry(p)[1] for p in XML) if not entry.outcomes]
    assert empty and all(entry.identifier.startswith("NCT") for entry in empty)


def _study_json(**extra) -> bytes:
    study = {"protocolSection": {"identificationModule": {"nctId": "NCT09999999", "briefTitle": "A trial of X"},
                                 "statusModule": {"overallStatus": "RECRUITING"},
                                 "designModule": {"studyType": "INTERVENTIONAL", "designInfo": {"allocation": "RANDOMIZED"},
                                                  "enrollmentInfo": {"count": 40, "type": "ESTIMATED"}},
                                 "outcomesModule": {"primaryOutcomes": [{"measure": "Pain score", "timeFrame": "12 weeks"}]}}}
    return json.dumps({"studies": [study], **extra}).encode()


def test_a_search_page_with_more_pages_says_so():
    [document] = read_bytes(_study_json(nextPageToken="abc123"), "page.json")
    assert document.registry.identifier == "NCT09999999" and document.registry.enrollment_type == "ANTICIPATED"
    assert "nextPageToken" in document.kind_note and "more pages" in document.kind_note


@pytest.mark.parametrize("content, error, reason", [
    (b'{"protocolSection": {"identificationModule": {}}}', ParseError, "no NCT number"),
    (b'{"protocolSection": {"identificationModule": {"nctId": "NCT1"}', ParseError, "malformed JSON"),
    (b"<clinical_study><id_info><nct_id>NCT00000001</nct_id></id_info><brief_title>T", ParseError, "truncated"),
    (b'<?xml version="1.0"?><clinical_study><brief_title>No ID</brief_title></clinical_study>', ParseError, "nct_id"),
])
def test_bad_registry_files_get_one_clear_reason(content: bytes, error, reason: str):
    with pytest.raises(error) as raised:
        list(read_bytes(content, "record"))
    assert reason in str(raised.value)


def test_json_of_another_kind_or_registry_is_refused_with_its_reason():
    with pytest.raises(UnsupportedFormat, match="no ClinicalTrials.gov study"):
        list(read_bytes(b'{"results": [{"id": 1}]}', "other.json"))
    [document] = read_bytes(b"[1] Smith J. A paper about JSON. 2020.\n\nSome text about it.", "other.txt")
    assert document.kind is not DocumentKind.REGISTRY  # a reference list is not JSON


def test_registry_records_in_the_graph(tmp_path: Path):
    folder = tmp_path / "records"
    folder.mkdir()
    for path in (REGISTRY / "ctgov-xml" / "NCT00023673.xml", REGISTRY / "ctgov-classic-api" / "NCT00023673.json", V2[1]):
        shutil.copy(path, folder / f"{path.parent.name}-{path.name}")
    store = tmp_path / "store"
    done = litkg("extract", str(folder), "--store", str(store), "-q")
    assert done.returncode == 0, done.stderr
    opened = Store(store, read_only=True)
    rows = list(opened.query(
        "SELECT ?id (COUNT(DISTINCT ?rec) AS ?records) WHERE { ?rec a litkg:RegistryRecord ; schema:about ?s ; "
        "litkg:registration/schema:identifier ?id ; schema:dateModified ?version ; litkg:overallStatus ?status } GROUP BY ?id"))
    counts = {row["id"].value: int(row["records"].value) for row in rows}
    assert counts["NCT00023673"] == 2 and len(counts) == 2  # two formats of one study: one study node
    outcome = list(opened.query(
        "SELECT ?name ?frame ?field WHERE { ?rec litkg:registeredOutcome ?o . ?o litkg:outcomeRole litkg:PrimaryOutcome ; "
        "schema:name ?name ; litkg:timeFrame ?frame ; prov:wasDerivedFrom/litkg:sourceField ?field }"))
    assert outcome and all(row["field"].value for row in outcome)
    posted = list(opened.query(
        "SELECT ?value ?n ?arm ?field WHERE { ?s litkg:result ?r . ?r prov:wasDerivedFrom/litkg:sourceField ?field ; "
        "schema:value ?value ; litkg:denominator ?n ; litkg:arm/schema:name ?arm }"))
    assert posted and all(row["field"].value.split("/")[0] in ("resultsSection", "clinical_study", "FullStudiesResponse")
                          for row in posted)
    records = [_entry(p)[1] for p in (REGISTRY / "ctgov-xml" / "NCT00023673.xml", V2[1])]
    posted_values = {(r.value, r.denominator) for entry in records for r in entry.results}
    assert all((Decimal(row["value"].value), int(row["n"].value)) in posted_values for row in posted)  # as posted
    assert opened.query("ASK { ?s litkg:studyDesign ?d ; litkg:arm ?a . ?a litkg:armRole ?role }")


PAGES = sorted((REGISTRY / "ctgov-results-tab-html").glob("*.html"))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_results_tab_pages_are_registry_records_not_news(path: Path):
    document, entry = _entry(path)
    assert document.reader == "ctgov-html" and entry.identifier == path.stem
    assert entry.status and entry.status == entry.status.upper() and entry.first_posted and entry.last_updated
    assert entry.version == entry.last_updated and not entry.outcomes
    assert "no registered outcomes" in document.kind_note  # the audit cannot compare outcomes from it
    assert "Results:" in document.text and document.text_loss is None


def test_a_stopped_study_says_why_and_an_unknown_status_is_unknown():
    statuses = {p.stem: _entry(p)[1] for p in PAGES}
    stopped = [e for e in statuses.values() if e.status == "TERMINATED"]
    assert stopped and all(e.why_stopped for e in stopped)
    assert all(not e.status.startswith("UNKNOWN_") for e in statuses.values())


def test_a_results_page_and_its_paper_are_one_audited_study(tmp_path: Path):
    folder = tmp_path / "trial"
    folder.mkdir()
    shutil.copy(REGISTRY / "ctgov-results-tab-html" / "NCT02013674.html", folder / "NCT02013674.html")
    shutil.copy(REGISTRY.parent / "evidence_outcomes" / "dev" / "28923793.txt", folder / "28923793.txt")
    store = tmp_path / "store"
    done = litkg("extract", str(folder), "--store", str(store), "-q")
    assert done.returncode == 0, done.stderr
    notes = list(Store(store, read_only=True).query(
        "SELECT ?note WHERE { ?s litkg:auditedAgainst ?rec ; litkg:auditNote ?note . "
        "?rec litkg:registration/schema:identifier 'NCT02013674' }"))
    assert notes and "registers no outcomes" in notes[0]["note"].value
