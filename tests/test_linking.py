"""News stories resolved to the papers they report: gold links, evidence, vetoes, order independence."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import CORPUS, ROOT

from extractor.runs import run_local, walk
from extractor.store import Store

GOLD = json.loads((ROOT / "tests" / "cases" / "links.json").read_text(encoding="utf-8"))["links"]
SOURCES_PER_STUDY = (ROOT / "tests" / "competency" / "sources_per_study.rq").read_text(encoding="utf-8")

_LINKS = """
SELECT ?news ?paper ?score WHERE {
  ?n a schema:NewsArticle ; litkg:sourceFile ?news ; litkg:linkedBy ?l .
  ?l litkg:linkTarget ?p ; litkg:linkScore ?score . ?p litkg:sourceFile ?paper }"""


def _links(store: Store) -> dict[str, str]:
    return {row["news"].value: row["paper"].value for row in store.query(_LINKS)}


def _extracted(tmp_path: Path, copied: dict[str, str] | None = None, written: dict[str, str] | None = None) -> Store:
    """A store of a folder holding corpus files (corpus name -> name in the folder) and texts written here."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, target in (copied or {}).items():
        shutil.copy(CORPUS / name, folder / target)
    for name, text in (written or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    store = Store(tmp_path / "store")
    run_local(folder, store)
    return store


@pytest.fixture(scope="module")
def store(corpus_store: Path) -> Store:
    return Store(corpus_store, read_only=True)


def test_links_match_the_gold_pairs(store: Store):
    found = _links(store)
    gold = {news: paper for news, paper in GOLD.items() if paper}
    right = sum(1 for news, paper in found.items() if gold.get(news) == paper)
    precision = right / len(found) if found else 1.0
    recall = right / len(gold)
    assert precision == 1.0, f"wrong links: { {n: p for n, p in found.items() if gold.get(n) != p} }"
    assert recall >= 0.9, f"missed: {set(gold) - set(found)}"


def test_every_link_says_why_with_a_score(store: Store):
    rows = list(store.query("""
        SELECT ?l ?score (COUNT(?e) AS ?evidence) WHERE { ?n litkg:linkedBy ?l . ?l a litkg:StudyLink ;
          litkg:linkScore ?score ; litkg:linkEvidence ?e } GROUP BY ?l ?score"""))
    assert len(rows) == sum(1 for paper in GOLD.values() if paper)
    assert all(float(r["score"].value) >= 0.6 and int(r["evidence"].value) >= 1 for r in rows)


def test_a_story_about_another_trial_of_the_same_drug_in_the_same_journal_stays_unresolved(store: Store):
    rows = list(store.query("""
        SELECT ?study ?unresolved WHERE { ?n litkg:sourceFile "news_dapagliflozin_teens.txt" ; schema:about ?study .
          OPTIONAL { ?study litkg:unresolved ?unresolved } }"""))
    assert len(rows) == 1 and rows[0]["unresolved"] is not None and rows[0]["unresolved"].value == "true"
    assert "/study/reported-" in rows[0]["study"].value
    assert bool(store.query('ASK { ?n litkg:sourceFile "news_dapagliflozin_teens.txt" ; litkg:trialName "DAPA-TEEN" }'))
    assert bool(store.query('ASK { ?a litkg:sourceFile "lancet_article.html" ; litkg:trialName "DELIVER-AGE" }'))


def test_each_source_keeps_its_own_values_side_by_side(store: Store):
    """The competency question of this project: for each study, every source and its values."""
    rows = list(store.query(SOURCES_PER_STUDY))
    by_study: dict[str, set[str]] = {}
    for row in rows:
        by_study.setdefault(row["study"].value, set()).add(row["source"].value)
    for news, paper in GOLD.items():
        if paper:
            assert any({news, paper} <= sources for sources in by_study.values()), (news, paper)
    flu = {(r["source"].value, r["quote"].value) for r in rows if r["study"].value.endswith("/isrctn62801537")}
    assert ("news_flu_spray_bom.txt", "1.9%") in flu  # the story's rounded value, kept with its words
    assert any(source == "nejm_flu_vaccine_abstract.txt" and quote.startswith("117 of 6172") for source, quote in flu)


def _quads(path: Path) -> set[str]:
    return {str(q) for q in ox.Store.read_only(str(path))}


def test_resolution_does_not_depend_on_order_or_runs(corpus_store: Path, tmp_path: Path):
    files = list(walk(CORPUS))
    run_local(CORPUS, Store(tmp_path / "reversed"), files=list(reversed(files)))
    split = Store(tmp_path / "split")
    news = [f for f in files if f[1].startswith(("news_", "001_"))]
    run_local(CORPUS, split, files=news)  # the stories first, alone: nothing to link to yet
    assert not _links(split)
    run_local(CORPUS, split, files=[f for f in files if f not in news])
    del split
    expected = _quads(corpus_store)
    assert _quads(tmp_path / "reversed") == expected
    assert _quads(tmp_path / "split") == expected


def test_a_cited_doi_links_a_story_on_its_own(tmp_path: Path):
    store = _extracted(tmp_path, {"nejm_flu_vaccine_abstract.txt": "nejm_flu_vaccine_abstract.txt"}, {"story.txt": (
        "Health Briefs\n\nOne spray, fewer flu cases\n\nBy Ana Ruiz\n\nNOV. 7, 2025 -- A nasal vaccine cut influenza "
        "cases among older people, a new report says. Full text: https://doi.org/10.1056/NEJMoa2509141.\n")})
    rows = list(store.query("""SELECT ?e WHERE { ?n litkg:sourceFile "story.txt" ; litkg:linkedBy/litkg:linkEvidence ?e }"""))
    assert [r["e"].value for r in rows] == ["same DOI 10.1056/nejmoa2509141"]


def test_different_trial_names_veto_a_link_that_everything_else_supports():
    from datetime import date

    from extractor.resolve.evidence import THRESHOLD, Article, Story, bibliographic
    from extractor.vocabularies import journal_key

    article = Article("https://example.org/a", "https://example.org/s", date(2025, 3, 8), {journal_key("Lancet")},
                      "Okafor", None, {"DELIVER-AGE"})

    def story(trials: set[str]) -> Story:
        return Story("https://example.org/n", "https://example.org/ns", ["Lancet"], ["Chinwe Okafor"], date(2025, 3, 9),
                     set(), trials, registered=False)

    assert bibliographic(story({"DAPA-TEEN"}), article) is None
    same = bibliographic(story({"DELIVER-AGE"}), article)
    assert same is not None and same.score >= THRESHOLD and "trial name DELIVER-AGE" in same.evidence


def _record(pmid: str, title: str, authors: str) -> str:
    return (f"PMID- {pmid}\nDP  - 2024 Jun 1\nTI  - {title}\nAB  - We randomly assigned 120 patients to aspirin or placebo. "
            f"Bleeding occurred in 4 of 60 and 3 of 60 patients.\n{authors}JT  - The Lancet\nTA  - Lancet\n\n")


def test_people_merge_across_papers_only_on_orcid_or_same_name_and_affiliation(tmp_path: Path):
    oxford = "AD  - Nuffield Department of Orthopaedics, University of Oxford, Oxford, UK.\n"
    store = _extracted(tmp_path, written={"records.nbib": (
        _record("11111111", "First trial.", "FAU - Hollis, Margaret E\nAU  - Hollis ME\n" + oxford
                + "FAU - Chen, Wei\nAU  - Chen W\nAUID- ORCID: 0000-0002-1825-0097\nAD  - Peking University, Beijing, China.\n")
        + _record("22222222", "Second trial.", "FAU - Hollis, Margaret E\nAU  - Hollis ME\n"
                  + oxford.replace("Department", "Dept.") + "FAU - Chen, Wei\nAU  - Chen W\n"
                  "AUID- ORCID: https://orcid.org/0000-0002-1825-0097\nAD  - Fudan University, Shanghai, China.\n")
        + _record("33333333", "Third trial.", "FAU - Hollis, Margaret E\nAU  - Hollis ME\nAD  - Mayo Clinic, Rochester, MN.\n"
                  "FAU - Chen, Wei\nAU  - Chen W\nAD  - Peking University, Beijing, China.\n"))})
    people = {}
    for row in store.query("SELECT ?pmid ?name ?p WHERE { ?d fabio:hasPubMedId ?pmid ; schema:author ?p . ?p schema:name ?name }"):
        people[(row["pmid"].value, row["name"].value)] = row["p"].value
    assert people[("11111111", "Margaret E Hollis")] == people[("22222222", "Margaret E Hollis")]  # same name, same affiliation
    assert people[("33333333", "Margaret E Hollis")] != people[("11111111", "Margaret E Hollis")]  # another institution
    assert people[("11111111", "Wei Chen")] == people[("22222222", "Wei Chen")]  # the ORCID, despite the move
    assert people[("33333333", "Wei Chen")] not in (people[("11111111", "Wei Chen")],)  # no ORCID: name alone never merges
    assert bool(store.query('ASK { ?p schema:sameAs <https://orcid.org/0000-0002-1825-0097> ; schema:identifier "0000-0002-1825-0097" }'))


def test_a_secondary_analysis_is_a_separate_work_about_the_same_trial(tmp_path: Path):
    main = (CORPUS / "nejm_flu_vaccine_abstract.txt").read_text(encoding="utf-8")
    secondary = (main.replace("Intranasal Live Attenuated Influenza Vaccine in Adults 65 Years of Age or Older",
                              "Frailty and Protection by Intranasal Influenza Vaccine: A Secondary Analysis of a Randomized Trial")
                 .replace("Nov 6; 393 (18): 1781-1792", "Dec 4; 393 (22): 2210-2218").replace("2509141", "2511872")
                 .replace("Nov 2025", "Dec 2025"))
    store = _extracted(tmp_path, {"nejm_flu_vaccine_abstract.txt": "main.txt", "news_flu_spray_bom.txt": "story.txt"},
                       {"secondary.txt": secondary})
    rows = {row["f"].value: (row["study"].value, row["kind"].value if row["kind"] else None) for row in store.query(
        "SELECT ?f ?study ?kind WHERE { ?d a schema:ScholarlyArticle ; litkg:sourceFile ?f ; schema:about ?study "
        "OPTIONAL { ?d litkg:reportKind ?kind } }")}
    assert rows["main.txt"][0] == rows["secondary.txt"][0]  # one trial ...
    assert rows["main.txt"][1] is None and rows["secondary.txt"][1] == "secondary analysis"  # ... two works
    assert _links(store) == {"story.txt": "main.txt"}  # the story reports the main results


_CORRESPONDING = """
SELECT ?news ?mine ?paper ?theirs WHERE { ?a litkg:correspondsTo ?b .
  ?a prov:wasDerivedFrom ?m1 . ?m1 nif:anchorOf ?mine ; nif:referenceContext/litkg:sourceFile ?news .
  ?b prov:wasDerivedFrom ?m2 . ?m2 nif:anchorOf ?theirs ; nif:referenceContext/litkg:sourceFile ?paper }"""


def test_a_storys_values_are_matched_to_the_papers_without_overwriting_them(store: Store):
    pairs = {(r["news"].value, r["mine"].value, r["paper"].value, r["theirs"].value) for r in store.query(_CORRESPONDING)}
    assert ("news_flu_spray_bom.txt", "1.9%", "nejm_flu_vaccine_abstract.txt", "117 of 6172 participants (1.9%)") in pairs
    assert ("news_heartfailure.html", "16.0%", "lancet_article.html", "198 (16.0%) of 1240 patients") in pairs
    assert all(GOLD[news] == paper for news, _, paper, _ in pairs)
    assert not any(news == "news_dapagliflozin_teens.txt" for news, *_ in pairs)


def test_a_rounded_value_meets_the_precise_one():
    from decimal import Decimal

    from extractor.resolve.evidence import rounds_to

    assert rounds_to(Decimal("68.2"), Decimal("68")) and rounds_to(Decimal("20.24"), Decimal("20.2"))
    assert not rounds_to(Decimal("68.6"), Decimal("68")) and not rounds_to(Decimal("20.2"), Decimal("20.3"))


def test_documents_naming_one_registration_share_one_study_and_a_paper_and_its_record_are_one_work(tmp_path: Path):
    # lancet_article.html names ISRCTN48291536 and EudraCT 2021-004512-33
    store = _extracted(tmp_path, {"lancet_article.html": "lancet_article.html"}, {"story.txt": (
        "Heart Desk\n\nSGLT2 pill helps the oldest heart failure patients\n\nBy Lee Park\n\nMARCH 20, 2025 -- Older "
        "adults with heart failure did better on a diabetes pill, researchers said. The trial is registered as "
        "ISRCTN48291536.\n"), "record.nbib": (
        "PMID- 40012345\nDP  - 2025 Mar 8\nTI  - Dapagliflozin versus placebo in older adults with heart failure and "
        "preserved ejection fraction (DELIVER-AGE): a randomised, double-blind, phase 3 trial.\nLID - "
        "10.1016/S0140-6736(25)00117-4 [doi]\nAB  - In patients aged 75 years or older, dapagliflozin reduced "
        "worsening heart failure or cardiovascular death.\nFAU - Okafor, Chinwe A\nAU  - Okafor CA\nJT  - Lancet "
        "(London, England)\nTA  - Lancet\n\n")})
    rows = {row["f"].value: (row["study"].value, row["work"].value if row["work"] else None) for row in store.query(
        "SELECT ?f ?study ?work WHERE { ?d litkg:sourceFile ?f ; schema:about ?study OPTIONAL { ?d schema:exampleOfWork ?work } }")}
    assert rows["story.txt"][0] == rows["lancet_article.html"][0] == rows["record.nbib"][0]
    assert rows["lancet_article.html"][1] is not None and rows["lancet_article.html"][1] == rows["record.nbib"][1]
    assert rows["story.txt"][1] is None
    assert _links(store)["story.txt"] in ("lancet_article.html", "record.nbib")


def test_a_news_page_linking_the_papers_doi_is_linked_by_it(tmp_path: Path):
    store = _extracted(tmp_path, {"jama_article.html": "jama_article.html"}, {"story.html": (
        "<html><head><title>Steps study</title></head><body><article><h1>Texts and steps</h1>"
        "<p>By Dana Cole</p><p>A program of daily text messages raised step counts in a clinic population, "
        "according to <a href='https://doi.org/10.1001%2Fjamanetworkopen.2025.17342'>a new report</a> that "
        "researchers described this week as encouraging for primary care.</p>"
        "<p>The messages were simple and cheap to send, the team said, and most people kept reading them.</p>"
        "</article></body></html>")})
    evidence = [r["e"].value for r in store.query(
        'SELECT ?e WHERE { ?n litkg:sourceFile "story.html" ; litkg:linkedBy/litkg:linkEvidence ?e }')]
    assert evidence == ["same DOI 10.1001/jamanetworkopen.2025.17342"]


def test_the_keys_a_run_knows_are_the_keys_its_graphs_hold(corpus_store: Path):
    from extractor.graph.builder import GraphBuilder
    from extractor.nlp.analysis import analyse
    from extractor.readers import read_file
    from extractor.records import Document
    from extractor.resolve import document_keys

    builder = GraphBuilder("https://w3id.org/litkg/id/")
    store = Store(corpus_store, read_only=True)
    compared = with_keys = 0
    for path, relative in walk(CORPUS):
        for document in read_file(path, relative):
            if not isinstance(document, Document):
                continue  # a DeleteCitation
            built = builder.build(analyse(document))
            assert set(built.keys) == document_keys(store, [built.iri]), relative
            compared += 1
            with_keys += bool(built.keys)
    assert compared >= 15 and with_keys >= 8


def test_a_run_resolves_around_what_it_changed_as_a_whole_store_pass_would(tmp_path: Path, monkeypatch):
    """Each run resolves only the documents connected to what it wrote or removed; after every step a
    pass over the whole store finds nothing left to rewrite. The run's keys spill to disk every few
    keys here, as they do every 200,000 in a big run."""
    from extractor.graph.iris import Minter
    from extractor.resolve.scope import Scope, SortedSpill
    from extractor.resolve.studies import resolve_studies, shared_holders

    monkeypatch.setattr(SortedSpill, "SPILL_AT", 3)
    folder = tmp_path / "in"
    folder.mkdir()
    files = sorted(walk(CORPUS), key=lambda f: f[1])
    store = Store(tmp_path / "store")
    mint = Minter("https://w3id.org/litkg/id/")
    for part in (files[1::2], files[0::2]):  # half the corpus, then the rest
        for path, relative in part:
            shutil.copy(path, folder / relative)
        run_local(folder, store)
        assert resolve_studies(store, mint) == 0
    shared = shared_holders(store, Scope(keys={"reg:NCT05417218"}))
    assert len(shared["reg:NCT05417218"]) == 2  # the paper's page and the story about it
    assert all(key.split(":")[0] in {"reg", "doi", "pmid"} and len(holders) > 1 for key, holders in shared.items())
    assert shared_holders(store, Scope()) == {}
    assert _links(store)["news_walking.html"] == "jama_article.html"
    page = folder / "jama_article.html"  # the page now names another trial: the group falls apart
    page.write_bytes(page.read_bytes().replace(b"NCT05417218", b"NCT05417219"))
    run_local(folder, store)
    assert resolve_studies(store, mint) == 0
    assert "reg:NCT05417218" not in shared_holders(store, Scope(keys={"reg:NCT05417218"}))  # one holder left


def test_a_spilling_set_keeps_few_items_in_memory_and_gives_each_once_in_order(tmp_path: Path):
    from extractor.resolve.scope import SortedSpill

    spill = SortedSpill(spill_dir=tmp_path, spill_at=4)
    spill.add(["pmid:3", "doi:10.1/x\nnext"])
    added = {"pmid:3", "doi:10.1/x\nnext"}
    for n in range(50):
        batch = {f"pmid:{n % 17}", f"reg:NCT{n:08d}"}
        spill.add(batch)
        added |= batch
        assert spill.held < 4
    assert list(spill) == sorted(added) == list(spill)  # sorted, once each, and again
    assert spill.spilled > 10
    pairs = SortedSpill(spill_dir=tmp_path, spill_at=3)
    pairs.add([("doi:b", "d2"), ("doi:a", "d1"), ("doi:b", "d1"), ("doi:a", "d1"), ("doi:b\"", "d3")])
    assert list(pairs) == [("doi:a", "d1"), ("doi:b", "d1"), ("doi:b", "d2"), ("doi:b\"", "d3")]
    spill.close()
    pairs.close()
    assert list(spill) == [] and list(tmp_path.iterdir()) == []


def _assert_candidates_complete(store: Store) -> int:
    """Brute force over every paper in the store: each one that scores over the threshold for a story
    (or has its cited DOI, or is its registered study) is among the candidates the index look-ups find.
    Returns how many such (story, paper) pairs there were."""
    from extractor.graph.iris import Minter
    from extractor.resolve.evidence import THRESHOLD, bibliographic
    from extractor.resolve.news import Candidates, news_stories

    stories = news_stories(store)
    candidates_for = Candidates(store, Minter("https://w3id.org/litkg/id/").vocabulary_graph(), stories)
    everything = candidates_for.describe({row["a"].value for row in store.query(
        "SELECT ?a WHERE { GRAPH ?a { ?a a schema:ScholarlyArticle } }")})
    checked = 0
    for story in stories:
        found = {a.iri for a in candidates_for(story)}
        study = story.study if story.registered else None
        for article in everything:
            link = bibliographic(story, article)
            if (link and link.score >= THRESHOLD) or article.doi in story.dois or article.study == study:
                assert article.iri in found, (story.iri, article.iri)
                checked += 1
    return checked


def test_the_candidate_look_ups_find_every_paper_a_corpus_story_could_link_to(corpus_store: Path):
    assert _assert_candidates_complete(Store(corpus_store, read_only=True)) >= 4


def test_a_story_links_by_first_author_alone_and_by_journal_and_date_alone(tmp_path: Path):
    """No registration, DOI or trial name: the paper is found by its first author's name, or by its
    journal and a date inside the news lag, and a paper of another journal and year is not."""
    story = "Health Briefs\n\n{title}\n\nBy Ana Ruiz\n\n{date} -- {body} Bleeding occurred in 4 of 60 patients{more}.\n"
    store = _extracted(tmp_path, written={
        "records.nbib": _record("11111111", "Aspirin after hip fracture surgery.", "FAU - Hollis, Margaret E\nAU  - Hollis ME\n")
        + _record("22222222", "Heparin after knee surgery.", "FAU - Okafor, Chinwe\nAU  - Okafor C\n").replace("2024 Jun 1", "2024 May 20")
        + _record("33333333", "Statins in the elderly.", "FAU - Berg, Anna\nAU  - Berg A\n").replace("2024 Jun 1", "2023 Jan 5")
        .replace("The Lancet", "BMJ").replace("TA  - Lancet", "TA  - BMJ"),
        "by_author.txt": story.format(title="Aspirin and bleeding", date="JUNE 3, 2024", more="",
                                      body="Aspirin after hip surgery caused little bleeding, according to a study led "
                                           "by Dr. Margaret Hollis of the University of Oxford."),
        "by_journal.txt": story.format(title="Heparin trial", date="JUNE 1, 2024", more=" given aspirin and 3 of 60 given placebo",
                                       body="Heparin after knee surgery was safe, a study published in The Lancet found."),
    })
    assert _links(store) == {"by_author.txt": "records.nbib", "by_journal.txt": "records.nbib"}
    assert _assert_candidates_complete(store) >= 2
