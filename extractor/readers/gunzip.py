"""A gzip stream that hands over every byte it could decompress before reporting damage.

``gzip.GzipFile`` sits behind a buffered reader that discards what it decompressed when the
stream turns out to be truncated; litkg must keep the records before the damage."""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

_CHUNK = 1 << 16


class GunzipStream(io.RawIOBase):
    """Decompresses a (multi-member) gzip file lazily. ``read`` returns what is available; at a
    truncated end it raises ``EOFError`` only once everything decodable has been returned."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._inflate = zlib.decompressobj(31)
        self._pending = b""
        self._finished = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending and not self._finished:
            self._fill()
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def _fill(self) -> None:
        compressed = self._raw.read(_CHUNK)
        if not compressed:
            if not self._inflate.eof:
                raise EOFError("the compressed file is truncated (gzip stream ends early)")
            self._finished = True
            return
        self._pending = self._inflate.decompress(compressed)
        while self._inflate.eof and self._inflate.unused_data:  # another gzip member follows
            rest = self._inflate.unused_data
            self._inflate = zlib.decompressobj(31)
            self._pending += self._inflate.decompress(rest)

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_gzip(raw: BinaryIO) -> GunzipStream:
    """Unbuffered on purpose: a buffered reader would drop the last good bytes at the damage."""
    return GunzipStream(raw)
