"""An extraction run: walk a folder, read, NLP, build, write each document; then link news to papers."""

from __future__ import annotations

import fnmatch
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .budget import Budget
from .errors import LitkgError
from .graph.builder import GraphBuilder
from .graph.linking import link_news
from .graph.resolution import document_keys
from .graph.scope import Scope
from .graph.vocab import DEFAULT_BASE
from .readers import DEFAULT_MAX_BYTES, read_file
from .readers.base import file_hash
from .records import DeletedRecords, Document
from .store import Store
from .work import BATCH_DOCUMENTS, DocumentOutput, extractor_for, run_batch
from .writer import BATCH_QUADS, BatchWriter

IGNORE_FILE = ".litkgignore"
ALWAYS_IGNORED = (".*", "README*", "LICENSE*", "COPYING*", IGNORE_FILE)


@dataclass(frozen=True, slots=True)
class FileFailure:
    path: str
    reason: str


@dataclass(slots=True)
class RunSummary:
    files: int = 0
    documents: int = 0
    unchanged: int = 0
    ignored: int = 0
    failures: list[FileFailure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[FileFailure] = field(default_factory=list)  # documents stored with much less text than their file
    links: int = 0
    triples: int = 0
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage (read, nlp, graph, write, link)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def as_dict(self) -> dict:
        return {"files": self.files, "documents": self.documents, "unchanged": self.unchanged, "failed": self.failed,
                "failures": [{"path": f.path, "reason": f.reason} for f in self.failures], "notes": self.notes,
                "warnings": [{"path": w.path, "reason": w.reason} for w in self.warnings],
                "links": self.links, "triples": self.triples, "seconds": round(self.seconds, 3),
                "stages": {stage: round(seconds, 3) for stage, seconds in self.stages.items()}}


def walk(root: Path, problems: list[FileFailure] | None = None) -> Iterator[tuple[Path, str]]:
    """Files under ``root`` (or ``root`` itself) with their '/'-separated relative path, sorted,
    minus hidden files, READMEs and licences, and the patterns listed in ``.litkgignore`` files.
    Linked folders are followed once; a folder that cannot be read, and a link back to a folder
    already being read (a loop), are added to ``problems`` instead of being passed over silently."""
    if root.is_file():
        yield root, stored_name(root.name)
        return
    patterns = _ignore_patterns(root)
    found: list[Path] = []
    visited: set[tuple[int, int]] = set()

    def unreadable(error: OSError) -> None:
        if problems is not None:
            where = Path(error.filename).relative_to(root).as_posix() if error.filename else "."
            problems.append(FileFailure(stored_name(where) + "/", f"cannot read the folder: {error.strerror or error}"))

    for folder, folders, names in os.walk(root, onerror=unreadable, followlinks=True):
        here = Path(folder)
        status = here.stat()
        if (status.st_dev, status.st_ino) in visited:  # a link back into a folder already read
            if problems is not None:
                problems.append(FileFailure(stored_name(here.relative_to(root).as_posix()) + "/",
                                            "a link to a folder already read (a loop): not read again"))
            folders[:] = []
            continue
        visited.add((status.st_dev, status.st_ino))
        found += [here / name for name in names if (here / name).is_file()]
    for path in sorted(found):
        relative = stored_name(path.relative_to(root).as_posix())
        if _ignored(relative, patterns):
            continue
        yield path, relative


def stored_name(name: str) -> str:
    """A file name as litkg stores and prints it: as it is when it is valid Unicode; else each byte that
    is not valid UTF-8 written %XX ("caf%E9.txt" for the Latin-1 name b"caf\xe9.txt"). Python gives such
    bytes as the surrogates U+DC80-U+DCFF (PEP 383)."""
    return _UNDECODABLE.sub(lambda m: f"%{ord(m.group()) - 0xDC00:02X}", name)


_UNDECODABLE = re.compile("[\udc80-\udcff]")


def _ignore_patterns(root: Path) -> list[str]:
    patterns = list(ALWAYS_IGNORED)
    ignore = root / IGNORE_FILE
    if ignore.is_file():
        patterns += [line.strip() for line in ignore.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#")]
    return patterns


def _ignored(relative: str, patterns: list[str]) -> bool:
    parts = relative.split("/")
    for pattern in patterns:
        bare = pattern.rstrip("/")
        if pattern.endswith("/") and bare in parts[:-1]:
            return True
        if any(fnmatch.fnmatch(part, bare) for part in parts) or fnmatch.fnmatch(relative, bare):
            return True
    return False


# ------------------------------------------------------------------ the run as a stream of events
# Reading happens in this process and yields events in file order; documents are extracted in
# batches (here, or in worker processes, which return them in order); one writer stores them.


@dataclass(slots=True)
class _File:
    relative: str
    source_hash: str
    previous: dict[str, str]  # stored document graphs of this file -> their content hash
    written: set[str] = field(default_factory=set)
    encodings: set[str | None] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)  # documents of the file that failed (internal errors)

    def failure(self, reader_failure: str | None) -> str | None:
        """Why the file is not complete: the reader stopped, or some of its documents failed."""
        if reader_failure is not None or not self.errors:
            return reader_failure
        more = f" (and {len(self.errors) - 1} more)" if len(self.errors) > 1 else ""
        return f"{len(self.errors)} of its documents failed: {self.errors[0]}{more}"


@dataclass(frozen=True, slots=True)
class _Documents:
    file: _File
    documents: list[Document]


@dataclass(frozen=True, slots=True)
class _Deleted:
    file: _File
    records: DeletedRecords


@dataclass(frozen=True, slots=True)
class _FileEnd:
    file: _File
    failure: str | None = None  # the reader stopped here: the reason


def run_extraction(root: Path, store: Store, base: str = DEFAULT_BASE,
                   progress: Callable[[str, int], None] | None = None, files: list[tuple[Path, str]] | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES, workers: int = 1, batch_quads: int = BATCH_QUADS,
                   tagged: bool = False, budget: Budget = Budget(),
                   skipped: Iterable[FileFailure] = ()) -> RunSummary:
    """Extract every file under ``root`` into ``store``. Unchanged files are skipped; a changed
    file replaces only its own graphs; a file that fails is reported and the rest go on. A file
    damaged part-way keeps the records read before the damage and is recorded as a read failure.
    ``workers`` > 1 extracts in that many processes; this process reads and writes. ``tagged``
    runs the statistical outcome tagger too (files extracted without it count as changed). A document
    over ``budget`` (its text size, its extraction time) is stopped and its file recorded as failed."""
    started = time.perf_counter()
    summary = RunSummary()
    summary.failures += skipped  # folders the walk could not read, links that loop
    if files is None:
        files = list(walk(root, summary.failures))
    builder = GraphBuilder(base, tagged)
    writer = BatchWriter(store, batch_quads)
    state = _Bookkeeping(store, builder, writer, summary)
    events = _timed(_events(files, state, max_bytes, progress), summary.stages)
    try:
        for event, outputs in _extracted(events, base, workers, summary.stages, tagged, budget):
            state.handle(event, outputs)
    finally:
        writer.close()  # what was extracted before an error is still stored
    summary.stages["write (writer thread)"] = writer.seconds
    summary.stages["waiting for the writer"] = writer.waited
    linking = time.perf_counter()
    summary.links = state.link()
    if state.orphan_candidates:  # e.g. a run with --outcome-tagger re-extracted files: drop what no document names now
        store.prune_described(builder.vocabulary_graph, state.orphan_candidates)
    store.flush()
    summary.stages["link"] = time.perf_counter() - linking
    summary.triples = store.triple_count()
    summary.seconds = time.perf_counter() - started
    return summary


def _timed(events: Iterator[object], stages: dict[str, float]) -> Iterator[object]:
    """The events, with the time spent producing them (reading files) added to ``stages["read"]``."""
    stages.setdefault("read", 0.0)
    while True:
        started = time.perf_counter()
        event = next(events, None)
        stages["read"] += time.perf_counter() - started
        if event is None:
            return
        yield event


def _events(files: Iterable[tuple[Path, str]], state: "_Bookkeeping", max_bytes: int,
            progress: Callable[[str, int], None] | None) -> Iterator[object]:
    """Read the files, in order, as events; unchanged files are skipped here. ``progress(name, n)``
    hears of each file as it starts (n = 0) and of every batch of documents read from it and of its end
    (n = documents so far, -1 at the end)."""
    for path, relative in files:
        state.summary.files += 1
        if progress:
            progress(relative, 0)
        try:
            source_hash = file_hash(path)
        except OSError as exc:
            state.summary.failures.append(FileFailure(relative, f"cannot read: {exc.strerror or exc}"))
            if progress:
                progress(relative, -1)
            continue
        if state.unchanged(relative, source_hash):
            state.summary.unchanged += 1
            if progress:
                progress(relative, -1)
            continue
        read = 0
        file = state.open_file(relative, source_hash)
        batch: list[Document] = []
        try:
            for item in read_file(path, relative, max_bytes=max_bytes, source_hash=source_hash):
                if isinstance(item, DeletedRecords):
                    if batch:
                        yield _Documents(file, batch)
                        batch = []
                    yield _Deleted(file, item)
                    continue
                batch.append(item)
                if len(batch) >= BATCH_DOCUMENTS:
                    read += len(batch)
                    if progress:
                        progress(relative, read)
                    yield _Documents(file, batch)
                    batch = []
        except LitkgError as exc:
            if batch:
                yield _Documents(file, batch)
            if progress:
                progress(relative, -1)
            yield _FileEnd(file, str(exc))
            continue
        if batch:
            yield _Documents(file, batch)
        if progress:
            progress(relative, -1)
        yield _FileEnd(file)


def _extracted(events: Iterator[object], base: str, workers: int, stages: dict[str, float],
               tagged: bool = False, budget: Budget = Budget()) -> Iterator[tuple[object, list[DocumentOutput]]]:
    """Each event with the extracted graphs of its documents, in event order."""
    if workers <= 1:
        extractor = extractor_for(base, tagged)
        extractor.builder.start_output()
        before = dict(extractor.seconds)
        for event in events:
            outputs = [extractor.run(d, budget) for d in event.documents] if isinstance(event, _Documents) else []
            for stage, seconds in extractor.seconds.items():
                stages[stage] = seconds - before[stage]
            yield event, outputs
        return
    import multiprocessing
    import threading

    waited = 0.0
    context = multiprocessing.get_context("spawn")  # workers are this process's children: their CPU time is counted
    in_flight = threading.BoundedSemaphore(workers * 4)  # the pool reads ahead without limit otherwise
    pool = context.Pool(workers)
    try:
        pending: list[object] = []

        def tasks() -> Iterator[tuple[str, bool, list[Document]]]:
            for event in events:
                in_flight.acquire()
                pending.append(event)
                yield base, tagged, event.documents if isinstance(event, _Documents) else [], budget

        results = pool.imap(run_batch, tasks())
        while True:
            started = time.perf_counter()
            outputs = next(results, None)
            waited += time.perf_counter() - started
            stages["waiting for workers"] = waited
            if outputs is None:
                break
            in_flight.release()
            yield pending.pop(0), outputs
    except BaseException:  # an error, or the consumer stopped: no worker is left behind
        pool.terminate()
        pool.join()
        raise
    pool.close()
    pool.join()


class _Bookkeeping:
    """What the run knows about the store, and what each event does to it."""

    def __init__(self, store: Store, builder: GraphBuilder, writer: BatchWriter, summary: RunSummary) -> None:
        self.store, self.builder, self.writer, self.summary = store, builder, writer, summary
        self.failed_before = store.read_failures()
        self.complete = store.extracted_files()
        self.scope = Scope(spill_dir=store.path)  # what this run changed, for study resolution
        self.orphan_candidates: set[str] = set()  # shared descriptions that replaced documents referred to

    def open_file(self, relative: str, source_hash: str | None) -> _File:
        """A file about to be (re)read; the keys of its stored documents join the scope, as they may go."""
        file = _File(relative, source_hash, self.store.documents_of(relative))
        self.scope.files.add(relative)
        if file.previous:
            self.scope.add(document_keys(self.store, file.previous))
            self.orphan_candidates |= self.store.described_in(file.previous, self.builder.vocabulary_graph)
        return file

    def removing_records(self, pmids: Iterable[str]) -> None:
        """Records a DeleteCitation is about to remove: their keys join the scope."""
        self.scope.add(document_keys(self.store, (graph for graph, _ in self.store.records_with_pmids(pmids))))

    def link(self) -> int:
        """Resolve studies around what the run changed and news stories over the store; returns how
        many stories are linked. The scope is spent afterwards."""
        try:
            return len(link_news(self.store, self.builder, self.scope))
        finally:
            self.scope.close()

    def unchanged(self, relative: str, source_hash: str) -> bool:
        return relative not in self.failed_before and self.complete.get(relative) == (source_hash, self.builder.version)

    def handle(self, event: object, outputs: list[DocumentOutput]) -> None:
        file = event.file
        if isinstance(event, _Documents):
            for document, output in zip(event.documents, outputs):
                self.store_document(file, output, document.encoding)
        elif isinstance(event, _Deleted):
            self.writer.flush()  # the records to delete may be in the pending batch
            self.removing_records(event.records.pmids)
            removed = self.store.drop_records(event.records.pmids, keep=file.written)
            self.summary.notes.append(f"{file.relative}: DeleteCitation lists {len(event.records.pmids)} PMIDs; "
                                      f"{removed} stored records removed")
        elif isinstance(event, _FileEnd):
            self._end(event, file)

    def store_document(self, file: _File, output: DocumentOutput, encoding: str | None) -> None:
        if output.error:  # reported, and the file is recorded as a read failure: read again next run
            self.summary.failures.append(FileFailure(output.where, output.error))
            file.errors.append(output.error)
            return
        if output.graph in file.previous:
            self.writer.drop([output.graph])
        self.writer.add(output.graph, nquads=output.nquads)
        file.written.add(output.graph)
        self.scope.add(output.keys)
        file.encodings.add(encoding)
        self.summary.documents += 1
        if output.warning:
            self.summary.warnings.append(FileFailure(output.where, output.warning))

    def _end(self, event: _FileEnd, file: _File) -> None:
        relative = file.relative
        failure = file.failure(event.failure)
        if failure is None:
            self.writer.drop(set(file.previous) - file.written)  # records no longer in the file
            if relative in self.failed_before:  # read completely this time
                self.writer.drop([self.builder.failure_iri(relative)])
            marker = self.builder.file_iri(relative)
            self.writer.drop([marker])
            self.writer.add(marker, self.builder.extracted_file(relative, file.source_hash, len(file.written)), document=False)
        else:
            if event.failure is not None:  # the documents that failed are already reported one by one
                self.summary.failures.append(FileFailure(relative, event.failure))
            self.writer.drop([self.builder.file_iri(relative)])
            self.writer.flush()
            self.store.replace_graphs([], self.builder.failure_iri(relative),
                                      self.builder.read_failure(relative, file.source_hash, failure, len(file.written)))
        self.summary.notes += [f"{relative}: decoded as {e}" for e in sorted(file.encodings - {"utf-8", "utf-8-sig", None})]
