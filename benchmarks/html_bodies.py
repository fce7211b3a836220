"""Benchmark: the main text litkg keeps from real HTML pages, against hand-marked bodies and against
maintained boilerplate removers (trafilatura, readability-lxml) when they are installed.

Usage: python benchmarks/html_bodies.py [--repeat 20]

Each ``benchmarks/html_bodies/<name>.txt`` is the story of one saved page, marked by eye paragraph by
paragraph (headline, captions, promotions, bylines and "related" links left out); the page itself is
``<name>.html`` in the real-world development set or in ``corpus/``. Scores are bag-of-words token
precision/recall/F1 (lower-cased word tokens, counted with multiplicity) of each extractor's body
against the marked body. litkg's body is every section of the document but its title, as the reader
hands it to the NLP. Writes docs/MAIN_TEXT.md and prints the table; also
the mean time litkg's reader takes per page (``--repeat`` reads each).

The other extractors are optional (``pip install trafilatura readability-lxml``): litkg does not
depend on them; the rows say "not installed" otherwise.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

from extractor.evaluation.report import current_commit
from extractor.readers import read_file
from extractor.records import Document

ROOT = Path(__file__).resolve().parent.parent
BODIES = ROOT / "benchmarks" / "html_bodies"
PAGE_FOLDERS = (ROOT.parent / "shared" / "data" / "realworld" / "docs" / "news_html", ROOT / "corpus")
REPORT = ROOT / "docs" / "MAIN_TEXT.md"
_WORD = re.compile(r"\w+(?:[’'.,-]\w+)*")


def tokens(text: str) -> Counter[str]:
    return Counter(word.lower() for word in _WORD.findall(text))


def scores(predicted: Counter[str], gold: Counter[str]) -> tuple[float, float, float]:
    shared = sum((predicted & gold).values())
    precision = shared / max(1, sum(predicted.values()))
    recall = shared / max(1, sum(gold.values()))
    return precision, recall, (2 * precision * recall / (precision + recall) if shared else 0.0)


def litkg_document(page: Path) -> Document:
    documents = [item for item in read_file(page, page.name) if isinstance(item, Document)]
    return documents[0]


def litkg_body(page: Path) -> str:
    document = litkg_document(page)
    return "\n\n".join(document.text[s.start:s.end] for s in document.sections if s.kind != "title")


def _trafilatura() -> Callable[[Path, str], str] | None:
    try:
        import trafilatura
    except ImportError:
        return None
    return lambda page, html: trafilatura.extract(html, include_comments=False, include_tables=False) or ""


def _readability() -> Callable[[Path, str], str] | None:
    try:
        from lxml import html as lxml_html
        from readability import Document as Readable
    except ImportError:
        return None
    return lambda page, html: lxml_html.fromstring(Readable(html).summary()).text_content()


def pages() -> list[tuple[str, Path, Counter[str]]]:
    found = []
    for body in sorted(BODIES.glob("*.txt")):
        page = next((folder / f"{body.stem}.html" for folder in PAGE_FOLDERS if (folder / f"{body.stem}.html").exists()), None)
        if page is None:
            raise SystemExit(f"{body.name}: no page {body.stem}.html in {', '.join(map(str, PAGE_FOLDERS))}")
        found.append((body.stem, page, tokens(body.read_text(encoding="utf-8"))))
    return found


def read_time_ms(page: Path, repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        litkg_document(page)
    return (time.perf_counter() - started) * 1000 / repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    extractors: dict[str, Callable[[Path, str], str] | None] = {
        "litkg": lambda page, html: litkg_body(page), "trafilatura": _trafilatura(), "readability-lxml": _readability()}
    rows, totals = [], {name: [] for name in extractors}
    for name, page, gold in pages():
        html = page.read_text(encoding="utf-8", errors="replace")
        cells = []
        for extractor, run in extractors.items():
            if run is None:
                cells.append("not installed")
                continue
            body = run(page, html)
            precision, recall, f1 = scores(tokens(body), gold)
            totals[extractor].append((precision, recall, f1))
            cells.append(f"{precision:.3f} / {recall:.3f} / **{f1:.3f}**")
        rows.append(f"| {name} | {sum(gold.values()):,} | {' | '.join(cells)} | {read_time_ms(page, args.repeat):.1f} |")
    means = []
    for extractor, values in totals.items():
        if not values:
            means.append("not installed")
            continue
        mean = [sum(v[i] for v in values) / len(values) for i in range(3)]
        means.append(f"{mean[0]:.3f} / {mean[1]:.3f} / **{mean[2]:.3f}** (lowest F1 {min(v[2] for v in values):.3f})")
    header = " | ".join(f"{name} P / R / F1" for name in extractors)
    table = "\n".join([
        "# Main text of HTML pages", "",
        (f"`python benchmarks/html_bodies.py` ({date.today().isoformat()}, commit {current_commit(ROOT)}): token precision / "
         "recall / F1 of each extractor's body text against the hand-marked body of each saved page "
         "(`benchmarks/html_bodies/`); litkg read time is the mean of repeated reads of the file."), "",
        f"| page | marked words | {header} | litkg read ms |",
        "|---|---:|" + "---|" * len(extractors) + "---:|",
        *rows,
        f"| **mean** | | {' | '.join(means)} | |", ""])
    REPORT.write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
