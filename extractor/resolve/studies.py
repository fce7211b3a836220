"""One study per trial, one work per paper, across documents and runs.

Documents that name a common registration ID are about one study, even when each names a
different subset of the trial's registrations; a paper's page and its PubMed record (same DOI or
PMID) are one work (``schema:exampleOfWork``) about one study. A secondary analysis shares the
trial's registration, so it joins the study, but it has its own DOI and PMID, so it stays its own
work. Runs over the store, so the result does not depend on the order files were read in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby, islice
from operator import itemgetter

import pyoxigraph as ox

from ..graph.iris import Minter
from ..graph.keys import KEY_PATTERNS, registration_key
from ..graph.vocab import LITKG, SCHEMA
from ..store import Store
from .scope import Scope, SortedSpill

_CHUNK = 500  # IRIs or keys per VALUES block


def document_keys(store: Store, documents: Iterable[str]) -> set[str]:
    """The keys the stored ``documents`` hold (call before dropping them, for :class:`Scope`)."""
    return {key for _, key in _keys_of(store, set(documents))}


def _keys_of(store: Store, documents: set[str]) -> Iterator[tuple[str, str]]:
    ordered = sorted(documents)
    for start in range(0, len(ordered), _CHUNK):
        values = " ".join(f"<{d}>" for d in ordered[start:start + _CHUNK])
        for kind, pattern in KEY_PATTERNS.items():
            for row in store.query(f"SELECT ?d ?key WHERE {{ VALUES ?d {{ {values} }} {pattern} }}"):
                yield row["d"].value, f"{kind}:{row['key'].value}"


def _holders_of(store: Store, keys: Iterable[str]) -> Iterator[tuple[str, str, str | None]]:
    """(key, document holding it, the document's source file) for ``keys``."""
    by_kind: dict[str, list[str]] = {}
    for key in keys:
        kind, _, value = key.partition(":")
        by_kind.setdefault(kind, []).append(value)
    for kind, values in by_kind.items():
        for start in range(0, len(values), _CHUNK):
            literals = " ".join(str(ox.Literal(v)) for v in values[start:start + _CHUNK])
            for row in store.query(f"SELECT ?d ?key ?f WHERE {{ VALUES ?key {{ {literals} }} {KEY_PATTERNS[kind]} "
                                   f"OPTIONAL {{ GRAPH ?d {{ ?d <{LITKG.sourceFile}> ?f }} }} }}"):
                source = row["f"]
                yield f"{kind}:{row['key'].value}", row["d"].value, source.value if source is not None else None


def _all_shared(store: Store) -> dict[str, set[str]]:
    """key -> holders, for every key that two or more documents in the store hold: three index scans,
    their (key, document) pairs sorted on disk, so memory holds only the shared keys."""
    pairs = SortedSpill(spill_dir=store.path)
    try:
        for kind, pattern in KEY_PATTERNS.items():
            pairs.add((f"{kind}:{row['key'].value}", row["d"].value)
                      for row in store.query(f"SELECT ?d ?key WHERE {{ {pattern} }}"))
        shared: dict[str, set[str]] = {}
        for key, group in groupby(pairs, key=itemgetter(0)):
            documents = {document for _, document in group}
            if len(documents) > 1:
                shared[key] = documents
        return shared
    finally:
        pairs.close()


def shared_holders(store: Store, scope: Scope) -> dict[str, set[str]]:
    """key -> holders, for every key that two or more documents hold in the connected components
    around the scope (the components resolution would change), by index look-ups alone. The scope's
    keys are streamed; then the keys of documents outside the run that hold one of them are looked up,
    and so on. Memory holds only shared keys and documents from outside the run, never the run's."""
    shared: dict[str, set[str]] = {}
    outside: set[str] = set()  # documents not from the run's files: their keys are not in the scope

    def visit(keys: Iterable[str]) -> None:
        holders: dict[str, set[str]] = {}
        for key, document, source in _holders_of(store, keys):
            holders.setdefault(key, set()).add(document)
            if source not in scope.files:
                outside.add(document)
        shared.update((key, documents) for key, documents in holders.items() if len(documents) > 1)

    keys = scope.keys()
    while chunk := list(islice(keys, 20 * _CHUNK)):
        visit(chunk)
    expanded: set[str] = set()
    seen_keys: set[str] = set()
    while outside - expanded:
        documents = outside - expanded
        expanded |= documents
        found = {key for _, key in _keys_of(store, documents)} - seen_keys
        seen_keys |= found
        visit(found)
    return shared


class _Groups:
    """Union-find over documents."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve_studies(store: Store, mint: Minter, scope: Scope | None = None) -> int:
    """Move documents onto their trial's one study node and mark papers that are one work;
    returns how many document graphs were rewritten. With a ``scope``, only the documents connected
    to what a run changed are looked at (index look-ups; the cost does not grow with the store);
    without, the whole store (three index scans, sorted on disk; memory stays flat)."""
    shared = _all_shared(store) if scope is None else shared_holders(store, scope)
    if not shared:
        return 0
    registrations: dict[str, set[str]] = {}
    for document, key in _keys_of(store, {d for documents in shared.values() for d in documents}):
        if registration_key(key) is not None:
            registrations.setdefault(document, set()).add(registration_key(key))
    work_keys: dict[str, set[str]] = {}
    for key, documents in shared.items():
        if registration_key(key) is None:
            for document in documents:
                work_keys.setdefault(document, set()).add(key)
    studies, works = _Groups(), _Groups()
    for key, documents in shared.items():
        first = min(documents)
        for document in documents:
            studies.join(first, document)
            if registration_key(key) is None:
                works.join(first, document)
    grouped = sorted({d for documents in shared.values() for d in documents})
    study_of = {}
    for start in range(0, len(grouped), _CHUNK):
        values = " ".join(f"<{d}>" for d in grouped[start:start + _CHUNK])
        for row in store.query(f"SELECT ?d ?study WHERE {{ VALUES ?d {{ {values} }} GRAPH ?d {{ ?d <{SCHEMA.about}> ?study }} }}"):
            study_of[row["d"].value] = row["study"].value
    members: dict[str, list[str]] = {}
    for document in grouped:
        members.setdefault(studies.find(document), []).append(document)
    work_members: dict[str, list[str]] = {}
    for document in work_keys:
        work_members.setdefault(works.find(document), []).append(document)
    rewritten = 0
    for group in members.values():
        ids = sorted({r for d in group for r in registrations.get(d, ())})
        held = [study_of[d] for d in group if d in study_of]
        target = mint.registered_study(ids[0]) if ids else min(held, default=None)
        for document in group:
            work = None
            if document in work_keys:
                keys = sorted({k for d in work_members[works.find(document)] for k in work_keys[d]})
                work = mint.work(keys)
            old = study_of.get(document)  # a document that reports no study keeps none; its work is still marked
            rewritten += _move(store, document, old, target if old is not None else None, work)
    return rewritten


_EXAMPLE_OF_WORK = str(SCHEMA.exampleOfWork)


def _move(store: Store, document: str, old_study: str | None, new_study: str | None, work: str | None) -> int:
    """Rewrite one document's graph onto ``new_study`` (and its work); 1 if anything changed. A document
    already on its study and work is left as it is without reading its graph (records sharing a PMID
    across many files cost ~10 ms each, every run, before)."""
    graph = ox.NamedNode(document)
    if old_study == new_study:  # at most its work changes: one statement, not the whole graph
        works = {q.object.value for q in store.quads_of(document, document, _EXAMPLE_OF_WORK)}
        if works == ({work} if work is not None else set()):
            return 0
        store.set_object(document, document, _EXAMPLE_OF_WORK, work)
        return 1
    old, new = ox.NamedNode(old_study), ox.NamedNode(new_study)
    current = store.graph_quads(document)
    wanted = [ox.Quad(new if q.subject == old else q.subject, q.predicate, new if q.object == old else q.object, graph)
              for q in current if q.predicate.value != _EXAMPLE_OF_WORK]
    if work is not None:
        wanted.append(ox.Quad(ox.NamedNode(document), ox.NamedNode(_EXAMPLE_OF_WORK), ox.NamedNode(work), graph))
    if {str(q) for q in wanted} == {str(q) for q in current}:
        return 0
    store.replace_graphs([], document, wanted)
    return 1
