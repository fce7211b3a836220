"""Exports people open: Cytoscape.js JSON and RDF (Turtle, TriG, N-Quads, JSON-LD), whole or by query."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import litkg

STUDY = "https://w3id.org/litkg/id/study/nct04538599"
NEIGHBOURHOOD = f"CONSTRUCT {{ <{STUDY}> ?p ?o . ?o ?q ?v }} WHERE {{ <{STUDY}> ?p ?o OPTIONAL {{ ?o ?q ?v }} }}"


def _export(corpus_store: Path, tmp_path: Path, fmt: str, *extra: str) -> Path:
    output = tmp_path / f"out.{fmt}"
    done = litkg("export", fmt, "-o", str(output), "--store", str(corpus_store), *extra)
    assert done.returncode == 0, done.stderr
    return output


@pytest.mark.parametrize("fmt, parser, keeps_graphs", [
    ("turtle", ox.RdfFormat.TURTLE, False), ("jsonld", ox.RdfFormat.JSON_LD, False),
    ("trig", ox.RdfFormat.TRIG, True), ("nquads", ox.RdfFormat.N_QUADS, True)])
def test_rdf_exports_read_back_to_the_store(corpus_store: Path, tmp_path: Path, fmt, parser, keeps_graphs):
    output = _export(corpus_store, tmp_path, fmt)
    read = list(ox.parse(path=str(output), format=parser))
    store = ox.Store.read_only(str(corpus_store))
    if keeps_graphs:
        assert {str(q) for q in read} == {str(q) for q in store}
    else:
        union = {str(ox.Triple(q.subject, q.predicate, q.object)) for q in store}
        assert {str(ox.Triple(q.subject, q.predicate, q.object)) for q in read} == union


def test_a_construct_query_exports_one_studys_neighbourhood(corpus_store: Path, tmp_path: Path):
    output = _export(corpus_store, tmp_path, "turtle", "--query", NEIGHBOURHOOD)
    triples = list(ox.parse(path=str(output), format=ox.RdfFormat.TURTLE))
    subjects = {t.subject.value for t in triples}
    assert STUDY in subjects and len(triples) > 20
    assert not any("isrctn62801537" in s for s in subjects)  # another study stays out
    refused = litkg("export", "turtle", "-o", str(tmp_path / "x.ttl"), "--store", str(corpus_store),
                    "--query", "SELECT * WHERE { ?s ?p ?o }")
    assert refused.returncode == 3 and "CONSTRUCT" in refused.stderr


def test_cytoscape_json_has_labelled_typed_nodes_and_edges(corpus_store: Path, tmp_path: Path):
    document = json.loads(_export(corpus_store, tmp_path, "cytoscape").read_text(encoding="utf-8"))
    nodes, edges = document["elements"]["nodes"], document["elements"]["edges"]
    by_id = {n["data"]["id"]: n["data"] for n in nodes}
    assert by_id[STUDY]["type"] == "schema:MedicalStudy schema:MedicalTrial" and by_id[STUDY]["name"]
    assert any(e["data"]["source"] == STUDY and e["data"]["label"] == "litkg:registration" for e in edges)
    assert all(e["data"]["source"] in by_id and e["data"]["target"] in by_id for e in edges)
    small = json.loads(_export(corpus_store, tmp_path, "cytoscape", "--query", NEIGHBOURHOOD).read_text(encoding="utf-8"))
    assert 1 < len(small["elements"]["nodes"]) < len(nodes)
