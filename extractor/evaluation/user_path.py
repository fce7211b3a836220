"""Scoring through the user's path: annotated texts saved as files the way people save abstracts, read
by ``litkg extract`` into a store, and read back from the graph with SPARQL through the contract's
provenance (each fact's NIF mention: ``nif:beginIndex``/``nif:endIndex`` into the document's
``litkg:text``), placed in the file's text and then in the gold text.

The forms: ``title-line`` (the title on the first line, the abstract with its headings below),
``one-line`` (title and abstract on one line) and ``blank-line`` (title, a blank line, the abstract).
Texts without a title (single sentences, token lists) are saved as they are (``as-is``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..graph.iris import Minter
from ..graph.vocab import DEFAULT_BASE
from ..nlp.allocation import ALLOCATED
from ..runs import run_local
from ..store import Store
from .align import Alignment
from .predictions import Predicted, ResultSpans, Span

FORMS = ("title-line", "one-line", "blank-line")
AS_IS = "as-is"
_SEPARATORS = {"title-line": "\n", "one-line": " ", "blank-line": "\n\n"}


@dataclass(frozen=True, slots=True)
class SavedFile:
    """One annotated text as a file: its content, and how file offsets map back to the gold text."""

    name: str
    content: str
    title_end: int | None  # where the title ends in the gold text (None: no title)
    shift: int = 0  # file offset - gold offset after the title

    def to_gold(self, offset: int) -> int:
        if self.title_end is None or offset <= self.title_end:
            return offset
        return max(self.title_end, offset - self.shift)


def saved(name: str, text: str, title_end: int | None, form: str) -> SavedFile:
    """``text`` saved in ``form``; ``title_end`` is where its title ends (None: saved as it is)."""
    if title_end is None or form == AS_IS:
        return SavedFile(name, text if text.endswith("\n") else text + "\n", None)
    body_start = title_end
    while body_start < len(text) and text[body_start].isspace():
        body_start += 1
    body = text[body_start:]
    if form == "one-line":
        body = body.replace("\r\n", "  ").replace("\n", " ")  # same length: gold offsets stay put
    separator = _SEPARATORS[form]
    content = text[:title_end] + separator + body + "\n"
    return SavedFile(name, content, title_end, shift=len(separator) - (body_start - title_end))


@dataclass(frozen=True, slots=True)
class ReadBack:
    """What the graph holds for one saved file, in gold offsets."""

    predicted: Predicted
    documents: int  # documents the file became (1 expected)
    unplaced: int  # spans whose words could not be found in the file


def extract_and_read(files: Iterable[SavedFile], workdir: Path | None = None, tagged: bool = False) -> dict[str, ReadBack]:
    """Write ``files``, run the real extraction into a fresh store (``tagged``: with the outcome tagger,
    as ``litkg extract --outcome-tagger``), read every fact back with SPARQL."""
    with tempfile.TemporaryDirectory(prefix="litkg-user-path-", dir=workdir) as tmp:
        folder = Path(tmp) / "files"
        folder.mkdir()
        by_name = {}
        for f in files:
            (folder / f.name).parent.mkdir(parents=True, exist_ok=True)
            (folder / f.name).write_text(f.content, encoding="utf-8")
            by_name[f.name] = f
        store = Store(Path(tmp) / "store")
        try:
            run_local(folder, store, base=DEFAULT_BASE, tagged=tagged)
            found = graph_predictions(store)
        finally:
            del store
    out = {}
    for name, f in by_name.items():
        documents = found.get(name, [])
        predicted, unplaced = Predicted(), 0
        for text, graph_predicted in documents:
            alignment = Alignment(text, f.content)
            counter = _Counter()
            moved = graph_predicted.mapped(lambda span: counter.place(alignment, f, span))
            predicted, unplaced = _merged(predicted, moved), unplaced + counter.unplaced
        out[name] = ReadBack(predicted, len(documents), unplaced)
    return out


class _Counter:
    def __init__(self) -> None:
        self.unplaced = 0

    def place(self, alignment: Alignment, f: SavedFile, span: Span) -> Span | None:
        placed = alignment.span(*span)
        if placed is None:
            self.unplaced += 1
            return None
        return f.to_gold(placed[0]), f.to_gold(placed[1])


def _merged(a: Predicted, b: Predicted) -> Predicted:
    return Predicted(a.drugs + b.drugs, a.therapies + b.therapies, a.conditions + b.conditions, a.outcomes + b.outcomes,
                     a.population + b.population, a.results + b.results, a.registrations | b.registrations,
                     a.subjects + b.subjects)


_PREFIXES = """PREFIX schema: <https://schema.org/>
PREFIX litkg: <https://w3id.org/litkg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""
# a mention's offsets, in the v2 NIF shape or the v1 Web Annotation shape (an exported or older store)
_OFFSETS = """{{ {m} nif:beginIndex {b} ; nif:endIndex {e} }}
  UNION {{ {m} oa:hasTarget/oa:hasSelector [ oa:start {b} ; oa:end {e} ] }}"""
