"""Benchmark: what the contract v2 provenance costs the store, against v1's Web Annotations.

Usage: python benchmarks/provenance_v2.py [--records 10000] [--baseline REV]

The first N records of each real MEDLINE file (the 1977-79 baseline file and the 2021 update file)
are extracted by `litkg extract` into a fresh store and exported as N-Quads, as stored (NIF
mentions) and with `--provenance web-annotation` (the same facts with v1's oa:Annotation shape).
Each dump is bulk-loaded alone into a fresh on-disk Oxigraph store in a fresh process; the table
gives quads per record, the load's CPU time (Oxigraph's loader threads included) and the store's
size on disk. With ``--baseline REV`` the same is measured for the code at git revision REV
(checked out in a temporary worktree), which wrote v1 annotations and fewer provenance links.
Writes docs/PERFORMANCE.md, section "Provenance v2".
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

from extractor.evaluation.medline_slice import first_records  # noqa: E402
from medline_extract import ROOT, write_section

from extractor.evaluation.report import current_commit

MEDLINE = ROOT.parent / "shared" / "data" / "medline"
FILES = ("pubmed20n0014.xml.gz", "pubmed21n1298_dev.xml.gz")
SECTION = "## Provenance v2"

# a bulk load in a fresh interpreter: CPU of the whole process (the loader's threads included)
_LOAD = """
import json, resource, sys, time
import pyoxigraph as ox
before = resource.getrusage(resource.RUSAGE_SELF)
started = time.perf_counter()
store = ox.Store(sys.argv[2])
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
store.flush()
after = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": time.perf_counter() - started,
                  "cpu": after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, "quads": len(store)}))
"""


def _litkg(code: Path, *args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run([sys.executable, "-m", "extractor.cli", *args], capture_output=True, text=True, env=env, cwd=code)
    if done.returncode not in (0, 1):
        sys.exit(f"litkg {' '.join(args)} failed: {done.stderr[-800:]}")


def _measure(dump: Path, tmp: Path, records: int) -> dict:
    store = tmp / f"load-{dump.stem}"
    done = json.loads(subprocess.run([sys.executable, "-c", _LOAD, str(dump), str(store)], capture_output=True,
                                     text=True, check=True).stdout)
    size = sum(f.stat().st_size for f in store.rglob("*") if f.is_file())
    return {"quads_per_record": done["quads"] / records, "quads": done["quads"], "load_cpu": done["cpu"],
            "ms_per_record": 1000 * done["cpu"] / records, "mib": size / 2**20}


def measure(code: Path, source: Path, records: int, shapes: tuple[str, ...], tmp: Path) -> dict[str, dict]:
    """Extract the first ``records`` of ``source`` with the code in ``code``; measure each export shape."""
    folder = tmp / f"in-{source.stem}-{code.name}"
    folder.mkdir()
    count = first_records(source, records, folder / "records.xml.gz")
    store = tmp / f"store-{source.stem}-{code.name}"
    _litkg(code, "extract", str(folder), "--store", str(store), "--quiet")
    out = {}
    for shape in shapes:
        dump = tmp / f"{source.stem}-{code.name}-{shape}.nq"
        _litkg(code, "export", "nquads", "--store", str(store), "-o", str(dump),
               *(("--provenance", shape) if shape != "as stored" else ()))
        out[shape] = {**_measure(dump, tmp, count), "records": count}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--baseline", default=None, help="a git revision to measure beside the current code")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        codes = [("current", ROOT, ("as stored", "web-annotation"))]
        if args.baseline:
            worktree = tmp / "baseline"
            subprocess.run(["git", "worktree", "add", "--detach", str(worktree), args.baseline], cwd=ROOT, check=True,
                           capture_output=True)
            codes.insert(0, (f"{args.baseline} (before)", worktree, ("as stored",)))
        try:
            for label, code, shapes in codes:
                for file in FILES:
                    for shape, m in measure(code, MEDLINE / file, args.records, shapes, tmp).items():
                        rows.append((label, file, "v1 oa:Annotation" if label.endswith("(before)") or shape != "as stored"
                                     else "v2 NIF mention", m))
        finally:
            if args.baseline:
                subprocess.run(["git", "worktree", "remove", "--force", str(tmp / "baseline")], cwd=ROOT, capture_output=True)
    lines = [SECTION, "",
             f"`python benchmarks/provenance_v2.py --records {args.records}"
             + (f" --baseline {args.baseline}`" if args.baseline else "`")
             + f" on {date.today().isoformat()}, commit {current_commit(ROOT)}, {platform.machine()}, "
             f"{os.cpu_count()} cores. The first {args.records:,} records of each MEDLINE file, extracted by "
             "`litkg extract`, exported as N-Quads (every graph, the vocabulary and bookkeeping included) and "
             "bulk-loaded alone into a fresh on-disk Oxigraph store; load CPU includes the loader's threads. "
             "'web-annotation' is the current graph exported with `--provenance web-annotation`: the same facts "
             "with v1's 11-quad annotations.", "",
             "| code | file | provenance | records | quads | quads/record | load CPU s | ms/record | store MiB |",
             "|---|---|---|---:|---:|---:|---:|---:|---:|"]
    for label, file, shape, m in rows:
        lines.append(f"| {label} | {file} | {shape} | {m['records']:,} | {m['quads']:,} | {m['quads_per_record']:.1f} | "
                     f"{m['load_cpu']:.1f} | {m['ms_per_record']:.2f} | {m['mib']:.1f} |")
    write_section(SECTION, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
