"""NLP functions on sentences written for these tests (cases as data), plus property tests."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.designs import Design
from extractor.nlp.abbreviations import find_abbreviations
from extractor.nlp.analysis import analyse, text_document
from extractor.nlp.entities import find_entities
from extractor.nlp.funding import find_funders
from extractor.nlp.measures import find_measures
from extractor.nlp.negation import covered, negated_spans
from extractor.nlp.numbers import DIGITS, to_decimal
from extractor.nlp.outcomes import find_outcomes
from extractor.nlp.population import find_enrollments
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


def test_time_frame_words_are_located_in_the_sentence():
    text = "At 9 months, rates of target vessel failure were 6.6% versus 7.1%, and mortality was 2.0% at 12 months."
    results = _results(text)
    assert [(r.value, r.time_frame.text) for r in results] == [(Decimal("6.6"), "9 months"), (Decimal("7.1"), "9 months"),
                                                              (Decimal("2.0"), "12 months")]
    assert [text[r.time_frame.start:r.time_frame.end] for r in results] == ["9 months", "9 months", "12 months"]


@pytest.mark.parametrize("text", [
    "Children (mean age, 8.8 +/- 2.7 years) improved by 12% compared with placebo.",
    "Scores improved in 6-month-old infants by 12% compared with placebo.",
    "Amikacin 7.5 mg/kg every 12 hours reduced fever by 40% versus placebo.",
    "The median survival was 14 months versus 9 months in the control group.",
])
def test_ages_intervals_and_values_are_not_time_frames(text):
    assert all(r.time_frame is None for r in _results(text) if r.statistic != "Median")
    assert all(r.time_frame is None or r.time_frame.text not in ("14 months", "9 months") for r in _results(text))


@pytest.mark.parametrize("text, expected", [
    ("Ninety-eight patients were randomly assigned to receive placebo (n = 51) or aripiprazole (n = 47).",
     [("Ninety-eight patients", None), ("n = 51", "placebo"), ("n = 47", "aripiprazole")]),
    ("A total of 101 children (82 boys and 19 girls) were randomly assigned to receive risperidone (49 children) "
     "or placebo (52).", [("101 children", None), ("49 children", "risperidone"), ("52", "placebo")]),
    ("Between 1993 and 1995, 58 patients were randomly assigned to streptokinase (SK) and 54 patients to primary PCI.",
     [("58 patients", "streptokinase"), ("54 patients", "primary PCI")]),
    ("Among a total of 1,548 patients assigned to ZES (n = 773) or PES (n = 775), ZES was noninferior.",
     [("1,548 patients", None), ("n = 773", "ZES"), ("n = 775", "PES")]),
])
def test_allocation_counts_name_the_allocation_and_the_arm(text, expected):
    allocated = [r for r in _results(text) if r.endpoint == "participants allocated"]
    assert [(r.text, r.arm_text) for r in allocated] == expected
    assert all(r.statistic == "Count" and text[r.endpoint_start:r.endpoint_end] == r.endpoint_text for r in allocated)


@pytest.mark.parametrize("text, allocated", [
    ("Sixty volunteers were randomly assigned to one of four groups: (1) imipramine, (2) viloxazine, (3) placebo.",
     ["Sixty volunteers"]),
    ("In this randomized trial, 45 patients (30%) had a response compared with 20% on placebo.", []),
    ("Of 412 patients screened, 60% were women compared with 40% in the earlier randomized study.", []),
])
def test_list_markers_and_other_counts_are_not_allocations(text, allocated):
    assert [r.text for r in _results(text) if r.endpoint == "participants allocated"] == allocated


@pytest.mark.parametrize("text, expected", [
    ("Patient survival and graft survival at month 12 was similar in both groups (97.4% vs. 96.8% and 92.1% vs. 91.1%, "
     "respectively).", ["Patient survival", "Patient survival", "graft survival at month 12", "graft survival at month 12"]),
    ("Plasma total and free tryptophan levels were reduced 86% and 69%, respectively, 5 hours after the drink.",
     ["Plasma total", "free tryptophan levels"]),
    ("The eyes treated with laser showed higher retinal sensitivity in the central zone and the outer zone "
     "(25.08 and 22.08 dB, respectively).", ["retinal sensitivity in the central zone", "the outer zone"]),
])
def test_values_listed_respectively_follow_the_endpoints_named_together(text, expected):
    assert [r.endpoint_text for r in _results(text)] == expected


def test_endpoint_of_values_compared_between_arms_or_populations():
    text = "Incidence of restenosis was higher in patients treated with ZES versus PES (15.3% vs. 10.4%; p = 0.28)."
    assert {r.endpoint_text for r in _results(text)} == {"Incidence of restenosis"}
    text = "Mean plasma vWf was higher among patients with AF and CHF (154 (29) v 144 (31) IU/dl, p < 0.001)."
    assert [r.endpoint_text for r in _results(text)] == ["plasma vWf", "plasma vWf"]  # the statistic is not the endpoint
    text = "Suture line bleeding was present in 7 (14%) of 51 patients in the BP group and 24 (55%) of 44 patients in the Dacron group."
    assert [r.endpoint_text for r in _results(text)] == ["Suture line bleeding", "Suture line bleeding"]


def test_what_counted_people_did_names_the_endpoint():
    text = "Among patients who received rhNGF, 418 (83%) completed the regimen compared with 461 (90%) who received placebo."
    assert [r.endpoint_text for r in _results(text)] == ["completed the regimen", "completed the regimen"]
    text = "The primary endpoint was met: 8 of 12 who switched to placebo relapsed."
    assert all(r.endpoint_text != "switched to placebo" for r in _results(text))


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
    assert to_decimal("12 345") == 12345 and to_decimal("12\u2009345") == 12345


@pytest.mark.parametrize("text, number", [
    ("a difference of 1,031 steps", "1,031"), ("mean difference −0.1 °C", "−0.1"), ("in 12 345 people", "12 345"),
    ("in 12\u202f345 people", "12\u202f345"), ("95% CI 0.65-0.94", "95"), ("80+/-8.6 bpm", "80"), ("3 100-mg doses", "3")])
def test_numbers_are_read_whole(text, number):
    assert re.search(DIGITS, text).group() == number


def test_numbers_are_never_read_from_their_middle():
    assert "031" not in re.findall(DIGITS, "difference, 1,031") and "0.1" not in re.findall(DIGITS, "by −0.1 units")


def test_differences_are_results_with_units_and_intervals():
    (steps,) = [r for r in _results("Steps rose (difference, 1,031 steps; 95% CI, 712 to 1,350; P < .001).") if r.statistic == "Difference"]
    assert (steps.value, steps.unit, steps.ci_lower, steps.ci_upper) == (1031, "steps", 712, 1350)
    (temperature,) = _results("Temperature changes were small (mean difference −0.1 °C).")
    assert (temperature.statistic, temperature.value, temperature.unit) == ("Difference", Decimal("-0.1"), "°C")


def test_measures_after_words_ending_like_statistic_labels():
    """"gain of 2.7", "treatment was 16.4": the words end in letters that name statistics (F, t), the value is kept."""
    texts = {"Weight gain of 2.7+/-2.9 kg was seen (P = 0.02).": ("Mean", Decimal("2.7"), "kg"),
             "The dose at the end of treatment was 16.4 +/- 10.1 IU (P = 0.3).": ("Mean", Decimal("16.4"), "IU")}
    for text, expected in texts.items():
        (result,) = _results(text)
        assert (result.statistic, result.value, result.unit) == expected


def test_relative_changes_thresholds_and_effects():
    (effect,) = [r for r in _results("Stroke was reduced (58% reduction; 95% CI, 45-67%; P < 0.001).") if r.value == 58]
    assert (effect.statistic, effect.ci_lower, effect.ci_upper) == ("Difference", 45, 67)
    assert not [r for r in _results("Response, defined as at least a 25 percent decrease in the score, was 69% (P = 0.01).")
                if r.value == 25]


def test_events_ranges_and_bracketed_ratio_names():
    events = _results("There were 3 complications in one group, compared with 4 complications in the other (P = .29).")
    assert [(r.count, r.unit) for r in events] == [(3, "complications"), (4, "complications")]
    (ranged,) = _results("Scores were 2.2 +/- 1.2 [0; 5.0] after treatment (P = 0.04).")
    assert (ranged.spread, ranged.range_lower, ranged.range_upper) == (Decimal("1.2"), 0, Decimal("5.0"))
    (risk,) = [r for r in _results("Deaths were similar (relative risk [RR], 0.94; 95% CI, 0.84-1.06).") if r.statistic != "Value"]
    assert (risk.statistic, risk.value, risk.ci_upper) == ("RelativeRisk", Decimal("0.94"), Decimal("1.06"))


@pytest.mark.parametrize("text, words, value, unit", [
    ("In the control group 11 of 33 (33%) patients had an event.", "11 of 33 (33%) patients", 11, "patients"),
    ("Capacity rose from 15 +/- 3.4 to 18.5 +/- 2.9 mL/kg/min.", "15 +/- 3.4 to 18.5 +/- 2.9 mL/kg/min", Decimal("18.5"), "mL/kg/min"),
    ("The core temperature was 36.3 [SD 0.4] degrees C.", "36.3 [SD 0.4] degrees C", Decimal("36.3"), "degrees C"),
    ("Thickness was (1.73 +/- 0.94) mm.", "(1.73 +/- 0.94) mm", Decimal("1.73"), "mm"),
    ("The shift was +59.17 μm.", "+59.17 μm", Decimal("59.17"), "μm"),
    ("We enrolled six patients in 3 centres.", "six patients", 6, "patients"),
    ("Arginine in the treated group = 38.75 ± 11.52 at the end.", "38.75 ± 11.52", Decimal("38.75"), None),
    ("Visits took 1.43 minutes with one device and 4.53 minutes with the other.", "4.53 minutes", Decimal("4.53"), "minutes"),
    ("The drug gave a 56.9 percent reduction in the irritability score.", "56.9 percent", Decimal("56.9"), "%"),
    ("Five of six in the active group responded.", "Five of six", 5, "patients"),
    ("Uptake was 180 +/- 34 micromol/min at rest.", "180 +/- 34 micromol/min", 180, "micromol/min"),
    ("Scores fell more (amantadine -6.4 versus placebo -2.1; p = .046).", "-2.1", Decimal("-2.1"), None),
])
def test_measure_spans_and_values(text, words, value, unit):
    from extractor.nlp.measures import find_measures

    found = {text[m.start:m.end]: m for m in find_measures(text, bare=True)}
    assert words in found, found
    assert (found[words].value, found[words].unit) == (value, unit)


@pytest.mark.parametrize("text", ["The 8-month restenosis rate was lower (P = 0.03).",
                                  "Angina at 3 and 6 months was reduced (P = 0.01).", "Five-year survival improved (P = 0.02).",
                                  "Children (mean [+/-SD] age, 8.3+/-3.3 years) were enrolled (P = 0.5)."])
def test_time_points_and_baseline_ages_are_not_values(text):
    assert _results(text) == []


ENDPOINT_SLOTS = [  # sentence, {words of a value: the endpoint text it must be tied to}
    ("Adverse events were more frequent with the drug: nausea (21% vs. 9%), headache (14% vs. 11%), and rash (5% vs. 1%).",
     {"21%": "nausea", "11%": "headache", "1%": "rash"}),
    ("In-hospital rates for surgery and stenting were 2.0 percent and 1.4 percent for death, and 3.1 percent and "
     "2.2 percent for stroke.", {"2.0 percent": "death", "2.2 percent": "stroke"}),
    ("Nocturnal awakenings were 1.8 with placebo and 0.9 with the study drug (P = 0.01).", {"1.8": "Nocturnal awakenings"}),
    ("Five patients in the control group (12%) required reoperation.", {"Five patients": "required reoperation"}),
    ("The success rate in the drug group was 71 compared with 60 per cent in the placebo group.", {"71": "success rate"}),
    ("Plasma renin was higher among patients with diabetes and hypertension (3.2 vs 2.1 ng/mL).", {"3.2": "Plasma renin"}),
    ("Pain scores were 4.2 in the naproxen group and 5.1 in the placebo group.", {"4.2": "Pain scores", "5.1": "Pain scores"}),
    ("The predischarge scan showed complete reperfusion in 88 % of patients.", {"88 % of patients": "complete reperfusion"}),
    ("There were 31 (12%) and 28 (11%) deaths in the two groups (P = 0.4).", {"31 (12%)": "deaths", "28 (11%)": "deaths"}),
    ("The pain reading was 4.6 for one laser, whereas that for the other was 0.33.", {"4.6": "pain reading"}),
]


@pytest.mark.parametrize("text, expected", ENDPOINT_SLOTS)
def test_each_value_is_tied_to_the_endpoint_its_sentence_names(text, expected):
    found = {text[r.start:r.end]: r.endpoint_text for r in _results(text)}
    for words, endpoint in expected.items():
        matching = [e for w, e in found.items() if w.startswith(words)]
        assert matching == [endpoint], (words, found)


@pytest.mark.parametrize("text", [
    "The hazard ratio was 0.78 (95% CI, 0.65 to 0.94).", "There were 12 deaths in the control group and 4 with the drug.",
    "The overall response was 49.7% in the drug group and 25.6% in the control group (odds ratio, 2.99; 95% CI, 1.86 to 4.80)."])
def test_groups_statistics_and_pronouns_never_become_endpoints(text):
    names = {r.endpoint_text for r in _results(text)} - {None}
    assert not any(n.lower().startswith(("there", "the hazard", "hazard")) or n.endswith("group") or "%" in n for n in names), names


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


@pytest.mark.parametrize("text, short, long", [
    ("Patients with neuroleptic malignant syndrome (NMS) were treated.", "NMS", "neuroleptic malignant syndrome"),
    ("after contrast-induced nephropathy (CIN; 12%) was seen", "CIN", "contrast-induced nephropathy"),
    ("a selective serotonin reuptake inhibitor (SSRI) was given", "SSRI", "selective serotonin reuptake inhibitor"),
    ("heparin-induced thrombocytopenia (HIT)", "HIT", "heparin-induced thrombocytopenia"),
])
def test_abbreviations_defined_in_the_text(text, short, long):
    (found,) = find_abbreviations(text)
    assert (found.short, text[found.long_start:found.long_end]) == (short, long)


@pytest.mark.parametrize("text", ["in 40 patients (12%)", "the result (P < 0.05)", "as shown (Figure 2)", "(n = 34)",
                                  "tumour growth (see below)"])
def test_parentheses_that_define_nothing(text):
    assert find_abbreviations(text) == []


def test_defined_abbreviations_name_their_entity_throughout_the_document():
    text = ("Neuroleptic malignant syndrome (NMS) is rare. Two patients developed NMS after haloperidol, "
            "and one had graft-versus-host disease (GVHD) without NMS.")
    found = [(text[e.start:e.end], e.label, e.concept) for e in find_entities(text)]
    assert found.count(("NMS", "CONDITION", "neuroleptic malignant syndrome")) == 3
    assert ("Neuroleptic malignant syndrome", "CONDITION", "neuroleptic malignant syndrome") in found
    assert not [f for f in find_entities("The NMS score was high.") if f.concept == "neuroleptic malignant syndrome"]


def test_conditions_by_form_keep_their_descriptive_adjectives():
    text = "Cases of optic neuropathy, hemorrhagic cystitis, hepatitis B and bradycardia followed; clinical hepatitis was rare."
    spans = {text[e.start:e.end] for e in find_entities(text) if e.label == "CONDITION"}
    assert {"optic neuropathy", "hemorrhagic cystitis", "hepatitis B", "bradycardia", "hepatitis"} <= spans
    assert "clinical hepatitis" not in spans


def test_drug_names_by_inn_stem_stand_without_route_or_dose():
    text = "Patients received intravenous tacrolimus, high-dose remifentanil, alprazolam or quetiapine with diltiazem."
    drugs = {text[e.start:e.end] for e in find_entities(text) if e.label == "DRUG"}
    assert drugs == {"tacrolimus", "remifentanil", "alprazolam", "quetiapine", "diltiazem"}


def test_conditions_keep_a_possessive_eponym_and_adjectives_name_their_noun():
    text = "Kaposi's sarcomas and nephrotoxic effects in hypertensive, epileptic and obese patients; Patient's seizures."
    found = {text[e.start:e.end]: e.concept for e in find_entities(text) if e.label == "CONDITION"}
    assert found["Kaposi's sarcomas"] == "kaposi's sarcoma"
    assert found["nephrotoxic"] == "nephrotoxicity"
    assert (found["hypertensive"], found["epileptic"], found["obese"]) == ("hypertension", "epilepsy", "obesity")
    assert "seizures" in found  # "Patient's" is no eponym
    assert not [e for e in find_entities("Cytotoxic chemotherapy was given.") if e.label == "CONDITION"]


def test_a_drug_name_keeps_its_locant_prefix_salt_and_designation():
    text = ("Rats given 6-hydroxydopamine or d-amphetamine, then lithium carbonate, 2,4-dinitrophenol, "
            "prostaglandin E2 and trihexyphenidyl hydrochloride; anti-cisplatin antibodies; phase I cisplatin I think.")
    drugs = [text[e.start:e.end] for e in find_entities(text) if e.label == "DRUG"]
    assert drugs[:6] == ["6-hydroxydopamine", "d-amphetamine", "lithium carbonate", "2,4-dinitrophenol", "prostaglandin E2",
                         "trihexyphenidyl hydrochloride"]
    assert drugs[6:] == ["cisplatin", "cisplatin"]  # "anti-" is not a locant; "I" is a word, not a designation


def test_more_inn_stems_name_drugs_the_lexicons_lack():
    text = "Dexmedetomidine, dilevalol, azelastine, misoprostol, zidovudine and levetiracetam were compared with phenytoin."
    drugs = {text[e.start:e.end] for e in find_entities(text) if e.label == "DRUG"}
    assert drugs == {"Dexmedetomidine", "dilevalol", "azelastine", "misoprostol", "zidovudine", "levetiracetam", "phenytoin"}


def test_conditions_from_mesh_disease_headings_and_organs_and_without_severity():
    text = ("Severe status epilepticus, recurrent hiccups, acute myeloid leukemia and liver injury; "
            "mild renal impairment with cardiac dysfunction and spinal cord ischemia; metastatic melanoma.")
    found = {text[e.start:e.end]: e for e in find_entities(text) if e.label == "CONDITION"}
    assert set(found) == {"status epilepticus", "hiccups", "acute myeloid leukemia", "liver injury", "renal impairment",
                          "cardiac dysfunction", "spinal cord ischemia", "melanoma"}
    assert found["status epilepticus"].code == "D013226"  # a MeSH heading MEDLINE indexers qualified as a disease
    assert not [e for e in find_entities("DNA repair and the injury score") if e.label == "CONDITION"]


def test_ions_are_their_elements_and_measured_proteins_and_dosage_forms_are_not_drugs():
    text = "Na+/K+ ATPase, (Na,K)-ATPase and Ca2+ influx; vitamin K; prolactin, hemoglobin and tablets; group K."
    drugs = [(text[e.start:e.end], e.concept) for e in find_entities(text) if e.label == "DRUG"]
    assert drugs == [("Na", "sodium"), ("K", "potassium"), ("Na", "sodium"), ("K", "potassium"), ("Ca", "calcium"),
                     ("vitamin K", "vitamin k")]


def test_adverse_events_are_conditions():
    text = "Two deaths, respiratory failure, allergic reactions, bruising and inflammatory arthritis were reported."
    found = {text[e.start:e.end]: e.code for e in find_entities(text) if e.label == "CONDITION"}
    assert found == {"deaths": "D003643", "respiratory failure": "D012131", "allergic reactions": "D006967",
                     "bruising": "D003288", "inflammatory arthritis": None}


def test_development_codes_are_compounds_but_registry_trial_and_cell_line_numbers_are_not():
    text = ("MK-3475, FK506, SM-5887 and LY274614 were compared (NCT01234567; EORTC 22921; CA-125; WHO 2016; "
            "L1210 and HCT116 cells; ATCC 9790).")
    assert [text[e.start:e.end] for e in find_entities(text) if e.label == "DRUG"] == ["MK-3475", "FK506", "SM-5887", "LY274614"]
    registered = "Registered as NL7432, JMA-IIA00123 and (mistyped) KCT000839; MK-3475 was given."
    assert [registered[e.start:e.end] for e in find_entities(registered) if e.label == "DRUG"] == ["MK-3475"]


def test_substances_not_classes_by_action_nor_enzymes():
    text = "Paracetamol, GABA, 6-OHDA, streptokinase and steroids, not analgesics, diuretics, renin or anesthetics."
    found = {text[e.start:e.end]: e for e in find_entities(text) if e.label == "DRUG"}
    assert set(found) == {"Paracetamol", "GABA", "6-OHDA", "streptokinase", "steroids"}
    assert (found["Paracetamol"].concept, found["Paracetamol"].code) == ("acetaminophen", "D000082")


def test_a_vocabulary_abbreviation_the_document_defines_otherwise_keeps_the_local_sense():
    text = ("Patches of bovine pericardium (BP) or Dacron were used; bleeding was less with BP. "
            "Pain relief (PR) at 2 hours was the outcome; PR was 40%. Overall survival (OS) and OS at 1 year.")
    concepts = {text[o.start:o.end]: o.endpoint for o in find_outcomes(text)}
    assert "BP" not in concepts
    assert concepts["PR"] == "pain"
    assert concepts["OS"] == "overall survival"


def test_two_word_substance_names_are_one_span():
    text = "Rats drank acetic acid, retinyl acetate, ammonium acetate or iron dextran; valproic acid was given."
    drugs = [text[e.start:e.end] for e in find_entities(text) if e.label == "DRUG"]
    assert drugs == ["acetic acid", "retinyl acetate", "ammonium acetate", "iron dextran", "valproic acid"]


def test_a_percentage_after_a_group_label_is_a_value():
    text = "Ratings were higher in the amantadine group: 53 % improved versus 25 % (p = .076); grade 3 events were rare."
    assert [(text[m.start:m.end], m.kind) for m in find_measures(text, 0, len(text))] == [("53 %", "percent"), ("25 %", "percent")]


def test_counts_of_events_and_of_people_something_happened_to_are_results():
    text = ("There were a total of three deaths in the therapy group and eight deaths in the control group. "
            "Repair was successful in 25 of these 96 patients, and valve repair was successful in 4 patients.")
    results = {text[r.start:r.end]: r.endpoint_text for r in find_results(text, lambda o: "results")}
    assert results["three deaths"] == results["eight deaths"] == "deaths"
    assert "4 patients" in results


@pytest.mark.parametrize("text, value, endpoint", [
    ("Discontinuation rates as a result of adverse events (AEs) were 10.6 % for aripiprazole and 5.9 % for placebo.",
     "10.6 %", "adverse events"),
    ("The relapse rates were 62.5 % for gradual placebo substitution and 12.5 % for continued risperidone.",
     "12.5 %", "relapse"),
    ("Bronchodilators reduced peripheral airways resistance in patients (0.53 versus 0.38, P < .02).",
     "0.38", "peripheral airways resistance"),
])
def test_endpoints_are_not_bracketed_abbreviations_nor_arms_after_for(text, value, endpoint):
    results = {text[r.start:r.end]: r.endpoint_text for r in analyse(text_document(text)).results}
    assert results[value] == endpoint


@pytest.mark.parametrize("text, value, count, described", [
    ("Thirty patients undergoing lower abdominal surgery were randomized to two groups.", "Thirty patients", 30,
     "undergoing lower abdominal surgery"),
    ("We enrolled 25 couples.", "25 couples", 25, None),
    ("95 subjects enrolled in the phase III trial.", "95 subjects", 95, None),
    ("Remission followed in 10 patients with relapsed lymphoma.", "10 patients", 10, "with relapsed lymphoma"),
])
def test_enrolment_and_who_was_enrolled(text, value, count, described):
    (enrollment, population) = find_enrollments(text)[0]
    assert (enrollment.text, enrollment.count) == (value, count)
    assert (text[population[0]:enrollment.described_end] if population else None) == described


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


def test_substance_classes_are_mentioned_but_never_study_subjects():
    from extractor.graph.builder import GraphBuilder
    from extractor.nlp.analysis import analyse, text_document

    extraction = analyse(text_document("Patients were randomized to tacrolimus or placebo. Plasma amino acids and glucose were measured."))
    mentions = {m.concept: m for m in extraction.mentions}
    assert mentions["amino acids"].substance_class and not mentions["tacrolimus"].substance_class
    subjects = {str(q.object.value).rsplit("/", 1)[-1] for q in GraphBuilder().build_quads(extraction)
                if q.predicate.value == "https://schema.org/studySubject"}
    assert "tacrolimus" in subjects and "amino-acids" not in subjects


@pytest.fixture(scope="module")
def spacy_pipeline():
    from extractor.nlp.pipeline import build_pipeline

    return build_pipeline()


def test_spacy_components_give_every_record_of_the_analysis(spacy_pipeline):
    """The spaCy components are the analysis' steps: on the corpus and on 60 MEDLINE records of the
    development file, the Doc's records equal ``analyse``'s, field by field, and the span groups hold
    the records' words."""
    import itertools

    from conftest import CORPUS, SHARED

    from extractor.nlp.pipeline import nlp_doc
    from extractor.readers import read_file
    from extractor.records import Document
    from extractor.runs import walk

    documents = [d for path, relative in walk(CORPUS) for d in read_file(path, relative) if isinstance(d, Document)]
    medline = SHARED / "data" / "medline" / "pubmed21n1298_dev.xml.gz"
    documents += list(itertools.islice(read_file(medline, medline.name), 60))
    kinds = set()
    for document in documents:
        extraction = analyse(document)
        doc = nlp_doc(spacy_pipeline, document)
        assert doc._.litkg_extraction == extraction, document.source_file
        kinds |= {f for f in ("registrations", "results", "mentions", "funders", "trial_names") if getattr(extraction, f)}
        kinds |= {"reported"} if extraction.reported else set()
        spans = doc.spans["litkg_results"]
        assert len(spans) == len(extraction.results)
        # the span holds the record's words (a token never holds the trailing space some results keep)
        assert all(s.start_char <= r.start and r.start + len(r.text.rstrip()) <= s.end_char
                   for s, r in zip(spans, extraction.results))
    assert kinds == {"registrations", "results", "mentions", "funders", "trial_names", "reported"}


