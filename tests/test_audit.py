"""The audit: constructed cases (one registry record, a paper that agrees with it, and copies edited to
switch, drop or add a primary outcome, change its time frame or the enrolment) through the user's path
(files -> litkg extract -> the audit graph -> SPARQL), run in any order; and `litkg audit` reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, litkg

from extractor.store import Store

_RECORD = {"protocolSection": {
    "identificationModule": {"nctId": "NCT09999991", "briefTitle": "Drug X for chronic knee pain"},
    "statusModule": {"overallStatus": "COMPLETED"},
    "designModule": {"studyType": "INTERVENTIONAL", "designInfo": {"allocation": "RANDOMIZED"},
                     "enrollmentInfo": {"count": 120, "type": "ACTUAL"}},
    "outcomesModule": {"primaryOutcomes": [{"measure": "Pain intensity", "timeFrame": "12 weeks"}],
                       "secondaryOutcomes": [{"measure": "Quality of life", "timeFrame": "12 weeks"}]}},
    "derivedSection": {"miscInfoModule": {"versionHolder": "2020-01-15"}}}
_PAPER = ("Drug X versus placebo for chronic knee pain: a randomised controlled trial\n\n"
          "BACKGROUND: Chronic knee pain is common. METHODS: In this randomised, double-blind trial (NCT09999991), adults "
          "with chronic knee pain were randomly assigned to drug X or placebo for 12 weeks. The primary outcome was "
          "{primary}. Secondary outcomes included {secondary}. RESULTS: {n} patients were randomised. {finding} "
          "CONCLUSIONS: Drug X helped.\n")
_AGREES = {"primary": "pain intensity at 12 weeks", "secondary": "quality of life", "n": "120",
           "finding": "Pain intensity was lower with drug X than with placebo."}
CASES = {  # edit -> the discrepancy kinds the audit must find
    "agrees": ({}, set()),
    "switched": ({"primary": "quality of life at 12 weeks", "secondary": "pain intensity"},
                 {"SecondaryOutcomePromoted", "PrimaryOutcomeDemoted"}),
    "dropped": ({"primary": "sleep quality at 12 weeks", "secondary": "anxiety", "finding": "Sleep quality improved."},
                {"PrimaryOutcomeOmitted", "PrimaryOutcomeAdded"}),
    "enrolment": ({"n": "96"}, {"EnrollmentDiffers"}),
}


def _write_case(folder: Path, edit: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "NCT09999991.json").write_text(json.dumps(_RECORD), encoding="utf-8")
    (folder / "paper.txt").write_text(_PAPER.format(**{**_AGREES, **edit}), encoding="utf-8")


def _kinds(store_path: Path) -> set[str]:
    rows = Store(store_path, read_only=True).query(
        "SELECT ?kind WHERE { ?x a litkg:Discrepancy ; litkg:study ?s ; litkg:discrepancyKind ?kind ; "
        "litkg:registeredSide ?a ; litkg:reportedSide ?b ; rdfs:comment ?c }")
    return {row["kind"].value.rsplit("#", 1)[-1] for row in rows}


@pytest.mark.parametrize("case", sorted(CASES))
def test_constructed_cases_are_found_and_agreement_is_recorded(case: str, tmp_path: Path):
    edit, expected = CASES[case]
    _write_case(tmp_path / "docs", edit)
    store = tmp_path / "store"
    done = litkg("extract", str(tmp_path / "docs"), "--store", str(store), "-q")
    assert done.returncode == 0, done.stderr
    assert "1 studies audited" in done.stdout
    assert _kinds(store) == expected
    audited = Store(store, read_only=True).query(
        "ASK { ?s litkg:auditedAgainst ?rec . ?rec a litkg:RegistryRecord ; litkg:registration/schema:identifier 'NCT09999991' }")
    assert audited  # "audited, nothing found" differs from "not audited"


def test_each_side_has_its_own_provenance(tmp_path: Path):
    _write_case(tmp_path / "docs", CASES["switched"][0])
    store = tmp_path / "store"
    assert litkg("extract", str(tmp_path / "docs"), "--store", str(store), "-q").returncode == 0
    rows = list(Store(store, read_only=True).query(
        "SELECT ?field ?words WHERE { ?x litkg:discrepancyKind litkg:SecondaryOutcomePromoted ; litkg:registeredSide ?a ; "
        "litkg:reportedSide ?b . ?a prov:wasDerivedFrom/litkg:sourceField ?field . ?b nif:anchorOf ?words }"))
    assert rows and "secondaryOutcomes" in rows[0]["field"].value and "quality of life" in rows[0]["words"].value.lower()


def test_the_audit_does_not_depend_on_the_order_files_arrive(tmp_path: Path):
    _write_case(tmp_path / "all", CASES["switched"][0])
    whole = tmp_path / "whole"
    assert litkg("extract", str(tmp_path / "all"), "--store", str(whole), "-q").returncode == 0
    (tmp_path / "first").mkdir()
    (tmp_path / "first" / "paper.txt").write_text((tmp_path / "all" / "paper.txt").read_text(encoding="utf-8"), encoding="utf-8")
    stepwise = tmp_path / "stepwise"
    assert litkg("extract", str(tmp_path / "first"), "--store", str(stepwise), "-q").returncode == 0
    assert _kinds(stepwise) == set()  # no record yet: not audited
    (tmp_path / "first" / "NCT09999991.json").write_text(json.dumps(_RECORD), encoding="utf-8")
    assert litkg("extract", str(tmp_path / "first"), "--store", str(stepwise), "-q").returncode == 0
    assert _kinds(stepwise) == _kinds(whole) == CASES["switched"][1]


@pytest.mark.parametrize("form", ["md", "csv", "json", "html"])
def test_audit_reports(form: str, tmp_path: Path):
    _write_case(tmp_path / "docs", CASES["enrolment"][0])
    store = tmp_path / "store"
    assert litkg("extract", str(tmp_path / "docs"), "--store", str(store), "-q").returncode == 0
    done = litkg("audit", "--store", str(store), "--format", form)
    assert done.returncode == 0, done.stderr
    assert "NCT09999991" in done.stdout and "120" in done.stdout and "96" in done.stdout
    if form == "json":
        [study] = json.loads(done.stdout)
        assert [d["kind"] for d in study["discrepancies"]] == ["EnrollmentDiffers"]
        assert study["registered_outcomes"][0] == {"role": "PrimaryOutcome", "measure": "Pain intensity", "time_frame": "12 weeks"}


def test_audit_competency_questions(tmp_path: Path):
    """tests/competency/audit_*.rq answer on a store with an audited study."""
    _write_case(tmp_path / "docs", CASES["switched"][0])
    store = tmp_path / "store"
    assert litkg("extract", str(tmp_path / "docs"), "--store", str(store), "-q").returncode == 0
    opened = Store(store, read_only=True)
    for query in sorted((ROOT / "tests" / "competency").glob("audit_*.rq")):
        expected = json.loads(query.with_suffix(".expect.json").read_text(encoding="utf-8"))
        rows = [{k: (row[k].value.rsplit("#", 1)[-1] if row[k] is not None else None) for k in expected["columns"]}
                for row in opened.query(query.read_text(encoding="utf-8"))]
        assert rows == expected["rows"], query.name


def _posted_record() -> dict:
    record = json.loads(json.dumps(_RECORD))
    record["protocolSection"]["armsInterventionsModule"] = {
        "armGroups": [{"label": "Drug X", "type": "EXPERIMENTAL"}, {"label": "Placebo", "type": "PLACEBO_COMPARATOR"}]}
    record["resultsSection"] = {"outcomeMeasuresModule": {"outcomeMeasures": [{
        "type": "PRIMARY", "title": "Pain intensity", "timeFrame": "12 weeks", "paramType": "MEAN", "unitOfMeasure": "points",
        "groups": [{"id": "OG000", "title": "Drug X"}, {"id": "OG001", "title": "Placebo"}],
        "classes": [{"categories": [{"measurements": [{"groupId": "OG000", "value": "3.12"}, {"groupId": "OG001", "value": "4.5"}]}]}]}]}}
    return record


@pytest.mark.parametrize("placebo, expected", [("4.5", set()), ("4.9", {"ValueDiffers"})])
def test_posted_values_against_the_papers(placebo: str, expected: set, tmp_path: Path):
    """A posted 3.12 agrees with the paper's 3.1 (rounded); a placebo value other than the posted 4.5 differs."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "NCT09999991.json").write_text(json.dumps(_posted_record()), encoding="utf-8")
    finding = f"At 12 weeks, mean pain intensity was 3.1 (SD 1.2) with drug X and {placebo} (SD 1.4) with placebo."
    (folder / "paper.txt").write_text(_PAPER.format(**{**_AGREES, "finding": finding}), encoding="utf-8")
    store = tmp_path / "store"
    assert litkg("extract", str(folder), "--store", str(store), "-q").returncode == 0
    assert _kinds(store) == expected


