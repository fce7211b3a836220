"""What litkg keeps in the store about its own work: which source files were read completely, which
failed and why, which documents each gave, and the shared descriptions they leave behind."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from .graph.vocab import FABIO, LITKG, SCHEMA
from .store import Store


class Ledger:
    """litkg's bookkeeping queries over one :class:`Store` (index look-ups unless said otherwise)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def documents_of(self, source_file: str) -> dict[str, str]:
        """{document graph IRI: content hash} of the stored documents read from ``source_file`` (an index
        look-up: a run asks this only for the files it reads again, never for the whole store)."""
        rows = self.store.query(
            f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?g <{LITKG.sourceFile}> {ox.Literal(source_file)} ; <{LITKG.contentHash}> ?h "
            f"FILTER NOT EXISTS {{ ?g a ?kind FILTER(?kind IN (<{LITKG.ReadFailure}>, <{LITKG.ExtractedFile}>)) }} }} }}")
        return {row["g"].value: row["h"].value for row in rows}

    def extracted_files(self) -> dict[str, tuple[str, str]]:
        """source file -> (content hash, extractor version) for every file read completely."""
        rows = self.store.query(
            f"SELECT ?f ?h ?v WHERE {{ GRAPH ?g {{ ?g a <{LITKG.ExtractedFile}> ; <{LITKG.sourceFile}> ?f ; "
            f"<{LITKG.contentHash}> ?h ; <{LITKG.extractorVersion}> ?v }} }}")
        return {row["f"].value: (row["h"].value, row["v"].value) for row in rows}

    def read_failures(self) -> dict[str, str]:
        """source file -> reason, for files a previous run could not read completely."""
        rows = self.store.query(
            f"SELECT ?f ?r WHERE {{ GRAPH ?g {{ ?g a <{LITKG.ReadFailure}> ; <{LITKG.sourceFile}> ?f ; "
            f"<{LITKG.failureReason}> ?r }} }}")
        return {row["f"].value: row["r"].value for row in rows}

    def records_with_pmids(self, pmids: Iterable[str]) -> list[tuple[str, str]]:
        """(document graph, source file) of every stored record with one of ``pmids``."""
        wanted = {p for p in pmids if p.isdigit()}
        if not wanted:
            return []
        values = " ".join(f'"{p}"' for p in sorted(wanted))
        rows = self.store.query(
            f"SELECT DISTINCT ?g ?f WHERE {{ VALUES ?pmid {{ {values} }} GRAPH ?g {{ ?g <{FABIO.hasPubMedId}> ?pmid ; "
            f"<{LITKG.sourceFile}> ?f }} }}")
        return [(row["g"].value, row["f"].value) for row in rows]

    def drop_records(self, pmids: Iterable[str], keep: set[str] = frozenset()) -> int:
        """Drop the document graphs of MEDLINE records withdrawn by a DeleteCitation; returns how many."""
        graphs = {graph for graph, _ in self.records_with_pmids(pmids)} - keep
        self.store.drop_graphs(graphs)
        return len(graphs)

    def described_in(self, graphs: Iterable[str], vocabulary_graph: str, chunk: int = 500) -> set[str]:
        """The things ``graphs`` refer to that the vocabulary graph describes (what their removal may
        orphan), asked for ``chunk`` graphs at a time (a changed MEDLINE file has thousands)."""
        found: set[str] = set()
        items = sorted(set(graphs))
        for i in range(0, len(items), chunk):
            values = " ".join(f"<{g}>" for g in items[i:i + chunk])
            rows = self.store.query(f"SELECT DISTINCT ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} "
                                     f"FILTER(isIRI(?o)) GRAPH <{vocabulary_graph}> {{ ?o ?q ?v }} }}")
            found.update(row["o"].value for row in rows)
        return found

    def prune_described(self, vocabulary_graph: str, candidates: Iterable[str], chunk: int = 500) -> int:
        """:meth:`prune_vocabulary` for ``candidates`` only: each looked up by index, so the cost follows
        what a run replaced, not the size of the store. Returns triples dropped."""
        before = len(self.store)
        items = sorted(candidates)
        v = f"<{vocabulary_graph}>"
        for i in range(0, len(items), chunk):
            values = " ".join(f"<{iri}>" for iri in items[i:i + chunk])
            self.store.update(f"""DELETE {{ GRAPH {v} {{ ?s ?p ?o }} }} WHERE {{ VALUES ?c {{ {values} }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?x ?y ?c }} FILTER(?g != {v}) }}
  GRAPH {v} {{ {{ ?c ?p ?o BIND(?c AS ?s) }} UNION {{ ?c <{SCHEMA.code}> ?s . ?s ?p ?o }} }} }}""")
        return before - len(self.store)

    def prune_vocabulary(self, vocabulary_graph: str) -> int:
        """Drop the descriptions in the vocabulary graph of things no other graph mentions any more (after
        documents were removed); a MeSH code node lives as long as its concept. Returns triples dropped."""
        before = len(self.store)
        v = f"<{vocabulary_graph}>"
        self.store.update(f"""DELETE {{ GRAPH {v} {{ ?s ?p ?o }} }} WHERE {{
  GRAPH {v} {{ ?s ?p ?o OPTIONAL {{ ?owner <{SCHEMA.code}> ?s }} }}
  BIND(COALESCE(?owner, ?s) AS ?described)
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?x ?y ?described }} FILTER(?g != {v}) }} }}""")
        return before - len(self.store)

    def graphs_of_files(self) -> dict[str, set[str]]:
        """source file -> every graph it gave (documents, its extracted-file mark, its read failure)."""
        found: dict[str, set[str]] = {}
        for row in self.store.query(f"SELECT ?g ?f WHERE {{ GRAPH ?g {{ ?g <{LITKG.sourceFile}> ?f }} }}"):
            found.setdefault(row["f"].value, set()).add(row["g"].value)
        return found

    def statistics(self) -> dict:
        """Counts per class, documents, named graphs, triples and bytes on disk."""
        classes = {row["c"].value: int(row["n"].value) for row in self.store.query(
            "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } } GROUP BY ?c ORDER BY DESC(?n)")}
        documents = int(next(iter(self.store.query(
            f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?g <{LITKG.sourceFile}> ?f ; <{LITKG.text}> ?t }} }}")))["n"].value)
        files = int(next(iter(self.store.query(
            f"SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE {{ GRAPH ?g {{ ?g <{LITKG.sourceFile}> ?f }} }}")))["n"].value)
        return {"store": str(self.store.path), "documents": documents, "source files": files,
                "named graphs": self.store.graph_count(), "triples": len(self.store),
                "bytes on disk": self.store.size_on_disk(), "classes": classes}
