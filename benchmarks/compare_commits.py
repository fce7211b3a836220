"""Benchmark: the same MEDLINE records extracted by two commits, on this machine, runs interleaved.

Usage: python benchmarks/compare_commits.py BASE_REV [path/to/pubmed20n0014.xml.gz] [--records 10000] [--repeats 2]

Checks out BASE_REV into a temporary worktree and runs `litkg extract` from it and from this checkout
(each in a fresh process on a fresh store, started in that code's folder with it on PYTHONPATH: `python -c`
puts the working folder first on the import path, so a run started elsewhere would import that folder's code) on the first N records,
alternating, and records wall time, CPU time and peak RSS; it also says whether the two stores'
sorted N-Quads are identical. For refactors: speed and output, before and after, measured the same
way. Writes docs/PERFORMANCE.md (section "Two commits on the same records").
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from medline_extract import _MEASURE, DEFAULT, ROOT, write_section

from extractor.evaluation.medline_slice import first_records
from extractor.evaluation.report import current_commit

SECTION = "## Two commits on the same records"
# an editable install maps litkg's packages (its ontology data too) to the checkout it was made from,
# whatever PYTHONPATH says: each run drops that mapping so it reads only its own commit's code and data
ONLY_THIS_CODE = "import sys; sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f).lower()]; "


def run(code: Path, folder: Path, store: Path) -> dict:
    """One `litkg extract` with ``code`` first on the import path; its measurements."""
    command = [sys.executable, "-c", ONLY_THIS_CODE + "from extractor.cli import main; main()", "extract", str(folder),
               "--store", str(store), "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(code)}
    done = json.loads(subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True,
                                     check=True, cwd=code, env=env).stdout)
    if done["code"] != 0:
        sys.exit(f"litkg extract from {code} failed: {done['stderr']}")
    return done


def sorted_quads(code: Path, store: Path, out: Path) -> bytes:
    env = {**os.environ, "PYTHONPATH": str(code)}
    subprocess.run([sys.executable, "-c", ONLY_THIS_CODE + "from extractor.cli import main; main()", "export", "nquads", "--store",
                    str(store), "-o", str(out)], check=True, cwd=code, env=env, capture_output=True)
    return b"".join(sorted(out.read_bytes().splitlines(keepends=True)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        base = tmp_path / "base"
        subprocess.run(["git", "worktree", "add", "--detach", str(base), args.base], cwd=ROOT, check=True, capture_output=True)
        try:
            folder = tmp_path / "in"
            folder.mkdir()
            records = first_records(args.path, args.records, folder / "records.xml.gz")
            codes = {f"{args.base} (base)": base, f"{current_commit(ROOT)} (this checkout)": ROOT}
            rows: dict[str, list[dict]] = {name: [] for name in codes}
            quads: dict[str, bytes] = {}
            for repeat in range(args.repeats):
                for name, code in codes.items():
                    store = tmp_path / f"store-{repeat}-{len(rows[name])}-{code.name}"
                    print(f"{name}, run {repeat + 1} ...", flush=True)
                    rows[name].append(run(code, folder, store))
                    if repeat == 0:
                        quads[name] = sorted_quads(code, store, tmp_path / f"{code.name}.nq")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, capture_output=True)
    same = len(set(quads.values())) == 1
    lines = [SECTION, "",
             f"`python benchmarks/compare_commits.py {args.base}` — `litkg extract` of the first {records:,} records of "
             f"`{args.path.name}` by each commit's code, runs interleaved, fresh process and store each, "
             f"{date.today().isoformat()}, {platform.machine()} with {os.cpu_count()} cores, "
             f"Python {platform.python_version()}. Sorted N-Quads of the two stores: "
             + ("**byte-identical**" if same else "**different**") + ".", "",
             "| code | wall time per run | CPU time per run | peak RSS |", "|---|---|---|---|"]
    for name, measured in rows.items():
        walls = ", ".join(f"{m['seconds']:.1f} s" for m in measured)
        cpus = ", ".join(f"{m['cpu']:.1f} s" for m in measured)
        lines.append(f"| {name} | {walls} | {cpus} | {max(m['peak_mib'] for m in measured):.0f} MiB |")
    write_section(SECTION, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