_STORY = ("Knee pain drug eases pain in trial\n\nBy Jane Roe\n\n"
          "THURSDAY, March 5, 2020 (HealthDay News) -- A new drug eased chronic knee pain in a randomized trial of 120 "
          "adults, researchers report.\n\nThe trial (NCT09999991) found that after 12 weeks, mean pain intensity was "
          "{value} points with drug X, compared with 4.5 points with placebo.\n\n\"This is encouraging,\" said Dr. Ann Lee.\n")


@pytest.mark.parametrize("value, expected", [("3.1", set()), ("2.7", {"ValueMisreported"})])
def test_a_story_value_no_source_states_is_misreported(value: str, expected: set, tmp_path: Path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "NCT09999991.json").write_text(json.dumps(_posted_record()), encoding="utf-8")
    finding = "At 12 weeks, mean pain intensity was 3.1 (SD 1.2) with drug X and 4.5 (SD 1.4) with placebo."
    (folder / "paper.txt").write_text(_PAPER.format(**{**_AGREES, "finding": finding}), encoding="utf-8")
    (folder / "story.txt").write_text(_STORY.format(value=value), encoding="utf-8")
    store = tmp_path / "store"
    assert litkg("extract", str(folder), "--store", str(store), "-q").returncode == 0
    assert _kinds(store) == expected


