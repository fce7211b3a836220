"""The single writer: finished documents are collected and committed to the store in batches, by a
background thread, so that the store's work overlaps with reading and NLP.

Oxigraph's bulk load of N-Quads bytes releases Python's GIL (measured: a CPU-bound Python loop ran
at full speed during it), so the thread costs the main thread only the serialisation of each batch.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from ..store import Store

BATCH_QUADS = 400_000  # quads per commit: fewer, larger bulk loads cost the store less CPU; more cost memory (docs/PERFORMANCE.md)
_QUEUED_BATCHES = 2  # batches handed over but not yet written: bounds memory


@dataclass(frozen=True, slots=True)
class _Batch:
    drops: frozenset[str]
    graphs: tuple[str, ...]
    nquads: bytes
    documents: int


class BatchWriter:
    """Collects document graphs and graphs to drop; ``commit`` hands them to the writer thread as
    one batch, ``flush`` waits until everything handed over is in the store. ``committed`` counts
    the documents that are in the store (what a run may report as done)."""

    def __init__(self, store: Store, batch_quads: int = BATCH_QUADS) -> None:
        self.store = store
        self.batch_quads = batch_quads
        self.committed = 0
        self.seconds = 0.0  # time the writer thread spent writing
        self.waited = 0.0  # time the caller spent waiting for it
        self._drops: set[str] = set()
        self._graphs: list[str] = []
        self._quads: list[ox.Quad] = []
        self._nquads: list[bytes] = []
        self._size = 0
        self._documents = 0
        self._queue: queue.Queue[_Batch | None] = queue.Queue(maxsize=_QUEUED_BATCHES)
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

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
        """Hand the pending batch to the writer thread (blocks while two batches are waiting)."""
        self._raise_if_failed()
        if not (self._graphs or self._drops):
            return
        if self._quads:
            self._nquads.insert(0, ox.serialize(self._quads, format=ox.RdfFormat.N_QUADS))
        batch = _Batch(frozenset(self._drops), tuple(self._graphs), b"".join(self._nquads), self._documents)
        self._drops, self._graphs, self._quads, self._nquads = set(), [], [], []
        self._size = self._documents = 0
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="litkg-writer", daemon=True)
            self._thread.start()
        started = time.perf_counter()
        self._queue.put(batch)
        self.waited += time.perf_counter() - started

    def flush(self) -> None:
        """Commit, and wait until every batch is in the store (before other store operations)."""
        self.commit()
        started = time.perf_counter()
        self._queue.join()
        self.waited += time.perf_counter() - started
        self._raise_if_failed()

    def close(self) -> None:
        """Flush and stop the writer thread."""
        try:
            self.flush()
        finally:
            if self._thread is not None:
                self._queue.put(None)
                self._thread.join()
                self._thread = None

    def _run(self) -> None:
        while True:
            batch = self._queue.get()
            try:
                if batch is None:
                    return
                if self._error is None:  # after a failure, later batches are not written
                    started = time.perf_counter()
                    self.store.commit(batch.drops, batch.graphs, nquads=[batch.nquads] if batch.nquads else [])
                    self.seconds += time.perf_counter() - started
                    self.committed += batch.documents
            except BaseException as exc:  # handed to the caller at its next commit or flush
                self._error = exc
            finally:
                self._queue.task_done()

    def _raise_if_failed(self) -> None:
        if self._error is not None:
            raise self._error
