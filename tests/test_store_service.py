"""The store as a service: stats, remove/prune, safe query parameters, SERVICE refusal, timeouts,
a second writer refused, and a SIGKILL at any moment leaving a store that opens and finishes later."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import CORPUS, ROOT, litkg
from test_parallel import medline_slice

from extractor.sparql_guard import uses_service
from extractor.store import Store


def test_stats_counts_documents_graphs_classes_and_size(corpus_store: Path):
    done = litkg("stats", "--store", str(corpus_store), "--format", "json")
    assert done.returncode == 0, done.stderr
    numbers = json.loads(done.stdout)
    store = ox.Store.read_only(str(corpus_store))
    assert numbers["triples"] == len(store)
    assert numbers["named graphs"] == sum(1 for _ in store.named_graphs())
    assert numbers["documents"] == 20 and numbers["bytes on disk"] > 0
    assert numbers["classes"]["https://schema.org/NewsArticle"] == 5
    assert "documents" in litkg("stats", "--store", str(corpus_store)).stdout


VOCABULARY = "https://w3id.org/litkg/id/vocabulary"
SHARED_KINDS = ("schema:Drug", "schema:MedicalTherapy", "schema:MedicalCondition", "schema:MedicalCode", "litkg:Endpoint",
                "schema:Organization", "schema:Periodical", "litkg:TrialRegistration", "schema:DefinedTerm")
ORPHANS = f"""SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{VOCABULARY}> {{ ?s ?p ?o OPTIONAL {{ ?owner schema:code ?s }} }}
  BIND(COALESCE(?owner, ?s) AS ?described) FILTER NOT EXISTS {{ GRAPH ?g {{ ?x ?y ?described }} FILTER(?g != <{VOCABULARY}>) }} }}"""


def _count(store: Store, sparql: str) -> int:
    return int(next(iter(store.query(sparql)))["n"].value)


def test_shared_things_are_described_once_in_the_vocabulary_graph(corpus_store: Path):
    """Concepts, endpoints, organisations, journals, registrations and MeSH terms have their type and
    name in the vocabulary graph only, so the union default graph gives one row per fact."""
    store = Store(corpus_store, read_only=True)
    kinds = " ".join(SHARED_KINDS)
    outside = f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?k {{ {kinds} }} GRAPH ?g {{ ?s a ?k }} FILTER(?g != <{VOCABULARY}>) }}"
    assert _count(store, outside) == 0
    assert _count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?k {{ {kinds} }} GRAPH <{VOCABULARY}> {{ ?s a ?k }} }}") > 50
    rows = [tuple(r) for r in store.query(f"SELECT ?c ?n WHERE {{ VALUES ?k {{ {kinds} }} ?c a ?k ; schema:name ?n }}")]
    assert rows and len(rows) == len(set(rows))  # a concept several documents name is not repeated per document
    assert _count(store, ORPHANS) == 0


def test_remove_and_prune_drop_a_files_graphs_and_unlink_its_news(tmp_path: Path):
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    store = tmp_path / "store"
    assert litkg("extract", str(folder), "--store", str(store), "-q").returncode == 0
    opened = Store(store, read_only=True)
    jama_only = f"""SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ GRAPH <{VOCABULARY}> {{ ?c a ?k }}
      GRAPH ?g {{ ?g litkg:sourceFile "jama_article.html" . ?x ?y ?c }}
      FILTER NOT EXISTS {{ GRAPH ?other {{ ?other litkg:sourceFile ?f . ?z ?w ?c }} FILTER(?f != "jama_article.html") }} }}"""
    assert _count(opened, jama_only) > 0  # things only this paper names: their descriptions must go with it
    vocabulary_before = _count(opened, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{VOCABULARY}> {{ ?s ?p ?o }} }}")
    del opened
    (folder / "jama_article.html").unlink()
    done = litkg("remove", "--prune", str(folder), "--store", str(store))
    assert done.returncode == 0, done.stderr
    assert "removed jama_article.html" in done.stdout
    opened = Store(store, read_only=True)
    assert not bool(opened.query('ASK { ?d litkg:sourceFile "jama_article.html" }'))
    assert bool(opened.query('ASK { ?n litkg:sourceFile "news_walking.html" ; schema:about ?s . ?s litkg:registration ?r }'))
    assert not bool(opened.query('ASK { ?n litkg:sourceFile "news_walking.html" ; litkg:linkedBy ?l }'))
    assert _count(opened, ORPHANS) == 0
    assert _count(opened, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{VOCABULARY}> {{ ?s ?p ?o }} }}") < vocabulary_before
    assert bool(opened.query('ASK { ?s schema:studySubject ?c . ?c schema:name ?name }'))  # the rest keep their names
    del opened
    done = litkg("remove", "news_flu_spray_bom.txt", "no/such/file.txt", "--store", str(store))
    assert done.returncode == 1 and "no/such/file.txt: not in the store" in done.stderr
    assert "removed news_flu_spray_bom.txt" in done.stdout


def test_parameters_are_bound_as_terms_never_as_query_text(corpus_store: Path):
    query = "SELECT ?s WHERE { ?s schema:identifier ?id }"
    bound = litkg("query", query, "--param", "id=NCT04599556", "--store", str(corpus_store), "--format", "csv")
    assert bound.returncode == 0 and "https://clinicaltrials.gov/study/NCT04599556" in bound.stdout
    hostile = litkg("query", query, "--param", 'id=x" } ?s ?p ?o { "', "--store", str(corpus_store), "--format", "csv")
    assert hostile.returncode == 0 and hostile.stdout.strip() == "s"  # a string that matches nothing
    typed = litkg("query", "ASK { ?s litkg:enrollment ?n }", "--param", "n=10^^xsd:integer", "--store", str(corpus_store))
    assert typed.stdout.strip() == "true"
    iri = litkg("query", "SELECT ?id WHERE { ?r schema:identifier ?id }", "--param",
                "r=<https://clinicaltrials.gov/study/NCT04599556>", "--store", str(corpus_store), "--format", "csv")
    assert iri.stdout.split() == ["id", "NCT04599556"]
    assert litkg("query", query, "--param", "not a binding", "--store", str(corpus_store)).returncode == 2


def test_service_is_refused_unless_allowed(corpus_store: Path):
    done = litkg("query", "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "--store", str(corpus_store))
    assert done.returncode == 3 and "SERVICE" in done.stderr and "--allow-service" in done.stderr
    assert uses_service("select * where { service <x:y> { ?s ?p ?o } }")
    assert not uses_service('SELECT ("SERVICE" AS ?x) WHERE { ?s a <http://example.org/SERVICE> } # SERVICE')


def test_a_runaway_query_is_stopped_by_its_timeout(corpus_store: Path):
    cartesian = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # ~10^11 rows
    done = litkg("query", cartesian, "--timeout", "1", "--store", str(corpus_store))
    assert done.returncode == 3 and "ran longer than 1 s" in done.stderr


def _start_extract(folder: Path, store: Path) -> subprocess.Popen:
    """An extract that commits every ~40 documents, so a kill lands before, between or inside commits."""
    return subprocess.Popen([sys.executable, "-m", "extractor.cli", "extract", str(folder), "--store", str(store), "-q",
                             "--batch-quads", "5000"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def big_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    medline_slice(folder, records=1500)
    return folder


class Reference(dict):
    """Graph -> its quads, from one uninterrupted run; ``seconds``: how long that run took here."""

    seconds: float = 0.0


@pytest.fixture(scope="module")
def reference(big_input: Path, tmp_path_factory: pytest.TempPathFactory) -> Reference:
    store = tmp_path_factory.mktemp("reference") / "store"
    started = time.monotonic()
    run = _start_extract(big_input, store)
    assert run.wait(timeout=600) == 0, run.stderr.read()
    graphs = Reference()
    graphs.seconds = time.monotonic() - started
    for quad in ox.Store.read_only(str(store)):
        graphs.setdefault(quad.graph_name.value, set()).add(str(quad))
    return graphs


def test_a_second_extract_on_the_same_store_fails_clearly(big_input: Path, tmp_path: Path):
    store = tmp_path / "store"
    first = _start_extract(big_input, store)
    deadline = time.monotonic() + 60
    while not (store / "LOCK").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    second = litkg("extract", str(big_input), "--store", str(store), "-q")
    assert second.returncode == 3 and "in use by another litkg process" in second.stderr
    assert first.wait(timeout=300) == 0
    assert litkg("stats", "--store", str(store)).returncode == 0


@pytest.mark.parametrize("moment", [0.15, 0.35, 0.5, 0.65, 0.85])
def test_sigkill_at_any_moment_leaves_a_store_that_opens_and_the_next_run_finishes(big_input: Path, reference: Reference,
                                                                                  tmp_path: Path, moment: float):
    """Killed at ``moment`` of the time an uninterrupted run takes on this machine (so the kill lands
    mid-run on a fast machine as on a slow one, and the test checks it did)."""
    store = tmp_path / "store"
    after = moment * reference.seconds
    complete = sum(1 for graph in reference if "/doc/" in graph)
    for _attempt in range(4):
        shutil.rmtree(store, ignore_errors=True)
        run = _start_extract(big_input, store)
        time.sleep(after)
        run.send_signal(signal.SIGKILL)
        killed = run.wait(timeout=60) == -signal.SIGKILL
        opened = Store(store)  # a store left by a kill opens (and drops a half-written batch) ...
        answer = list(opened.query("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g litkg:text ?t } }"))
        stored = int(answer[0]["n"].value)
        if killed and stored < complete:
            break
        # the reference was timed on a busier machine: the run ended, or had stored everything, before the kill
        del opened
        after /= 2
    else:
        pytest.fail("the run had stored every document before the kill four times: the test killed no write")
    # ... and every document in it is complete: its graph is exactly the uninterrupted run's
    for graph in opened.named_graphs():
        if "/doc/" in graph:
            assert {str(q) for q in opened.graph_quads(graph)} == reference[graph], graph
    del opened
    done = litkg("extract", str(big_input), "--store", str(store), "-q")
    assert done.returncode == 0, done.stderr
    finished = {str(q) for q in ox.Store.read_only(str(store))}
    assert finished == set().union(*reference.values()), f"killed after {after:.1f} s with {stored} documents stored"


# quotes inside comments hid SERVICE from the old text scrubber, not from the engine's parser
_HIDDEN = [
    "SELECT * WHERE {\n# '''\nSERVICE <http://127.0.0.1:9/> { ?s ?p ?o }\n# '''\n}",
    'SELECT * WHERE {\n# """\nSERVICE <http://127.0.0.1:9/> { ?s ?p ?o }\n# """\n}',
    "SELECT * WHERE { # it's\n SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } # isn't\n}",
    "SELECT * WHERE { ?s ?p ?o . sErViCe<http://127.0.0.1:9/>{ ?a ?b ?c } }",
]


