"""Benchmark: the README's cluster recipe on this machine, then the shards into Oxigraph and Virtuoso.

Usage: python benchmarks/pubmed_scale.py [--records 0] [--workers 2] [--virtuoso-memory-mb 2048]

1. A folder with both real MEDLINE files (the first ``--records`` of each; 0: all) and the contract's
   seed documents (so that the competency questions have something to answer).
2. A Dask scheduler and ``--workers`` worker processes (one thread each) on 127.0.0.1, as the README
   starts them; `litkg extract --engine dask --shards-out` writes the shards and manifest.
3. `oxigraph load` of every shard into a fresh on-disk store (one parallel load), then `litkg link`.
4. A fresh Virtuoso (Debian's `virtuoso-opensource-7`: `virtuoso-t`, `isql-vt`) started by this
   script in a temporary folder on free ports, its buffers sized from ``--virtuoso-memory-mb``; its
   bulk loader (`ld_dir`, `rdf_loader_run`, `checkpoint`) loads the same shards.
5. The competency questions (v1 and v2) on both stores, before linking, row sets compared; then the
   contract's checker on the linked Oxigraph store.
Wall and CPU time of each step, quads, and the estimate for PubMed's 36 million records on 64 cores
go to docs/PERFORMANCE.md (section "PubMed scale"). ``--ask ENDPOINT QUERY`` (used by step 5) prints a
query's results from a SPARQL endpoint as SPARQL JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from medline_extract import write_section  # noqa: E402
from workers import spacy_rates, texts_of  # noqa: E402
from extractor.evaluation.medline_slice import first_records  # noqa: E402
from extractor.evaluation.report import current_commit  # noqa: E402

SECTION = "## PubMed scale"
SHARED = ROOT.parent / "shared"
MEDLINE = SHARED / "data" / "medline"
FILES = ("pubmed20n0014.xml.gz", "pubmed21n1298_dev.xml.gz")
QUESTIONS = (SHARED / "contract" / "competency", SHARED / "contract" / "competency-v2")
PUBMED_RECORDS = 36_000_000
CLUSTER_CORES = 64
VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
_BUFFER_BYTES = 8192 * 1.5  # Virtuoso's guide: ~1.5 pages of memory per buffer (8 KiB pages)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], **kwargs) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run ``command`` to its end: wall seconds, CPU seconds of it and its children, the result."""
    started, cpu = time.perf_counter(), children_cpu()
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command[:3])} failed ({done.returncode}): {done.stderr[-2000:]}")
    return time.perf_counter() - started, children_cpu() - cpu, done


