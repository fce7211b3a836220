"""The commands as a user types them: help with examples, query formats, idempotent re-runs, offline."""

from __future__ import annotations

import json

import pytest
from conftest import litkg

from extractor.runs import run_local
from extractor.store import Store


@pytest.mark.parametrize("command", [[], ["extract"], ["query"], ["export"], ["export", "graphml"]])
def test_help_explains_with_an_example(command):
    done = litkg(*command, "--help")
    assert done.returncode == 0
    assert "Example" in done.stdout


def test_query_formats(seed_store):
    select = "SELECT ?id WHERE { ?r a litkg:TrialRegistration ; schema:identifier ?id } ORDER BY ?id"
    table = litkg("query", select, "--store", str(seed_store))
    assert table.returncode == 0 and "NCT04538599" in table.stdout and "(2 rows)" in table.stdout
    as_json = json.loads(litkg("query", select, "--store", str(seed_store), "--format", "json").stdout)
    assert [b["id"]["value"] for b in as_json["results"]["bindings"]] == ["NCT04538599", "NCT04599556"]
    assert as_json["head"]["vars"] == ["id"]
    csv = litkg("query", select, "--store", str(seed_store), "--format", "csv").stdout.splitlines()
    assert csv == ["id", "NCT04538599", "NCT04599556"]
    ask = litkg("query", "ASK { ?n a schema:NewsArticle }", "--store", str(seed_store), "--format", "json")
    assert json.loads(ask.stdout) == {"head": {}, "boolean": True}
    construct = litkg("query", "CONSTRUCT { ?r schema:identifier ?id } WHERE { ?r a litkg:TrialRegistration ; schema:identifier ?id }",
                      "--store", str(seed_store), "--format", "ntriples")
    assert construct.stdout.count("\n") == 2 and '"NCT04599556"' in construct.stdout
    stdin = litkg("query", "-", "--store", str(seed_store), "--format", "tsv", input_text="SELECT (COUNT(*) AS ?n) WHERE { ?s a schema:Person }")
    assert stdin.returncode == 0 and stdin.stdout.startswith("?n")


def test_query_file_and_errors(seed_store, tmp_path):
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?h WHERE { ?n a schema:NewsArticle ; schema:headline ?h }")
    done = litkg("query", str(rq), "--store", str(seed_store), "--format", "tsv")
    assert "CD7 CAR T-Cell Therapy" in done.stdout
    bad = litkg("query", "SELECT WHERE {", "--store", str(seed_store))
    assert bad.returncode == 3 and "invalid SPARQL" in bad.stderr
    missing = litkg("query", "ASK {}", "--store", str(tmp_path / "nowhere"))
    assert missing.returncode == 3 and "no store" in missing.stderr


def test_extract_twice_leaves_store_identical_and_changed_file_replaces_its_graph(seed_folder, tmp_path):
    path = tmp_path / "store"
    first = litkg("extract", str(seed_folder), "--store", str(path), "--quiet")
    second = litkg("extract", str(seed_folder), "--store", str(path), "--quiet")
    assert first.returncode == second.returncode == 0
    count = lambda out: out.split(" triples")[0].rsplit(" ", 1)[-1]  # noqa: E731
    assert count(first.stdout) == count(second.stdout)
    assert "2 unchanged" in second.stdout
    news = seed_folder / "001_7043bb039a761789.txt"
    news.write_text(news.read_text(encoding="utf-8").replace("eight patients had full donor chimerism",
                                                             "nine patients had full donor chimerism"), encoding="utf-8")
    third = litkg("extract", str(seed_folder), "--store", str(path), "--quiet")
    assert "1 documents read, 1 unchanged" in third.stdout
    counts = litkg("query", "SELECT DISTINCT ?c WHERE { ?r litkg:endpointText 'full donor chimerism' ; litkg:count ?c } ORDER BY ?c",
                   "--store", str(path), "--format", "csv").stdout.splitlines()[1:]
    assert counts == ["8", "9"]  # the article's 8 stays; the story's 8 was replaced by 9