@pytest.mark.parametrize("query", _HIDDEN)
def test_service_hidden_by_quotes_in_comments_is_refused(corpus_store: Path, query: str, no_network):
    assert uses_service(query)
    done = litkg("query", query, "--store", str(corpus_store))
    assert done.returncode == 3 and "SERVICE" in done.stderr


def test_a_prefix_named_service_is_no_service_call(corpus_store: Path):
    query = "PREFIX service: <http://example.org/> SELECT ?s WHERE { ?s service:p ?service } LIMIT 1"
    assert not uses_service(query)
    assert litkg("query", query, "--store", str(corpus_store)).returncode == 0


def test_a_query_nested_too_deep_is_refused_before_the_engine_sees_it(corpus_store: Path):
    """3,000 nested groups overflowed the engine's stack (exit 139); now a clear refusal."""
    deep = "SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o" + " }" * 3000
    done = litkg("query", deep, "--store", str(corpus_store))
    assert done.returncode == 3 and "nests 3000 groups deep" in done.stderr
    ok = "SELECT * WHERE " + "{ " * 10 + "?s ?p ?o" + " }" * 10 + " LIMIT 1"
    assert litkg("query", ok, "--store", str(corpus_store)).returncode == 0


def test_a_failed_bulk_load_leaves_no_loader_files(tmp_path: Path):
    """A full disk left the bulk loader's bulk-*.sst file in the store's folder."""
    from extractor.errors import StoreError

    store = Store(tmp_path / "store")

    chunk = b"<https://example.org/s> <https://example.org/p> \"o\" <https://example.org/g> .\n"

    def chunks_on_a_full_disk():
        yield chunk  # loaded
        (store.path / "bulk-1234.sst").write_bytes(b"sorted keys")  # what the loader writes before it fails
        raise OSError(28, "No space left on device")

    with pytest.raises(StoreError, match="No space left"):
        store.commit([], ["https://example.org/g"], chunks_on_a_full_disk())
    assert not list(store.path.glob("bulk-*.sst"))
    assert (store.path / "litkg-pending.json").exists()  # the half-written batch is dropped when the store is next opened
