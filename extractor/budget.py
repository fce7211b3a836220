"""A per-document budget: how much text one document may have, and how long its NLP and graph may
take, so that one odd file cannot stall a run. A document over it is stopped, reported by name with
the reason, and its file is recorded as a ``litkg:ReadFailure`` (read again on the next run, when the
limits may have been raised); the run goes on.

The time limit is a real-time interval timer (SIGALRM) around the document's extraction: it works
where extraction runs in a process's main thread (a local run and ``--workers`` processes); Dask
workers run tasks in threads, where only the size limit applies. A timer interrupts Python code, not
a single regular expression search inside the C engine, which is why every pattern litkg uses is
linear (tests/test_budget.py).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

MAX_DOCUMENT_CHARS = 4_000_000  # ~30x the longest PMC full text; 1.6 million characters take ~5 s here
DOCUMENT_SECONDS = 120.0


@dataclass(frozen=True, slots=True)
class Budget:
    max_chars: int | None = MAX_DOCUMENT_CHARS  # None: no limit
    seconds: float | None = DOCUMENT_SECONDS  # None: no limit

    def over_size(self, characters: int) -> str | None:
        """Why a document of ``characters`` is not extracted, or None when it is within the budget."""
        if self.max_chars is not None and characters > self.max_chars:
            return (f"stopped: its text has {characters:,} characters, over the per-document limit of "
                    f"{self.max_chars:,} (--max-document-chars)")
        return None


class OverTime(Exception):
    """The document's extraction ran past its time budget."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`OverTime` in this block after ``seconds`` (nothing happens outside a main thread)."""
    if seconds is None or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise OverTime(f"stopped: its extraction ran longer than {seconds:g} s (--document-timeout)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
