"""litkg extract: read a folder into the store."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..budget import DOCUMENT_SECONDS, MAX_DOCUMENT_CHARS, Budget
from ..errors import LitkgError, StoreError
from ..graph.vocab import DEFAULT_BASE
from ..runs.writer import BATCH_QUADS
from ..store import Store
from .common import EXIT_FILES_FAILED, EXIT_OK, failure, open_store, size, store_option


@click.command()
@click.argument("folder", type=click.Path(exists=True, path_type=Path))
@store_option
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True, help="Base for minted IRIs.")
@click.option("--max-file-size", default="512MB", show_default=True, callback=lambda _c, _p, v: size(v),
              help="Skip files larger than this (on disk; also the limit for decompressed text). Units: B, KB, MB, GB.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Extract in N processes on this machine: each reads its own files (large files split by "
                   "record); this process only writes the store.")
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
@click.option("--explain", is_flag=True, help="Also write which rule read the words behind each fact (litkg:rule on each "
              "provenance mention), for debugging a wrong fact; files extracted without it count as changed.")
@click.option("--max-document-chars", type=click.IntRange(min=1), default=MAX_DOCUMENT_CHARS, show_default=True,
              help="A document whose text is longer is not extracted: reported, and its file recorded as a read failure.")
@click.option("--document-timeout", type=click.FloatRange(min=0, min_open=True), default=DOCUMENT_SECONDS,
              show_default=True, help="Seconds one document's NLP and graph may take; past it the document is stopped, "
              "reported, and its file recorded as a read failure.")
def extract(folder: Path, store_path: Path | None, base_iri: str, max_file_size: int, quiet: bool,
            workers: int, report_path: Path | None, batch_quads: int, engine: str, scheduler: str | None,
            shards_out: Path | None, tagged: bool, explain: bool, max_document_chars: int, document_timeout: float) -> None:
    """Read every document under FOLDER and store its facts.

    Files are recognised by content, not by name: MEDLINE/PubMed XML (also .xml.gz, streamed),
    PMC/JATS full texts, HTML article, news and PubMed pages, PubMed "Abstract" text and
    MEDLINE/.nbib exports, abstract pages and news stories saved as text, plain text, and trial
    registry records (ClinicalTrials.gov JSON, XML and saved pages; ISRCTN, EU CTR and CTIS records
    as ctrdata stores them), each study audited against its record. Unchanged
    files are skipped; a changed file replaces only its own graph. Hidden files, README*,
    LICENSE* and patterns listed in FOLDER/.litkgignore are not read.

    \b
    Example:
      litkg extract corpus/ --store litkg-store
      litkg extract pubmed/ --workers 4 --report run.json
      litkg extract trials/ --outcome-tagger
      litkg extract corpus/ --explain --store debug-store
      litkg extract /shared/pubmed --engine dask --scheduler tcp://head:8786
    Exit status: 0 all files stored; 1 some files failed (each is listed); 3 store error.
    """
    from tqdm import tqdm

    from ..runs import run_local, walk
    from ..runs.work import Extractor, tune_garbage_collector

    budget = Budget(max_document_chars, document_timeout)

    if engine == "dask" and not scheduler:
        raise click.UsageError("--engine dask needs --scheduler ADDRESS (start one with 'dask scheduler')")
    if explain and engine == "dask":
        raise click.UsageError("--explain is for the local engine (it is for debugging a few documents)")
    if shards_out and engine != "dask":
        raise click.UsageError("--shards-out is for --engine dask")
    problems: list = []  # folders that could not be read, links that loop: reported as failures
    files = list(walk(folder.resolve() if engine == "dask" else folder, problems))
    store = None if shards_out else open_store(store_path)
    if engine == "dask":
        from ..runs.dask import run_dask

        try:
            summary = run_dask(files, scheduler, store, base=base_iri, max_bytes=max_file_size, shards_out=shards_out,
                               tagged=tagged, budget=budget)
        except LitkgError as exc:
            raise failure(exc) from None
        except OSError as exc:
            raise failure(StoreError(f"cannot reach the Dask scheduler {scheduler}: {exc}")) from None
        summary.failures[:0] = problems
        _report(summary, store, report_path, shards_out)
        return
    bar = tqdm(total=len(files), unit="file", disable=quiet or None, file=sys.stderr, leave=False)
    try:
        extractor = None
        if workers <= 1:  # this process analyses: load once, and tune its collector (see tune_garbage_collector)
            extractor = Extractor(base_iri, tagged, explain)
            tune_garbage_collector()
        summary = run_local(folder, store, base=base_iri, files=files, max_bytes=max_file_size, workers=workers,
                            batch_quads=batch_quads, tagged=tagged, budget=budget, skipped=problems,
                            progress=lambda name, read: _progress(bar, name, read), extractor=extractor,
                            explain=explain)
    except LitkgError as exc:
        raise failure(exc) from None
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
    for failed in summary.failures:
        click.echo(f"litkg: {failed.path}: {failed.reason}", err=True)
    for warning in summary.warnings:
        click.echo(f"litkg: note: {warning.path}: {warning.reason}", err=True)
    for note in summary.notes:
        click.echo(f"litkg: note: {note}", err=True)
    where = f"{summary.triples} triples in {store.path}" if store is not None else f"shards and manifest.json in {shards_out}"
    click.echo(
        f"{summary.files} files: {summary.documents} documents read, {summary.unchanged} unchanged (skipped), "
        f"{summary.failed} failed; {summary.links} news links; {where}; {summary.seconds:.1f} s"
        + (f"; {summary.audited} studies audited against their registry records, {summary.discrepancies} discrepancies "
           "(litkg audit)" if summary.audited else "")
        + (f"; {len(summary.warnings)} kept much less text than their file (see the notes)" if summary.warnings else "")
    )
    if report_path:
        report_path.write_text(json.dumps(summary.as_dict(), indent=2) + "\n", encoding="utf-8")
    sys.exit(EXIT_FILES_FAILED if summary.failed else EXIT_OK)