_DOCUMENTS = _PREFIXES + """SELECT ?doc ?file ?text WHERE { GRAPH ?doc { ?doc litkg:sourceFile ?file ; litkg:text ?text } }"""
# concepts (drugs, therapies, conditions, endpoints) and the words of the document they were read from
_CONCEPT_SPANS = _PREFIXES + """SELECT ?doc ?class ?b ?e WHERE {
  GRAPH ?doc { ?c prov:wasDerivedFrom ?m . """ + _OFFSETS.format(m="?m", b="?b", e="?e") + """ }
  ?c a ?class . FILTER (?class IN (schema:Drug, schema:MedicalTherapy, schema:MedicalCondition, litkg:Endpoint)) }"""
_POPULATION_SPANS = _PREFIXES + """SELECT ?doc ?b ?e WHERE { GRAPH ?doc {
  ?s litkg:population ?p . ?p prov:wasDerivedFrom ?m . """ + _OFFSETS.format(m="?m", b="?b", e="?e") + """ } }"""
# what the study gave or compared: its subjects' words and its arms' words
_SUBJECT_SPANS = _PREFIXES + """SELECT ?doc ?b ?e WHERE { GRAPH ?doc {
  { ?s schema:studySubject ?c . ?c prov:wasDerivedFrom ?m } UNION { ?s litkg:arm ?m0 . ?m0 prov:wasDerivedFrom ?m }
  """ + _OFFSETS.format(m="?m", b="?b", e="?e") + """ } }"""
_RESULTS = _PREFIXES + """SELECT ?doc ?r ?stat ?b ?e ?eb ?ee ?tb ?te ?ep WHERE {
  GRAPH ?doc { ?s litkg:result ?r . ?r litkg:statistic ?stat ; prov:wasDerivedFrom ?m .
    """ + _OFFSETS.format(m="?m", b="?b", e="?e") + """
    OPTIONAL { ?r litkg:endpointMention ?em . ?em nif:beginIndex ?eb ; nif:endIndex ?ee }
    OPTIONAL { ?r litkg:timeFrameMention ?tm . ?tm nif:beginIndex ?tb ; nif:endIndex ?te }
    OPTIONAL { ?r litkg:endpoint ?ep } } }"""
_REGISTRATIONS = _PREFIXES + """SELECT ?doc ?id ?registry WHERE {
  GRAPH ?doc { ?s litkg:registration ?r } ?r schema:identifier ?id ; litkg:registry ?registry }"""
_ALLOCATED = Minter(DEFAULT_BASE).concept("endpoint", ALLOCATED)  # the endpoint every allocation count shares
_CLASSES = {"https://schema.org/Drug": "drugs", "https://schema.org/MedicalTherapy": "therapies",
            "https://schema.org/MedicalCondition": "conditions", "https://w3id.org/litkg/ontology#Endpoint": "outcomes"}


def graph_predictions(store: Store) -> dict[str, list[tuple[str, Predicted]]]:
    """Per source file, each document's text and what the graph says about it, in offsets of that text."""
    docs = {row["doc"].value: (row["file"].value, row["text"].value) for row in store.query(_DOCUMENTS)}
    spans: dict[str, dict[str, list[Span]]] = {doc: {kind: [] for kind in (*_CLASSES.values(), "population", "subjects")}
                                               for doc in docs}
    for row in store.query(_CONCEPT_SPANS):
        if row["doc"].value in spans:
            spans[row["doc"].value][_CLASSES[row["class"].value]].append((int(row["b"].value), int(row["e"].value)))
    for kind, query in (("population", _POPULATION_SPANS), ("subjects", _SUBJECT_SPANS)):
        for row in store.query(query):
            if row["doc"].value in spans:
                spans[row["doc"].value][kind].append((int(row["b"].value), int(row["e"].value)))
    results: dict[str, dict[str, ResultSpans]] = {doc: {} for doc in docs}
    for row in store.query(_RESULTS):
        doc = row["doc"].value
        if doc not in results:
            continue
        endpoint = (int(row["eb"].value), int(row["ee"].value)) if row["eb"] is not None else None
        frame = (int(row["tb"].value), int(row["te"].value)) if row["tb"] is not None else None
        statistic = row["stat"].value.rsplit("#", 1)[-1]
        allocated = row["ep"] is not None and row["ep"].value == _ALLOCATED
        results[doc][row["r"].value] = ResultSpans((int(row["b"].value), int(row["e"].value)), statistic, endpoint,
                                                   frame, allocated)
    registrations: dict[str, set[tuple[str, str]]] = {doc: set() for doc in docs}
    for row in store.query(_REGISTRATIONS):
        if row["doc"].value in registrations:
            registrations[row["doc"].value].add((row["id"].value, row["registry"].value))
    out: dict[str, list[tuple[str, Predicted]]] = {}
    for doc, (file, text) in sorted(docs.items()):
        kinds = {kind: tuple(sorted(set(found))) for kind, found in spans[doc].items()}
        predicted = Predicted(kinds["drugs"], kinds["therapies"], kinds["conditions"], kinds["outcomes"],
                              kinds["population"], tuple(results[doc].values()), frozenset(registrations[doc]),
                              kinds["subjects"])
        out.setdefault(file, []).append((text, predicted))
    return out

