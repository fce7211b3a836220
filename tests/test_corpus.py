"""The self-written corpus documents (one per supported format and layout) against their gold
annotations in corpus/gold/: metadata, sections, registrations, quotes, indexing, and what must
never be read (page furniture, related-article teasers, other records' identifiers)."""

from __future__ import annotations

import json

import pytest
from conftest import CORPUS, ROOT

from extractor.nlp.analysis import analyse
from extractor.readers import read_file
from extractor.records import DeletedRecords

GOLD = sorted((CORPUS / "gold").glob("*.json"))


def _observed(document, extraction) -> dict:
    journal, citation, ids = document.journal, document.citation, document.identifiers
    return {
        "record_key": document.record_key, "reader": document.reader, "kind": document.kind.value,
        "encoding": document.encoding, "title": document.title, "date": document.date.iso() if document.date else None,
        "journal": [journal.name, journal.abbreviation] if journal else None,
        "citation": [citation.volume, citation.issue, citation.first_page, citation.last_page] if citation else None,
        "doi": ids.doi, "pmid": ids.pmid, "pmcid": ids.pmcid, "publisher": document.publisher,
        "authors": [a.name for a in document.authors],
        "affiliations": {a.name: list(a.affiliations) for a in document.authors if a.affiliations},
        "sections": [[s.kind, s.heading] for s in document.sections],
        "registrations": sorted(r.identifier for r in extraction.registrations),
        "quotes": [[q.text[:40], q.speaker] for q in document.quotes],
        "publication_types": [[t.name, t.code] for t in document.publication_types],
        "mesh_headings": [[t.name, t.code, t.major] for t in document.mesh_headings],
        "substances": [[t.name, t.code] for t in document.substances],
        "databanks": [[e.bank, e.accession] for e in document.databanks],
        "grants": [[g.identifier, g.agency, g.country] for g in document.grants],
        "keywords": list(document.keywords), "copyright": document.copyright,
    }


def test_every_corpus_document_has_gold():
    documents = {p.name for p in CORPUS.iterdir() if p.is_file() and not p.name.startswith((".", "README"))}
    assert {p.name.removesuffix(".json") for p in GOLD} | {"000_58500c5031921e96.txt", "001_7043bb039a761789.txt"} == documents
    assert len(GOLD) >= 12


@pytest.mark.parametrize("gold_file", GOLD, ids=lambda p: p.name.removesuffix(".json"))
def test_document_matches_gold(gold_file):
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    items = list(read_file(CORPUS / gold["file"], gold["file"]))
    assert len(items) == len(gold["documents"])
    texts = []
    for item, expected in zip(items, gold["documents"]):
        if isinstance(item, DeletedRecords):
            assert list(item.pmids) == expected["deleted_pmids"]
            continue
        observed = _observed(item, analyse(item))
        for key, value in expected.items():
            assert observed[key] == value, f"{gold['file']} {item.record_key or ''}: {key}"
        for key in set(observed) - set(expected):  # gold leaves out what must be absent
            assert observed[key] in (None, [], {}), f"{gold['file']}: unexpected {key} {observed[key]!r}"
        texts.append(item.text)
    text = "\n".join(texts)
    for furniture in gold["absent"]:
        assert furniture not in text, f"{gold['file']}: page furniture {furniture!r} was read as text"
    for exact in gold["present"]:
        assert exact in text, f"{gold['file']}: {exact!r} not kept exactly"


def test_news_stories_link_to_the_papers_they_cover(corpus_store):
    from conftest import litkg

    answer = litkg("query", "SELECT DISTINCT ?news ?paper WHERE { ?n a schema:NewsArticle ; litkg:sourceFile ?news ; "
                   "schema:about ?s . ?a a schema:ScholarlyArticle ; litkg:sourceFile ?paper ; schema:about ?s }",
                   "--store", str(corpus_store), "--format", "csv")
    pairs = {tuple(line.split(",")) for line in answer.stdout.splitlines()[1:]}
    gold = json.loads((ROOT / "tests" / "cases" / "links.json").read_text(encoding="utf-8"))["links"]
    assert pairs == {(news, paper) for news, paper in gold.items() if paper}
