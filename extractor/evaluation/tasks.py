"""One scoring task per (extractor, development set), each scored by two routes:

- **graph** (what users get): the texts saved as files in the forms people save them, read by the
  real ``extract`` into a store, every span read back from the graph through its provenance
  (``user_path``), placed in the file and in the gold text;
- **direct** (a diagnostic): the NLP run on the clean gold text, its records turned into the same
  spans the builder writes (``predictions.from_extraction``).

Both routes give a :class:`~.predictions.Predicted` per text, and one scoring function per task turns
(gold, predicted) pairs into :class:`Score` rows. ``limit`` takes the first N documents of each set
(the quality gate scores a small slice, ``litkg evaluate`` the whole set).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path

from ..nlp.analysis import analyse, text_document
from ..nlp.outcome_tagger import OutcomeTagger
from ..readers.sections import find_sections
from ..records import BETWEEN_GROUPS
from . import datasets
from .datasets import AnnotatedText, GoldSpan
from .findings_scope import scope_from, within
from .predictions import Predicted, ResultSpans, from_extraction
from .scoring import Counts, overlap, overlaps, strict, tokens
from .user_path import AS_IS, FORMS, extract_and_read, saved

RCT_ART_DOMAINS = ("autism", "cardiovascular_disease", "diabetes")
DIRECT = "direct"  # the route name of the diagnostic


@dataclass(frozen=True, slots=True)
class Score:
    task: str  # what was scored, e.g. "chemicals / drugs"
    dataset: str  # which development set and split
    match: str  # "strict", "overlap", "token", "identifier", "relation"
    counts: Counts
    target: float | None = None  # F1 (or recall, for relations) the project aims for
    documents: int = 0
    route: str = DIRECT  # "direct", or "graph, <form>" (files -> extract -> graph -> SPARQL)
    unplaced: int = 0  # graph route: spans read back that could not be placed in the file

    @property
    def key(self) -> str:
        return f"{self.task} | {self.dataset} | {self.match}"


Pairs = list[tuple[AnnotatedText, Predicted]]


@dataclass(frozen=True, slots=True)
class Task:
    """A development set, how litkg reads its texts directly, and how its predictions are scored."""

    name: str
    load: Callable[[Path, int | None], list[AnnotatedText]]
    score: Callable[[Pairs], list[Score]]
    with_sections: bool = False  # the direct route finds the text's headings first (as the readers do)
    titled: bool = False  # the texts have a title: saved in every form, else as they are

    def forms(self) -> tuple[str, ...]:
        return FORMS if self.titled else (AS_IS,)


def _take(items: Iterable, limit: int | None) -> list:
    return list(islice(items, limit)) if limit else list(items)


def _gold(doc: AnnotatedText, labels: set[str] | None) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in doc.spans if labels is None or s.label in labels]


# ------------------------------------------------------------------ loaders


def _bc5cdr(data: Path, limit: int | None) -> list[AnnotatedText]:
    return _take(datasets.pubtator(data / "bc5cdr" / "CDR_DevelopmentSet.PubTator.txt"), limit)


def _ncbi(data: Path, limit: int | None) -> list[AnnotatedText]:
    return _take(datasets.pubtator(data / "ncbi_disease" / "NCBIdevelopset_corpus.txt"), limit)


def _evidence_outcomes(data: Path, limit: int | None) -> list[AnnotatedText]:
    return _take(datasets.brat(data / "evidence_outcomes" / "dev", "Outcome"), limit)


def _rct_art(data: Path, limit: int | None) -> list[AnnotatedText]:
    return [doc for domain in RCT_ART_DOMAINS for doc in _take(datasets.rct_art(data / "rct_art" / f"{domain}.jsonl"), limit)]


def _ebm_nlp(data: Path, limit: int | None) -> list[AnnotatedText]:
    return [datasets.tokens_as_text(doc) for doc in _take(datasets.conll(data / "ebm_nlp" / "dev_crowd.conll"), limit)]


# ------------------------------------------------------------------ scoring


def _score_bc5cdr(pairs: Pairs) -> list[Score]:
    chemicals = diseases = Counts()
    for doc, p in pairs:
        chemicals += strict(_gold(doc, {"Chemical"}), p.drugs)
        diseases += strict(_gold(doc, {"Disease"}), p.conditions)
    return [Score("chemicals / drugs", "BC5CDR dev", "strict", chemicals, 0.80, len(pairs)),
            Score("diseases", "BC5CDR dev", "strict", diseases, 0.75, len(pairs))]


def _score_ncbi(pairs: Pairs) -> list[Score]:
    counts = sum((strict(_gold(doc, None), p.conditions) for doc, p in pairs), Counts())
    return [Score("diseases", "NCBI disease dev", "strict", counts, None, len(pairs))]


def _score_outcomes(pairs: Pairs) -> list[Score]:
    """Outcome phrases (every span the graph names an endpoint with) against the experts' spans, in the
    findings they annotated (results and conclusions; found by litkg's heading rules in the gold text,
    else from litkg's first result) and over the whole abstract."""
    loose = exact = whole_loose = whole_exact = Counts()
    for doc, p in pairs:
        gold = _gold(doc, None)
        findings = scope_from(doc.text, find_sections(doc.text), p.first_finding())
        in_findings = within(list(p.outcomes), findings)
        loose += overlap(gold, in_findings)
        exact += strict(gold, in_findings)
        whole_loose += overlap(gold, p.outcomes)
        whole_exact += strict(gold, p.outcomes)
    n = len(pairs)
    return [Score("outcomes", "EvidenceOutcomes dev, findings", "overlap", loose, 0.60, n),
            Score("outcomes", "EvidenceOutcomes dev, findings", "strict", exact, None, n),
            Score("outcomes", "EvidenceOutcomes dev, whole abstract", "overlap", whole_loose, None, n),
            Score("outcomes", "EvidenceOutcomes dev, whole abstract", "strict", whole_exact, None, n)]


def _score_results(pairs: Pairs) -> list[Score]:
    """Result value spans against MEAS (RCT-ART's MEAS are values per arm: between-group statistics
    are left out), and for every gold MEAS->OC relation whether litkg's result there names an
    endpoint overlapping that OC span."""
    exact = loose = linked = linked_in_time = Counts()
    for doc, p in pairs:
        gold = _gold(doc, {"MEAS"})
        values = [r.value for r in p.results if r.statistic not in BETWEEN_GROUPS]
        exact += strict(gold, values)
        loose += overlap(gold, values)
        linked += _outcome_links(doc, p.results, _links)
        linked_in_time += _outcome_links(doc, p.results, _links_in_time)
    n = len(pairs)
    return [Score("result values (MEAS)", "RCT-ART, 3 domains", "strict", exact, 0.85, n),
            Score("result values (MEAS)", "RCT-ART, 3 domains", "overlap", loose, None, n),
            Score("result -> outcome links", "RCT-ART, 3 domains", "relation", linked, 0.70, n),
            Score("result -> outcome links, endpoint or time-frame words", "RCT-ART, 3 domains", "relation",
                  linked_in_time, None, n)]


def _outcome_links(doc: AnnotatedText, results: tuple[ResultSpans, ...], links: Callable) -> Counts:
    """Recall-style: of the gold OC_RES relations, how many litkg reproduces (a result overlapping
    the MEAS that ``links`` to the OC span); precision over litkg's linked results that overlap
    some gold MEAS."""
    gold_pairs = [(r.child, r.head) if r.child.label == "MEAS" else (r.head, r.child)
                  for r in doc.relations if r.label == "OC_RES"]  # (MEAS, OC)
    found = sum(1 for meas, outcome in gold_pairs if any(links(r, meas, outcome) for r in results))
    judged = right = 0
    for result in results:
        if result.endpoint is None:
            continue
        pairs = [(m, o) for m, o in gold_pairs if overlaps(result.value, (m.start, m.end))]
        if pairs:
            judged += 1
            right += any(links(result, m, o) for m, o in pairs)
    return Counts(right, judged, found, len(gold_pairs))


def _links(result: ResultSpans, meas: GoldSpan, outcome: GoldSpan) -> bool:
    return (result.endpoint is not None and overlaps(result.value, (meas.start, meas.end))
            and overlaps(result.endpoint, (outcome.start, outcome.end)))


def _links_in_time(result: ResultSpans, meas: GoldSpan, outcome: GoldSpan) -> bool:
    return _links(result, meas, outcome) or (
        result.time_frame is not None and result.endpoint is not None
        and overlaps(result.value, (meas.start, meas.end)) and overlaps(result.time_frame, (outcome.start, outcome.end)))


def _score_pico(pairs: Pairs) -> list[Score]:
    """EBM-NLP dev (crowd labels), token level: PAR against the population's words (the enrolled
    population's description, who the title or objective says was studied, and its conditions), INT
    against what the study gave or compared (its subjects' words and its arms'), OUT against outcome
    phrases."""
    counts = {"PAR": Counts(), "INT": Counts(), "OUT": Counts()}
    for doc, p in pairs:
        predicted = {"PAR": p.population, "INT": p.subjects, "OUT": p.outcomes}
        for label, spans in predicted.items():
            gold_flags = [s.label == label for s in doc.spans]
            predicted_flags = [any(overlaps((s.start, s.end), span) for span in spans) for s in doc.spans]
            counts[label] += tokens(gold_flags, predicted_flags)
    names = {"PAR": "participants (P)", "INT": "interventions (I)", "OUT": "outcomes (O)"}
    return [Score(names[label], "EBM-NLP dev, crowd labels", "token", c, None, len(pairs)) for label, c in counts.items()]


def _score_registrations(pairs: Pairs) -> list[Score]:
    counts = sum((strict(doc.identifiers, p.registrations) for doc, p in pairs), Counts())
    return [Score("trial registrations", "tests/cases/registrations.jsonl", "identifier", counts, 1.0, len(pairs))]


TASKS: dict[str, Task] = {
    "bc5cdr": Task("bc5cdr", _bc5cdr, _score_bc5cdr, titled=True),
    "ncbi": Task("ncbi", _ncbi, _score_ncbi, titled=True),
    "outcomes": Task("outcomes", _evidence_outcomes, _score_outcomes, with_sections=True, titled=True),
    "results": Task("results", _rct_art, _score_results),
    "pico": Task("pico", _ebm_nlp, _score_pico),
}


def registration_task(case_file: Path) -> Task:
    return Task("registrations", lambda data, limit: _take(datasets.registration_cases(case_file), limit),
                _score_registrations)


# ------------------------------------------------------------------ the two routes


def direct(task: Task, data: Path, limit: int | None = None, tagger: OutcomeTagger | None = None) -> list[Score]:
    """The NLP on the gold texts (a diagnostic: no reader, no graph); ``tagger`` runs the outcome tagger too."""
    docs = task.load(data, limit)
    pairs = [(doc, from_extraction(analyse(text_document(doc.text, find_sections(doc.text) if task.with_sections else ()),
                                           tagger)))
             for doc in docs]
    return task.score(pairs)


def through_graph(task: Task, data: Path, limit: int | None = None, tagged: bool = False,
                  workdir: Path | None = None) -> list[Score]:
    """What users get: every text saved as a file in each of the task's forms, extracted into a store
    by the real run, and read back from the graph (one row group per form)."""
    docs = task.load(data, limit)
    files = {form: [saved(f"{form}/{i:05d}.txt", doc.text, doc.title_end, form) for i, doc in enumerate(docs)]
             for form in task.forms()}
    read = extract_and_read([f for group in files.values() for f in group], workdir, tagged)
    scores = []
    for form, group in files.items():
        backs = [read[f.name] for f in group]
        pairs = [(doc, back.predicted) for doc, back in zip(docs, backs)]
        unplaced = sum(back.unplaced for back in backs)
        scores += [replace(s, route=f"graph, {form}", unplaced=unplaced) for s in task.score(pairs)]
    return scores


def with_outcome_tagger(data: Path, limit: int | None = None, graph: bool = True) -> list[Score]:
    """RCT-ART links and EBM-NLP outcome tokens with the statistical outcome tagger on (sets it never
    saw), by both routes. Its EvidenceOutcomes scores are the training script's cross-validation
    (the tagger learnt from that set), added by the report."""
    rows = []
    tagger = OutcomeTagger.load()
    for task in (TASKS["results"], TASKS["pico"]):
        found = direct(task, data, limit, tagger) + (through_graph(task, data, limit, tagged=True) if graph else [])
        rows += [replace(s, task=f"{s.task}, --outcome-tagger") for s in found
                 if s.match == "relation" or s.task.startswith("outcomes")]
    return rows
