"""Plain-text dumps of journal abstract pages (PubMed-like viewers, publisher pages saved as text).

Shape: an optional header ("N. Engl. J. Med. · Apr 2024"), the title, the author list, an
affiliation paragraph, the citation line ("N. Engl. J. Med. 2024 Apr 25; 390 (16): 1467-1480."),
the abstract (headings possibly glued to their text), then page furniture that is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..records import Citation, Document, DocumentKind, Identifiers, Person
from .base import Source, TextBuilder, paragraphs
from .citations import DOI, PMCID, PMID, first_match, journal_named, page_range
from .dates import MONTH_PATTERN, parse_date
from .people import (
    affiliations_by_initials,
    initials,
    looks_like_author_list,
    person,
    split_author_list,
)
from .sections import heading_kind, split_glued_sections

CITATION = re.compile(
    rf"^(?P<journal>[A-Z][^;():]{{0,150}}?)\.?\s+(?P<date>\d{{4}}(?:\s+{MONTH_PATTERN}(?:\s+\d{{1,2}})?)?)\s*;\s*"
    r"(?P<volume>[\w-]+)?\s*(?:\((?P<issue>[^)]*)\))?\s*(?::\s*(?P<pages>[\w.\-–]+))?"
)
_HEADER = re.compile(r"^(?P<journal>.+?)\s*·\s*(?P<date>.+)$")
_COPYRIGHT = re.compile(r"(?:Copyright\s*)?©.*$|Copyright\s+\d{4}.*$", re.DOTALL)
_MIN_BODY_WORDS = 12


class AbstractTextReader:
    name = "abstract-text"
    streams = False

    def sniff(self, text: str) -> float:
        """A page dump has a citation line or an author list; headings alone are any structured
        abstract saved as text (title line, then "BACKGROUND: ..."), which the plain-text reader keeps whole."""
        lines = paragraphs(text[:20000])
        has_citation = any(CITATION.match(line) for line in lines[:12])
        has_authors = any(looks_like_author_list(line) for line in lines[:8])
        if not (has_citation or has_authors):
            return 0.0
        has_headings = any(len(split_glued_sections(line)) > 1 for line in lines[:20])
        return 0.5 * has_citation + 0.3 * has_headings + 0.2 * has_authors

    def read(self, source: Source) -> Iterator[Document]:
        lines = paragraphs(source.text)
        citation_at = next((i for i, line in enumerate(lines) if CITATION.match(line)), None)
        header = _HEADER.match(lines[0]) if lines else None
        skip = 1 if header else 0  # front[i] is lines[i + skip]
        front = lines[skip: citation_at if citation_at is not None else len(lines)]
        authors_at = next((i for i, line in enumerate(front) if looks_like_author_list(line)), None)
        title = front[authors_at - 1] if authors_at else (front[0] if front else None)
        author_names = split_author_list(front[authors_at]) if authors_at is not None else ()
        affiliation_at = next((i for i, line in enumerate(front[(authors_at or 0) + 1:], (authors_at or 0) + 1)
                               if "(" in line), None)
        affiliation_text = front[affiliation_at] if affiliation_at is not None else None
        authors = _authors(author_names, affiliation_text)

        if citation_at is not None:
            body_start = citation_at + 1
        elif authors_at is not None:  # the abstract follows the authors (and their affiliations, if right after them)
            body_start = skip + authors_at + (2 if affiliation_at == authors_at + 1 else 1)
        else:
            body_start = skip + (1 if title else 0)
        body, copyright_text = _abstract_paragraphs(lines[body_start:])
        builder = TextBuilder()
        if title:
            builder.add("title", title.rstrip())
        for line_heading, paragraph in body:
            parts = [(line_heading, paragraph)] if line_heading else split_glued_sections(paragraph)
            for heading, section_text in parts:
                builder.add(heading_kind(heading) if heading else "abstract", section_text, heading)
        text, sections = builder.build()

        citation_match = CITATION.match(lines[citation_at]) if citation_at is not None else None
        journal_name = citation_match.group("journal") if citation_match else header.group("journal") if header else None
        date_text = citation_match.group("date") if citation_match else header.group("date") if header else None
        whole = "\n".join(lines)
        yield source.document(
            self.name, DocumentKind.ARTICLE, text,
            sections=sections,
            title=title,
            date=parse_date(date_text) if date_text else None,
            authors=authors,
            journal=journal_named(journal_name) if journal_name else None,
            citation=_citation(citation_match) if citation_match else None,
            identifiers=Identifiers(
                doi=first_match(DOI, whole), pmid=first_match(PMID, whole), pmcid=first_match(PMCID, whole)
            ),
            copyright=copyright_text,
            kind_note=None if citation_match or header else
            "read as an abstract because it has an author list, but no citation line names its journal",
        )


def _abstract_paragraphs(lines: list[str]) -> tuple[list[tuple[str | None, str]], str | None]:
    """The abstract's paragraphs, each with the heading written on the line above it (if any), up to
    the first line of page furniture; copyright split off."""
    body: list[tuple[str | None, str]] = []
    copyright_text = None
    heading = None
    for line in lines:
        if heading_kind(line) != "abstract":  # a heading on its own line ("Methods")
            heading = line.rstrip(":")
            continue
        if len(line.split()) < _MIN_BODY_WORDS and len(split_glued_sections(line)) < 2:
            if body:
                break
            continue
        match = _COPYRIGHT.search(line)
        if match and match.start() > 0:
            copyright_text = line[match.start():].strip()
            line = line[: match.start()].rstrip()
        body.append((heading, line))
        heading = None
    return body, copyright_text


def _authors(names: tuple[str, ...], affiliation_text: str | None) -> tuple[Person, ...]:
    by_initials = affiliations_by_initials(affiliation_text) if affiliation_text else {}
    return tuple(person(name, by_initials.get(initials(name), ())) for name in names)


def _citation(match: re.Match[str]) -> Citation:
    first, last = page_range(match.group("pages"))
    return Citation(volume=match.group("volume"), issue=match.group("issue"), first_page=first, last_page=last)


