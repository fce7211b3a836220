"""`litkg push`: each named graph of the store sent to a SPARQL 1.1 Graph Store Protocol endpoint
(Oxigraph server `/store`, Fuseki `/DATASET/data`, GraphDB `/repositories/REPO/rdf-graphs/service`,
Virtuoso `/sparql-graph-crud`), so many machines' output can be gathered in one shared store.

Each document's graph is PUT (replaced) as N-Triples, so pushing twice leaves the same shared store.
The vocabulary graph (descriptions of concepts, organisations, journals, ... that every machine's
documents share) is POSTed (merged), so one machine's push never replaces another's descriptions."""

from __future__ import annotations

import base64
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox

from .store import Store


@dataclass(slots=True)
class PushSummary:
    graphs: int = 0
    triples: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (graph, reason)
    seconds: float = 0.0


def push_graphs(store: Store, endpoint: str, graphs: list[str] | None = None, auth: str | None = None,
                timeout: float = 60.0, progress: Callable[[str], None] | None = None,
                merged: frozenset[str] = frozenset()) -> PushSummary:
    """PUT every named graph (or ``graphs``) of ``store`` to ``endpoint``, POST (merge) those in
    ``merged``; failures are collected."""
    started = time.perf_counter()
    summary = PushSummary()
    headers = {"Content-Type": "application/n-triples"}
    if auth:
        headers["Authorization"] = "Basic " + base64.b64encode(auth.encode("utf-8")).decode("ascii")
    for graph in graphs or store.named_graphs():
        if progress:
            progress(graph)
        quads = store.graph_quads(graph)
        body = ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads], format=ox.RdfFormat.N_TRIPLES) or b""
        separator = "&" if "?" in endpoint else "?"
        url = f"{endpoint}{separator}graph={urllib.parse.quote(graph, safe='')}"
        request = urllib.request.Request(url, data=body, headers=headers, method="POST" if graph in merged else "PUT")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
            summary.graphs += 1
            summary.triples += len(quads)
        except urllib.error.HTTPError as exc:
            summary.failures.append((graph, f"HTTP {exc.code} {exc.reason}: {exc.read()[:200].decode('utf-8', 'replace')}"))
        except (urllib.error.URLError, OSError) as exc:
            summary.failures.append((graph, f"cannot reach {endpoint}: {getattr(exc, 'reason', exc)}"))
            break  # the endpoint is down: the other graphs would fail the same way
    summary.seconds = time.perf_counter() - started
    return summary
