"""A run as a stream of events: reading happens in one process and yields, in file order, batches
of documents, DeleteCitation lists and each file's end; unchanged files are skipped here."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..errors import LitkgError
from ..readers import read_file
from ..readers.base import file_hash
from ..records import DeletedRecords, Document
from .summary import FileFailure, RunSummary

BATCH_DOCUMENTS = 64  # documents per event (and per task sent to a worker process)


@dataclass(slots=True)
class FileState:
    """One source file being (re)read, and what became of its documents."""

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
class DocumentsRead:
    file: FileState
    documents: list[Document]


@dataclass(frozen=True, slots=True)
class RecordsDeleted:
    file: FileState
    records: DeletedRecords


@dataclass(frozen=True, slots=True)
class FileEnd:
    file: FileState
    failure: str | None = None  # the reader stopped here: the reason


Event = DocumentsRead | RecordsDeleted | FileEnd


class Opener(Protocol):
    """What reading needs of the run's bookkeeping."""

    summary: RunSummary

    def unchanged(self, relative: str, source_hash: str) -> bool: ...

    def open_file(self, relative: str, source_hash: str) -> FileState: ...


def changed_file_hash(path: Path, relative: str, state: Opener, tell: Callable[[str, int], None]) -> str | None:
    """Count a file of the run and hash it; None when it is not to be read: it cannot be (a failure)
    or it is unchanged since it was stored (both counted, and its end told)."""
    state.summary.files += 1
    tell(relative, 0)
    try:
        source_hash = file_hash(path)
    except OSError as exc:
        state.summary.failures.append(FileFailure(relative, f"cannot read: {exc.strerror or exc}"))
        tell(relative, -1)
        return None
    if state.unchanged(relative, source_hash):
        state.summary.unchanged += 1
        tell(relative, -1)
        return None
    return source_hash


def read_events(files: Iterable[tuple[Path, str]], state: Opener, max_bytes: int,
                progress: Callable[[str, int], None] | None) -> Iterator[Event]:
    """Read the files, in order, as events. ``progress(name, n)`` hears of each file as it starts
    (n = 0), of every batch of documents read from it (n = documents so far) and of its end (n = -1)."""
    tell = progress or (lambda name, n: None)
    for path, relative in files:
        source_hash = changed_file_hash(path, relative, state, tell)
        if source_hash is None:
            continue
        read = 0
        file = state.open_file(relative, source_hash)
        batch: list[Document] = []
        try:
            for item in read_file(path, relative, max_bytes=max_bytes, source_hash=source_hash):
                if isinstance(item, DeletedRecords):
                    if batch:
                        yield DocumentsRead(file, batch)
                        batch = []
                    yield RecordsDeleted(file, item)
                    continue
                batch.append(item)
                if len(batch) >= BATCH_DOCUMENTS:
                    read += len(batch)
                    tell(relative, read)
                    yield DocumentsRead(file, batch)
                    batch = []
        except LitkgError as exc:
            if batch:
                yield DocumentsRead(file, batch)
            tell(relative, -1)
            yield FileEnd(file, str(exc))
            continue
        if batch:
            yield DocumentsRead(file, batch)
        tell(relative, -1)
        yield FileEnd(file)


def timed(events: Iterator[Event], stages: dict[str, float]) -> Iterator[Event]:
    """The events, with the time spent producing them (reading files) added to ``stages["read"]``."""
    stages.setdefault("read", 0.0)
    while True:
        started = time.perf_counter()
        event = next(events, None)
        stages["read"] += time.perf_counter() - started
        if event is None:
            return
        yield event
