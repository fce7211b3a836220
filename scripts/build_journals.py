"""Build ontology/vocab/journals.tsv from MEDLINE records (public domain NLM data).

Usage: python scripts/build_journals.py ../shared/data/medline/pubmed20n0014.xml.gz [more files...]

Each MEDLINE record names its journal three ways (Title, ISOAbbreviation, MedlineTA) plus
an ISSN; NLM titles are in sentence case, so they are put in title case here. The curated
rows in ontology/vocab/journals_curated.tsv win over these on the same NLM abbreviation.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from lxml import etree

_SMALL = {"a", "an", "and", "as", "at", "by", "de", "del", "der", "des", "di", "du", "et", "for", "from",
          "in", "la", "le", "of", "on", "or", "the", "to", "und", "with", "y", "fur", "für"}
OUT = Path(__file__).resolve().parent.parent / "ontology" / "vocab" / "journals.tsv"


def title_case(title: str) -> str:
    words = title.split()
    if words and words[0].lower() == "the" and len(words) > 1:
        words = words[1:]
    out = []
    for i, word in enumerate(words):
        if i and word.lower() in _SMALL:
            out.append(word.lower())
        elif word[:1].islower():
            out.append(word[:1].upper() + word[1:])
        else:
            out.append(word)
    return " ".join(out)


def journals(paths: list[str]) -> dict[str, tuple[str, str, str]]:
    found: dict[str, tuple[str, str, str]] = {}
    for path in paths:
        with gzip.open(path) if path.endswith(".gz") else open(path, "rb") as handle:
            parser = etree.iterparse(handle, events=("end",), tag="MedlineCitation",
                                     resolve_entities=False, no_network=True, load_dtd=False)
            for _, element in parser:
                title = element.findtext("Article/Journal/Title")
                nlm = element.findtext("MedlineJournalInfo/MedlineTA")
                issn = element.findtext("MedlineJournalInfo/ISSNLinking") or element.findtext("Article/Journal/ISSN") or ""
                if title and nlm and nlm not in found:
                    found[nlm] = (title_case(title.strip().rstrip(".")), nlm.strip(), issn.strip())
                element.clear()
    return found


def main(paths: list[str]) -> None:
    rows = sorted(journals(paths).values(), key=lambda row: row[1].lower())
    with OUT.open("w", encoding="utf-8") as out:
        out.write("# Journals named in MEDLINE records (NLM, public domain); built by scripts/build_journals.py\n")
        out.write("name\tabbreviation\tissn\taliases\n")
        for name, abbreviation, issn in rows:
            out.write(f"{name}\t{abbreviation}\t{issn}\t\n")
    print(f"{len(rows)} journals -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:])
