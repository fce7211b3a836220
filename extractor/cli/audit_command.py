"""`litkg audit`: registered vs reported, for every study whose registry record and papers or news
stories are in the store."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import LitkgError
from ..graph.vocab import DEFAULT_BASE
from .common import failure, open_store, store_option


@click.command()
@store_option
@click.option("--format", "output_format", type=click.Choice(["md", "csv", "json", "html"]), default="md", show_default=True,
              help="The report: Markdown, CSV (a row per finding), JSON or HTML.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the report here (default: standard output).")
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True, help="Base for minted IRIs.")
def audit(store_path: Path | None, output_format: str, output: Path | None, base_iri: str) -> None:
    """Audit each study against its registry record: registered primary outcomes against what each
    paper states (omitted, added, demoted, secondary promoted, time frame changed) and the registered
    enrolment against what each paper and story reports. Writes each study's audit to the store
    (litkg:Discrepancy, litkg:auditedAgainst) and the report a reviewer reads. `litkg extract` runs
    the audit at the end of every run; this command re-runs it and writes the report.

    \b
    Example:
      litkg audit --store litkg-store --format md -o audit.md
    """
    from ..audit_report import render, source_files
    from ..graph.iris import Minter
    from ..resolve.audit import run_audit

    store = open_store(store_path)
    try:
        audits = run_audit(store, Minter(base_iri))
        store.flush()
        report = render(audits, source_files(store, audits), output_format)
    except LitkgError as exc:
        raise failure(exc) from None
    if output is None:
        click.echo(report, nl=False)
    else:
        output.write_text(report, encoding="utf-8")
        found = sum(len(a.findings) for a in audits)
        click.echo(f"{len(audits)} studies audited, {found} discrepancies: {output}", err=True)
