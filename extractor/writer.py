"""The single writer: finished documents are collected and committed to the store in batches."""

from __future__ import annotations

import time
from typing import Iterable

import pyoxigraph as ox

from .store import Store

BATCH_QUADS = 50_000  # quads per commit: bulk loads of this size were the fastest measured (docs/PERFORMANCE.md)


class BatchWriter:
    """Collects document graphs and graphs to drop; ``commit`` writes them as one batch.
    ``committed`` counts the documents that are in the store (what a run may report as done)."""

    def __init__(self, store: Store, batch_quads: int = BATCH_QUADS) -> None:
        self.store = store
        self.batch_quads = batch_quads
        self.committed = 0
        self.seconds = 0.0  # time spent writing
        self._drops: set[str] = set()
        self._graphs: list[str] = []
        self._quads: list[ox.Quad] = []
        self._nquads: list[bytes] = []
        self._size = 0
        self._documents = 0

    def add(self, graph: str, quads: Iterable[ox.Quad] = (), nquads: bytes = b"", document: bool = True) -> None:
        """Queue one graph's content (a document, or a bookkeeping graph when ``document`` is False)."""
        self._graphs.append(graph)
        before = len(self._quads)
        self._quads.extend(quads)
        self._size += len(self._quads) - before + nquads.count(b"\n")
        if nquads:
            self._nquads.append(nquads)
        self._documents += document
        if self._size >= self.batch_quads:
            self.commit()

    def drop(self, graphs: Iterable[str]) -> None:
        """Queue graphs to drop before the batch is loaded (old versions, records gone from a file)."""
        self._drops.update(graphs)

    def commit(self) -> None:
        if not (self._graphs or self._drops):
            return
        started = time.perf_counter()
        self.store.commit(self._drops, self._graphs, self._quads, [b"".join(self._nquads)] if self._nquads else [])
        self.seconds += time.perf_counter() - started
        self.committed += self._documents
        self._drops, self._graphs, self._quads, self._nquads = set(), [], [], []
        self._size = self._documents = 0
