"""One module per input format behind a registry that decides each file's format from its content."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..records import Document
from .abstract_text import AbstractTextReader
from .base import Reader, Source
from .decoding import decode
from .news_text import NewsTextReader
from .plain_text import PlainTextReader

READERS: tuple[Reader, ...] = (AbstractTextReader(), NewsTextReader(), PlainTextReader())
_SNIFF_CHARS = 20000


def choose_reader(text: str) -> Reader:
    """The reader most confident about ``text``; the plain-text reader when none is."""
    head = text[:_SNIFF_CHARS]
    return max(READERS, key=lambda reader: reader.sniff(head))


def read_bytes(data: bytes, relative_path: str) -> list[Document]:
    """Every document in one file's bytes; raises :class:`InputError` with the reason when it has none."""
    text, encoding = decode(data)
    source = Source(relative_path=relative_path, data=data, text=text, encoding=encoding)
    documents = list(choose_reader(text).read(source))
    if not documents or not any(document.text.strip() for document in documents):
        raise InputError("no document text found")
    return documents


def read_file(path: Path, relative_path: str) -> list[Document]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    return read_bytes(data, relative_path)


__all__ = ["READERS", "Source", "choose_reader", "read_bytes", "read_file"]
