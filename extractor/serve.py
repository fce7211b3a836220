"""`litkg serve`: a read-only SPARQL 1.1 Protocol endpoint over the store, and a query page at `/`.

GET /sparql?query=... and POST (form-encoded `query=` or an `application/sparql-query` body);
updates are refused. Answers are negotiated from the Accept header (or `format=`): SPARQL JSON,
XML, CSV, TSV for SELECT/ASK; Turtle, N-Triples, JSON-LD for CONSTRUCT/DESCRIBE. Each query has a
time limit and SELECT answers a row limit (the response says when rows were cut); SERVICE is
refused. Binds to 127.0.0.1 unless told otherwise; CORS only for the origins given.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import queue
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pyoxigraph as ox

from .errors import QueryError, ServiceRefused
from .graph.vocab import PREFIXES
from .results_formats import to_csv, to_json, to_tsv, to_xml
from .sparql_guard import check
from .store import Store
from .vocabularies import ontology_file

SOLUTION_TYPES = {"application/sparql-results+json": ("json", to_json), "application/json": ("json", to_json),
                  "application/sparql-results+xml": ("xml", to_xml), "application/xml": ("xml", to_xml),
                  "text/csv": ("csv", to_csv), "text/tab-separated-values": ("tsv", to_tsv)}
GRAPH_TYPES = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
               "application/ld+json": ox.RdfFormat.JSON_LD, "application/rdf+xml": ox.RdfFormat.RDF_XML}
# format=NAME, as clients send it: for SELECT/ASK and CONSTRUCT/DESCRIBE alike (SPARQLWrapper sends format=xml
# for both: results XML for solutions, RDF/XML for graphs)
_BY_NAME = {"json": "application/sparql-results+json, application/ld+json",
            "xml": "application/sparql-results+xml, application/rdf+xml", "csv": "text/csv",
            "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ntriples": "application/n-triples",
            "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml"}
_MAX_BODY = 1_000_000
LISTEN_BACKLOG = 128  # connections the kernel queues before the server accepts them (the default 5 reset clients)


@dataclass(frozen=True, slots=True)
class Settings:
    timeout: float = 30.0  # seconds per query
    max_rows: int = 10_000  # SELECT rows (CONSTRUCT triples) per answer
    cors: tuple[str, ...] = ()  # allowed origins; "*" for any
    concurrent: int = 2  # query processes (queries evaluated at once); more wait up to 5 s, then get 503
    snapshot: bool = False  # keep the view of the store opened at start (else follow what the store holds now)


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    content_type: str
    body: bytes
    truncated: bool = False


def evaluate(store: Store, sparql: str, accept: str, max_rows: int) -> Answer:
    """Evaluate ``sparql`` and render it for ``accept`` (no time limit: see QueryWorkers)."""
    try:
        check(sparql)
    except ServiceRefused as exc:
        return _error(HTTPStatus.FORBIDDEN, f"{exc} on this endpoint")
    except QueryError as exc:
        return _error(HTTPStatus.BAD_REQUEST, str(exc))
    try:
        return _evaluate(store, sparql, accept, max_rows)
    except QueryError as exc:
        return _error(HTTPStatus.BAD_REQUEST, str(exc))
    except Exception as exc:  # reported to the client, the server goes on
        return _error(HTTPStatus.INTERNAL_SERVER_ERROR, f"{type(exc).__name__}: {exc}")


def _worker_main(store_path: str, connection, snapshot: bool = False) -> None:
    """A query process: opens the store read-only and answers queries until its pipe closes. A
    read-only store is a snapshot of the moment it was opened; unless ``snapshot``, the process opens
    it again when the store's files changed since (a run added or removed documents)."""
    store, seen = Store(store_path, read_only=True), _store_version(store_path)
    while True:
        try:
            sparql, accept, max_rows = connection.recv()
        except EOFError:
            return
        if not snapshot and _store_version(store_path) != seen:
            del store
            store, seen = Store(store_path, read_only=True), _store_version(store_path)
        connection.send(evaluate(store, sparql, accept, max_rows))


