"""The code's closed litkg namespace and ontology/litkg.ttl declare the same terms, each labelled and defined."""

from __future__ import annotations

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import RDFS

from extractor.graph.vocab import LITKG
from extractor.vocabularies import ontology_file


def test_namespace_and_ontology_in_sync():
    graph = Graph().parse(data=ontology_file("litkg.ttl").read_text(encoding="utf-8"), format="turtle")
    ns = str(LITKG._NS)
    declared = {str(s)[len(ns):] for s in graph.subjects() if str(s).startswith(ns) and str(s) != ns}
    in_code = set(LITKG.__annotations__)
    assert declared == in_code
    for term in declared:
        subject = Namespace(ns)[term]
        assert graph.value(subject, RDFS.label) is not None, term
        assert graph.value(subject, RDFS.comment) is not None, term


def test_word_lists_are_checked_on_load():
    from extractor.errors import LitkgError
    from extractor.vocabularies import WORD_LISTS, parse_word_lists, word_list

    lists = parse_word_lists([{"list": "other work cues", "entry": "previous studies"}, {"list": "name particles", "entry": "van"}])
    assert lists["other work cues"] == ("previous studies",) and set(lists) == set(WORD_LISTS)
    with pytest.raises(LitkgError, match="unknown list"):
        parse_word_lists([{"list": "trial wrods", "entry": "placebo"}])
    with pytest.raises(LitkgError, match="listed twice"):
        parse_word_lists([{"list": "other work cues", "entry": "previous studies"}] * 2)
    with pytest.raises(LitkgError, match="no word list"):
        word_list("no such list")
    assert all(word_list(name) for name in WORD_LISTS)  # every declared list has entries in the shipped file
