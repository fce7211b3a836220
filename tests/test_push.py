"""`litkg push` to a real Oxigraph server (PyPI package `oxigraph`) started on a free localhost port."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import litkg

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path: Path):
    port = _free_port()
    process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "shared"), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=30)


def _count(base: str, query: str) -> int:
    request = urllib.request.Request(f"{base}/query?query={urllib.parse.quote(query)}",
                                     headers={"Accept": "application/sparql-results+json"})
    answer = json.loads(urllib.request.urlopen(request, timeout=30).read())
    return int(answer["results"]["bindings"][0]["n"]["value"])


def test_push_sends_every_named_graph_and_twice_changes_nothing(corpus_store: Path, server: str):
    local = ox.Store.read_only(str(corpus_store))
    graphs = sum(1 for _ in local.named_graphs())
    quads = len(local)
    del local
    for _ in range(2):
        done = litkg("push", "--store", str(corpus_store), "--endpoint", f"{server}/store")
        assert done.returncode == 0, done.stderr
        assert f"{graphs} graphs, {quads} triples sent" in done.stdout
        assert _count(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == quads
        assert _count(server, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == graphs


def test_two_machines_push_to_one_store_and_keep_both_vocabularies(tmp_path: Path, server: str):
    """Document graphs are replaced, the shared vocabulary graph is merged: the second push keeps
    the first machine's descriptions of things only its documents name."""
    from conftest import CORPUS

    vocabulary = "https://w3id.org/litkg/id/vocabulary"
    expected = set()
    for name, files in (("a", ("jama_article.html", "news_walking.html")), ("b", ("lancet_article.html",))):
        folder = tmp_path / name
        folder.mkdir()
        for file in files:
            shutil.copy(CORPUS / file, folder / file)
        store = tmp_path / f"store-{name}"
        assert litkg("extract", str(folder), "--store", str(store), "-q").returncode == 0
        local = ox.Store.read_only(str(store))
        expected |= {str(ox.Triple(q.subject, q.predicate, q.object)) for q in local.quads_for_pattern(None, None, None, ox.NamedNode(vocabulary))}
        del local
        done = litkg("push", "--store", str(store), "--endpoint", f"{server}/store")
        assert done.returncode == 0, done.stderr
    assert _count(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{vocabulary}> {{ ?s ?p ?o }} }}") == len(expected)
    assert _count(server, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?d <https://w3id.org/litkg/ontology#text> ?t } }") == 3


def test_an_unreachable_endpoint_is_reported(corpus_store: Path):
    done = litkg("push", "--store", str(corpus_store), "--endpoint", f"http://127.0.0.1:{_free_port()}/store")
    assert done.returncode == 1 and "cannot reach" in done.stderr
