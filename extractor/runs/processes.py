"""``--workers N``: worker processes read their own files (a large file in shares of its records),
extract them and hand back N-Quads; this process only keeps the bookkeeping and writes.

Files are opened here a few at a time (their stored documents looked up, unchanged ones skipped) and
queued as tasks; a file at least :data:`SHARE_BYTES` long is split into shares when the large files still
to queue are too few to keep every worker busy to the end (see :func:`shares_for`). Results
come back as they are ready, so files end out of order; DeleteCitation lists are therefore applied
after every file, with MEDLINE's order rule (see :meth:`RunBookkeeping.apply_deletions`).
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..budget import Budget
from ..errors import LitkgError
from ..readers import NO_TEXT, read_file
from ..records import DeletedRecords, Share
from .bookkeeping import RunBookkeeping
from .events import BATCH_DOCUMENTS, FileEnd, FileState, changed_file_hash
from .work import DocumentOutput, Extractor, tune_garbage_collector

SHARE_BYTES = 2 * 2**20  # a file this large (on disk) is read in one share per worker
_FILES_AHEAD = 2  # files opened and queued per worker beyond those being read: bounds the bookkeeping held
_QUEUED_RESULTS = 4  # batches of results per worker waiting for this process: bounds memory


@dataclass(frozen=True, slots=True)
class Task:
    """One share of one file, for a worker."""

    number: int
    path: str
    relative: str
    source_hash: str
    share: Share | None


# What a worker sends back, each tagged with its task number:
#   ("documents", [(DocumentOutput, encoding), ...])  a batch of extracted documents
#   ("deleted", pmids)                                a DeleteCitation list (share 0 only)
#   ("end", (failure or None, produced anything))     the share is done
#   ("crashed", reason)                               the worker itself failed


def work(tasks, results, base: str, tagged: bool, explain: bool, max_bytes: int, budget: Budget) -> None:
    """A worker process: load an extractor once, then read and extract tasks until told to stop (None)."""
    try:
        extractor = Extractor(base, tagged, explain)
        tune_garbage_collector()
        while (task := tasks.get()) is not None:
            _run_task(task, extractor, results, max_bytes, budget)
    except BaseException as exc:  # e.g. the lexicons cannot load: the run stops with the reason
        results.put((-1, "crashed", f"{type(exc).__name__}: {exc}"))


def _run_task(task: Task, extractor: Extractor, results, max_bytes: int, budget: Budget) -> None:
    batch: list[tuple[DocumentOutput, str | None]] = []
    produced, failure = False, None
    try:
        for item in read_file(Path(task.path), task.relative, max_bytes, task.source_hash, task.share):
            produced = True
            if isinstance(item, DeletedRecords):
                results.put((task.number, "deleted", item.pmids))
                continue
            batch.append((extractor.run(item, budget), item.encoding))
            if len(batch) >= BATCH_DOCUMENTS:
                results.put((task.number, "documents", batch))
                batch = []
    except LitkgError as exc:
        failure = str(exc)
    except OSError as exc:
        failure = f"cannot read: {exc.strerror or exc}"
    if batch:
        results.put((task.number, "documents", batch))
    results.put((task.number, "end", (failure, produced)))


@dataclass(slots=True)
class _OpenFile:
    state: FileState
    position: int  # in the run's file order
    shares: int  # not yet ended
    failure: str | None = None
    produced: bool = False
    read: int = 0


def run_in_processes(files: Iterable[tuple[Path, str]], state: RunBookkeeping, workers: int, base: str, tagged: bool,
                     explain: bool, max_bytes: int, budget: Budget, stages: dict[str, float],
                     progress: Callable[[str, int], None] | None = None) -> None:
    """Extract ``files`` in ``workers`` processes into ``state``'s store (its writer), in this process
    only opening files, storing results and ending files; ``stages`` gets this process's time spent
    opening files ("read": hashing, unchanged checks) and waiting for workers."""
    import multiprocessing

    tell = progress or (lambda name, n: None)
    context = multiprocessing.get_context("spawn")  # workers are this process's children: their CPU time is counted
    tasks = context.Queue()
    results = context.Queue(maxsize=_QUEUED_RESULTS * workers)
    processes = [context.Process(target=work, args=(tasks, results, base, tagged, explain, max_bytes, budget),
                                 name=f"litkg-worker-{i + 1}", daemon=True) for i in range(workers)]
    for process in processes:
        process.start()
    files = list(files)
    parts = _shares_by_position(_large_files_left(files, max_bytes), workers)
    pending = iter(enumerate(files))
    opened: dict[int, _OpenFile] = {}  # task number -> its file
    deletions: list[tuple[int, str, tuple[str, ...]]] = []
    order: dict[str, int] = {}  # file -> its position in the run
    stages.setdefault("read", 0.0)
    stages.setdefault("waiting for workers", 0.0)
    numbers = iter(range(1 << 62))
    try:
        in_flight = _queue_files(pending, state, tasks, opened, order, numbers, workers, 0, parts, stages, tell)
        while in_flight:
            started = time.perf_counter()
            number, kind, payload = _next_result(results, processes)
            stages["waiting for workers"] += time.perf_counter() - started
            file = opened[number]
            if kind == "documents":
                for output, encoding in payload:
                    state.store_document(file.state, output, encoding)
                file.read += len(payload)
                file.produced = True
                tell(file.state.relative, file.read)
                continue
            if kind == "deleted":
                deletions.append((file.position, file.state.relative, payload))
                continue
            failure, produced = payload  # "end" of one share
            del opened[number]
            file.failure = file.failure or failure
            file.produced = file.produced or produced
            file.shares -= 1
            if file.shares == 0:
                in_flight -= 1
                if not file.produced and file.failure is None:
                    file.failure = NO_TEXT
                state.end_file(FileEnd(file.state, file.failure))
                tell(file.state.relative, -1)
                in_flight = _queue_files(pending, state, tasks, opened, order, numbers, workers, in_flight, parts,
                                         stages, tell)
        for _ in processes:
            tasks.put(None)
        for process in processes:
            process.join()
    except BaseException:  # an error, or the run was stopped: no worker is left behind
        for process in processes:
            process.kill()
        raise
    finally:
        for process in processes:
            process.join()
    state.apply_deletions(deletions, order)


def _queue_files(pending, state: RunBookkeeping, tasks, opened: dict[int, _OpenFile], order: dict[str, int], numbers, workers: int,
                 in_flight: int, parts: list[int], stages: dict[str, float], tell) -> int:
    """Open the next files and queue their shares until enough are in flight; how many are."""
    started = time.perf_counter()
    while in_flight < workers * _FILES_AHEAD:
        position, (path, relative) = next(pending, (None, (None, None)))
        if position is None:
            break
        source_hash = changed_file_hash(path, relative, state, tell)
        if source_hash is None:
            continue
        order[relative] = position
        shares = parts[position]
        file = _OpenFile(state.open_file(relative, source_hash), position, shares)
        for part in range(shares):
            number = next(numbers)
            opened[number] = file
            tasks.put(Task(number, str(path), relative, source_hash, Share(part, shares) if shares > 1 else None))
        in_flight += 1
    stages["read"] += time.perf_counter() - started
    return in_flight


def shares_for(workers: int, large_left: int) -> int:
    """Shares of a large file queued when ``large_left`` large files (it included) are still to queue. Each
    share parses the whole file (0.2 ms per record it skips), so a file is read whole while twice as many
    large files as workers remain, and split into more shares as the run nears its end, where a whole
    file would leave the other workers idle; never more shares than workers."""
    return max(1, min(workers, -(-2 * workers // max(1, large_left))))


def _shareable(path: Path, max_bytes: int) -> bool:
    try:
        size = path.stat().st_size
    except OSError:  # gone since it was listed: its worker reports why it cannot be read
        return False
    return SHARE_BYTES <= size <= max_bytes


def _large_files_left(files: list[tuple[Path, str]], max_bytes: int) -> list[int]:
    """For each position in ``files``, how many files from it to the end are large enough to share."""
    left, count = [0] * len(files), 0
    for position in range(len(files) - 1, -1, -1):
        count += _shareable(files[position][0], max_bytes)
        left[position] = count
    return left


def _shares_by_position(large_left: list[int], workers: int) -> list[int]:
    """Shares of the file at each position: :func:`shares_for` for a large file (one whose count of large
    files left is above the next position's), 1 for the others."""
    after = [*large_left[1:], 0]
    return [shares_for(workers, left) if left > later else 1 for left, later in zip(large_left, after)]


def _next_result(results, processes) -> tuple[int, str, object]:
    """The next message from a worker; a worker that died or crashed stops the run with the reason."""
    while True:
        try:
            number, kind, payload = results.get(timeout=1.0)
        except queue.Empty:
            dead = [p for p in processes if p.exitcode is not None]
            if dead:
                raise LitkgError(f"worker process {dead[0].name} stopped (exit code {dead[0].exitcode}); "
                                 "what was extracted before is stored, run again to finish") from None
            continue
        if kind == "crashed":
            raise LitkgError(f"a worker process failed: {payload}")
        return number, kind, payload


__all__ = ["SHARE_BYTES", "Task", "run_in_processes", "shares_for", "work"]
