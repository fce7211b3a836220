"""NLP functions on sentences written for these tests (cases as data), plus property tests."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.nlp.entities import find_entities
from extractor.nlp.funding import find_funders
from extractor.nlp.negation import covered, negated_spans
from extractor.nlp.numbers import to_decimal
from extractor.nlp.registrations import find_registrations
from extractor.nlp.results import find_results

REGISTRATIONS = [
    ("registered at ClinicalTrials.gov (NCT 01234567)", "NCT01234567", "ClinicalTrials.gov"),
    ("ISRCTN: 12345678", "ISRCTN12345678", "ISRCTN"),
    ("EudraCT number, 2015-001234-56", "2015-001234-56", "EudraCT"),
    ("EUCTR2020-001808-42-DE", "2020-001808-42", "EudraCT"),
    ("EU CT number 2023-503698-40-00", "2023-503698-40-00", "CTIS"),
    ("ChiCTR-IOR-17013456", "ChiCTR-IOR-17013456", "ChiCTR"),
    ("CTRI/2023/04/052053", "CTRI/2023/04/052053", "CTRI"),
    ("PROSPERO CRD42023401234", "CRD42023401234", "PROSPERO"),
    ("jRCTs041220087", "jRCTs041220087", "jRCT"),
    ("NL-OMON54321", "NL-OMON54321", "NTR"),
]
NOT_REGISTRATIONS = ["grant 2015-001234-56", "PMID 12345678", "call 555-123-4567", "NCT0123456", "on 2020-01-15"]


@pytest.mark.parametrize("text, identifier, registry", REGISTRATIONS)
def test_registrations(text, identifier, registry):
    found = find_registrations(text)
    assert [(r.identifier, r.registry) for r in found] == [(identifier, registry)]
    assert text[found[0].start:found[0].end] == found[0].text


@pytest.mark.parametrize("text", NOT_REGISTRATIONS)
def test_not_registrations(text):
    assert find_registrations(text) == []


def _results(text):
    return find_results(text, lambda offset: "results")


def test_proportion_with_ci_and_time_frame():
    text = "The 5-year progression-free survival was 41.5% (95% CI, 35.2 to 47.9) in the placebo group."
    (result,) = _results(text)
    assert (result.statistic, result.value, result.unit) == ("Proportion", Decimal("41.5"), "%")
    assert (result.ci_lower, result.ci_upper, result.ci_level) == (Decimal("35.2"), Decimal("47.9"), Decimal("95"))
    assert result.endpoint == "progression-free survival" and result.time_frame.text == "5 years"
    assert result.time_frame.duration == "P5Y" and result.arm_text == "placebo"
    assert text[result.start:result.end] == "41.5% (95% CI, 35.2 to 47.9)"


def test_counts_with_number_words_and_denominators():
    text = "Twelve of 40 patients had a complete response, and 3 died of sepsis at 6 months."
    counts = _results(text)
    assert [(r.count, r.denominator, r.endpoint) for r in counts] == [(12, 40, "complete response"), (3, None, "death")]
    assert counts[1].time_frame.text == "6 months"


def test_respectively_and_median_with_range():
    text = "Overall survival and event-free survival were 80 and 62 percent, respectively."
    assert [(r.endpoint, r.value) for r in _results(text)] == [("overall survival", 80), ("event-free survival", 62)]
    (median,) = _results("The median follow-up was 24.5 months (range, 6.0 to 40.1).")
    assert (median.statistic, median.value, median.unit, median.range_lower, median.range_upper) == (
        "Median", Decimal("24.5"), "months", Decimal("6.0"), Decimal("40.1"))


def test_hazard_ratio_with_p_value():
    (hr,) = _results("Death occurred less often with the drug (hazard ratio, 0.72; 95% CI, 0.61 to 0.85; P<0.001).")
    assert (hr.statistic, hr.value, hr.ci_lower, hr.ci_upper, hr.p_value) == (
        "HazardRatio", Decimal("0.72"), Decimal("0.61"), Decimal("0.85"), "<0.001")


def test_number_words():
    assert to_decimal("One hundred and twelve") == 112 and to_decimal("2,481") == 2481 and to_decimal("−0.5") == Decimal("-0.5")


def test_entities_keep_modifiers_and_negation_scope():
    text = "Patients received haploidentical HSCT without GVHD prophylaxis after CD19 CAR T-cell therapy."
    found = {text[e.start:e.end]: e for e in find_entities(text)}
    assert found["haploidentical HSCT"].concept == "haploidentical hematopoietic stem-cell transplantation"
    assert found["GVHD prophylaxis"].concept == "graft-versus-host disease prophylaxis"
    assert found["CD19 CAR T-cell therapy"].concept == "CD19 CAR T-cell therapy"
    scopes = negated_spans(text, 0, len(text))
    assert covered(scopes, found["GVHD prophylaxis"].start, found["GVHD prophylaxis"].end)
    assert not covered(scopes, found["CD19 CAR T-cell therapy"].start, found["CD19 CAR T-cell therapy"].end)
    assert "ALL" not in {e.concept for e in find_entities("all 10 patients")}


def test_funders():
    names = lambda t: [f.name for f in find_funders(t)]  # noqa: E731
    assert names("(Funded by the National Heart, Lung, and Blood Institute and others; NCT01234567.)") == [
        "National Heart, Lung, and Blood Institute"]
    assert names("Funded by Novartis, Roche, and the Medical Research Council.") == ["Novartis", "Roche", "Medical Research Council"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("abc XYZ0123456789.,;()%-–:\n") + ["NCT", " patients had ", " was ", "95% CI", " percent",
                                                                            " HSCT", " without ", "Six"]), max_size=80).map("".join))
def test_any_text_gives_exact_spans(text):
    for record in [*find_results(text, lambda o: None), *find_registrations(text), *find_entities(text)]:
        assert 0 <= record.start <= record.end <= len(text)
        if hasattr(record, "text"):
            assert text[record.start:record.end] == record.text
