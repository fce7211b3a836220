"""Span look-ups that stay cheap on long texts: a document of a few MB has thousands of mentions,
and a scan of every earlier span for each new one made extraction quadratic."""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Disjoint:
    """Spans that do not overlap one another, kept sorted by start (so also by end): whether a new
    span overlaps one of them is one binary search."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans: list[tuple[int, int]] = []
        for start, end in spans:
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._spans, (end, -1))  # the spans that start before ``end``
        return i > 0 and self._spans[i - 1][1] > start

    def add(self, start: int, end: int) -> None:
        insort(self._spans, (start, end))


class Intervals(Generic[T]):
    """Any spans (with an item each, the span itself by default), sorted by start. A question about an
    offset or a span costs a binary search and a look at the spans starting up to the longest span's
    length before it."""

    def __init__(self, spans: Iterable[tuple[int, int]], items: Iterable[T] | None = None) -> None:
        spans = list(spans)
        chosen = list(items) if items is not None else spans
        order = sorted(range(len(spans)), key=lambda i: spans[i])
        self._spans = [spans[i] for i in order]
        self._items = [chosen[i] for i in order]
        self._starts = [s for s, _ in self._spans]
        self._longest = max((e - s for s, e in self._spans), default=0)

    def _reaching(self, start: int, end: int) -> Iterator[int]:
        """Indices of the spans that start before ``end`` and could reach ``start``."""
        i = bisect_left(self._starts, end)
        floor = start - self._longest
        while i > 0 and self._starts[i - 1] >= floor:
            i -= 1
            yield i

    def holds(self, offset: int) -> bool:
        """Whether an offset is inside one of the spans."""
        return any(self._spans[i][0] <= offset < self._spans[i][1] for i in self._reaching(offset, offset + 1))

    def contains(self, start: int, end: int) -> bool:
        """Whether one of the spans contains [start, end)."""
        return any(self._spans[i][0] <= start and end <= self._spans[i][1] for i in self._reaching(start, start + 1))

    def overlapping(self, start: int, end: int) -> list[T]:
        """The items whose spans share a character with [start, end), in start order."""
        return [self._items[i] for i in sorted(self._reaching(start, end)) if self._spans[i][1] > start]

    def within(self, start: int, end: int) -> list[T]:
        """The items whose spans lie inside [start, end), in start order."""
        lo, hi = bisect_left(self._starts, start), bisect_right(self._starts, end)
        return [self._items[i] for i in range(lo, hi) if self._spans[i][1] <= end]