def wait_for(check, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception:  # not up yet
            pass
        time.sleep(0.5)
    sys.exit(f"{what} did not start in {seconds:.0f} s")


def inputs(folder: Path, records: int) -> int:
    folder.mkdir()
    count = 0
    for name in FILES:
        if records:
            count += first_records(MEDLINE / name, records, folder / name)
        else:
            shutil.copy(MEDLINE / name, folder / name)
    shutil.copytree(SHARED / "seeds", folder / "seeds")
    return count or sum(1 for name in FILES for _ in _pmids(folder / name))


def _pmids(path: Path):
    import gzip

    with gzip.open(path, "rb") as stream:
        for line in stream:
            if b"<PubmedArticle>" in line:
                yield line


def dask_extract(folder: Path, shards: Path, workers: int, tmp: Path) -> dict:
    """The README's recipe: `dask scheduler`, `dask worker --nworkers N --nthreads 1`, `litkg extract`."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = [str(Path(sys.executable).parent / "dask")]
    log = open(tmp / "dask.log", "w")
    started = [subprocess.Popen([*dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                                stdout=log, stderr=log, cwd=tmp)]
    try:
        started.append(subprocess.Popen([*dask, "worker", address, "--nworkers", str(workers), "--nthreads", "1",
                                         "--no-dashboard", "--local-directory", str(tmp / "dask-worker")],
                                        stdout=log, stderr=log, cwd=ROOT))
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=120)
            cluster_cpu = lambda: sum(client.run(_process_cpu).values())  # noqa: E731
            before = cluster_cpu()
            report = tmp / "run.json"
            wall, cpu, done = timed([sys.executable, "-m", "extractor.cli", "extract", str(folder), "--engine", "dask",
                                     "--scheduler", address, "--shards-out", str(shards), "--quiet",
                                     "--report", str(report)], cwd=ROOT)
            workers_cpu = cluster_cpu() - before
        run = json.loads(report.read_text(encoding="utf-8"))
        return {"seconds": wall, "client_cpu": cpu, "workers_cpu": workers_cpu, "code": done.returncode,
                "documents": run["documents"], "failures": run.get("failures", [])}
    finally:
        for process in reversed(started):
            process.terminate()
            process.wait(timeout=30)
        log.close()


def _process_cpu() -> float:
    times = os.times()
    return times.user + times.system


def oxigraph_load(shards: list[Path], location: Path) -> dict:
    binary = str(Path(sys.executable).parent / "oxigraph")
    wall, cpu, _ = timed([binary, "load", "--location", str(location), "--file", *map(str, shards)])
    link_wall, link_cpu, _ = timed([sys.executable, "-m", "extractor.cli", "link", "--store", str(location)], cwd=ROOT)
    return {"seconds": wall, "cpu": cpu, "link_seconds": link_wall, "link_cpu": link_cpu}


class Virtuoso:
    """A throwaway Virtuoso server in ``folder``, on free ports, allowed to read ``shards``."""

    def __init__(self, folder: Path, shards: Path, memory_mb: int) -> None:
        self.folder, self.sql, self.http = folder, free_port(), free_port()
        buffers = int(memory_mb * 2**20 / _BUFFER_BYTES)
        ini = VIRTUOSO_INI.read_text(encoding="utf-8").replace("/var/lib/virtuoso-opensource-7/db", str(folder))
        settings = {"ServerPort": None, "DirsAllowed": f"., {shards}, /usr/share/virtuoso-opensource-7/vad",
                    "NumberOfBuffers": str(buffers), "MaxDirtyBuffers": str(buffers * 3 // 4),
                    "MaxQueryExecutionTime": "600", "ResultSetMaxRows": "1000000"}
        lines, section = [], ""
        for line in ini.splitlines():
            if line.startswith("["):
                section = line
            key = line.split("=", 1)[0].strip()
            if key == "ServerPort":
                line = f"ServerPort = {self.sql if section == '[Parameters]' else self.http}"
            elif key in settings and settings[key] is not None:
                line = f"{key} = {settings[key]}"
            lines.append(line)
        (folder / "virtuoso.ini").write_text("\n".join(lines) + "\n", encoding="utf-8")
        self.process = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", str(folder / "virtuoso.ini")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=folder)
        wait_for(lambda: self.isql("status();").returncode == 0, "Virtuoso")

    def isql(self, statements: str) -> subprocess.CompletedProcess:
        return subprocess.run(["isql-vt", str(self.sql), "dba", "dba", f"exec={statements}"], capture_output=True,
                              text=True, timeout=3600)

    def cpu(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def bulk_load(self, shards: Path) -> dict:
        before, started = self.cpu(), time.perf_counter()
        loaded = self.isql(f"ld_dir('{shards}', '*.nq', 'https://w3id.org/litkg/id/unnamed'); rdf_loader_run(); checkpoint;")
        seconds, cpu = time.perf_counter() - started, self.cpu() - before
        errors = self.isql("SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;")
        return {"seconds": seconds, "cpu": cpu, "errors": errors.stdout.count(".nq"), "log": loaded.stdout[-500:]}

    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.http}/sparql"

    def stop(self) -> None:
        self.isql("shutdown;")
        try:
            self.process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            self.process.kill()


def ask(endpoint: str, query: str) -> dict:
    data = urllib.parse.urlencode({"query": query, "format": "application/sparql-results+json"}).encode()
    request = urllib.request.Request(endpoint, data=data, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=600) as response:
        return json.loads(response.read().decode("utf-8"))


def _rows(results: dict) -> list[tuple]:
    """A result's rows as sorted tuples of normalised values (numbers compared as numbers)."""
    def value(binding: dict | None) -> str:
        if binding is None:
            return ""
        text = binding["value"]
        try:
            return repr(float(text)) if binding.get("datatype", "").startswith("http://www.w3.org/2001/XMLSchema#") else text
        except ValueError:
            return text

    names = results["head"]["vars"]
    return sorted(tuple(value(b.get(n)) for n in names) for b in results["results"]["bindings"])


def questions_alike(oxigraph_store: Path, endpoint: str) -> list[tuple[str, int, int, bool]]:
    """Each competency question on both stores (`litkg query --format json` and the SPARQL endpoint):
    (name, rows in Oxigraph, rows in Virtuoso, same rows)."""
    answers = []
    for folder in QUESTIONS:
        for query in sorted(folder.glob("*.rq")):
            mine = json.loads(subprocess.run([sys.executable, "-m", "extractor.cli", "query", "--store", str(oxigraph_store),
                                              "--format", "json", str(query)], capture_output=True, text=True, check=True,
                                             cwd=ROOT).stdout)
            theirs = ask(endpoint, query.read_text(encoding="utf-8"))
            answers.append((query.stem, len(mine["results"]["bindings"]), len(theirs["results"]["bindings"]),
                            _rows(mine) == _rows(theirs)))
    return answers


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--ask":
        print(json.dumps(ask(sys.argv[2], Path(sys.argv[3]).read_text(encoding="utf-8"))))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=0, help="records from each MEDLINE file (0: all)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--virtuoso-memory-mb", type=int, default=2048)
    args = parser.parse_args()
    if not shutil.which("virtuoso-t"):
        sys.exit("virtuoso-t not found: apt-get install virtuoso-opensource-7")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        records = inputs(tmp / "in", args.records)
        shards = tmp / "shards"
        print(f"{records} records: Dask extraction ...", file=sys.stderr)
        extract = dask_extract(tmp / "in", shards, args.workers, tmp)
        files = sorted(shards.glob("*.nq"))
        quads = sum(f.read_bytes().count(b"\n") for f in files)
        shard_mib = sum(f.stat().st_size for f in files) / 2**20
        print("oxigraph load ...", file=sys.stderr)
        raw = tmp / "oxigraph-raw"
        oxigraph = oxigraph_load(files, tmp / "oxigraph")
        timed([str(Path(sys.executable).parent / "oxigraph"), "load", "--location", str(raw), "--file", *map(str, files)])
        print("Virtuoso bulk load ...", file=sys.stderr)
        (tmp / "virtuoso").mkdir()
        virtuoso = Virtuoso(tmp / "virtuoso", shards, args.virtuoso_memory_mb)
        try:
            loaded = virtuoso.bulk_load(shards)
            alike = questions_alike(raw, virtuoso.endpoint())
        finally:
            virtuoso.stop()
        ceiling = spacy_rates(texts_of(tmp / "in"))  # the same texts, this process, same run
        checked = subprocess.run([sys.executable, str(SHARED / "contract" / "check_competency.py"), "--store",
                                  str(tmp / "oxigraph"), "--query-cmd",
                                  f"{sys.executable} -m extractor.cli query --store {{store}} --format json {{query}}"],
                                 capture_output=True, text=True, cwd=ROOT)
    verdicts = checked.stdout.strip().splitlines()
    print("\n".join(verdicts), file=sys.stderr)
    failed = [line.split(":", 1)[0].removeprefix("FAIL ") for line in verdicts if line.startswith("FAIL")]
    write_report(records, args, extract, quads, shard_mib, oxigraph, loaded, alike,
                 verdicts[-1] + (f" ({', '.join(failed)})" if failed else ""), ceiling)


