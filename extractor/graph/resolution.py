"""One study per trial, one work per paper, across documents and runs.

Documents that name a common registration ID are about one study, even when each names a
different subset of the trial's registrations; a paper's page and its PubMed record (same DOI or
PMID) are one work (``schema:exampleOfWork``) about one study. A secondary analysis shares the
trial's registration, so it joins the study, but it has its own DOI and PMID, so it stays its own
work. Runs over the store, so the result does not depend on the order files were read in.
"""

from __future__ import annotations

import pyoxigraph as ox

from ..store import Store
from .builder import GraphBuilder
from .iris import digest, slug
from .vocab import LITKG, PRISM, FABIO, SCHEMA

_KEYS = (  # (query giving ?d and ?key, key prefix); a shared DOI or PMID also makes one work
    (f"SELECT ?d ?key WHERE {{ GRAPH ?d {{ ?d <{SCHEMA.about}> ?s . ?s <{LITKG.registration}> ?r }} ?r <{SCHEMA.identifier}> ?key }}",
     "reg:"),
    (f"SELECT ?d ?key WHERE {{ GRAPH ?d {{ ?d a <{SCHEMA.ScholarlyArticle}> ; <{PRISM.doi}> ?key }} }}", "doi:"),
    (f"SELECT ?d ?key WHERE {{ GRAPH ?d {{ ?d a <{SCHEMA.ScholarlyArticle}> ; <{FABIO.hasPubMedId}> ?key }} }}", "pmid:"),
)
_STUDIES = f"SELECT ?d ?study WHERE {{ VALUES ?d {{ {{documents}} }} GRAPH ?d {{ ?d <{SCHEMA.about}> ?study }} }}"


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


def resolve_studies(store: Store, builder: GraphBuilder) -> int:
    """Move documents onto their trial's one study node and mark papers that are one work;
    returns how many document graphs were rewritten. Only keys two documents share are kept,
    so a store of unrelated MEDLINE records costs three index scans."""
    holders: dict[str, set[str]] = {}
    for query, prefix in _KEYS:
        for row in store.query(query):
            key = row["key"].value if prefix == "reg:" else row["key"].value.lower()  # IDs are canonical; DOIs are not
            holders.setdefault(prefix + key, set()).add(row["d"].value)
    shared = {key: documents for key, documents in holders.items() if len(documents) > 1}
    if not shared:
        return 0
    registrations: dict[str, set[str]] = {}
    work_keys: dict[str, set[str]] = {}
    for key, documents in holders.items():
        if key.startswith("reg:"):
            for document in documents:
                registrations.setdefault(document, set()).add(key[4:])
    for key, documents in shared.items():
        if not key.startswith("reg:"):
            for document in documents:
                work_keys.setdefault(document, set()).add(key)
    studies, works = _Groups(), _Groups()
    for key, documents in shared.items():
        first = min(documents)
        for document in documents:
            studies.join(first, document)
            if not key.startswith("reg:"):
                works.join(first, document)
    grouped = sorted({d for documents in shared.values() for d in documents})
    study_of = {}
    for start in range(0, len(grouped), 500):
        values = " ".join(f"<{d}>" for d in grouped[start:start + 500])
        for row in store.query(_STUDIES.replace("{documents}", values)):
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
        target = f"{builder.mint.base}study/{slug(ids[0])}" if ids else min(study_of[d] for d in group)
        for document in group:
            work = None
            if document in work_keys:
                keys = sorted({k for d in work_members[works.find(document)] for k in work_keys[d]})
                work = f"{builder.mint.base}work/{digest(*keys)}"
            rewritten += _move(store, document, study_of[document], target, work)
    return rewritten


def _move(store: Store, document: str, old_study: str, new_study: str, work: str | None) -> int:
    """Rewrite one document's graph onto ``new_study`` (and its work); 1 if anything changed."""
    graph = ox.NamedNode(document)
    old, new = ox.NamedNode(old_study), ox.NamedNode(new_study)
    current = store.graph_quads(document)
    wanted = [ox.Quad(new if q.subject == old else q.subject, q.predicate, new if q.object == old else q.object, graph)
              for q in current if q.predicate.value != str(SCHEMA.exampleOfWork)]
    if work is not None:
        wanted.append(ox.Quad(ox.NamedNode(document), ox.NamedNode(str(SCHEMA.exampleOfWork)), ox.NamedNode(work), graph))
    if {str(q) for q in wanted} == {str(q) for q in current}:
        return 0
    store.replace_graphs([], document, wanted)
    return 1
