"""Benchmark: the store's load cost per record as the store grows (issue "speed at scale").

Usage: python benchmarks/store_growth.py [--records 10000] [--upto 100000] [--batch 400000]

The first ``--records`` records of each real MEDLINE file (the 1977 baseline and the 2021 update) are
extracted once with `litkg extract` and their graphs dumped as N-Quads. Copies of them with fresh
document-level IRIs (each copy's documents, studies, files and notes get their own; shared concepts
such as MeSH terms and endpoints stay shared, as they are across real records) are then loaded into
one fresh on-disk store in the writer's batches of ``--batch`` quads, through the same
``Store.commit`` the writer uses (journal, bulk load, flush), until the store holds ``--upto``
records. Each batch's wall and CPU time per record is recorded against the store's size, with the
process's peak memory. Writes the table to docs/PERFORMANCE.md (section "Store growth").
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from medline_extract import records_folder, write_section  # noqa: E402
from extractor.evaluation.report import current_commit  # noqa: E402
from extractor.store import Store  # noqa: E402

SECTION = "## Store growth"
MEDLINE = ROOT.parent / "shared" / "data" / "medline"
FILES = ("pubmed20n0014.xml.gz", "pubmed21n1298_dev.xml.gz")
BASE = b"https://w3id.org/litkg/id/"
# the IRI kinds minted per record: a copy renames these; concepts (mesh/, endpoint/, condition/...) stay shared
PER_RECORD = (b"doc/", b"study/", b"file/", b"note/", b"pmid/", b"person/", b"audit/")
MARKS = (10_000, 30_000, 100_000, 300_000, 1_000_000)


def _dump(folder: Path, store_path: Path) -> tuple[bytes, int]:
    """The N-Quads of ``folder`` extracted by `litkg extract`, and how many documents it holds."""
    done = subprocess.run([sys.executable, "-m", "extractor.cli", "extract", str(folder), "--store", str(store_path), "-q"],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(done.stderr[-2000:])
    store = Store(store_path, read_only=True)
    documents = int(next(iter(store.query("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?d { ?d litkg:sourceFile ?f ; litkg:text ?t } }")))["n"].value)
    return store.dump(), documents


def _copy(nquads: bytes, number: int) -> bytes:
    """The same quads with each per-record IRI given the copy's number ("…/id/doc/ab12" -> "…/id/doc/c7-ab12")."""
    if number == 0:
        return nquads
    pattern = re.compile(re.escape(BASE) + b"(" + b"|".join(re.escape(k) for k in PER_RECORD) + b")")
    return pattern.sub(lambda m: BASE + m.group(1) + b"c%d-" % number, nquads)


def _batches(nquads: bytes, batch_quads: int):
    lines = nquads.splitlines(keepends=True)
    for start in range(0, len(lines), batch_quads):
        yield b"".join(lines[start:start + batch_quads])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000, help="records taken from each MEDLINE file")
    parser.add_argument("--upto", type=int, default=100_000, help="records in the store at the end")
    parser.add_argument("--batch", type=int, default=400_000, help="quads per commit (the writer's BATCH_QUADS)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        parts, records = [], 0
        for name in FILES:
            folder = Path(tmp) / name.split(".")[0]
            records_folder(MEDLINE / name, args.records, folder)
            nquads, documents = _dump(folder, Path(tmp) / f"{folder.name}-store")
            parts.append(nquads)
            records += documents
        unit = b"".join(parts)
        quads_per_record = unit.count(b"\n") / records
        store = Store(Path(tmp) / "growing")
        rows, loaded, copy = [], 0, 0
        window = {"seconds": 0.0, "cpu": 0.0, "records": 0}
        while loaded < args.upto:
            chunk = _copy(unit, copy)
            for batch in _batches(chunk, args.batch):
                cpu, started = time.process_time(), time.perf_counter()
                store.commit([], [], [batch])
                window["seconds"] += time.perf_counter() - started
                window["cpu"] += time.process_time() - cpu
                window["records"] += batch.count(b"\n") / quads_per_record
            loaded += records
            copy += 1
            if loaded >= next((m for m in MARKS if m > (rows[-1][0] if rows else 0)), args.upto) or loaded >= args.upto:
                rows.append((loaded, window["seconds"] / window["records"] * 1000, window["cpu"] / window["records"] * 1000,
                             resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, store.size_on_disk() / 2**20))
                window = {"seconds": 0.0, "cpu": 0.0, "records": 0}
                print(f"{rows[-1][0]:,} records: {rows[-1][1]:.2f} ms/record wall, {rows[-1][2]:.2f} CPU", flush=True)
        first = rows[0][1]
        table = [SECTION, "",
                 f"`python benchmarks/store_growth.py --records {args.records} --upto {args.upto} --batch {args.batch}` — "
                 f"{records:,} records ({args.records:,} of each MEDLINE file, {quads_per_record:.0f} quads per record), "
                 f"copied with fresh document IRIs and loaded through `Store.commit` in batches of {args.batch:,} quads into "
                 f"one on-disk store; cost per record of the batches since the previous row. Peak RSS is this benchmark's process, "
                 f"which holds the records' N-Quads and a copy in memory besides Oxigraph's loader (not `litkg extract`'s "
                 f"memory); the store on disk is before any compaction or optimisation. {date.today()}, commit "
                 f"{current_commit(ROOT)}, {os.cpu_count()} cores.", "",
                 "| records in store | load wall ms/record | load CPU ms/record (all threads) | vs first row | peak RSS | store on disk |",
                 "|---:|---:|---:|---:|---:|---:|"]
        for loaded_at, wall, cpu, rss, disk in rows:
            table.append(f"| {loaded_at:,} | {wall:.2f} | {cpu:.2f} | {wall / first:.2f}x | {rss:.0f} MiB | {disk:.0f} MiB |")
        write_section(SECTION, "\n".join(table) + "\n")


if __name__ == "__main__":
    main()