def test_the_spacy_pipeline_declares_what_each_component_needs_and_sets(spacy_pipeline):
    analysis = spacy_pipeline.analyze_pipes()
    assert not any(analysis["problems"].values()), analysis["problems"]
    assert spacy_pipeline.get_pipe_meta("litkg_results").requires == ["doc._.litkg_roles", "doc._.litkg_endpoints", "doc._.litkg_mentions", "doc._.litkg_arms"]
    doc = spacy_pipeline("Patients with asthma were randomly assigned to budesonide or placebo (NCT01234567).")
    assert [r.identifier for r in doc._.litkg_registrations] == ["NCT01234567"]
    assert doc._.litkg_design.design is Design.RANDOMIZED_TRIAL and doc._.litkg_extraction.trial


def _guarded_patterns():
    """Every regex of the NLP modules that ``guarded`` compiled, with the pattern it guards."""
    import importlib
    import pkgutil

    import extractor.nlp as package

    def walk(value):
        if isinstance(value, re.Pattern):
            yield value
        elif isinstance(value, (tuple, list)):
            for item in value:
                yield from walk(item)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                yield from walk(getattr(value, name))

    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"extractor.nlp.{info.name}")
        for value in vars(module).values():
            for pattern in walk(value):
                if pattern.pattern.startswith("(?=") and pattern.pattern.endswith(")") and "(?:" in pattern.pattern:
                    guard, _, inner = pattern.pattern.partition(")(?:")
                    if guard.startswith("(?=(?") and inner:
                        yield pattern, re.compile(inner[:-1], pattern.flags & ~re.UNICODE)


