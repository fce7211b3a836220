"""The local engine: read and analyse in this process, or in ``--workers`` processes that read their own
files; one writer."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..budget import Budget
from ..graph.builder import graph_version
from ..graph.iris import Minter
from ..graph.vocab import DEFAULT_BASE
from ..readers import DEFAULT_MAX_BYTES
from ..store import Store
from .bookkeeping import RunBookkeeping
from .events import DocumentsRead, Event, read_events, timed
from .processes import run_in_processes
from .summary import FileFailure, RunSummary
from .walk import walk
from .work import DocumentOutput, Extractor
from .writer import BATCH_QUADS, BatchWriter


def run_local(root: Path, store: Store, base: str = DEFAULT_BASE,
              progress: Callable[[str, int], None] | None = None, files: list[tuple[Path, str]] | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES, workers: int = 1, batch_quads: int = BATCH_QUADS,
              tagged: bool = False, budget: Budget = Budget(), skipped: Iterable[FileFailure] = (),
              extractor: Extractor | None = None, explain: bool = False) -> RunSummary:
    """Extract every file under ``root`` into ``store``. Unchanged files are skipped; a changed
    file replaces only its own graphs; a file that fails is reported and the rest go on. A file
    damaged part-way keeps the records read before the damage and is recorded as a read failure.
    ``workers`` > 1 reads and extracts in that many processes; this process keeps the bookkeeping and writes. ``tagged``
    runs the statistical outcome tagger too (files extracted without it count as changed). A document
    over ``budget`` (its text size, its extraction time) is stopped and its file recorded as failed.
    ``explain`` writes which rule read each fact's words (``litkg:rule``). ``extractor`` reuses one
    already loaded (for ``base``, ``tagged`` and ``explain``) in this process."""
    started = time.perf_counter()
    summary = RunSummary()
    summary.failures += skipped  # folders the walk could not read, links that loop
    if files is None:
        files = list(walk(root, summary.failures))
    writer = BatchWriter(store, batch_quads)
    state = RunBookkeeping(store, Minter(base), graph_version(tagged, explain), writer, summary)
    try:
        if workers <= 1:
            events = timed(read_events(files, state, max_bytes, progress), summary.stages)
            for event, outputs in _here(events, extractor or Extractor(base, tagged, explain), summary.stages, budget):
                state.handle(event, outputs)
        else:
            run_in_processes(files, state, workers, base, tagged, explain, max_bytes, budget, summary.stages, progress)
    finally:
        writer.close()  # what was extracted before an error is still stored
    summary.stages["write (writer thread)"] = writer.seconds
    summary.stages["waiting for the writer"] = writer.waited
    linking = time.perf_counter()
    summary.links = state.finish()
    summary.stages["link"] = time.perf_counter() - linking
    summary.triples = store.triple_count()
    summary.seconds = time.perf_counter() - started
    return summary


def _here(events: Iterator[Event], extractor: Extractor, stages: dict[str, float],
          budget: Budget) -> Iterator[tuple[Event, list[DocumentOutput]]]:
    """Each event with the extracted graphs of its documents, analysed in this process."""
    extractor.start_output()
    before = dict(extractor.seconds)
    for event in events:
        outputs = [extractor.run(d, budget) for d in event.documents] if isinstance(event, DocumentsRead) else []
        for stage, seconds in extractor.seconds.items():
            stages[stage] = seconds - before[stage]
        yield event, outputs
