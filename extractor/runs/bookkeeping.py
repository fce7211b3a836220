"""The run protocol both engines follow: what each file and document does to the store.

A run opens each file it reads again (its stored documents' keys join the resolution scope), stores
each document's graph or its failure, applies DeleteCitation lists, and ends each file with its
mark (read completely) or its read failure; at the end it resolves studies and links news.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..graph.file_marks import extracted_file, read_failure
from ..graph.iris import Minter
from ..ledger import Ledger
from ..resolve import Scope, document_keys, link_news
from ..resolve.audit import run_audit
from ..store import Store
from .events import DocumentsRead, Event, FileEnd, FileState, RecordsDeleted
from .summary import FileFailure, RunSummary
from .work import DocumentOutput
from .writer import BatchWriter


class RunBookkeeping:
    """What the run knows about the store, and what each event does to it."""

    def __init__(self, store: Store, mint: Minter, version: str, writer: BatchWriter, summary: RunSummary) -> None:
        self.store, self.mint, self.version, self.writer, self.summary = store, mint, version, writer, summary
        self.ledger = Ledger(store)
        self.failed_before = self.ledger.read_failures()
        self.complete = self.ledger.extracted_files()
        self.scope = Scope(spill_dir=store.path)  # what this run changed, for study resolution
        self.orphan_candidates: set[str] = set()  # shared descriptions that replaced documents referred to

    def unchanged(self, relative: str, source_hash: str) -> bool:
        return relative not in self.failed_before and self.complete.get(relative) == (source_hash, self.version)

    def open_file(self, relative: str, source_hash: str) -> FileState:
        """A file about to be (re)read; the keys of its stored documents join the scope, as they may go."""
        file = FileState(relative, source_hash, self.ledger.documents_of(relative))
        self.scope.files.add(relative)
        if file.previous:
            self.scope.add(document_keys(self.store, file.previous))
            self.orphan_candidates |= self.ledger.described_in(file.previous, self.mint.vocabulary_graph())
        return file

    def handle(self, event: Event, outputs: list[DocumentOutput]) -> None:
        """One event of the local engine, with the outputs of its documents."""
        if isinstance(event, DocumentsRead):
            for document, output in zip(event.documents, outputs):
                self.store_document(event.file, output, document.encoding)
        elif isinstance(event, RecordsDeleted):
            removed = self.delete_records(event.records.pmids, keep=event.file.written)
            self.summary.notes.append(f"{event.file.relative}: DeleteCitation lists {len(event.records.pmids)} PMIDs; "
                                      f"{removed} stored records removed")
        elif isinstance(event, FileEnd):
            self.end_file(event)

    def store_document(self, file: FileState, output: DocumentOutput, encoding: str | None) -> None:
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
        if output.kind_note:
            self.summary.notes.append(f"{output.where}: {output.kind_note}")

    def delete_records(self, pmids: Iterable[str], keep: set[str]) -> int:
        """Drop the stored records a DeleteCitation lists (but ``keep``); their keys join the scope."""
        self.writer.flush()  # the records to delete may be in the pending batch
        pmids = tuple(pmids)
        self.scope.add(document_keys(self.store, (graph for graph, _ in self.ledger.records_with_pmids(pmids))))
        return self.ledger.drop_records(pmids, keep=keep)

    def apply_deletions(self, deletions: Iterable[tuple[int, str, tuple[str, ...]]], order: dict[str, int]) -> None:
        """DeleteCitation lists, applied after a run whose files ended out of order: each is (its file's
        position in the run, the file, the PMIDs) and removes the stored records of those PMIDs, but
        those of files at or after its own position (``order``: this run's files' positions), since
        in MEDLINE's order a later file may add a record again."""
        self.writer.flush()  # the records a later file added again may be in the pending batch
        for position, relative, pmids in sorted(deletions, key=lambda d: d[0]):
            keep = {graph for graph, source in self.ledger.records_with_pmids(pmids) if order.get(source, -1) >= position}
            removed = self.delete_records(pmids, keep)
            self.summary.notes.append(f"{relative}: DeleteCitation lists {len(pmids)} PMIDs; {removed} stored records removed")

    def end_file(self, event: FileEnd) -> None:
        file = event.file
        relative = file.relative
        failure = file.failure(event.failure)
        if failure is None:
            self.writer.drop(set(file.previous) - file.written)  # records no longer in the file
            if relative in self.failed_before:  # read completely this time
                self.writer.drop([self.mint.failure(relative)])
            marker = self.mint.file(relative)
            self.writer.drop([marker])
            self.writer.add(marker, extracted_file(self.mint, self.version, relative, file.source_hash, len(file.written)),
                            document=False)
        else:
            if event.failure is not None:  # the documents that failed are already reported one by one
                self.summary.failures.append(FileFailure(relative, event.failure))
            self.writer.drop([self.mint.file(relative)])
            self.writer.flush()
            self.store.replace_graphs([], self.mint.failure(relative),
                                      read_failure(self.mint, self.version, relative, file.source_hash, failure,
                                                   len(file.written)))
        self.summary.notes += [f"{relative}: decoded as {e}" for e in sorted(file.encodings - {"utf-8", "utf-8-sig", None})]

    def finish(self) -> int:
        """Resolve studies around what the run changed and news stories over the store, audit the studies
        that have a registry record and a paper or story, drop the shared descriptions no document names
        any more; returns how many stories are linked."""
        try:
            links = len(link_news(self.store, self.mint, self.scope))
        finally:
            self.scope.close()
        audits = run_audit(self.store, self.mint)  # registered vs reported, for every study with both
        self.summary.audited = len(audits)
        self.summary.discrepancies = sum(len(audit.findings) for audit in audits)
        if self.orphan_candidates:  # e.g. a run with --outcome-tagger re-extracted files: drop what no document names now
            self.ledger.prune_described(self.mint.vocabulary_graph(), self.orphan_candidates)
        self.store.flush()
        return links