def test_guarded_regexes_match_exactly_what_the_unguarded_ones_match():
    from conftest import CORPUS, SEEDS

    from extractor.nlp.guarded import first_characters

    patterns = list(_guarded_patterns())
    assert len(patterns) >= 20
    texts = [(CORPUS / name).read_text(encoding="utf-8") for name in SEEDS]
    texts.append("Seventy-two (12%) of 600 patients; n = 5; none had PFS, HR 0.71; P<.001 vs. 3. No. In 1990, "
                 "the incidence of death was lower; measured the ALT. Post-hoc analyses; long-term follow-up.")
    for guarded_pattern, plain in patterns:
        for text in texts:
            assert [m.span() for m in guarded_pattern.finditer(text)] == [m.span() for m in plain.finditer(text)], plain.pattern[:60]
    assert first_characters(r"\b(?:median|Mean)\s+\d", re.I) == "(?i:[mM])"
    assert first_characters(r"(?<![\w.])[-+]?\d|\bn\s*=") == r"(?-i:[\-\+\dn])"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aeimnoprstvNPRS0123456789 .,;%()=<-±", max_size=80))
def test_guarded_regexes_agree_on_any_text(text):
    for guarded_pattern, plain in _GUARDED_SAMPLE:
        assert [m.span() for m in guarded_pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]


