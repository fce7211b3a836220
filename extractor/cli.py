"""The thin command layer: each command calls one library function and turns errors into exit codes.

Exit codes: 0 success; 1 some input files failed (the others were stored); 2 usage error;
3 store or query error (store locked or missing, invalid SPARQL).
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import click

from . import __version__
from .errors import LitkgError, QueryError, StoreError
from .budget import DOCUMENT_SECONDS, MAX_DOCUMENT_CHARS, Budget
from .graph.vocab import DEFAULT_BASE
from .store import STORE_ENV, Store, default_store_path
from .writer import BATCH_QUADS

EXIT_OK, EXIT_FILES_FAILED, EXIT_USAGE, EXIT_STORE = 0, 1, 2, 3

store_option = click.option(
    "--store", "store_path", type=click.Path(path_type=Path), default=None,
    help=f"Store folder (default: ${STORE_ENV} or ./litkg-store).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="litkg")
def main() -> None:
    """litkg: biomedical literature -> RDF knowledge graph, offline.

    \b
    Example:
      litkg extract corpus/
      litkg query "SELECT ?id WHERE { ?r a litkg:TrialRegistration ; schema:identifier ?id }"
      litkg export graphml -o graph.graphml
    """


@main.command()
@click.argument("folder", type=click.Path(exists=True, path_type=Path))
@store_option
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True, help="Base for minted IRIs.")
@click.option("--max-file-size", default="512MB", show_default=True, callback=lambda _c, _p, v: _size(v),
              help="Skip files larger than this (on disk; also the limit for decompressed text). Units: B, KB, MB, GB.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Extract in N processes on this machine (this process reads and writes the store).")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the run's summary as JSON (counts, failures, seconds per stage).")
@click.option("--batch-quads", type=click.IntRange(min=1), default=BATCH_QUADS, show_default=True,
              help="Quads per store commit: fewer mean less memory, more mean less work for the store.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this machine (see --workers); dask: an existing Dask cluster (see --scheduler).")
@click.option("--scheduler", default=None, help="Dask scheduler address for --engine dask, e.g. tcp://10.0.0.5:8786.")
@click.option("--shards-out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="With --engine dask: leave the graphs as N-Quads shard files in DIR (plus manifest.json) "
                   "instead of loading them into the store.")
@click.option("--outcome-tagger", "tagged", is_flag=True,
              help="Also run the statistical outcome tagger: finds more outcome mentions (docs/ACCURACY.md) "
                   "at several times the cost of the rest of the NLP stage (docs/PERFORMANCE.md).")
@click.option("--max-document-chars", type=click.IntRange(min=1), default=MAX_DOCUMENT_CHARS, show_default=True,
              help="A document whose text is longer is not extracted: reported, and its file recorded as a read failure.")
@click.option("--document-timeout", type=click.FloatRange(min=0, min_open=True), default=DOCUMENT_SECONDS,
              show_default=True, help="Seconds one document's NLP and graph may take; past it the document is stopped, "
              "reported, and its file recorded as a read failure.")
def extract(folder: Path, store_path: Path | None, base_iri: str, max_file_size: int, quiet: bool,
            workers: int, report_path: Path | None, batch_quads: int, engine: str, scheduler: str | None,
            shards_out: Path | None, tagged: bool, max_document_chars: int, document_timeout: float) -> None:
    """Read every document under FOLDER and store its facts.

    Files are recognised by content, not by name: MEDLINE/PubMed XML (also .xml.gz, streamed),
    HTML article, news and PubMed pages, PubMed "Abstract" text and MEDLINE/.nbib exports,
    abstract pages and news stories saved as text, plain text. Unchanged
    files are skipped; a changed file replaces only its own graph. Hidden files, README*,
    LICENSE* and patterns listed in FOLDER/.litkgignore are not read.

    \b
    Example:
      litkg extract corpus/ --store litkg-store
      litkg extract pubmed/ --workers 4 --report run.json
      litkg extract trials/ --outcome-tagger
      litkg extract /shared/pubmed --engine dask --scheduler tcp://head:8786
    Exit status: 0 all files stored; 1 some files failed (each is listed); 3 store error.
    """
    from tqdm import tqdm

    from .run import run_extraction, walk

    budget = Budget(max_document_chars, document_timeout)

    if engine == "dask" and not scheduler:
        raise click.UsageError("--engine dask needs --scheduler ADDRESS (start one with 'dask scheduler')")
    if shards_out and engine != "dask":
        raise click.UsageError("--shards-out is for --engine dask")
    problems: list = []  # folders that could not be read, links that loop: reported as failures
    files = list(walk(folder.resolve() if engine == "dask" else folder, problems))
    store = None if shards_out else _open(store_path)
    if engine == "dask":
        from .distributed import run_dask

        try:
            summary = run_dask(files, scheduler, store, base=base_iri, max_bytes=max_file_size, shards_out=shards_out,
                               tagged=tagged, budget=budget)
        except LitkgError as exc:
            _fail(exc)
        except OSError as exc:
            _fail(StoreError(f"cannot reach the Dask scheduler {scheduler}: {exc}"))
        summary.failures[:0] = problems
        _report(summary, store, report_path, shards_out)
        return
    bar = tqdm(total=len(files), unit="file", disable=quiet or None, file=sys.stderr, leave=False)
    try:
        summary = run_extraction(folder, store, base=base_iri, files=files, max_bytes=max_file_size, workers=workers,
                                 batch_quads=batch_quads, tagged=tagged, budget=budget, skipped=problems,
                                 progress=lambda name, read: _progress(bar, name, read))
    except LitkgError as exc:
        _fail(exc)
    finally:
        bar.close()
    _report(summary, store, report_path)


def _progress(bar, name: str, read: int) -> None:
    """The bar counts files done; its label names the file being read and the documents read from it."""
    if read < 0:
        bar.update(1)
    else:
        bar.set_postfix_str(f"{name[-40:]}" + (f" ({read:,} documents)" if read else ""))


def _report(summary, store: Store | None, report_path: Path | None, shards_out: Path | None = None) -> None:
    """Print a run's failures, notes and counts; exit with its status."""
    for failure in summary.failures:
        click.echo(f"litkg: {failure.path}: {failure.reason}", err=True)
    for warning in summary.warnings:
        click.echo(f"litkg: note: {warning.path}: {warning.reason}", err=True)
    for note in summary.notes:
        click.echo(f"litkg: note: {note}", err=True)
    where = f"{summary.triples} triples in {store.path}" if store is not None else f"shards and manifest.json in {shards_out}"
    click.echo(
        f"{summary.files} files: {summary.documents} documents read, {summary.unchanged} unchanged (skipped), "
        f"{summary.failed} failed; {summary.links} news links; {where}; {summary.seconds:.1f} s"
        + (f"; {len(summary.warnings)} kept much less text than their file (see the notes)" if summary.warnings else "")
    )
    if report_path:
        report_path.write_text(json.dumps(summary.as_dict(), indent=2) + "\n", encoding="utf-8")
    sys.exit(EXIT_FILES_FAILED if summary.failed else EXIT_OK)


