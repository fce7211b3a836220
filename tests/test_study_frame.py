"""What the study is: sentence roles, design, no-study pages, subjects, arms, enrolment, conditions."""

from __future__ import annotations

from dataclasses import replace

import pyoxigraph as ox
import pytest

from extractor.designs import ArmRole, Design
from extractor.graph.builder import GraphBuilder
from extractor.nlp.analysis import analyse, text_document
from extractor.nlp.population import best_first, find_enrollments
from extractor.records import DocumentKind, IndexTerm, Section

NEWS = DocumentKind.NEWS
LITKG = "https://w3id.org/litkg/ontology#"


def _news(text: str):
    return analyse(text_document(text, kind=NEWS))


def test_news_roles_mark_background_quotes_and_other_work_and_keep_them_out_of_results():
    x = _news("Doctors have long known that obesity raises the risk of stroke. Previous studies have shown a 20% rise. "
              "In the new study, 500 patients were randomly assigned to aspirin or placebo. After 2 years, 12% of the "
              "aspirin group had a stroke, compared with 20% in the placebo group. \"This is a big deal,\" said Dr. Smith.")
    kinds = [r.kind for r in x.roles]
    assert kinds[0] == "background" and "other work" in kinds and kinds[-1] == "quote"
    other = next(r for r in x.roles if r.kind == "other work")
    assert all(not (other.start <= r.start < other.end) for r in x.results)  # "a 20% rise" is earlier work's
    assert sorted(float(r.value) for r in x.results if r.unit == "%") == [12.0, 20.0]


def test_headed_abstracts_keep_their_headings_and_two_sentences_get_no_roles():
    text = "BACKGROUND: Asthma is common. METHODS: We enrolled 40 adults. RESULTS: FEV1 rose by 12%."
    sections = (Section("background", "BACKGROUND", 0, 30), Section("methods", "METHODS", 31, 60), Section("results", "RESULTS", 61, len(text)))
    assert analyse(text_document(text, sections)).roles == ()
    assert analyse(text_document("Bronchodilators reduced resistance (0.53 versus 0.38, P < .02).")).roles == ()


@pytest.mark.parametrize(("text", "design"), [
    ("Aspirin in stroke.\n\nWe randomly assigned 300 adults to aspirin or placebo. Strokes fell by 20%. Aspirin helps.", Design.RANDOMIZED_TRIAL),
    ("Diet and bone loss.\n\nIn a prospective cohort of 9,000 women followed for 10 years, fractures were counted. Fractures were fewer. Diet matters.", Design.COHORT),
    ("A case of sarcoidosis.\n\nWe report a case of a 45-year-old man with fever. He recovered. Such cases are rare.", Design.CASE_REPORT),
    ("Statins for sepsis: a systematic review and meta-analysis.\n\nWe searched databases. Ten trials were pooled. No benefit was seen.", Design.META_ANALYSIS),
])
def test_the_words_state_the_design(text, design):
    x = analyse(text_document(text, (Section("title", None, 0, text.index("\n")),)), design_model=None)
    assert x.design.design is design and x.design.start is not None
    assert x.trial is (design is Design.RANDOMIZED_TRIAL)


def test_index_terms_decide_before_the_words_and_a_registered_study_without_design_words_is_a_trial():
    document = text_document("Follow-up of a cohort.\n\nPatients were seen again. Most did well. Some did not.")
    indexed = analyse(replace(document, publication_types=(IndexTerm("Case Reports", "D002363", False),)))
    assert indexed.design.design is Design.CASE_REPORT and indexed.design.field.endswith("PublicationType")
    registered = analyse(text_document("CAR T cells in lymphoma.\n\nTen patients received CAR T cells (NCT04599556). "
                                       "Nine responded. It was safe."), design_model=None)
    assert registered.design.design is Design.NON_RANDOMIZED_TRIAL and registered.trial


def test_a_news_page_about_no_study_reports_none_and_its_graph_has_no_study_or_results():
    x = _news("Mass burials ramp up\n\nWorkers in protective suits buried coffins on the island on Thursday, "
              "city officials said. The city has used the island for 150 years. About 1,000 burials happen each year.")
    assert not x.reports_study
    quads = list(ox.parse(GraphBuilder().build(x).nquads(), format=ox.RdfFormat.N_QUADS))
    predicates = {q.predicate.value for q in quads}
    assert f"{LITKG}reportsNoStudy" in predicates
    assert "https://schema.org/about" not in predicates and f"{LITKG}result" not in predicates


def test_study_subjects_leave_out_analytes_classes_and_background():
    x = analyse(text_document(
        "Atorvastatin for dyslipidaemia.\n\nStatins have long been used for this. We randomly assigned 80 adults to atorvastatin or "
        "placebo. Cholesterol levels fell by 12%, and vitamins were allowed. Atorvastatin was safe."))
    subjects = {m.concept.lower() for m in x.study_subjects}
    assert "atorvastatin" in subjects and "placebo" in subjects
    assert not subjects & {"cholesterol", "vitamins", "statins", "hydroxymethylglutaryl-coa reductase inhibitors"}


