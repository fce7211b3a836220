"""PubMed's "Abstract" text export (Send to > File > Abstract), one or many records per file.

Shape of a record, blocks separated by blank lines and wrapped at ~80 columns:
"1. N Engl J Med. 2018 May 17;378(20):1865-1876. doi: ...", the title, "Family AB(1), ...",
"Author information: (1)...", optional "Comment in"/"Erratum in" blocks, the abstract
("BACKGROUND: ..."), "Copyright ©", then "DOI:", "PMCID:" and "PMID: ... [Indexed for MEDLINE]".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..records import Citation, Document, DocumentKind, Identifiers, Person
from .abstract_text import CITATION
from .base import Source, TextBuilder, fold_spaces
from .citations import DOI, PMCID, PMID, first_match, journal_named, page_range
from .dates import parse_date

_NUMBERED = re.compile(r"^(\d+)\.\s+(?=[A-Z])")
_PMID_LINE = re.compile(r"^PMID:\s*(\d+)")
_AUTHOR = re.compile(r"^(?P<name>[^,()]+?)\s*(?P<refs>(?:\(\d+(?:\s*,\s*\d+)*\))+)$|^(?P<plain>[^,()]+)$")
_AFFILIATION = re.compile(r"\((\d+)\)\s*")
_FURNITURE = ("comment in", "comment on", "erratum in", "erratum for", "update of", "update in", "retraction in",
              "retraction of", "republished in", "expression of concern", "collaborators:", "conflict of interest",
              "[article in", "summary for patients in", "investigators:")
_COPYRIGHT = re.compile(r"^(?:copyright|©|\(c\)\s*\d{4})", re.IGNORECASE)
_IDENTIFIER_LINE = re.compile(r"^(?:DOI|PMCID|PMID|PII):", re.IGNORECASE)


class PubmedAbstractTextReader:
    name = "pubmed-abstract-text"
    streams = False

    def sniff(self, text: str) -> float:
        blocks = _blocks(text[:20000])
        if not blocks or not _NUMBERED.match(blocks[0]):
            return 0.0
        return 0.95 if CITATION.match(_NUMBERED.sub("", blocks[0])) and re.search(r"^PMID:\s*\d+", text, re.MULTILINE) else 0.0

    def read(self, source: Source) -> Iterator[Document]:
        for record in _records(_blocks(source.text or "")):
            document = _document(record, source)
            if document is not None:
                yield document


def _blocks(text: str) -> list[str]:
    """Paragraphs separated by blank lines, wrapped lines joined (identifier lines kept apart)."""
    blocks: list[str] = []
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        current: list[str] = []
        for line in lines:
            if _IDENTIFIER_LINE.match(line) and current:
                blocks.append(fold_spaces(" ".join(current)))
                current = []
            current.append(line)
        if current:
            blocks.append(fold_spaces(" ".join(current)))
    return blocks


def _records(blocks: list[str]) -> Iterator[list[str]]:
    record: list[str] = []
    for block in blocks:
        if _NUMBERED.match(block) and record and any(_PMID_LINE.match(b) for b in record):
            yield record
            record = []
        record.append(block)
    if record:
        yield record


def _document(blocks: list[str], source: Source) -> Document | None:
    citation_line = _NUMBERED.sub("", blocks[0])
    number = _NUMBERED.match(blocks[0])
    citation = CITATION.match(citation_line)
    rest = [b for b in blocks[1:] if not b.lower().startswith(_FURNITURE)]
    title = rest[0] if rest else None
    rest = rest[1:]
    names = _author_list(rest[0]) if rest else None
    if names is not None:
        rest = rest[1:]
    affiliations: dict[str, str] = {}
    if rest and rest[0].lower().startswith("author information"):
        affiliations = _affiliations(rest[0].split(":", 1)[1] if ":" in rest[0] else "")
        rest = rest[1:]
    builder = TextBuilder()
    if title:
        builder.add("title", title)
    copyright_text = None
    identifiers: list[str] = []
    for block in rest:
        if _IDENTIFIER_LINE.match(block):
            identifiers.append(block)
        elif _COPYRIGHT.match(block):
            copyright_text = block
        else:
            builder.add_labelled(block)
    text, sections = builder.build()
    if not text:
        return None
    ids = " ".join(identifiers)
    pmid = first_match(PMID, ids)
    first_page, last_page = page_range(citation.group("pages")) if citation else (None, None)
    return source.document(
        PubmedAbstractTextReader.name, DocumentKind.ARTICLE, text,
        record_key=f"pmid:{pmid}" if pmid else f"record:{number.group(1) if number else 1}",
        sections=sections,
        title=title,
        date=parse_date(citation.group("date")) if citation else None,
        authors=tuple(Person(name, None, _family(name), tuple(affiliations[r] for r in refs if r in affiliations))
                      for name, refs in names or ()),
        journal=journal_named(None, citation.group("journal")) if citation else None,
        citation=Citation(citation.group("volume"), citation.group("issue"), first_page, last_page) if citation else None,
        identifiers=Identifiers(doi=first_match(re.compile(r"DOI:\s*(10\.\S+)", re.IGNORECASE), ids) or first_match(DOI, citation_line),
                                pmid=pmid, pmcid=first_match(PMCID, ids)),
        copyright=copyright_text,
        words_in_source=sum(len(block.split()) for block in blocks),
    )


def _author_list(block: str) -> list[tuple[str, tuple[str, ...]]] | None:
    """ "O'Byrne PM(1), FitzGerald JM(1,2)." -> [("O'Byrne PM", ("1",)), ...]; None if not an author list."""
    entries = []
    for part in re.split(r",\s*(?![\d\s]*\))", block.rstrip(".")):
        match = _AUTHOR.match(part.strip())
        if not match:
            return None
        name = (match.group("name") or match.group("plain")).strip()
        if len(name.split()) > 6:
            return None
        refs = tuple(re.findall(r"\d+", match.group("refs") or ""))
        entries.append((name, refs))
    has_refs = any(refs for _, refs in entries)
    short_names = all(re.search(r"\s[A-Z]{1,3}$", name) for name, _ in entries)
    return entries if entries and (has_refs or short_names) else None


def _affiliations(text: str) -> dict[str, str]:
    """ "(1)Dept A, City. (2)Dept B, Town." -> {"1": "Dept A, City", "2": "Dept B, Town"}."""
    parts = _AFFILIATION.split(text.strip())
    found = {}
    for number, value in zip(parts[1::2], parts[2::2]):
        found[number] = value.strip().rstrip(".;").strip()
    return found


def _family(short_name: str) -> str:
    """ "O'Byrne PM" -> "O'Byrne"; "van der Berg AB" -> "van der Berg"."""
    head, _, tail = short_name.rpartition(" ")
    return head if head and tail.isupper() and len(tail) <= 3 else short_name
