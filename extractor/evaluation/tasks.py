"""One function per (extractor, development set): run litkg on the gold texts and score it.

Each task returns :class:`Score` rows; ``limit`` takes the first N documents (the quality gate
uses a small slice, ``litkg evaluate`` the whole set).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable

from ..nlp.pipeline import analyse_text
from ..nlp.registrations import find_registrations
from ..records import BETWEEN_GROUPS, Extraction
from . import datasets
from .findings_scope import analysed_with_findings, within
from .scoring import Counts, overlap, overlaps, strict, tokens

RCT_ART_DOMAINS = ("autism", "cardiovascular_disease", "diabetes")
# RCT-ART's MEAS spans are values per arm; between-group statistics are not annotated as MEAS
INTERVENTION_LABELS = {"DRUG", "THERAPY"}


@dataclass(frozen=True, slots=True)
class Score:
    task: str  # what was scored, e.g. "chemicals / drugs"
    dataset: str  # which development set and split
    match: str  # "strict", "overlap", "token", "identifier", "relation"
    counts: Counts
    target: float | None = None  # F1 (or accuracy) the project aims for
    documents: int = 0


def _take(items: Iterable, limit: int | None) -> list:
    return list(islice(items, limit)) if limit else list(items)


def entities(data: Path, limit: int | None = None) -> list[Score]:
    """BC5CDR development set: DRUG mentions against Chemical, CONDITION against Disease;
    NCBI disease development set: CONDITION against every disease mention."""
    bc5cdr = _take(datasets.pubtator(data / "bc5cdr" / "CDR_DevelopmentSet.PubTator.txt"), limit)
    chemicals = diseases = Counts()
    for doc in bc5cdr:
        extraction = analyse_text(doc.text)
        chemicals += strict(_gold(doc, {"Chemical"}), _mentions(extraction, {"DRUG"}))
        diseases += strict(_gold(doc, {"Disease"}), _mentions(extraction, {"CONDITION"}))
    ncbi = _take(datasets.pubtator(data / "ncbi_disease" / "NCBIdevelopset_corpus.txt"), limit)
    ncbi_counts = Counts()
    for doc in ncbi:
        ncbi_counts += strict(_gold(doc, None), _mentions(analyse_text(doc.text), {"CONDITION"}))
    return [
        Score("chemicals / drugs", "BC5CDR dev", "strict", chemicals, 0.80, len(bc5cdr)),
        Score("diseases", "BC5CDR dev", "strict", diseases, 0.75, len(bc5cdr)),
        Score("diseases", "NCBI disease dev", "strict", ncbi_counts, None, len(ncbi)),
    ]


def outcomes(data: Path, limit: int | None = None) -> list[Score]:
    """EvidenceOutcomes dev: litkg's outcome mentions against the experts' Outcome spans, in the
    findings (results and conclusions) that the experts annotated, and over the whole abstract.
    Sections are found in the text as litkg's readers find them."""
    docs = _take(datasets.brat(data / "evidence_outcomes" / "dev", "Outcome"), limit)
    loose = exact = whole_loose = whole_exact = Counts()
    for doc in docs:
        gold = _gold(doc, None)
        _, extraction, findings = analysed_with_findings(doc.text)
        predicted = [(e.start, e.end) for e in extraction.endpoints]
        in_findings = within(predicted, findings)
        loose += overlap(gold, in_findings)
        exact += strict(gold, in_findings)
        whole_loose += overlap(gold, predicted)
        whole_exact += strict(gold, predicted)
    return [
        Score("outcomes", "EvidenceOutcomes dev, findings", "overlap", loose, 0.60, len(docs)),
        Score("outcomes", "EvidenceOutcomes dev, findings", "strict", exact, None, len(docs)),
        Score("outcomes", "EvidenceOutcomes dev, whole abstract", "overlap", whole_loose, None, len(docs)),
        Score("outcomes", "EvidenceOutcomes dev, whole abstract", "strict", whole_exact, None, len(docs)),
    ]


def results(data: Path, limit: int | None = None) -> list[Score]:
    """RCT-ART: result value spans against MEAS (strict and overlap), and for every gold
    MEAS->OC relation whether litkg's result there names an endpoint overlapping that OC span."""
    docs = [doc for domain in RCT_ART_DOMAINS for doc in _take(datasets.rct_art(data / "rct_art" / f"{domain}.jsonl"), limit)]
    exact = loose = linked = linked_in_time = Counts()
    for doc in docs:
        extraction = analyse_text(doc.text)
        gold = _gold(doc, {"MEAS"})
        predicted = [(r.start, r.end) for r in extraction.results if r.statistic not in BETWEEN_GROUPS]
        exact += strict(gold, predicted)
        loose += overlap(gold, predicted)
        linked += _outcome_links(doc, extraction, _result_links)
        linked_in_time += _outcome_links(doc, extraction, _result_links_in_time)
    return [
        Score("result values (MEAS)", "RCT-ART, 3 domains", "strict", exact, 0.85, len(docs)),
        Score("result values (MEAS)", "RCT-ART, 3 domains", "overlap", loose, None, len(docs)),
        Score("result -> outcome links", "RCT-ART, 3 domains", "relation", linked, 0.70, len(docs)),
        Score("result -> outcome links, endpoint or time-frame words", "RCT-ART, 3 domains", "relation", linked_in_time,
              None, len(docs)),
    ]