def test_extraction_uses_no_network(seed_folder, tmp_path, no_network):
    summary = run_local(seed_folder, Store(tmp_path / "store"))
    assert summary.failed == 0 and summary.documents == 2 and summary.links == 1


def test_progress_names_the_file_being_read_and_counts_files_when_done(tmp_path):
    """The bar reached 100% in a second on one large file, naming the previous file."""
    import gzip

    from conftest import CORPUS, SHARED

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes((CORPUS / "nejm_flu_vaccine_abstract.txt").read_bytes())
    source = SHARED / "data" / "medline" / "pubmed20n0014.xml.gz"
    with gzip.open(source, "rt", encoding="utf-8") as stream:
        text = stream.read(3_000_000)
    cut = text.rindex("</PubmedArticle>") + len("</PubmedArticle>")
    (folder / "b.xml").write_text(text[:cut] + "\n</PubmedArticleSet>\n", encoding="utf-8")
    heard = []
    run_local(folder, Store(tmp_path / "store"), progress=lambda name, read: heard.append((name, read)))
    assert heard[0] == ("a.txt", 0) and heard[1] == ("a.txt", -1) and heard[2] == ("b.xml", 0)
    assert [read for name, read in heard if name == "b.xml" and read > 0][:2] == [64, 128]  # while it is read
    assert heard[-1] == ("b.xml", -1)


def test_a_rerun_that_replaces_documents_leaves_no_orphan_descriptions(tmp_path):
    """A run with --outcome-tagger re-extracts every file; back without it, the vocabulary graph kept
    the descriptions of endpoints no document named any more. Now the store equals a fresh one."""
    from conftest import CORPUS

    again, fresh = tmp_path / "again", tmp_path / "fresh"
    for options in ((), ("--outcome-tagger",), ()):
        assert litkg("extract", str(CORPUS), "--store", str(again), "-q", *options).returncode == 0
    assert litkg("extract", str(CORPUS), "--store", str(fresh), "-q").returncode == 0
    dumps = []
    for store in (again, fresh):
        out = tmp_path / f"{store.name}.nq"
        assert litkg("export", "nquads", "--store", str(store), "-o", str(out)).returncode == 0
        dumps.append(sorted(out.read_text(encoding="utf-8").splitlines()))
    assert dumps[0] == dumps[1]


def test_every_test_is_refused_the_network():
    """The guard in conftest.py is on for every test: a connection beyond this machine fails."""
    import socket

    from conftest import NetworkBlocked

    with pytest.raises(NetworkBlocked):
        socket.create_connection(("93.184.216.34", 80), timeout=1)
    with pytest.raises(NetworkBlocked):
        socket.getaddrinfo("example.org", 443)


def test_explain_says_which_rule_read_the_words_of_each_fact(tmp_path):
    """--explain adds litkg:rule to the words behind facts, and nothing else: without those statements
    (and the version it writes) the graph is the one a plain run writes; a plain run on that store
    extracts the files again."""
    from conftest import CORPUS, litkg

    plain, explained = tmp_path / "plain", tmp_path / "explained"
    for store, extra in ((plain, []), (explained, ["--explain"])):
        done = litkg("extract", str(CORPUS), "--store", str(store), "--quiet", *extra)
        assert done.returncode == 0, done.stderr

    def quads(store):
        out = tmp_path / f"{store.name}.nq"
        assert litkg("export", "nquads", "--store", str(store), "-o", str(out)).returncode == 0
        return set(out.read_text(encoding="utf-8").splitlines())

    rules = {q for q in quads(explained) if "ontology#rule>" in q}
    assert any('"results: a ratio with its interval"' in q for q in rules)
    assert any('"entities: INN stem"' in q for q in rules) and all("#char=" in q or "#field=" in q for q in rules)
    rest = {q.replace(" +explain", "") for q in quads(explained) - rules}
    assert rest == quads(plain)
    again = litkg("extract", str(CORPUS), "--store", str(explained), "--quiet")
    assert " 0 unchanged" in again.stdout and not any("ontology#rule>" in q for q in quads(explained))
