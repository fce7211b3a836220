"""Benchmark: what reading one share of a MEDLINE file costs against reading it whole (why `--workers`
splits a file only near the end of a run).

Usage: python benchmarks/share_cost.py [--shares 2,8,64]

Each real MEDLINE file is read to documents (no NLP) whole and as share 0 of k shares (the reader parses
every record and builds documents only for its share's), CPU time in this process. Reports the seconds,
the cost of a skipped record, and what k workers reading every file in k shares would spend on parsing
other shares' records, per record of the run, against the per-record extraction cost measured in
"Extraction cost, two commits". Writes docs/PERFORMANCE.md (section "Shares of a file").
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from medline_extract import write_section  # noqa: E402
from extractor.evaluation.report import current_commit  # noqa: E402
from extractor.readers import read_file  # noqa: E402
from extractor.readers.base import file_hash  # noqa: E402
from extractor.records import Document, Share  # noqa: E402

SECTION = "## Shares of a file"
MEDLINE = ROOT.parent / "shared" / "data" / "medline"
FILES = ("pubmed20n0014.xml.gz", "pubmed21n1298_dev.xml.gz")


def cpu_read(path: Path, share: Share | None) -> tuple[float, int]:
    started = time.process_time()
    count = sum(isinstance(item, Document) for item in read_file(path, path.name, source_hash=file_hash(path), share=share))
    return time.process_time() - started, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shares", default="2,8,64")
    args = parser.parse_args()
    counts = [int(k) for k in args.shares.split(",")]
    lines = [SECTION, "",
             f"`python benchmarks/share_cost.py --shares {args.shares}` — each MEDLINE file read to documents (no NLP), "
             f"whole and as one share of k, CPU seconds in one process. \"Skipped\" is the cost of a record another "
             f"share builds; \"k workers, every file split\" is what each record of such a run would cost in parsing "
             f"other shares' records (k - 1 skips). {date.today()}, commit {current_commit(ROOT)}, {os.cpu_count()} cores.",
             "", "| file | read | records | CPU s | ms per record read | skipped record, ms | k workers, every file split: ms per record |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for name in FILES:
        path = MEDLINE / name
        whole, records = cpu_read(path, None)
        lines.append(f"| {name} | whole | {records:,} | {whole:.1f} | {1000 * whole / records:.2f} | | |")
        for k in counts:
            seconds, built = cpu_read(path, Share(0, k))
            built = max(built, 1)
            skipped = (seconds - whole / records * built) / max(1, records - built)
            lines.append(f"| {name} | share 1 of {k} | {built:,} | {seconds:.1f} | | {1000 * skipped:.2f} | "
                         f"{1000 * skipped * (k - 1):.1f} |")
    lines.append("")
    write_section(SECTION, "\n".join(lines))


if __name__ == "__main__":
    main()
