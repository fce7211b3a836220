"""The embedded, persistent store (Oxigraph): one named graph per document, atomic per-document writes."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox

from .errors import QueryError, StoreError
from .graph.vocab import LITKG, PREFIXES, SCHEMA

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
        try:
            drops = " ".join(f"DROP SILENT GRAPH <{iri}> ;" for iri in sorted(set(remove) | {graph}))
            triples = " .\n".join(str(ox.Triple(q.subject, q.predicate, q.object)) for q in quads)
            self._store.update(f"{drops} INSERT DATA {{ GRAPH <{graph}> {{ {triples} }} }}")
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"store write failed: {exc}") from None

    def set_object(self, graph: str, subject: str, predicate: str, value: str | None) -> None:
        """In ``graph``, ``subject predicate`` has the one IRI ``value`` (or none), in one transaction."""
        s, p, g = ox.NamedNode(subject), ox.NamedNode(predicate), ox.NamedNode(graph)
        insert = f"INSERT DATA {{ GRAPH {g} {{ {s} {p} {ox.NamedNode(value)} }} }}" if value is not None else ""
        try:
            self._store.update(f"DELETE WHERE {{ GRAPH {g} {{ {s} {p} ?o }} }} ; {insert}".rstrip(" ;"))
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"store write failed: {exc}") from None

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        """Drop named graphs, 500 per update."""
        ordered = sorted(set(graphs))
        for start in range(0, len(ordered), 500):
            self.update(" ; ".join(f"DROP SILENT GRAPH <{iri}>" for iri in ordered[start:start + 500]))

    def update(self, sparql: str) -> None:
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

    def documents_of(self, source_file: str) -> dict[str, str]:
        """{document graph IRI: content hash} of the stored documents read from ``source_file`` (an index
        look-up: a run asks this only for the files it reads again, never for the whole store)."""
        rows = self._store.query(
            f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?g <{LITKG.sourceFile}> {ox.Literal(source_file)} ; <{LITKG.contentHash}> ?h "
            f"FILTER NOT EXISTS {{ ?g a ?kind FILTER(?kind IN (<{LITKG.ReadFailure}>, <{LITKG.ExtractedFile}>)) }} }} }}")
        return {row["g"].value: row["h"].value for row in rows}

    def extracted_files(self) -> dict[str, tuple[str, str]]:
        """source file -> (content hash, extractor version) for every file read completely."""
        rows = self._store.query(
            f"SELECT ?f ?h ?v WHERE {{ GRAPH ?g {{ ?g a <{LITKG.ExtractedFile}> ; <{LITKG.sourceFile}> ?f ; "
            f"<{LITKG.contentHash}> ?h ; <{LITKG.extractorVersion}> ?v }} }}")
        return {row["f"].value: (row["h"].value, row["v"].value) for row in rows}

    def read_failures(self) -> dict[str, str]:
        """source file -> reason, for files a previous run could not read completely."""
        rows = self._store.query(
            f"SELECT ?f ?r WHERE {{ GRAPH ?g {{ ?g a <{LITKG.ReadFailure}> ; <{LITKG.sourceFile}> ?f ; "
            f"<{LITKG.failureReason}> ?r }} }}")
        return {row["f"].value: row["r"].value for row in rows}

    def records_with_pmids(self, pmids: Iterable[str]) -> list[tuple[str, str]]:
        """(document graph, source file) of every stored record with one of ``pmids``."""
        wanted = {p for p in pmids if p.isdigit()}
        if not wanted:
            return []
        values = " ".join(f'"{p}"' for p in sorted(wanted))
        rows = self._store.query(
            f"SELECT DISTINCT ?g ?f WHERE {{ VALUES ?pmid {{ {values} }} GRAPH ?g {{ ?g <http://purl.org/spar/fabio/hasPubMedId> ?pmid ; "
            f"<{LITKG.sourceFile}> ?f }} }}")
        return [(row["g"].value, row["f"].value) for row in rows]

    def drop_records(self, pmids: Iterable[str], keep: set[str] = frozenset()) -> int:
        """Drop the document graphs of MEDLINE records withdrawn by a DeleteCitation; returns how many."""
        graphs = {graph for graph, _ in self.records_with_pmids(pmids)} - keep
        self.drop_graphs(graphs)
        return len(graphs)

    def described_in(self, graphs: Iterable[str], vocabulary_graph: str, chunk: int = 500) -> set[str]:
        """The things ``graphs`` refer to that the vocabulary graph describes (what their removal may
        orphan), asked for ``chunk`` graphs at a time (a changed MEDLINE file has thousands)."""
        found: set[str] = set()
        items = sorted(set(graphs))
        for i in range(0, len(items), chunk):
            values = " ".join(f"<{g}>" for g in items[i:i + chunk])
            rows = self._store.query(f"SELECT DISTINCT ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} "
                                     f"FILTER(isIRI(?o)) GRAPH <{vocabulary_graph}> {{ ?o ?q ?v }} }}")
            found.update(row["o"].value for row in rows)
        return found

    def prune_described(self, vocabulary_graph: str, candidates: Iterable[str], chunk: int = 500) -> int:
        """:meth:`prune_vocabulary` for ``candidates`` only: each looked up by index, so the cost follows
        what a run replaced, not the size of the store. Returns triples dropped."""
        before = len(self._store)
        items = sorted(candidates)
        v = f"<{vocabulary_graph}>"
        for i in range(0, len(items), chunk):
            values = " ".join(f"<{iri}>" for iri in items[i:i + chunk])
            self.update(f"""DELETE {{ GRAPH {v} {{ ?s ?p ?o }} }} WHERE {{ VALUES ?c {{ {values} }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?x ?y ?c }} FILTER(?g != {v}) }}
  GRAPH {v} {{ {{ ?c ?p ?o BIND(?c AS ?s) }} UNION {{ ?c <{SCHEMA.code}> ?s . ?s ?p ?o }} }} }}""")
        return before - len(self._store)

    def prune_vocabulary(self, vocabulary_graph: str) -> int:
        """Drop the descriptions in the vocabulary graph of things no other graph mentions any more (after
        documents were removed); a MeSH code node lives as long as its concept. Returns triples dropped."""
        before = len(self._store)
        v = f"<{vocabulary_graph}>"
        self.update(f"""DELETE {{ GRAPH {v} {{ ?s ?p ?o }} }} WHERE {{
  GRAPH {v} {{ ?s ?p ?o OPTIONAL {{ ?owner <{SCHEMA.code}> ?s }} }}
  BIND(COALESCE(?owner, ?s) AS ?described)
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?x ?y ?described }} FILTER(?g != {v}) }} }}""")
        return before - len(self._store)

    def graphs_of_files(self) -> dict[str, set[str]]:
        """source file -> every graph it gave (documents, its extracted-file mark, its read failure)."""
        found: dict[str, set[str]] = {}
        for row in self._store.query(f"SELECT ?g ?f WHERE {{ GRAPH ?g {{ ?g <{LITKG.sourceFile}> ?f }} }}"):
            found.setdefault(row["f"].value, set()).add(row["g"].value)
        return found

    def statistics(self) -> dict:
        """Counts per class, documents, named graphs, triples and bytes on disk."""
        classes = {row["c"].value: int(row["n"].value) for row in self._store.query(
            "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } } GROUP BY ?c ORDER BY DESC(?n)")}
        documents = int(next(iter(self._store.query(
            f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?g <{LITKG.sourceFile}> ?f ; <{LITKG.text}> ?t }} }}")))["n"].value)
        files = int(next(iter(self._store.query(
            f"SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE {{ GRAPH ?g {{ ?g <{LITKG.sourceFile}> ?f }} }}")))["n"].value)
        return {"store": str(self.path), "documents": documents, "source files": files,
                "named graphs": sum(1 for _ in self._store.named_graphs()), "triples": len(self._store),
                "bytes on disk": sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file()), "classes": classes}

    def triple_count(self) -> int:
        """Quads in the store (litkg writes named graphs only, so this counts every graph's triples)."""
        return len(self._store)

    def named_graphs(self) -> list[str]:
        return sorted(graph.value for graph in self._store.named_graphs())

    def __len__(self) -> int:
        return len(self._store)
