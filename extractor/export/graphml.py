"""GraphML for Gephi, Cytoscape and yEd: resources become nodes, literals become node attributes.

Every node has ``label`` (a human name) and ``type`` (its class, compact), every edge ``label``
(the predicate, compact); IRIs are kept in the ``iri`` attribute. The long document text and
provenance selectors' quotes stay attributes, so the picture shows entities, not strings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

import networkx as nx
import pyoxigraph as ox

from ..graph.vocab import OA, RDF, SCHEMA
from ..query import compact
from ..store import Store

_LABEL_PREDICATES = (str(SCHEMA.name), str(SCHEMA.headline), str(SCHEMA.identifier), str(OA.exact),
                     "http://www.w3.org/2000/01/rdf-schema#label", str(SCHEMA.codeValue))
_MAX_ATTRIBUTE = 2000


def store_triples(store: Store) -> Iterator[tuple[object, object, object]]:
    """Every distinct triple of the union of the store's graphs."""
    for row in store.query("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }"):
        yield row["s"], row["p"], row["o"]


def to_networkx(store: Store, triples: Iterable[tuple[object, object, object]] | None = None) -> nx.MultiDiGraph:
    """The store (or ``triples``, e.g. a CONSTRUCT answer) as a graph of resources with literal attributes."""
    graph = nx.MultiDiGraph()
    literals: dict[str, dict[str, list[str]]] = {}
    types: dict[str, list[str]] = {}
    edges: set[tuple[str, str, str]] = set()
    for s, p, obj in (store_triples(store) if triples is None else triples):
        subject = _node_id(s)
        predicate = p.value
        if isinstance(obj, ox.Literal):
            literals.setdefault(subject, {}).setdefault(predicate, []).append(obj.value)
        elif predicate == str(RDF.type):
            types.setdefault(subject, []).append(compact(obj.value))
        else:
            edges.add((subject, _node_id(obj), predicate))
    nodes = set(literals) | set(types) | {s for s, _, _ in edges} | {o for _, o, _ in edges}
    for node in sorted(nodes):
        attributes = {"iri": node, "type": " ".join(sorted(types.get(node, []))) or "rdfs:Resource",
                      "label": _label(node, literals.get(node, {}))}
        for predicate, values in sorted(literals.get(node, {}).items()):
            value = " | ".join(sorted(values))
            attributes[compact(predicate)] = value[:_MAX_ATTRIBUTE]
        graph.add_node(node, **attributes)
    for subject, obj, predicate in sorted(edges):
        graph.add_edge(subject, obj, key=compact(predicate), label=compact(predicate), iri=predicate)
    return graph


def write_graphml(store: Store, path: Path, triples: Iterable | None = None) -> tuple[int, int]:
    graph = to_networkx(store, triples)
    nx.write_graphml(graph, str(path), encoding="utf-8", prettyprint=True)
    return graph.number_of_nodes(), graph.number_of_edges()


def _node_id(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}"


def _label(node: str, values: dict[str, list[str]]) -> str:
    for predicate in _LABEL_PREDICATES:
        if values.get(predicate):
            return sorted(values[predicate])[0][:200]
    tail = node.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return tail or node
