"""Records -> quads in the document's named graph, in the vocabulary of the output contract."""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import quote

from pyoxigraph import NamedNode, Quad, RdfFormat, parse

from .. import __version__
from ..nlp.allocation import ALLOCATED
from ..records import Document, DocumentKind, Enrollment, Extraction, IndexTerm, Mention, PartialDate, Person
from .iris import Minter, digest, iri_part
from .vocab import BIBO, DEFAULT_BASE, FABIO, LITKG, NIF, PRISM, PROV, RDF, SCHEMA, XSD


class Term(str):
    """An IRI already written as an N-Quads term, ``<...>``."""


class _Terms:
    """N-Quads terms for one rdflib namespace, each made once on first use (rdflib's attribute
    look-up costs microseconds, and the builder asks for a term ~150 times per record)."""

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> Term:
        term = Term(f"<{getattr(self._namespace, name)}>")
        setattr(self, name, term)
        return term


_S, _L, _RDF, _NIF, _PROV, _XSD = (_Terms(ns) for ns in (SCHEMA, LITKG, RDF, NIF, PROV, XSD))
_FABIO, _PRISM, _BIBO = (_Terms(ns) for ns in (FABIO, PRISM, BIBO))
_STUDY_SECTIONS_EXCLUDED = {"background"}
_CLASS_OF = {"DRUG": _S.Drug, "THERAPY": _S.MedicalTherapy, "CONDITION": _S.MedicalCondition}
_CONCEPT_KIND = {"DRUG": "drug", "THERAPY": "therapy", "CONDITION": "condition"}
MESH = "http://id.nlm.nih.gov/mesh/"
_MESH = Term(f"<{MESH}>")
_TRIAL_TYPES = ("clinical trial", "controlled trial")
_TRIAL_WORDS = ("randomized", "randomised", "trial", "phase 1", "phase 2", "phase 3", "phase i", "placebo")
# IRIs whose every character N-Quads and RFC 3987 accept as they are; anything else is checked by pyoxigraph
_IRI_CHARS = r"[A-Za-z0-9._~:/?@!$&'()*+,;=-]*"
_PLAIN_IRI = re.compile(rf"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/{_IRI_CHARS})?(?:#{_IRI_CHARS})?")
_ESCAPED = re.compile(r'["\\\x00-\x1f\x7f]')
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _escape(match: re.Match) -> str:
    ch = match.group()
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04X}"


def literal(value: str, datatype: Term | None = None) -> str:
    """An N-Quads literal, escaped as Oxigraph writes it."""
    value = _ESCAPED.sub(_escape, value)
    return f'"{value}"^^{datatype}' if datatype else f'"{value}"'


def iri_term(iri: str) -> Term:
    """``<iri>``; an IRI that is not plain ASCII is validated (ValueError if invalid), so that one
    bad identifier fails its document, not the batch it would be bulk-loaded with."""
    if not _PLAIN_IRI.fullmatch(iri):
        NamedNode(iri)
    return Term(f"<{iri}>")


def quads_of(nquads: bytes) -> list[Quad]:
    """N-Quads text as pyoxigraph quads."""
    return list(parse(nquads, format=RdfFormat.N_QUADS))


class _Quads:
    """Collects the N-Quads lines of one named graph (and, for shared vocabulary, of another).
    Writing the text directly costs a fraction of making pyoxigraph terms and serialising them."""

    def __init__(self, graph: str, vocabulary: str | None = None) -> None:
        self.graph = f" {iri_term(graph)} .\n"
        self.vocabulary = f" {iri_term(vocabulary)} .\n" if vocabulary else self.graph
        self.lines: list[str] = []
        self._nodes: dict[str, Term] = {}
        self.spans: set[str] = set()  # provenance nodes already described in this graph

    def node(self, iri: str) -> Term:
        found = self._nodes.get(iri)
        if found is None:
            found = self._nodes[iri] = iri_term(iri)
        return found

    def add(self, subject: str, predicate: Term, obj: str, shared: bool = False) -> None:
        self.lines.append(f"{self.node(subject)} {predicate} {obj}{self.vocabulary if shared else self.graph}")

    def iri(self, subject: str, predicate: Term, target: str, shared: bool = False) -> None:
        self.add(subject, predicate, target if isinstance(target, Term) else self.node(target), shared)

    def text(self, subject: str, predicate: Term, value: str | None, shared: bool = False) -> None:
        if value:
            self.add(subject, predicate, literal(value), shared)

    def typed(self, subject: str, predicate: Term, value: object, datatype: Term) -> None:
        if value is not None:
            self.add(subject, predicate, literal(str(value), datatype))

    def nquads(self) -> bytes:
        """The lines, each once: a concept mentioned twice gives its ``schema:mentions`` line twice (~2% of a
        MEDLINE record's lines), and every line costs the store's bulk loader more than this check."""
        return "".join(dict.fromkeys(self.lines)).encode("utf-8")

    def quads(self) -> list[Quad]:
        return quads_of(self.nquads())


