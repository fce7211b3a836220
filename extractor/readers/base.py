"""What every reader shares: the reader interface and a builder for text with section offsets."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from ..records import DeletedRecords, Document, DocumentKind, Section, Share, TableCell
from .sections import display_heading, heading_kind, split_labelled

_CHUNK = 1 << 20


def content_hash(data: bytes) -> str:
    """ "sha256:<hex>" of a file's bytes: how litkg tells whether a file changed."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def file_hash(path: Path) -> str:
    """:func:`content_hash` of a file, read in chunks (files may be large)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return "sha256:" + digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Source:
    """One input file. Text readers get the whole decoded ``text``; streaming readers (``streams``)
    get ``text`` None and read the (decompressed) bytes from ``open()`` record by record."""

    relative_path: str
    content_hash: str
    text: str | None
    encoding: str | None
    open: Callable[[], BinaryIO]
    head: bytes = b""  # the first 64 KiB of the (decompressed) content, as sniffed
    share: Share | None = None  # read only these records (a reader with ``shares`` skips the others itself)
    def document(self, reader: str, kind: DocumentKind, text: str, record_key: str | None = None, **fields) -> Document:
        """A document read from this file by ``reader``: its file, hash and encoding filled in."""
        return Document(source_file=self.relative_path, record_key=record_key, content_hash=self.content_hash, kind=kind,
                        reader=reader, text=text, encoding=self.encoding, **fields)


class Reader(Protocol):
    """A reader for one input format."""

    name: str
    streams: bool  # True: reads bytes from Source.open() itself, however large the file

    def sniff(self, text: str) -> float:
        """Confidence in [0, 1] that ``text`` (the start of a decoded file) is this format."""

    def read(self, source: Source) -> Iterator[Document | DeletedRecords]:
        """The documents in the file (one for most formats)."""


# Characters normalised in every reader, before any offset is computed: no-break and soft
# hyphens, zero-width characters; thin spaces stay only where they group digits ("12 345").
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_HYPHENS = {ord("\u2011"): "-", ord("\u2010"): "-"}
_TO_NORMALISE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\u2010\u2011]")
_KEPT_SPACE = r"(?!(?<=\d)[\u2009\u202f](?=\d{3}(?!\d)))"  # not a thin space that groups digits
# a run of white space to fold, except a single plain space (already folded): on a 50 MB line, matching
# every space made re.sub build ~8 million pieces (560 MB)
_SPACE_RUN = re.compile(rf"(?:{_KEPT_SPACE}\s){{2,}}|{_KEPT_SPACE}[^\S ]")


def fold_spaces(text: str) -> str:
    """``text`` on one line: whitespace runs become one space, except a thin space inside a number."""
    if _TO_NORMALISE.search(text):  # str.translate copies the text through a 4-byte-per-character buffer
        text = text.translate(_INVISIBLE).translate(_HYPHENS)
    return _SPACE_RUN.sub(" ", text).strip()


class TextBuilder:
    """Assembles the document text that litkg stores, recording each section's offsets."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.sections: list[Section] = []
        self.table_cells: list[TableCell] = []  # filled by readers that keep tables

    def add(self, kind: str, body: str, heading: str | None = None) -> Section:
        if self._parts:
            self._append("\n\n")
        start = self._length
        if heading:
            self._append(heading + "\n")
        self._append(body)
        section = Section(kind=kind, heading=heading, start=start, end=self._length)
        self.sections.append(section)
        return section

    def add_labelled(self, text: str) -> None:
        """Abstract text whose parts carry labels ("BACKGROUND: ... METHODS: ..."), one section each."""
        for heading, body in split_labelled(text):
            if body:
                self.add(heading_kind(heading) if heading else "abstract", body, display_heading(heading))

    def _append(self, text: str) -> None:
        self._parts.append(text)
        self._length += len(text)

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def build(self) -> tuple[str, tuple[Section, ...]]:
        return self.text, tuple(self.sections)


def clean_line(line: str) -> str:
    """A line without page bullets and with its whitespace folded (non-breaking spaces included)."""
    line = fold_spaces(line)
    if line.startswith(("•", "·", "■", "▪")):
        line = line[1:].strip()
    return line


def paragraphs(text: str) -> list[str]:
    """Non-empty lines, cleaned: these dumps put each paragraph on one line."""
    return [cleaned for cleaned in (clean_line(line) for line in text.splitlines()) if cleaned]
