"""Records -> quads in the document's named graph, in the vocabulary of the output contract."""

from __future__ import annotations

from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Quad

from .. import __version__
from ..records import DocumentKind, Extraction, IndexTerm, Mention, PartialDate, Person
from .iris import Minter, digest
from .vocab import BIBO, DEFAULT_BASE, FABIO, LITKG, OA, PRISM, PROV, RDF, SCHEMA, XSD

_STUDY_SECTIONS_EXCLUDED = {"background"}
_CLASS_OF = {"DRUG": SCHEMA.Drug, "THERAPY": SCHEMA.MedicalTherapy, "CONDITION": SCHEMA.MedicalCondition}
_CONCEPT_KIND = {"DRUG": "drug", "THERAPY": "therapy", "CONDITION": "condition"}
MESH = "http://id.nlm.nih.gov/mesh/"
_TRIAL_TYPES = ("clinical trial", "controlled trial")
_TRIAL_WORDS = ("randomized", "randomised", "trial", "phase 1", "phase 2", "phase 3", "phase i", "placebo")


def _n(iri: object) -> NamedNode:
    return NamedNode(str(iri))


class _Quads:
    """Collects the quads of one named graph."""

    def __init__(self, graph: str) -> None:
        self.graph = NamedNode(graph)
        self.quads: list[Quad] = []
        self._seen: set[tuple] = set()

    def add(self, subject: str, predicate: object, obj: NamedNode | Literal) -> None:
        key = (subject, str(predicate), obj)
        if key not in self._seen:
            self._seen.add(key)
            self.quads.append(Quad(NamedNode(subject), _n(predicate), obj, self.graph))

    def iri(self, subject: str, predicate: object, target: object) -> None:
        self.add(subject, predicate, _n(target))

    def text(self, subject: str, predicate: object, value: str | None) -> None:
        if value:
            self.add(subject, predicate, Literal(value))

    def typed(self, subject: str, predicate: object, value: object, datatype: object) -> None:
        if value is not None:
            self.add(subject, predicate, Literal(str(value), datatype=_n(datatype)))


