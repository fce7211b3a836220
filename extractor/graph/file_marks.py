"""The run's own graphs about source files: read completely, or why not."""

from __future__ import annotations

from pyoxigraph import Quad

from .iris import Minter
from .nquads import GraphLines
from .terms import RDF_, XSD_, L


def read_failure(mint: Minter, version: str, source_file: str, content_hash: str, reason: str,
                 records_read: int) -> list[Quad]:
    """A file that could not be read (completely): kept in its own graph so users can query it."""
    return _mark(mint.failure(source_file), L.ReadFailure, source_file, content_hash, records_read, version, reason)


def extracted_file(mint: Minter, version: str, source_file: str, content_hash: str, documents: int) -> list[Quad]:
    """The mark that a file was read completely; until it is stored, the next run reads the file again."""
    return _mark(mint.file(source_file), L.ExtractedFile, source_file, content_hash, documents, version)


def _mark(f: str, kind, source_file: str, content_hash: str, records: int, version: str,
          reason: str | None = None) -> list[Quad]:
    out = GraphLines(f)
    out.iri(f, RDF_.type, kind)
    out.text(f, L.sourceFile, source_file)
    out.text(f, L.contentHash, content_hash)
    out.text(f, L.failureReason, reason)
    out.typed(f, L.recordsRead, records, XSD_.integer)
    out.text(f, L.extractorVersion, version)
    return out.quads()
