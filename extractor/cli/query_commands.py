"""Asking the store: litkg query and litkg serve."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..errors import LitkgError, QueryTimeout
from ..store import default_store_path
from .common import EXIT_STORE, failure, open_store, query_text, store_option


@click.command()
@click.argument("sparql")
@store_option
@click.option("--format", "output_format", type=click.Choice(["table", "json", "csv", "tsv", "xml", "turtle", "ntriples"]),
              default="table", show_default=True, help="SELECT/ASK: table, json (W3C), csv, tsv, xml. CONSTRUCT: turtle, ntriples, json (JSON-LD).")
@click.option("--graph", "graph_iri", default=None, help="Query one document's named graph instead of the union.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE (repeatable): <iri>, text, or text^^xsd:integer. Bound by the engine, never pasted in.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, help="Stop the query after SECONDS.")
@click.option("--allow-service", is_flag=True, help="Allow SERVICE (federated queries to other endpoints); refused by default.")
def query(sparql: str, store_path: Path | None, output_format: str, graph_iri: str | None, params: tuple[str, ...],
          timeout: float | None, allow_service: bool) -> None:
    """Answer a SPARQL query: SPARQL text, a .rq file, or - for standard input.

    Common prefixes (schema:, litkg:, prov:, nif:, oa:, fabio:, prism:, bibo:, xsd:, rdf:, rdfs:)
    are predeclared.

    \b
    Example:
      litkg query "SELECT ?name WHERE { ?t a schema:MedicalTherapy ; schema:name ?name }"
      litkg query questions.rq --format json
      echo "ASK { ?s a schema:NewsArticle }" | litkg query -
      litkg query "SELECT ?r WHERE { ?r schema:identifier ?id }" --param id=NCT04599556 --timeout 10
    """
    from ..query import run_query

    text = query_text(sparql)
    bindings = {}
    for param in params:
        name, equals, value = param.partition("=")
        if not equals or not name.lstrip("?$").isidentifier():
            raise click.UsageError(f"--param {param!r}: expected NAME=VALUE")
        bindings[name] = value
    store = open_store(store_path, read_only=True)
    try:
        click.echo(run_query(store, text, output_format, graph_iri, bindings, timeout, allow_service), nl=False)
    except QueryTimeout as exc:
        failure(exc).show()
        os._exit(EXIT_STORE)  # the stopped query's thread is still inside the store: leave without waiting for it
    except LitkgError as exc:
        raise failure(exc) from None


@click.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0 exposes it to the network).")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True, help="Seconds per query.")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Rows (CONSTRUCT: triples) per answer; a cut answer has the header X-Litkg-Truncated.")
@click.option("--cors", "cors", multiple=True, metavar="ORIGIN", help="Allow browser pages from ORIGIN (repeatable; * for any).")
@click.option("--processes", type=click.IntRange(min=1), default=2, show_default=True,
              help="Query processes: queries answered at once (a query past --timeout has its process killed).")
@click.option("--snapshot", is_flag=True, help="Answer from the store as it was when the server started; by default "
              "each query process opens the store again when a run has changed it since.")
def serve(store_path: Path | None, host: str, port: int, timeout: float, max_rows: int, cors: tuple[str, ...],
          processes: int, snapshot: bool) -> None:
    """Serve the store read-only as a SPARQL 1.1 Protocol endpoint at /sparql, with a query page at /.

    \b
    Example:
      litkg serve --store litkg-store
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT ?id WHERE { ?r schema:identifier ?id }' http://127.0.0.1:7878/sparql
    """
    from ..serve import Settings, make_server

    path = store_path or default_store_path()
    open_store(path, read_only=True)  # a clear message when there is no store
    server = make_server(path, host, port, Settings(timeout=timeout, max_rows=max_rows, cors=cors, concurrent=processes,
                                                    snapshot=snapshot))
    click.echo(f"litkg: serving {path} read-only at http://{host}:{server.server_address[1]}/sparql "
               f"(query page: http://{host}:{server.server_address[1]}/); Ctrl-C stops", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


