"""What every reader shares: the reader interface and a builder for text with section offsets."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Iterator, Protocol

from ..records import Document, Section


def content_hash(data: bytes) -> str:
    """ "sha256:<hex>" of a file's bytes: how litkg tells whether a file changed."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class Source:
    """One input file: its path relative to the extraction root, bytes and decoded text."""

    relative_path: str
    data: bytes
    text: str
    encoding: str

    @property
    def content_hash(self) -> str:
        return content_hash(self.data)


class Reader(Protocol):
    """A reader for one input format."""

    name: str

    def sniff(self, text: str) -> float:
        """Confidence in [0, 1] that ``text`` (the start of a decoded file) is this format."""

    def read(self, source: Source) -> Iterator[Document]:
        """The documents in the file (one for most formats)."""


class TextBuilder:
    """Assembles the document text that litkg stores, recording each section's offsets."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.sections: list[Section] = []

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
    line = line.replace("\u00a0", " ").strip()
    if line.startswith(("•", "·", "■", "▪")):
        line = line[1:].strip()
    return " ".join(line.split())


def paragraphs(text: str) -> list[str]:
    """Non-empty lines, cleaned: these dumps put each paragraph on one line."""
    return [cleaned for cleaned in (clean_line(line) for line in text.splitlines()) if cleaned]
