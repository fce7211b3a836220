"""Linking news stories to the papers they report, by journal, date, first author and content.

Runs over the store after extraction, so it does not depend on the order in which files were
read. A story whose best candidate scores under the threshold keeps its own study node, marked
``litkg:unresolved``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pyoxigraph as ox

from ..store import Store
from ..vocabularies import journal_key
from .builder import GraphBuilder
from .iris import digest
from .resolution import resolve_studies
from .scope import Scope
from .vocab import BIBO, LITKG, PRISM, RDF, SCHEMA, XSD

THRESHOLD = 0.6  # weights: journal 0.3, first author 0.3, trial name 0.3, date 0.15, shared values 0.15, interventions 0.1
_NEWS_LAG_DAYS = (-60, 120)  # news runs from the online-first date, weeks before the issue date, to months after


@dataclass(frozen=True, slots=True)
class Link:
    news: str
    article: str
    study: str
    score: float
    evidence: tuple[str, ...]


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
  GRAPH ?a {{ VALUES ?a {{ {{articles}} }}  # inside the GRAPH block, so the OPTIONALs look only at these graphs
    ?a a <{SCHEMA.ScholarlyArticle}> ; <{SCHEMA.about}> ?study .
    OPTIONAL {{ ?a <{SCHEMA.datePublished}> ?date }}
    OPTIONAL {{ ?a <{SCHEMA.isPartOf}> ?j }}
    OPTIONAL {{ ?a <{BIBO.authorList}>/<{RDF.first}>/<{SCHEMA.familyName}> ?first }}
    OPTIONAL {{ ?a <{PRISM.doi}> ?doi }} OPTIONAL {{ ?a <{LITKG.trialName}> ?tn }}
    OPTIONAL {{ ?a <{LITKG.reportKind}> ?kind }} }}
}}"""

# Candidate papers for a story, each by an index look-up: a paper can only score over the threshold
# if it has the DOI the story cites, is the story's registered study, or shares a trial name, the
# first author, or the journal with a date inside the news lag (see _score's weights). The look-ups
# bind as little as they can (no rdf:type: Oxigraph would start from it); _described keeps papers only.
_BY_DOI = f"SELECT DISTINCT ?a WHERE {{ VALUES ?key {{ {{keys}} }} GRAPH ?a {{ ?a <{LITKG.doiKey}> ?key }} }}"
_BY_STUDY = f"SELECT DISTINCT ?a WHERE {{ GRAPH ?a {{ ?a <{SCHEMA.about}> {{study}} }} }}"
_BY_FIRST_AUTHOR = (f"SELECT DISTINCT ?a WHERE {{ VALUES ?name {{ {{names}} }} GRAPH ?a {{ ?p <{SCHEMA.familyName}> ?name . "
                    f"?list <{RDF.first}> ?p . ?a <{BIBO.authorList}> ?list }} }}")
_BY_JOURNAL_AND_DATES = (f"SELECT DISTINCT ?a WHERE {{ VALUES ?j {{ {{journals}} }} GRAPH ?a {{ ?a <{SCHEMA.isPartOf}> ?j ; "
                         f"<{SCHEMA.datePublished}> ?date }} FILTER(DATATYPE(?date) = <{XSD.date}> && "
                         f"?date >= \"{{first}}\"^^<{XSD.date}> && ?date <= \"{{last}}\"^^<{XSD.date}>) }}")
_BY_TRIAL_NAME = f"SELECT DISTINCT ?a ?tn WHERE {{ GRAPH ?a {{ ?a <{LITKG.trialName}> ?tn }} FILTER(UCASE(STR(?tn)) IN ({{names}})) }}"
_JOURNALS = (f"SELECT ?j ?n WHERE {{ GRAPH <{{vocabulary}}> {{ ?j a <{SCHEMA.Periodical}> "
             f"{{ ?j <{SCHEMA.name}> ?n }} UNION {{ ?j <{SCHEMA.alternateName}> ?n }} }} }}")
_CHUNK = 500

_VALUES = f"""
SELECT DISTINCT ?v WHERE {{ GRAPH <{{g}}> {{ ?s <{LITKG.result}> ?r . ?r <{SCHEMA.value}> ?v }} }}"""
_SUBJECTS = f"""
SELECT DISTINCT ?t WHERE {{ GRAPH <{{g}}> {{ ?s <{SCHEMA.studySubject}> ?t }} }}"""