_GUARDED_SAMPLE = list(_guarded_patterns())


@pytest.mark.parametrize("text, outcome, concept", [
    ("Sitagliptin reduced glucose excursions over 300 min (P = .002).", "glucose excursions", "glucose excursions"),
    ("Imatinib decreased airway hyperresponsiveness, mast-cell counts and tryptase.", "airway hyperresponsiveness",
     "airway hyperresponsiveness"),
    ("Ontamalimab was well tolerated up to 144 weeks.", "well tolerated", "tolerability"),
    ("Desvenlafaxine was generally safe and well tolerated.", "safe", "safety"),
])
def test_outcomes_a_treatment_changed_or_that_are_said_of_it(text, outcome, concept):
    found = {text[o.start:o.end]: o.endpoint for o in find_outcomes(text)}
    assert found[outcome] == concept


def test_an_outcome_is_found_again_by_its_words_and_its_abbreviation():
    text = ("We measured total sleep time (TST) by actigraphy. At week 4, TST increased by 40 min; "
            "total sleep time was longer with the drug. The patient tolerated the tablets.")
    spans = [(text[o.start:o.end], o.start) for o in find_outcomes(text)]
    assert [word for word, _ in spans if word in ("TST", "total sleep time")] == ["total sleep time", "TST", "TST", "total sleep time"]
    assert "tolerated" not in [word for word, _ in spans]  # a verb here, not said of the treatment with "was"


