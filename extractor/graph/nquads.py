"""Writing N-Quads text directly: terms, escaped literals, and one graph's lines.

Writing the text costs a fraction of making pyoxigraph terms and serialising them. A graph's lines
may include descriptions of shared things (concepts, journals, MeSH terms) that belong to another
graph; each is tagged with the key of what it describes, so that whoever writes many documents to
one destination can keep the first description of each (:class:`SharedDescriptions`).
"""

from __future__ import annotations

import re

from pyoxigraph import NamedNode, Quad, RdfFormat, parse

Key = tuple[str, ...]


class Term(str):
    """An IRI already written as an N-Quads term, ``<...>``."""


class Terms:
    """N-Quads terms for one rdflib namespace, each made once on first use (rdflib's attribute
    look-up costs microseconds, and the builder asks for a term ~150 times per record)."""

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> Term:
        term = Term(f"<{getattr(self._namespace, name)}>")
        setattr(self, name, term)
        return term


# IRIs whose every character N-Quads and RFC 3987 accept as they are; anything else is checked by pyoxigraph
_IRI_CHARS = r"[A-Za-z0-9._~:/?@!$&'()*+,;=-]*"
_PLAIN_IRI = re.compile(rf"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/{_IRI_CHARS})?(?:#{_IRI_CHARS})?")
_ESCAPED = re.compile(r'["\\\x00-\x1f\x7f]')
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _escape(match: re.Match) -> str:
    ch = match.group()
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04X}"


def literal(value: str, datatype: Term | None = None) -> str:
    """An N-Quads literal, escaped as Oxigraph writes it."""
    value = _ESCAPED.sub(_escape, value)
    return f'"{value}"^^{datatype}' if datatype else f'"{value}"'


def iri_term(iri: str) -> Term:
    """``<iri>``; an IRI that is not plain ASCII is validated (ValueError if invalid), so that one
    bad identifier fails its document, not the batch it would be bulk-loaded with."""
    if not _PLAIN_IRI.fullmatch(iri):
        NamedNode(iri)
    return Term(f"<{iri}>")


def quads_of(nquads: bytes) -> list[Quad]:
    """N-Quads text as pyoxigraph quads."""
    return list(parse(nquads, format=RdfFormat.N_QUADS))


class SharedDescriptions:
    """The keys of shared descriptions one destination (a run, a shard) already holds. Bounded: when
    full it starts again, which only repeats a few descriptions (the store holds each quad once) and
    keeps memory flat however many records one process writes."""

    LIMIT = 200_000

    def __init__(self) -> None:
        self._keys: set[Key] = set()

    def first(self, key: Key) -> bool:
        """True the first time ``key`` is offered (and after the set started again)."""
        if key in self._keys:
            return False
        if len(self._keys) >= self.LIMIT:
            self._keys.clear()
        self._keys.add(key)
        return True

    def clear(self) -> None:
        self._keys.clear()


class GraphLines:
    """The N-Quads lines of one named graph, plus descriptions of shared things for ``vocabulary``."""

    def __init__(self, graph: str, vocabulary: str | None = None, explain: bool = False) -> None:
        self.explain = explain  # say which rule read each fact's words (litkg:rule)
        self.graph = f" {iri_term(graph)} .\n"
        self.vocabulary = f" {iri_term(vocabulary)} .\n" if vocabulary else self.graph
        self.lines: list[str] = []  # this graph's statements
        self.shared: dict[Key, list[str]] = {}  # key of a shared thing -> the statements describing it
        self._nodes: dict[str, Term] = {}
        self.spans: set[str] = set()  # provenance nodes already described in this graph

    def node(self, iri: str) -> Term:
        found = self._nodes.get(iri)
        if found is None:
            found = self._nodes[iri] = iri_term(iri)
        return found

    def add(self, subject: str, predicate: Term, obj: str, shared: Key | None = None) -> None:
        """One statement; with ``shared``, part of the description of the shared thing keyed so."""
        if shared is None:
            self.lines.append(f"{self.node(subject)} {predicate} {obj}{self.graph}")
        else:
            self.shared.setdefault(shared, []).append(f"{self.node(subject)} {predicate} {obj}{self.vocabulary}")

    def iri(self, subject: str, predicate: Term, target: str, shared: Key | None = None) -> None:
        self.add(subject, predicate, target if isinstance(target, Term) else self.node(target), shared)

    def text(self, subject: str, predicate: Term, value: str | None, shared: Key | None = None) -> None:
        if value:
            self.add(subject, predicate, literal(value), shared)

    def typed(self, subject: str, predicate: Term, value: object, datatype: Term) -> None:
        if value is not None:
            self.lines.append(f"{self.node(subject)} {predicate} {literal(str(value), datatype)}{self.graph}")

    def nquads(self, described: SharedDescriptions | None = None) -> bytes:
        """The lines, each once (a concept mentioned twice gives its ``schema:mentions`` line twice, ~2% of
        a MEDLINE record's lines, and every line costs the store's bulk loader more than this check);
        with ``described``, only the shared descriptions the destination does not hold yet."""
        lines = list(self.lines)
        for key, description in self.shared.items():
            if described is None or described.first(key):
                lines += description
        return "".join(dict.fromkeys(lines)).encode("utf-8")

    def quads(self) -> list[Quad]:
        return quads_of(self.nquads())
