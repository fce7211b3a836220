"""Benchmark: `litkg serve` under concurrent clients.

Usage: python benchmarks/serve_load.py [--clients 50] [--seconds 20] [--processes 2]

Extracts the bundled corpus into a fresh store, starts `litkg serve` on it in its own process, then
runs ``--clients`` client threads in another process, each sending point look-ups (one registration's
study, as a SPARQL GET with JSON results) over its own connection as fast as answers come, for
``--seconds``. Reports throughput, latency percentiles, and errors and connection resets. Writes
docs/PERFORMANCE.md, section "SPARQL endpoint under load".
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from datetime import date
from pathlib import Path

from medline_extract import ROOT, write_section

from extractor.evaluation.report import current_commit

SECTION = "## SPARQL endpoint under load"
LOOKUP = ("SELECT ?study ?title WHERE { ?study litkg:registration/schema:identifier 'NCT04599556' . "
          "?doc schema:about ?study ; schema:headline ?title }")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _client(port: int, deadline: float, latencies: list[float], errors: list[str]) -> None:
    path = "/sparql?query=" + urllib.parse.quote(LOOKUP)
    connection = None
    while time.perf_counter() < deadline:
        try:
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            started = time.perf_counter()
            connection.request("GET", path, headers={"Accept": "application/sparql-results+json"})
            response = connection.getresponse()
            body = response.read()
            latencies.append(time.perf_counter() - started)
            if response.status != 200 or b"NCT" not in body and b"study" not in body:
                errors.append(f"HTTP {response.status}")
        except (ConnectionError, OSError, http.client.HTTPException) as exc:
            errors.append(type(exc).__name__)
            connection = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        subprocess.run([sys.executable, "-m", "extractor.cli", "extract", str(ROOT / "corpus"), "--store", str(store), "-q"],
                       check=True, capture_output=True, cwd=ROOT)
        port = _free_port()
        server = subprocess.Popen([sys.executable, "-m", "extractor.cli", "serve", "--store", str(store), "--port", str(port),
                                   "--processes", str(args.processes)], cwd=ROOT, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):  # until it listens
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            latencies: list[float] = []
            errors: list[str] = []
            _client(port, time.perf_counter() + 1, [], [])  # warm the query processes
            deadline = time.perf_counter() + args.seconds
            threads = [threading.Thread(target=_client, args=(port, deadline, latencies, errors)) for _ in range(args.clients)]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait()
    ordered = sorted(latencies)

    def percentile(q: float) -> float:
        return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")

    result = {"answers": len(latencies), "per_second": len(latencies) / elapsed, "p50": percentile(0.50),
              "p95": percentile(0.95), "p99": percentile(0.99), "max": 1000 * ordered[-1] if ordered else float("nan"),
              "errors": len(errors), "kinds": sorted(set(errors))}
    print(json.dumps(result))
    lines = [SECTION, "",
             f"`python benchmarks/serve_load.py --clients {args.clients} --seconds {args.seconds:g} --processes "
             f"{args.processes}` on {date.today().isoformat()}, commit {current_commit(ROOT)}, {platform.machine()}, "
             f"{os.cpu_count()} cores; the server and the clients on the same machine, the corpus store. Each client "
             "sends a point look-up (a registration's study and its documents' titles) over its own connection, again "
             "as soon as the answer comes.", "",
             "| clients | answers | answers/s | p50 ms | p95 ms | p99 ms | max ms | errors and resets |",
             "|---:|---:|---:|---:|---:|---:|---:|---|",
             f"| {args.clients} | {result['answers']:,} | {result['per_second']:.0f} | {result['p50']:.1f} | {result['p95']:.1f} | "
             f"{result['p99']:.1f} | {result['max']:.1f} | {result['errors']} {' '.join(result['kinds'])} |"]
    write_section(SECTION, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
