"""litkg export: GraphML, Cytoscape JSON, an HTML page, and RDF in four formats."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import LitkgError
from ..store import Store
from .common import failure, open_store, query_text, store_option


@click.group()
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
    from ..export.formats import construct

    return construct(store, query_text(construct_query))


def _export_graph(store_path: Path | None, output: Path, construct_query: str | None, write, **options) -> None:
    """Open the store, write one drawn-graph export (``write(store, output, triples, ...) -> (nodes, edges)``)."""
    store = open_store(store_path, read_only=True)
    try:
        nodes, edges = write(store, output, _export_triples(store, construct_query), **options)
    except LitkgError as exc:
        raise failure(exc) from None
    click.echo(f"{nodes} nodes, {edges} edges -> {output}")


def _drawn_export(name: str, what: str, load_writer, description: str):
    """An export command for a drawn-graph format: ``load_writer()`` gives its writer (imported on use)."""
    @store_option
    @click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help=f"{what} file to write.")
    @query_option
    def command(store_path: Path | None, output: Path, construct_query: str | None) -> None:
        _export_graph(store_path, output, construct_query, load_writer())

    command.__doc__ = description
    return export.command(name)(command)


def _graphml_writer():
    from ..export.graphml import write_graphml

    return write_graphml


def _cytoscape_writer():
    from ..export.formats import write_cytoscape

    return write_cytoscape


export_graphml = _drawn_export("graphml", "GraphML", _graphml_writer, """Write GraphML for Gephi, Cytoscape or yEd (labels, types, IRIs as attributes).

    \b
    Example:
      litkg export graphml -o graph.graphml
    """)
export_cytoscape = _drawn_export("cytoscape", "JSON", _cytoscape_writer, """Write Cytoscape.js JSON (nodes with labels, types and literal values; labelled edges).

    \b
    Example:
      litkg export cytoscape -o graph.cyjs
    """)


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
    from ..export.html import write_html

    _export_graph(store_path, output, construct_query, write_html, max_nodes=max_nodes)


def _rdf_export(fmt: str, description: str):
    @store_option
    @click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="File to write.")
    @query_option
    @click.option("--provenance", type=click.Choice(["nif", "web-annotation"]), default="nif", show_default=True,
                  help="How the words behind each fact are written: NIF mentions as stored (contract v2), or W3C "
                       "Web Annotations (oa:Annotation with position and quote selectors) for annotation tools.")
    def command(store_path: Path | None, output: Path, construct_query: str | None, provenance: str) -> None:
        from ..export.formats import write_rdf

        store = open_store(store_path, read_only=True)
        try:
            count = write_rdf(store, output, fmt, _export_triples(store, construct_query), provenance)
        except LitkgError as exc:
            raise failure(exc) from None
        click.echo(f"{count} statements -> {output}")

    command.__doc__ = description
    return export.command(fmt)(command)


export_turtle = _rdf_export("turtle", "Write Turtle: the union of all graphs (or a CONSTRUCT answer).")
export_trig = _rdf_export("trig", "Write TriG: every named graph (one per document) kept.")
export_nquads = _rdf_export("nquads", "Write N-Quads: every named graph kept, one statement per line (bulk loaders read it).")
export_jsonld = _rdf_export("jsonld", "Write JSON-LD: the union of all graphs (or a CONSTRUCT answer).")


