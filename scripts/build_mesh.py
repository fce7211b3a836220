"""Build ontology/vocab/mesh.tsv: MeSH names with their unique IDs, from MEDLINE records (public domain).

Usage: python scripts/build_mesh.py ../shared/data/medline/pubmed20n0014.xml.gz [more files...]

Every MEDLINE record's MeshHeadingList (descriptors), ChemicalList (descriptors and supplementary
concepts) and PublicationTypeList carry names with MeSH IDs. Readers of formats that give only the
name (the MEDLINE tagged format, HTML pages) look IDs up here; issue-3 normalisation does too.

A heading is kind "disease" when an indexer gave it a qualifier that MeSH allows only on diseases
(tree C) and mental disorders (F03): "drug therapy", "chemically induced", "complications",
"diagnosis", "etiology", "therapy", "diet therapy", "congenital". MEDLINE records carry no tree
numbers; these qualifiers say the same thing. ("prevention & control", "mortality" and
"epidemiology" are left out: they are also allowed on accidents, procedures and places.)
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from lxml import etree

OUT = Path(__file__).resolve().parent.parent / "ontology" / "vocab" / "mesh.tsv"
_FIELDS = (("MeshHeadingList/MeshHeading/DescriptorName", "descriptor"),
           ("ChemicalList/Chemical/NameOfSubstance", "substance"),
           ("Article/PublicationTypeList/PublicationType", "publication-type"))
_DISEASE_QUALIFIERS = {"drug therapy", "chemically induced", "complications", "diagnosis", "etiology", "therapy",
                       "diet therapy", "congenital"}


def mesh_names(paths: list[str]) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for path in paths:
        with gzip.open(path) if path.endswith(".gz") else open(path, "rb") as handle:
            parser = etree.iterparse(handle, events=("end",), tag="MedlineCitation",
                                     resolve_entities=False, no_network=True, load_dtd=False)
            for _, element in parser:
                for xpath, kind in _FIELDS:
                    for node in element.iterfind(xpath):
                        code, name = node.get("UI"), " ".join((node.text or "").split())
                        if code and name and found.get((name, code)) not in ("substance", "disease"):
                            found[(name, code)] = kind  # a ChemicalList name is a substance even if also a heading
                for heading in element.iterfind("MeshHeadingList/MeshHeading"):
                    descriptor = heading.find("DescriptorName")
                    name, code = " ".join((descriptor.text or "").split()), descriptor.get("UI")
                    qualifiers = {" ".join((q.text or "").split()) for q in heading.iterfind("QualifierName")}
                    if code and name and qualifiers & _DISEASE_QUALIFIERS and found.get((name, code)) != "substance":
                        found[(name, code)] = "disease"
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
