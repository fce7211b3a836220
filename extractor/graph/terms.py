"""The contract's terms as N-Quads text, made once per process (see :class:`nquads.Terms`)."""

from __future__ import annotations

from .nquads import Term, Terms
from .vocab import BIBO, FABIO, LITKG, NIF, PRISM, PROV, RDF, SCHEMA, XSD

S, L, RDF_, NIF_, PROV_, XSD_ = (Terms(ns) for ns in (SCHEMA, LITKG, RDF, NIF, PROV, XSD))
FABIO_, PRISM_, BIBO_ = (Terms(ns) for ns in (FABIO, PRISM, BIBO))
MESH = "http://id.nlm.nih.gov/mesh/"
MESH_SET = Term(f"<{MESH}>")