def link_news(store: Store, builder: GraphBuilder, scope: Scope | None = None) -> list[Link]:
    """Put documents about one trial on one study node (shared registrations, DOIs, PMIDs; with a
    ``scope``, only around what a run changed), then resolve every news story in the store against
    the papers found for it by index look-ups; rewrite the stories whose study or link changed."""
    resolve_studies(store, builder, scope)
    stories = list(store.query(_NEWS))
    if not stories:
        return []
    candidates_for = _Candidates(store, builder.vocabulary_graph, stories)
    links = []
    for row in stories:
        news = row["n"].value
        current = row["about"].value
        journals = _split(row["journals"])
        authors = _split(row["authors"])
        news_date = _date(row["date"])
        cited = {doi.lower() for doi in _split(row["dois"])}
        trials = set(_split(row["trials"]))
        provisional = builder.provisional_study_iri(news)
        registered = row["registration"] is not None  # the story names a registration: its study is known
        candidates = []  # (link, preference among equal scores)
        for article in candidates_for(cited, current if registered else None, trials, authors, journals, news_date):
            bibliographic = _score(store, news, journals, authors, news_date, trials, article)
            if article["doi"] and article["doi"] in cited:
                link = Link(news, article["iri"], article["study"], 1.0, (f"same DOI {article['doi']}",))
            elif registered and article["study"] == current:
                link = Link(news, article["iri"], article["study"], 1.0,
                            ("same registration",) + (bibliographic.evidence if bibliographic else ()))
            else:
                link = bibliographic
            if link is not None and link.score >= THRESHOLD:
                # a trial's main report before its secondary analyses, then the better bibliographic match
                candidates.append((link, (article["kind"] is None, bibliographic.score if bibliographic else 0.0)))
        best = max(candidates, key=lambda c: (c[0].score, c[1], c[0].article), default=(None,))[0]
        # with no paper in the store, a registered story stays on its trial's study (an old link is dropped)
        target = best.study if best else current if registered else provisional
        if target != current or best or registered:
            wanted = _linked_graph(store, news, current, target, best, unresolved=not registered)
            if {str(q) for q in wanted} != {str(q) for q in store.graph_quads(news)}:
                store.replace_graphs([], news, wanted)
        if best:
            links.append(best)
    return links


class _Candidates:
    """Finds the papers a story could link to (see the look-ups above) and describes them."""

    def __init__(self, store: Store, vocabulary_graph: str, stories: list) -> None:
        self.store = store
        self.journals: dict[str, set[str]] = {}  # journal key -> journal nodes (journals are described once, in the vocabulary graph)
        self.journal_keys: dict[str, set[str]] = {}  # journal node -> its keys
        if any(_split(row["journals"]) for row in stories):  # otherwise no story can score on the journal
            for row in store.query(_JOURNALS.replace("{vocabulary}", vocabulary_graph)):
                self.journals.setdefault(journal_key(row["n"].value), set()).add(row["j"].value)
                self.journal_keys.setdefault(row["j"].value, set()).add(journal_key(row["n"].value))
        self.trials: dict[str, set[str]] = {}  # trial name, upper-cased -> papers naming it
        names = sorted({name.upper() for row in stories for name in _split(row["trials"])})
        for start in range(0, len(names), _CHUNK):
            listed = ", ".join(str(ox.Literal(name)) for name in names[start:start + _CHUNK])
            for row in store.query(_BY_TRIAL_NAME.replace("{names}", listed)):
                self.trials.setdefault(row["tn"].value.upper(), set()).add(row["a"].value)

    def __call__(self, cited: set[str], study: str | None, trials: set[str], authors: list[str],
                 journals: list[str], news_date: date | None) -> list[dict]:
        found: set[str] = set()
        if cited:
            found |= self._iris(_BY_DOI.replace("{keys}", " ".join(str(ox.Literal(doi)) for doi in sorted(cited))))
        if study is not None:
            found |= self._iris(_BY_STUDY.replace("{study}", f"<{study}>"))
        for name in trials:
            found |= self.trials.get(name.upper(), set())
        surnames = {variant for words in map(str.split, authors) if words for variant in _spellings(words[-1])}
        if surnames:
            found |= self._iris(_BY_FIRST_AUTHOR.replace("{names}", " ".join(str(ox.Literal(s)) for s in sorted(surnames))))
        nodes = sorted({node for journal in journals for node in self.journals.get(journal_key(journal), ())})
        if nodes and news_date is not None:
            first = news_date - timedelta(days=_NEWS_LAG_DAYS[1])
            last = news_date - timedelta(days=_NEWS_LAG_DAYS[0])
            found |= self._iris(_BY_JOURNAL_AND_DATES.replace("{journals}", " ".join(f"<{n}>" for n in nodes))
                                .replace("{first}", first.isoformat()).replace("{last}", last.isoformat()))
        return self._described(found)

    def _iris(self, query: str) -> set[str]:
        return {row["a"].value for row in self.store.query(query)}

    def _described(self, iris: set[str]) -> list[dict]:
        found: dict[str, dict] = {}
        ordered = sorted(iris)
        for start in range(0, len(ordered), _CHUNK):
            values = " ".join(f"<{iri}>" for iri in ordered[start:start + _CHUNK])
            query = _ARTICLES.replace("{articles}", values)
            for row in self.store.query(query):
                entry = found.setdefault(row["a"].value, {"iri": row["a"].value, "study": row["study"].value,
                                                            "date": _date(row["date"]), "journals": set(), "first": None,
                                                            "doi": None, "trials": set(), "kind": None})
                if row["j"] is not None:
                    entry["journals"] |= self.journal_keys.get(row["j"].value, set())
                if row["first"] is not None:
                    entry["first"] = row["first"].value
                if row["doi"] is not None:
                    entry["doi"] = row["doi"].value.lower()
                if row["tn"] is not None:
                    entry["trials"].add(row["tn"].value)
                if row["kind"] is not None:
                    entry["kind"] = row["kind"].value
        return sorted(found.values(), key=lambda a: a["iri"])


