"""A folder with bad files: each gets one clear line, the good files are stored, the exit status says so."""

from __future__ import annotations

from conftest import litkg


def _bad_folder(folder):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.dat").write_bytes(bytes(range(256)) * 20)
    (folder / "paper.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    latin1 = ("Ibuprofen versus placebo in Z\u00fcrich\n\n"
              "Methods: We enrolled 120 patients with migraine in Z\u00fcrich and Gen\u00e8ve. "
              "Results: The response rate was 45% (95% CI, 36 to 54) with ibuprofen.\n")
    (folder / "latin1.txt").write_bytes(latin1.encode("latin-1"))
    return folder


def test_bad_files_reported_good_files_stored(seed_folder, tmp_path):
    store = tmp_path / "store"
    done = litkg("extract", str(_bad_folder(seed_folder)), "--store", str(store), "--quiet")
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("litkg: ") and "note:" not in line]
    assert sorted(line.split(":")[1].strip() for line in errors) == ["binary.dat", "empty.txt", "paper.pdf"]
    assert "empty file" in done.stderr and "PDF" in done.stderr and "binary content" in done.stderr
    assert "latin1.txt: decoded as windows-1252" in done.stderr
    assert "3 failed" in done.stdout
    answer = litkg("query", "SELECT ?f WHERE { ?d litkg:sourceFile ?f ; litkg:text ?t } ORDER BY ?f", "--store", str(store), "--format", "tsv")
    files = [line.strip('"') for line in answer.stdout.splitlines()[1:]]
    assert files == ["000_58500c5031921e96.txt", "001_7043bb039a761789.txt", "latin1.txt"]
    # what could not be read is in the store too, with its reason, for users to query
    failed = litkg("query", "SELECT ?f ?r WHERE { ?x a litkg:ReadFailure ; litkg:sourceFile ?f ; litkg:failureReason ?r } ORDER BY ?f",
                   "--store", str(store), "--format", "tsv")
    assert [line.split("\t")[0].strip('"') for line in failed.stdout.splitlines()[1:]] == ["binary.dat", "empty.txt", "paper.pdf"]
    latin = litkg("query", "SELECT ?t WHERE { ?d litkg:sourceFile 'latin1.txt' ; schema:headline ?t }", "--store", str(store), "--format", "tsv")
    assert "Z\u00fcrich" in latin.stdout


def test_rerun_keeps_what_was_stored(seed_folder, tmp_path):
    store = tmp_path / "store"
    first = litkg("extract", str(seed_folder), "--store", str(store), "--quiet")
    assert first.returncode == 0, first.stderr
    seed_graphs = ("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?d litkg:sourceFile ?f . ?s ?p ?o } "
                   "FILTER (STRSTARTS(?f, '00')) } ORDER BY ?g ?s ?p ?o")
    before = litkg("query", seed_graphs, "--store", str(store), "--format", "tsv").stdout
    again = litkg("extract", str(_bad_folder(seed_folder)), "--store", str(store), "--quiet")
    assert again.returncode == 1 and "2 unchanged" in again.stdout
    after = litkg("query", seed_graphs, "--store", str(store), "--format", "tsv").stdout
    assert after == before and before.count("\n") > 1000  # the seeds' graphs, quad for quad


def test_a_document_that_fails_inside_litkg_is_recorded_and_read_again(tmp_path, monkeypatch):
    """An internal error on one document used to leave its file marked extracted with no ReadFailure,
    so the next run said "unchanged" and exited 0: the document was gone for good."""
    from conftest import CORPUS

    from extractor.ledger import Ledger
    from extractor.runs import run_local, work
    from extractor.store import Store

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes((CORPUS / "nejm_flu_vaccine_abstract.txt").read_bytes())
    (folder / "bad.txt").write_bytes((CORPUS / "news_flu_spray_bom.txt").read_bytes())
    real = work.analyse

    def failing(document, tagger=None):
        if document.source_file == "bad.txt":
            raise RuntimeError("a bug")
        return real(document, tagger)

    monkeypatch.setattr(work, "analyse", failing)
    store = Store(tmp_path / "store")
    first = run_local(folder, store)
    assert [(f.path, "a bug" in f.reason) for f in first.failures] == [("bad.txt", True)]
    ledger = Ledger(store)
    assert set(ledger.read_failures()) == {"bad.txt"} and set(ledger.extracted_files()) == {"good.txt"}
    monkeypatch.setattr(work, "analyse", real)
    second = run_local(folder, store)
    assert second.failures == [] and second.unchanged == 1 and second.documents == 1  # bad.txt read again
    assert ledger.read_failures() == {} and set(ledger.extracted_files()) == {"good.txt", "bad.txt"}


def test_identifiers_written_loosely_in_metadata_make_valid_iris(tmp_path):
    """citation_pmid "PMID: 39501234" and a MeSH UI with a space made invalid IRIs (an internal error)."""
    from conftest import CORPUS

    page = (CORPUS / "jama_article.html").read_text(encoding="utf-8")
    page = page.replace("<head>", '<head><meta name="citation_pmid" content="PMID: 39501234">', 1)
    record = (CORPUS / "efetch_records.xml").read_text(encoding="utf-8")
    ui = record.index('UI="D') + len('UI="')
    record = record[:ui] + record[ui:ui + 3] + " " + record[ui + 3:]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html").write_text(page, encoding="utf-8")
    (folder / "record.xml").write_text(record, encoding="utf-8")
    done = litkg("extract", str(folder), "--store", str(tmp_path / "store"), "--quiet")
    assert done.returncode == 0, done.stderr
    pmid = litkg("query", "SELECT ?p WHERE { ?d litkg:sourceFile 'page.html' ; fabio:hasPubMedId ?p }",
                 "--store", str(tmp_path / "store"), "--format", "tsv")
    assert pmid.stdout.split()[1:] == ['"39501234"']


def test_a_file_name_that_is_not_utf8_is_stored_and_reported(tmp_path):
    """A Latin-1 file name aborted the whole run with a traceback: none of the folder's files were stored."""
    import os

    from conftest import CORPUS

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_bytes((CORPUS / "nejm_flu_vaccine_abstract.txt").read_bytes())
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as handle:
        handle.write((CORPUS / "news_flu_spray_bom.txt").read_bytes())
    done = litkg("extract", str(folder), "--store", str(tmp_path / "store"), "--quiet")
    assert done.returncode == 0, done.stderr
    files = litkg("query", "SELECT ?f WHERE { ?d litkg:sourceFile ?f ; litkg:text ?t } ORDER BY ?f",
                  "--store", str(tmp_path / "store"), "--format", "tsv")
    assert [line.strip('"') for line in files.stdout.split()[1:]] == ["caf%E9.txt", "ok.txt"]


def test_a_link_loop_is_reported_and_a_linked_folder_read_once(tmp_path):
    """Links to folders were passed over silently, and so would a loop be."""
    from conftest import CORPUS

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "linked.txt").write_bytes((CORPUS / "nejm_flu_vaccine_abstract.txt").read_bytes())
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "story.txt").write_bytes((CORPUS / "news_flu_spray_bom.txt").read_bytes())
    (folder / "papers").symlink_to(outside, target_is_directory=True)
    (folder / "sub" / "back").symlink_to(folder, target_is_directory=True)  # a loop
    done = litkg("extract", str(folder), "--store", str(tmp_path / "store"), "--quiet")
    assert done.returncode == 1
    assert "litkg: sub/back/: a link to a folder already read (a loop): not read again" in done.stderr
    assert "2 documents read" in done.stdout  # papers/linked.txt and sub/story.txt, each once
