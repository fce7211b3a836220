"""The thin command layer: each command calls one library function; library errors become
:class:`common.CommandFailed` (exit status 1) or :class:`common.StoreFailed` (3).

Exit codes: 0 success; 1 some input files failed (the others were stored); 2 usage error;
3 store or query error (store locked or missing, invalid SPARQL).
"""

from __future__ import annotations

import click

from .. import __version__
from .audit_command import audit
from .evaluate_command import evaluate
from .export_commands import export
from .extract_command import extract
from .query_commands import query, serve
from .store_commands import link, push, remove, stats, validate


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


for _command in (extract, stats, remove, serve, push, validate, link, query, audit, evaluate, export):
    main.add_command(_command)

__all__ = ["main"]
