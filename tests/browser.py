"""Headless Chromium for the page tests and the screenshots in docs/ (Debian: chromium, chromium-driver)."""

from __future__ import annotations

import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import Select, WebDriverWait

from extractor.serve import Settings, make_server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
# without a browser the page tests skip with one line; .ci/run installs Debian's chromium and chromium-driver
needs_browser = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="no headless browser: the page tests need Debian's "
                                   "chromium and chromium-driver (apt-get install chromium chromium-driver)")


@contextmanager
def chromium(width: int = 1400, height: int = 900):
    assert CHROMIUM and DRIVER, "headless-browser tests need Debian's chromium and chromium-driver (.ci/run installs them)"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={width},{height}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@contextmanager
def serving(store: Path):
    server = make_server(store, port=0, settings=Settings(timeout=20))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def run_example_on_page(driver, url: str, title_starts: str) -> list:
    """Open the query page, choose an example, run it; returns the result table's rows."""
    driver.get(url)
    choice = Select(driver.find_element(By.ID, "examples"))
    choice.select_by_visible_text(next(o.text for o in choice.options if o.text.startswith(title_starts)))
    driver.find_element(By.ID, "run").click()
    WebDriverWait(driver, 30).until(ready.presence_of_element_located((By.CSS_SELECTOR, "#results table tr + tr")))
    return driver.find_elements(By.CSS_SELECTOR, "#results table tr")


def click_node(driver, page: Path, node_id: str) -> str:
    """Open an exported graph page, click one node; returns the details panel's text."""
    driver.get(page.resolve().as_uri())
    WebDriverWait(driver, 30).until(ready.presence_of_element_located((By.CSS_SELECTOR, "circle.node")))
    driver.find_element(By.CSS_SELECTOR, f'circle[data-id="{node_id}"]').click()
    return driver.find_element(By.ID, "details").text