class GraphBuilder:
    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.mint = Minter(base)

    def document_iri(self, extraction: Extraction) -> str:
        return self.mint.document(extraction.document)

    def study_iri(self, extraction: Extraction) -> str:
        """News stories get a study node of their own until linking resolves them to a paper's."""
        if extraction.document.kind is DocumentKind.NEWS and not extraction.registrations:
            return self.provisional_study_iri(self.document_iri(extraction))
        return self.mint.study(extraction)

    def provisional_study_iri(self, document_iri: str) -> str:
        return f"{self.mint.base}study/reported-{document_iri.rsplit('/', 1)[-1]}"

    def failure_iri(self, source_file: str) -> str:
        return f"{self.mint.base}failure/{digest(source_file)}"

    def read_failure(self, source_file: str, content_hash: str, reason: str, records_read: int) -> list[Quad]:
        """A file that could not be read (completely): kept in its own graph so users can query it."""
        f = self.failure_iri(source_file)
        out = _Quads(f)
        out.iri(f, RDF.type, LITKG.ReadFailure)
        out.text(f, LITKG.sourceFile, source_file)
        out.text(f, LITKG.contentHash, content_hash)
        out.text(f, LITKG.failureReason, reason)
        out.typed(f, LITKG.recordsRead, records_read, XSD.integer)
        out.text(f, LITKG.extractorVersion, f"litkg {__version__}")
        return out.quads

    def build(self, extraction: Extraction) -> list[Quad]:
        doc_iri = self.document_iri(extraction)
        out = _Quads(doc_iri)
        self._document(out, doc_iri, extraction)
        self._study(out, doc_iri, self.study_iri(extraction), extraction)
        return out.quads

    # ------------------------------------------------------------ document metadata

    def _document(self, out: _Quads, d: str, x: Extraction) -> None:
        doc = x.document
        if doc.kind is DocumentKind.ARTICLE:
            out.iri(d, RDF.type, SCHEMA.ScholarlyArticle)
            out.iri(d, RDF.type, FABIO.JournalArticle)
        elif doc.kind is DocumentKind.NEWS:
            out.iri(d, RDF.type, SCHEMA.NewsArticle)
        else:
            out.iri(d, RDF.type, SCHEMA.CreativeWork)
        out.text(d, SCHEMA.headline, " ".join(doc.title.split()) if doc.title else None)
        self._date(out, d, SCHEMA.datePublished, doc.date)
        self._date(out, d, SCHEMA.dateModified, doc.date_modified)
        out.text(d, LITKG.sourceFile, doc.source_file)
        out.text(d, LITKG.recordKey, doc.record_key)
        out.text(d, LITKG.contentHash, doc.content_hash)
        out.text(d, LITKG.text, doc.text)
        out.text(d, LITKG.reader, doc.reader)
        out.text(d, LITKG.sourceEncoding, doc.encoding)
        out.text(d, LITKG.extractorVersion, f"litkg {__version__}")
        out.text(d, SCHEMA.copyrightNotice, doc.copyright)
        out.text(d, PRISM.doi, doc.identifiers.doi)
        out.text(d, FABIO.hasPubMedId, doc.identifiers.pmid)
        out.text(d, FABIO.hasPubMedCentralId, doc.identifiers.pmcid)
        self._people(out, d, doc.authors, SCHEMA.author, ordered=True)
        self._people(out, d, doc.reviewers, SCHEMA.reviewedBy, ordered=False)
        if doc.publisher:
            org = self._organization(out, doc.publisher)
            out.iri(d, SCHEMA.publisher, org)
        if doc.journal and (doc.journal.name or doc.journal.abbreviation):
            j = self.mint.journal(doc.journal.abbreviation or doc.journal.name)
            out.iri(d, SCHEMA.isPartOf, j)
            out.iri(j, RDF.type, SCHEMA.Periodical)
            out.text(j, SCHEMA.name, doc.journal.name or doc.journal.abbreviation)
            out.text(j, SCHEMA.alternateName, doc.journal.abbreviation)
            out.text(j, SCHEMA.issn, doc.journal.issn)
        if doc.citation:
            out.text(d, PRISM.volume, doc.citation.volume)
            out.text(d, PRISM.issueIdentifier, doc.citation.issue)
            out.text(d, PRISM.startingPage, doc.citation.first_page)
            out.text(d, PRISM.endingPage, doc.citation.last_page)
        self._indexing(out, d, doc)
        for funder in x.funders:
            org = self._organization(out, funder.name)
            out.iri(d, SCHEMA.funder, org)
            out.iri(org, PROV.wasDerivedFrom, self._annotation(out, d, doc.text, funder.start, funder.end))
        for quote in doc.quotes:
            q = self.mint.local(d, "quote", quote.start, quote.end)
            out.iri(d, SCHEMA.hasPart, q)
            out.iri(q, RDF.type, SCHEMA.Quotation)
            out.text(q, SCHEMA.text, quote.text)
            out.text(q, LITKG.speaker, quote.speaker)
            out.iri(q, PROV.wasDerivedFrom, self._annotation(out, d, doc.text, quote.start, quote.end))
        if x.reported:
            for journal in x.reported.journals:
                out.text(d, LITKG.reportedJournal, journal)
            for author in x.reported.lead_authors:
                out.text(d, LITKG.reportedAuthor, author)
        for mention in x.mentions:
            concept = self._concept(out, mention)
            out.iri(d, SCHEMA.mentions, concept)
            out.iri(concept, PROV.wasDerivedFrom, self._annotation(out, d, doc.text, mention.start, mention.end))

    def _indexing(self, out: _Quads, d: str, doc) -> None:
        """What MEDLINE indexers and the record's metadata say about the document."""
        for term in doc.publication_types:
            out.iri(d, LITKG.publicationType, self._index_term(out, term))
        for term in doc.mesh_headings:
            t = self._index_term(out, term)
            out.iri(d, LITKG.meshHeading, t)
            if term.major:
                out.iri(d, LITKG.majorTopic, t)
        for term in doc.substances:
            out.iri(d, LITKG.substance, self._index_term(out, term))
        for keyword in doc.keywords:
            out.text(d, SCHEMA.keywords, keyword)
        out.text(d, SCHEMA.inLanguage, doc.language)
        for grant in doc.grants:
            g = self.mint.local(d, "grant", grant.identifier or "", grant.agency or "")
            out.iri(d, SCHEMA.funding, g)
            out.iri(g, RDF.type, SCHEMA.Grant)
            out.text(g, SCHEMA.identifier, grant.identifier)
            if grant.agency:
                org = self._organization(out, grant.agency)
                out.iri(g, SCHEMA.funder, org)
                out.iri(d, SCHEMA.funder, org)
                out.text(org, SCHEMA.addressCountry, grant.country)

    def _index_term(self, out: _Quads, term: IndexTerm) -> str:
        """MeSH terms are named by their MeSH IRI so that every record indexed with one meets there."""
        t = f"{MESH}{term.code}" if term.code else self.mint.concept("term", term.name)
        out.iri(t, RDF.type, SCHEMA.DefinedTerm)
        out.text(t, SCHEMA.name, term.name)
        if term.code:
            out.text(t, SCHEMA.termCode, term.code)
            out.iri(t, SCHEMA.inDefinedTermSet, MESH)
        return t

    def _date(self, out: _Quads, subject: str, predicate: object, date: PartialDate | None) -> None:
        if date is None:
            return
        datatype = XSD.date if date.day else XSD.gYearMonth if date.month else XSD.gYear
        out.typed(subject, predicate, date.iso(), datatype)

    def _people(self, out: _Quads, d: str, people: tuple[Person, ...], predicate: object, ordered: bool) -> None:
        cells = []
        for person in people:
            p = self.mint.person(d, person.name)
            out.iri(d, predicate, p)
            out.iri(p, RDF.type, SCHEMA.Person)
            out.text(p, SCHEMA.name, person.name)
            out.text(p, SCHEMA.givenName, person.given_name)
            out.text(p, SCHEMA.familyName, person.family_name)
            for affiliation in person.affiliations:
                out.iri(p, SCHEMA.affiliation, self._organization(out, affiliation))
            cells.append(p)
        if ordered and cells:
            nodes = [self.mint.local(d, "list", "authors", i) for i in range(len(cells))]
            out.iri(d, BIBO.authorList, nodes[0])
            for i, (node, person_iri) in enumerate(zip(nodes, cells)):
                out.iri(node, RDF.first, person_iri)
                out.iri(node, RDF.rest, nodes[i + 1] if i + 1 < len(nodes) else RDF.nil)

    def _organization(self, out: _Quads, name: str) -> str:
        org = self.mint.organization(name)
        out.iri(org, RDF.type, SCHEMA.Organization)
        out.text(org, SCHEMA.name, name)
        return org

    def _concept(self, out: _Quads, mention: Mention) -> str:
        c = self.mint.concept(_CONCEPT_KIND[mention.label], mention.concept)
        out.iri(c, RDF.type, _CLASS_OF[mention.label])
        out.text(c, SCHEMA.name, mention.concept)
        if mention.code:
            code = f"{c}#mesh"
            out.iri(c, SCHEMA.code, code)
            out.iri(code, RDF.type, SCHEMA.MedicalCode)
            out.text(code, SCHEMA.codingSystem, "MeSH")
            out.text(code, SCHEMA.codeValue, mention.code)
        return c

    def _annotation(self, out: _Quads, d: str, text: str, start: int, end: int) -> str:
        a = self.mint.local(d, "annotation", start, end)
        target = f"{a}#target"
        position = f"{a}#position"
        quote = f"{a}#quote"
        out.iri(a, RDF.type, OA.Annotation)
        out.iri(a, OA.hasTarget, target)
        out.iri(target, OA.hasSource, d)
        out.iri(target, OA.hasSelector, position)
        out.iri(target, OA.hasSelector, quote)
        out.iri(position, RDF.type, OA.TextPositionSelector)
        out.typed(position, OA.start, start, XSD.nonNegativeInteger)
        out.typed(position, OA.end, end, XSD.nonNegativeInteger)
        out.iri(quote, RDF.type, OA.TextQuoteSelector)
        out.add(quote, OA.exact, Literal(text[start:end]))
        return a

    # ------------------------------------------------------------ the study

    def _study(self, out: _Quads, d: str, s: str, x: Extraction) -> None:
        doc = x.document
        out.iri(d, SCHEMA.about, s)
        out.iri(s, RDF.type, SCHEMA.MedicalStudy)
        lowered = doc.text.lower()
        trial_type = any(word in t.name.lower() for t in doc.publication_types for word in _TRIAL_TYPES)
        if x.registrations or trial_type or any(word in lowered for word in _TRIAL_WORDS):
            out.iri(s, RDF.type, SCHEMA.MedicalTrial)
        if doc.kind is DocumentKind.NEWS and not x.registrations:
            out.typed(s, LITKG.unresolved, "true", XSD.boolean)
        for registration in x.registrations:
            r = registration.iri
            out.iri(s, LITKG.registration, r)
            out.iri(r, RDF.type, LITKG.TrialRegistration)
            out.text(r, SCHEMA.identifier, registration.identifier)
            out.text(r, LITKG.registry, registration.registry)
            if registration.start is None or registration.end is None:
                out.text(r, LITKG.fromMetadata, registration.metadata)
            else:
                out.iri(r, PROV.wasDerivedFrom, self._annotation(out, d, doc.text, registration.start, registration.end))
        for mention in x.mentions:
            if mention.label == "CONDITION" or mention.section in _STUDY_SECTIONS_EXCLUDED:
                continue
            concept = self.mint.concept(_CONCEPT_KIND[mention.label], mention.concept)
            if mention.negated:
                out.iri(s, LITKG.notGiven, concept)
            elif not mention.hedged:
                out.iri(s, SCHEMA.studySubject, concept)
        for mention in x.population_conditions:
            out.iri(s, SCHEMA.healthCondition, self.mint.concept("condition", mention.concept))
        if x.enrollments:
            out.typed(s, LITKG.enrollment, x.enrollments[0].count, XSD.integer)
        for statement in x.endpoints:
            if not statement.declared or statement.section in _STUDY_SECTIONS_EXCLUDED:
                continue  # an outcome only mentioned, or named in the background, is not one this study declared
            e = self._endpoint(out, statement.endpoint)
            out.iri(s, LITKG.primaryEndpoint if statement.primary else LITKG.measuredEndpoint, e)
            out.iri(s, LITKG.measuredEndpoint, e)
        for result in x.results:
            res = self.mint.local(d, "result", result.start, result.end, result.statistic)
            out.iri(s, LITKG.result, res)
            out.iri(res, RDF.type, LITKG.Result)
            out.iri(res, LITKG.statistic, getattr(LITKG, result.statistic))
            if result.endpoint:
                e = self._endpoint(out, result.endpoint)
                out.iri(res, LITKG.endpoint, e)
                out.iri(s, LITKG.measuredEndpoint, e)
            out.text(res, LITKG.endpointText, result.endpoint_text)
            _decimal(out, res, SCHEMA.value, result.value)
            out.text(res, SCHEMA.unitText, result.unit)
            _decimal(out, res, LITKG.ciLower, result.ci_lower)
            _decimal(out, res, LITKG.ciUpper, result.ci_upper)
            _decimal(out, res, LITKG.ciLevel, result.ci_level)
            _decimal(out, res, LITKG.rangeLower, result.range_lower)
            _decimal(out, res, LITKG.rangeUpper, result.range_upper)
            out.typed(res, LITKG.count, result.count, XSD.integer)
            out.typed(res, LITKG.denominator, result.denominator, XSD.integer)
            _decimal(out, res, LITKG.percentage, result.percent)
            _decimal(out, res, LITKG.standardError if result.spread_kind == "SE" else LITKG.standardDeviation, result.spread)
            if result.time_frame:
                out.text(res, LITKG.timeFrame, result.time_frame.text)
                out.typed(res, LITKG.timeFrameDuration, result.time_frame.duration, XSD.duration)
            out.text(res, LITKG.armText, result.arm_text)
            out.text(res, LITKG.pValue, result.p_value)
            out.iri(res, PROV.wasDerivedFrom, self._annotation(out, d, doc.text, result.start, result.end))

    def _endpoint(self, out: _Quads, name: str) -> str:
        e = self.mint.concept("endpoint", name)
        out.iri(e, RDF.type, LITKG.Endpoint)
        out.text(e, SCHEMA.name, name)
        return e


def _decimal(out: _Quads, subject: str, predicate: object, value: Decimal | None) -> None:
    if value is not None:
        out.typed(subject, predicate, format(value, "f"), XSD.decimal)
