"""Screenshots for docs/: the query page of `litkg serve` and the page of `litkg export html`, on the
bundled corpus, in headless Chromium (Debian: chromium, chromium-driver; pip: selenium).

Usage: python scripts/screenshots.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium, click_node, run_example_on_page, serving


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        subprocess.run([sys.executable, "-m", "extractor.cli", "extract", str(ROOT / "corpus"), "--store", str(store), "-q"],
                       cwd=ROOT, check=False, capture_output=True)
        page = Path(tmp) / "graph.html"
        subprocess.run([sys.executable, "-m", "extractor.cli", "export", "html", "-o", str(page), "--store", str(store)],
                       cwd=ROOT, check=True, capture_output=True)
        with serving(store) as url, chromium() as driver:
            run_example_on_page(driver, url, "For 50 studies, every source")
            driver.save_screenshot(str(ROOT / "docs" / "serve_page.png"))
        with chromium() as driver:
            click_node(driver, page, "https://w3id.org/litkg/id/study/nct04538599")
            driver.save_screenshot(str(ROOT / "docs" / "graph_page.png"))
    print("docs/serve_page.png, docs/graph_page.png")


if __name__ == "__main__":
    main()
