"""Benchmark: `litkg extract` on the real MEDLINE baseline file, end to end, at three corpus sizes.

Usage: python benchmarks/medline_extract.py [path/to/pubmed20n0014.xml.gz] [--sizes 1000,10000,30000] [--workers 2]

For each size (the first N records of the file, written to a temporary .xml.gz), runs the installed
`litkg extract` in a fresh process on a fresh on-disk store and records wall time, records/s,
triples/s, CPU time, peak resident memory and the seconds per stage from `--report`. Then the same
30,000 records pinned to one CPU core (taskset: the writer thread and Oxigraph's loader share it),
with `--workers N`, and the ceiling: `spacy.blank("en")` tokenisation alone of the
same texts. Writes the tables to docs/PERFORMANCE.md (section "MEDLINE extraction") with the date,
commit and machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from extractor.evaluation.report import current_commit
from extractor.evaluation.medline_slice import first_records
from extractor.runs.writer import BATCH_QUADS

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "medline" / "pubmed20n0014.xml.gz"
REPORT = ROOT / "docs" / "PERFORMANCE.md"
SECTION = "## MEDLINE extraction"
STAGES = ("read", "nlp", "graph", "waiting for workers", "waiting for the writer", "link", "write (writer thread)")

# one measured run in a fresh interpreter: its wall time, CPU time and the peak RSS of its process tree
_MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": time.perf_counter() - started, "cpu": usage.ru_utime + usage.ru_stime,
                  "peak_mib": usage.ru_maxrss / 1024, "code": done.returncode, "stdout": done.stdout, "stderr": done.stderr}))
"""


def records_folder(source: Path, count: int, folder: Path) -> int:
    """A new ``folder`` holding the first ``count`` records of ``source`` as one .xml.gz; how many there were."""
    folder.mkdir()
    return first_records(source, count, folder / "records.xml.gz")


def write_section(section: str, table: str) -> None:
    """Replace ``section`` of docs/PERFORMANCE.md with ``table`` (a Markdown block starting with it)."""
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else "# Performance\n\nMeasured numbers only; each section names the script that wrote it.\n"
    text = re.sub(rf"{re.escape(section)}\n.*?(?=\n## |\Z)", "", text, flags=re.S).rstrip() + "\n\n" + table
    REPORT.write_text(text, encoding="utf-8")
    print(table)


def measure(folder: Path, workers: int, one_core: bool = False, options: tuple[str, ...] = ()) -> dict:
    """One run (``options`` added to `litkg extract`); with ``one_core`` the whole process (its
    writer thread and Oxigraph's threads included) is pinned to a single CPU with taskset."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "run.json"
        command = [sys.executable, "-m", "extractor.cli", "extract", str(folder), "--store", str(Path(tmp) / "store"),
                   "--quiet", "--report", str(report), "--workers", str(workers), *options]
        if one_core:
            command = ["taskset", "-c", "0", *command]
        done = json.loads(subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True,
                                         check=True, cwd=ROOT).stdout)
        if done["code"] not in (0, 1):
            sys.exit(f"litkg extract failed: {done['stderr']}")
        run = json.loads(report.read_text(encoding="utf-8"))
        run["store_mib"] = sum(f.stat().st_size for f in (Path(tmp) / "store").rglob("*") if f.is_file()) / 2**20
    return {**done, **run}


# the two halves of a one-core run, each pinned alone: extraction to N-Quads (what a Dask worker does
# per core, and what --shards-out leaves), then Oxigraph's bulk loads of exactly those N-Quads
_EXTRACT_ONLY = """
import itertools, json, sys, time
from pathlib import Path
from extractor.readers import read_file
from extractor.readers.base import file_hash
from extractor.records import Document
from extractor.runs.work import Extractor, tune_garbage_collector
path, out = Path(sys.argv[1]), sys.argv[2]
extractor = Extractor("https://w3id.org/litkg/id/")
tune_garbage_collector()  # as litkg extract does
started, cpu, records, lines = time.perf_counter(), time.process_time(), 0, 0
with open(out, "wb") as sink:
    for item in read_file(path, path.name, source_hash=file_hash(path)):
        if isinstance(item, Document):
            nquads = extractor.run(item).nquads
            sink.write(nquads)
            records += 1
            lines += nquads.count(b"\\n")
