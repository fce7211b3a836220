"""Extraction on a Dask cluster: input files are partitioned across workers, each worker returns (or
writes) its partition's graphs as N-Quads, and this process loads them into the store, or leaves
them as shard files for a cluster-scale triple store.

Workers must see the input files at the same paths (a shared file system); with ``shards_out`` they
must also be able to write there. A partition whose worker is lost is retried by Dask; a document
or file that fails is reported like in a local run.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..budget import Budget
from ..errors import LitkgError
from ..graph.builder import graph_version
from ..graph.file_marks import extracted_file, read_failure
from ..graph.iris import Minter, digest
from ..graph.vocab import DEFAULT_BASE
from ..readers import DEFAULT_MAX_BYTES, NO_TEXT, read_file
from ..readers.base import file_hash
from ..records import DeletedRecords, Share
from ..store import Store
from .bookkeeping import RunBookkeeping
from .events import FileEnd, FileState
from .summary import FileFailure, RunSummary
from .work import DocumentOutput, Extractor
from .writer import BatchWriter

PARTITION_BYTES = 4 * 2**20  # a file is split into partitions of about this size, when the cluster has idle slots
RETRIES = 2  # extra attempts for a partition whose worker died


@dataclass(frozen=True, slots=True)
class Partition:
    """Records ``part``, ``part + parts``, ``part + 2*parts`` ... of one file."""

    path: str
    relative: str
    part: int
    parts: int


@dataclass(slots=True)
class PartitionResult:
    partition: Partition
    source_hash: str = ""
    outputs: list[DocumentOutput] = field(default_factory=list)  # without N-Quads when a shard was written
    encodings: list[str | None] = field(default_factory=list)
    deleted: list[tuple[str, ...]] = field(default_factory=list)  # PMIDs of DeleteCitation elements (part 0 only)
    failure: str | None = None  # the file could not be read (completely)
    shard: str | None = None  # the N-Quads file written, when writing shards
    seconds: float = 0.0


def partitions(files: list[tuple[Path, str]], slots: int) -> list[Partition]:
    """One task per file when there are at least as many files as the cluster has ``slots`` (worker
    threads); else large files are split by record, so that every slot has work. Every partition of
    a file parses the whole file and extracts its share, so splitting costs reading time: a
    whole-baseline run (~1,200 files) splits nothing."""
    share = -(-slots // max(1, len(files)))  # partitions per file that would fill the slots
    found = []
    for path, relative in files:
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        parts = max(1, min(64, share, size // PARTITION_BYTES))
        found += [Partition(str(path), relative, part, parts) for part in range(parts)]
    return found


PLUGIN = "litkg-extractor"


def extractor_plugin(base: str, tagged: bool):
    """A Dask worker plugin: each worker process loads one :class:`Extractor` when it starts (~1 s),
    which the partitions it runs share; nothing is kept in module state. (Made here: dask is optional.)"""
    from dask.distributed import WorkerPlugin

    class ExtractorPlugin(WorkerPlugin):
        name = PLUGIN

        def __init__(self) -> None:
            self.base, self.tagged = base, tagged
            self.extractor: Extractor | None = None

        def setup(self, worker) -> None:
            self.extractor = Extractor(self.base, self.tagged)

    return ExtractorPlugin()


def _worker_extractor(base: str, tagged: bool) -> Extractor:
    """The running Dask worker's Extractor (its plugin's), or a new one outside a worker."""
    try:
        from dask.distributed import get_worker

        plugin = get_worker().plugins.get(PLUGIN)
    except (ImportError, ValueError):
        plugin = None
    if plugin is not None and plugin.extractor is not None and (plugin.base, plugin.tagged) == (base, tagged):
        return plugin.extractor
    return Extractor(base, tagged)


def extract_partition(partition: Partition, base: str, max_bytes: int, shard_dir: str | None,
                      tagged: bool = False, budget: Budget = Budget()) -> PartitionResult:
    """The task a Dask worker runs: read one file, extract its share of the records (the reader skips the
    other partitions' records before building documents; DeleteCitation lists come with partition 0)."""
    started = time.perf_counter()
    result = PartitionResult(partition)
    extractor = _worker_extractor(base, tagged)
    extractor.start_output()  # each partition's output is complete in itself
    path = Path(partition.path)
    share = Share(partition.part, partition.parts, block=1) if partition.parts > 1 else None
    try:
        result.source_hash = file_hash(path)
        for item in read_file(path, partition.relative, max_bytes=max_bytes, source_hash=result.source_hash, share=share):
            if isinstance(item, DeletedRecords):
                result.deleted.append(item.pmids)
                continue
            result.outputs.append(extractor.run(item, budget))
            result.encodings.append(item.encoding)
    except (LitkgError, OSError) as exc:
        result.failure = str(exc) if isinstance(exc, LitkgError) else f"cannot read: {exc.strerror or exc}"
    if shard_dir is not None:
        name = f"{digest(partition.relative)}-{partition.part + 1}-of-{partition.parts}.nq"
        result.shard = _write_atomically(Path(shard_dir) / name, b"".join(o.nquads for o in result.outputs))
        result.outputs = [DocumentOutput(o.graph, o.where, error=o.error, keys=o.keys, warning=o.warning, kind_note=o.kind_note)
                          for o in result.outputs]
    result.seconds = time.perf_counter() - started
    return result


def _write_atomically(path: Path, data: bytes) -> str:
    partial = path.with_suffix(f".partial-{os.getpid()}")
    partial.write_bytes(data)
    os.replace(partial, path)
    return str(path)


def run_dask(files: list[tuple[Path, str]], scheduler: str, store: Store | None, base: str = DEFAULT_BASE,
             max_bytes: int = DEFAULT_MAX_BYTES, shards_out: Path | None = None, tagged: bool = False,
             budget: Budget = Budget()) -> RunSummary:
    """Extract ``files`` on the Dask cluster at ``scheduler`` into ``store`` (or into shard files);
    ``tagged`` runs the statistical outcome tagger too; ``budget`` limits each document (in Dask's
    worker threads only its size: see :mod:`extractor.budget`)."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise LitkgError("the Dask engine needs dask.distributed: pip install 'litkg[dask]'") from None

    started = time.perf_counter()
    summary = RunSummary()
    mint, version = Minter(base), graph_version(tagged)
    writer = BatchWriter(store) if store is not None else None
    state = RunBookkeeping(store, mint, version, writer, summary) if store is not None else ShardBookkeeping(mint, version, summary)
    order = {relative: i for i, (_, relative) in enumerate(files)}
    todo = []
    for path, relative in files:
        summary.files += 1
        if store is not None:
            try:
                if state.unchanged(relative, file_hash(path)):
                    summary.unchanged += 1
                    continue
            except OSError as exc:
                summary.failures.append(FileFailure(relative, f"cannot read: {exc.strerror or exc}"))
                continue
        todo.append((path, relative))
    if shards_out is not None:
        shards_out.mkdir(parents=True, exist_ok=True)
    opened: dict[str, FileState] = {}
    failures: dict[str, str] = {}
    produced: set[str] = set()  # files a partition gave documents or DeleteCitation lists from
    deletions: list[tuple[int, tuple[str, ...]]] = []
    shards: list[str] = []
    with Client(scheduler) as client:
        client.register_plugin(extractor_plugin(base, tagged), name=PLUGIN)
        tasks = partitions(todo, slots=sum(client.nthreads().values()))
        remaining = {relative: 0 for _, relative in todo}
        for task in tasks:
            remaining[task.relative] += 1
        futures = client.map(extract_partition, tasks, base=base, max_bytes=max_bytes, tagged=tagged, budget=budget,
                             shard_dir=str(shards_out) if shards_out else None, retries=RETRIES, pure=False)
        by_key = {future.key: task for future, task in zip(futures, tasks)}
        for future in as_completed(futures):
            task = by_key[future.key]
            try:
                result: PartitionResult = future.result()
            except Exception as exc:  # the partition failed on every attempt: its file is reported
                failures.setdefault(task.relative, f"partition {task.part + 1} of {task.parts} failed on the cluster: "
                                                    f"{type(exc).__name__}: {exc}")
                result = PartitionResult(task)
            future.release()
            summary.stages["extract (workers)"] = summary.stages.get("extract (workers)", 0.0) + result.seconds
            if task.relative not in opened:
                opened[task.relative] = state.open_file(task.relative, result.source_hash)
            file = opened[task.relative]
            file.source_hash = file.source_hash or result.source_hash
            if result.failure:
                failures.setdefault(task.relative, result.failure)
            if result.outputs or result.deleted:
                produced.add(task.relative)
            deletions += [(order[task.relative], pmids) for pmids in result.deleted]
            if result.shard:
                shards.append(result.shard)
            for output, encoding in zip(result.outputs, result.encodings):
                state.store_document(file, output, encoding)
            remaining[task.relative] -= 1
            if remaining[task.relative] == 0:
                if task.relative not in produced and task.relative not in failures:
                    failures[task.relative] = NO_TEXT  # no share had any (a share may hold none)
                state.end_file(FileEnd(file, failures.get(task.relative)))
    if writer is not None:
        writer.close()
        summary.stages["write (writer thread)"] = writer.seconds
        summary.stages["waiting for the writer"] = writer.waited
        state.apply_deletions([(position, files[position][1], pmids) for position, pmids in deletions], order)
        summary.links = state.finish()
        summary.triples = store.triple_count()
    else:
        _finish_shards(shards_out, shards, state.quads, deletions, files, summary)
    summary.seconds = time.perf_counter() - started
    return summary


class ShardBookkeeping:
    """The run protocol of :class:`RunBookkeeping` without a store (``--shards-out``): documents are
    counted and each file's mark or read failure is collected as quads for the files shard."""

    def __init__(self, mint: Minter, version: str, summary: RunSummary) -> None:
        self.mint, self.version, self.summary = mint, version, summary
        self.quads: list = []

    def open_file(self, relative: str, source_hash: str) -> FileState:
        return FileState(relative, source_hash, {})

    def store_document(self, file: FileState, output: DocumentOutput, encoding: str | None) -> None:
        if output.error:
            self.summary.failures.append(FileFailure(output.where, output.error))
            file.errors.append(output.error)
            return
        file.written.add(output.graph)
        self.summary.documents += 1
        if output.warning:
            self.summary.warnings.append(FileFailure(output.where, output.warning))
        if output.kind_note:
            self.summary.notes.append(f"{output.where}: {output.kind_note}")

    def end_file(self, end: FileEnd) -> None:
        file = end.file
        failure = file.failure(end.failure)
        if failure is None:
            self.quads += extracted_file(self.mint, self.version, file.relative, file.source_hash, len(file.written))
            return
        if end.failure is not None:
            self.summary.failures.append(FileFailure(file.relative, end.failure))
        self.quads += read_failure(self.mint, self.version, file.relative, file.source_hash, failure, len(file.written))


def _finish_shards(shards_out: Path, shards: list[str], bookkeeping: list, deletions: list, files: list,
                   summary: RunSummary) -> None:
    """Bookkeeping graphs as one more shard, and a manifest that lists every shard and what to delete."""
    import pyoxigraph as ox

    files_shard = shards_out / "files.nq"
    _write_atomically(files_shard, ox.serialize(bookkeeping, format=ox.RdfFormat.N_QUADS) if bookkeeping else b"")
    manifest = {
        "shards": sorted(Path(s).name for s in shards) + [files_shard.name],
        "documents": summary.documents,
        "failures": [{"path": f.path, "reason": f.reason} for f in summary.failures],
        "delete_pmids_in_order": [{"file": files[position][1], "pmids": list(pmids)} for position, pmids in sorted(deletions)],
    }
    (shards_out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


__all__ = ["Partition", "PartitionResult", "extract_partition", "extractor_plugin", "partitions", "run_dask"]
