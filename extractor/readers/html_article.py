"""Journal article pages saved as HTML: metadata from Highwire ``citation_*`` tags, then JSON-LD,
Dublin Core and Open Graph, then the visible page; the abstract's sections from its headings."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from lxml import etree

from ..records import Citation, Document, DocumentKind, Identifiers, IndexTerm, Person
from ..vocabularies import mesh_code
from .base import TextBuilder, fold_spaces
from .citations import (
    BARE_DOI,
    clean_identifier,
    journal_named,
    page_range,
    pmcid_value,
    pmid_value,
)
from .dates import best_date
from .html_page import (
    Page,
    block_tags,
    ld_text,
    names_in,
    remove_furniture,
    run_in_label,
    text_of,
)
from .html_tree import Element, classes, drop, find, iter_below, select, text_nodes
from .people import orcid, person, strip_degrees
from .sections import HEADING_KINDS, heading_kind, split_glued_sections

_ARTICLE_TYPES = ("ScholarlyArticle", "MedicalScholarlyArticle", "Article")
_ABSTRACT_NAME = re.compile(r"(?:^|[-_\s])abstract(?:$|[-_\s])|^abs$|^abstracts?$", re.IGNORECASE)
_HEADING_TAGS = ("h2", "h3", "h4", "h5", "h6", "dt")
# a superset of the tags _named_abstract accepts, in document order: "abs" in a class or id, any case
_MAY_BE_ABSTRACT = etree.XPath(".//*[contains(translate(@class, 'ABS', 'abs'), 'abs') or "
                               "contains(translate(@id, 'ABS', 'abs'), 'abs') or self::section[@aria-labelledby]]")
_COPYRIGHT = re.compile(r"^\s*(?:Copyright\s*)?©\s*\d{4}")


# the issue (print) date first, then the online date; a later one refines an earlier one it agrees with
_DATE_FIELDS = ("citation_publication_date", "citation_date", "citation_online_date", "dc.date", "dc.date.issued",
                "prism.publicationdate", "prism.coverdate", "article:published_time")


def is_article_page(page: Page) -> bool:
    metadata = page.metadata
    if metadata.first("citation_title", "citation_doi", "citation_journal_title"):
        return True
    article = metadata.json_ld_of("ScholarlyArticle", "MedicalScholarlyArticle")
    return article is not None or bool(metadata.first("prism.doi", "dc.identifier") and metadata.first("prism.publicationname"))


def read_article_page(page: Page, reader: str = "html-article", not_content: tuple[str, ...] = ()) -> Document:
    """The page's document. It consumes the page: ``not_content`` (CSS selectors, e.g. a PubMed page's
    lists of other records) and the page furniture are removed from its tree before the text is read."""
    for selector in not_content:
        for tag in select(page.root, selector):
            drop(tag)
    metadata = page.metadata
    ld = metadata.json_ld_of(*_ARTICLE_TYPES) or {}
    title = (metadata.first("citation_title", "dc.title") or ld_text(ld, "headline", "name")
             or metadata.first("og:title") or text_of(find(page.root, "h1")) or None)
    remove_furniture(page.root)
    builder = TextBuilder()
    if title:
        builder.add("title", title)
    abstract_sections(builder, page)
    text, sections = builder.build()
    journal_ld = ld.get("isPartOf") if isinstance(ld.get("isPartOf"), dict) else {}
    first_raw, last_raw = metadata.first("citation_firstpage"), metadata.first("citation_lastpage")
    first_page, last_page = page_range(f"{first_raw}-{last_raw}" if first_raw and last_raw else first_raw)
    return page.source.document(
        reader, DocumentKind.ARTICLE, text,
        sections=sections,
        title=title,
        date=best_date([*(metadata.first(name) or "" for name in _DATE_FIELDS), ld_text(ld, "datePublished") or ""]),
        authors=_authors(page, ld),
        publisher=metadata.first("citation_publisher", "dc.publisher") or (names_in(ld.get("publisher")) or [None])[0],
        journal=journal_named(metadata.first("citation_journal_title", "prism.publicationname") or ld_text(journal_ld, "name"),
                              metadata.first("citation_journal_abbrev"), metadata.first("citation_issn", "prism.issn")),
        citation=Citation(metadata.first("citation_volume", "prism.volume"), metadata.first("citation_issue", "prism.number"),
                          first_page, last_page),
        identifiers=Identifiers(doi=_doi(metadata.first("citation_doi", "prism.doi", "dc.identifier") or ld_text(ld, "doi")),
                                pmid=pmid_value(metadata.first("citation_pmid")),
                                pmcid=pmcid_value(metadata.first("citation_pmcid"))),
        copyright=_copyright(page),
        keywords=tuple(k for value in metadata.all("citation_keywords", "keywords") for k in re.split(r"\s*[;,]\s*", value) if k),
        language=metadata.first("citation_language", "dc.language"),
    )


def abstract_sections(builder: TextBuilder, page: Page) -> None:
    """The abstract as sections: the element named "abstract" when the page has one, else the
    ``citation_abstract`` / description metadata, else the main content's paragraphs."""
    container = _abstract_container(page.root)
    if container is not None:
        _sections_from(container, builder)
        return
    described = page.metadata.first("citation_abstract", "dc.description", "description", "og:description")
    if described:
        for heading, body in split_glued_sections(fold_spaces(re.sub(r"<[^>]+>", " ", described))):
            builder.add(heading_kind(heading) if heading else "abstract", body, heading)
        return
    main = next((found for found in (find(page.root, "article"), find(page.root, "main"), find(page.root, "body"))
                 if found is not None), None)
    if main is not None:
        _sections_from(main, builder)


