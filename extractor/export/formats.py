"""Exports besides GraphML: Cytoscape.js JSON, and the store's RDF as Turtle, TriG, N-Quads or JSON-LD,
for the whole store or for the triples a CONSTRUCT query gives (one study's neighbourhood, say)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from ..errors import QueryError
from ..graph.iris import digest
from ..graph.vocab import LITKG, NIF, OA, PREFIXES, RDF
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


PROVENANCE_SHAPES = ("nif", "web-annotation")
_MENTION_PREDICATES = {ox.NamedNode(str(NIF[name])): name for name in ("referenceContext", "beginIndex", "endIndex", "anchorOf")}
_TYPE, _OFFSET_STRING = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(NIF.OffsetBasedString))
_SOURCE_FIELD = ox.NamedNode(str(LITKG.sourceField))
_OA_TERMS = {name: ox.NamedNode(str(OA[name])) for name in (
    "Annotation", "hasTarget", "hasSource", "hasSelector", "TextPositionSelector", "TextQuoteSelector", "start", "end", "exact")}


def web_annotations(items: Iterable) -> list:
    """The store's NIF mentions (contract v2) rewritten as W3C Web Annotations (the v1 shape): each
    mention IRI becomes an ``oa:Annotation`` whose target is the document with a position and a quote
    selector, so annotation tools read it; every fact keeps its ``prov:wasDerivedFrom`` link to it.
    ``items`` are quads or triples; the rest passes through unchanged."""
    items = list(items)
    mentions: dict[object, dict[str, object]] = {}
    for item in items:
        name = _MENTION_PREDICATES.get(item.predicate)
        if name:
            mentions.setdefault(item.subject, {})[name] = item.object
            mentions[item.subject]["graph"] = getattr(item, "graph_name", None)
    out = []
    for item in items:
        mention = mentions.get(item.subject)
        if mention is not None and (item.predicate in _MENTION_PREDICATES
                                    or (item.predicate == _TYPE and item.object == _OFFSET_STRING)):
            continue
        out.append(item)
    o = _OA_TERMS
    for node, parts in mentions.items():
        graph = parts["graph"]
        key = digest(node.value)
        target = ox.BlankNode(f"t{key}")
        triples = [(node, _TYPE, o["Annotation"]), (node, o["hasTarget"], target)]
        if "referenceContext" in parts:
            triples.append((target, o["hasSource"], parts["referenceContext"]))
        if "beginIndex" in parts and "endIndex" in parts:
            position = ox.BlankNode(f"p{key}")
            triples += [(target, o["hasSelector"], position), (position, _TYPE, o["TextPositionSelector"]),
                        (position, o["start"], parts["beginIndex"]), (position, o["end"], parts["endIndex"])]
        if "anchorOf" in parts:
            quote = ox.BlankNode(f"q{key}")
            triples += [(target, o["hasSelector"], quote), (quote, _TYPE, o["TextQuoteSelector"]),
                        (quote, o["exact"], parts["anchorOf"])]
        out += [ox.Quad(s, p, v, graph) if graph is not None else ox.Triple(s, p, v) for s, p, v in triples]
    return out


def write_rdf(store: Store, path: Path, fmt: str, triples: Iterable | None = None, provenance: str = "nif") -> int:
    """Write the store (named graphs kept in TriG and N-Quads; the union of the graphs in Turtle and
    JSON-LD) or ``triples``, with provenance as NIF mentions (as stored) or as Web Annotations;
    returns how many statements were written."""
    chosen = RDF_FORMATS[fmt]
    prefixes = {"prefixes": PREFIXES} if chosen in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else {}
    if triples is not None:
        items = [ox.Triple(s, p, o) for s, p, o in triples]
        if chosen in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
            items = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in items]
    elif chosen in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
        items = list(store.quads())
    else:
        items = [ox.Triple(s, p, o) for s, p, o in
                 ((r["s"], r["p"], r["o"]) for r in store.query("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }"))]
    if provenance == "web-annotation":
        items = web_annotations(items)
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
