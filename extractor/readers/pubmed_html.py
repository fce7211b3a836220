"""PubMed record pages (pubmed.ncbi.nlm.nih.gov/<PMID>/) saved as HTML: the abstract, the authors
with their numbered affiliations and the identifier line are facts of the record; MeSH terms and
publication types are kept as metadata; "Similar articles", "Cited by", "Comment in" and the
reference list are someone else's facts and are removed before any text is read."""

from __future__ import annotations

import re
from dataclasses import replace

from ..records import Citation, Document, IndexTerm, Person
from ..vocabularies import mesh_code
from .abstract_text import CITATION
from .citations import journal_named, page_range, pmid_value
from .dates import parse_date
from .html_article import mesh_terms, read_article_page
from .html_page import Page, text_of
from .html_tree import Element, select, select_one
from .people import person

_OTHER_RECORDS = ("similar", "citedby", "cited-by", "comment-in", "comment-on", "references", "related-links",
                  "linkout", "erratum-in", "update-of", "full-text-links", "page-footer", "top-references")


def is_pubmed_page(page: Page) -> bool:
    metadata = page.metadata
    return (metadata.first("ncbi_db") or "").lower() == "pubmed" or (metadata.first("og:site_name") or "") == "PubMed" \
        or "pubmed.ncbi.nlm.nih.gov" in (metadata.canonical or "")


def read_pubmed_page(page: Page) -> Document:
    root = page.root
    mesh = mesh_terms(_keywords(root, "mesh-terms"))
    publication_types = tuple(IndexTerm(name, mesh_code(name)) for name in _keywords(root, "publication-types"))
    citation_line = CITATION.match(text_of(select_one(root, ".article-citation .cit, .cit")).strip())
    authors = _authors(page)
    pmcid = text_of(select_one(root, "#full-view-identifiers .pmc .id-link, .identifiers .pmc a")) or None
    not_content = tuple(f"#{section_id}, .{section_id}" for section_id in _OTHER_RECORDS) + (
        "#mesh-terms, #publication-types, #substances, #grants, #conflict-of-interest",)
    document = read_article_page(page, reader="pubmed-html", not_content=not_content)
    ids = document.identifiers
    if pmcid and not ids.pmcid:
        ids = replace(ids, pmcid=pmcid if pmcid.startswith("PMC") else f"PMC{pmcid}")
    if not ids.pmid:
        pmid = pmid_value(page.metadata.first("citation_pmid")) or _pmid_from(page)
        ids = replace(ids, pmid=pmid)
    if citation_line:  # "Blood Adv. 2023 Sep 12;7(17):4920-4931." is more precise than the meta tags
        first, last = page_range(citation_line.group("pages"))
        document = replace(
            document, date=parse_date(citation_line.group("date")) or document.date,
            journal=journal_named(document.journal.name if document.journal else None, citation_line.group("journal")),
            citation=Citation(citation_line.group("volume"), citation_line.group("issue"), first, last))
    return replace(document, authors=authors or document.authors, identifiers=ids, mesh_headings=mesh,
                   publication_types=publication_types)


def _keywords(root: Element, section_id: str) -> list[str]:
    """The terms of a keyword list: its buttons when it has them, else its list items (no duplicates)."""
    tags = select(root, f"#{section_id} .keyword-actions-trigger") or select(root, f"#{section_id} li")
    return [name for name in dict.fromkeys(text_of(tag) for tag in tags) if name]


def _authors(page: Page) -> tuple[Person, ...]:
    """Visible author list with the numbers that point into the affiliations list."""
    affiliations = {}
    for item in select(page.root, ".affiliations li"):
        key = text_of(select_one(item, ".key, sup"))
        label = text_of(item)
        if key and label.startswith(key):
            label = label[len(key):].strip()
        if key and label:
            affiliations[key] = label.rstrip(".")
    people = []
    seen = set()
    for item in select(page.root, ".authors-list .authors-list-item"):
        name = text_of(select_one(item, ".full-name"))
        if not name or name in seen:
            continue  # the page repeats the list in an expanded copy
        seen.add(name)
        keys = [text_of(link) for link in select(item, ".affiliation-link")]
        found = person(name, tuple(affiliations[k] for k in keys if k in affiliations))
        people.append(found)
    return tuple(people)


def _pmid_from(page: Page) -> str | None:
    match = re.search(r"pubmed\.ncbi\.nlm\.nih\.gov/(\d+)", page.metadata.canonical or "")
    if match:
        return match.group(1)
    tag = select_one(page.root, "#full-view-identifiers .current-id, .current-id")
    return text_of(tag) or None
