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
