"""No silent text loss: documents that keep much less than their file shows are reported by name and
stored as a litkg:ReadWarning; abstracts saved the way people save them keep all their text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, SHARED, litkg

from extractor.evaluation import datasets
from extractor.evaluation.user_path import FORMS, saved
from extractor.readers import read_bytes, read_file
from extractor.readers.text_kept import minimum_shares
from extractor.store import Store

DATA = SHARED / "data"
_WORD = re.compile(r"\w+")
REALWORLD = DATA / "realworld" / "docs"


def _annotated() -> list[datasets.AnnotatedText]:
    return [*datasets.pubtator(DATA / "bc5cdr" / "CDR_DevelopmentSet.PubTator.txt"),
            *datasets.pubtator(DATA / "ncbi_disease" / "NCBIdevelopset_corpus.txt"),
            *datasets.brat(DATA / "evidence_outcomes" / "dev", "Outcome")]


@pytest.mark.parametrize("form", FORMS)
def test_no_development_abstract_loses_text_when_saved_as_a_file(form: str):
    """Every BC5CDR, NCBI disease and EvidenceOutcomes development text, saved in each form, keeps
    every word (the title-line form used to keep only the title of 105 of the 500 BC5CDR abstracts)."""
    short = []
    for i, doc in enumerate(_annotated()):
        content = saved(f"{i}.txt", doc.text, doc.title_end, form).content
        documents = read_bytes(content.encode("utf-8"), f"{i}.txt")
        kept = sum(len(_WORD.findall(d.text)) for d in documents)  # a heading's colon is not a word
        if kept < len(_WORD.findall(content)) or any(d.text_loss for d in documents):
            short.append((doc.identifier, kept, len(_WORD.findall(content)), documents[0].reader))
    assert not short, short[:5]


def test_a_one_line_abstract_is_read(tmp_path: Path):
    """Title and abstract on one line, with a citation-like "et al 1988;" inside, is no abstract-page dump."""
    line = ("Cognitive effects of a cough suppressant: a case report. Initial studies (Smith et al 1988; Jones "
            "1990) showed no respiratory effects; later reports describe abuse of the drug in adolescents.\n")
    [document] = read_bytes(line.encode(), "one.txt")
    assert document.text.split() == line.split() and document.text_loss is None


def test_pages_whose_story_is_lost_are_reported_and_stored(tmp_path: Path):
    """Real pages from the real-world set: two full-text journal pages of which litkg keeps the abstract
    (it reads the body of PMC full texts from JATS, not from HTML) are reported by name with the share kept
    and stored as litkg:ReadWarning; news pages read right (two of them used to lose their story to a
    furniture word in the wrapper's class) are not."""
    folder = tmp_path / "pages"
    folder.mkdir()
    lost = ("pmc_genbank_database_article.html", "plosone_cold_seeking_endotoxin_shock.html")
    kept = ("bbc_new_york_hart_island_burials.html", "buzzfeed_diet_pills_student_death.html",
            "sciencealert_titan_geological_map.html", "natgeo_office_temperature_women.html",
            "breakingbelize_paho_covid_warning.html")
    for name in lost:
        shutil.copy(REALWORLD / "journal_html" / name, folder / name)
    for name in kept:
        shutil.copy(REALWORLD / "news_html" / name, folder / name)
    shutil.copy(CORPUS / "news_walking.html", folder / "news_walking.html")
    store = tmp_path / "store"
    done = litkg("extract", str(folder), "--store", str(store), "--quiet")
    assert done.returncode == 0, done.stderr  # the documents are stored: a warning, not a failure
    for name in lost:
        assert f"litkg: note: {name}: kept " in done.stderr
    assert "2 kept much less text than their file" in done.stdout
    for name in kept:
        assert name not in done.stderr
    rows = Store(store, read_only=True).query(
        "SELECT ?file ?kept ?shown ?reason ?doc WHERE { GRAPH ?doc { ?w a litkg:ReadWarning ; litkg:document ?doc ; "
        "litkg:sourceFile ?file ; litkg:wordsKept ?kept ; litkg:wordsInFile ?shown ; litkg:warningReason ?reason } }")
    found = {row["file"].value: (int(row["kept"].value), int(row["shown"].value), row["reason"].value) for row in rows}
    assert set(found) == set(lost)
    for words_kept, words_shown, reason in found.values():
        assert words_kept < 0.4 * words_shown and "visible paragraph text" in reason


def test_an_article_inside_a_furniture_named_wrapper_is_read_whole():
    """A page whose whole article sits in an element whose class names page furniture ("sidebar") keeps
    it: the wrapper holds the article and most of the page's paragraphs; a related box inside it goes."""
    story = " ".join(f"Paragraph {i} reports what the trial found in the patients who took part." for i in range(3))
    paragraphs = "".join(f"<p>{story}</p>" for _ in range(6))
    related = "<div class='related-links'><p>Another trial of another drug in other patients, in many words.</p></div>"
    page = (f"<html><head><title>Trial results</title></head><body><h1>Trial results</h1>"
            f"<div class='layout-with-sidebar'><article>{paragraphs}{related}</article></div></body></html>")
    [document] = read_bytes(page.encode(), "page.html")
    assert document.text_loss is None
    assert document.text.count(story) == 6 and "Another trial" not in document.text


def test_medline_records_count_their_title_and_abstract_elements():
    records = [r for r in read_file(CORPUS / "efetch_records.xml", "efetch_records.xml") if hasattr(r, "text")]
    assert records
    for record in records:
        assert record.words_in_source and record.text_loss is None
        assert abs(len(record.text.split()) - record.words_in_source) <= len(record.sections) + 1  # headings


def test_every_reader_has_a_share_and_the_table_is_checked():
    from extractor.readers import READERS

    table = minimum_shares()
    assert "default" in table and all(0 < share <= 1 for share, _ in table.values())
    names = {reader.name for reader in READERS} - {"html"}  # HTML pages are read as one of three documents
    assert names | {"html-article", "html-news", "pubmed-html"} <= set(table)
