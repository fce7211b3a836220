"""Benchmark: how many quads the writer should commit per batch (wall time, CPU time, peak memory).

Usage: python benchmarks/batch_size.py [path/to/pubmed20n0014.xml.gz] [--records 30000] [--sizes 100000,250000,400000] [--one-core]

Each size runs `run_local` on the first N records in a fresh process on a fresh store (with
``--one-core``, pinned to one CPU with taskset, so the store's work and the rest share it). Bigger
batches mean fewer, larger files for Oxigraph's bulk loader and less background compaction, and
more memory. Writes the table to docs/PERFORMANCE.md (section "Writer batch size").
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from medline_extract import _MEASURE, DEFAULT, records_folder, write_section  # noqa: E402
from extractor.evaluation.report import current_commit  # noqa: E402

SECTION = "## Writer batch size"
_ONE_RUN = """
import json, resource, sys, tempfile, time
from pathlib import Path
from extractor.runs import run_local
from extractor.store import Store
started = time.perf_counter()
summary = run_local(Path(sys.argv[1]), Store(tempfile.mkdtemp()), batch_quads=int(sys.argv[2]))
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": time.perf_counter() - started, "cpu": usage.ru_utime + usage.ru_stime,
                  "documents": summary.documents}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--records", type=int, default=30_000)
    parser.add_argument("--sizes", default="100000,250000,400000")
    parser.add_argument("--one-core", action="store_true", help="pin each run to one CPU core (taskset)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        records = records_folder(args.path, args.records, folder)
        for size in (int(s) for s in args.sizes.split(",")):
            # through the measuring wrapper: a child of this (large) process would inherit its peak RSS
            command = [sys.executable, "-c", _ONE_RUN, str(folder), str(size)]
            if args.one_core:
                command = ["taskset", "-c", "0", *command]
            done = json.loads(subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True,
                                             check=True, cwd=ROOT).stdout)
            if done["code"] != 0:
                sys.exit(done["stderr"])
            run = json.loads(done["stdout"])
            rows.append((size, {**run, "peak_mib": done["peak_mib"]}))
    commit = current_commit(ROOT)
    lines = [SECTION, "", f"`python benchmarks/batch_size.py` — the first {records:,} records of `{args.path.name}`, "
             f"one process{' pinned to one CPU core' if args.one_core else ''} (extraction time, without interpreter start-up), "
             f"{date.today()}, commit {commit}.", "",
             "| quads per batch | wall time | records/s | CPU time (all threads) | peak RSS |", "|---|---|---|---|---|"]
    for size, run in rows:
        lines.append(f"| {size:,} | {run['seconds']:.1f} s | {run['documents'] / run['seconds']:.0f} | {run['cpu']:.1f} s | "
                     f"{run['peak_mib']:.0f} MiB |")
    write_section(SECTION, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