@main.command()
@store_option
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stats(store_path: Path | None, output_format: str) -> None:
    """Counts per class, documents, source files, named graphs, triples and size on disk.

    \b
    Example:
      litkg stats --store litkg-store
    """
    from .query import compact

    store = _open(store_path, read_only=True)
    numbers = store.statistics()
    if output_format == "json":
        click.echo(json.dumps(numbers, indent=2))
        return
    for key, value in numbers.items():
        if key == "classes":
            continue
        click.echo(f"{key:>14}: {value:,}" if isinstance(value, int) else f"{key:>14}: {value}")
    click.echo("\n       class  instances")
    for iri, count in numbers["classes"].items():
        click.echo(f"{count:>12,}  {compact(iri)}")


@main.command()
@click.argument("paths", nargs=-1)
@store_option
@click.option("--prune", "prune_root", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Also drop every stored file that no longer exists under this folder (the folder it was extracted from).")
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True, help="Base for minted IRIs.")
def remove(paths: tuple[str, ...], store_path: Path | None, prune_root: Path | None, base_iri: str) -> None:
    """Drop the graphs of source files: PATHs as stored (relative to the folder they were extracted
    from), and with --prune FOLDER every stored file that is gone from FOLDER. News stories linked to
    a removed paper are resolved again.

    \b
    Example:
      litkg remove news_walking.html --store litkg-store
      litkg remove --prune corpus/ --store litkg-store
    """
    from .graph.builder import GraphBuilder
    from .graph.linking import link_news
    from .graph.resolution import document_keys
    from .graph.scope import Scope

    if not paths and prune_root is None:
        raise click.UsageError("give PATHs to remove, or --prune FOLDER")
    store = _open(store_path)
    stored = store.graphs_of_files()
    unknown = [p for p in paths if p not in stored]
    chosen = [p for p in paths if p in stored]
    if prune_root is not None:
        chosen += [f for f in stored if f not in chosen and not (prune_root / f).is_file()]
    try:
        scope = Scope(keys=document_keys(store, (g for source in chosen for g in stored[source])))
        for source in sorted(chosen):
            store.drop_graphs(stored[source])
            click.echo(f"removed {source} ({len(stored[source])} graphs)")
        builder = GraphBuilder(base_iri)
        link_news(store, builder, scope)
        if chosen:
            store.prune_vocabulary(builder.vocabulary_graph)
        store.flush()
    except LitkgError as exc:
        _fail(exc)
    for path in unknown:
        click.echo(f"litkg: {path}: not in the store (paths are stored relative to the extracted folder)", err=True)
    sys.exit(EXIT_FILES_FAILED if unknown else EXIT_OK)


