"""Benchmark: what a later run costs on a store that already holds many records, and linking news at scale.

Usage: python benchmarks/incremental_runs.py [path/to/pubmed20n0014.xml.gz] [--records 10000]

Makes a store from the bundled corpus (papers and news stories) plus the first N MEDLINE records in
one run, then measures, each in a fresh process on a copy of that store:
- a run that adds one new news story (a corpus story under a new name): the work a daily update
  does, which should cost the same whatever the store holds;
- a run that changes one paper page (its registration ID): old graphs dropped, the trial's group
  resolved again;
- `litkg link`: resolution and news linking over the whole store (the pass after bulk-loading shards).
Writes the table to docs/PERFORMANCE.md (section "Incremental runs and linking").
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from extractor.evaluation.medline_slice import first_records  # noqa: E402
from medline_extract import DEFAULT, ROOT, _MEASURE, write_section
from extractor.evaluation.report import current_commit  # noqa: E402

SECTION = "## Incremental runs and linking"
CORPUS = ROOT / "corpus"
STORY = "news_walking.html"  # copied under a new name: a story about a paper already in the store
PAGE = "jama_article.html"  # its paper's page, whose registration ID a later run changes


def timed(command: list[str]) -> dict:
    """One command in a fresh process: wall and CPU seconds, peak RSS, and its --report if it wrote one."""
    done = json.loads(subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True,
                                     check=True, cwd=ROOT).stdout)
    if done["code"] not in (0, 1):
        sys.exit(f"{' '.join(command)} failed: {done['stderr']}")
    return done


def extract(folder: Path, store: Path, report: Path) -> dict:
    done = timed([sys.executable, "-m", "extractor.cli", "extract", str(folder), "--store", str(store), "--quiet",
                  "--report", str(report)])
    return {**done, **json.loads(report.read_text(encoding="utf-8"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--records", type=int, default=10_000)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = work / "in"
        shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns("gold", "*.md"))
        records = first_records(args.path, args.records, folder / "medline.xml.gz")
        base = work / "store"
        print(f"first run: corpus + {records} records ...", file=sys.stderr)
        rows.append(("first run: corpus + MEDLINE records", extract(folder, base, work / "r0.json")))

        def on_copy(name: str, change) -> dict:
            store = work / name
            shutil.copytree(base, store)
            changed = work / f"in-{name}"
            shutil.copytree(folder, changed)
            change(changed)
            result = extract(changed, store, work / f"{name}.json")
            shutil.rmtree(store)
            shutil.rmtree(changed)
            return result

        print("a run adding one story ...", file=sys.stderr)
        rows.append(("later run: one news story added", on_copy("add", lambda f: shutil.copy(f / STORY, f / f"new_{STORY}"))))

        def new_registration(f: Path) -> None:
            page = f / PAGE
            text = page.read_bytes()
            page.write_bytes(text.replace(b"NCT05417218", b"NCT05417219"))

        print("a run changing one page ...", file=sys.stderr)
        rows.append(("later run: one paper page changed", on_copy("change", new_registration)))
        print("litkg link over the whole store ...", file=sys.stderr)
        rows.append(("`litkg link` over the whole store",
                     timed([sys.executable, "-m", "extractor.cli", "link", "--store", str(base)])))
    write_report(records, rows)


def write_report(records: int, rows: list[tuple[str, dict]]) -> None:
    commit = current_commit(ROOT)
    lines = [SECTION, "",
             f"`python benchmarks/incremental_runs.py` — a store made from the bundled corpus (papers and news stories) "
             f"and the first {records:,} records of the MEDLINE file in one run; then each later run in a fresh process "
             f"on a copy of it. {date.today()}, commit {commit}, {platform.machine()} with {os.cpu_count()} cores, "
             f"Python {platform.python_version()}.", "",
             "| run | documents read | wall time | link stage (resolution + news) | CPU time | peak RSS |",
             "|---|---|---|---|---|---|"]
    for name, run in rows:
        read = f"{run['documents']:,}" if "documents" in run else "-"
        link = f"{run['stages']['link']:.2f} s" if "stages" in run else f"{run['seconds']:.2f} s (all of it)"
        lines.append(f"| {name} | {read} | {run['seconds']:.1f} s | {link} | {run['cpu']:.1f} s | {run['peak_mib']:.0f} MiB |")
    lines += ["", "A later run reads only new and changed files, asks the store for the stored documents of those files "
              "alone, and resolves studies only around the registrations, DOIs and PMIDs of the documents it wrote or "
              "removed (index look-ups); every story is linked again, against the papers found for it by index "
              "look-ups (cited DOI, registered study, trial name, first author, journal within the news lag), so "
              "neither cost grows with the number of records in the store.", ""]
    write_section(SECTION, "\n".join(lines))


if __name__ == "__main__":
    main()
