"""The MEDLINE tagged format: PubMed's "Save > PubMed format" and the ``.nbib`` files reference
managers exchange. Each line is ``TAG - value`` (tag padded to four characters), continuation lines
are indented six spaces, and records are separated by blank lines."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..records import (
    Citation,
    DataBankEntry,
    Document,
    DocumentKind,
    Grant,
    Identifiers,
    IndexTerm,
    PartialDate,
    Person,
)
from ..vocabularies import mesh_code
from .base import Source, TextBuilder, fold_spaces
from .citations import journal_named, page_range
from .dates import parse_date
from .people import orcid

_FIELD = re.compile(r"^([A-Z][A-Z0-9]{1,3})\s*-\s?(.*)$")
_ID_KIND = re.compile(r"^(.*?)\s*\[(\w+)\]$")


class MedlineTaggedReader:
    name = "medline-tagged"
    streams = False

    def sniff(self, text: str) -> float:
        head = text.lstrip("\ufeff\r\n ")
        if re.match(r"PMID-\s*\d+", head) or (re.search(r"^PMID- \d+", head, re.MULTILINE) and re.search(r"^TI  - ", head, re.MULTILINE)):
            return 1.0
        return 0.0

    def read(self, source: Source) -> Iterator[Document]:
        for fields in _records(source.text or ""):
            document = _document(fields, source)
            if document is not None:
                yield document


def _records(text: str) -> Iterator[list[tuple[str, str]]]:
    """Each record as its (tag, value) pairs in order, continuation lines joined."""
    fields: list[tuple[str, str]] = []
    for line in text.splitlines():
        if not line.strip():
            if fields and any(tag == "PMID" for tag, _ in fields):
                yield fields
                fields = []
            continue
        match = _FIELD.match(line) if not line.startswith(" ") else None
        if match:
            fields.append((match.group(1), match.group(2).strip()))
        elif fields:
            tag, value = fields[-1]
            fields[-1] = (tag, f"{value} {line.strip()}")
    if fields:
        yield fields


def _document(fields: list[tuple[str, str]], source: Source) -> Document | None:
    values: dict[str, list[str]] = {}
    for tag, value in fields:
        values.setdefault(tag, []).append(fold_spaces(value))

    def one(tag: str) -> str | None:
        return values.get(tag, [None])[0]

    pmid = one("PMID")
    builder = TextBuilder()
    title = one("TI") or one("BTI")
    if title:
        builder.add("title", title)
    builder.add_labelled(one("AB") or "")
    text, sections = builder.build()
    if not text:
        return None
    ids = {kind.lower(): value for value in values.get("AID", []) + values.get("LID", [])
           if (match := _ID_KIND.match(value)) for value, kind in [match.groups()]}
    first_page, last_page = page_range(one("PG"))
    return source.document(
        MedlineTaggedReader.name, DocumentKind.ARTICLE, text,
        record_key=f"pmid:{pmid}" if pmid else None,
        sections=sections,
        title=title,
        date=_date(one("DP")),
        authors=_authors(fields),
        journal=journal_named(one("JT"), one("TA"), _linking_issn(values.get("IS", []))),
        citation=Citation(one("VI"), one("IP"), first_page, last_page),
        identifiers=Identifiers(doi=ids.get("doi"), pmid=pmid, pmcid=one("PMC")),
        copyright=one("CI"),
        publication_types=tuple(IndexTerm(name, mesh_code(name)) for name in values.get("PT", [])),
        mesh_headings=tuple(_heading(value) for value in values.get("MH", [])),
        substances=tuple(_substance(value) for value in values.get("RN", [])),
        keywords=tuple(values.get("OT", [])),
        databanks=tuple(DataBankEntry(*value.split("/", 1), "SI") for value in values.get("SI", []) if "/" in value),
        grants=tuple(_grant(value) for value in values.get("GR", [])),
        language=one("LA"),
        words_in_source=sum(len(value.split()) for tag, value in fields if tag in ("TI", "AB")),
    )


def _authors(fields: list[tuple[str, str]]) -> tuple[Person, ...]:
    """FAU (or, in old records, AU alone) starts an author; an AU right after its FAU repeats the same
    person in short form; the AD lines after an author are that author's affiliations."""
    people: list[tuple[str, str | None, str | None, list[str]]] = []
    orcids: dict[int, str] = {}
    previous = None
    for tag, value in fields:
        value = fold_spaces(value)
        if tag == "FAU":
            family, _, given = (part.strip() for part in value.partition(","))
            people.append((" ".join(p for p in (given, family) if p), given or None, family, []))
        elif tag == "AU" and previous != "FAU":
            people.append((value, None, value.rpartition(" ")[0] or value, []))
        elif tag == "CN":
            people.append((value, None, None, []))
        elif tag == "AD" and people:
            people[-1][3].append(value.rstrip("."))
        elif tag == "AUID" and people and value.upper().startswith("ORCID") and orcid(value):
            orcids[len(people) - 1] = orcid(value)
        if tag != "AUID":
            previous = tag
    return tuple(Person(name, given, family, tuple(affiliations), orcids.get(i))
                 for i, (name, given, family, affiliations) in enumerate(people))


def _linking_issn(values: list[str]) -> str | None:
    for value in values:
        if "Linking" in value or "Print" in value or "Electronic" in value:
            return value.split()[0]
    return None


def _date(value: str | None) -> PartialDate | None:
    if not value:
        return None
    return parse_date(value) or (PartialDate(int(value[:4])) if value[:4].isdigit() else None)


def _heading(value: str) -> IndexTerm:
    """ "*Asthma/drug therapy" -> Asthma, major (a "*" on the descriptor or any qualifier)."""
    descriptor = value.split("/", 1)[0]
    name = descriptor.lstrip("*").strip()
    return IndexTerm(name, mesh_code(name), major="*" in value)


def _substance(value: str) -> IndexTerm:
    """ "51333-22-3 (Budesonide)" or "0 (Anti-Asthmatic Agents)" -> the name in parentheses."""
    match = re.match(r"^\S+\s+\((.+)\)$", value)
    name = match.group(1) if match else value
    return IndexTerm(name, mesh_code(name))


def _grant(value: str) -> Grant:
    """ "R01 HL123456/HL/NHLBI NIH HHS/United States" -> ID, agency, country."""
    parts = [part.strip() for part in value.split("/")]
    if len(parts) >= 4:
        return Grant(parts[0] or None, parts[-2] or None, parts[-1] or None, "GR")
    if len(parts) == 3:
        return Grant(parts[0] or None, parts[1] or None, parts[2] or None, "GR")
    return Grant(value or None, None, None, "GR")