def _abstract_container(root: Element) -> Element | None:
    candidates = [tag for tag in _MAY_BE_ABSTRACT(root) if _named_abstract(tag)]
    candidates = [tag for tag in candidates if text_of(tag)]
    # the outermost of nested matches ("abstract" > "abstract-content"), first in the page
    named = set(candidates)
    outer = [tag for tag in candidates if not any(other in named for other in tag.iterancestors())]
    if outer:
        return outer[0]
    heading = next((tag for tag in iter_below(root, "h1", "h2", "h3") if text_of(tag).lower() in ("abstract", "summary")),
                   None)
    parent = heading.getparent() if heading is not None else None
    if parent is not None and parent.tag not in ("body", "html"):
        return parent
    return None


def _named_abstract(tag: Element) -> bool:
    """A class or id names the abstract, or a section is labelled by one."""
    if any(_ABSTRACT_NAME.search(name) for name in [*classes(tag), tag.get("id") or ""]):
        return True
    return tag.tag == "section" and (tag.get("aria-labelledby") or "").lower().startswith("abstract")


def _sections_from(container: Element, builder: TextBuilder) -> None:
    """Headings (h2-h6, or a bold run-in label like "<strong>Findings</strong>") start sections."""
    heading: str | None = None
    for tag, text in block_tags(container):
        name = tag.tag
        if name in _HEADING_TAGS or name == "h1":
            if text.lower().rstrip(":") in ("abstract", "summary") or name == "h1":
                continue
            heading = text.rstrip(":").strip()
            continue
        label = run_in_label(tag)
        run_in = (label, re.sub(rf"^{re.escape(label)}\s*[:.]?\s*", "", text)) if label else _run_in_heading(text)
        if run_in:
            heading, text = run_in
        for glued_heading, body in split_glued_sections(text):
            kind_heading = glued_heading or heading
            builder.add(heading_kind(kind_heading) if kind_heading else "abstract", body, kind_heading)
        heading = None if run_in else heading


def _run_in_heading(text: str) -> tuple[str, str] | None:
    """ "Findings: Between ..." or "Design, Setting, and Participants This ..." -> (heading, text)."""
    match = re.match(r"^([A-Z][A-Za-z ,]{2,45}?)[:.]\s+(?=\S)", text)
    if match and " ".join(match.group(1).lower().split()) in HEADING_KINDS:
        return match.group(1), text[match.end():]
    return None


def _authors(page: Page, ld: dict[str, Any]) -> tuple[Person, ...]:
    """Highwire: each citation_author is followed by its citation_author_institution tags."""
    people: list[tuple[str, list[str]]] = []
    orcids: dict[int, str] = {}
    for name, value in page.metadata.meta:
        if name in ("citation_author", "dc.creator"):
            people.append((value, []))
        elif name == "citation_author_institution" and people:
            people[-1][1].append(value)
        elif name == "citation_author_orcid" and people and orcid(value):
            orcids[len(people) - 1] = orcid(value)
        elif name == "citation_authors":  # one tag, "Hu Y; Zhang M; ..."
            people.extend((part.strip(), []) for part in value.split(";") if part.strip())
    if not people:
        people = [(name, []) for name in names_in(ld.get("author"))]
    return tuple(replace(_person(name, tuple(affiliations)), orcid=orcids.get(i))
                 for i, (name, affiliations) in enumerate(people))


def _person(name: str, affiliations: tuple[str, ...]) -> Person:
    """ "Hu, Yongxian" (family first, as Highwire tags often are) or "Yongxian Hu"."""
    name = strip_degrees(name)
    if "," in name:
        family, given = (part.strip() for part in name.split(",", 1))
        if given and family:
            return Person(f"{given} {family}", given, family, affiliations)
    return person(name, affiliations)


def _doi(value: str | None) -> str | None:
    if not value:
        return None
    match = BARE_DOI.search(value)
    return clean_identifier(match.group(1)) if match else None


def _copyright(page: Page) -> str | None:
    node = next((text for text in text_nodes(page.root) if _COPYRIGHT.search(text)), None)
    return fold_spaces(node) if node else None


def mesh_terms(names: list[str]) -> tuple[IndexTerm, ...]:
    """MeSH headings as a page lists them ("Asthma / drug therapy*") with IDs from the shipped table."""
    terms = []
    for name in names:
        descriptor = name.split("/", 1)[0].strip().rstrip("*").strip()
        if descriptor:
            terms.append(IndexTerm(descriptor, mesh_code(descriptor), major="*" in name))
    return tuple(terms)