def _store_version(store_path: str) -> tuple[int, int]:
    """Changes whenever the store writes a new file or removes one (RocksDB never rewrites a file in place)."""
    status = os.stat(store_path)
    return status.st_mtime_ns, status.st_ino


class QueryWorkers:
    """Queries run in worker processes, so a query past its time limit can really be stopped: its
    process is killed and replaced (Oxigraph has no way to cancel a running query)."""

    def __init__(self, store_path: Path, size: int, snapshot: bool = False) -> None:
        self.store_path = str(store_path)
        self.snapshot = snapshot
        self.context = multiprocessing.get_context("spawn")
        self.idle: queue.Queue = queue.Queue()
        for _ in range(size):
            self.idle.put(self._start())

    def _start(self):
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker_main, args=(self.store_path, child, self.snapshot), daemon=True)
        process.start()
        child.close()
        return process, parent

    def ask(self, sparql: str, accept: str, settings: Settings) -> Answer:
        try:
            process, connection = self.idle.get(timeout=5)
        except queue.Empty:
            return _error(HTTPStatus.SERVICE_UNAVAILABLE, "too many queries at once; try again shortly")
        crashed = False
        try:
            connection.send((sparql, accept, settings.max_rows))
            if connection.poll(settings.timeout):
                answer = connection.recv()
                self.idle.put((process, connection))
                return answer
        except (EOFError, OSError):  # the process died under the query
            crashed = True
        process.kill()
        process.join()
        self.idle.put(self._start())
        if crashed:
            return _error(HTTPStatus.INTERNAL_SERVER_ERROR, f"the query process crashed (exit {process.exitcode}) "
                          "while evaluating this query; the server goes on")
        return _error(HTTPStatus.SERVICE_UNAVAILABLE, f"the query ran longer than {settings.timeout:g} s and was stopped")

    def close(self) -> None:
        while not self.idle.empty():
            process, connection = self.idle.get_nowait()
            connection.close()
            process.kill()
            process.join()


def _evaluate(store: Store, sparql: str, accept: str, max_rows: int) -> Answer:
    result = store.query(sparql)
    if isinstance(result, ox.QueryTriples):
        media = _choose(accept, GRAPH_TYPES, "text/turtle")
        if media is None:
            return _error(HTTPStatus.NOT_ACCEPTABLE, f"CONSTRUCT/DESCRIBE answers come as {', '.join(GRAPH_TYPES)}")
        triples = []
        for triple in result:
            if len(triples) == max_rows:
                break
            triples.append(triple)
        truncated = len(triples) == max_rows and next(iter(result), None) is not None
        kwargs = {"prefixes": PREFIXES} if GRAPH_TYPES[media] == ox.RdfFormat.TURTLE else {}
        body = ox.serialize(triples, format=GRAPH_TYPES[media], **kwargs) or b""
        return Answer(HTTPStatus.OK, media, body, truncated)
    media = _choose(accept, SOLUTION_TYPES, "application/sparql-results+json")
    if media is None:
        return _error(HTTPStatus.NOT_ACCEPTABLE, f"SELECT/ASK answers come as {', '.join(SOLUTION_TYPES)}")
    name, write = SOLUTION_TYPES[media]
    if isinstance(result, ox.QueryBoolean):
        value = bool(result)
        if name == "json":
            return Answer(HTTPStatus.OK, media, json.dumps({"head": {}, "boolean": value}).encode())
        if name == "xml":
            body = ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                    f"<boolean>{'true' if value else 'false'}</boolean></sparql>\n")
            return Answer(HTTPStatus.OK, media, body.encode())
        return Answer(HTTPStatus.OK, media, f"_askResult\r\n{'true' if value else 'false'}\r\n".encode())
    variables = [variable.value for variable in result.variables]
    rows = []
    truncated = False
    for solution in result:
        if len(rows) == max_rows:
            truncated = True
            break
        rows.append([solution[name] for name in variables])
    return Answer(HTTPStatus.OK, media, write(variables, rows).encode("utf-8"), truncated)


