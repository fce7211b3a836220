"""An extraction run: walk a folder, read, NLP, build, write each document; then link news to papers."""

from __future__ import annotations

import fnmatch
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from . import __version__
from .errors import LitkgError
from .graph.builder import GraphBuilder
from .graph.linking import link_news
from .graph.vocab import DEFAULT_BASE
from .nlp.pipeline import build_pipeline, extract
from .readers import DEFAULT_MAX_BYTES, read_file
from .readers.base import file_hash
from .records import DeletedRecords
from .store import Store

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
    links: int = 0
    triples: int = 0
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return len(self.failures)


def walk(root: Path) -> Iterator[tuple[Path, str]]:
    """Files under ``root`` (or ``root`` itself) with their '/'-separated relative path, sorted,
    minus hidden files, READMEs and licences, and the patterns listed in ``.litkgignore`` files."""
    if root.is_file():
        yield root, root.name
        return
    patterns = _ignore_patterns(root)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = path.relative_to(root).as_posix()
        if _ignored(relative, patterns):
            continue
        yield path, relative


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


def run_extraction(root: Path, store: Store, base: str = DEFAULT_BASE,
                   progress: Callable[[str], None] | None = None, files: list[tuple[Path, str]] | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> RunSummary:
    """Extract every file under ``root`` into ``store``. Unchanged files are skipped; a changed
    file replaces only its own graphs; a file that fails is reported and the rest go on. A file
    damaged part-way keeps the records read before the damage and is recorded as a read failure."""
    started = time.perf_counter()
    summary = RunSummary()
    nlp = build_pipeline()
    builder = GraphBuilder(base)
    stored = store.sources()
    failed_before = store.read_failures()
    version = f"litkg {__version__}"
    for path, relative in (files if files is not None else list(walk(root))):
        summary.files += 1
        if progress:
            progress(relative)
        try:
            source_hash = file_hash(path)
        except OSError as exc:
            summary.failures.append(FileFailure(relative, f"cannot read: {exc.strerror or exc}"))
            continue
        previous = stored.get(relative, {})
        if (previous and relative not in failed_before and set(previous.values()) == {source_hash}
                and store.versions_of(relative) == {version}):
            summary.unchanged += 1
            continue
        written: set[str] = set()
        encodings: set[str | None] = set()
        try:
            for item in read_file(path, relative, max_bytes=max_bytes, source_hash=source_hash):
                if isinstance(item, DeletedRecords):
                    removed = store.drop_records(item.pmids, keep=written)
                    summary.notes.append(f"{relative}: DeleteCitation lists {len(item.pmids)} PMIDs; "
                                         f"{removed} stored records removed")
                    continue
                try:
                    extraction = extract(nlp, item)
                    graph = builder.document_iri(extraction)
                    quads = builder.build(extraction)
                except Exception as exc:  # a bug in one record must not stop the run: say so and go on
                    where = f"{relative} ({item.record_key})" if item.record_key else relative
                    summary.failures.append(FileFailure(where, f"internal error, please report it: {type(exc).__name__}: {exc}"))
                    continue
                store.replace_graphs([], graph, quads, new=graph not in previous and graph not in written)
                written.add(graph)
                summary.documents += 1
                encodings.add(item.encoding)
            store.drop_graphs(set(previous) - written)  # records no longer in the file
            if relative in failed_before:  # read completely this time
                store.drop_graphs([builder.failure_iri(relative)])
        except LitkgError as exc:
            reason = str(exc)
            summary.failures.append(FileFailure(relative, reason))
            failure = builder.failure_iri(relative)
            store.replace_graphs([], failure, builder.read_failure(relative, source_hash, reason, len(written)))
        summary.notes += [f"{relative}: decoded as {e}" for e in sorted(encodings - {"utf-8", "utf-8-sig", None})]
    summary.links = len(link_news(store, builder))
    store.flush()
    summary.triples = store.triple_count()
    summary.seconds = time.perf_counter() - started
    return summary
