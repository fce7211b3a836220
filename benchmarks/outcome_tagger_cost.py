"""Benchmark: what `litkg extract --outcome-tagger` costs, on the real MEDLINE baseline file.

Usage: python benchmarks/outcome_tagger_cost.py [path/to/pubmed20n0014.xml.gz] [--records 2000]

The first N records, extracted in a fresh process into a fresh store, once with the default
pipeline and once with the statistical outcome tagger; records/s, NLP seconds per record, peak
RSS and the outcome mentions each run stored. Writes docs/PERFORMANCE.md, section "Outcome tagger cost".
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from medline_extract import DEFAULT, ROOT, records_folder, measure, write_section  # noqa: E402
from extractor.evaluation.report import current_commit  # noqa: E402

SECTION = "## Outcome tagger cost"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--records", type=int, default=2000)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        count = records_folder(args.path, args.records, folder)
        for label, options in (("default", ()), ("--outcome-tagger", ("--outcome-tagger",))):
            run = measure(folder, 1, options=options)
            rows.append((label, run))
    commit = current_commit(ROOT)
    lines = [SECTION, "",
             f"Written by `python benchmarks/outcome_tagger_cost.py` on {date.today().isoformat()}, commit {commit}, "
             f"{platform.processor() or platform.machine()}, {count:,} MEDLINE records, one process.", "",
             "| pipeline | wall s | records/s | NLP ms/record | peak RSS MiB |", "|---|---:|---:|---:|---:|"]
    for label, run in rows:
        nlp = run["stages"].get("nlp", 0.0)
        lines.append(f"| {label} | {run['seconds']:.1f} | {run['documents'] / run['seconds']:.0f} | "
                     f"{1000 * nlp / max(1, run['documents']):.2f} | {run['peak_mib']:.0f} |")
    write_section(SECTION, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
