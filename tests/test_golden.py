"""Each seed document's graph is compared, as a graph, with a reviewed golden file.

Regenerate after an intended change with: pytest tests/test_golden.py --update-golden
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS, SEEDS
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from extractor.graph.builder import GraphBuilder
from extractor.nlp.analysis import analyse
from extractor.readers import read_file

GOLDEN = Path(__file__).parent / "golden"


def _graph_of(name: str) -> Graph:
    extraction = analyse(next(iter(read_file(CORPUS / name, name))))
    graph = Graph()
    for quad in GraphBuilder().build_quads(extraction):
        graph.parse(data=f"{quad.subject} {quad.predicate} {quad.object} .", format="nt")
    return graph


@pytest.mark.parametrize("name", SEEDS)
def test_seed_graph_matches_golden(name: str, request: pytest.FixtureRequest):
    actual = _graph_of(name)
    golden = GOLDEN / (Path(name).stem + ".nt")
    if request.config.getoption("--update-golden"):
        lines = sorted(actual.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines())  # diffable
        golden.write_text("\n".join(line for line in lines if line) + "\n", encoding="utf-8")
    expected = Graph().parse(golden, format="nt")
    if not isomorphic(actual, expected):
        _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
        lines = sorted(f"- {t}" for t in only_expected.serialize(format="nt").splitlines() if t.strip())[:20]
        lines += sorted(f"+ {t}" for t in only_actual.serialize(format="nt").splitlines() if t.strip())[:20]
        pytest.fail(f"{name}: graph differs from {golden.name} (run with --update-golden if intended):\n" + "\n".join(lines))


def test_golden_graphs_state_the_key_facts():
    """The golden files are reviewed output: pin the facts a reviewer checked."""
    article = (GOLDEN / "000_58500c5031921e96.nt").read_text(encoding="utf-8")
    assert "<https://clinicaltrials.gov/study/NCT04599556>" in article
    assert '"68"^^<http://www.w3.org/2001/XMLSchema#decimal>' in article
    assert '"P1Y"^^<http://www.w3.org/2001/XMLSchema#duration>' in article
    news = (GOLDEN / "001_7043bb039a761789.nt").read_text(encoding="utf-8")
    assert '"Elana Gotkine"' in news
    assert "Survival Benefit for Cancer Trial Participants" not in news  # a "Read this next" teaser


@pytest.mark.parametrize("value", ['plain', 'quote " and \\ backslash', "lines\nand\r\ttabs", "\x00\x08\x0c\x1f\x7f", "ünï ✓ 𝛼"])
def test_builder_literals_are_written_as_oxigraph_writes_them(value: str):
    import pyoxigraph as ox

    from extractor.graph.nquads import literal

    quad = ox.Quad(ox.NamedNode("http://a/s"), ox.NamedNode("http://a/p"), ox.Literal(value), ox.NamedNode("http://a/g"))
    line = f"<http://a/s> <http://a/p> {literal(value)} <http://a/g> .\n".encode("utf-8")
    assert line == ox.serialize([quad], format=ox.RdfFormat.N_QUADS)
    assert list(ox.parse(line, format=ox.RdfFormat.N_QUADS)) == [quad]


def test_builder_refuses_an_invalid_iri_for_its_document_only():
    from extractor.graph.nquads import iri_term

    assert iri_term("https://w3id.org/litkg/id/doc/abc#target") == "<https://w3id.org/litkg/id/doc/abc#target>"
    assert iri_term("http://id.nlm.nih.gov/mesh/Dé") == "<http://id.nlm.nih.gov/mesh/Dé>"  # valid, checked by pyoxigraph
    for bad in ("http://id.nlm.nih.gov/mesh/D 001", "http://a/%zz", "http://a/{x}", "http://a/b#c#d"):
        with pytest.raises(ValueError):
            iri_term(bad)
