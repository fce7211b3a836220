"""The opt-in statistical outcome tagger: shipped, offline, merged with the rules, and a run with it
re-extracts files a run without it stored."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import litkg

from extractor.nlp import outcome_tagger
from extractor.nlp.analysis import analyse, text_document
from extractor.nlp.outcomes import OutcomePhrase, with_tagged_outcomes

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
TEXT = ("The primary outcome was the change in glycated hemoglobin from baseline to week 24. Secondary outcomes "
        "included body weight, fasting plasma glucose and the incidence of hypoglycemia.")


@pytest.fixture(scope="module")
def tagger() -> outcome_tagger.OutcomeTagger:
    return outcome_tagger.OutcomeTagger.load()


def test_the_tagger_ships_with_its_cross_validation_and_data_licence():
    assert (outcome_tagger.MODEL / "config.cfg").is_file()
    assert "MIT" in (outcome_tagger.MODEL / "DATA_LICENSE.txt").read_text(encoding="utf-8")
    cv = json.loads((outcome_tagger.MODEL / "cv_scores.json").read_text(encoding="utf-8"))
    assert cv["folds"] >= 3 and {"rules | findings | overlap", "litkg with tagger | findings | overlap",
                                 "litkg with tagger | whole abstract | overlap"} <= set(cv["counts"])


def test_the_tagger_is_off_unless_passed(tagger):
    tagged = set(tagger.tag(TEXT))
    without = {(e.start, e.end) for e in analyse(text_document(TEXT)).endpoints}
    assert tagged - without, "without the tagger passed, some of its spans are not endpoints"


def test_tagged_outcomes_become_endpoint_mentions(tagger):
    tagged = tagger.tag(TEXT)
    words = [TEXT[s:e] for s, e in tagged]
    assert any(w in ("body weight", "fasting plasma glucose", "hypoglycemia", "glycated hemoglobin") for w in words), words
    endpoints = {(e.start, e.end) for e in analyse(text_document(TEXT), tagger).endpoints}
    assert set(tagged) <= endpoints


def test_long_texts_are_tagged_in_pieces(tagger):
    text = (TEXT + "\n") * 600  # ~117,000 characters: more than one piece
    pieces = outcome_tagger.chunks(text)
    assert len(pieces) > 1 and all(e - s <= 50_000 for s, e in pieces)
    assert "".join(text[s:e] for s, e in pieces) == text
    assert all(0 <= s < e <= len(text) for s, e in tagger.tag(text))


def test_merge_keeps_tagged_spans_and_the_rule_phrases_they_do_not_overlap():
    text = "The primary end point was overall survival; response rate and quality of life were also measured."
    survival = (text.index("overall"), text.index(";"))
    response = (text.index("response"), text.index(" and quality"))
    quality = (text.index("quality"), text.index(" were"))
    rules = [OutcomePhrase(*survival, "overall survival", primary=True, declared=True),
             OutcomePhrase(*response, "response rate"), OutcomePhrase(*quality, "quality of life")]
    merged = with_tagged_outcomes(text, rules, [(survival[0] - 4, survival[1]), quality])
    assert [(text[p.start:p.end], p.endpoint, p.primary) for p in merged] == [
        ("was overall survival", "overall survival", True),  # the tagger's span, the rule's concept and flags
        ("response rate", "response rate", False),  # a rule phrase the tagger missed
        ("quality of life", "quality of life", False)]  # once, though both found it
    assert with_tagged_outcomes(text, rules, []) == rules


def test_extract_with_the_tagger_re_extracts_what_a_run_without_it_stored(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / "nejm_flu_vaccine_abstract.txt", folder)
    store = tmp_path / "store"
    reports = []
    for n, options in enumerate(([], ["--outcome-tagger"], ["--outcome-tagger"])):
        report = tmp_path / f"run{n}.json"
        done = litkg("extract", str(folder), "--store", str(store), "-q", "--report", str(report), *options)
        assert done.returncode == 0, done.stderr
        reports.append(json.loads(report.read_text(encoding="utf-8")))
    assert [r["unchanged"] for r in reports] == [0, 0, 1]  # turning the tagger on re-extracts; a second run skips
    assert reports[1]["documents"] == 1
