"""The user-path evaluation's parts: saved forms map back to gold offsets, the word alignment places
spans or refuses them, and the graph holds every span the NLP records give (nothing lost between
records and graph)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS

from extractor.evaluation.align import Alignment
from extractor.evaluation.predictions import from_extraction
from extractor.evaluation.user_path import FORMS, graph_predictions, saved
from extractor.nlp.analysis import analyse
from extractor.readers import read_file
from extractor.records import Document
from extractor.runs import walk
from extractor.store import Store

TEXT = "A trial of drug X.\n\nBACKGROUND : Asthma is common.\nRESULTS : Drug X cut attacks by 40%."
TITLE_END = TEXT.index("\n")


@pytest.mark.parametrize("form", FORMS)
def test_each_form_maps_file_offsets_to_gold_offsets(form: str):
    f = saved("a.txt", TEXT, TITLE_END, form)
    assert f.content.startswith("A trial of drug X.") and f.content.endswith("\n")
    for word in ("trial", "Asthma", "40%"):
        gold = TEXT.index(word)
        in_file = f.content.index(word)
        assert f.to_gold(in_file) == gold and f.to_gold(in_file + len(word)) == gold + len(word)
    if form == "one-line":
        assert "\n" not in f.content.rstrip("\n")


def test_alignment_places_spans_across_layout_changes_and_refuses_what_is_not_there():
    stored = "A trial of drug X.\n\nBackground\nAsthma is common.\n\nResults\nDrug X cut attacks by 40%."
    file_text = saved("a.txt", TEXT, TITLE_END, "title-line").content
    alignment = Alignment(stored, file_text)
    start = stored.index("attacks by 40%")
    span = alignment.span(start, start + len("attacks by 40%"))
    assert span is not None and file_text[span[0]:span[1]] == "attacks by 40%"
    inserted = "Asthma is common, said nobody."
    assert Alignment(inserted, file_text).span(inserted.index("nobody"), len(inserted) - 1) is None


def test_alignment_finds_a_word_glued_to_a_heading():
    stored = "Conclusion\nTocilizumab reduced signaling."
    file_text = "ConclusionTocilizumab reduced signaling.\n"
    span = Alignment(stored, file_text).span(stored.index("Tocilizumab"), len(stored) - 1)
    assert span is not None and file_text[span[0]:span[1]] == "Tocilizumab reduced signaling"


def test_the_graph_holds_every_span_the_records_give(corpus_store: Path):
    """For every corpus document, the spans read back from the graph through provenance are exactly
    the spans the builder was given (the user-path scores differ from the direct ones only by the
    reader's text, never by the graph)."""
    found = graph_predictions(Store(corpus_store, read_only=True))
    compared = 0
    for path, relative in walk(CORPUS):
        for document in read_file(path, relative):
            if not isinstance(document, Document):
                continue
            expected = from_extraction(analyse(document))
            [graph] = [p for text, p in found[relative] if text == document.text]
            assert sorted(graph.drugs) == sorted(set(expected.drugs)), relative
            assert sorted(graph.therapies) == sorted(set(expected.therapies)), relative
            assert sorted(graph.conditions) == sorted(set(expected.conditions)), relative
            assert sorted(graph.outcomes) == sorted(set(expected.outcomes)), relative
            assert sorted(graph.population) == sorted(set(expected.population)), relative
            assert sorted(graph.results, key=repr) == sorted(set(expected.results), key=repr), relative
            assert graph.registrations == expected.registrations, relative
            compared += 1
    assert compared >= 18
