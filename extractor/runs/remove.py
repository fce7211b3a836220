"""Removing source files from the store: their graphs go, news linked to them is resolved again."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..graph.iris import Minter
from ..graph.vocab import DEFAULT_BASE
from ..ledger import Ledger
from ..resolve import Scope, document_keys, link_news
from ..store import Store


@dataclass(slots=True)
class Removal:
    removed: dict[str, int] = field(default_factory=dict)  # source file -> graphs dropped
    unknown: list[str] = field(default_factory=list)  # asked for, but not in the store


def remove_files(store: Store, paths: Iterable[str] = (), prune_root: Path | None = None,
                 base: str = DEFAULT_BASE) -> Removal:
    """Drop the graphs of ``paths`` (as stored: relative to the folder they were extracted from) and,
    with ``prune_root``, of every stored file no longer under it; resolve the studies and news stories
    around them again and drop the shared descriptions no document names any more."""
    ledger, mint = Ledger(store), Minter(base)
    stored = ledger.graphs_of_files()
    paths = list(paths)
    result = Removal(unknown=[p for p in paths if p not in stored])
    chosen = [p for p in paths if p in stored]
    if prune_root is not None:
        chosen += [f for f in stored if f not in chosen and not (prune_root / f).is_file()]
    scope = Scope(keys=document_keys(store, (g for source in chosen for g in stored[source])))
    try:
        for source in sorted(chosen):
            store.drop_graphs(stored[source])
            result.removed[source] = len(stored[source])
        link_news(store, mint, scope)
    finally:
        scope.close()
    if chosen:
        ledger.prune_vocabulary(mint.vocabulary_graph())
    store.flush()
    return result
