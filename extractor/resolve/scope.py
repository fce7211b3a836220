"""What a run changed, for study resolution, in memory that does not grow with the run.

A run over all of PubMed writes ~36 million documents with ~1.5 keys each; holding them in sets
took 334 bytes per record (measured on 30,000 MEDLINE records: ~12 GB for PubMed). Here the keys
are kept in a bounded buffer that spills to sorted temporary files, read back merged and de-duplicated.
"""

from __future__ import annotations

import heapq
import json
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

Item = str | tuple[str, ...]


class SortedSpill:
    """A set of strings (or tuples of strings) that holds at most ``spill_at`` of them in memory: past
    that, the buffer is written sorted to an anonymous temporary file in ``spill_dir`` (the system's
    default when None). Iterating gives every item once, in sorted order, one pass at a time (passes
    share the spill files' positions)."""

    SPILL_AT = 200_000  # items held in memory before spilling (~20 MB of keys)

    def __init__(self, spill_dir: Path | str | None = None, spill_at: int | None = None) -> None:
        self._spill_dir = spill_dir
        self._spill_at = spill_at or self.SPILL_AT
        self._buffer: set[Item] = set()
        self._runs: list[IO[str]] = []

    @property
    def held(self) -> int:
        """Items held in memory now."""
        return len(self._buffer)

    @property
    def spilled(self) -> int:
        """Sorted files written so far."""
        return len(self._runs)

    def add(self, items: Iterable[Item]) -> None:
        for item in items:
            self._buffer.add(item)
            if len(self._buffer) >= self._spill_at:
                self._spill()

    def __iter__(self) -> Iterator[Item]:
        runs = [_items(run) for run in self._runs] + [iter(sorted(self._buffer))]
        previous = None
        for item in heapq.merge(*runs):
            if item != previous:
                yield item
                previous = item

    def close(self) -> None:
        """Forget the items and remove the spill files (they go anyway when the process ends)."""
        for run in self._runs:
            run.close()
        self._runs, self._buffer = [], set()

    def _spill(self) -> None:
        run = tempfile.TemporaryFile("w+", encoding="utf-8", dir=self._spill_dir, prefix="litkg-spill-")
        run.writelines(json.dumps(item) + "\n" for item in sorted(self._buffer))  # JSON: an item never breaks a line
        run.flush()
        self._runs.append(run)
        self._buffer = set()


def _items(run: IO[str]) -> Iterator[Item]:
    run.seek(0)
    for line in run:
        item = json.loads(line)
        yield tuple(item) if isinstance(item, list) else item


class Scope:
    """The source files a run (re)read and the keys (``reg:…``, ``doi:…``, ``pmid:…``) of the documents
    it wrote or removed. Every stored document of a file in ``files`` holds only keys in the scope, so
    resolution need not look up its keys again. The keys spill to disk (:class:`SortedSpill`)."""

    def __init__(self, keys: Iterable[str] = (), spill_dir: Path | str | None = None) -> None:
        self.files: set[str] = set()
        self._keys = SortedSpill(spill_dir)
        self._keys.add(keys)

    def add(self, keys: Iterable[str]) -> None:
        self._keys.add(keys)

    def keys(self) -> Iterator[str]:
        """Every key once, in sorted order (one pass at a time)."""
        return iter(self._keys)

    def close(self) -> None:
        self._keys.close()