@main.command()
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
    from .serve import Settings, make_server

    path = store_path or default_store_path()
    _open(path, read_only=True)  # a clear message when there is no store
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


@main.command()
@store_option
@click.option("--endpoint", required=True, help="Graph Store Protocol URL, e.g. http://host:7878/store (Oxigraph), "
              "http://host:3030/ds/data (Fuseki).")
@click.option("--graph", "graphs", multiple=True, metavar="IRI", help="Push only these named graphs (repeatable).")
@click.option("--auth", default=None, envvar="LITKG_PUSH_AUTH", metavar="USER:PASSWORD",
              help="HTTP basic authentication (or $LITKG_PUSH_AUTH).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              help="Seconds per request.")
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True, help="Base the store's IRIs were minted with.")
def push(store_path: Path | None, endpoint: str, graphs: tuple[str, ...], auth: str | None, timeout: float,
         base_iri: str) -> None:
    """Send each document's named graph to a shared triple store (SPARQL 1.1 Graph Store Protocol PUT;
    the shared vocabulary graph is merged with POST, so several machines can push to one store).

    \b
    Example:
      litkg push --store litkg-store --endpoint http://127.0.0.1:7878/store
    Exit status: 0 all graphs sent; 1 some failed (listed); 3 store error.
    """
    from .graph.builder import GraphBuilder
    from .push import push_graphs

    store = _open(store_path, read_only=True)
    vocabulary = frozenset({GraphBuilder(base_iri).vocabulary_graph})
    summary = push_graphs(store, endpoint, list(graphs) or None, auth, timeout, merged=vocabulary)
    for graph, reason in summary.failures:
        click.echo(f"litkg: {graph}: {reason}", err=True)
    click.echo(f"{summary.graphs} graphs, {summary.triples} triples sent to {endpoint}; "
               f"{len(summary.failures)} failed; {summary.seconds:.1f} s")
    sys.exit(EXIT_FILES_FAILED if summary.failures else EXIT_OK)


@main.command()
@store_option
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Violations to list.")
def validate(store_path: Path | None, limit: int) -> None:
    """Check the store against the contract's SHACL shapes (ontology/shapes.ttl).

    \b
    Example:
      litkg validate --store litkg-store
    Exit status: 0 conforms; 1 violations (listed); 3 store error.
    """
    from collections import Counter

    from .validate import validate_store

    store = _open(store_path, read_only=True)
    conforms, violations, checked = validate_store(store)
    if conforms:
        click.echo(f"conforms: {checked:,} triples checked against the shapes, no violations")
        sys.exit(EXIT_OK)
    for violation in violations[:limit]:
        click.echo(f"{violation.severity}: {violation.focus}\n  {violation.path}: {violation.message}")
    summary = Counter(v.message for v in violations)
    click.echo(f"\n{len(violations)} violations in {checked:,} triples:")
    for message, count in summary.most_common():
        click.echo(f"  {count:>6}  {message}")
    sys.exit(EXIT_FILES_FAILED)


