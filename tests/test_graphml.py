"""GraphML export: valid against the GraphML schema, typed keys, labels and types on every node,
labels on every edge, and a clean round trip."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from conftest import litkg
from lxml import etree

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas" / "graphml.xsd")))
NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


@pytest.fixture(scope="module")
def exported(corpus_store, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("graphml") / "corpus.graphml"
    done = litkg("export", "graphml", "--store", str(corpus_store), "-o", str(path))
    assert done.returncode == 0, done.stderr
    return path


def test_graphml_validates_against_the_schema(exported):
    document = etree.parse(str(exported))
    assert SCHEMA.validate(document), SCHEMA.error_log.filter_from_errors()[:5]
    # the schema has teeth: an IRI as a node id (not an NMTOKEN) and an edge to a missing node are refused
    node = document.find(".//g:node", NS)
    node.set("id", "https://w3id.org/litkg/id/doc/x")
    assert not SCHEMA.validate(document)


def test_graphml_keys_are_declared_once_with_their_types(exported):
    keys = etree.parse(str(exported)).findall("g:key", NS)
    declared = [(k.get("for"), k.get("attr.name")) for k in keys]
    assert len(declared) == len(set(declared))  # one key (one type) per attribute
    types = {name: k.get("attr.type") for k in keys for name in [k.get("attr.name")] if k.get("for") == "node"}
    assert types["label"] == types["type"] == types["iri"] == "string"
    assert types["schema:value"] == "double" and types["litkg:count"] == "long"
    assert types["litkg:unresolved"] == "boolean"
    graph = nx.read_graphml(exported, force_multigraph=True)
    counts = [d["litkg:count"] for _, d in graph.nodes(data=True) if "litkg:count" in d]
    assert counts and all(isinstance(c, int) for c in counts)


def test_graphml_round_trip(seed_store, tmp_path):
    path = tmp_path / "graph.graphml"
    done = litkg("export", "graphml", "--store", str(seed_store), "-o", str(path))
    assert done.returncode == 0, done.stderr
    nodes, edges = (int(n) for n in done.stdout.split(" nodes, ")[0:1] + [done.stdout.split(" nodes, ")[1].split(" edges")[0]])
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.number_of_nodes() == nodes and graph.number_of_edges() == edges
    assert nodes > 100 and edges > 100
    for node, data in graph.nodes(data=True):
        assert data["label"] and data["type"] and data["iri"].startswith(("http", "_:"))
    for _, _, data in graph.edges(data=True):
        assert data["label"].count(":") == 1
    studies = [n for n, d in graph.nodes(data=True) if "schema:MedicalStudy" in d["type"]]
    assert len(studies) == 1
    registrations = sorted(d["label"] for _, d in graph.nodes(data=True) if "litkg:TrialRegistration" in d["type"])
    assert registrations == ["NCT04538599", "NCT04599556"]
