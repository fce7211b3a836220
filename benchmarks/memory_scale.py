"""Benchmark: `litkg extract`'s memory as the corpus grows, end to end, to 300,000 records.

Usage: python benchmarks/memory_scale.py [--copies 6] [--workers 2]

Both real MEDLINE files (the 1977 baseline, the 2021 update) are copied ``--copies`` times with fresh
identifiers: each copy's PMIDs (records, DeleteCitation lists, comment links) are moved by 100 million
per copy, its DOIs, PMC and publisher IDs get a copy suffix and its ClinicalTrials.gov numbers a copy
digit, so the copies are new records to every stage (none is merged with another as the same study).
One `litkg extract --workers N` run reads the whole folder into a fresh on-disk store while this script
samples the resident memory of every process of the run (``/proc``, every 0.5 s). Reports the peak of
the largest process and of the run's processes together, and both at each quarter of the run (memory
that grows with the corpus shows as a rising row). Writes docs/PERFORMANCE.md (section "Memory at
scale").
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from medline_extract import write_section  # noqa: E402
from extractor.evaluation.report import current_commit  # noqa: E402

SECTION = "## Memory at scale"
MEDLINE = ROOT.parent / "shared" / "data" / "medline"
FILES = ("pubmed20n0014.xml.gz", "pubmed21n1298_dev.xml.gz")
PMID_STEP = 100_000_000
_PMID = re.compile(rb"(<PMID\b[^>]*>)(\d+)(</PMID>)")
_LINKED_PMID = re.compile(rb'(<ArticleId IdType="pubmed">)(\d+)(</ArticleId>)')
_SUFFIXED = re.compile(rb'(<(?:ArticleId IdType="(?:doi|pmc|pii)"|ELocationID EIdType="(?:doi|pii)"[^>]*)>)([^<]+)(<)')
_NCT = re.compile(rb"NCT0(\d{7})")


def fresh_copy(data: bytes, number: int) -> bytes:
    """A MEDLINE file's XML with every identifier of copy ``number`` (1-9) made new."""
    moved = lambda m: m.group(1) + str(int(m.group(2)) + number * PMID_STEP).encode() + m.group(3)  # noqa: E731
    data = _PMID.sub(moved, data)
    data = _LINKED_PMID.sub(moved, data)
    data = _SUFFIXED.sub(lambda m: m.group(1) + m.group(2) + b".c%d" % number + m.group(3), data)
    return _NCT.sub(lambda m: b"NCT%d" % number + m.group(1), data)


def _tree(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                stack.extend(int(child) for child in (task / "children").read_text().split())
            except OSError:
                continue
    return found


def _rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=6, choices=range(1, 10))
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "medline"
        folder.mkdir()
        for name in FILES:
            data = gzip.decompress((MEDLINE / name).read_bytes())
            for number in range(args.copies):
                target = folder / f"c{number}-{name}"
                target.write_bytes(gzip.compress(fresh_copy(data, number) if number else data, compresslevel=1))
        report = Path(tmp) / "run.json"
        command = [sys.executable, "-m", "extractor.cli", "extract", str(folder), "--store", str(Path(tmp) / "store"),
                   "--quiet", "--report", str(report), "--workers", str(args.workers)]
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        samples: list[tuple[float, float, float]] = []  # (seconds, largest process MiB, all processes MiB)
        while process.poll() is None:
            sizes = [_rss_mib(pid) for pid in _tree(process.pid)]
            samples.append((time.perf_counter() - started, max(sizes, default=0.0), sum(sizes)))
            time.sleep(0.5)
        seconds = time.perf_counter() - started
        _, stderr = process.communicate()
        if process.returncode not in (0, 1):
            sys.exit(f"litkg extract failed ({process.returncode}): {stderr.decode()[-2000:]}")
        done = json.loads(report.read_text())
        store_mib = sum(p.stat().st_size for p in (Path(tmp) / "store").rglob("*") if p.is_file()) / 2**20
    write_report(args, done, seconds, samples, store_mib)


def write_report(args, done: dict, seconds: float, samples: list, store_mib: float) -> None:
    documents = done["documents"]
    lines = [SECTION, "",
             f"`python benchmarks/memory_scale.py --copies {args.copies} --workers {args.workers}` — both MEDLINE files, "
             f"{args.copies} copies each with fresh identifiers, in one `litkg extract --workers {args.workers}` run into a "
             f"fresh on-disk store: {documents:,} documents in {seconds:,.0f} s ({documents / seconds:,.0f} per second), store "
             f"{store_mib:,.0f} MiB on disk. Resident memory sampled every 0.5 s over the run's processes (the main "
             f"process with its writer thread and Oxigraph, and the workers). {date.today()}, commit "
             f"{current_commit(ROOT)}, {os.cpu_count()} cores.", "",
             "| part of the run | largest process, peak | all processes, peak |", "|---|---:|---:|"]
    for quarter in range(4):
        part = [s for s in samples if quarter * seconds / 4 <= s[0] < (quarter + 1) * seconds / 4] or [(0, 0.0, 0.0)]
        lines.append(f"| {25 * quarter}-{25 * (quarter + 1)}% | {max(s[1] for s in part):,.0f} MiB | "
                     f"{max(s[2] for s in part):,.0f} MiB |")
    lines += [f"| whole run | {max(s[1] for s in samples):,.0f} MiB | {max(s[2] for s in samples):,.0f} MiB |", ""]
    write_section(SECTION, "\n".join(lines))


if __name__ == "__main__":
    main()
