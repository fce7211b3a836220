"""`litkg serve`: a read-only SPARQL 1.1 Protocol endpoint, queried with a real client (SPARQLWrapper)."""

from __future__ import annotations

import csv
import io
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from SPARQLWrapper import CSV, JSON, N3, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from extractor.serve import Settings, examples, make_server

REGISTRATIONS = "SELECT ?id WHERE { ?r a litkg:TrialRegistration ; schema:identifier ?id } ORDER BY ?id"


@pytest.fixture(scope="module")
def endpoint(corpus_store: Path):
    server = make_server(corpus_store, port=0, settings=Settings(timeout=2, max_rows=5, cors=("https://example.org",)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()


def _client(endpoint: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


def test_binds_to_localhost_by_default(corpus_store: Path):
    server = make_server(corpus_store, port=0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_as_json_with_a_real_client(endpoint: str, method: str):
    answer = _client(endpoint, "SELECT ?id WHERE { ?r schema:identifier ?id FILTER(?id = 'NCT04599556') }", JSON, method).queryAndConvert()
    assert [row["id"]["value"] for row in answer["results"]["bindings"]] == ["NCT04599556"]


def test_every_result_format_is_negotiated(endpoint: str):
    xml = _client(endpoint, REGISTRATIONS, XML).query().convert()
    assert xml.getElementsByTagName("binding")
    rows = list(csv.reader(io.StringIO(_client(endpoint, REGISTRATIONS, CSV).query().convert().decode("utf-8"))))
    assert rows[0] == ["id"] and len(rows) == 6  # the header and the row limit (5)
    tsv = _client(endpoint, REGISTRATIONS, TSV).query().convert().decode("utf-8")
    assert tsv.splitlines()[0] == "?id" and '"' in tsv.splitlines()[1]
    construct = "CONSTRUCT { ?r schema:identifier ?id } WHERE { ?r a litkg:TrialRegistration ; schema:identifier ?id }"
    turtle = _client(endpoint, construct, TURTLE).query().convert()
    assert b"schema:identifier" in turtle
    client = _client(endpoint, construct, N3)
    client.addCustomHttpHeader("Accept", "application/n-triples")
    triples = client.query().convert()
    assert triples.count(b" .\n") == 5  # N-Triples, cut at the row limit
    ask = _client(endpoint, "ASK { ?n a schema:NewsArticle }", JSON).queryAndConvert()
    assert ask["boolean"] is True


def _raw(url: str, data: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8")


def test_a_cut_answer_says_so_and_cors_is_only_for_the_allowed_origin(endpoint: str):
    query = urllib.parse.quote(REGISTRATIONS)
    status, headers, _ = _raw(f"{endpoint}/sparql?query={query}", headers={"Origin": "https://example.org"})
    assert status == 200 and "X-Litkg-Truncated" in headers
    assert headers.get("Access-Control-Allow-Origin") == "https://example.org"
    _, headers, _ = _raw(f"{endpoint}/sparql?query={query}", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in headers


def test_updates_service_and_runaway_queries_are_refused(endpoint: str):
    client = _client(endpoint, "DELETE WHERE { ?s ?p ?o }", JSON, "POST")  # SPARQLWrapper sends it as an update
    with pytest.raises(urllib.error.HTTPError) as refused:
        client.query()
    assert refused.value.code == 403
    status, _, body = _raw(f"{endpoint}/sparql", b"DROP ALL", {"Content-Type": "application/sparql-update"})
    assert status == 403 and "read-only" in body
    status, _, body = _raw(f"{endpoint}/sparql", urllib.parse.urlencode({"update": "DROP ALL"}).encode(),
                           {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403
    status, _, body = _raw(f"{endpoint}/sparql?query=" + urllib.parse.quote("SELECT * WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } }"))
    assert status == 403 and "SERVICE" in body
    with pytest.raises(urllib.error.HTTPError) as stopped:  # past the 2 s limit: its process is killed
        _client(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", JSON).query()
    assert stopped.value.code == 503
    with pytest.raises(QueryBadFormed):
        _client(endpoint, "SELECT WHERE {", JSON).query()
    assert _client(endpoint, "ASK { ?s ?p ?o }", JSON).queryAndConvert()["boolean"] is True  # still serving


def test_the_page_offers_the_example_questions(endpoint: str):
    status, headers, page = _raw(f"{endpoint}/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "Run query" in page and "every source and the values it reports" in page
    titles = [example["title"] for example in examples()]
    assert len(titles) >= 7 and json.dumps(titles[0])[1:-1] in page
    # every example runs on the corpus and answers; the corpus has no unreadable file and no text lost,
    # so the two questions about those are the ones with no rows
    diagnostics = ("Files litkg could not read", "Documents stored with much less text")
    for example in examples():
        answer = _client(endpoint, example["query"], JSON).queryAndConvert()
        rows = answer["results"]["bindings"] if "results" in answer else [answer["boolean"]] if answer["boolean"] else []
        assert bool(rows) != example["title"].startswith(diagnostics), (example["title"], len(rows))


def test_the_endpoints_edges(endpoint: str):
    """A body length of -1 no longer reads the whole stream; HEAD answers; CONSTRUCT comes as RDF/XML to
    clients that ask for it (SPARQLWrapper's and rdflib's default); a query nested 3,000 deep is refused
    before the engine sees it; SERVICE hidden behind quotes in comments is refused; the server goes on."""
    import http.client

    host, port = urllib.parse.urlparse(endpoint).netloc.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.putrequest("POST", "/sparql")
    connection.putheader("Content-Type", "application/sparql-query")
    connection.putheader("Content-Length", "-1")
    connection.endheaders()
    connection.send(b"ASK { ?s ?p ?o }" + b" " * 100_000)
    response = connection.getresponse()
    assert response.status == 411
    connection.close()
    request = urllib.request.Request(f"{endpoint}/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"), method="HEAD")
    with urllib.request.urlopen(request, timeout=10) as head:
        assert head.status == 200 and head.read() == b"" and int(head.headers["Content-Length"]) > 0
    construct = "CONSTRUCT { ?r schema:identifier ?id } WHERE { ?r a litkg:TrialRegistration ; schema:identifier ?id }"
    graph = _client(endpoint, construct, XML).queryAndConvert()  # an rdflib Graph parsed from RDF/XML
    assert len(graph) == 5
    deep = "SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o" + " }" * 3000
    status, _, body = _raw(f"{endpoint}/sparql", deep.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 400 and "groups deep" in body
    hidden = "SELECT * WHERE {\n# '''\nSERVICE <http://127.0.0.1:9/> { ?s ?p ?o }\n# '''\n}"
    status, _, body = _raw(f"{endpoint}/sparql", hidden.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 403 and "SERVICE" in body
    assert _client(endpoint, "ASK { ?s ?p ?o }", JSON).queryAndConvert()["boolean"] is True


def test_the_server_follows_the_store_unless_asked_for_a_snapshot(tmp_path: Path):
    from conftest import CORPUS, litkg

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes((CORPUS / "nejm_flu_vaccine_abstract.txt").read_bytes())
    store = tmp_path / "store"
    assert litkg("extract", str(folder), "--store", str(store), "-q").returncode == 0
    servers = {mode: make_server(store, port=0, settings=Settings(concurrent=1, snapshot=mode)) for mode in (False, True)}
    for server in servers.values():
        threading.Thread(target=server.serve_forever, daemon=True).start()
    count = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d litkg:sourceFile ?f ; litkg:text ?t }"

    def documents(server) -> int:
        host, port = server.server_address
        answer = _client(f"http://{host}:{port}", count, JSON).queryAndConvert()
        return int(answer["results"]["bindings"][0]["n"]["value"])

    try:
        assert documents(servers[False]) == documents(servers[True]) == 1
        (folder / "b.txt").write_bytes((CORPUS / "news_flu_spray_bom.txt").read_bytes())
        assert litkg("extract", str(folder), "--store", str(store), "-q").returncode == 0
        assert documents(servers[False]) == 2  # what the store holds now
        assert documents(servers[True]) == 1  # the view it started with
    finally:
        for server in servers.values():
            server.shutdown()
            server.server_close()


def test_a_query_process_that_dies_is_reported_as_a_crash_and_replaced(corpus_store: Path):
    """A worker that died under a query was reported as a query that 'ran longer than 30 s'."""
    import multiprocessing
    import os
    import signal

    before = {child.pid for child in multiprocessing.active_children()}  # other servers' query processes
    server = make_server(corpus_store, port=0, settings=Settings(concurrent=1, timeout=20))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address
    endpoint = f"http://{host}:{port}"
    try:
        assert _client(endpoint, "ASK { ?s ?p ?o }", JSON).queryAndConvert()["boolean"] is True
        mine = [child for child in multiprocessing.active_children() if child.pid not in before]
        assert len(mine) == 1
        os.kill(mine[0].pid, signal.SIGKILL)  # the query process dies, as a crash in the engine would
        mine[0].join()
        status, _, body = _raw(f"{endpoint}/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"))
        assert status == 500 and "crashed" in body
        assert _client(endpoint, "ASK { ?s ?p ?o }", JSON).queryAndConvert()["boolean"] is True  # replaced
    finally:
        server.shutdown()
        server.server_close()


def test_sixty_clients_at_once_are_all_answered(endpoint: str):
    """A listen backlog of 5 reset connections under 20 clients."""
    barrier = threading.Barrier(60)
    statuses: list[object] = []
    url = f"{endpoint}/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }")

    def one() -> None:
        barrier.wait()
        try:
            statuses.append(_raw(url)[0])
        except OSError as exc:  # a reset connection
            statuses.append(type(exc).__name__)

    threads = [threading.Thread(target=one) for _ in range(60)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 60
