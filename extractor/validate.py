"""`litkg validate`: the store checked against the contract's SHACL shapes (ontology/shapes.ttl) with
pyshacl, the litkg ontology loaded so that class memberships such as litkg:Proportion a
litkg:Statistic are known. Violations come back as readable records."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph
from rdflib.namespace import SH

from .store import Store
from .vocabularies import ontology_file


@dataclass(frozen=True, slots=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str


def validate_store(store: Store) -> tuple[bool, list[Violation], int]:
    """(conforms, violations, triples checked) for the union of the store's graphs (read into memory:
    meant for a corpus or a CONSTRUCTed slice, not for all of PubMed at once)."""
    import pyshacl

    data = Graph()
    dump = "\n".join(f"{r['s']} {r['p']} {r['o']} ." for r in store.query("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }"))
    data.parse(data=dump, format="nt")
    shapes = Graph().parse(data=ontology_file("shapes.ttl").read_text(encoding="utf-8"), format="turtle")
    ontology = Graph().parse(data=ontology_file("litkg.ttl").read_text(encoding="utf-8"), format="turtle")
    data += ontology  # class memberships (litkg:Proportion a litkg:Statistic) are part of what is checked
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    violations = []
    for result in report.subjects(predicate=SH.resultSeverity):
        violations.append(Violation(
            focus=str(report.value(result, SH.focusNode)), path=_path(report, report.value(result, SH.resultPath)),
            message=str(report.value(result, SH.resultMessage) or ""),
            severity=str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]))
    return bool(conforms), sorted(violations, key=lambda v: (v.focus, v.path, v.message)), len(data)


def _path(report: Graph, node: object) -> str:
    if node is None:
        return ""
    items = list(report.items(node)) if (node, None, None) in report else []
    return " / ".join(str(i) for i in items) if items else str(node)
