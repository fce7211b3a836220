"""The first N records of a MEDLINE .xml.gz as a file of their own (for tests and benchmarks)."""

from __future__ import annotations

import gzip
from pathlib import Path


def first_records(source: Path, count: int, target: Path) -> int:
    """Write the first ``count`` records of ``source`` to ``target`` (reading only as far as needed);
    returns how many there were."""
    with gzip.open(source, "rt", encoding="utf-8") as stream:
        text = stream.read(4_000_000)
        while text.count("</PubmedArticle>") < count:
            more = stream.read(4_000_000)
            if not more:
                break
            text += more
    first = text.index("<PubmedArticle>")
    chosen = text[first:].split("</PubmedArticle>")[:-1][:count]
    with gzip.open(target, "wt", encoding="utf-8") as out:
        out.write(text[:first] + "".join(f"{c}</PubmedArticle>" for c in chosen) + "\n</PubmedArticleSet>\n")
    return len(chosen)