def _spellings(surname: str) -> set[str]:
    """The ways a family name may be stored, for an exact look-up that matches as if case did not matter."""
    return {surname, surname.lower(), surname.upper(), surname.title(), surname.capitalize()}


def _score(store: Store, news: str, journals: list[str], authors: list[str], news_date: date | None,
           trials: set[str], article: dict) -> Link | None:
    if trials and article["trials"] and not _same_trial(trials, article["trials"]):
        return None  # the two name different trials: nothing else can make them one study
    evidence = []
    score = 0.0
    if trials and article["trials"]:
        score += 0.3
        evidence.append("trial name " + ", ".join(sorted(trials)))
    if journals and any(journal_key(j) in article["journals"] for j in journals):
        score += 0.3
        evidence.append("journal")
    if article["first"] and any(a.split()[-1].lower() == article["first"].lower() for a in authors):
        score += 0.3
        evidence.append("first author")
    if news_date and article["date"]:
        lag = (news_date - article["date"]).days
        if lag == 0:
            score += 0.15
            evidence.append("same date")
        elif _NEWS_LAG_DAYS[0] <= lag <= _NEWS_LAG_DAYS[1]:
            score += 0.1
            evidence.append("date within news lag")
    if score < 0.3:
        return None  # no bibliographic evidence at all: content alone never links
    values_news = _set(store, _VALUES, news)
    values_article = _set(store, _VALUES, article["iri"])
    if values_news and values_article:
        shared = len(values_news & values_article) / len(values_news)
        if shared:
            score += round(0.15 * shared, 3)
            evidence.append(f"shared values {len(values_news & values_article)}/{len(values_news)}")
    subjects_news = _set(store, _SUBJECTS, news)
    subjects_article = _set(store, _SUBJECTS, article["iri"])
    if subjects_news & subjects_article:
        score += 0.1
        evidence.append("shared interventions")
    return Link(news, article["iri"], article["study"], round(score, 3), tuple(evidence))


def _same_trial(a: set[str], b: set[str]) -> bool:
    return bool({name.upper() for name in a} & {name.upper() for name in b})


def _set(store: Store, template: str, graph: str) -> set[str]:
    return {next(iter(row)).value for row in store.query(template.replace("{g}", graph))}


