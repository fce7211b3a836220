"""Benchmark: the fuzz harness (extractor/evaluation/fuzz.py) for longer than CI runs it.

Usage: python benchmarks/fuzz_documents.py [--seconds 600] [--seed 1]

Mutants of the bundled corpus and of the real-world development pages (files under 400 KB), each
read, extracted and built with a 10 s budget per document. Writes docs/PERFORMANCE.md, section
"Fuzzing": mutants, documents, refusals, crashes, hangs, span mismatches, bad N-Quads, the slowest
document; and the first few failures, if any.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
from datetime import date

from medline_extract import ROOT, write_section

from extractor.evaluation.fuzz import fuzz
from extractor.evaluation.report import current_commit
from extractor.runs import walk

SECTION = "## Fuzzing"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    roots = (ROOT / "corpus", ROOT.parent / "shared" / "data" / "realworld" / "docs")
    seeds = [path for root in roots for path, _ in walk(root) if path.stat().st_size < 400_000]
    report = fuzz(seeds, args.seconds, random.Random(args.seed))
    lines = [SECTION, "",
             f"`python benchmarks/fuzz_documents.py --seconds {args.seconds:g} --seed {args.seed}` on "
             f"{date.today().isoformat()}, commit {current_commit(ROOT)}, {platform.machine()}, {os.cpu_count()} cores: "
             f"{len(seeds)} seed files (the corpus and the real-world pages under 400 KB), mutated and read, extracted "
             "and built with a 10 s budget per document.", "",
             "| mutants | documents | refused by a reader | crashes | hangs | span mismatches | bad N-Quads | slowest document |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|",
             f"| {report.mutants:,} | {report.documents:,} | {report.refused:,} | {len(report.crashes)} | {len(report.hangs)} | "
             f"{len(report.span_mismatches)} | {len(report.bad_nquads)} | {report.slowest:.2f} s |"]
    problems = report.crashes + report.hangs + report.span_mismatches + report.bad_nquads
    if problems:
        lines += ["", "First failures:", ""] + [f"- {p}" for p in problems[:10]]
    write_section(SECTION, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
