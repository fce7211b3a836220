"""Commands over a store: stats, remove, link, validate, push."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import LitkgError
from ..graph.vocab import DEFAULT_BASE
from .common import EXIT_FILES_FAILED, EXIT_OK, failure, open_store, store_option


@click.command()
@store_option
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stats(store_path: Path | None, output_format: str) -> None:
    """Counts per class, documents, source files, named graphs, triples and size on disk.

    \b
    Example:
      litkg stats --store litkg-store
    """
    from ..ledger import Ledger
    from ..query import compact

    store = open_store(store_path, read_only=True)
    numbers = Ledger(store).statistics()
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


@click.command()
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
    from ..runs.remove import remove_files

    if not paths and prune_root is None:
        raise click.UsageError("give PATHs to remove, or --prune FOLDER")
    store = open_store(store_path)
    try:
        removal = remove_files(store, paths, prune_root, base_iri)
    except LitkgError as exc:
        raise failure(exc) from None
    for source, graphs in sorted(removal.removed.items()):
        click.echo(f"removed {source} ({graphs} graphs)")
    for path in removal.unknown:
        click.echo(f"litkg: {path}: not in the store (paths are stored relative to the extracted folder)", err=True)
    sys.exit(EXIT_FILES_FAILED if removal.unknown else EXIT_OK)


@click.command()
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
    from ..graph.iris import Minter
    from ..push import push_graphs

    store = open_store(store_path, read_only=True)
    vocabulary = frozenset({Minter(base_iri).vocabulary_graph()})
    summary = push_graphs(store, endpoint, list(graphs) or None, auth, timeout, merged=vocabulary)
    for graph, reason in summary.failures:
        click.echo(f"litkg: {graph}: {reason}", err=True)
    click.echo(f"{summary.graphs} graphs, {summary.triples} triples sent to {endpoint}; "
               f"{len(summary.failures)} failed; {summary.seconds:.1f} s")
    sys.exit(EXIT_FILES_FAILED if summary.failures else EXIT_OK)


@click.command()
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

    from ..validate import validate_store

    store = open_store(store_path, read_only=True)
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


@click.command()
@store_option
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True, help="Base for minted IRIs.")
def link(store_path: Path | None, base_iri: str) -> None:
    """Resolve news stories to the papers they report, over everything in the store.

    'litkg extract' does this itself; run it after bulk-loading shards written with --shards-out.

    \b
    Example:
      oxigraph load --location litkg-store --file shards/*.nq && litkg link --store litkg-store
    """
    from ..graph.iris import Minter
    from ..resolve import link_news

    store = open_store(store_path)
    try:
        links = link_news(store, Minter(base_iri))
        store.flush()
    except LitkgError as exc:
        raise failure(exc) from None
    click.echo(f"{len(links)} news links in {store.path}")


