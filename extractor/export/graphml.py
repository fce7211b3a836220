"""GraphML for Gephi, Cytoscape and yEd: resources become nodes, literals become node attributes.

Every node has ``label`` (a human name), ``type`` (its class, compact) and ``iri``; every edge
``label`` (the predicate, compact) and ``iri``. Literals become typed attributes (numbers as
``double`` or ``long``, booleans as ``boolean``), declared as GraphML keys. The long document text
and provenance selectors' quotes stay attributes, so the picture shows entities, not strings. The
file follows the GraphML 1.0 schema: node and edge ids are NMTOKENs (``n0``, ``e0``), since IRIs
contain characters an NMTOKEN may not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from ..graph.vocab import NIF, OA, RDF, SCHEMA, XSD
from ..query import compact
from ..store import Store

_LABEL_PREDICATES = (str(SCHEMA.name), str(SCHEMA.headline), str(SCHEMA.identifier), str(NIF.anchorOf), str(OA.exact),
                     "http://www.w3.org/2000/01/rdf-schema#label", str(SCHEMA.codeValue))
_MAX_ATTRIBUTE = 2000
_INTEGERS = {str(XSD[name]) for name in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}
_REALS = {str(XSD[name]) for name in ("decimal", "double", "float")}
_BOOLEAN = str(XSD.boolean)
_NOT_NMTOKEN = re.compile(r"[^\w.:-]")


def store_triples(store: Store) -> Iterator[tuple[object, object, object]]:
    """Every distinct triple of the union of the store's graphs."""
    for row in store.query("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }"):
        yield row["s"], row["p"], row["o"]


def to_networkx(store: Store, triples: Iterable[tuple[object, object, object]] | None = None) -> nx.MultiDiGraph:
    """The store (or ``triples``, e.g. a CONSTRUCT answer) as a graph of resources with literal attributes."""
    graph = nx.MultiDiGraph()
    literals: dict[str, dict[str, list[ox.Literal]]] = {}
    types: dict[str, list[str]] = {}
    edges: set[tuple[str, str, str]] = set()
    for s, p, obj in (store_triples(store) if triples is None else triples):
        subject = _node_id(s)
        predicate = p.value
        if isinstance(obj, ox.Literal):
            literals.setdefault(subject, {}).setdefault(predicate, []).append(obj)
        elif predicate == str(RDF.type):
            types.setdefault(subject, []).append(compact(obj.value))
        else:
            edges.add((subject, _node_id(obj), predicate))
    nodes = set(literals) | set(types) | {s for s, _, _ in edges} | {o for _, o, _ in edges}
    for node in sorted(nodes):
        attributes = {"iri": node, "type": " ".join(sorted(types.get(node, []))) or "rdfs:Resource",
                      "label": _label(node, literals.get(node, {}))}
        for predicate, values in sorted(literals.get(node, {}).items()):
            attributes[compact(predicate)] = _attribute(values)
        graph.add_node(node, **attributes)
    for subject, obj, predicate in sorted(edges):
        graph.add_edge(subject, obj, key=compact(predicate), label=compact(predicate), iri=predicate)
    return graph


def write_graphml(store: Store, path: Path, triples: Iterable | None = None) -> tuple[int, int]:
    graph = to_networkx(store, triples)
    nx.write_graphml(_for_graphml(graph), str(path), encoding="utf-8", prettyprint=True)
    return graph.number_of_nodes(), graph.number_of_edges()


def _attribute(values: list[ox.Literal]) -> object:
    """One literal keeps its type (int, float, bool); several are joined as text."""
    if len(values) == 1:
        value, datatype = values[0].value, values[0].datatype.value
        try:
            if datatype in _INTEGERS:
                return int(value)
            if datatype in _REALS:
                return float(value)
        except ValueError:
            pass
        if datatype == _BOOLEAN and value in ("true", "false", "1", "0"):
            return value in ("true", "1")
    return " | ".join(sorted(v.value for v in values))[:_MAX_ATTRIBUTE]


def _for_graphml(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph with NMTOKEN node and edge ids and attribute names, and one type per attribute
    (a GraphML key has one type: integers mixed with reals become reals, anything else mixed becomes text)."""
    kinds: dict[str, set[type]] = {}
    for _, data in graph.nodes(data=True):
        for name, value in data.items():
            kinds.setdefault(name, set()).add(type(value))
    def unify(name: str, value: object) -> object:
        found = kinds[name]
        if len(found) == 1:
            return value
        if found <= {int, float}:
            return float(value)
        return str(value).lower() if isinstance(value, bool) else str(value)
    ids = {node: f"n{i}" for i, node in enumerate(graph.nodes)}
    out = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        out.add_node(ids[node], **{_NOT_NMTOKEN.sub("_", name): unify(name, value) for name, value in data.items()})
    for i, (source, target, data) in enumerate(graph.edges(data=True)):
        out.add_edge(ids[source], ids[target], key=f"e{i}", **data)
    return out


def _node_id(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}"


def _label(node: str, values: dict[str, list[ox.Literal]]) -> str:
    for predicate in _LABEL_PREDICATES:
        if values.get(predicate):
            return sorted(v.value for v in values[predicate])[0][:200]
    tail = node.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return tail or node