def test_a_treatment_or_a_lists_tail_is_no_outcome():
    text = ("The study compared suture with a film device. Alirocumab reduced LDL-C and non-HDL-C, respectively, "
            "and improved symptoms, as measured by the diary.")
    found = [text[o.start:o.end] for o in find_outcomes(text, treatments=[(text.index("suture"), text.index("suture") + 6)])]
    assert "suture" not in found
    assert not {"respectively", "as measured"} & set(found)
    assert "symptoms" in found and any(outcome.startswith("LDL-C") for outcome in found)


def test_findings_scope_is_the_results_and_conclusions_or_from_the_first_result():
    from extractor.evaluation.findings_scope import findings_scope
    from extractor.readers.sections import find_sections
    headed = "METHODS: We measured pain. RESULTS: Pain fell by 30% (P = .01). CONCLUSIONS: It works."
    sections = find_sections(headed)
    scope = findings_scope(headed, sections, analyse(text_document(headed, sections)))
    assert [headed[s:e] for s, e in scope] == ["Pain fell by 30% (P = .01).", "It works."]
    plain = "Pain is common. We measured pain in 40 patients. Pain fell by 30% with the drug (P = .01). It works."
    scope = findings_scope(plain, (), analyse(text_document(plain)))
    assert [plain[s:e] for s, e in scope] == ["Pain fell by 30% with the drug (P = .01). It works."]


def test_what_a_primary_outcome_heading_lists_is_primary_unless_the_part_says_otherwise():
    from extractor.nlp.declared_outcomes import primary_by_heading
    from extractor.records import Section
    listed = "Visual acuity, intraocular pressure, and complications. Both improved."
    sections = (Section("methods", "MAIN OUTCOME MEASURES", 0, 55), Section("results", None, 56, len(listed)))
    found = primary_by_heading(listed, sections, find_outcomes(listed))
    assert {listed[p.start:p.end] for p in found if p.primary} == {"Visual acuity", "complications"}
    assert not any(p.primary for p in primary_by_heading(listed, sections[1:], find_outcomes(listed)))
    said = "Visual acuity (secondary), intraocular pressure, and complications. Both improved."
    sections = (Section("methods", "MAIN OUTCOME MEASURES", 0, 67), Section("results", None, 68, len(said)))
    assert not any(p.primary for p in primary_by_heading(said, sections, find_outcomes(said)))


def test_a_longer_phrase_over_a_declared_one_is_what_was_declared():
    text = "The primary end point was overall response rate."
    [phrase] = find_outcomes(text)
    assert text[phrase.start:phrase.end] == "overall response rate" and phrase.primary and phrase.declared
