"""Run every evaluation task and write the scores as Markdown (``docs/ACCURACY.md``)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import time
from pathlib import Path

from .. import __version__
from ..nlp import outcome_tagger
from . import audit_cases, realworld, tasks
from .audit_cases import AuditScores
from .scoring import Counts
from .tasks import Score

HEADER = """# Accuracy

Written by `litkg evaluate` ({command}). Development numbers: these sets were used while
building litkg, so expect somewhat lower scores on unseen text.

**Routes.** Every score is computed twice. *graph* is what users get: each annotated text is saved
as a file the way people save abstracts (`title-line`: the title on the first line, then the abstract
with its headings; `one-line`: title and abstract on one line; `blank-line`: title, a blank line, the
abstract; texts without a title, such as single sentences and token lists, `as-is`), the real
`litkg extract` reads the files into a store, and every span is read back with SPARQL through its
provenance (the v2 NIF mention's `nif:beginIndex`/`nif:endIndex` into `litkg:text`), placed in the
file's text (word alignment) and scored against the gold offsets; "unplaced" counts spans read back
that could not be placed in the file. *direct* is a diagnostic: the NLP run on the clean gold text,
its records turned into the spans the graph builder writes. The two differ only by what happens
between file and graph (the reader's layout, headings and sections).

Strict = exact character boundaries; overlap = a shared character counts (precision over
predictions, recall over gold spans); token = per-token labels; relation = gold result->outcome
relations reproduced: a litkg result overlapping the gold value whose endpoint words overlap the
gold outcome span (the "endpoint or time-frame words" row also counts the time-frame words the
result was tied to, "at 9 months", which RCT-ART marks as outcome spans of their own). Outcome
phrases are every span the graph names an endpoint with: outcome mentions and the endpoint words
of results. EvidenceOutcomes' experts annotated outcomes in the Results and Conclusions of each
abstract only (Zhou et al. 2025, doi:10.3233/SHTI250935), so its "findings" rows score litkg's
outcome phrases there: in the sections litkg's heading rules name results or conclusions, or, in an
abstract without such headings, from the first sentence where litkg finds a result (found by litkg,
never from the gold). The "whole abstract" rows also count every phrase in the Background and
Methods ("the primary end point was ...") as wrong, though litkg extracts them on purpose.
Participants (P) are the population's words (the enrolled population's description, who the title
or objective says was studied, and the conditions these name); interventions (I) are what the study
gave or compared (the words of its subjects and of its arms), not every drug named.
Rows marked "--outcome-tagger" are with the statistical outcome tagger on (`litkg extract
--outcome-tagger`); it learnt from EvidenceOutcomes, so that set's rows are its cross-validation
(`scripts/train_outcome_tagger.py`: each fifth scored by a tagger trained on the other four; direct only).

**Real-world documents** (`../shared/data/realworld`: 45 pages and records nobody here wrote, with
hand-checked gold) are scored by that set's own scorer through the user's path
(`python ../shared/data/realworld/score.py --litkg litkg`, and `--gold .../gold_fulltext` for the
nine full texts, whose results list only the abstract's numbers: numbers precision is a lower bound there).
"""


def run_all(data: Path, case_file: Path | None, limit: int | None = None, graph: bool = True,
            realworld_set: bool = True) -> tuple[list[Score], list[realworld.CategoryScore], float, AuditScores | None]:
    """Every task by both routes (``graph`` False: the direct diagnostic only), the tagger rows, and the
    real-world set's scorer."""
    started = time.perf_counter()
    scores: list[Score] = []
    chosen = ([tasks.registration_task(case_file)] if case_file is not None else []) + list(tasks.TASKS.values())
    for task in chosen:
        scores += tasks.direct(task, data, limit)
        if graph:
            scores += tasks.through_graph(task, data, limit)
    cv_scores = outcome_tagger.MODEL / "cv_scores.json"
    if cv_scores.exists():
        scores += _cross_validation(cv_scores)
        scores += tasks.with_outcome_tagger(data, limit, graph)
    found = [row for gold in realworld.GOLD_FOLDERS for row in realworld.score(data, gold)] if realworld_set else []
    audit = audit_cases.score(data, limit) if graph and (data / "evidence_outcomes").exists() else None
    return _ordered(scores), found, time.perf_counter() - started, audit


def _cross_validation(cv_scores: Path) -> list[Score]:
    """The outcome tagger's EvidenceOutcomes scores: the training script's cross-validation."""
    cv = json.loads(cv_scores.read_text(encoding="utf-8"))
    rows = []
    for scope in ("findings", "whole abstract"):
        for match in ("overlap", "strict"):
            counts = Counts(*cv["counts"][f"litkg with tagger | {scope} | {match}"])
            target = 0.60 if (scope, match) == ("findings", "overlap") else None
            rows.append(Score("outcomes, --outcome-tagger", f"EvidenceOutcomes dev, {scope}, {cv['folds']}-fold CV",
                              match, counts, target, cv["documents"], route="direct (cross-validation)"))
    return rows


def _ordered(scores: list[Score]) -> list[Score]:
    """Each score's routes side by side: direct first, then the graph forms, in the order computed."""
    order: dict[str, int] = {}
    for s in scores:
        order.setdefault(s.key, len(order))
    return sorted(scores, key=lambda s: (order[s.key], not s.route.startswith("direct")))


def markdown(scores: list[Score], found: list[realworld.CategoryScore], seconds: float, command: str,
             commit: str | None, audit: AuditScores | None = None) -> str:
    lines = [HEADER.format(command=command), ""]
    lines.append(f"- date: {dt.date.today().isoformat()}; litkg {__version__}; commit {commit or 'unknown'}; "
                 f"evaluation took {seconds:.0f} s")
    lines += ["", "## Annotated development sets", "",
              "| extractor | data | match | route | docs | P | R | F1 | target | gold | predicted | unplaced |",
              "|---|---|---|---|---:|---:|---:|---:|---|---:|---:|---:|"]
    for s in scores:
        c = s.counts
        target = "" if s.target is None else (f"F1 ≥ {s.target:.2f} " + ("met" if c.f1 >= s.target else "**not met**"))
        if s.match == "relation":
            target = "" if s.target is None else (f"R ≥ {s.target:.2f} " + ("met" if c.recall >= s.target else "**not met**"))
        unplaced = "" if s.route.startswith("direct") else str(s.unplaced)
        lines.append(f"| {s.task} | {s.dataset} | {s.match} | {s.route} | {s.documents} | {c.precision:.3f} | "
                     f"{c.recall:.3f} | {c.f1:.3f} | {target} | {c.gold} | {c.predicted} | {unplaced} |")
    if found:
        lines += ["", "## Real-world documents (user's path, the set's own scorer)", "",
                  "| gold | category | P | R | F1 | tp | fp | fn |", "|---|---|---:|---:|---:|---:|---:|---:|"]
        for row in found:
            counts = " | ".join("" if v is None else str(v) for v in (row.tp, row.fp, row.fn))
            name = "**micro-F1**" if row.category == "micro" else row.category
            lines.append(f"| {row.gold} | {name} | {row.precision:.2f} | {row.recall:.2f} | {row.f1:.2f} | {counts} |")
    if audit is not None:
        lines += ["", audit_cases.markdown(audit)]
    return "\n".join(lines) + "\n"


def current_commit(folder: Path) -> str | None:
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=folder, capture_output=True, text=True,
                              timeout=10, check=False)
    except OSError:
        return None
    return done.stdout.strip() or None
