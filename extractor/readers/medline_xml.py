"""MEDLINE/PubMed XML (``PubmedArticleSet``: efetch output, baseline and update files, ``.xml``
and ``.xml.gz``), streamed record by record: every PubmedArticle becomes a document built from
the structured fields, and DeleteCitation lists are passed on so the run can remove them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from ..errors import ParseError, UnsupportedFormat
from ..records import (
    Citation,
    DataBankEntry,
    DeletedRecords,
    Document,
    DocumentKind,
    Grant,
    Identifiers,
    IndexTerm,
    PartialDate,
    Person,
)
from .base import Source, TextBuilder, fold_spaces
from .citations import journal_named, page_range
from .dates import MONTHS
from .people import orcid
from .safe_xml import PROLOG_LIMIT, check_prolog, iter_elements
from .sections import display_heading, heading_kind

RECORD_TAGS = ("PubmedArticle", "PubmedBookArticle", "DeleteCitation")
_ROOTS = ("PubmedArticleSet", "MedlineCitationSet", "PubmedBookArticleSet", "PubmedArticle", "MedlineCitation")
_CATEGORY_KINDS = {"BACKGROUND": "background", "OBJECTIVE": "objective", "METHODS": "methods",
                   "RESULTS": "results", "CONCLUSIONS": "conclusions"}
_GLUED = ("sub", "sup")  # β<sub>2</sub>: no space before a subscript or superscript
_MARK_GLUE, _SUP_START, _SUP_END = "\x01", "\x02", "\x03"
_PRETTY_BEFORE_GLUE = re.compile(r"\s*\n\s*\x01|\x01")
_POWER = re.compile(r"(?<=\d)\x02([-−–]?\d+)\x03")  # 10<sup>6</sup> -> "10(6)", as PubMed writes it


class MedlineXmlReader:
    name = "medline-xml"
    streams = True
    shares = True  # with a Source.share, records of other shares are parsed but not read into documents

    def sniff(self, text: str) -> float:
        head = text.lstrip("\ufeff \t\r\n")
        if not head.startswith("<") or re.search(r"<(?:html|!doctype\s+html)\b", head[:2000], re.IGNORECASE):
            return 0.0
        if any(f"<{root}" in head for root in _ROOTS):
            return 1.0
        return 0.9 if head.startswith("<?xml") else 0.0  # other XML: read() says what it is

    def read(self, source: Source) -> Iterator[Document | DeletedRecords]:
        root = check_prolog(source.head[:PROLOG_LIMIT])
        if root not in _ROOTS:
            raise UnsupportedFormat(f"XML with root element <{root}>: litkg reads MEDLINE/PubMed XML "
                                    "(PubmedArticleSet), PMC JATS (<article>), HTML pages and text")
        records = index = 0
        share = source.share
        with source.open() as stream:
            try:
                for element in iter_elements(stream, RECORD_TAGS):
                    if element.tag == "DeleteCitation":
                        if share is None or share.part == 0:
                            yield DeletedRecords(source.relative_path, tuple(p.text.strip() for p in element.iter("PMID") if p.text))
                        continue
                    index += 1
                    if share is not None and not share.wants(index - 1):
                        continue
                    document = _document(element, source)
                    if document is not None:
                        records += 1
                        yield document
            except ParseError as exc:
                read = records if share is None else index  # a share: the records stored by every share
                raise ParseError(f"{exc}; {read} records before the damage were read") from None


def _document(record: etree._Element, source: Source) -> Document | None:
    citation = record.find("MedlineCitation")
    book = record.find("BookDocument")
    if citation is None and book is None:
        return None
    base = citation if citation is not None else book
    article = citation.find("Article") if citation is not None else book
    pmid_element = base.find("PMID")
    pmid = inline_text(pmid_element)
    version = pmid_element.get("Version", "1") if pmid_element is not None else "1"
    if article is None or not pmid:
        return None

    builder = TextBuilder()
    title = inline_text(article.find("ArticleTitle")) or inline_text(article.find("BookTitle")) or inline_text(
        article.find("VernacularTitle"))
    if title:
        builder.add("title", title)
    abstract = article.find("Abstract")
    copyright_text = None
    if abstract is not None:
        for part in abstract.findall("AbstractText"):
            body = inline_text(part)
            if not body:
                continue
            label = (part.get("Label") or "").strip() or None
            category = part.get("NlmCategory", "")
            kind = _CATEGORY_KINDS.get(category) or (heading_kind(label) if label else "abstract")
            builder.add(kind, body, display_heading(label))
        copyright_text = inline_text(abstract.find("CopyrightInformation"))
    text, sections = builder.build()
    if not text:
        return None
    shown = [next((e for e in (article.find("ArticleTitle"), article.find("BookTitle"), article.find("VernacularTitle"))
                   if e is not None and inline_text(e)), None)]
    shown += abstract.findall("AbstractText") if abstract is not None else []

    journal_element = article.find("Journal")
    issue = journal_element.find("JournalIssue") if journal_element is not None else None
    first_page, last_page = page_range(inline_text(article.find("Pagination/MedlinePgn")))
    ids = {node.get("IdType"): fold_spaces(node.text) for node in record.iterfind("PubmedData/ArticleIdList/ArticleId")
           if node.text}
    doi = ids.get("doi") or next((fold_spaces(e.text) for e in article.iterfind("ELocationID")
                                   if e.get("EIdType") == "doi" and e.text), None)
    return source.document(
        MedlineXmlReader.name, DocumentKind.ARTICLE, text,
        record_key=f"pmid:{pmid}" + (f".{version}" if version != "1" else ""),
        sections=sections,
        title=title,
        date=_pub_date(issue.find("PubDate") if issue is not None else article.find("PubDate")),
        authors=_authors(article.find("AuthorList")),
        journal=journal_named(inline_text(journal_element.find("Title")), inline_text(journal_element.find("ISOAbbreviation")),
                              inline_text(journal_element.find("ISSN"))) if journal_element is not None else None,
        citation=Citation(inline_text(issue.find("Volume")), inline_text(issue.find("Issue")), first_page, last_page)
        if issue is not None else None,
        identifiers=Identifiers(doi=doi, pmid=pmid, pmcid=ids.get("pmc")),
        copyright=copyright_text,
        publication_types=tuple(IndexTerm(inline_text(t) or "", t.get("UI")) for t in article.iterfind("PublicationTypeList/PublicationType")
                                if inline_text(t)),
        mesh_headings=_mesh_headings(base.find("MeshHeadingList")),
        substances=tuple(IndexTerm(inline_text(c) or "", c.get("UI")) for c in base.iterfind("ChemicalList/Chemical/NameOfSubstance")
                         if inline_text(c)),
        keywords=tuple(k for k in (inline_text(k) for k in base.iterfind("KeywordList/Keyword")) if k),
        databanks=tuple(DataBankEntry(inline_text(bank.find("DataBankName")) or "", fold_spaces(number.text), _DATABANK_FIELD)
                        for bank in article.iterfind("DataBankList/DataBank")
                        for number in bank.iterfind("AccessionNumberList/AccessionNumber") if number.text),
        grants=tuple(Grant(inline_text(g.find("GrantID")), inline_text(g.find("Agency")), inline_text(g.find("Country")),
                           _GRANT_FIELD)
                     for g in article.iterfind("GrantList/Grant")),
        language=inline_text(article.find("Language")),
        words_in_source=sum(len("".join(e.itertext()).split()) for e in shown if e is not None),
    )


_DATABANK_FIELD = "MedlineCitation/Article/DataBankList/DataBank"
_GRANT_FIELD = "MedlineCitation/Article/GrantList/Grant"


def inline_text(element: etree._Element | None) -> str | None:
    """An element's text with inline markup (<i>, <b>, <sup>, <sub>, MathML) flattened so that no words
    are glued together and no spaces are invented: pretty-printing before a <sub> or <sup> is dropped,
    and a power of ten keeps its meaning the way PubMed writes it ("1 × 10(6)", not "106")."""
    if element is None:
        return None
    if len(element) == 0:  # no markup inside (names, codes, most titles): the quick way
        text = element.text
        if not text:
            return None
        if text.isascii() and "  " not in text and "\n" not in text and "\t" not in text and "\r" not in text:
            return text.strip() or None
        return fold_spaces(text) or None
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            name = etree.QName(child).localname if isinstance(child.tag, str) else None
            if name in _GLUED:
                parts.append(_MARK_GLUE + (_SUP_START if name == "sup" else ""))
            walk(child)
            if name == "sup":
                parts.append(_SUP_END)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    text = _POWER.sub(r"(\1)", _PRETTY_BEFORE_GLUE.sub("", "".join(parts)))
    text = fold_spaces(text.replace(_SUP_START, "").replace(_SUP_END, ""))
    return text or None


def _pub_date(element: etree._Element | None) -> PartialDate | None:
    """<Year>/<Month>/<Day> (month as "Jun" or "06"), or <MedlineDate>"1979 Jun-Jul"</MedlineDate>."""
    if element is None:
        return None
    year = inline_text(element.find("Year"))
    if year and year.isdigit():
        month = _month(inline_text(element.find("Month")))
        day = inline_text(element.find("Day"))
        return PartialDate(int(year), month, int(day) if month and day and day.isdigit() and 1 <= int(day) <= 31 else None)
    medline = inline_text(element.find("MedlineDate")) or ""
    match = re.match(r"(\d{4})(?:\s+([A-Za-z]{3})[a-z]*(?![-/]))?", medline)
    if not match:
        return None
    return PartialDate(int(match.group(1)), _month(match.group(2)))


def _month(value: str | None) -> int | None:
    if not value:
        return None
    if value.isdigit():
        return int(value) if 1 <= int(value) <= 12 else None
    return MONTHS.get(value.lower()[:3])


def _first_children(element: etree._Element) -> dict[str, etree._Element]:
    """Each child tag's first element, from one pass over the children (one ``find`` per field costs
    a path look-up each; an author has seven fields)."""
    first: dict[str, etree._Element] = {}
    for child in element:
        first.setdefault(child.tag, child)
    return first


def _authors(author_list: etree._Element | None) -> tuple[Person, ...]:
    if author_list is None:
        return ()
    people = []
    for author in author_list.iterfind("Author"):
        if author.get("ValidYN", "Y") != "Y":
            continue
        fields = _first_children(author)
        affiliations = tuple(a.rstrip(".") for a in (inline_text(x) for x in author.iterfind("AffiliationInfo/Affiliation")) if a) \
            if "AffiliationInfo" in fields else ()
        family = inline_text(fields.get("LastName"))
        given = inline_text(fields.get("ForeName")) or inline_text(fields.get("Initials"))
        identifier = next((orcid(i.text) for i in author.iterfind("Identifier") if i.get("Source") == "ORCID"), None) \
            if "Identifier" in fields else None
        if family:
            suffix = inline_text(fields.get("Suffix"))
            name = " ".join(part for part in (given, family, suffix) if part)
            people.append(Person(name=name, given_name=given, family_name=family, affiliations=affiliations, orcid=identifier))
        elif collective := inline_text(fields.get("CollectiveName")):
            people.append(Person(name=collective, given_name=None, family_name=None, affiliations=affiliations,
                                 organization=True))
    return tuple(people)


def _mesh_headings(headings: etree._Element | None) -> tuple[IndexTerm, ...]:
    if headings is None:
        return ()
    terms = []
    for heading in headings.iterfind("MeshHeading"):
        descriptor = None
        major = False
        for child in heading:  # one DescriptorName, then its QualifierNames
            if child.tag == "DescriptorName" and descriptor is None:
                descriptor = child
                major = major or child.get("MajorTopicYN") == "Y"
            elif child.tag == "QualifierName":
                major = major or child.get("MajorTopicYN") == "Y"
        name = inline_text(descriptor)
        if not name:
            continue
        terms.append(IndexTerm(name, descriptor.get("UI"), major))
    return tuple(terms)