def write_report(records, args, extract, quads, shard_mib, oxigraph, loaded, alike, checked, ceiling) -> None:
    # per core from the workers' CPU time: with as many files as workers the wall time is the larger file's
    per_core = records / extract["workers_cpu"]
    per_record = quads / records
    lines = [SECTION, "",
             f"`python benchmarks/pubmed_scale.py` — the README's cluster recipe on this machine: a Dask scheduler and "
             f"{args.workers} worker processes (one thread each) on 127.0.0.1, `litkg extract --engine dask --shards-out` "
             f"over both MEDLINE files ({records:,} records) and the contract's seed documents, then the shards into "
             f"Oxigraph (`oxigraph load`, then `litkg link`) and into Virtuoso (Debian's virtuoso-opensource-7, started by "
             f"the script, {args.virtuoso_memory_mb} MB of buffers; `ld_dir`, `rdf_loader_run`, `checkpoint`). "
             f"{date.today()}, commit {current_commit(ROOT)}, {platform.machine()} with {os.cpu_count()} cores.", "",
             "| step | wall time | CPU time | rate |", "|---|---|---|---|",
             f"| Dask extraction to shards ({extract['documents']:,} documents, {quads:,} quads, {shard_mib:.0f} MiB of "
             f"N-Quads, {len(extract['failures'])} failures) | {extract['seconds']:.1f} s | {extract['workers_cpu']:.1f} s "
             f"in the workers, {extract['client_cpu']:.1f} s in `litkg extract` | {records / extract['seconds']:.0f} "
             f"records/s; {per_core:.0f} per second of worker CPU; {extract['documents'] / extract['seconds'] / args.workers:.0f} per worker per second of wall |",
             f"| `oxigraph load` of every shard (one parallel load) | {oxigraph['seconds']:.1f} s | {oxigraph['cpu']:.1f} s | "
             f"{quads / oxigraph['seconds']:,.0f} quads/s = {records / oxigraph['seconds']:,.0f} records/s |",
             f"| `litkg link` on that store | {oxigraph['link_seconds']:.1f} s | {oxigraph['link_cpu']:.1f} s | |",
             f"| Virtuoso bulk load of the same shards ({loaded['errors']} files with errors) | {loaded['seconds']:.1f} s | "
             f"{loaded['cpu']:.1f} s (server) | {quads / loaded['seconds']:,.0f} quads/s = "
             f"{records / loaded['seconds']:,.0f} records/s |", "",
             "The competency questions (v1 and v2; their expected answers are about the seed documents) on both stores "
             "as loaded from the shards (before `litkg link`), rows compared as sets of values, numbers as numbers:", "",
             "| question | rows, Oxigraph | rows, Virtuoso | same answer |", "|---|---:|---:|---|"]
    lines += [f"| {name} | {mine} | {theirs} | {'yes' if same else 'NO'} |" for name, mine, theirs, same in alike]
    hours = PUBMED_RECORDS / (per_core * CLUSTER_CORES) / 3600
    load_hours = {name: PUBMED_RECORDS * per_record / (quads / run["seconds"]) / 3600
                  for name, run in (("Oxigraph", oxigraph), ("Virtuoso", loaded))}
    lines += ["", f"The contract's checker on the linked Oxigraph store: {checked}. Its expected answers are about the "
              "seed documents alone: a question in exact mode fails when other records in the same store match its "
              "pattern too.", "",
              f"Estimate for PubMed ({PUBMED_RECORDS / 1e6:.0f} million records, {per_record:.0f} quads per record as here) "
              f"on {CLUSTER_CORES} cores at this run's {per_core:.0f} records/s per worker core: extraction "
              f"{hours:.1f} h of wall time ({PUBMED_RECORDS / per_core / 3600:.0f} core-hours; linear in cores, since "
              f"workers share nothing but the input folder). Loading one store on one machine at this run's rates: "
              + ", ".join(f"{name} {h:.1f} h" for name, h in load_hours.items())
              + " (both measured on a store of this run's size; the Store growth section measures how Oxigraph's cost per "
              "record grows with the store).", "",
              f"Same run, same texts, one process: `spacy.blank(\"en\")` {ceiling[0]:,.0f} texts/s (litkg's workers: "
              f"{per_core:.0f} records per CPU second, {ceiling[0] / per_core:.1f}x the tokeniser's time)"
              + (f"; {ceiling[2]} {ceiling[1]:,.0f} texts/s" if ceiling[1] else "") + ".", ""]
    write_section(SECTION, "\n".join(lines))


if __name__ == "__main__":
    main()