def _linked_graph(store: Store, news: str, old_study: str, new_study: str, link: Link | None,
                  unresolved: bool = True) -> list[ox.Quad]:
    """The story's graph with its statements on ``new_study``, the link record saying why, and each
    of its results that states a value of the paper marked ``litkg:correspondsTo`` that result."""
    old = ox.NamedNode(old_study)
    new = ox.NamedNode(new_study)
    graph = ox.NamedNode(news)
    quads = []
    for q in store.graph_quads(news):
        if q.predicate.value in (str(LITKG.linkedBy), str(LITKG.correspondsTo)) or q.subject.value.startswith(f"{news}#link"):
            continue  # the previous link record and correspondences are replaced below
        if q.subject == old and q.predicate.value == str(LITKG.unresolved):
            continue
        subject = new if q.subject == old else q.subject
        obj = new if q.object == old else q.object
        quads.append(ox.Quad(subject, q.predicate, obj, graph))
    if link is None and unresolved:
        quads.append(ox.Quad(new, ox.NamedNode(str(LITKG.unresolved)), ox.Literal("true", datatype=ox.NamedNode(str(XSD.boolean))), graph))
    elif link is not None:
        node = ox.NamedNode(f"{news}#link-{digest(link.article, size=8)}")
        quads += [
            ox.Quad(ox.NamedNode(news), ox.NamedNode(str(LITKG.linkedBy)), node, graph),
            ox.Quad(node, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(LITKG.StudyLink)), graph),
            ox.Quad(node, ox.NamedNode(str(LITKG.linkTarget)), ox.NamedNode(link.article), graph),
            ox.Quad(node, ox.NamedNode(str(LITKG.linkScore)), ox.Literal(str(link.score), datatype=ox.NamedNode(str(XSD.decimal))), graph),
        ] + [ox.Quad(node, ox.NamedNode(str(LITKG.linkEvidence)), ox.Literal(e), graph) for e in link.evidence]
        quads += [ox.Quad(ox.NamedNode(mine), ox.NamedNode(str(LITKG.correspondsTo)), ox.NamedNode(theirs), graph)
                  for mine, theirs in _correspondences(store, news, link.article)]
    return quads


_STATED = f"""
SELECT ?r ?v ?pct ?n ?unit WHERE {{ GRAPH <{{g}}> {{ ?s <{LITKG.result}> ?r . ?r <{SCHEMA.value}> ?v .
  OPTIONAL {{ ?r <{LITKG.percentage}> ?pct }} OPTIONAL {{ ?r <{LITKG.count}> ?n }} OPTIONAL {{ ?r <{SCHEMA.unitText}> ?unit }} }} }}"""


def _correspondences(store: Store, news: str, article: str) -> list[tuple[str, str]]:
    """(story result, paper result) pairs that state the same number: equal, or the paper's value
    rounded as the story rounds it ("68%" for 68.2%); a percentage also meets a count's stated share.
    Small whole numbers (under 10) are too common to pair on their own."""
    def stated(graph: str) -> list[tuple[str, Decimal, Decimal | None, Decimal | None, str | None]]:
        return [(row["r"].value, Decimal(row["v"].value), _decimal(row["pct"]), _decimal(row["n"]),
                 row["unit"].value if row["unit"] else None) for row in store.query(_STATED.replace("{g}", graph))]

    papers = stated(article)
    pairs = []
    for mine, value, _, _, unit in sorted(stated(news)):
        if value == value.to_integral_value() and abs(value) < 10:
            continue
        for theirs, paper_value, percent, count, paper_unit in papers:
            if unit == "%":
                candidates = [v for v in (paper_value if paper_unit == "%" else None, percent) if v is not None]
            elif unit == paper_unit:
                candidates = [paper_value]
            else:
                candidates = [count] if count is not None and unit is not None and paper_unit is not None else []
            if any(_rounds_to(candidate, value) for candidate in candidates):
                pairs.append((mine, theirs))
    return sorted(set(pairs))


def _rounds_to(precise: Decimal, rounded: Decimal) -> bool:
    places = max(0, -rounded.as_tuple().exponent)
    return round(precise, places) == rounded


def _decimal(term) -> Decimal | None:
    return Decimal(term.value) if term is not None else None


def _split(term) -> list[str]:
    return [part for part in (term.value.split("\u001f") if term is not None else []) if part]


def _date(term) -> date | None:
    if term is None:
        return None
    try:
        return date.fromisoformat(term.value) if len(term.value) == 10 else None
    except ValueError:
        return None
