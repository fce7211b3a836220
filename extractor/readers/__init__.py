"""One module per input format behind a registry that decides each file's format from its content.

A file is opened (gzip is decompressed transparently), its first bytes are checked for binary
formats and decoded for sniffing, and the most confident reader reads it: streaming readers
(MEDLINE XML) from the byte stream record by record, text readers from the whole decoded text.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, ParseError
from ..records import DeletedRecords, Document, Share
from .abstract_text import AbstractTextReader
from .base import Reader, Source, content_hash, file_hash
from .ctgov_json import CtgovJsonReader
from .ctgov_xml import CtgovXmlReader
from .decoding import decode, decode_head, refuse_binary
from .gunzip import open_gzip
from .html import HtmlReader
from .jats import JatsReader
from .medline_tagged import MedlineTaggedReader
from .medline_xml import MedlineXmlReader
from .news_text import NewsTextReader
from .plain_text import PlainTextReader
from .pubmed_text import PubmedAbstractTextReader
from .text_kept import checked, words_shown

READERS: tuple[Reader, ...] = (
    MedlineXmlReader(), JatsReader(), CtgovXmlReader(), CtgovJsonReader(), HtmlReader(), MedlineTaggedReader(), PubmedAbstractTextReader(),
    AbstractTextReader(), NewsTextReader(), PlainTextReader(),
)
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
_SNIFF_BYTES = 1 << 16
_SNIFF_CHARS = 20000
_GZIP = b"\x1f\x8b"


def choose_reader(text: str) -> Reader:
    """The reader most confident about ``text`` (the first of equals); the plain-text reader when none
    is. Confidence is at most 1.0, so the first reader that is certain is chosen without asking the rest."""
    head = text[:_SNIFF_CHARS]
    best, best_score = READERS[-1], -1.0
    for reader in READERS:
        score = reader.sniff(head)
        if score >= 1.0:
            return reader
        if score > best_score:
            best, best_score = reader, score
    return best


def read_bytes(data: bytes, relative_path: str) -> list[Document | DeletedRecords]:
    """Every document in one file's bytes (tests and small inputs)."""
    return list(_read(lambda: io.BytesIO(data), content_hash(data), relative_path, len(data), DEFAULT_MAX_BYTES))


def read_file(path: Path, relative_path: str, max_bytes: int = DEFAULT_MAX_BYTES,
              source_hash: str | None = None, share: Share | None = None) -> Iterator[Document | DeletedRecords]:
    """Every document in one file, lazily (with ``share``, only that share's records; DeleteCitation
    lists come with share 0). Raises :class:`InputError` with the reason when the file cannot be
    read; a streamed file that is damaged part-way raises after the intact records. A file with no
    document text raises too, except with ``share``: a share may hold none (see :data:`NO_TEXT`)."""
    try:
        size = path.stat().st_size
        source_hash = source_hash or file_hash(path)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    return _read(lambda: path.open("rb"), source_hash, relative_path, size, max_bytes, share)


NO_TEXT = "no document text found"


def _read(open_raw: Callable[[], BinaryIO], source_hash: str, relative_path: str, size: int,
          max_bytes: int, share: Share | None = None) -> Iterator[Document | DeletedRecords]:
    if size > max_bytes:
        raise InputError(f"{_mib(size)} is over the size limit of {_mib(max_bytes)} (see --max-file-size)")
    compressed, head = _sniffed(open_raw)
    opener = (lambda: open_gzip(open_raw())) if compressed else open_raw
    refuse_binary(head)
    reader = choose_reader(decode_head(head))
    own_share = share if getattr(reader, "shares", False) else None  # the reader skips the other records unread
    if reader.streams:
        source = Source(relative_path, source_hash, None, None, opener, head, own_share)
        return _checked(_shared(reader.read(source), share, own_share is None), share is None)
    data = _whole(opener, max_bytes)
    text, encoding = decode(data)
    source = Source(relative_path, source_hash, text, encoding, opener, head, own_share)
    return _checked(_shared(reader.read(source), share, own_share is None), share is None,
                    lambda: words_shown(reader.name, text))


def _shared(items: Iterator[Document | DeletedRecords], share: Share | None,
            filter_records: bool) -> Iterator[Document | DeletedRecords]:
    """The items of ``share`` (all without one): DeleteCitation lists only in share 0, and the share's
    records when the reader did not skip the others itself."""
    if share is None:
        yield from items
        return
    index = 0
    for item in items:
        if isinstance(item, DeletedRecords):
            if share.part == 0:
                yield item
        else:
            if not filter_records or share.wants(index):
                yield item
            index += 1


def _checked(items: Iterator[Document | DeletedRecords], whole: bool = True,
             shown: Callable[[], int] | None = None) -> Iterator[Document | DeletedRecords]:
    """The documents with text, each checked for text loss (``shown``: the words of a one-document
    file, for readers that do not count them per record); ``whole``: a file that gives nothing fails."""
    produced = False
    for item in items:
        if isinstance(item, DeletedRecords):
            produced = True
            yield item
        elif item.text.strip():
            produced = True
            yield checked(item, shown() if shown is not None and item.words_in_source is None else None)
    if not produced and whole:
        raise InputError(NO_TEXT)


def _sniffed(open_raw: Callable[[], BinaryIO]) -> tuple[bool, bytes]:
    """Whether the file is gzip-compressed, and the first bytes of its (decompressed) content, from one
    opening of the file; read in small pieces so that damage later in a compressed stream still leaves
    a head to sniff (the damage is reported by the reader)."""
    raw = open_raw()
    compressed = raw.read(2) == _GZIP
    raw.seek(0)
    return compressed, _head(open_gzip(raw) if compressed else raw)


def _head(stream: BinaryIO) -> bytes:
    head = b""
    try:
        with stream:
            while len(head) < _SNIFF_BYTES:
                chunk = stream.read(4096)
                if not chunk:
                    break
                head += chunk
    except EOFError:
        if not head:
            raise ParseError("the compressed file is truncated before any content") from None
    except (zlib.error, OSError) as exc:
        if not head:
            raise ParseError(f"the compressed data is damaged: {exc}") from None
    return head


def _whole(opener: Callable[[], BinaryIO], max_bytes: int) -> bytes:
    chunks, size = [], 0
    try:
        with opener() as stream:
            while size <= max_bytes:
                chunk = stream.read(min(1 << 20, max_bytes + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
    except EOFError:
        raise ParseError("the compressed file is truncated (gzip stream ends early)") from None
    except (zlib.error, OSError) as exc:
        raise ParseError(f"the compressed data is damaged: {exc}") from None
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise InputError(f"decompresses to more than the size limit of {_mib(max_bytes)} (see --max-file-size)")
    return data


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB" if size >= 1024 * 1024 else f"{size} bytes"


__all__ = ["DEFAULT_MAX_BYTES", "NO_TEXT", "READERS", "Source", "choose_reader", "read_bytes", "read_file"]
