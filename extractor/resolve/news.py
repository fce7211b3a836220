"""Linking news stories to the papers they report, by journal, date, first author and content.

Runs over the store after extraction, so it does not depend on the order in which files were
read. A story whose best candidate scores under the threshold keeps its own study node, marked
``litkg:unresolved``. The scoring is in :mod:`evidence`; this module asks the store and rewrites.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from decimal import Decimal

import pyoxigraph as ox

from ..graph.iris import Minter
from ..graph.vocab import BIBO, LITKG, PRISM, RDF, SCHEMA, XSD
from ..store import Store
from ..vocabularies import journal_key
from .evidence import (
    NEWS_LAG_DAYS,
    Article,
    Link,
    Stated,
    Story,
    best_link,
    correspondences,
    iso_date,
    spellings,
)
from .scope import Scope
from .studies import resolve_studies

_CHUNK = 500
_SEP = "\u001f"

_NEWS = f"""
SELECT ?n ?about ?date (GROUP_CONCAT(DISTINCT ?j; SEPARATOR="\\u001f") AS ?journals)
       (GROUP_CONCAT(DISTINCT ?a; SEPARATOR="\\u001f") AS ?authors) (GROUP_CONCAT(DISTINCT ?doi; SEPARATOR="\\u001f") AS ?dois)
       (GROUP_CONCAT(DISTINCT ?tn; SEPARATOR="\\u001f") AS ?trials) (SAMPLE(?reg) AS ?registration) WHERE {{
  GRAPH ?n {{ ?n a <{SCHEMA.NewsArticle}> ; <{SCHEMA.about}> ?about .
    OPTIONAL {{ ?n <{SCHEMA.datePublished}> ?date }}
    OPTIONAL {{ ?n <{LITKG.reportedJournal}> ?j }} OPTIONAL {{ ?n <{LITKG.reportedAuthor}> ?a }}
    OPTIONAL {{ ?n <{LITKG.reportedDoi}> ?doi }} OPTIONAL {{ ?n <{LITKG.trialName}> ?tn }}
    OPTIONAL {{ ?about <{LITKG.registration}> ?reg }} }}
}} GROUP BY ?n ?about ?date"""

_ARTICLES = f"""
SELECT ?a ?study ?date ?j ?first ?doi ?tn ?kind WHERE {{
  GRAPH ?a {{ ?a a <{SCHEMA.ScholarlyArticle}> ; <{SCHEMA.about}> ?study .
    OPTIONAL {{ ?a <{SCHEMA.datePublished}> ?date }}
    OPTIONAL {{ ?a <{SCHEMA.isPartOf}> ?j }}
    OPTIONAL {{ ?a <{BIBO.authorList}>/<{RDF.first}>/<{SCHEMA.familyName}> ?first }}
    OPTIONAL {{ ?a <{PRISM.doi}> ?doi }} OPTIONAL {{ ?a <{LITKG.trialName}> ?tn }}
    OPTIONAL {{ ?a <{LITKG.reportKind}> ?kind }} }}
}}"""  # ?a is bound by VALUES inside the GRAPH block (see _values_in), so the OPTIONALs look only at those graphs

# Candidate papers for a story, each by an index look-up: a paper can only score over the threshold
# if it has the DOI the story cites, is the story's registered study, or shares a trial name, the
# first author, or the journal with a date inside the news lag (see evidence.bibliographic). The
# look-ups bind as little as they can (no rdf:type: Oxigraph would start from it); Candidates.describe keeps papers only.
_BY_DOI = f"SELECT DISTINCT ?a WHERE {{ GRAPH ?a {{ ?a <{LITKG.doiKey}> ?key }} }}"
_BY_STUDY = f"SELECT DISTINCT ?a WHERE {{ GRAPH ?a {{ ?a <{SCHEMA.about}> ?study }} }}"
_BY_FIRST_AUTHOR = (f"SELECT DISTINCT ?a WHERE {{ GRAPH ?a {{ ?p <{SCHEMA.familyName}> ?name . "
                    f"?list <{RDF.first}> ?p . ?a <{BIBO.authorList}> ?list }} }}")
_BY_JOURNAL_AND_DATES = (f"SELECT DISTINCT ?a WHERE {{ GRAPH ?a {{ ?a <{SCHEMA.isPartOf}> ?j ; "
                         f"<{SCHEMA.datePublished}> ?date }} FILTER(DATATYPE(?date) = <{XSD.date}> && "
                         f"?date >= ?first && ?date <= ?last) }}")


def _by_trial_names(names: list[str]) -> str:
    """Papers naming one of ``names`` (upper case): one scan of the trial names per call."""
    listed = ", ".join(str(ox.Literal(name)) for name in names)
    return f"SELECT DISTINCT ?a ?tn WHERE {{ GRAPH ?a {{ ?a <{LITKG.trialName}> ?tn }} FILTER(UCASE(STR(?tn)) IN ({listed})) }}"


_JOURNALS = (f"SELECT ?j ?n WHERE {{ GRAPH ?v {{ ?j a <{SCHEMA.Periodical}> "
             f"{{ ?j <{SCHEMA.name}> ?n }} UNION {{ ?j <{SCHEMA.alternateName}> ?n }} }} }}")
_CONTENT = f"""
SELECT ?g ?v ?t WHERE {{ GRAPH ?g {{ {{ ?s <{LITKG.result}> ?r . ?r <{SCHEMA.value}> ?v }} UNION {{ ?s <{SCHEMA.studySubject}> ?t }} }} }}"""
_STATED = f"""
SELECT ?r ?v ?pct ?n ?unit WHERE {{ GRAPH ?g {{ ?s <{LITKG.result}> ?r . ?r <{SCHEMA.value}> ?v .
  OPTIONAL {{ ?r <{LITKG.percentage}> ?pct }} OPTIONAL {{ ?r <{LITKG.count}> ?n }} OPTIONAL {{ ?r <{SCHEMA.unitText}> ?unit }} }} }}"""


def _insert_values(query: str, names: Iterable[str], rows: Iterable[Iterable], inside: str = "WHERE {") -> str:
    """``query`` with ``VALUES (?name ...) { (term ...) ... }`` right after ``inside``'s first occurrence.
    The terms are pyoxigraph terms, which escape themselves (pyoxigraph's substitutions bind only
    variables the query projects, so they cannot serve here)."""
    header = " ".join(f"?{name}" for name in names)
    body = " ".join(f"({' '.join(str(term) for term in row)})" for row in rows)
    at = query.index(inside) + len(inside)
    return f"{query[:at]} VALUES ({header}) {{ {body} }} {query[at:]}"


def _with_values(query: str, variable: str, terms: Iterable, inside: str = "WHERE {") -> str:
    """``query`` with ``variable`` bound to each of ``terms`` in turn."""
    return _insert_values(query, [variable], ([term] for term in terms), inside)


def _bound(query: str, **terms: ox.NamedNode | ox.Literal) -> str:
    """``query`` with each variable named bound to its one term."""
    return _insert_values(query, terms, [terms.values()])


def link_news(store: Store, mint: Minter, scope: Scope | None = None) -> list[Link]:
    """Put documents about one trial on one study node (shared registrations, DOIs, PMIDs; with a
    ``scope``, only around what a run changed), then resolve every news story in the store against
    the papers found for it by index look-ups; rewrite the stories whose study or link changed."""
    resolve_studies(store, mint, scope)
    stories = news_stories(store)
    if not stories:
        return []
    candidates_for = Candidates(store, mint.vocabulary_graph(), stories)
    links = []
    for story in stories:
        best = best_link(story, candidates_for(story))
        # with no paper in the store, a registered story stays on its trial's study (an old link is dropped)
        target = best.study if best else story.study if story.registered else mint.provisional_study(story.iri)
        if target != story.study or best or story.registered:
            wanted = _linked_graph(store, story.iri, story.study, target, best, unresolved=not story.registered,
                                   design=_design_stated_elsewhere(store, target, story.iri))
            if {str(q) for q in wanted} != {str(q) for q in store.graph_quads(story.iri)}:
                store.replace_graphs([], story.iri, wanted)
        if best:
            links.append(best)
    return links


def news_stories(store: Store) -> list[Story]:
    """Every news story in the store, with what it says about the paper it covers."""
    stories = [_story(row) for row in store.query(_NEWS)]
    _add_content(store, stories)
    return stories


def _story(row) -> Story:
    return Story(row["n"].value, row["about"].value, _split(row["journals"]), _split(row["authors"]),
                 iso_date(row["date"].value if row["date"] is not None else None),
                 {doi.lower() for doi in _split(row["dois"])}, set(_split(row["trials"])),
                 row["registration"] is not None)


def _add_content(store: Store, items: list) -> None:
    """Each story's or paper's result values and interventions, by ``_CHUNK`` graphs per query."""
    by_iri = {item.iri: item for item in items}
    ordered = sorted(by_iri)
    for start in range(0, len(ordered), _CHUNK):
        graphs = [ox.NamedNode(iri) for iri in ordered[start:start + _CHUNK]]
        for row in store.query(_with_values(_CONTENT, "g", graphs)):
            item = by_iri[row["g"].value]
            if row["v"] is not None:
                item.values.add(row["v"].value)
            if row["t"] is not None:
                item.subjects.add(row["t"].value)


class Candidates:
    """Finds the papers a story could link to (see the look-ups above) and describes them."""

    def __init__(self, store: Store, vocabulary_graph: str, stories: list[Story]) -> None:
        self.store = store
        self.articles: dict[str, Article] = {}  # papers described so far
        self._seen: set[str] = set()  # IRIs looked up so far, papers or not
        self.journals: dict[str, set[str]] = {}  # journal key -> journal nodes (journals are described once, in the vocabulary graph)
        self.journal_keys: dict[str, set[str]] = {}  # journal node -> its keys
        if any(story.journals for story in stories):  # otherwise no story can score on the journal
            for row in store.query(_bound(_JOURNALS, v=ox.NamedNode(vocabulary_graph))):
                self.journals.setdefault(journal_key(row["n"].value), set()).add(row["j"].value)
                self.journal_keys.setdefault(row["j"].value, set()).add(journal_key(row["n"].value))
        self.trials: dict[str, set[str]] = {}  # trial name, upper-cased -> papers naming it
        names = sorted({name.upper() for story in stories for name in story.trials})
        for start in range(0, len(names), _CHUNK):
            for row in store.query(_by_trial_names(names[start:start + _CHUNK])):
                self.trials.setdefault(row["tn"].value.upper(), set()).add(row["a"].value)

    def __call__(self, story: Story) -> list[Article]:
        found: set[str] = set()
        if story.dois:
            found |= self._iris(_with_values(_BY_DOI, "key", [ox.Literal(doi) for doi in sorted(story.dois)]))
        if story.registered:
            found |= self._iris(_bound(_BY_STUDY, study=ox.NamedNode(story.study)))
        for name in story.trials:
            found |= self.trials.get(name.upper(), set())
        surnames = {variant for words in map(str.split, story.authors) if words for variant in spellings(words[-1])}
        if surnames:
            found |= self._iris(_with_values(_BY_FIRST_AUTHOR, "name", [ox.Literal(s) for s in sorted(surnames)]))
        nodes = sorted({node for journal in story.journals for node in self.journals.get(journal_key(journal), ())})
        if nodes and story.date is not None:
            first = story.date - timedelta(days=NEWS_LAG_DAYS[1])
            last = story.date - timedelta(days=NEWS_LAG_DAYS[0])
            day = ox.NamedNode(str(XSD.date))
            query = _bound(_BY_JOURNAL_AND_DATES, first=ox.Literal(first.isoformat(), datatype=day),
                           last=ox.Literal(last.isoformat(), datatype=day))
            found |= self._iris(_with_values(query, "j", [ox.NamedNode(n) for n in nodes]))
        return self.describe(found)

    def _iris(self, query: str) -> set[str]:
        return {row["a"].value for row in self.store.query(query)}

    def describe(self, iris: set[str]) -> list[Article]:
        """The papers among ``iris``, as the store describes them (others are left out); each is read
        once however many stories it is a candidate for (only news graphs change while linking)."""
        new = self._read(iris - self._seen)
        self.articles.update((article.iri, article) for article in new)
        self._seen |= iris
        return sorted((self.articles[iri] for iri in iris if iri in self.articles), key=lambda a: a.iri)

    def _read(self, iris: set[str]) -> list[Article]:
        found: dict[str, Article] = {}
        ordered = sorted(iris)
        for start in range(0, len(ordered), _CHUNK):
            query = _with_values(_ARTICLES, "a", [ox.NamedNode(iri) for iri in ordered[start:start + _CHUNK]],
                                 inside="GRAPH ?a {")
            for row in self.store.query(query):
                entry = found.get(row["a"].value)
                if entry is None:
                    entry = found[row["a"].value] = Article(row["a"].value, row["study"].value,
                                                            iso_date(row["date"].value if row["date"] is not None else None))
                if row["j"] is not None:
                    entry.journals |= self.journal_keys.get(row["j"].value, set())
                if row["first"] is not None:
                    entry.first = row["first"].value
                if row["doi"] is not None:
                    entry.doi = row["doi"].value.lower()
                if row["tn"] is not None:
                    entry.trials.add(row["tn"].value)
                if row["kind"] is not None:
                    entry.kind = row["kind"].value
        articles = sorted(found.values(), key=lambda a: a.iri)
        _add_content(self.store, articles)
        return articles


def _linked_graph(store: Store, news: str, old_study: str, new_study: str, link: Link | None,
                  unresolved: bool = True, design: tuple[str, ...] = ()) -> list[ox.Quad]:
    """The story's graph with its statements on ``new_study``, the link record saying why, and each
    of its results that states a value of the paper marked ``litkg:correspondsTo`` that result.
    A story whose words state no design takes ``design`` (the study's, as its papers state it)."""
    old, new, graph = ox.NamedNode(old_study), ox.NamedNode(new_study), ox.NamedNode(news)
    replaced = (str(LITKG.linkedBy), str(LITKG.correspondsTo))
    link_prefix = Minter.links_of(news)
    original = store.graph_quads(news)
    own_words = any(q.predicate.value == str(LITKG.designEvidence) for q in original)
    adopt = bool(design) and not own_words
    design_terms = {str(LITKG.studyDesign), str(RDF.type)}
    quads = []
    for q in original:
        if q.predicate.value in replaced or q.subject.value.startswith(link_prefix):
            continue  # the previous link record and correspondences are replaced below
        if q.subject == old and q.predicate.value == str(LITKG.unresolved):
            continue
        if adopt and q.subject == old and q.predicate.value in design_terms and q.object.value != str(SCHEMA.MedicalStudy):
            continue  # the story's default design gives way to the study's
        quads.append(ox.Quad(new if q.subject == old else q.subject, q.predicate, new if q.object == old else q.object, graph))
    if adopt:
        quads += [ox.Quad(new, ox.NamedNode(str(LITKG.studyDesign) if t.startswith(str(LITKG)) else str(RDF.type)), ox.NamedNode(t), graph)
                  for t in design]
    if link is None and unresolved:
        quads.append(ox.Quad(new, ox.NamedNode(str(LITKG.unresolved)), ox.Literal("true", datatype=ox.NamedNode(str(XSD.boolean))), graph))
    elif link is not None:
        node = ox.NamedNode(Minter.link(news, link.article))
        quads += [
            ox.Quad(ox.NamedNode(news), ox.NamedNode(str(LITKG.linkedBy)), node, graph),
            ox.Quad(node, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(LITKG.StudyLink)), graph),
            ox.Quad(node, ox.NamedNode(str(LITKG.linkTarget)), ox.NamedNode(link.article), graph),
            ox.Quad(node, ox.NamedNode(str(LITKG.linkScore)), ox.Literal(str(link.score), datatype=ox.NamedNode(str(XSD.decimal))), graph),
        ] + [ox.Quad(node, ox.NamedNode(str(LITKG.linkEvidence)), ox.Literal(e), graph) for e in link.evidence]
        pairs = correspondences(_stated(store, news), _stated(store, link.article))
        quads += [ox.Quad(ox.NamedNode(mine), ox.NamedNode(str(LITKG.correspondsTo)), ox.NamedNode(theirs), graph)
                  for mine, theirs in pairs]
    return quads


