"""Build ontology/vocab/mesh.tsv: MeSH names with their unique IDs, from MEDLINE records (public domain).

Usage: python scripts/build_mesh.py ../shared/data/medline/pubmed20n0014.xml.gz [more files...]

Every MEDLINE record's MeshHeadingList (descriptors), ChemicalList (descriptors and supplementary
concepts) and PublicationTypeList carry names with MeSH IDs. Readers of formats that give only the
name (the MEDLINE tagged format, HTML pages) look IDs up here; issue-3 normalisation does too.

A heading is kind "disease" when an indexer gave it a qualifier that MeSH allows only on diseases
(tree C) and mental disorders (F03): "drug therapy", "chemically induced", "complications",
"diagnosis", "etiology", "therapy", "diet therapy", "congenital". MEDLINE records carry no tree
numbers; these qualifiers say the same thing. ("prevention & control", "mortality" and
"epidemiology" are left out: they are also allowed on accidents, procedures and places.) A
ChemicalList entry's kind comes from its registry number (see ``substance_kind``).
"""

from __future__ import annotations

import gzip
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

OUT = Path(__file__).resolve().parent.parent / "ontology" / "vocab" / "mesh.tsv"
_DISEASE_QUALIFIERS = {"drug therapy", "chemically induced", "complications", "diagnosis", "etiology", "therapy",
                       "diet therapy", "congenital"}
# a name seen in several places keeps the most telling kind: a ChemicalList entry over a heading,
# a heading with a disease-only qualifier over a plain one
_RANK = {"publication-type": 0, "descriptor": 1, "disease": 2, "substance": 3, "substance-class": 3, "enzyme": 3,
         "macromolecule": 3}
_CAS = re.compile(r"\d{2,7}-\d\d-\d$")


def substance_kind(registry_number: str) -> str:
    """What a ChemicalList entry is, by its registry number: "0" (no number) marks groups and classes
    ("Anesthetics", "Globulins"), "EC ..." enzymes, a CAS number in the 9000-9099 block macromolecules
    of variable make-up (proteins, polymers: "Prolactin", "Heparin"); a CAS or UNII code otherwise
    names one substance."""
    number = registry_number.strip()
    if number in ("", "0"):
        return "substance-class"
    if number.startswith("EC "):
        return "enzyme"
    if _CAS.match(number) and number.startswith("9") and len(number.split("-")[0]) == 4:
        return "macromolecule"
    return "substance"


def _kinds(citation: etree._Element) -> Iterator[tuple[str, str, str]]:
    """(name, MeSH unique ID, kind) for every MeSH name a MedlineCitation carries."""
    for heading in citation.iterfind("MeshHeadingList/MeshHeading"):
        descriptor = heading.find("DescriptorName")
        qualifiers = {" ".join((q.text or "").split()) for q in heading.iterfind("QualifierName")}
        yield _name(descriptor), descriptor.get("UI"), "disease" if qualifiers & _DISEASE_QUALIFIERS else "descriptor"
    for chemical in citation.iterfind("ChemicalList/Chemical"):
        substance = chemical.find("NameOfSubstance")
        yield _name(substance), substance.get("UI"), substance_kind(chemical.findtext("RegistryNumber") or "")
    for publication_type in citation.iterfind("Article/PublicationTypeList/PublicationType"):
        yield _name(publication_type), publication_type.get("UI"), "publication-type"


def _name(node: etree._Element | None) -> str:
    return "" if node is None else " ".join((node.text or "").split())


def mesh_names(paths: list[str]) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for path in paths:
        with gzip.open(path) if path.endswith(".gz") else open(path, "rb") as handle:
            parser = etree.iterparse(handle, events=("end",), tag="MedlineCitation",
                                     resolve_entities=False, no_network=True, load_dtd=False)
            for _, element in parser:
                for name, code, kind in _kinds(element):
                    if code and name and _RANK[kind] > _RANK.get(found.get((name, code), ""), -1):
                        found[(name, code)] = kind
                element.clear()
    return found


def main(paths: list[str]) -> None:
    rows = sorted(mesh_names(paths).items(), key=lambda item: (item[0][0].lower(), item[0][1]))
    with OUT.open("w", encoding="utf-8") as out:
        out.write("# MeSH names and unique IDs seen in MEDLINE records (NLM, public domain); "
                  "built by scripts/build_mesh.py\n")
        out.write("name\tcode\tkind\n")
        for (name, code), kind in rows:
            out.write(f"{name}\t{code}\t{kind}\n")
    print(f"{len(rows)} names -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["../shared/data/medline/pubmed20n0014.xml.gz"])
