"""GraphML export: labels and types on every node, labels on every edge, and a clean round trip."""

from __future__ import annotations

import networkx as nx

from conftest import litkg


def test_graphml_round_trip(seed_store, tmp_path):
    path = tmp_path / "graph.graphml"
    done = litkg("export", "graphml", "--store", str(seed_store), "-o", str(path))
    assert done.returncode == 0, done.stderr
    nodes, edges = (int(n) for n in done.stdout.split(" nodes, ")[0:1] + [done.stdout.split(" nodes, ")[1].split(" edges")[0]])
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.number_of_nodes() == nodes and graph.number_of_edges() == edges
    assert nodes > 100 and edges > 100
    for node, data in graph.nodes(data=True):
        assert data["label"] and data["type"] and data["iri"] == node
    for _, _, data in graph.edges(data=True):
        assert data["label"].count(":") == 1
    studies = [n for n, d in graph.nodes(data=True) if "schema:MedicalStudy" in d["type"]]
    assert len(studies) == 1
    registrations = sorted(d["label"] for _, d in graph.nodes(data=True) if "litkg:TrialRegistration" in d["type"])
    assert registrations == ["NCT04538599", "NCT04599556"]
