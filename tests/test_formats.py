"""Reading what users have: MEDLINE XML safety and damage, gzip, size limits, encodings, DeleteCitation,
and a slice of the real MEDLINE baseline file."""

from __future__ import annotations

import gzip
import itertools
import time

import pytest
from conftest import CORPUS, SHARED, litkg

from extractor.errors import InputError
from extractor.readers import read_bytes, read_file
from extractor.readers.decoding import decode

MEDLINE = SHARED / "data" / "medline"
BASELINE = gzip.decompress((CORPUS / "medline_baseline_slice.xml.gz").read_bytes())


def _query(store, sparql: str) -> list[list[str]]:
    done = litkg("query", sparql, "--store", str(store), "--format", "tsv")
    assert done.returncode == 0, done.stderr
    return [[cell.split("^^")[0].strip('"') for cell in line.split("\t")] for line in done.stdout.splitlines()[1:]]


def test_external_entities_are_refused_and_nothing_is_read_from_disk(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "xxe.xml").write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>&xxe;</ArticleTitle>"
        "</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>\n")
    store = tmp_path / "store"
    done = litkg("extract", str(folder), "--store", str(store), "--quiet")
    assert done.returncode == 1
    assert "xxe.xml: XML declares entities" in done.stderr
    dump = litkg("query", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "--store", str(store))
    assert "TOP-SECRET" not in dump.stdout


def test_entity_expansion_bomb_is_refused_quickly():
    entities = "".join(f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    bomb = (f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{entities}]>'
            "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>&lol9;"
            "</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>").encode()
    started = time.perf_counter()
    with pytest.raises(InputError, match="declares entities"):
        read_bytes(bomb, "bomb.xml")
    assert time.perf_counter() - started < 5  # refused before any expansion, not after


def test_truncated_gzip_keeps_the_records_before_the_damage(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    whole = gzip.compress(BASELINE)
    cut = whole[: int(len(whole) * 0.8)]
    (folder / "cut.xml.gz").write_bytes(cut)
    store = tmp_path / "store"
    done = litkg("extract", str(folder), "--store", str(store), "--quiet")
    assert done.returncode == 1 and "cut.xml.gz" in done.stderr and "truncated" in done.stderr
    assert "1 records before the damage were read" in done.stderr
    assert _query(store, "SELECT ?p WHERE { ?d fabio:hasPubMedId ?p }") == [["38445566"]]
    failures = _query(store, "SELECT ?n WHERE { ?f a litkg:ReadFailure ; litkg:recordsRead ?n }")
    assert failures == [["1"]]
    again = litkg("extract", str(folder), "--store", str(store), "--quiet")
    assert again.returncode == 1 and "truncated" in again.stderr  # reported again, never skipped as unchanged


def test_half_written_xml_keeps_complete_records(tmp_path):
    half = BASELINE[: BASELINE.index(b"<ArticleTitle>Oral Dexamethasone")]
    items = []
    with pytest.raises(InputError, match="truncated or malformed"):
        for item in read_file(_write(tmp_path / "half.xml", half), "half.xml"):
            items.append(item)
    assert [d.identifiers.pmid for d in items] == ["38445566"]


def test_html_that_is_really_a_pdf_and_oversized_files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "paper.html").write_bytes(b"%PDF-1.5\n%\xd0\xd4\xc5\xd8\n")
    (folder / "big.txt").write_text("Results: the response rate was 45%. " * 100)
    done = litkg("extract", str(folder), "--store", str(tmp_path / "store"), "--quiet", "--max-file-size", "2KB")
    assert done.returncode == 1
    assert "paper.html: PDF document" in done.stderr
    assert "big.txt: 3600 bytes is over the size limit of 2000 bytes" in done.stderr


def test_delete_citation_removes_stored_records(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder / "baseline.xml", BASELINE)
    store = tmp_path / "store"
    assert litkg("extract", str(folder), "--store", str(store), "--quiet").returncode == 0
    _write(folder / "update.xml", b'<?xml version="1.0"?><PubmedArticleSet><DeleteCitation><PMID Version="1">37770088</PMID>'
                                  b"</DeleteCitation></PubmedArticleSet>")
    done = litkg("extract", str(folder), "--store", str(store), "--quiet")
    assert done.returncode == 0 and "DeleteCitation lists 1 PMIDs; 1 stored records removed" in done.stderr
    assert _query(store, "SELECT ?p WHERE { ?d fabio:hasPubMedId ?p }") == [["38445566"]]


def test_efetch_record_registration_from_databank():
    [document] = list(read_file(MEDLINE / "pubmed-29768149.xml", "pubmed-29768149.xml"))
    assert [(e.bank, e.accession) for e in document.databanks] == [("ClinicalTrials.gov", "NCT02149199")]
    assert "β2-agonist" in document.text  # <sub> after pretty-printing: no invented space
    assert document.journal.abbreviation == "N Engl J Med" and document.citation.first_page == "1865"


def test_registration_only_in_databank_comes_from_metadata(tmp_path):
    from extractor.nlp.analysis import analyse

    record = (CORPUS / "efetch_records.xml").read_bytes()
    first = next(iter(read_bytes(record, "efetch_records.xml")))
    [registration] = analyse(first).registrations
    field = "MedlineCitation/Article/DataBankList/DataBank"
    assert (registration.identifier, registration.start, registration.metadata) == ("NCT05869955", None, field)
    # in the graph: derived from the record's field, not from words of the text (contract v2)
    from extractor.graph.builder import GraphBuilder

    nquads = GraphBuilder().build(analyse(first)).nquads().decode()
    source = [line for line in nquads.splitlines() if "clinicaltrials.gov/study/NCT05869955> <http://www.w3.org/ns/prov#wasDerivedFrom>" in line]
    assert len(source) == 1 and "#field=MedlineCitation/Article/DataBankList/DataBank>" in source[0]
    assert f'<https://w3id.org/litkg/ontology#sourceField> "{field}"' in nquads


def test_slice_of_the_real_medline_baseline_file():
    """The first 300 records of the 30,000-record baseline file, streamed; the whole file is
    measured in benchmarks/ (too slow for a unit test)."""
    from extractor.nlp.analysis import analyse

    records = list(itertools.islice(read_file(MEDLINE / "pubmed20n0014.xml.gz", "pubmed20n0014.xml.gz"), 300))
    assert len(records) == 300
    assert len({d.record_key for d in records}) == 300 and all(d.identifiers.pmid for d in records)
    assert all(d.title and d.journal and d.date for d in records)
    assert sum(1 for d in records if len(d.sections) > 1) > 100  # with an abstract
    assert sum(1 for d in records if d.mesh_headings) > 250
    for document in records:
        extraction = analyse(document)
        for result in extraction.results:
            assert document.text[result.start:result.end] == result.text


_PAGE = '<html><head><meta charset="windows-1252"></head><body>caf\xe9 \x96 12</body></html>'


@pytest.mark.parametrize("data, encoding, expected", [
    ("Résumé – 12 patients".encode("utf-16-le"), "utf-16-le", "Résumé – 12 patients"),
    ("Résumé – 12 patients".encode("utf-16-be"), "utf-16-be", "Résumé – 12 patients"),
    (_PAGE.encode("latin-1"), "cp1252", _PAGE.replace("\x96", "–")),
])
def test_encodings_without_a_byte_order_mark(data, encoding, expected):
    assert decode(data) == (expected, encoding)


def _write(path, data: bytes):
    path.write_bytes(data)
    return path
