"""The per-document job every engine runs: Document -> NLP -> quads, with failures as values.

The same :class:`Extractor` serves the single process, ``--workers`` processes (:mod:`.processes`) and
Dask workers; each makes one (lexicons, outcome tagger) and keeps it. What it holds is its own: nothing here changes
the interpreter (see :func:`tune_garbage_collector`, which a program calls if it wants it).
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass

from ..budget import Budget, OverTime, time_limit
from ..graph.builder import GraphBuilder
from ..graph.nquads import SharedDescriptions
from ..nlp.analysis import analyse, load_lexicons
from ..nlp.outcome_tagger import OutcomeTagger
from ..records import Document


@dataclass(frozen=True, slots=True)
class DocumentOutput:
    """One document's graph as N-Quads bytes, or why it failed."""

    graph: str
    where: str  # source file and record, for messages
    nquads: bytes = b""
    error: str | None = None
    keys: tuple[str, ...] = ()  # registration, DOI and PMID keys, for study resolution
    warning: str | None = None  # stored, but with much less text than its file shows (a litkg:ReadWarning)
    kind_note: str | None = None  # stored, but its reader was unsure what it is (a litkg:ReadNote)


class Extractor:
    """Lexicons, builder and (with ``tagged``) the statistical outcome tagger, loaded once (~1 s and
    ~300 MB); ``described`` remembers which shared descriptions this output already holds."""

    def __init__(self, base: str, tagged: bool = False, explain: bool = False) -> None:
        load_lexicons()
        self.tagger = OutcomeTagger.load() if tagged else None
        self.builder = GraphBuilder(base, tagged, explain)
        self.described = SharedDescriptions()
        self.seconds = {"nlp": 0.0, "graph": 0.0}  # time spent per stage by this extractor

    def start_output(self) -> None:
        """A new destination (a run, a shard): shared things are described again once in it."""
        self.described.clear()

    def run(self, document: Document, budget: Budget = Budget()) -> DocumentOutput:
        where = f"{document.source_file} ({document.record_key})" if document.record_key else document.source_file
        graph = ""
        too_long = budget.over_size(len(document.text))
        if too_long:
            return DocumentOutput(graph, where, error=too_long)
        try:
            started = time.perf_counter()
            with time_limit(budget.seconds):
                extraction = analyse(document, self.tagger)
                parsed = time.perf_counter()
                built = self.builder.build(extraction)
                graph = built.iri
                nquads = built.nquads(self.described)
            self.seconds["nlp"] += parsed - started
            self.seconds["graph"] += time.perf_counter() - parsed
        except OverTime as exc:
            return DocumentOutput(graph, where, error=str(exc))
        except Exception as exc:  # a bug on one record must not stop the run: say so and go on
            return DocumentOutput(graph, where, error=f"internal error, please report it: {type(exc).__name__}: {exc}")
        warning = document.text_loss.reason() if document.text_loss else None
        return DocumentOutput(graph, where, nquads=nquads, keys=built.keys, warning=warning, kind_note=document.kind_note)


def tune_garbage_collector() -> None:
    """For a process that extracts: the lexicons are ~10^6 long-lived objects and each record allocates
    thousands of short-lived ones; freezing the former and collecting less often saved ~10% of
    extraction time (measured). It changes the whole interpreter, so only litkg's command line and the
    worker processes it starts call it, never the library on its own."""
    gc.freeze()
    gc.set_threshold(20_000, 50, 100)
