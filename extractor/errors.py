"""One base error for the library; the CLI turns each into a clean message and exit code."""

from __future__ import annotations


class LitkgError(Exception):
    """Base class of every error litkg raises on purpose."""


class InputError(LitkgError):
    """A file could not be read as a document (empty, binary, undecodable, malformed)."""


class UnsupportedFormat(InputError):
    """The file is readable but in a format litkg does not extract (PDF, images, ...)."""


class ParseError(InputError):
    """The file looks like a supported format but its content is damaged."""


class StoreError(LitkgError):
    """The store cannot be opened, is locked by another process, or a write failed."""


class QueryError(LitkgError):
    """A SPARQL query is malformed or cannot be answered."""


class ServiceRefused(QueryError):
    """The query calls SERVICE (federation), which is refused unless allowed."""


class QueryTooDeep(QueryError):
    """The query nests more groups than the engine can safely evaluate."""


class QueryTimeout(QueryError):
    """The query ran past its time limit and was abandoned (its evaluation may still be running)."""
