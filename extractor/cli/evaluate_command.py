"""litkg evaluate: P/R/F1 per development set, through the user's path."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
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
    from ..evaluation.report import current_commit, markdown, run_all

    default_cases = Path("tests/cases/registrations.jsonl")
    case_file = cases or (default_cases if default_cases.exists() else None)
    scores, realworld_rows, seconds, audit = run_all(data, case_file, limit, graph=not direct_only,
                                              realworld_set=not no_realworld)
    command = "litkg evaluate" + (f" --limit {limit}" if limit else "") + (" --direct-only" if direct_only else "") \
        + (" --no-realworld" if no_realworld else "")
    report = markdown(scores, realworld_rows, seconds, command, current_commit(Path.cwd()), audit)
    click.echo(report)
    if output is not None:
        output.write_text(report, encoding="utf-8")