def _outcome_links(doc: datasets.AnnotatedText, extraction: Extraction, links: Callable) -> Counts:
    """Recall-style: of the gold OC_RES relations, how many litkg reproduces (a result overlapping
    the MEAS that ``links`` to the OC span); precision over litkg's linked results that overlap
    some gold MEAS."""
    gold_pairs = [(r.child, r.head) if r.child.label == "MEAS" else (r.head, r.child)
                  for r in doc.relations if r.label == "OC_RES"]  # (MEAS, OC)
    found = sum(1 for meas, outcome in gold_pairs if any(links(r, meas, outcome) for r in extraction.results))
    judged = right = 0
    for result in extraction.results:
        if result.endpoint_start is None:
            continue
        pairs = [(m, o) for m, o in gold_pairs if overlaps((result.start, result.end), (m.start, m.end))]
        if pairs:
            judged += 1
            right += any(links(result, m, o) for m, o in pairs)
    return Counts(right, judged, found, len(gold_pairs))


def _result_links(result, meas: datasets.GoldSpan, outcome: datasets.GoldSpan) -> bool:
    return (result.endpoint_start is not None and overlaps((result.start, result.end), (meas.start, meas.end))
            and overlaps((result.endpoint_start, result.endpoint_end), (outcome.start, outcome.end)))


def _result_links_in_time(result, meas: datasets.GoldSpan, outcome: datasets.GoldSpan) -> bool:
    frame = result.time_frame
    return _result_links(result, meas, outcome) or (
        frame is not None and frame.start is not None and result.endpoint_start is not None
        and overlaps((result.start, result.end), (meas.start, meas.end)) and overlaps((frame.start, frame.end), (outcome.start, outcome.end)))


def pico_tokens(data: Path, limit: int | None = None) -> list[Score]:
    """EBM-NLP dev (crowd labels), token level: PAR against population spans, INT against drug
    and therapy mentions, OUT against outcome mentions."""
    docs = _take(datasets.conll(data / "ebm_nlp" / "dev_crowd.conll"), limit)
    counts = {"PAR": Counts(), "INT": Counts(), "OUT": Counts()}
    for doc in docs:
        text, offsets = _join(doc.tokens)
        extraction = analyse_text(text)
        predicted = {
            "PAR": [(e.start, e.described_end or e.end) for e in extraction.enrollments]
                   + [(m.start, m.end) for m in extraction.population_conditions],
            "INT": _mentions(extraction, INTERVENTION_LABELS),
            "OUT": [(e.start, e.end) for e in extraction.endpoints],
        }
        for label, spans in predicted.items():
            gold_flags = [tag == label for tag in doc.labels]
            predicted_flags = [any(overlaps(offset, span) for span in spans) for offset in offsets]
            counts[label] += tokens(gold_flags, predicted_flags)
    names = {"PAR": "participants (P)", "INT": "interventions (I)", "OUT": "outcomes (O)"}
    return [Score(names[label], "EBM-NLP dev, crowd labels", "token", c, None, len(docs)) for label, c in counts.items()]


def registrations(case_file: Path) -> list[Score]:
    """The project's registration case file: identifiers found against identifiers expected."""
    counts = Counts()
    cases = 0
    with case_file.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            case = json.loads(line)
            cases += 1
            expected = {(e["id"], e["registry"]) for e in case["expect"]}
            found = {(r.identifier, r.registry) for r in find_registrations(case["text"])}
            counts += strict(expected, found)
    return [Score("trial registrations", "tests/cases/registrations.jsonl", "identifier", counts, 1.0, cases)]


def _join(words: tuple[str, ...]) -> tuple[str, list[tuple[int, int]]]:
    offsets, position = [], 0
    for word in words:
        offsets.append((position, position + len(word)))
        position += len(word) + 1
    return " ".join(words), offsets


def _gold(doc: datasets.AnnotatedText, labels: set[str] | None) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in doc.spans if labels is None or s.label in labels]


def _mentions(extraction: Extraction, labels: set[str]) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in extraction.mentions if m.label in labels]


def with_outcome_tagger(data: Path, cv_scores: Path, limit: int | None = None) -> list[Score]:
    """Scores with the statistical outcome tagger on (it must be in use): EvidenceOutcomes from the
    training script's cross-validation (the tagger learnt from that set, so it cannot be scored on
    it), RCT-ART links and EBM-NLP outcome tokens measured here (sets it never saw)."""
    cv = json.loads(cv_scores.read_text(encoding="utf-8"))
    rows = []
    for scope in ("findings", "whole abstract"):
        for match in ("overlap", "strict"):
            counts = Counts(*cv["counts"][f"litkg with tagger | {scope} | {match}"])
            target = 0.60 if (scope, match) == ("findings", "overlap") else None
            rows.append(Score("outcomes, --outcome-tagger", f"EvidenceOutcomes dev, {scope}, {cv['folds']}-fold CV",
                              match, counts, target, cv["documents"]))
    rows += [replace(s, task=f"{s.task}, --outcome-tagger") for s in results(data, limit) if s.match == "relation"]
    rows += [replace(s, task=f"{s.task}, --outcome-tagger") for s in pico_tokens(data, limit) if s.task.startswith("outcomes")]
    return rows


TASKS: dict[str, Callable[..., list[Score]]] = {
    "entities": entities, "outcomes": outcomes, "results": results, "pico": pico_tokens,
}
