"""Precision, recall and F1 over spans (strict or overlap match) and token labels."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Counts:
    """Right predictions of all predictions, found gold items of all gold items. With strict
    matching ``right == found`` (true positives); with overlap matching they may differ."""

    right: int = 0
    predicted: int = 0
    found: int = 0
    gold: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.right + other.right, self.predicted + other.predicted,
                      self.found + other.found, self.gold + other.gold)

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def strict(gold: Iterable[Span], predicted: Iterable[Span]) -> Counts:
    """Exact boundaries; each distinct span counted once."""
    gold_set, predicted_set = set(gold), set(predicted)
    tp = len(gold_set & predicted_set)
    return Counts(tp, len(predicted_set), tp, len(gold_set))


def overlap(gold: Iterable[Span], predicted: Iterable[Span]) -> Counts:
    """Lenient: a gold span is found when a prediction shares a character with it, and a
    prediction is right when it shares a character with a gold span."""
    gold_list, predicted_list = sorted(set(gold)), sorted(set(predicted))
    found = sum(1 for g in gold_list if any(overlaps(g, p) for p in predicted_list))
    right = sum(1 for p in predicted_list if any(overlaps(g, p) for g in gold_list))
    return Counts(right, len(predicted_list), found, len(gold_list))


def tokens(gold: Iterable[bool], predicted: Iterable[bool]) -> Counts:
    """Token level: each position labelled (True) or not, in gold and prediction."""
    tp = fp = fn = 0
    for g, p in zip(gold, predicted, strict=True):
        tp += g and p
        fp += p and not g
        fn += g and not p
    return Counts(tp, tp + fp, tp, tp + fn)


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]
