"""What every command shares: the store option, opening the store, exit codes and their errors."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from ..errors import LitkgError, QueryError, StoreError
from ..store import STORE_ENV, Store, default_store_path

EXIT_OK, EXIT_FILES_FAILED, EXIT_USAGE, EXIT_STORE = 0, 1, 2, 3

store_option = click.option(
    "--store", "store_path", type=click.Path(path_type=Path), default=None,
    help=f"Store folder (default: ${STORE_ENV} or ./litkg-store).",
)


class CommandFailed(click.ClickException):
    """A command could not do its job: ``litkg: error: …`` on standard error, exit status 1."""

    exit_code = EXIT_FILES_FAILED

    def show(self, file=None) -> None:
        click.echo(f"litkg: error: {self.format_message()}", err=True, file=file)


class StoreFailed(CommandFailed):
    """The store could not be opened or written, or a query could not be answered: exit status 3."""

    exit_code = EXIT_STORE


def failure(exc: LitkgError) -> CommandFailed:
    """The command-line error for a library error."""
    kind = StoreFailed if isinstance(exc, (StoreError, QueryError)) else CommandFailed
    return kind(str(exc))


def open_store(path: Path | None, read_only: bool = False) -> Store:
    try:
        return Store(path or default_store_path(), read_only=read_only)
    except StoreError as exc:
        raise failure(exc) from None


def query_text(sparql: str) -> str:
    """SPARQL text, the text of a .rq/.sparql file, or standard input for '-'."""
    if sparql == "-":
        return sys.stdin.read()
    candidate = Path(sparql)
    if len(sparql) < 4096 and "\n" not in sparql and candidate.suffix in (".rq", ".sparql"):
        if not candidate.is_file():
            raise click.UsageError(f"query file not found: {sparql}")
        return candidate.read_text(encoding="utf-8")
    return sparql


_UNITS = {"b": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3, "kib": 1024, "mib": 1024**2, "gib": 1024**3}


def size(value: str) -> int:
    """ "512MB" -> 512000000; "2GiB" -> 2147483648; a bare number is bytes."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]i?b|b)?\s*", value.lower())
    if not match:
        raise click.BadParameter(f"{value!r} is not a size such as 200MB or 1GB")
    return int(float(match.group(1)) * _UNITS[match.group(2) or "b"])