@main.command()
@store_option
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True, help="Base for minted IRIs.")
def link(store_path: Path | None, base_iri: str) -> None:
    """Resolve news stories to the papers they report, over everything in the store.

    'litkg extract' does this itself; run it after bulk-loading shards written with --shards-out.

    \b
    Example:
      oxigraph load --location litkg-store --file shards/*.nq && litkg link --store litkg-store
    """
    from .graph.builder import GraphBuilder
    from .graph.linking import link_news

    store = _open(store_path)
    try:
        links = link_news(store, GraphBuilder(base_iri))
        store.flush()
    except LitkgError as exc:
        _fail(exc)
    click.echo(f"{len(links)} news links in {store.path}")


@main.command()
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
    from .query import run_query

    text = _query_text(sparql)
    bindings = {}
    for param in params:
        name, equals, value = param.partition("=")
        if not equals or not name.lstrip("?$").isidentifier():
            raise click.UsageError(f"--param {param!r}: expected NAME=VALUE")
        bindings[name] = value
    store = _open(store_path, read_only=True)
    try:
        click.echo(run_query(store, text, output_format, graph_iri, bindings, timeout, allow_service), nl=False)
    except LitkgError as exc:
        if timeout is not None and "ran longer than" in str(exc):
            click.echo(f"litkg: error: {exc}", err=True)
            os._exit(EXIT_STORE)  # the stopped query's thread is still inside the store: leave without waiting for it
        _fail(exc)


@main.command()
@click.option("--data", "data", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("../shared/data"),
              show_default=True, help="Folder with the development sets (bc5cdr/, rct_art/, ...).")
@click.option("--cases", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Registration case file (JSONL); default tests/cases/registrations.jsonl if present.")
@click.option("--limit", type=int, default=None, help="Score only the first N documents of each set.")
@click.option("--direct-only", is_flag=True, help="Skip the user's path (files -> extract -> graph -> SPARQL): the NLP "
              "diagnostic on clean gold text only, much faster.")
@click.option("--no-realworld", is_flag=True, help="Skip the real-world set's scorer (realworld/score.py).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write the Markdown report here.")
def evaluate(data: Path, cases: Path | None, limit: int | None, direct_only: bool, no_realworld: bool,
             output: Path | None) -> None:
    """Score each extractor on the development sets through the user's path (each text saved as a
    file, extracted into a store, read back from the graph with SPARQL) and directly on the gold text
    (a diagnostic), plus the real-world set's own scorer: P/R/F1 per set, printed and written as Markdown.

    \b
    Example:
      litkg evaluate --data ../shared/data -o docs/ACCURACY.md
    """
    from .evaluation.report import current_commit, markdown, run_all

    default_cases = Path("tests/cases/registrations.jsonl")
    case_file = cases or (default_cases if default_cases.exists() else None)
    scores, realworld_rows, seconds = run_all(data, case_file, limit, graph=not direct_only,
                                              realworld_set=not no_realworld)
    command = "litkg evaluate" + (f" --limit {limit}" if limit else "") + (" --direct-only" if direct_only else "") \
        + (" --no-realworld" if no_realworld else "")
    report = markdown(scores, realworld_rows, seconds, command, current_commit(Path.cwd()))
    click.echo(report)
    if output is not None:
        output.write_text(report, encoding="utf-8")


@main.group()
def export() -> None:
    """Export the store for other tools.

    \b
    Example:
      litkg export graphml -o graph.graphml
    """


query_option = click.option("--query", "construct_query", default=None, metavar="SPARQL|FILE.rq",
                            help="Export only the triples of this CONSTRUCT/DESCRIBE query (e.g. one study's neighbourhood).")


def _export_triples(store: Store, construct_query: str | None):
    if construct_query is None:
        return None
    from .export.formats import construct

    return construct(store, _query_text(construct_query))


def _export_graph(store_path: Path | None, output: Path, construct_query: str | None, write, **options) -> None:
    """Open the store, write one drawn-graph export (``write(store, output, triples, ...) -> (nodes, edges)``)."""
    store = _open(store_path, read_only=True)
    try:
        nodes, edges = write(store, output, _export_triples(store, construct_query), **options)
    except LitkgError as exc:
        _fail(exc)
    click.echo(f"{nodes} nodes, {edges} edges -> {output}")


@export.command("graphml")
@store_option
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="GraphML file to write.")
@query_option
def export_graphml(store_path: Path | None, output: Path, construct_query: str | None) -> None:
    """Write GraphML for Gephi, Cytoscape or yEd (labels, types, IRIs as attributes).

    \b
    Example:
      litkg export graphml -o graph.graphml
    """
    from .export.graphml import write_graphml

    _export_graph(store_path, output, construct_query, write_graphml)