def _design_stated_elsewhere(store: Store, study: str, story: str) -> tuple[str, ...]:
    """The design (and trial or observational class) that another document's words or fields state
    for ``study``; () when none does."""
    rows = store.query(_bound(
        "SELECT ?d ?class WHERE { GRAPH ?g { ?study litkg:studyDesign ?d . OPTIONAL { ?study litkg:designEvidence ?e } "
        "OPTIONAL { ?study a ?class } } FILTER(?g != ?story) } ORDER BY DESC(BOUND(?e)) ?g LIMIT 5",
        study=ox.NamedNode(study), story=ox.NamedNode(story)))
    found: list[str] = []
    for row in rows:
        if not found:
            found.append(row["d"].value)
        if row["class"] is not None and row["class"].value not in found and row["class"].value != str(SCHEMA.MedicalStudy):
            found.append(row["class"].value)
    return tuple(found)


def _stated(store: Store, graph: str) -> list[Stated]:
    return [Stated(row["r"].value, Decimal(row["v"].value), _decimal(row["pct"]), _decimal(row["n"]),
                   row["unit"].value if row["unit"] else None)
            for row in store.query(_bound(_STATED, g=ox.NamedNode(graph)))]


def _decimal(term) -> Decimal | None:
    return Decimal(term.value) if term is not None else None


def _split(term) -> list[str]:
    return [part for part in (term.value.split(_SEP) if term is not None else []) if part]