_HEADED = ("Drug X versus placebo for chronic knee pain: a randomised controlled trial\n\n"
           "DESIGN: Randomised, double-blind trial (NCT09999991). PATIENTS: 120 adults with chronic knee pain. "
           "MAIN OUTCOME MEASURES: Quality of life and sleep quality at 12 weeks. "
           "RESULTS: Quality of life and sleep quality improved with drug X; pain intensity did not differ. "
           "CONCLUSIONS: Drug X helped.\n")
_PLAIN = ("Drug X for chronic knee pain. In this randomised trial (NCT09999991) of 120 adults with chronic knee pain, "
          "the primary outcome was grade 3-4 adverse events assessed by central review. Secondary outcomes included pain intensity.\n")


@pytest.mark.parametrize(("paper", "secondary", "expected"), [
    # what a "MAIN OUTCOME MEASURES" heading lists is the paper's primary outcomes
    (_HEADED, "Quality of life", {"SecondaryOutcomePromoted", "PrimaryOutcomeAdded", "PrimaryOutcomeOmitted"}),
    # a text no reader recognises as a paper is still audited; the clause that declares the primary names it in full
    (_PLAIN, "Grade 3-4 adverse events", {"SecondaryOutcomePromoted", "PrimaryOutcomeDemoted"}),
])
def test_primary_outcomes_declared_by_a_heading_or_a_clause(paper: str, secondary: str, expected: set, tmp_path: Path):
    record = json.loads(json.dumps(_RECORD))
    record["protocolSection"]["outcomesModule"]["secondaryOutcomes"] = [{"measure": secondary}]
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "NCT09999991.json").write_text(json.dumps(record), encoding="utf-8")
    (folder / "paper.txt").write_text(paper, encoding="utf-8")
    store = tmp_path / "store"
    done = litkg("extract", str(folder), "--store", str(store), "-q")
    assert done.returncode == 0, done.stderr
    assert "1 studies audited" in done.stdout
    assert _kinds(store) == expected
