"""The real-world development set's own scorer (``realworld/score.py``, written outside litkg), run on
litkg as a user runs it: ``litkg extract`` over the 45 documents, facts read back with SPARQL."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

GOLD_FOLDERS = ("gold", "gold_fulltext")
_ROW = re.compile(r"^(?P<category>\w+)\s+P (?P<p>[\d.]+) R (?P<r>[\d.]+) F1 (?P<f>[\d.]+)\s+"
                  r"\(tp (?P<tp>\d+) fp (?P<fp>\d+) fn (?P<fn>\d+)\)")
_MICRO = re.compile(r"^realworld: micro-F1 (?P<f>[\d.]+) \(P (?P<p>[\d.]+) R (?P<r>[\d.]+)")


@dataclass(frozen=True, slots=True)
class CategoryScore:
    gold: str  # "gold" (the 36 short documents) or "gold_fulltext" (the 9 full texts)
    category: str  # meta, authors, conditions, ..., or "micro" for the scorer's micro-average
    precision: float
    recall: float
    f1: float
    tp: int | None = None
    fp: int | None = None
    fn: int | None = None


def score(data: Path, gold: str = "gold", timeout: int = 1800) -> list[CategoryScore]:
    """Per category P/R/F1 as the scorer prints them (its own rounding), and its micro-average."""
    scorer = data / "realworld" / "score.py"
    litkg = shlex.join([sys.executable, "-m", "extractor.cli"])
    done = subprocess.run([sys.executable, str(scorer), "--litkg", litkg, "--gold", str(data / "realworld" / gold)],
                          capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{scorer} exited {done.returncode}: {done.stderr.strip()[-500:]}")
    rows = []
    for line in done.stdout.splitlines():
        if match := _ROW.match(line):
            rows.append(CategoryScore(gold, match["category"], float(match["p"]), float(match["r"]), float(match["f"]),
                                      int(match["tp"]), int(match["fp"]), int(match["fn"])))
        elif match := _MICRO.match(line):
            rows.append(CategoryScore(gold, "micro", float(match["p"]), float(match["r"]), float(match["f"])))
    if not any(row.category == "micro" for row in rows):
        raise RuntimeError(f"{scorer} printed no micro-F1 line: {done.stdout.strip()[-500:]}")
    return rows