print(json.dumps({"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu, "records": records, "quads": lines}))
"""
_LOAD_ONLY = """
import json, resource, sys, time
from extractor.store import Store
from extractor.runs.writer import BATCH_QUADS
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
source, store, batch_quads = sys.argv[1], Store(sys.argv[2]), int(sys.argv[3]) or BATCH_QUADS
started, before, reading, batch, loads = time.perf_counter(), cpu(), 0.0, [], 0
def load():
    global loads
    store.commit((), (), [b"".join(batch)])
    batch.clear()
    loads += 1
with open(source, "rb") as lines:
    mark = time.thread_time()
    for line in lines:
        batch.append(line)
        if len(batch) >= batch_quads:
            reading += time.thread_time() - mark
            load()
            mark = time.thread_time()
    reading += time.thread_time() - mark
if batch:
    load()
seconds = time.perf_counter() - started
# the compaction the loads set off goes on after the last one returns: counted until the process idles
idle = 0
while idle < 3 and time.perf_counter() - started < 900:
    mark = cpu()
    time.sleep(1)
    idle = idle + 1 if cpu() - mark < 0.05 else 0
print(json.dumps({"seconds": seconds, "cpu": cpu() - before - reading, "loads": loads, "quads": len(store)}))
"""


def halves_on_one_core(folder: Path) -> tuple[dict, dict, dict]:
    """Extraction alone (to an N-Quads file), then the store's bulk loads of that file alone: in the
    writer's batches, as a run does, and in one load; each in a fresh process pinned to one core
    (lexicon loading and interpreter start-up not counted; the loads' CPU includes the compaction
    they set off, in Oxigraph's threads, but not the reading of the file)."""
    with tempfile.TemporaryDirectory() as tmp:
        nquads = Path(tmp) / "out.nq"
        pinned = ["taskset", "-c", "0", sys.executable, "-c"]
        extract = json.loads(subprocess.run([*pinned, _EXTRACT_ONLY, str(next(folder.iterdir())), str(nquads)],
                                            capture_output=True, text=True, check=True, cwd=ROOT).stdout)
        loads = [json.loads(subprocess.run([*pinned, _LOAD_ONLY, str(nquads), str(Path(tmp) / f"store{size}"), str(size)],
                                           capture_output=True, text=True, check=True, cwd=ROOT).stdout)
                 for size in (0, extract["quads"] + 1)]
    return extract, *loads


def tokenizer_ceiling(path: Path) -> tuple[int, float]:
    """spacy.blank("en") over the texts litkg reads from ``path`` (reading not timed)."""
    import spacy

    from extractor.readers import read_file
    from extractor.records import Document

    texts = [d.text for d in read_file(path, path.name) if isinstance(d, Document)]
    nlp = spacy.blank("en")
    started = time.perf_counter()
    for text in texts:
        nlp.make_doc(text)
    return len(texts), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--sizes", default="1000,10000,30000")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows, largest = [], None
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            folder = Path(tmp) / f"in-{size}"
            records = records_folder(args.path, size, folder)
            print(f"{records} records, 1 process ...", file=sys.stderr)
            rows.append((records, 1, measure(folder, 1)))
            largest = folder
        if shutil.which("taskset"):
            print(f"{rows[-1][0]} records, 1 process pinned to one core ...", file=sys.stderr)
            rows.append((rows[-1][0], "1 (one core)", measure(largest, 1, one_core=True)))
        print(f"{rows[-1][0]} records, {args.workers} workers ...", file=sys.stderr)
        rows.append((rows[-1][0], args.workers, measure(largest, args.workers)))
        halves = halves_on_one_core(largest) if shutil.which("taskset") else None
        texts, ceiling_seconds = tokenizer_ceiling(next(largest.iterdir()))
    write_report(args.path, rows, texts, ceiling_seconds, halves)


def write_report(path: Path, rows: list, texts: int, ceiling_seconds: float, halves: tuple[dict, dict, dict] | None) -> None:
    commit = current_commit(ROOT)
    lines = [SECTION, "",
             f"`python benchmarks/medline_extract.py` — `litkg extract` on the first N records of `{path.name}` "
             f"(read → NLP → graph → embedded on-disk store, each run in a fresh process on a fresh store), "
             f"{date.today()}, commit {commit}, {platform.machine()} with {os.cpu_count()} cores, Python {platform.python_version()}.", "",
             "| records | processes | wall time | records/s | triples | triples/s | CPU time | peak RSS | store on disk |",
             "|---|---|---|---|---|---|---|---|---|"]
    for records, workers, run in rows:
        lines.append(f"| {records:,} | {workers} | {run['seconds']:.1f} s | {records / run['seconds']:.0f} | {run['triples']:,} | "
                     f"{run['triples'] / run['seconds']:,.0f} | {run['cpu']:.1f} s | {run['peak_mib']:.0f} MiB | {run['store_mib']:.0f} MiB |")
    lines += ["", "Seconds per stage, as `litkg extract --report` records them, and their share of the run's time. The main "
              "thread reads and (with one process) runs NLP and graph building; with workers it waits for their results "
              "instead. The writer thread bulk-loads batches into the store at the same time (Oxigraph releases "
              "Python's GIL while loading), so its seconds overlap the others'; the main thread only waits for it "
              "when two batches are queued or before linking:", "",
              "| records | processes | " + " | ".join(STAGES) + " |", "|---|---|" + "---|" * len(STAGES)]
    for records, workers, run in rows:
        stages = run["stages"]
        total = run["seconds"]
        cells = [f"{stages[s]:.1f} s ({100 * stages[s] / total:.0f}%)" if s in stages else "-" for s in STAGES]
        lines.append(f"| {records:,} | {workers} | " + " | ".join(cells) + " |")
    if halves:
        extract, batched, whole = halves
        records = extract["records"]

        def row(what: str, run: dict, cpu: float) -> str:
            return f"| {what} | {run['seconds']:.1f} s | {cpu:.1f} s | {1000 * cpu / records:.2f} ms | {records / cpu:.0f} |"

        lines += ["", f"The two halves of the one-core run, each alone in a fresh process pinned to one core, on the same {records:,} "
                  "records (lexicon loading and start-up not counted; a load's CPU time includes the compaction it sets off "
                  "in Oxigraph's threads, counted until the process idles):", "",
                  "| stage | wall time | CPU time | CPU per record | records/s on one core |", "|---|---|---|---|---|",
                  row(f"read → NLP → graph, N-Quads written to a file ({extract['quads']:,} lines; what a Dask worker does per "
                      "core, and what `--shards-out` leaves)", extract, extract["cpu"]),
                  row(f"Oxigraph bulk loads of that file into a fresh on-disk store in the writer's batches ({batched['loads']} "
                      f"loads of {BATCH_QUADS:,} lines; {batched['quads']:,} quads, six indexes each: named graphs)", batched,
                      batched["cpu"]),
                  row("the same in one bulk load (needs ~0.9 KB of memory per quad up to 1,000,000 quads per loader thread)",
                      whole, whole["cpu"]),
                  row("both halves, with the writer's batches", {"seconds": extract["seconds"] + batched["seconds"]},
                      extract["cpu"] + batched["cpu"])]
    lines += ["", f"Ceiling, same run: `spacy.blank(\"en\")` tokenisation alone of the same {texts:,} texts took "
              f"{ceiling_seconds:.1f} s = {texts / ceiling_seconds:,.0f} texts/s (no reading, no components, no graph, no store).", ""]
    write_section(SECTION, "\n".join(lines))


if __name__ == "__main__":
    main()