class _Described:
    """Keys of descriptions already written to the vocabulary graph in this output. Bounded: when
    full it starts again, which only repeats a few descriptions (the store holds each quad once)
    and keeps memory flat however many records one process reads."""

    LIMIT = 200_000

    def __init__(self) -> None:
        self._keys: set[tuple[str, ...]] = set()

    def first(self, *key: str) -> bool:
        if key in self._keys:
            return False
        if len(self._keys) >= self.LIMIT:
            self._keys.clear()
        self._keys.add(key)
        return True

    def clear(self) -> None:
        self._keys.clear()


class GraphBuilder:
    """Records -> quads. What a document states goes to its own named graph; the descriptions of
    things many documents share (concepts, endpoints, organisations, journals, registrations and
    MeSH terms: type, name, code) go to one vocabulary graph, once per output. Stating a concept's
    name in every document graph would make the union default graph, which SPARQL engines read as a
    bag, repeat each row once per document that names the concept."""

    def __init__(self, base: str = DEFAULT_BASE, tagged: bool = False) -> None:
        self.mint = Minter(base)
        self.vocabulary_graph = f"{self.mint.base}vocabulary"
        self._described = _Described()
        # what made the graphs: a run with the outcome tagger re-extracts files stored without it
        self.version = f"litkg {__version__}" + (" +outcome-tagger" if tagged else "")

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
        out.iri(f, _RDF.type, _L.ReadFailure)
        out.text(f, _L.sourceFile, source_file)
        out.text(f, _L.contentHash, content_hash)
        out.text(f, _L.failureReason, reason)
        out.typed(f, _L.recordsRead, records_read, _XSD.integer)
        out.text(f, _L.extractorVersion, self.version)
        return out.quads()

    def start_output(self) -> None:
        """A new destination (a run, a shard): shared things are described again once in it."""
        self._described.clear()

    def file_iri(self, source_file: str) -> str:
        return f"{self.mint.base}file/{digest(source_file)}"

    def extracted_file(self, source_file: str, content_hash: str, documents: int) -> list[Quad]:
        """The mark that a file was read completely; until it is stored, the next run reads the file again."""
        f = self.file_iri(source_file)
        out = _Quads(f)
        out.iri(f, _RDF.type, _L.ExtractedFile)
        out.text(f, _L.sourceFile, source_file)
        out.text(f, _L.contentHash, content_hash)
        out.typed(f, _L.recordsRead, documents, _XSD.integer)
        out.text(f, _L.extractorVersion, self.version)
        return out.quads()

    def build(self, extraction: Extraction) -> bytes:
        """The document's graph (and the first descriptions of shared things) as N-Quads."""
        doc_iri = self.document_iri(extraction)
        out = _Quads(doc_iri, self.vocabulary_graph)
        self._document(out, doc_iri, extraction)
        self._study(out, doc_iri, self.study_iri(extraction), extraction)
        if extraction.document.text_loss:
            self._text_loss(out, doc_iri, extraction.document)
        return out.nquads()

    def _text_loss(self, out: _Quads, d: str, doc: Document) -> None:
        """The document keeps much less text than its file shows: a ``litkg:ReadWarning`` in its graph,
        replaced and removed with it."""
        loss = doc.text_loss
        w = self.mint.local(d, "warning", "text-kept")
        out.iri(w, _RDF.type, _L.ReadWarning)
        out.iri(w, _L.document, d)
        out.text(w, _L.sourceFile, doc.source_file)
        out.text(w, _L.recordKey, doc.record_key)
        out.text(w, _L.warningReason, loss.reason())
        out.typed(w, _L.wordsKept, loss.words_kept, _XSD.integer)
        out.typed(w, _L.wordsInFile, loss.words_in_file, _XSD.integer)

    def build_quads(self, extraction: Extraction) -> list[Quad]:
        """``build`` as pyoxigraph quads, for callers that inspect terms."""
        return quads_of(self.build(extraction))

    # ------------------------------------------------------------ document metadata

    def _document(self, out: _Quads, d: str, x: Extraction) -> None:
        doc = x.document
        if doc.kind is DocumentKind.ARTICLE:
            out.iri(d, _RDF.type, _S.ScholarlyArticle)
            out.iri(d, _RDF.type, _FABIO.JournalArticle)
        elif doc.kind is DocumentKind.NEWS:
            out.iri(d, _RDF.type, _S.NewsArticle)
        else:
            out.iri(d, _RDF.type, _S.CreativeWork)
        out.text(d, _S.headline, " ".join(doc.title.split()) if doc.title else None)
        self._date(out, d, _S.datePublished, doc.date)
        self._date(out, d, _S.dateModified, doc.date_modified)
        out.text(d, _L.sourceFile, doc.source_file)
        out.text(d, _L.recordKey, doc.record_key)
        out.text(d, _L.contentHash, doc.content_hash)
        out.text(d, _L.text, doc.text)
        out.text(d, _L.reader, doc.reader)
        out.text(d, _L.sourceEncoding, doc.encoding)
        out.text(d, _L.extractorVersion, self.version)
        out.text(d, _S.copyrightNotice, doc.copyright)
        out.text(d, _PRISM.doi, doc.identifiers.doi)
        out.text(d, _L.doiKey, doc.identifiers.doi.lower() if doc.identifiers.doi else None)
        out.text(d, _FABIO.hasPubMedId, doc.identifiers.pmid)
        out.text(d, _FABIO.hasPubMedCentralId, doc.identifiers.pmcid)
        self._people(out, d, doc.authors, _S.author, ordered=True)
        self._people(out, d, doc.reviewers, _S.reviewedBy, ordered=False)
        if doc.publisher:
            org = self._organization(out, doc.publisher)
            out.iri(d, _S.publisher, org)
        if doc.journal and (doc.journal.name or doc.journal.abbreviation):
            j = self.mint.journal(doc.journal.abbreviation or doc.journal.name)
            out.iri(d, _S.isPartOf, j)
            name = doc.journal.name or doc.journal.abbreviation
            if self._described.first(j, name, doc.journal.abbreviation or "", doc.journal.issn or ""):
                out.iri(j, _RDF.type, _S.Periodical, shared=True)
                out.text(j, _S.name, name, shared=True)
                out.text(j, _S.alternateName, doc.journal.abbreviation, shared=True)
                out.text(j, _S.issn, doc.journal.issn, shared=True)
        if doc.citation:
            out.text(d, _PRISM.volume, doc.citation.volume)
            out.text(d, _PRISM.issueIdentifier, doc.citation.issue)
            out.text(d, _PRISM.startingPage, doc.citation.first_page)
            out.text(d, _PRISM.endingPage, doc.citation.last_page)
        self._indexing(out, d, doc)
        for funder in x.funders:
            org = self._organization(out, funder.name)
            out.iri(d, _S.funder, org)
            out.iri(org, _PROV.wasDerivedFrom, self._span(out, d, doc.text, funder.start, funder.end))
        for quote in doc.quotes:
            q = self.mint.local(d, "quote", quote.start, quote.end)
            out.iri(d, _S.hasPart, q)
            out.iri(q, _RDF.type, _S.Quotation)
            out.text(q, _S.text, quote.text)
            out.text(q, _L.speaker, quote.speaker)
            out.iri(q, _PROV.wasDerivedFrom, self._span(out, d, doc.text, quote.start, quote.end))
        if x.reported:
            for journal in x.reported.journals:
                out.text(d, _L.reportedJournal, journal)
            for author in x.reported.lead_authors:
                out.text(d, _L.reportedAuthor, author)
            for doi in x.reported.dois:
                out.text(d, _L.reportedDoi, doi)
        for name in x.trial_names:
            out.text(d, _L.trialName, name)
        out.text(d, _L.reportKind, x.report_kind)
        for mention in x.mentions:
            concept = self._concept(out, mention)
            out.iri(d, _S.mentions, concept)
            out.iri(concept, _PROV.wasDerivedFrom, self._span(out, d, doc.text, mention.start, mention.end))

    def _indexing(self, out: _Quads, d: str, doc) -> None:
        """What MEDLINE indexers and the record's metadata say about the document."""
        for term in doc.publication_types:
            out.iri(d, _L.publicationType, self._index_term(out, term))
        for term in doc.mesh_headings:
            t = self._index_term(out, term)
            out.iri(d, _L.meshHeading, t)
            if term.major:
                out.iri(d, _L.majorTopic, t)
        for term in doc.substances:
            out.iri(d, _L.substance, self._index_term(out, term))
        for keyword in doc.keywords:
            out.text(d, _S.keywords, keyword)
        out.text(d, _S.inLanguage, doc.language)
        for grant in doc.grants:
            g = self.mint.local(d, "grant", grant.identifier or "", grant.agency or "")
            out.iri(d, _S.funding, g)
            out.iri(g, _RDF.type, _S.Grant)
            out.text(g, _S.identifier, grant.identifier)
            if grant.agency:
                org = self._organization(out, grant.agency)
                out.iri(g, _S.funder, org)
                out.iri(d, _S.funder, org)
                out.text(org, _S.addressCountry, grant.country)
                if grant.source_field:
                    out.iri(org, _PROV.wasDerivedFrom, self._field(out, d, grant.source_field))

    def _index_term(self, out: _Quads, term: IndexTerm) -> str:
        """MeSH terms are named by their MeSH IRI so that every record indexed with one meets there.
        A term's description (name, code) is vocabulary, not a fact of one document: it goes to the
        shared vocabulary graph, once per term and process, instead of into every record's graph."""
        t = f"{MESH}{iri_part(term.code)}" if term.code else self.mint.concept("term", term.name)
        if not self._described.first(t, term.name):
            return t
        out.iri(t, _RDF.type, _S.DefinedTerm, shared=True)
        out.text(t, _S.name, term.name, shared=True)
        if term.code:
            out.text(t, _S.termCode, term.code, shared=True)
            out.iri(t, _S.inDefinedTermSet, _MESH, shared=True)
        return t

    def _date(self, out: _Quads, subject: str, predicate: object, date: PartialDate | None) -> None:
        if date is None:
            return
        datatype = _XSD.date if date.day else _XSD.gYearMonth if date.month else _XSD.gYear
        out.typed(subject, predicate, date.iso(), datatype)

    def _people(self, out: _Quads, d: str, people: tuple[Person, ...], predicate: object, ordered: bool) -> None:
        cells = []
        for person in people:
            p = self.mint.person(d, person.name, person.affiliations[0] if person.affiliations else None, person.orcid)
            out.iri(d, predicate, p)
            out.iri(p, _RDF.type, _S.Person)
            out.text(p, _S.name, person.name)
            if person.orcid:
                out.text(p, _S.identifier, person.orcid)
                out.iri(p, _S.sameAs, f"https://orcid.org/{person.orcid}")
            out.text(p, _S.givenName, person.given_name)
            out.text(p, _S.familyName, person.family_name)
            for affiliation in person.affiliations:
                out.iri(p, _S.affiliation, self._organization(out, affiliation))
            cells.append(p)
        if ordered and cells:
            nodes = [self.mint.local(d, "list", "authors", i) for i in range(len(cells))]
            out.iri(d, _BIBO.authorList, nodes[0])
            for i, (node, person_iri) in enumerate(zip(nodes, cells)):
                out.iri(node, _RDF.first, person_iri)
                out.iri(node, _RDF.rest, nodes[i + 1] if i + 1 < len(nodes) else _RDF.nil)

    def _organization(self, out: _Quads, name: str) -> str:
        org = self.mint.organization(name)
        if self._described.first(org, name):
            out.iri(org, _RDF.type, _S.Organization, shared=True)
            out.text(org, _S.name, name, shared=True)
        return org

    def _concept(self, out: _Quads, mention: Mention) -> str:
        c = self.mint.concept(_CONCEPT_KIND[mention.label], mention.concept)
        if not self._described.first(c, mention.concept, mention.code or ""):
            return c
        out.iri(c, _RDF.type, _CLASS_OF[mention.label], shared=True)
        out.text(c, _S.name, mention.concept, shared=True)
        if mention.code:
            code = f"{c}#mesh"
            out.iri(c, _S.code, code, shared=True)
            out.iri(code, _RDF.type, _S.MedicalCode, shared=True)
            out.text(code, _S.codingSystem, "MeSH", shared=True)
            out.text(code, _S.codeValue, mention.code, shared=True)
        return c

    def _span(self, out: _Quads, d: str, text: str, start: int, end: int) -> str:
        """The words a fact was read from: an RFC 5147 fragment of the document IRI with the NIF core
        properties (contract v2), described once per graph however many facts share it."""
        m = f"{d}#char={start},{end}"
        if m not in out.spans:
            out.spans.add(m)
            out.iri(m, _RDF.type, _NIF.OffsetBasedString)
            out.iri(m, _NIF.referenceContext, d)
            # xsd:integer, as Oxigraph stores it (it folds xsd:nonNegativeInteger into xsd:integer)
            out.typed(m, _NIF.beginIndex, start, _XSD.integer)
            out.typed(m, _NIF.endIndex, end, _XSD.integer)
            out.add(m, _NIF.anchorOf, literal(text[start:end]))
        return m

    def _field(self, out: _Quads, d: str, field: str) -> str:
        """A structured field of the source a fact was read from (no words of the text state it)."""
        m = f"{d}#field={quote(field, safe='/')}"
        if m not in out.spans:
            out.spans.add(m)
            out.iri(m, _NIF.referenceContext, d)
            out.text(m, _L.sourceField, field)
        return m

    # ------------------------------------------------------------ the study

    def _study(self, out: _Quads, d: str, s: str, x: Extraction) -> None:
        doc = x.document
        out.iri(d, _S.about, s)
        out.iri(s, _RDF.type, _S.MedicalStudy)
        lowered = doc.text.lower()
        trial_type = any(word in t.name.lower() for t in doc.publication_types for word in _TRIAL_TYPES)
        if x.registrations or trial_type or any(word in lowered for word in _TRIAL_WORDS):
            out.iri(s, _RDF.type, _S.MedicalTrial)
        if doc.kind is DocumentKind.NEWS and not x.registrations:
            out.typed(s, _L.unresolved, "true", _XSD.boolean)
        for registration in x.registrations:
            r = registration.iri
            out.iri(s, _L.registration, r)
            if self._described.first(r):
                out.iri(r, _RDF.type, _L.TrialRegistration, shared=True)
                out.text(r, _S.identifier, registration.identifier, shared=True)
                out.text(r, _L.registry, registration.registry, shared=True)
            if registration.start is None or registration.end is None:
                out.iri(r, _PROV.wasDerivedFrom, self._field(out, d, registration.metadata or "metadata"))
            else:
                out.iri(r, _PROV.wasDerivedFrom, self._span(out, d, doc.text, registration.start, registration.end))
        for mention in x.mentions:
            if mention.label == "CONDITION" or mention.section in _STUDY_SECTIONS_EXCLUDED or mention.substance_class:
                continue
            concept = self.mint.concept(_CONCEPT_KIND[mention.label], mention.concept)
            if mention.negated:
                out.iri(s, _L.notGiven, concept)
            elif not mention.hedged:
                out.iri(s, _S.studySubject, concept)
        for mention in x.population_conditions:
            c = self.mint.concept("condition", mention.concept)
            out.iri(s, _S.healthCondition, c)
            out.iri(c, _PROV.wasDerivedFrom, self._span(out, d, doc.text, mention.start, mention.end))
        if x.enrollments:
            self._population(out, d, s, doc.text, x.enrollments[0], x.population_conditions)
        for statement in x.endpoints:
            e = self._endpoint(out, statement.endpoint)
            out.iri(d, _S.mentions, e)  # every outcome phrase is in the graph with its words, declared or not
            out.iri(e, _PROV.wasDerivedFrom, self._span(out, d, doc.text, statement.start, statement.end))
            if not statement.declared or statement.section in _STUDY_SECTIONS_EXCLUDED:
                continue  # an outcome only mentioned, or named in the background, is not one this study declared
            out.iri(s, _L.primaryEndpoint if statement.primary else _L.measuredEndpoint, e)
            out.iri(s, _L.measuredEndpoint, e)
        for result in x.results:
            res = self.mint.local(d, "result", result.start, result.end, result.statistic)
            out.iri(s, _L.result, res)
            out.iri(res, _RDF.type, _L.Result)
            out.iri(res, _L.statistic, getattr(_L, result.statistic))
            if result.endpoint:
                e = self._endpoint(out, result.endpoint)
                out.iri(res, _L.endpoint, e)
                words = self._span(out, d, doc.text, *result.endpoint_source())
                out.iri(e, _PROV.wasDerivedFrom, words)
                if result.endpoint_span() is not None:
                    out.iri(res, _L.endpointMention, words)
                if result.endpoint != ALLOCATED:  # how many were allocated is not an outcome the study assessed
                    out.iri(s, _L.measuredEndpoint, e)
            out.text(res, _L.endpointText, result.endpoint_text)
            _decimal(out, res, _S.value, result.value)
            out.text(res, _S.unitText, result.unit)
            _decimal(out, res, _L.ciLower, result.ci_lower)
            _decimal(out, res, _L.ciUpper, result.ci_upper)
            _decimal(out, res, _L.ciLevel, result.ci_level)
            _decimal(out, res, _L.rangeLower, result.range_lower)
            _decimal(out, res, _L.rangeUpper, result.range_upper)
            out.typed(res, _L.count, result.count, _XSD.integer)
            out.typed(res, _L.denominator, result.denominator, _XSD.integer)
            _decimal(out, res, _L.percentage, result.percent)
            _decimal(out, res, _L.standardError if result.spread_kind == "SE" else _L.standardDeviation, result.spread)
            if result.time_frame:
                frame = result.time_frame
                out.text(res, _L.timeFrame, frame.text)
                out.typed(res, _L.timeFrameDuration, frame.duration, _XSD.duration)
                if frame.start is not None and frame.end is not None:
                    out.iri(res, _L.timeFrameMention, self._span(out, d, doc.text, frame.start, frame.end))
            out.text(res, _L.armText, result.arm_text)
            out.text(res, _L.pValue, result.p_value)
            out.iri(res, _PROV.wasDerivedFrom, self._span(out, d, doc.text, result.start, result.end))

    def _population(self, out: _Quads, d: str, s: str, text: str, enrollment: Enrollment,
                    conditions: tuple[Mention, ...]) -> None:
        """Who was enrolled, as the words describe them ("10 patients with relapsed ... lymphoma"), how
        many (also ``litkg:enrollment`` on the study, v1), the conditions those words name, and where."""
        start, end = enrollment.described()
        p = self.mint.local(d, "population", start, end)
        out.typed(s, _L.enrollment, enrollment.count, _XSD.integer)
        out.iri(s, _L.population, p)
        out.iri(p, _RDF.type, _L.Population)
        out.text(p, _L.description, " ".join(text[start:end].split()))
        out.typed(p, _L.size, enrollment.count, _XSD.integer)
        out.iri(p, _PROV.wasDerivedFrom, self._span(out, d, text, start, end))
        for mention in enrollment.names(conditions):
            out.iri(p, _S.healthCondition, self.mint.concept("condition", mention.concept))
            out.iri(p, _PROV.wasDerivedFrom, self._span(out, d, text, mention.start, mention.end))

    def _endpoint(self, out: _Quads, name: str) -> str:
        e = self.mint.concept("endpoint", name)
        if self._described.first(e, name):
            out.iri(e, _RDF.type, _L.Endpoint, shared=True)
            out.text(e, _S.name, name, shared=True)
        return e


def _decimal(out: _Quads, subject: str, predicate: object, value: Decimal | None) -> None:
    if value is not None:
        out.typed(subject, predicate, format(value, "f"), _XSD.decimal)
