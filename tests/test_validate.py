"""SHACL shapes for the contract (ontology/shapes.ttl): the corpus graph conforms, a broken one is reported."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import litkg

from extractor.store import Store


def test_the_corpus_graph_conforms_to_the_shapes(corpus_store: Path):
    done = litkg("validate", "--store", str(corpus_store))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "conforms" in done.stdout


def test_violations_are_reported_readably(corpus_store: Path, tmp_path: Path):
    broken = tmp_path / "store"
    shutil.copytree(corpus_store, broken)
    store = Store(broken)
    store.update("""PREFIX litkg: <https://w3id.org/litkg/ontology#> PREFIX schema: <https://schema.org/>
        INSERT DATA { GRAPH <https://example.org/g> {
          <https://example.org/s> a schema:MedicalStudy ; litkg:result <https://example.org/r> .
          <https://example.org/r> a litkg:Result ; schema:value "many" .
          <https://example.org/reg> a litkg:TrialRegistration ; schema:identifier "NCT00000000" .
          <https://example.org/s> litkg:measuredEndpoint <https://example.org/unsourced-endpoint> ;
                                  litkg:population <https://example.org/p> .
          <https://example.org/p> a litkg:Population ; litkg:size 12 .
          <https://example.org/m> a <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#OffsetBasedString> } }""")
    store.flush()
    del store
    done = litkg("validate", "--store", str(broken))
    assert done.returncode == 1
    assert "https://example.org/r" in done.stdout
    assert "a result has exactly one statistic from litkg's list" in done.stdout
    assert "a result is derived from a mention of the words that state it" in done.stdout
    # contract v2: a derived fact without the words it was read from is reported
    assert "https://example.org/unsourced-endpoint" in done.stdout
    assert "a derived fact (endpoint, registration, intervention, condition, mention, population) has the words" in done.stdout
    assert "a population has the words that describe it" in done.stdout
    assert "a mention keeps its exact words" in done.stdout
    assert "https://example.org/reg" in done.stdout  # no registry
