"""Train the sentence-role model on MEDLINE's labelled abstracts and score it on held-out ones.

    python scripts/train_sentence_roles.py [--medline ../shared/data/medline/pubmed21n1298_dev.xml.gz]

Data: the structured abstracts of the 2021 MEDLINE update file (``AbstractText/@NlmCategory``:
BACKGROUND, OBJECTIVE, METHODS, RESULTS, CONCLUSIONS), read by litkg's own MEDLINE reader so
training sees the text extraction sees. MEDLINE data is distributed by the NLM under its terms
for PubMed data (free use with attribution); only feature weights are shipped, no abstract text.
Split by PMID: PMIDs divisible by 5 are held out; the weight of the role order is chosen on
PMIDs ending in 1 or 6 with a model trained on the other training abstracts. The held-out abstracts are scored with their
headings removed: each sentence is classified from its words, its neighbours' opening words and its position,
and the roles of a stretch are decoded together with how often each role follows another.
Writes ``extractor/models/sentence_roles.json.gz`` and ``docs/models/sentence_roles.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections import Counter
from pathlib import Path

from extractor.nlp.clauses import sentences
from extractor.nlp.linear import train_perceptron
from extractor.nlp.roles import MODEL, ROLES, RoleModel, sentence_features, words_of
from extractor.readers import read_file

ROOT = Path(__file__).resolve().parent.parent
PRUNING = (0, 0.5, 1, 2, 4)
DEFAULT_MEDLINE = ROOT.parent / "shared" / "data" / "medline" / "pubmed21n1298_dev.xml.gz"


def labelled_abstracts(path: Path) -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    """(pmid, text, [(start, end, role)]) for every abstract whose parts are all labelled with roles."""
    out = []
    for document in read_file(path, path.name):
        if not hasattr(document, "text"):
            continue
        parts = [s for s in document.sections if s.kind not in ("title",)]
        if len(parts) < 2 or any(s.kind not in ROLES for s in parts):
            continue
        spans = []
        for section in parts:
            start = section.start
            if section.heading and document.text.startswith(section.heading, start):
                start += len(section.heading)
            spans += [(s, e, section.kind) for s, e in sentences(document.text, start, section.end)]
        out.append((document.identifiers.pmid or document.record_key or "", document.text, spans))
    return out


def examples(abstracts):
    for _, text, spans in abstracts:
        words = [words_of(text, s, e) for s, e, _ in spans]
        for i, (_, _, role) in enumerate(spans):
            yield sentence_features(words, i), role


def transitions(abstracts) -> dict[str, dict[str, float]]:
    """log P(role | role before), add-one smoothed, from the training abstracts."""
    counts: Counter = Counter()
    for _, _, spans in abstracts:
        previous = "start"
        for _, _, role in spans:
            counts[(previous, role)] += 1
            previous = role
    table = {}
    for previous in ("start",) + ROLES:
        total = sum(counts[(previous, r)] for r in ROLES) + len(ROLES)
        table[previous] = {r: round(math.log((counts[(previous, r)] + 1) / total), 4) for r in ROLES}
    return table


def score(model, abstracts) -> dict:
    confusion: Counter = Counter()
    for _, text, spans in abstracts:
        guessed = model.roles(text, [(s, e) for s, e, _ in spans])
        confusion.update((gold, guess) for (_, _, gold), guess in zip(spans, guessed))
    total = sum(confusion.values())
    right = sum(n for (g, p), n in confusion.items() if g == p)
    per_role = {}
    for role in ROLES:
        tp = confusion[(role, role)]
        fp = sum(n for (g, p), n in confusion.items() if p == role and g != role)
        fn = sum(n for (g, p), n in confusion.items() if g == role and p != role)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        per_role[role] = {"precision": round(precision, 3), "recall": round(recall, 3),
                          "f1": round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0,
                          "sentences": tp + fn}
    return {"sentences": total, "accuracy": round(right / total, 4), "roles": per_role}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--medline", type=Path, default=DEFAULT_MEDLINE)
    parser.add_argument("--epochs", type=int, default=8)
    args = parser.parse_args()
    abstracts = labelled_abstracts(args.medline)
    held_out = [a for a in abstracts if a[0].isdigit() and int(a[0]) % 5 == 0]
    training = [a for a in abstracts if not (a[0].isdigit() and int(a[0]) % 5 == 0)]
    began = time.perf_counter()
    # the weight of the order is chosen on a fifth of the training abstracts, on a model trained on the rest
    development = [a for a in training if int(a[0]) % 5 == 1]
    rest = [a for a in training if int(a[0]) % 5 != 1]
    trial = train_perceptron(list(examples(rest)), ROLES, epochs=args.epochs)
    order = transitions(rest)
    tried = {w: score(RoleModel(trial, order, w), development)["accuracy"] for w in (0, 1, 2, 4, 8)}
    weight = max(tried, key=tried.get)
    # the smallest model (features whose weights all stay under a threshold dropped) that reads the
    # development abstracts as well as the whole one, within 0.002
    pruning = {t: score(RoleModel(trial.pruned(t), order, weight), development)["accuracy"] for t in PRUNING}
    threshold = max(t for t in PRUNING if pruning[t] >= pruning[0] - 0.002)
    model = RoleModel(train_perceptron(list(examples(training)), ROLES, epochs=args.epochs).pruned(threshold),
                      transitions(training), weight)
    trained = time.perf_counter() - began
    began = time.perf_counter()
    held = score(model, held_out)
    per_sentence_ms = 1000 * (time.perf_counter() - began) / max(1, held["sentences"])
    about = {"data": f"{args.medline.name}: structured abstracts (NlmCategory), PMIDs not divisible by 5",
             "training_abstracts": len(training), "held_out_abstracts": len(held_out),
             "epochs": args.epochs, "features": len(model.scorer.index),
             "transition_weights_tried": tried, "pruning_thresholds_tried": pruning, "pruning_threshold": threshold, "training_seconds": round(trained, 1),
             "held_out": held, "ms_per_sentence": round(per_sentence_ms, 3)}
    model.save(MODEL, about)
    report = ROOT / "docs" / "models" / "sentence_roles.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps(about, indent=2) + "\n")
    print(json.dumps(about, indent=2))


if __name__ == "__main__":
    main()
