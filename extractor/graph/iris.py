"""Deterministic IRIs: the same input gives the same IRIs on every run and machine."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from ..records import Document, Extraction


def digest(*parts: object, size: int = 16) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:size]


def iri_part(value: str) -> str:
    """A field value as it may stand in an IRI: unreserved characters kept, the rest percent-encoded
    ("D00 1249" -> "D00%201249"), so no value from a record can make an invalid IRI."""
    return quote(value.strip(), safe="-._~")


def slug(text: str) -> str:
    value = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return value[:60] + ("-" + digest(text, size=8) if len(value) > 60 else "") if value else digest(text)


class Minter:
    """Mints IRIs under one base (default https://w3id.org/litkg/id/)."""

    def __init__(self, base: str) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def document(self, document: Document) -> str:
        return f"{self.base}doc/{digest(document.source_file, document.record_key or '')}"

    def vocabulary_graph(self) -> str:
        """The one graph holding the descriptions of things many documents share."""
        return f"{self.base}vocabulary"

    def study(self, extraction: Extraction) -> str:
        """A study is named by its registrations when it has any, else by its article's identity."""
        document = extraction.document
        ids = sorted({r.identifier for r in extraction.registrations})
        if ids:
            return self.registered_study(ids[0])
        if document.identifiers.doi:
            return f"{self.base}study/doi-{digest(document.identifiers.doi.lower())}"
        if document.identifiers.pmid:
            return f"{self.base}study/pmid-{iri_part(document.identifiers.pmid)}"
        return f"{self.base}study/doc-{digest(document.source_file, document.record_key or '')}"

    def registered_study(self, identifier: str) -> str:
        """The study of a trial, named by (the first, sorted, of) its registration IDs."""
        return f"{self.base}study/{slug(identifier)}"

    def provisional_study(self, document_iri: str) -> str:
        """A news story's own study node, until linking resolves it to a paper's."""
        return f"{self.base}study/reported-{document_iri.rsplit('/', 1)[-1]}"

    def work(self, keys: list[str]) -> str:
        """The work that documents sharing a DOI or PMID are each an example of."""
        return f"{self.base}work/{digest(*keys)}"

    def failure(self, source_file: str) -> str:
        """The graph recording why a source file could not be read (completely)."""
        return f"{self.base}failure/{digest(source_file)}"

    def file(self, source_file: str) -> str:
        """The graph marking that a source file was read completely."""
        return f"{self.base}file/{digest(source_file)}"

    @staticmethod
    def links_of(news_iri: str) -> str:
        """What every link record of a news story starts with."""
        return f"{news_iri}#link"

    @staticmethod
    def link(news_iri: str, article_iri: str) -> str:
        """A news story's link record to the paper it reports."""
        return f"{Minter.links_of(news_iri)}-{digest(article_iri, size=8)}"

    @staticmethod
    def words(document_iri: str, start: int, end: int) -> str:
        """The words ``start``..``end`` of a document's text (an RFC 5147 fragment)."""
        return f"{document_iri}#char={start},{end}"

    @staticmethod
    def source_field(document_iri: str, field: str) -> str:
        """A structured field of a document's source ("MedlineCitation/Article/DataBankList")."""
        return f"{document_iri}#field={quote(field, safe='/')}"

    def concept(self, kind: str, name: str) -> str:
        return f"{self.base}{kind}/{slug(name)}"

    def person(self, document_iri: str, name: str, affiliation: str | None = None, orcid: str | None = None) -> str:
        """One node per person: by ORCID across all documents; by identical full name plus the same
        (first) affiliation across documents; otherwise one per document and name."""
        if orcid:
            return f"{self.base}person/orcid-{orcid}"
        if affiliation:
            return f"{self.base}person/{digest(' '.join(name.lower().split()), _affiliation_key(affiliation))}"
        return f"{self.base}person/{digest(document_iri, name.lower())}"

    def organization(self, name: str) -> str:
        return f"{self.base}org/{slug(name)}"

    def journal(self, key: str) -> str:
        return f"{self.base}journal/{slug(key)}"

    def local(self, document_iri: str, kind: str, *parts: object) -> str:
        """A node that belongs to one document: annotation, result, list cell, link."""
        return f"{self.base}{kind}/{digest(document_iri, *parts)}"


_AFFILIATION_WORDS = {"dept": "department", "univ": "university", "hosp": "hospital", "inst": "institute",
                      "ctr": "center", "centre": "center", "med": "medical", "sch": "school", "coll": "college"}


def _affiliation_key(affiliation: str) -> str:
    """ "Dept. of Oncology, Rigshospitalet, Copenhagen." and "Department of Oncology,  Rigshospitalet,
    Copenhagen" meet: case, punctuation, spacing and common abbreviations do not matter."""
    words = re.sub(r"[^\w\s]", " ", affiliation.lower()).split()
    return " ".join(_AFFILIATION_WORDS.get(word, word) for word in words)

