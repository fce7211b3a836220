"""Run every evaluation task and write the scores as Markdown (``docs/ACCURACY.md``)."""

from __future__ import annotations

import datetime as dt
import subprocess
import time
from pathlib import Path

from .. import __version__
from ..nlp import outcome_tagger
from . import tasks
from .tasks import Score

HEADER = """# Accuracy

Written by `litkg evaluate` ({command}). Development numbers: these sets were used while
building litkg, so expect somewhat lower scores on unseen text. Strict = exact character
boundaries; overlap = a shared character counts (precision over predictions, recall over
gold spans); token = per-token labels; relation = gold result->outcome relations reproduced:
a litkg result overlapping the gold value whose endpoint words overlap the gold outcome span
(the "endpoint or time-frame words" row also counts the time-frame words the result was tied to,
"at 9 months", which RCT-ART marks as outcome spans of their own).
EvidenceOutcomes' experts annotated outcomes in the Results and Conclusions of each abstract only
(Zhou et al. 2025, doi:10.3233/SHTI250935), so its "findings" rows score litkg's outcome phrases
there: in the sections litkg's heading rules name results or conclusions, or, in an abstract
without such headings, from the first sentence where litkg finds a result (found by litkg, never
from the gold). The "whole abstract" rows also count every phrase in the Background and Methods
("the primary end point was ...") as wrong, though litkg extracts them on purpose.
Rows marked "--outcome-tagger" are with the statistical outcome tagger on (`litkg extract
--outcome-tagger`); it learnt from EvidenceOutcomes, so that set's row is its cross-validation
(`scripts/train_outcome_tagger.py`: each fifth scored by a tagger trained on the other four).
"""


def run_all(data: Path, case_file: Path | None, limit: int | None = None) -> tuple[list[Score], float]:
    started = time.perf_counter()
    scores: list[Score] = []
    if case_file is not None:
        scores += tasks.registrations(case_file)
    for task in tasks.TASKS.values():
        scores += task(data, limit)
    cv_scores = outcome_tagger.MODEL / "cv_scores.json"
    if cv_scores.exists():
        outcome_tagger.use()
        try:
            scores += tasks.with_outcome_tagger(data, cv_scores, limit)
        finally:
            outcome_tagger.use(None)
    return scores, time.perf_counter() - started


def markdown(scores: list[Score], seconds: float, command: str, commit: str | None) -> str:
    lines = [HEADER.format(command=command), ""]
    lines.append(f"- date: {dt.date.today().isoformat()}; litkg {__version__}; commit {commit or 'unknown'}; "
                 f"evaluation took {seconds:.0f} s")
    lines += ["", "| extractor | data | match | docs | P | R | F1 | target | gold | predicted |",
              "|---|---|---|---:|---:|---:|---:|---|---:|---:|"]
    for s in scores:
        c = s.counts
        target = "" if s.target is None else (f"F1 ≥ {s.target:.2f} " + ("met" if c.f1 >= s.target else "**not met**"))
        if s.match == "relation":
            target = "" if s.target is None else (f"R ≥ {s.target:.2f} " + ("met" if c.recall >= s.target else "**not met**"))
        lines.append(f"| {s.task} | {s.dataset} | {s.match} | {s.documents} | {c.precision:.3f} | {c.recall:.3f} | "
                     f"{c.f1:.3f} | {target} | {c.gold} | {c.predicted} |")
    return "\n".join(lines) + "\n"


def current_commit(folder: Path) -> str | None:
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=folder, capture_output=True, text=True,
                              timeout=10, check=False)
    except OSError:
        return None
    return done.stdout.strip() or None
