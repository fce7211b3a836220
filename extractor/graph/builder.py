"""Records -> quads in the document's named graph, in the vocabulary of the output contract.

The builder is pure: the same extraction gives the same lines, whatever it built before. The
descriptions of shared things come tagged (:class:`nquads.GraphLines`); whoever writes many
documents to one destination keeps the first of each (:class:`nquads.SharedDescriptions`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import __version__
from ..records import (
    Document,
    DocumentKind,
    Extraction,
    IndexTerm,
    Person,
)
from .iris import Minter, iri_part
from .nquads import GraphLines, SharedDescriptions, quads_of
from .provenance import source_field, words
from .registry import registry_record
from .study import concept_node, date_value, study
from .terms import BIBO_, FABIO_, MESH, MESH_SET, PRISM_, PROV_, RDF_, XSD_, L, S
from .vocab import DEFAULT_BASE


@dataclass(frozen=True, slots=True)
class BuiltGraph:
    """One document's graph: its IRI, its lines, and the keys (``reg:``, ``doi:``, ``pmid:``) it holds
    for study resolution (what :data:`graph.keys.KEY_PATTERNS` finds in the store)."""

    iri: str
    lines: GraphLines
    keys: tuple[str, ...]

    def nquads(self, described: SharedDescriptions | None = None) -> bytes:
        return self.lines.nquads(described)


def graph_version(tagged: bool = False, explain: bool = False) -> str:
    """What made the graphs: a run with the outcome tagger (or --explain) re-extracts files stored without it."""
    return f"litkg {__version__}" + (" +outcome-tagger" if tagged else "") + (" +explain" if explain else "")


class GraphBuilder:
    """Records -> quads. What a document states goes to its own named graph; the descriptions of
    things many documents share (concepts, endpoints, organisations, journals, registrations and
    MeSH terms: type, name, code) go to one vocabulary graph. Stating a concept's name in every
    document graph would make the union default graph, which SPARQL engines read as a bag, repeat
    each row once per document that names the concept."""

    def __init__(self, base: str = DEFAULT_BASE, tagged: bool = False, explain: bool = False) -> None:
        self.mint = Minter(base)
        self.vocabulary_graph = self.mint.vocabulary_graph()
        self.version = graph_version(tagged, explain)
        self.explain = explain  # write which rule read each fact's words (litkg:rule), for debugging

    def document_iri(self, extraction: Extraction) -> str:
        return self.mint.document(extraction.document)

    def study_iri(self, extraction: Extraction) -> str:
        """News stories get a study node of their own until linking resolves them to a paper's."""
        if extraction.document.kind is DocumentKind.NEWS and not extraction.registrations:
            return self.mint.provisional_study(self.document_iri(extraction))
        return self.mint.study(extraction)

    def build(self, extraction: Extraction) -> BuiltGraph:
        """The document's graph, with every shared description it refers to."""
        d = self.document_iri(extraction)
        out = GraphLines(d, self.vocabulary_graph, self.explain)
        keys = self._document(out, d, extraction)
        s = self.study_iri(extraction) if extraction.reports_study else None
        if s is not None:
            keys += study(out, self.mint, d, s, extraction)
        else:  # an advice page, outbreak news: no study, no results, and the graph says so
            out.typed(d, L.reportsNoStudy, "true", XSD_.boolean)
        if extraction.document.registry is not None:
            registry_record(out, self.mint, d, s, extraction)
        if extraction.document.text_loss:
            self._text_loss(out, d, extraction.document)
        if extraction.document.kind_note:
            self._kind_note(out, d, extraction.document)
        return BuiltGraph(d, out, tuple(sorted(set(keys))))

    def build_quads(self, extraction: Extraction):
        """``build`` as pyoxigraph quads, for callers that inspect terms."""
        return quads_of(self.build(extraction).nquads())

    def _text_loss(self, out: GraphLines, d: str, doc: Document) -> None:
        """The document keeps much less text than its file shows: a ``litkg:ReadWarning`` in its graph,
        replaced and removed with it."""
        loss = doc.text_loss
        w = self.mint.local(d, "warning", "text-kept")
        out.iri(w, RDF_.type, L.ReadWarning)
        out.iri(w, L.document, d)
        out.text(w, L.sourceFile, doc.source_file)
        out.text(w, L.recordKey, doc.record_key)
        out.text(w, L.warningReason, loss.reason())
        out.typed(w, L.wordsKept, loss.words_kept, XSD_.integer)
        out.typed(w, L.wordsInFile, loss.words_in_file, XSD_.integer)

    def _kind_note(self, out: GraphLines, d: str, doc: Document) -> None:
        """The reader was unsure what the document is (news, article, something else): a
        ``litkg:ReadNote`` saying what it was read as and why, instead of a silent guess."""
        n = self.mint.local(d, "note", "kind")
        out.iri(n, RDF_.type, L.ReadNote)
        out.iri(n, L.document, d)
        out.text(n, L.sourceFile, doc.source_file)
        out.text(n, L.recordKey, doc.record_key)
        out.text(n, L.warningReason, doc.kind_note)

    # ------------------------------------------------------------ document metadata

    def _document(self, out: GraphLines, d: str, x: Extraction) -> list[str]:
        """The document's own statements; returns its DOI and PMID keys (papers only)."""
        doc = x.document
        if doc.kind is DocumentKind.ARTICLE:
            out.iri(d, RDF_.type, S.ScholarlyArticle)
            out.iri(d, RDF_.type, FABIO_.JournalArticle)
        elif doc.kind is DocumentKind.NEWS:
            out.iri(d, RDF_.type, S.NewsArticle)
        else:
            out.iri(d, RDF_.type, S.CreativeWork)
        out.text(d, S.headline, " ".join(doc.title.split()) if doc.title else None)
        date_value(out, d, S.datePublished, doc.date)
        date_value(out, d, S.dateModified, doc.date_modified)
        out.text(d, L.sourceFile, doc.source_file)
        out.text(d, L.recordKey, doc.record_key)
        out.text(d, L.contentHash, doc.content_hash)
        out.text(d, L.text, doc.text)
        out.text(d, L.reader, doc.reader)
        out.text(d, L.sourceEncoding, doc.encoding)
        out.text(d, L.extractorVersion, self.version)
        out.text(d, S.copyrightNotice, doc.copyright)
        ids = doc.identifiers
        out.text(d, PRISM_.doi, ids.doi)
        out.text(d, L.doiKey, ids.doi.lower() if ids.doi else None)
        out.text(d, FABIO_.hasPubMedId, ids.pmid)
        out.text(d, FABIO_.hasPubMedCentralId, ids.pmcid)
        self._people(out, d, doc.authors, S.author, ordered=True)
        self._people(out, d, doc.reviewers, S.reviewedBy, ordered=False)
        if doc.publisher:
            out.iri(d, S.publisher, self._organization(out, doc.publisher))
        if doc.journal and (doc.journal.name or doc.journal.abbreviation):
            j = self.mint.journal(doc.journal.abbreviation or doc.journal.name)
            out.iri(d, S.isPartOf, j)
            name = doc.journal.name or doc.journal.abbreviation
            shared = (j, name, doc.journal.abbreviation or "", doc.journal.issn or "")
            out.iri(j, RDF_.type, S.Periodical, shared=shared)
            out.text(j, S.name, name, shared=shared)
            out.text(j, S.alternateName, doc.journal.abbreviation, shared=shared)
            out.text(j, S.issn, doc.journal.issn, shared=shared)
        if doc.citation:
            out.text(d, PRISM_.volume, doc.citation.volume)
            out.text(d, PRISM_.issueIdentifier, doc.citation.issue)
            out.text(d, PRISM_.startingPage, doc.citation.first_page)
            out.text(d, PRISM_.endingPage, doc.citation.last_page)
        self._indexing(out, d, doc)
        for funder in x.funders:
            org = self._organization(out, funder.name)
            out.iri(d, S.funder, org)
            out.iri(org, PROV_.wasDerivedFrom, words(out, d, doc.text, funder.start, funder.end, funder.rule))
        for quote in doc.quotes:
            q = self.mint.local(d, "quote", quote.start, quote.end)
            out.iri(d, S.hasPart, q)
            out.iri(q, RDF_.type, S.Quotation)
            out.text(q, S.text, quote.text)
            out.text(q, L.speaker, quote.speaker)
            out.iri(q, PROV_.wasDerivedFrom, words(out, d, doc.text, quote.start, quote.end, f"{doc.reader}: quotation"))
        if x.reported:
            for journal in x.reported.journals:
                out.text(d, L.reportedJournal, journal)
            for author in x.reported.lead_authors:
                out.text(d, L.reportedAuthor, author)
            for doi in x.reported.dois:
                out.text(d, L.reportedDoi, doi)
        for name in x.trial_names:
            out.text(d, L.trialName, name)
        out.text(d, L.reportKind, x.report_kind)
        for mention in x.mentions:
            concept = self._concept(out, mention)
            out.iri(d, S.mentions, concept)
            out.iri(concept, PROV_.wasDerivedFrom, words(out, d, doc.text, mention.start, mention.end, mention.rule))
        if doc.kind is not DocumentKind.ARTICLE:
            return []
        return ([f"doi:{ids.doi.lower()}"] if ids.doi else []) + ([f"pmid:{ids.pmid}"] if ids.pmid else [])

    def _indexing(self, out: GraphLines, d: str, doc: Document) -> None:
        """What MEDLINE indexers and the record's metadata say about the document."""
        for term in doc.publication_types:
            out.iri(d, L.publicationType, self._index_term(out, term))
        for term in doc.mesh_headings:
            t = self._index_term(out, term)
            out.iri(d, L.meshHeading, t)
            if term.major:
                out.iri(d, L.majorTopic, t)
        for term in doc.substances:
            out.iri(d, L.substance, self._index_term(out, term))
        for keyword in doc.keywords:
            out.text(d, S.keywords, keyword)
        out.text(d, S.inLanguage, doc.language)
        for grant in doc.grants:
            g = self.mint.local(d, "grant", grant.identifier or "", grant.agency or "")
            out.iri(d, S.funding, g)
            out.iri(g, RDF_.type, S.Grant)
            out.text(g, S.identifier, grant.identifier)
            if grant.agency:
                org = self._organization(out, grant.agency)
                out.iri(g, S.funder, org)
                out.iri(d, S.funder, org)
                out.text(org, S.addressCountry, grant.country)
                if grant.source_field:
                    out.iri(org, PROV_.wasDerivedFrom, source_field(out, d, grant.source_field))

    def _index_term(self, out: GraphLines, term: IndexTerm) -> str:
        """MeSH terms are named by their MeSH IRI so that every record indexed with one meets there.
        A term's description (name, code) is vocabulary, not a fact of one document."""
        t = f"{MESH}{iri_part(term.code)}" if term.code else self.mint.concept("term", term.name)
        shared = (t, term.name)
        out.iri(t, RDF_.type, S.DefinedTerm, shared=shared)
        out.text(t, S.name, term.name, shared=shared)
        if term.code:
            out.text(t, S.termCode, term.code, shared=shared)
            out.iri(t, S.inDefinedTermSet, MESH_SET, shared=shared)
        return t

    def _people(self, out: GraphLines, d: str, people: tuple[Person, ...], predicate, ordered: bool) -> None:
        cells = []
        for person in people:
            if person.organization:  # a group or body named as an author
                p = self._organization(out, person.name)
                out.iri(d, predicate, p)
                cells.append(p)
                continue
            p = self.mint.person(d, person.name, person.affiliations[0] if person.affiliations else None, person.orcid)
            out.iri(d, predicate, p)
            out.iri(p, RDF_.type, S.Person)
            out.text(p, S.name, person.name)
            if person.orcid:
                out.text(p, S.identifier, person.orcid)
                out.iri(p, S.sameAs, f"https://orcid.org/{person.orcid}")
            out.text(p, S.givenName, person.given_name)
            out.text(p, S.familyName, person.family_name)
            for affiliation in person.affiliations:
                out.iri(p, S.affiliation, self._organization(out, affiliation))
            cells.append(p)
        if ordered and cells:
            nodes = [self.mint.local(d, "list", "authors", i) for i in range(len(cells))]
            out.iri(d, BIBO_.authorList, nodes[0])
            for i, (node, person_iri) in enumerate(zip(nodes, cells)):
                out.iri(node, RDF_.first, person_iri)
                out.iri(node, RDF_.rest, nodes[i + 1] if i + 1 < len(nodes) else RDF_.nil)

    def _organization(self, out: GraphLines, name: str) -> str:
        org = self.mint.organization(name)
        out.iri(org, RDF_.type, S.Organization, shared=(org, name))
        out.text(org, S.name, name, shared=(org, name))
        return org

    def _concept(self, out: GraphLines, mention) -> str:
        return concept_node(out, self.mint, mention.label, mention.concept, mention.code)
