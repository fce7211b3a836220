"""Run SPARQL against the store and render answers: table, W3C JSON/CSV/TSV, or RDF for graphs."""

from __future__ import annotations

import io

import pyoxigraph as ox

from .errors import QueryError
from .graph.vocab import PREFIXES
from .store import Store

RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
                  "tsv": ox.QueryResultsFormat.TSV, "xml": ox.QueryResultsFormat.XML}
_MAX_CELL = 80


def run_query(store: Store, sparql: str, output_format: str = "table", graph: str | None = None) -> str:
    answer = store.query(sparql, graph=graph)
    if isinstance(answer, ox.QueryBoolean):
        return _boolean(bool(answer), output_format)
    if isinstance(answer, ox.QueryTriples):
        return _triples(answer, output_format)
    if output_format == "table":
        return _table(answer)
    if output_format not in RESULT_FORMATS:
        raise QueryError(f"--format {output_format} is not available for SELECT; use table, json, csv, tsv or xml")
    return answer.serialize(format=RESULT_FORMATS[output_format]).decode("utf-8")


def _boolean(value: bool, output_format: str) -> str:
    if output_format == "json":
        return '{"head": {}, "boolean": ' + ("true" if value else "false") + "}\n"
    return ("true" if value else "false") + "\n"


def _triples(triples: ox.QueryTriples, output_format: str) -> str:
    chosen = {"table": ox.RdfFormat.TURTLE, "turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
              "json": ox.RdfFormat.JSON_LD}.get(output_format)
    if chosen is None:
        raise QueryError(f"--format {output_format} is not available for CONSTRUCT/DESCRIBE; use turtle or ntriples")
    buffer = io.BytesIO()
    if chosen == ox.RdfFormat.TURTLE:
        ox.serialize(triples, buffer, chosen, prefixes=PREFIXES)
    else:
        ox.serialize(triples, buffer, chosen)
    return buffer.getvalue().decode("utf-8")


def _table(solutions: ox.QuerySolutions) -> str:
    names = [variable.value for variable in solutions.variables]
    rows = [[_cell(solution[name]) for name in names] for solution in solutions]
    widths = [max([len(name), *(len(row[i]) for row in rows)]) for i, name in enumerate(names)]
    line = "  ".join(name.ljust(width) for name, width in zip(names, widths))
    rule = "  ".join("-" * width for width in widths)
    body = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)) for row in rows]
    footer = f"({len(rows)} row{'s' if len(rows) != 1 else ''})"
    return "\n".join([line, rule, *body, footer]) + "\n"


def _cell(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        text = compact(term.value)
    else:
        text = " ".join(str(getattr(term, "value", term)).split())
    return text if len(text) <= _MAX_CELL else text[: _MAX_CELL - 1] + "…"


def compact(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"
