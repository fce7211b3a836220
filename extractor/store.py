"""The embedded, persistent store (Oxigraph): named graphs, a journal for bulk loads, SPARQL.

What litkg keeps in the store about source files (read completely, failed, their documents) is
asked for through :mod:`extractor.ledger`; this module knows nothing of litkg's vocabulary."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from .errors import QueryError, StoreError
from .graph.vocab import PREFIXES

DEFAULT_STORE = "litkg-store"
STORE_ENV = "LITKG_STORE"
JOURNAL = "litkg-pending.json"  # the graphs of a batch being written; present only while it is


def default_store_path() -> Path:
    """``$LITKG_STORE`` if set, else ``./litkg-store`` in the current directory."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


_LOADER_FILES = "bulk-*.sst"  # what Oxigraph's bulk loader writes beside the store before taking it in


class Store:
    """A litkg store on disk. Open it once per process; a second process gets a clear error."""

    def __init__(self, path: Path | str, read_only: bool = False) -> None:
        self.path = Path(path)
        try:
            if read_only:
                if not self.path.exists():
                    raise StoreError(f"no store at {self.path}: run 'litkg extract FOLDER' first (or pass --store)")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            message = str(exc)
            if "lock" in message.lower():
                raise StoreError(f"the store {self.path} is in use by another litkg process; wait for it to finish") from None
            raise StoreError(f"cannot open the store {self.path}: {message}") from None
        self.recovered = 0 if read_only else self._recover()

    # -------------------------------------------------------------- batches

    def commit(self, drops: Iterable[str], graphs: Iterable[str], nquads: Iterable[bytes] = ()) -> None:
        """Write a batch of documents: drop ``drops`` (old versions), then load the new graphs'
        N-Quads chunks with the bulk loader (several times faster than a transaction). The chunks are
        litkg's own output, whose IRIs and literals the graph builder has already checked and escaped,
        so the loader skips re-validating them (``lenient``: 12% less CPU per load, same quads).

        The bulk loader is not transactional, so the batch's graphs are listed in a journal first
        and the journal is removed once the batch is in; a store opened with a journal left behind
        (the process was killed mid-batch) drops those graphs, and their files are read again."""
        graphs = sorted(set(graphs))
        journal = self.path / JOURNAL
        loader_files = set(self.path.glob(_LOADER_FILES))
        try:
            with open(journal, "w", encoding="utf-8") as out:
                json.dump({"graphs": graphs}, out)
                out.flush()
                os.fsync(out.fileno())
            self.drop_graphs(drops)
            for chunk in nquads:
                self._store.bulk_load(chunk, ox.RdfFormat.N_QUADS, lenient=True)
            self._store.flush()
            journal.unlink()
        except (OSError, SyntaxError, ValueError) as exc:
            # the loader's sorted files of a load that failed (a full disk) were never taken into the store
            for leftover in set(self.path.glob(_LOADER_FILES)) - loader_files:
                leftover.unlink(missing_ok=True)
            raise StoreError(f"store write failed: {exc}") from None

    def _recover(self) -> int:
        """Drop the graphs of a batch a killed process left half-written; returns how many."""
        journal = self.path / JOURNAL
        if not journal.exists():
            return 0
        try:
            graphs = json.loads(journal.read_text(encoding="utf-8")).get("graphs", [])
        except (OSError, ValueError):
            graphs = []  # the process died while writing the journal, before touching the store
        self.drop_graphs(graphs)
        self._store.flush()
        journal.unlink()
        return len(graphs)

    # -------------------------------------------------------------- writes

    def replace_graphs(self, remove: Iterable[str], graph: str, quads: list[ox.Quad]) -> None:
        """Drop ``remove`` and ``graph`` and write ``quads`` into ``graph``, in one transaction (for the
        few graphs rewritten after extraction: news links, moved studies, read failures)."""
        drops = " ".join(f"DROP SILENT GRAPH {ox.NamedNode(iri)} ;" for iri in sorted(set(remove) | {graph}))
        triples = " .\n".join(str(ox.Triple(q.subject, q.predicate, q.object)) for q in quads)
        self.update(f"{drops} INSERT DATA {{ GRAPH {ox.NamedNode(graph)} {{ {triples} }} }}")

    def set_object(self, graph: str, subject: str, predicate: str, value: str | None) -> None:
        """In ``graph``, ``subject predicate`` has the one IRI ``value`` (or none), in one transaction."""
        s, p, g = ox.NamedNode(subject), ox.NamedNode(predicate), ox.NamedNode(graph)
        insert = f"INSERT DATA {{ GRAPH {g} {{ {s} {p} {ox.NamedNode(value)} }} }}" if value is not None else ""
        self.update(f"DELETE WHERE {{ GRAPH {g} {{ {s} {p} ?o }} }} ; {insert}".rstrip(" ;"))

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        """Drop named graphs, 500 per update."""
        ordered = sorted(set(graphs))
        for start in range(0, len(ordered), 500):
            self.update(" ; ".join(f"DROP SILENT GRAPH <{iri}>" for iri in ordered[start:start + 500]))

    def update(self, sparql: str) -> None:
        """Every transactional write (the bulk load of :meth:`commit` aside) goes through here."""
        try:
            self._store.update(sparql)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"store write failed: {exc}") from None

    def flush(self) -> None:
        self._store.flush()

    # -------------------------------------------------------------- reads

    def query(self, sparql: str, graph: str | None = None, substitutions: dict | None = None):
        """Answer a SPARQL query over the union of all graphs (or one named graph); ``substitutions``
        bind variables to terms (SEP-0007), so values never become query text."""
        try:
            if graph:
                return self._store.query(sparql, default_graph=ox.NamedNode(graph), prefixes=PREFIXES,
                                         substitutions=substitutions or None)
            return self._store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES,
                                     substitutions=substitutions or None)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {exc}") from None
        except (OSError, RuntimeError) as exc:
            raise QueryError(f"query failed: {exc}") from None

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the store, in every graph."""
        return iter(self._store)

    def quads_of(self, graph: str, subject: str, predicate: str) -> list[ox.Quad]:
        """The quads of ``graph`` with this subject and predicate (an index look-up)."""
        return list(self._store.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate), None, ox.NamedNode(graph)))

    def graph_quads(self, graph: str) -> list[ox.Quad]:
        return list(self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def dump(self) -> bytes:
        """The whole store as N-Quads (benchmarks and copies; `litkg export` writes the user's formats)."""
        return self._store.dump(format=ox.RdfFormat.N_QUADS)

    def triple_count(self) -> int:
        """Quads in the store (litkg writes named graphs only, so this counts every graph's triples)."""
        return len(self._store)

    def graph_count(self) -> int:
        """Named graphs in the store, counted without listing them (a PubMed store has ~36 million)."""
        return sum(1 for _ in self._store.named_graphs())

    def named_graphs(self) -> list[str]:
        return sorted(graph.value for graph in self._store.named_graphs())

    def __len__(self) -> int:
        return len(self._store)

    def size_on_disk(self) -> int:
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())
