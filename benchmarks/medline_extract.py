"""Benchmark: `litkg extract` on the real MEDLINE baseline file (30,000 records), end to end.

Usage: python benchmarks/medline_extract.py [path/to/pubmed20n0014.xml.gz]

Runs the installed `litkg extract` in a subprocess on a fresh store, measures wall time and the
child's peak resident memory, and writes the numbers to docs/PERFORMANCE.md (section "MEDLINE
extraction"), with the date, commit and machine.
"""

from __future__ import annotations

import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "medline" / "pubmed20n0014.xml.gz"
REPORT = ROOT / "docs" / "PERFORMANCE.md"
SECTION = "## MEDLINE extraction"


def main(path: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        (folder / path.name).symlink_to(path.resolve())
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "extractor.cli", "extract", str(folder), "--store",
                               str(Path(tmp) / "store"), "--quiet"], capture_output=True, text=True)
        seconds = time.perf_counter() - started
        peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        store_mib = sum(f.stat().st_size for f in (Path(tmp) / "store").rglob("*") if f.is_file()) / 2**20
    if done.returncode not in (0, 1):
        sys.exit(f"litkg extract failed: {done.stderr}")
    documents = int(re.search(r"(\d+) documents read", done.stdout).group(1))
    triples = int(re.search(r"(\d+) triples", done.stdout).group(1))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    table = (f"{SECTION}\n\n`python benchmarks/medline_extract.py` — `litkg extract` on `{path.name}` (one process, "
             f"embedded on-disk store), {date.today()}, commit {commit}, {platform.machine()} with {os.cpu_count()} cores.\n\n"
             "| records | wall time | records/s | peak RSS | triples | store on disk |\n|---|---|---|---|---|---|\n"
             f"| {documents:,} | {seconds:.0f} s | {documents / seconds:.0f} | {peak_mib:.0f} MiB | {triples:,} | {store_mib:.0f} MiB |\n")
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else "# Performance\n\nMeasured numbers only; each section names the script that wrote it.\n"
    text = re.sub(rf"{re.escape(SECTION)}\n.*?(?=\n## |\Z)", "", text, flags=re.S).rstrip() + "\n\n" + table
    REPORT.write_text(text, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