@export.command("cytoscape")
@store_option
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="JSON file to write.")
@query_option
def export_cytoscape(store_path: Path | None, output: Path, construct_query: str | None) -> None:
    """Write Cytoscape.js JSON (nodes with labels, types and literal values; labelled edges).

    \b
    Example:
      litkg export cytoscape -o graph.cyjs
    """
    from .export.formats import write_cytoscape

    _export_graph(store_path, output, construct_query, write_cytoscape)


@export.command("html")
@store_option
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="HTML file to write.")
@query_option
@click.option("--max-nodes", type=click.IntRange(min=1), default=3000, show_default=True,
              help="Draw at most this many nodes (studies first); use --query for one study's neighbourhood.")
def export_html(store_path: Path | None, output: Path, construct_query: str | None, max_nodes: int) -> None:
    """Write one self-contained, interactive HTML page of the graph (no network needed): studies,
    registrations, interventions, conditions, endpoints, results and documents, colour-coded; click a
    node for its properties and quoted evidence.

    \b
    Example:
      litkg export html -o graph.html
    """
    from .export.html import write_html

    _export_graph(store_path, output, construct_query, write_html, max_nodes=max_nodes)


def _rdf_export(fmt: str, description: str):
    @store_option
    @click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="File to write.")
    @query_option
    @click.option("--provenance", type=click.Choice(["nif", "web-annotation"]), default="nif", show_default=True,
                  help="How the words behind each fact are written: NIF mentions as stored (contract v2), or W3C "
                       "Web Annotations (oa:Annotation with position and quote selectors) for annotation tools.")
    def command(store_path: Path | None, output: Path, construct_query: str | None, provenance: str) -> None:
        from .export.formats import write_rdf

        store = _open(store_path, read_only=True)
        try:
            count = write_rdf(store, output, fmt, _export_triples(store, construct_query), provenance)
        except LitkgError as exc:
            _fail(exc)
        click.echo(f"{count} statements -> {output}")

    command.__doc__ = description
    return export.command(fmt)(command)


export_turtle = _rdf_export("turtle", "Write Turtle: the union of all graphs (or a CONSTRUCT answer).")
export_trig = _rdf_export("trig", "Write TriG: every named graph (one per document) kept.")
export_nquads = _rdf_export("nquads", "Write N-Quads: every named graph kept, one statement per line (bulk loaders read it).")
export_jsonld = _rdf_export("jsonld", "Write JSON-LD: the union of all graphs (or a CONSTRUCT answer).")


def _query_text(sparql: str) -> str:
    if sparql == "-":
        return sys.stdin.read()
    candidate = Path(sparql)
    if len(sparql) < 4096 and "\n" not in sparql and candidate.suffix in (".rq", ".sparql") :
        if not candidate.is_file():
            raise click.UsageError(f"query file not found: {sparql}")
        return candidate.read_text(encoding="utf-8")
    return sparql


_UNITS = {"b": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3, "kib": 1024, "mib": 1024**2, "gib": 1024**3}


def _size(value: str) -> int:
    """ "512MB" -> 512000000; "2GiB" -> 2147483648; a bare number is bytes."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]i?b|b)?\s*", value.lower())
    if not match:
        raise click.BadParameter(f"{value!r} is not a size such as 200MB or 1GB")
    return int(float(match.group(1)) * _UNITS[match.group(2) or "b"])


def _open(path: Path | None, read_only: bool = False) -> Store:
    try:
        return Store(path or default_store_path(), read_only=read_only)
    except StoreError as exc:
        _fail(exc)


def _fail(exc: LitkgError) -> None:
    click.echo(f"litkg: error: {exc}", err=True)
    sys.exit(EXIT_STORE if isinstance(exc, (StoreError, QueryError)) else EXIT_FILES_FAILED)


if __name__ == "__main__":
    main()
