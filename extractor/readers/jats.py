"""PMC JATS full texts (``.nxml`` from the PMC OA files, efetch ``db=pmc`` XML): one document per
``<article>``, streamed. Front matter gives the metadata (journal, citation, identifiers, authors with
affiliations and ORCIDs, dates, funding groups, registrations in ``<ext-link>``); the abstract and
the body are sections of the one document, with their headings, and every table is kept as text,
one line per row, each cell beside its column's header. References are not text of the article.

Dates: the issue's date (``ppub``, ``collection``, or JATS 1.1's ``publication-format="print"``)
is the publication date, as MEDLINE's PubDate is; the online date (``epub``) only when no issue
date is given; it is kept as ``date_modified`` neither way (it is not a modification)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from ..errors import ParseError, UnsupportedFormat
from ..records import Citation, DataBankEntry, Document, DocumentKind, Grant, Identifiers, PartialDate, Person
from .base import Source, TextBuilder, fold_spaces
from .citations import journal_named
from .jats_text import SKIP, back_matter, blocks, children, descendants, first_child, local, path, prepare, text_of
from .people import orcid
from .safe_xml import PROLOG_LIMIT, check_prolog, iter_elements

ROOTS = ("article", "pmc-articleset")
_JATS_HINT = re.compile(r"<(?:article-meta|front|journal-meta)\b|JATS|NLM//DTD|archivearticle|<pmc-articleset\b")
_ISSUE_DATES = ("ppub", "collection", "print")
_ONLINE_DATES = ("epub", "epub-ppub", "pub", "electronic")
# sec-type values (JATS tag library) -> section kind
# ext-link-type values that name a registry (PMC tags trial registrations this way)
_REGISTRY_LINKS = {"clintrialgov": "ClinicalTrials.gov", "clinicaltrials.gov": "ClinicalTrials.gov",
                   "isrctn": "ISRCTN", "anzctr": "ANZCTR", "chictr": "ChiCTR", "euctr": "EudraCT", "drks": "DRKS",
                   "ctri": "CTRI", "irct": "IRCT", "ntr": "NTR", "umin": "UMIN-CTR", "pactr": "PACTR",
                   "jprn": "JPRN", "kct": "CRIS", "crd": "PROSPERO", "prospero": "PROSPERO"}
_LINK_FIELD = "article/front/article-meta or body ext-link[@ext-link-type]"
_FUNDING_FIELD = "article/front/article-meta/funding-group/award-group"


class JatsReader:
    name = "jats"
    streams = True

    def sniff(self, text: str) -> float:
        head = text.lstrip("\ufeff \t\r\n")
        if not head.startswith("<") or re.search(r"<(?:html|!doctype\s+html)\b", head[:2000], re.IGNORECASE):
            return 0.0
        root = re.search(r"<(?![?!])([A-Za-z_][\w.:-]*)", head)
        if root and root.group(1).split(":")[-1] in ROOTS and _JATS_HINT.search(head[:20000]):
            return 1.0
        return 0.0

    def read(self, source: Source) -> Iterator[Document]:
        root = check_prolog(source.head[:PROLOG_LIMIT]).split(":")[-1]
        if root not in ROOTS:
            raise UnsupportedFormat(f"XML with root element <{root}> is not a JATS article")
        articles = 0
        with source.open() as stream:
            try:
                for element in iter_elements(stream, ("{*}article",)):
                    document = _document(element, source, articles)
                    if document is not None:
                        articles += 1
                        yield document
            except ParseError as exc:
                raise ParseError(f"{exc}; {articles} articles before the damage were read") from None
        if not articles:
            raise ParseError("a JATS file with no <article> that has a title or text")


def _document(article: etree._Element, source: Source, index: int) -> Document | None:
    front = first_child(article, "front")
    meta = first_child(front, "article-meta")
    journal_meta = first_child(front, "journal-meta")
    prepare(article)
    builder = TextBuilder()
    title = text_of(path(meta, "title-group", "article-title"))
    if title:
        builder.add("title", title)
    abstracts = children(meta, "abstract")
    main_abstract = next((a for a in abstracts if not a.get("abstract-type")), abstracts[0] if abstracts else None)
    if main_abstract is not None:
        blocks(main_abstract, builder, "abstract", None)
    body = first_child(article, "body")
    if body is not None:
        blocks(body, builder, None, None)
    back = first_child(article, "back")
    if back is not None:
        back_matter(back, builder)
    text, sections = builder.build()
    if not text:
        return None
    ids = {node.get("pub-id-type"): fold_spaces(node.text or "") for node in children(meta, "article-id")}
    pmcid = ids.get("pmc") or ids.get("pmcid")
    key = f"pmc:PMC{pmcid.removeprefix('PMC')}" if pmcid else f"pmid:{ids['pmid']}" if ids.get("pmid") else \
        f"doi:{ids['doi']}" if ids.get("doi") else f"article:{index + 1}"
    journal_title = text_of(path(journal_meta, "journal-title-group", "journal-title")) or text_of(first_child(journal_meta, "journal-title"))
    journal_ids = {node.get("journal-id-type"): text_of(node) for node in children(journal_meta, "journal-id")}
    issns = {node.get("pub-type") or node.get("publication-format") or "": text_of(node) for node in children(journal_meta, "issn")}
    first_page = text_of(first_child(meta, "fpage")) or text_of(first_child(meta, "elocation-id"))
    shown = [e for e in (path(meta, "title-group", "article-title"), main_abstract, body) if e is not None]
    shown += [e for e in (back if back is not None else ()) if local(e) not in SKIP]
    return source.document(
        JatsReader.name, DocumentKind.ARTICLE, text,
        record_key=key,
        sections=sections,
        title=title,
        date=_publication_date(meta),
        authors=_authors(meta),
        publisher=text_of(path(journal_meta, "publisher", "publisher-name")),
        journal=journal_named(journal_title, journal_ids.get("nlm-ta") or journal_ids.get("iso-abbrev"),
                              issns.get("ppub") or issns.get("print") or issns.get("epub") or next(iter(issns.values()), None)),
        citation=Citation(text_of(first_child(meta, "volume")), text_of(first_child(meta, "issue")), first_page,
                          text_of(first_child(meta, "lpage")) if first_child(meta, "fpage") is not None else None),
        identifiers=Identifiers(doi=ids.get("doi") or None, pmid=ids.get("pmid") or None,
                                pmcid=f"PMC{pmcid.removeprefix('PMC')}" if pmcid else None),
        copyright=text_of(path(meta, "permissions", "copyright-statement")),
        keywords=tuple(k for k in (text_of(kwd) for group in children(meta, "kwd-group") for kwd in children(group, "kwd")) if k),
        databanks=_registry_links(article),
        grants=_grants(meta),
        language=article.get("{http://www.w3.org/XML/1998/namespace}lang"),
        words_in_source=sum(_words(e) for e in shown),
        table_cells=tuple(builder.table_cells),
    )


def _words(element: etree._Element) -> int:
    return sum(len(text.split()) for node in element.iter() if local(node) not in SKIP
               for text in (node.text, node.tail) if text) if local(element) not in SKIP else 0


# ------------------------------------------------------------------ front matter


def _publication_date(meta: etree._Element | None) -> PartialDate | None:
    dates: dict[str, PartialDate] = {}
    for node in children(meta, "pub-date"):
        kind = (node.get("pub-type") or node.get("publication-format") or node.get("date-type") or "").lower()
        date = _date(node)
        if date is not None:
            dates.setdefault(kind, date)
    for kind in (*_ISSUE_DATES, *_ONLINE_DATES):
        if kind in dates:
            return dates[kind]
    return next(iter(dates.values()), None)


def _date(node: etree._Element) -> PartialDate | None:
    year = text_of(first_child(node, "year"))
    if not (year and year.isdigit()):
        return None
    month_text = text_of(first_child(node, "month")) or ""
    day_text = text_of(first_child(node, "day")) or ""
    month = int(month_text) if month_text.isdigit() and 1 <= int(month_text) <= 12 else None
    day = int(day_text) if month and day_text.isdigit() and 1 <= int(day_text) <= 31 else None
    return PartialDate(int(year), month, day)


def _authors(meta: etree._Element | None) -> tuple[Person, ...]:
    affiliations = {aff.get("id"): _affiliation(aff) for aff in descendants(meta, "aff") if aff.get("id")}
    shared = [_affiliation(aff) for aff in descendants(meta, "aff") if not aff.get("id")]
    groups = children(meta, "contrib-group")
    all_unreferenced = not any(x.get("ref-type") == "aff" for g in groups for x in descendants(g, "xref"))
    people = []
    for group in groups:
        group_affs = [_affiliation(aff) for aff in children(group, "aff")]
        for contrib in children(group, "contrib"):
            if (contrib.get("contrib-type") or "author") != "author":
                continue
            own = [_affiliation(aff) for aff in children(contrib, "aff")]
            for xref in (x for x in contrib.iter() if local(x) == "xref" and x.get("ref-type") == "aff"):
                for rid in (xref.get("rid") or "").split():
                    if affiliations.get(rid):
                        own.append(affiliations[rid])
            if not own and all_unreferenced:
                own = group_affs or shared or (list(affiliations.values()) if len(affiliations) == 1 else [])
            own_tuple = tuple(dict.fromkeys(a for a in own if a))
            identifier = next((orcid(text_of(c)) for c in children(contrib, "contrib-id")
                               if (c.get("contrib-id-type") or "").lower() == "orcid"), None)
            name = first_child(contrib, "name")
            if name is None:
                name = path(contrib, "name-alternatives", "name")
            collab = first_child(contrib, "collab")
            if name is not None:
                family = text_of(first_child(name, "surname"))
                given = text_of(first_child(name, "given-names"))
                suffix = text_of(first_child(name, "suffix"))
                if family:
                    full = " ".join(p for p in (given, family, suffix) if p)
                    people.append(Person(full, given, family, own_tuple, identifier))
            elif collab is not None and text_of(collab):
                people.append(Person(text_of(collab), None, None, own_tuple, identifier, organization=True))
    return tuple(people)


def _affiliation(aff: etree._Element) -> str | None:
    """An affiliation's words without its label ("1") and without e-mail addresses."""
    parts = []
    if aff.text:
        parts.append(aff.text)
    for part in aff:
        if local(part) not in ("label", "sup", "email", "xref"):
            parts.append(" ".join(part.itertext()))
        if part.tail:
            parts.append(part.tail)
    text = fold_spaces(" ".join(parts))
    text = re.sub(r"\s+([,;.])", r"\1", text).strip(" ,;.")
    return text or None


def _grants(meta: etree._Element | None) -> tuple[Grant, ...]:
    grants = []
    for group in children(meta, "funding-group"):
        for award in children(group, "award-group"):
            sources = [text_of(s) for s in descendants(award, "funding-source")]
            sources = [s for s in sources if s] or [None]
            ids = [text_of(a) for a in children(award, "award-id")] or [None]
            for agency in sources:
                for identifier in ids:
                    if agency or identifier:
                        grants.append(Grant(identifier, agency, None, _FUNDING_FIELD))
    return tuple(grants)


def _registry_links(article: etree._Element) -> tuple[DataBankEntry, ...]:
    found = []
    for link in article.iter():
        if local(link) != "ext-link":
            continue
        registry = _REGISTRY_LINKS.get((link.get("ext-link-type") or "").lower())
        accession = text_of(link)
        if registry and accession:
            found.append(DataBankEntry(registry, accession, _LINK_FIELD))
    return tuple(dict.fromkeys(found))
