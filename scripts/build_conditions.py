"""Build ontology/vocab/conditions.tsv from the NCBI disease corpus (US public domain).

Usage: python scripts/build_conditions.py ../shared/data/ncbi_disease/NCBItrainset_corpus.txt

Each annotated mention gives a name with its MeSH (or OMIM) ID; names of one ID are grouped,
the most frequent becomes the concept name. Only the training set is used, so the
development set stays a fair measurement.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "ontology" / "vocab" / "conditions.tsv"


def mentions(path: str):
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) == 6 and cells[1].isdigit():
            yield cells[3].strip(), cells[5].strip()


def main(paths: list[str]) -> None:
    names: dict[str, Counter] = defaultdict(Counter)
    for path in paths:
        for name, concept in mentions(path):
            concept = concept.split("|")[0].split("+")[0].strip()
            if not re.fullmatch(r"(?:D\d{6}|C\d{6}|OMIM:\d+)", concept):
                continue
            name = " ".join(name.split())
            if len(name) < 3 or name.isdigit():
                continue
            names[concept][name if name.isupper() else name.lower()] += 1
    with OUT.open("w", encoding="utf-8") as out:
        out.write("# Disease names with MeSH/OMIM IDs from the NCBI disease corpus training set (public domain);\n")
        out.write("# built by scripts/build_conditions.py. conditions_curated.tsv adds to and wins over these.\n")
        out.write("name\tcode\tsynonyms\n")
        for concept in sorted(names):
            ranked = [name for name, _ in names[concept].most_common()]
            canonical = next((name for name in ranked if not name.isupper()), ranked[0])
            words = set(re.findall(r"[a-z0-9]+", canonical.lower()))
            synonyms = "|".join(  # a synonym must share a word with the name, or be an abbreviation
                name for name in ranked
                if name != canonical and (name.isupper() or words & set(re.findall(r"[a-z0-9]+", name.lower())))
            )
            out.write(f"{canonical}\t{concept}\t{synonyms}\n")
    print(f"{len(names)} concepts -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:])
