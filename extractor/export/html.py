"""`litkg export html`: one self-contained HTML file (no network) that draws the graph of studies,
registrations, interventions, conditions, endpoints, results and their documents, colour-coded;
clicking a node shows its properties and the quoted words it was read from."""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from ..store import Store
from .graphml import to_networkx

# what is drawn, in legend order: compact class -> (legend name, colour)
KINDS = {
    "schema:MedicalStudy": ("study", "#1f77b4"),
    "litkg:TrialRegistration": ("registration", "#9467bd"),
    "schema:Drug": ("drug", "#2ca02c"),
    "schema:MedicalTherapy": ("therapy", "#17becf"),
    "schema:MedicalCondition": ("condition", "#d62728"),
    "litkg:Endpoint": ("endpoint", "#ff7f0e"),
    "litkg:Result": ("result", "#8c564b"),
    "schema:ScholarlyArticle": ("paper", "#7f7f7f"),
    "schema:NewsArticle": ("news story", "#e377c2"),
}
_HIDDEN_ATTRIBUTES = ("litkg:text", "iri", "type", "label")


def graph_data(store: Store, triples: Iterable | None = None, max_nodes: int = 3000) -> dict:
    """Nodes of the drawn kinds (with their properties and quoted evidence) and the edges between them."""
    graph = to_networkx(store, triples)
    quotes = _evidence(store)
    nodes, kept = [], set()
    for node, data in graph.nodes(data=True):
        kind = next((KINDS[t][0] for t in data.get("type", "").split() if t in KINDS), None)
        if kind is None:
            continue
        properties = {key: value for key, value in data.items() if key not in _HIDDEN_ATTRIBUTES}
        nodes.append({"id": node, "label": data.get("label", node)[:80], "kind": kind, "properties": properties,
                      "evidence": quotes.get(node, [])[:5]})
        kept.add(node)
    nodes.sort(key=lambda n: (list(k for k, _ in KINDS.values()).index(n["kind"]), n["id"]))
    nodes = nodes[:max_nodes]
    kept = {n["id"] for n in nodes}
    edges = sorted({(s, t, d.get("label", "")) for s, t, d in graph.edges(data=True) if s in kept and t in kept})
    return {"nodes": nodes, "edges": [{"source": s, "target": t, "label": label} for s, t, label in edges],
            "legend": [{"kind": name, "colour": colour} for name, colour in KINDS.values()]}


def _evidence(store: Store) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for row in store.query("SELECT DISTINCT ?x ?exact WHERE { ?x prov:wasDerivedFrom/nif:anchorOf ?exact }"):
        found.setdefault(row["x"].value, []).append(row["exact"].value)
    return found


def write_html(store: Store, path: Path, triples: Iterable | None = None, max_nodes: int = 3000) -> tuple[int, int]:
    data = graph_data(store, triples, max_nodes)
    page = resources.files("extractor.export").joinpath("graph_page.html").read_text(encoding="utf-8")
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")  # no early </script>
    path.write_text(page.replace("/*GRAPH*/null", payload), encoding="utf-8")
    return len(data["nodes"]), len(data["edges"])


__all__ = ["KINDS", "graph_data", "write_html"]
