"""A linear classifier over sparse string features: the averaged perceptron (Collins 2002).

Trained here on CPU (``scripts/train_sentence_roles.py``); shipped as a gzipped JSON table of
feature -> per-label weights. Scoring a sentence is a few dictionary look-ups.
"""

from __future__ import annotations

import gzip
import json
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class LinearModel:
    """Weights per feature per label; ``predict`` gives the best-scoring label."""

    labels: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]

    def scores(self, features: Iterable[str]) -> list[float]:
        totals = [0.0] * len(self.labels)
        for feature in features:
            row = self.weights.get(feature)
            if row is not None:
                for i, w in enumerate(row):
                    totals[i] += w
        return totals

    def predict(self, features: Iterable[str]) -> str:
        totals = self.scores(features)
        return self.labels[max(range(len(totals)), key=totals.__getitem__)]

    def save(self, path: Path, about: dict | None = None) -> None:
        table = {"labels": list(self.labels), "about": about or {},
                 "weights": {f: [round(w, 4) for w in row] for f, row in sorted(self.weights.items())}}
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
        return cls(tuple(table["labels"]), {f: tuple(row) for f, row in table["weights"].items()}), table["about"]


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
    model_view = LinearModel(tuple(labels), weights)  # type: ignore[arg-type]  # reads the live weights
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            features, gold = examples[i]
            step += 1
            guess = model_view.predict(features)
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
    return LinearModel(tuple(labels), averaged)
