"""Exports besides GraphML: Cytoscape.js JSON, and the store's RDF as Turtle, TriG, N-Quads or JSON-LD,
for the whole store or for the triples a CONSTRUCT query gives (one study's neighbourhood, say)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

import networkx as nx
import pyoxigraph as ox

from ..errors import QueryError
from ..graph.vocab import PREFIXES
from ..store import Store
from .graphml import to_networkx

RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
               "jsonld": ox.RdfFormat.JSON_LD}


def construct(store: Store, sparql: str) -> list[tuple[object, object, object]]:
    """The triples of a CONSTRUCT (or DESCRIBE) query over the store."""
    answer = store.query(sparql)
    if not isinstance(answer, ox.QueryTriples):
        raise QueryError("--query must be a CONSTRUCT or DESCRIBE query (it gives the triples to export)")
    return [(t.subject, t.predicate, t.object) for t in answer]


def write_rdf(store: Store, path: Path, fmt: str, triples: Iterable | None = None) -> int:
    """Write the store (named graphs kept in TriG and N-Quads; the union of the graphs in Turtle and
    JSON-LD) or ``triples``; returns how many statements were written."""
    chosen = RDF_FORMATS[fmt]
    prefixes = {"prefixes": PREFIXES} if chosen in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else {}
    if triples is not None:
        items = [ox.Triple(s, p, o) for s, p, o in triples]
        if chosen in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
            items = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in items]
    elif chosen in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
        items = list(store._store)
    else:
        items = [ox.Triple(s, p, o) for s, p, o in
                 ((r["s"], r["p"], r["o"]) for r in store.query("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }"))]
    with open(path, "wb") as out:
        ox.serialize(items, out, chosen, **prefixes)
    return len(items)


def write_cytoscape(store: Store, path: Path, triples: Iterable | None = None) -> tuple[int, int]:
    """Cytoscape.js JSON (``elements`` with nodes and edges; literals as node data), for Cytoscape
    desktop (File > Import > Network from File) or a cytoscape.js page."""
    graph = to_networkx(store, triples)
    simple = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        simple.add_node(node, name=data.get("label", node), **{k.replace(":", "_"): v for k, v in data.items()})
    for source, target, data in graph.edges(data=True):
        simple.add_edge(source, target, **data)
    document = nx.cytoscape_data(simple)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return graph.number_of_nodes(), graph.number_of_edges()
