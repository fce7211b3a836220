"""What a run changed, for study resolution, in memory that does not grow with the run.

A run over all of PubMed writes ~36 million documents with ~1.5 keys each; holding them in sets
took 334 bytes per record (measured on 30,000 MEDLINE records: ~12 GB for PubMed). Here the keys
are kept in a bounded buffer that spills to sorted temporary files, read back merged and de-duplicated.
"""

from __future__ import annotations

import heapq
import json
import tempfile
from pathlib import Path
from typing import IO, Iterable, Iterator


class Scope:
    """The source files a run (re)read and the keys (``reg:…``, ``doi:…``, ``pmid:…``) of the documents
    it wrote or removed. Every stored document of a file in ``files`` holds only keys in the scope, so
    resolution need not look up its keys again. Past ``spill_at`` keys, the buffer is written sorted to
    an anonymous temporary file in ``spill_dir`` (the system's default when None)."""

    SPILL_AT = 200_000  # keys held in memory before spilling (~20 MB)

    def __init__(self, keys: Iterable[str] = (), spill_dir: Path | str | None = None,
                 spill_at: int | None = None) -> None:
        self.files: set[str] = set()
        self._spill_dir = spill_dir
        self._spill_at = spill_at or self.SPILL_AT
        self._buffer: set[str] = set()
        self._runs: list[IO[str]] = []
        self.add(keys)

    def add(self, keys: Iterable[str]) -> None:
        for key in keys:
            self._buffer.add(key)
            if len(self._buffer) >= self._spill_at:
                self._spill()

    def keys(self) -> Iterator[str]:
        """Every key once, in sorted order (one pass at a time: passes share the spill files' positions)."""
        runs = [_lines(run) for run in self._runs] + [iter(sorted(self._buffer))]
        previous = None
        for key in heapq.merge(*runs):
            if key != previous:
                yield key
                previous = key

    def __bool__(self) -> bool:
        return bool(self._buffer or self._runs)

    def close(self) -> None:
        """Forget the keys and remove the spill files (they go anyway when the process ends)."""
        for run in self._runs:
            run.close()
        self._runs, self._buffer = [], set()

    def _spill(self) -> None:
        run = tempfile.TemporaryFile("w+", encoding="utf-8", dir=self._spill_dir, prefix="litkg-scope-")
        run.writelines(json.dumps(key) + "\n" for key in sorted(self._buffer))  # JSON: a key never breaks a line
        run.flush()
        self._runs.append(run)
        self._buffer = set()


def _lines(run: IO[str]) -> Iterator[str]:
    run.seek(0)
    for line in run:
        yield json.loads(line)
