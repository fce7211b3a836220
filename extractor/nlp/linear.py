"""A linear classifier over sparse string features: the averaged perceptron (Collins 2002).

Trained here on CPU (``scripts/train_sentence_roles.py``); shipped as a gzipped JSON table of
feature -> per-label weights, held in memory as one float32 array. Scoring a sentence is a few
dictionary look-ups.
"""

from __future__ import annotations

import gzip
import json
import random
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class LinearModel:
    """Weights per feature per label, kept compact (one float32 array, a feature -> row index):
    ``predict`` gives the best-scoring label."""

    labels: tuple[str, ...]
    index: dict[str, int]  # feature -> its row in ``table``
    table: array  # len(labels) float32 weights per row

    @classmethod
    def from_rows(cls, labels: Sequence[str], rows: dict[str, Sequence[float]]) -> LinearModel:
        table = array("f")
        index = {}
        for feature, row in rows.items():
            index[feature] = len(index)
            table.extend(row)
        return cls(tuple(labels), index, table)

    def scores(self, features: Iterable[str]) -> list[float]:
        width = len(self.labels)
        totals = [0.0] * width
        table, index = self.table, self.index
        for feature in features:
            row = index.get(feature)
            if row is not None:
                base = row * width
                for k in range(width):
                    totals[k] += table[base + k]
        return totals

    def predict(self, features: Iterable[str]) -> str:
        totals = self.scores(features)
        return self.labels[max(range(len(totals)), key=totals.__getitem__)]

    def pruned(self, threshold: float) -> LinearModel:
        """The model without the features whose every weight is smaller than ``threshold``."""
        return LinearModel.from_rows(self.labels, {f: row for f, row in self.rows().items()
                                                   if max(abs(w) for w in row) >= threshold})

    def rows(self) -> dict[str, list[float]]:
        width = len(self.labels)
        return {f: list(self.table[i * width:(i + 1) * width]) for f, i in self.index.items()}

    def save(self, path: Path, about: dict | None = None) -> None:
        table = {"labels": list(self.labels), "about": about or {},
                 "weights": {f: [round(w, 4) for w in row] for f, row in sorted(self.rows().items())}}
        with gzip.open(path, "wt", encoding="utf-8") as out:
            json.dump(table, out, separators=(",", ":"))

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        return cls.load_with_about(path)[0]

    @classmethod
    def load_with_about(cls, path: Path) -> tuple[LinearModel, dict]:
        """The model and what was saved about it (its data, scores, any extra parameters)."""
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            table = json.load(stream)
        return cls.from_rows(table["labels"], table["weights"]), table["about"]


def _live_predict(labels: Sequence[str], weights: dict[str, list[float]], features: Iterable[str]) -> str:
    totals = [0.0] * len(labels)
    for feature in features:
        row = weights.get(feature)
        if row is not None:
            for k, w in enumerate(row):
                totals[k] += w
    return labels[max(range(len(totals)), key=totals.__getitem__)]


def train_perceptron(examples: Sequence[tuple[Sequence[str], str]], labels: Sequence[str], epochs: int = 8,
                     seed: int = 13, min_weight: float = 1e-3) -> LinearModel:
    """An averaged perceptron over ``(features, label)`` examples; near-zero weights are dropped."""
    index = {label: i for i, label in enumerate(labels)}
    weights: dict[str, list[float]] = defaultdict(lambda: [0.0] * len(labels))
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0] * len(labels))
    stamps: dict[str, list[int]] = defaultdict(lambda: [0] * len(labels))
    order = list(range(len(examples)))
    rng = random.Random(seed)
    step = 0
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            features, gold = examples[i]
            step += 1
            guess = _live_predict(labels, weights, features)
            if guess == gold:
                continue
            for feature in features:
                for label, sign in ((index[gold], 1.0), (index[guess], -1.0)):
                    row, total, stamp = weights[feature], totals[feature], stamps[feature]
                    total[label] += (step - stamp[label]) * row[label]
                    stamp[label] = step
                    row[label] += sign
    averaged: dict[str, tuple[float, ...]] = {}
    for feature, row in weights.items():
        total, stamp = totals[feature], stamps[feature]
        mean = tuple((total[k] + (step - stamp[k]) * row[k]) / step for k in range(len(labels)))
        if max(abs(w) for w in mean) >= min_weight:
            averaged[feature] = mean
    return LinearModel.from_rows(labels, averaged)
