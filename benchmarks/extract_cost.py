"""Benchmark: extraction's CPU per record (read, NLP, graph) of two commits, paired, on both MEDLINE files.

Usage: python benchmarks/extract_cost.py BASE_REV [--records 10000] [--repeats 3]

The first ``--records`` records of each real MEDLINE file are read, analysed and written as N-Quads
(what a worker does; no store) by BASE_REV (a temporary worktree) and by this checkout, each run in a
fresh process pinned to one core (taskset) with that code first on the import path, alternating
``--repeats`` times per file. CPU time per record by stage (min / median over the repeats; the
spread is the machine's noise), and whether the two commits' N-Quads are byte-identical. In the same
run: `spacy.blank("en")` over the same texts (the tokeniser ceiling) and, when installed,
en_core_web_sm on a sample. Writes docs/PERFORMANCE.md (section "Extraction cost, two commits").
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from medline_extract import write_section  # noqa: E402
from paired import base_worktree, run_pinned, short_rev, stamp  # noqa: E402
from workers import FILES, MEDLINE, spacy_rates, texts_of  # noqa: E402
from extractor.evaluation.medline_slice import first_records  # noqa: E402

SECTION = "## Extraction cost, two commits"

# one file through read -> NLP -> graph in this process, CPU time per stage (lexicons loaded first)
_RUN = """
import hashlib, json, sys, time
from pathlib import Path
from extractor.readers import read_file
from extractor.readers.base import file_hash
from extractor.records import Document
from extractor.runs.work import Extractor, tune_garbage_collector
path = Path(sys.argv[1])
extractor = Extractor("https://w3id.org/litkg/id/")
tune_garbage_collector()
digest, records, cpu = hashlib.sha256(), 0, time.process_time()
items = iter(read_file(path, path.name, source_hash=file_hash(path)))
reading = 0.0
while True:
    mark = time.process_time()
    item = next(items, None)
    reading += time.process_time() - mark
    if item is None:
        break
    if isinstance(item, Document):
        digest.update(extractor.run(item).nquads)
        records += 1
total = time.process_time() - cpu
print(json.dumps({"records": records, "total": total, "read": reading, "nlp": extractor.seconds["nlp"],
                  "graph": extractor.seconds["graph"], "sha256": digest.hexdigest()}))
"""
STAGES = ("read", "nlp", "graph", "total")


def run(code: Path, path: Path) -> dict:
    return json.loads(run_pinned(code, _RUN, str(path)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base")
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, base_worktree(args.base) as worktree:
        folder = Path(tmp) / "in"
        folder.mkdir()
        measured: dict[str, dict[str, list[dict]]] = {}
        for name in FILES:
            first_records(MEDLINE / name, args.records, folder / name)
            measured[name] = {"base": [], "this": []}
            for repeat in range(args.repeats):
                for side, code in (("base", worktree), ("this", ROOT)):
                    print(f"{name} {side} run {repeat + 1} ...", file=sys.stderr)
                    measured[name][side].append(run(code, folder / name))
        rates = {name: spacy_rates(texts_of_one(folder / name)) for name in FILES}
    write_report(args, measured, rates)


def texts_of_one(path: Path) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(path, Path(tmp) / path.name)
        return texts_of(Path(tmp))


def write_report(args, measured: dict, rates: dict) -> None:
    base = short_rev(args.base)
    lines = [SECTION, "",
             f"`python benchmarks/extract_cost.py {args.base}` — read → NLP → graph to N-Quads (no store), the first "
             f"{args.records:,} records of each MEDLINE file, each run in a fresh process pinned to one core, commit {base} "
             f"and this checkout alternately, {args.repeats} runs each; CPU ms per record, min / median (the spread is this "
             f"machine's noise). {stamp()}", "",
             "| file | commit | " + " | ".join(STAGES) + " | records/s per core (median) | vs base | N-Quads |",
             "|---|---|" + "---:|" * len(STAGES) + "---:|---:|---|"]
    for name, sides in measured.items():
        medians = {side: statistics.median(r["total"] for r in runs) for side, runs in sides.items()}
        same = len({r["sha256"] for runs in sides.values() for r in runs}) == 1
        for side, runs in sides.items():
            records = runs[0]["records"]
            cells = [f"{1000 * min(r[s] for r in runs) / records:.2f} / {1000 * statistics.median(r[s] for r in runs) / records:.2f}"
                     for s in STAGES]
            lines.append(f"| {name} | {base if side == 'base' else 'this'} | " + " | ".join(cells)
                         + f" | {records / medians[side]:.0f} | {medians['base'] / medians[side]:.2f}x | "
                         + ("identical" if same else "DIFFER") + " |")
    lines += ["", "Same run, same texts, one process: " + "; ".join(
        f"{name}: `spacy.blank(\"en\")` {blank:,.0f} texts/s" + (f", {model} {small:,.0f} texts/s" if small else "")
        for name, (blank, small, model) in rates.items()) + ".", ""]
    write_section(SECTION, "\n".join(lines))


if __name__ == "__main__":
    main()
