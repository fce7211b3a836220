"""Benchmark: what each NLP step costs per record, on real MEDLINE records (in-process, lexicons and
models loaded first).

Usage: python benchmarks/step_cost.py [path/to/pubmed20n0014.xml.gz ...] [--records 3000]

Runs every step of ``extractor.nlp.analysis.STEPS`` on the first N records of each file and writes
the mean milliseconds per record of each step (and of the whole stage) to docs/PERFORMANCE.md
(section "NLP steps per record").
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

from medline_extract import ROOT, write_section

from extractor.evaluation.report import current_commit
from extractor.nlp.analysis import STEPS, Context, load_lexicons, run_step
from extractor.nlp.design import load_design_model
from extractor.nlp.roles import load_model
from extractor.readers import read_file
from extractor.records import Document

DATA = ROOT.parent / "shared" / "data" / "medline"
SECTION = "## NLP steps per record"


def measure(path: Path, records: int) -> tuple[int, dict[str, float]]:
    documents = [d for d in itertools.islice(read_file(path, path.name), records) if isinstance(d, Document)]
    model = load_design_model()
    spent: dict[str, float] = defaultdict(float)
    for document in documents:
        context = Context(document, None, {}, model)
        for step in STEPS:
            began = time.perf_counter()
            run_step(step, context)
            spent[step.name] += time.perf_counter() - began
    return len(documents), {name: 1000 * seconds / len(documents) for name, seconds in spent.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("medline", type=Path, nargs="*", default=[DATA / "pubmed20n0014.xml.gz", DATA / "pubmed21n1298_dev.xml.gz"])
    parser.add_argument("--records", type=int, default=3000)
    args = parser.parse_args()
    load_lexicons()
    load_model()
    load_design_model()
    rows = []
    for path in args.medline:
        count, per_step = measure(path, args.records)
        rows.append((path.name, count, per_step))
    names = [step.name for step in STEPS]
    lines = [SECTION, "", f"`python benchmarks/step_cost.py --records {args.records}` — in-process, lexicons and models loaded first, "
             f"{date.today().isoformat()}, commit {current_commit(ROOT)}. Mean milliseconds per record.", "",
             "| step | " + " | ".join(f"{name} ({count:,} records)" for name, count, _ in rows) + " |",
             "|---|" + "---:|" * len(rows)]
    for name in names:
        lines.append(f"| `{name}` | " + " | ".join(f"{per_step.get(name, 0):.3f}" for _, _, per_step in rows) + " |")
    lines.append("| **whole stage** | " + " | ".join(f"**{sum(per_step.values()):.2f}**" for _, _, per_step in rows) + " |")
    write_section(SECTION, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
