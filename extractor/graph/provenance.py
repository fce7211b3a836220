"""Where a fact was read: the words of the document (NIF, contract v2) or a field of its source."""

from __future__ import annotations

from .iris import Minter
from .nquads import GraphLines, literal
from .terms import NIF_, RDF_, XSD_, L


def words(out: GraphLines, d: str, text: str, start: int, end: int, rule: str | None = None) -> str:
    """The words a fact was read from: an RFC 5147 fragment of the document IRI with the NIF core
    properties, described once per graph however many facts share it; with ``out.explain``, the
    ``rule`` that read them (``litkg:rule``)."""
    m = Minter.words(d, start, end)
    if out.explain and rule:
        out.text(m, L.rule, rule)
    if m not in out.spans:
        out.spans.add(m)
        out.iri(m, RDF_.type, NIF_.OffsetBasedString)
        out.iri(m, NIF_.referenceContext, d)
        # xsd:integer, as Oxigraph stores it (it folds xsd:nonNegativeInteger into xsd:integer)
        out.typed(m, NIF_.beginIndex, start, XSD_.integer)
        out.typed(m, NIF_.endIndex, end, XSD_.integer)
        out.add(m, NIF_.anchorOf, literal(text[start:end]))
    return m


def source_field(out: GraphLines, d: str, field: str, rule: str | None = None) -> str:
    """A structured field of the source a fact was read from (no words of the text state it)."""
    m = Minter.source_field(d, field)
    if out.explain and rule:
        out.text(m, L.rule, rule)
    if m not in out.spans:
        out.spans.add(m)
        out.iri(m, NIF_.referenceContext, d)
        out.text(m, L.sourceField, field)
    return m