def _choose(accept: str, offered: dict, default: str) -> str | None:
    """The offered media type the Accept header prefers (q values honoured); ``default`` for */*."""
    ranked = []
    for index, part in enumerate((accept or "*/*").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        quality = next((float(p[2:]) for p in params if p.startswith("q=") and _is_number(p[2:])), 1.0)
        ranked.append((-quality, index, media.lower()))
    for _, _, media in sorted(ranked):
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*") and (media == "*/*" or default.startswith(media[:-1])):
            return default
    return None


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _error(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def examples() -> list[dict[str, str]]:
    """The example queries shown on the page (ontology/queries/*.rq: first comment line = title)."""
    found = []
    for entry in sorted(ontology_file("queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            text = entry.read_text(encoding="utf-8")
            title = text.splitlines()[0].lstrip("# ").strip() if text.startswith("#") else entry.name
            found.append({"title": title, "query": text})
    return found


class _Handler(BaseHTTPRequestHandler):
    server_version = "litkg"
    workers: QueryWorkers
    settings: Settings

    def do_OPTIONS(self) -> None:  # CORS preflight
        self._send(Answer(HTTPStatus.NO_CONTENT, "text/plain", b""))

    def do_GET(self) -> None:
        url = urlparse(self.path)
        if url.path in ("/", "/index.html"):
            page = resources.files("extractor").joinpath("serve_page.html").read_text(encoding="utf-8")
            body = page.replace("/*EXAMPLES*/[]", json.dumps(examples()))
            self._send(Answer(HTTPStatus.OK, "text/html; charset=utf-8", body.encode("utf-8")))
        elif url.path == "/sparql":
            form = parse_qs(url.query)
            self._sparql(form)
        else:
            self._send(_error(HTTPStatus.NOT_FOUND, "not found: the endpoint is /sparql, the query page is /"))

    def do_HEAD(self) -> None:  # what GET would answer, without the body
        self.do_GET()

    def do_POST(self) -> None:
        if urlparse(self.path).path != "/sparql":
            self._send(_error(HTTPStatus.NOT_FOUND, "not found: the endpoint is /sparql"))
            return
        declared = (self.headers.get("Content-Length") or "").strip()
        if not declared.isdigit():  # absent, negative ("-1" read everything to the end) or not a number
            self._send(_error(HTTPStatus.LENGTH_REQUIRED, "give the body's length as Content-Length (a whole number)"))
            self.close_connection = True
            return
        length = int(declared)
        if length > _MAX_BODY:
            self._send(_error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the body is over {_MAX_BODY:,} bytes"))
            self.close_connection = True
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-query":
            self._sparql({"query": [body], **parse_qs(urlparse(self.path).query)})
        elif kind == "application/sparql-update":
            self._send(_error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused"))
        else:
            self._sparql(parse_qs(body))

    def _sparql(self, form: dict[str, list[str]]) -> None:
        if "update" in form:
            self._send(_error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused"))
            return
        if not form.get("query"):
            self._send(_error(HTTPStatus.BAD_REQUEST, "give a SPARQL query as the 'query' parameter"))
            return
        accept = _BY_NAME.get((form.get("format") or [""])[0], self.headers.get("Accept", "*/*"))
        self._send(self.workers.ask(form["query"][0], accept, self.settings))

    def _send(self, answer: Answer) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        if answer.truncated:
            self.send_header("X-Litkg-Truncated", f"true; the answer was cut at {self.settings.max_rows} rows")
        origin = self.headers.get("Origin")
        if origin and ("*" in self.settings.cors or origin in self.settings.cors):
            self.send_header("Access-Control-Allow-Origin", "*" if "*" in self.settings.cors else origin)
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.send_header("Access-Control-Expose-Headers", "X-Litkg-Truncated")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = LISTEN_BACKLOG

    def server_close(self) -> None:
        super().server_close()
        self.RequestHandlerClass.workers.close()


def make_server(store_path: Path, host: str = "127.0.0.1", port: int = 7878, settings: Settings = Settings()) -> Server:
    """A server over a read-only view of the store (``port`` 0 picks a free port); ``settings.concurrent``
    query processes, each holding the store open read-only."""
    Store(store_path, read_only=True)  # fails here, clearly, when there is no store
    workers = QueryWorkers(store_path, settings.concurrent, settings.snapshot)
    handler = type("Handler", (_Handler,), {"workers": workers, "settings": settings})
    return Server((host, port), handler)