def test_arms_have_their_sizes_roles_and_results():
    x = analyse(text_document("Zanubrutinib versus ibrutinib in leukemia\n\nWe randomly assigned 652 patients to receive "
                              "zanubrutinib (n = 327) or placebo (n = 325). Overall response was 78% in the zanubrutinib group "
                              "and 62% in the placebo group (P<0.001). It worked."))
    arms = {a.name: a for a in x.arms}
    assert arms["zanubrutinib"].size == 327 and arms["zanubrutinib"].role is ArmRole.ACTIVE
    assert arms["placebo"].size == 325 and arms["placebo"].role is ArmRole.CONTROL
    by_value = {float(r.value): r.arm_text for r in x.results}
    assert by_value[327.0] == "zanubrutinib" and by_value[652.0] is None
    lines = GraphBuilder().build(x).nquads()
    lines = lines.decode() if isinstance(lines, bytes) else lines
    assert f"<{LITKG}armRole> <{LITKG}ControlArm>" in lines


@pytest.mark.parametrize(("text", "count"), [
    ("The study involved 217 breast cancer survivors who had finished treatment.", 217),
    ("Five patients with asthma were challenged with aspirin.", 5),
    ("Two cases are reported.", 2),
    ("The 458 male participants in the original study were followed.", 458),
])
def test_enrolment_forms(text, count):
    assert [e.count for e, _ in find_enrollments(text)] == [count]


def test_a_planned_size_is_not_an_enrolment_and_the_exact_count_wins():
    assert find_enrollments("It aims to screen 1,700 men over five years.") == []
    found = [e for e, _ in find_enrollments("Among 5,400 adults, risk fell. Researchers used data from 5,395 adults.")]
    assert [e.count for e in best_first(found)][0] == 5395


def test_the_title_names_the_condition_studied_and_the_background_does_not():
    text = ("Rilonacept for gout flares\n\nBACKGROUND: Diabetes is common in older adults. METHODS: We studied 83 patients "
            "given rilonacept or placebo. RESULTS: Flares fell by 40%.")
    background, methods, results = (text.index(h) for h in ("BACKGROUND", "METHODS", "RESULTS"))
    x = analyse(text_document(text, (Section("title", None, 0, 26), Section("background", "BACKGROUND", background, methods - 1),
                                     Section("methods", "METHODS", methods, results - 1), Section("results", "RESULTS", results, len(text)))))
    concepts = {m.concept.lower() for m in x.study_conditions}
    assert any("gout" in c for c in concepts) and not any("diabetes" in c for c in concepts)


def _results(text: str):
    return analyse(text_document(text, (Section("results", "RESULTS", 0, len(text)),))).results


def test_reference_numbers_are_not_results_but_bracketed_arm_sizes_are():
    assert [float(r.value) for r in _results("RESULTS: Previous reports (4) and trials (5) showed benefit; mortality was 12% (6).")] == [12.0]
    sizes = _results("RESULTS: Patients were randomly assigned to aspirin (52) or placebo (48). Mortality was 12 in the aspirin group.")
    assert [(float(r.value), r.arm_text) for r in sizes][:2] == [(52.0, "aspirin"), (48.0, "placebo")]


def test_a_count_in_millions_is_the_number_the_words_say():
    [result] = _results("RESULTS: About 2 million people were screened.")
    assert result.value == 2_000_000 and result.count == 2_000_000


def test_the_shipped_models_carry_their_held_out_scores_and_keep_them():
    """The models' own records of how they scored on held-out MEDLINE (written by their training
    scripts) match docs/models/ and stay above the scores they were shipped with."""
    import gzip
    import json
    from pathlib import Path

    from extractor.nlp.design import DESIGN_MODEL
    from extractor.nlp.roles import MODEL

    docs = Path(__file__).resolve().parent.parent / "docs" / "models"
    for model, report, key, floor in ((MODEL, "sentence_roles.json", ("held_out", "accuracy"), 0.85),
                                      (DESIGN_MODEL, "designs.json", ("held_out", "accuracy"), 0.87)):
        with gzip.open(model, "rt", encoding="utf-8") as stream:
            about = json.load(stream)["about"]
        written = json.loads((docs / report).read_text(encoding="utf-8"))
        assert about[key[0]][key[1]] == written[key[0]][key[1]] >= floor, report


def test_a_population_description_ends_where_the_sentence_goes_on():
    [(enrollment, _)] = find_enrollments("A study of 3,200 people from the National Cancer Institute finds that 21 percent had a false alarm.")
    assert enrollment.count == 3200
    text = "A study of 3,200 people from the National Cancer Institute finds that 21 percent had a false alarm."
    assert text[enrollment.start:enrollment.described()[1]] == "3,200 people from the National Cancer Institute"
