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

_DOCUMENTS = f"""
SELECT ?d ?study ?reg ?doi ?pmid ?article WHERE {{
  GRAPH ?d {{ ?d <{SCHEMA.about}> ?study .
    OPTIONAL {{ ?study <{LITKG.registration}>/<{SCHEMA.identifier}> ?reg }}
    OPTIONAL {{ ?d a <{SCHEMA.ScholarlyArticle}> . BIND(true AS ?article)
      OPTIONAL {{ ?d <{PRISM.doi}> ?doi }} OPTIONAL {{ ?d <{FABIO.hasPubMedId}> ?pmid }} }} }}
}}"""


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
    returns how many document graphs were rewritten."""
    study_of: dict[str, str] = {}
    registrations: dict[str, set[str]] = {}
    work_keys: dict[str, set[str]] = {}
    for row in store.query(_DOCUMENTS):
        document = row["d"].value
        study_of[document] = row["study"].value
        if row["reg"] is not None:
            registrations.setdefault(document, set()).add(row["reg"].value)
        if row["article"] is not None:
            keys = work_keys.setdefault(document, set())
            if row["doi"] is not None:
                keys.add("doi:" + row["doi"].value.lower())
            if row["pmid"] is not None:
                keys.add("pmid:" + row["pmid"].value)
    studies, works = _Groups(), _Groups()
    _join_sharing(studies, {d: {f"reg:{r}" for r in regs} for d, regs in registrations.items()})
    _join_sharing(studies, work_keys)
    _join_sharing(works, work_keys)
    members: dict[str, list[str]] = {}
    for document in study_of:
        members.setdefault(studies.find(document), []).append(document)
    work_members: dict[str, list[str]] = {}
    for document in work_keys:
        work_members.setdefault(works.find(document), []).append(document)
    rewritten = 0
    for group in members.values():
        if len(group) < 2:
            continue
        ids = sorted({r for d in group for r in registrations.get(d, ())})
        target = f"{builder.mint.base}study/{slug(ids[0])}" if ids else min(study_of[d] for d in group)
        for document in group:
            work_group = work_members.get(works.find(document), []) if document in work_keys else []
            work = None
            if len(work_group) > 1:
                keys = sorted({k for d in work_group for k in work_keys[d]})
                work = f"{builder.mint.base}work/{digest(*keys)}"
            rewritten += _move(store, document, study_of[document], target, work)
    return rewritten


def _join_sharing(groups: _Groups, keys_of: dict[str, set[str]]) -> None:
    first_with: dict[str, str] = {}
    for document in sorted(keys_of):
        groups.find(document)
        for key in sorted(keys_of[document]):
            if key in first_with:
                groups.join(first_with[key], document)
            else:
                first_with[key] = document


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
