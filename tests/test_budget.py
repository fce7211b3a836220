"""Nothing stalls a run: every pattern and loop that was super-linear on hostile input is bounded (the
work done on inputs of growing size is counted as Python lines executed; a regular expression's
backtracking, which runs in C, with a generous bound), and a
document over its budget is stopped, reported, recorded, and the run goes on."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from conftest import CORPUS, litkg

from extractor.budget import Budget, OverTime, time_limit
from extractor.nlp.spans import Disjoint, Intervals
from extractor.readers import read_bytes
from extractor.readers.people import affiliations_by_initials


def _seconds(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def _lines(call) -> int:
    """Python lines executed by ``call()``: a measure of work that does not depend on the machine."""
    import sys

    count = 0

    def trace(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        call()
    finally:
        sys.settrace(None)
    return count


def test_unclosed_initials_do_not_backtrack():
    """'(H.H.H.…/)' split 2^n ways under the old pattern: 16 pairs took minutes."""
    assert _seconds(lambda: affiliations_by_initials("(" + "H.H." * 2000 + "/)")) < 1.0
    assert affiliations_by_initials("From the Unit (Y.H., J.-H.K.), Zhejiang University.") == {
        "Y.H.": ("Unit, Zhejiang University",), "J.-H.K.": ("Unit, Zhejiang University",)}


def test_deeply_nested_html_is_read_in_linear_time():
    """A furniture check looked every tag's missing attribute up as a subtree search: 8,000 nested
    <div> took 28 s. Doubling the depth now roughly doubles the time (generous bound: x4)."""
    def page(depth: int) -> bytes:
        return ("<html><body>" + "<div>" * depth + "<p>" + "A sentence about the trial. " * 20 + "</p>"
                + "</div>" * depth + "</body></html>").encode()
    read_bytes(page(10), "p.html")  # warm: what a first call loads is not work per tag
    small, large = (_lines(lambda d=d: read_bytes(page(d), "p.html")) for d in (1000, 4000))
    assert large < 5 * small, (small, large)  # 4x the depth; linear would be 4x, the old quadratic 16x


def test_a_long_text_is_extracted_in_near_linear_time():
    """Scans of every earlier span for each new one made 1.6 MB of text take 331 s."""
    from extractor.nlp.analysis import analyse, text_document

    unit = (CORPUS / "nejm_flu_vaccine_abstract.txt").read_text(encoding="utf-8") + "\n"
    analyse(text_document(unit))  # warm: the lexicons load on the first call
    small = _lines(lambda: analyse(text_document(unit * 10)))
    large = _lines(lambda: analyse(text_document(unit * 40)))
    assert large < 5 * small, (small, large)  # 4x the text; linear would be 4x, the old scans 16x


def test_the_span_indexes_answer_as_a_scan_would():
    random.seed(7)
    for _ in range(200):
        spans = [(a, a + random.randint(1, 30)) for a in (random.randint(0, 300) for _ in range(random.randint(0, 40)))]
        index = Intervals(spans)
        for _ in range(20):
            s = random.randint(0, 330)
            e = s + random.randint(1, 20)
            assert index.holds(s) == any(a <= s < b for a, b in spans)
            assert index.contains(s, e) == any(a <= s and e <= b for a, b in spans)
            assert sorted(index.overlapping(s, e)) == sorted(x for x in spans if x[0] < e and s < x[1])
            assert sorted(index.within(s, e)) == sorted(x for x in spans if s <= x[0] and x[1] <= e)
        disjoint, chosen = Disjoint(), []
        for a, b in spans:
            overlaps = any(a < y and x < b for x, y in chosen)
            assert disjoint.overlaps(a, b) == overlaps
            if not overlaps:
                disjoint.add(a, b)
                chosen.append((a, b))


def test_the_time_limit_interrupts_python_code():
    with pytest.raises(OverTime):
        with time_limit(0.2):
            while True:
                pass
    with time_limit(5):  # nothing happens within the limit, and the timer is gone after it
        pass
    time.sleep(0.3)


def test_a_document_over_its_budget_is_stopped_reported_and_recorded(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "long.txt").write_text("Ten patients were treated with aspirin. " * 3000, encoding="utf-8")
    (folder / "short.txt").write_bytes((CORPUS / "nejm_flu_vaccine_abstract.txt").read_bytes())
    store = tmp_path / "store"
    done = litkg("extract", str(folder), "--store", str(store), "--quiet", "--max-document-chars", "50000")
    assert done.returncode == 1
    assert "long.txt: stopped: its text has 119,999 characters, over the per-document limit of 50,000" in done.stderr
    assert "1 documents read" in done.stdout
    failures = litkg("query", "SELECT ?f ?r WHERE { ?x a litkg:ReadFailure ; litkg:sourceFile ?f ; litkg:failureReason ?r }",
                     "--store", str(store), "--format", "tsv")
    assert "long.txt" in failures.stdout and "--max-document-chars" in failures.stdout
    again = litkg("extract", str(folder), "--store", str(store), "--quiet")  # the default limit admits it
    assert again.returncode == 0 and "1 documents read, 1 unchanged" in again.stdout


def test_budget_messages():
    assert Budget(10, None).over_size(11).startswith("stopped: its text has 11 characters")
    assert Budget(None, None).over_size(10**9) is None


def test_records_sharing_a_pmid_are_not_rewritten_each_run(tmp_path: Path, monkeypatch):
    """Each record sharing a PMID across files had its whole graph read and rewritten in the link stage,
    every run (1,000 shared: 12.8 s). Those already on their study and work are left alone now."""
    from conftest import SHARED

    from extractor.graph.iris import Minter
    from extractor.resolve import link_news
    from extractor.runs import run_local
    from extractor.store import Store

    folder = tmp_path / "in"
    folder.mkdir()
    record = (SHARED / "data" / "medline" / "pubmed-29768149.xml").read_bytes()
    for i in range(40):
        (folder / f"copy{i:02d}.xml").write_bytes(record)
    store = Store(tmp_path / "store")
    reads = []
    real = Store.graph_quads
    monkeypatch.setattr(Store, "graph_quads", lambda self, graph: reads.append(graph) or real(self, graph))
    run_local(folder, store)
    assert reads == []  # one work of 40 copies on one study: a statement each, no graph read back
    works = store.query("SELECT (COUNT(DISTINCT ?w) AS ?n) (COUNT(?d) AS ?docs) WHERE { ?d schema:exampleOfWork ?w }")
    row = next(iter(works))
    assert (int(row["n"].value), int(row["docs"].value)) == (1, 40)
    link_news(store, Minter("https://w3id.org/litkg/id/"))
    assert reads == []
