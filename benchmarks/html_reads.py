"""Benchmark: the time litkg's reader takes per real HTML page, two commits, paired, and whether they give
the same documents.

Usage: python benchmarks/html_reads.py BASE_REV [--repeat 20]

Every HTML page of the bundled corpus, the real-world development set and the registry set is read
(file on disk -> documents, the text-kept check included, what `litkg extract` does before the NLP) by
BASE_REV (a temporary worktree) and by this checkout, each side in a fresh process pinned to one core
(taskset), ``--repeat`` reads per page after one warm read; CPU ms per read, mean. "Documents" compares
the two commits' documents (the repr of every record a page gives). Then the user's path: one `litkg
extract` of a folder holding all the pages, per commit, alternately (wall and CPU seconds). A base commit that reads HTML with
BeautifulSoup needs it installed (``pip install beautifulsoup4``). Writes docs/PERFORMANCE.md (section
"HTML read time").
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from medline_extract import write_section  # noqa: E402
from paired import base_worktree, run_pinned, short_rev, stamp  # noqa: E402

SECTION = "## HTML read time"
SHARED = ROOT.parent / "shared" / "data"
FOLDERS = (ROOT / "corpus", SHARED / "realworld" / "docs", SHARED / "registry")
TARGET_MS = 20.0

_RUN = """
import hashlib, json, sys, time
from pathlib import Path
from extractor.readers import read_file
repeat, found = int(sys.argv[1]), {}
for name in sys.argv[2:]:
    path = Path(name)
    documents = list(read_file(path, path.name))
    cpu = time.process_time()
    for _ in range(repeat):
        list(read_file(path, path.name))
    found[name] = {"ms": 1000 * (time.process_time() - cpu) / repeat,
                   "documents": hashlib.sha256(repr(documents).encode()).hexdigest()}
print(json.dumps(found))
"""


# the user's path for the same pages: one `litkg extract` of a folder holding them all (NLP and store included)
_EXTRACT = """
import json, sys, time
sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f).lower()]  # this commit's code and data only
started, cpu = time.perf_counter(), time.process_time()
from extractor.cli import main
try:
    main(["extract", sys.argv[1], "--store", sys.argv[2], "--quiet"])
except SystemExit as stop:
    code = stop.code
print(json.dumps({"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu, "code": code}))
"""
EXTRACT_RUNS = 3


def pages() -> list[Path]:
    return [path for folder in FOLDERS for path in sorted(folder.rglob("*")) if path.suffix.lower() in (".html", ".htm")]


def run(code: Path, files: list[Path], repeat: int) -> dict:
    return json.loads(run_pinned(code, _RUN, str(repeat), *map(str, files)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    files = pages()
    with base_worktree(args.base) as worktree, tempfile.TemporaryDirectory() as tmp:
        base = run(worktree, files, args.repeat)
        this = run(ROOT, files, args.repeat)
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for number, path in enumerate(files):
            shutil.copy(path, folder / f"{number:02d}-{path.name}")
        extracts: dict[str, list[dict]] = {"base": [], "this": []}
        for repeat in range(EXTRACT_RUNS):
            for side, code in (("base", worktree), ("this", ROOT)):
                store = Path(tmp) / f"store-{side}-{repeat}"
                extracts[side].append(json.loads(run_pinned(code, _EXTRACT, str(folder), str(store)).splitlines()[-1]))
    write_report(args, files, base, this, extracts)


def write_report(args, files: list[Path], base: dict, this: dict, extracts: dict[str, list[dict]]) -> None:
    short = short_rev(args.base)
    lines = [SECTION, "",
             f"`python benchmarks/html_reads.py {args.base}` — every HTML page of the corpus, the real-world set and the "
             f"registry set read from disk to documents (text-kept check included; no NLP) by commit {short} and by this "
             f"checkout, each side in a fresh process pinned to one core; CPU ms per read, mean of {args.repeat} reads "
             f"after a warm one. {stamp()}", "",
             f"| page | kB | {short} ms | this ms | faster | documents |", "|---|---:|---:|---:|---:|---|"]
    for path in files:
        key = str(path)
        before, after = base[key], this[key]
        lines.append(f"| {path.name} | {path.stat().st_size / 1024:,.0f} | {before['ms']:.1f} | {after['ms']:.1f} | "
                     f"{before['ms'] / max(after['ms'], 1e-9):.1f}x | "
                     + ("identical" if before["documents"] == after["documents"] else "DIFFER") + " |")
    slow = [path.name for path in files if this[str(path)]["ms"] > TARGET_MS]
    same = sum(base[str(p)]["documents"] == this[str(p)]["documents"] for p in files)
    lines += ["", f"{len(files)} pages; documents identical on {same} of {len(files)}; slowest read "
              f"{max(this[str(p)]['ms'] for p in files):.1f} ms here against {max(base[str(p)]['ms'] for p in files):.1f} ms "
              f"at {short}; {len(slow)} page(s) over {TARGET_MS:.0f} ms here" + (f": {', '.join(slow)}" if slow else "") + ".", ""]
    spans = {side: " / ".join(f"{run['seconds']:.2f}" for run in runs) for side, runs in extracts.items()}
    cpus = {side: min(run["cpu"] for run in runs) for side, runs in extracts.items()}
    codes = {run["code"] for runs in extracts.values() for run in runs}
    lines += [f"The user's path, `litkg extract` of one folder holding the {len(files)} pages (NLP and store included, "
              f"a fresh store each run, {EXTRACT_RUNS} runs each side alternately, process start included): {short} "
              f"{spans['base']} s, this checkout {spans['this']} s; least CPU {cpus['base']:.2f} s against "
              f"{cpus['this']:.2f} s; exit codes {sorted(codes, key=str)}.", ""]
    write_section(SECTION, "\n".join(lines))


if __name__ == "__main__":
    main()
