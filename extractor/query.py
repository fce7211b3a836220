"""Run SPARQL against the store and render answers: table, W3C JSON/CSV/TSV, or RDF for graphs."""

from __future__ import annotations

import io
import re
import threading

import pyoxigraph as ox

from .errors import QueryError, QueryTimeout, ServiceRefused
from .graph.vocab import PREFIXES
from .sparql_guard import check
from .store import Store

RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
                  "tsv": ox.QueryResultsFormat.TSV, "xml": ox.QueryResultsFormat.XML}
_MAX_CELL = 80


_TYPED = re.compile(r'^(?:"(?P<quoted>.*)"|(?P<bare>[^"]*?))\^\^(?:<(?P<iri>[^>]+)>|(?P<prefix>\w+):(?P<local>\w+))$', re.DOTALL)


def parameter(value: str) -> ox.NamedNode | ox.Literal:
    """A ``--param`` value as an RDF term: ``<iri>``, ``text^^xsd:integer`` / ``"text"^^<datatype>``, or
    any other text as a plain string literal. Bound by the query engine, never pasted into the query."""
    if value.startswith("<") and value.endswith(">"):
        try:
            return ox.NamedNode(value[1:-1])
        except ValueError as exc:
            raise QueryError(f"--param: {value} is not a valid IRI: {exc}") from None
    typed = _TYPED.match(value)
    if typed:
        lexical = typed.group("quoted") if typed.group("quoted") is not None else typed.group("bare")
        if typed.group("iri"):
            datatype = typed.group("iri")
        elif typed.group("prefix") in PREFIXES:
            datatype = PREFIXES[typed.group("prefix")] + typed.group("local")
        else:
            raise QueryError(f"--param: unknown prefix in {value}")
        return ox.Literal(lexical, datatype=ox.NamedNode(datatype))
    return ox.Literal(value)


def run_query(store: Store, sparql: str, output_format: str = "table", graph: str | None = None,
              params: dict[str, str] | None = None, timeout: float | None = None, allow_service: bool = False) -> str:
    """Answer ``sparql`` rendered in ``output_format``. ``params`` bind variables (``{"id": "NCT04599556"}``
    binds ``?id``); ``SERVICE`` is refused unless ``allow_service``; past ``timeout`` seconds a
    QueryError is raised (the evaluation runs in a worker thread: Oxigraph releases the GIL)."""
    try:
        check(sparql, allow_service)
    except ServiceRefused as exc:
        raise ServiceRefused(f"{exc} unless allowed (--allow-service)") from None
    if params:
        sparql = with_bindings(sparql, {name.lstrip("?$"): parameter(value) for name, value in params.items()})
    if timeout is None:
        return _answer(store, sparql, output_format, graph)
    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["text"] = _answer(store, sparql, output_format, graph)
        except BaseException as exc:  # handed to the caller
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="litkg-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped (raise --timeout, or narrow it)")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["text"]


def with_bindings(sparql: str, terms: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """``sparql`` with a trailing ``VALUES`` clause binding each variable to its term. The terms are
    RDF terms Oxigraph made and serialises (IRIs validated, literals escaped), so a value can never
    change the query's structure; the clause joins before projection, so the variables need not be
    selected."""
    variables = " ".join(f"?{name}" for name in terms)
    row = " ".join(str(term) for term in terms.values())
    return f"{sparql.rstrip()}\nVALUES ({variables}) {{ ({row}) }}\n"


def _answer(store: Store, sparql: str, output_format: str, graph: str | None) -> str:
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
