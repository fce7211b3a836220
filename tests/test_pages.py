"""The query page of `litkg serve` and the page of `litkg export html`, in headless Chromium."""

from __future__ import annotations

from pathlib import Path

from browser import chromium, click_node, needs_browser, run_example_on_page, serving
from conftest import litkg

pytestmark = needs_browser

STUDY = "https://w3id.org/litkg/id/study/nct04538599"


def test_the_query_page_runs_an_example_and_shows_a_table(corpus_store: Path, tmp_path: Path):
    with serving(corpus_store) as url, chromium() as driver:
        rows = run_example_on_page(driver, url, "Results of 50 studies")
        assert len(rows) > 10
        header = rows[0].text
        assert "endpoint" in header and "words" in header
        assert "rows in" in driver.find_element("id", "status").text
        # drawn, not only in the DOM: the table is shown and as tall as its rows
        table = driver.find_element("css selector", "table")
        assert table.is_displayed() and table.size["height"] > 20 * len(rows) and table.size["width"] > 400


def test_the_exported_graph_page_shows_a_nodes_properties_and_evidence(corpus_store: Path, tmp_path: Path):
    page = tmp_path / "graph.html"
    done = litkg("export", "html", "-o", str(page), "--store", str(corpus_store))
    assert done.returncode == 0, done.stderr
    assert "http://" not in page.read_text(encoding="utf-8").split("<script>")[0]  # nothing fetched from the network
    with chromium() as driver:
        details = click_node(driver, page, STUDY)
        assert "study" in details and STUDY in details and "litkg:enrollment" in details
        result = driver.execute_script(
            "return GRAPH.nodes.find(n => n.kind === 'result' && n.evidence.length).id")
        details = click_node(driver, page, result)
        assert "quoted evidence" in details and "result" in details
        assert len(driver.find_elements("css selector", "circle.node")) > 100
        drawn = driver.execute_script("""return [...document.querySelectorAll('circle.node')].filter(c => {
            const box = c.getBoundingClientRect();
            return box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
                && box.left < innerWidth && box.top < innerHeight; }).length""")
        assert drawn > 100  # laid out on the screen, not stacked at one point or outside it
