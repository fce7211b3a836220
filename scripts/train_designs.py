"""Train the design model on MEDLINE's own labels and score the design reader on held-out records.

    python scripts/train_designs.py [--medline FILE ...]

Labels: each record's publication types and MeSH design headings (``ontology/vocab/design_index_terms.tsv``);
a MeSH-indexed research article with an abstract and none of those labels is "OtherStudy". Only the
title and abstract are features (the labels are what is learned). Records whose PMID is divisible by 5
are held out of training (also of the sentence-role model's); those ending in 1 or 6 choose, with a
model trained on the rest, how the words' rules and the model combine (``policy``). Held-out records
labelled only "Review" whose own title says "systematic review" or "meta-analysis" (labels not yet
completed in the 2021 update file) are also scored without them. MEDLINE's data are
distributed by the NLM under its terms for PubMed data; only feature weights are shipped. Writes
``extractor/models/designs.json.gz`` and ``docs/models/designs.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from extractor.designs import Design
from extractor.nlp.analysis import analyse
from extractor.nlp.design import DESIGN_MODEL, MODEL_UNLESS_DECISIVE, WORDS_FIRST, design_features, indexed_design
from extractor.nlp.linear import train_perceptron
from extractor.readers import read_file

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "medline"
DEFAULT = [DATA / "pubmed20n0014.xml.gz", DATA / "pubmed21n1298_dev.xml.gz"]
LABELS = tuple(d.value for d in Design)
PRUNING = (0, 0.5, 1, 2, 4)
_RESEARCH_TYPES = {"journal article", "comparative study", "english abstract", "multicenter study"}


def labelled(paths: list[Path]):
    """(pmid, label, document without its labels) for every labelled research record with an abstract."""
    for path in paths:
        for document in read_file(path, path.name):
            if not hasattr(document, "text") or not any(s.kind != "title" for s in document.sections):
                continue
            statement = indexed_design(document)
            if statement is not None and statement.design is None:
                continue  # letters, editorials: no study to learn a design from
            if statement is None:
                kinds = {t.name.lower() for t in document.publication_types}
                if not document.mesh_headings or not kinds <= _RESEARCH_TYPES | {t for t in kinds if t.startswith("research support")}:
                    continue  # not yet indexed, or of a type that says nothing of a design
                label = Design.OTHER.value
            else:
                label = statement.design.value
            pmid = document.identifiers.pmid or ""
            if pmid.isdigit():
                yield int(pmid), label, replace(document, publication_types=(), mesh_headings=())


_OWN_TITLE_SAYS_SYSTEMATIC = re.compile(r"systematic\s+review|meta-?\s?analys[ie]s", re.I)


def labels_contradicted(label: str, document) -> bool:
    """A record labelled only "Review" whose own title says it is a systematic review or a
    meta-analysis: a label MEDLINE had not completed when the file was made (scored apart)."""
    return label == Design.NARRATIVE_REVIEW.value and bool(_OWN_TITLE_SAYS_SYSTEMATIC.search(document.title or ""))


def score(pairs: Counter) -> dict:
    total = sum(pairs.values())
    right = sum(n for (g, p), n in pairs.items() if g == p)
    per = {}
    for label in sorted({g for g, _ in pairs}):
        tp = pairs[(label, label)]
        fp = sum(n for (g, p), n in pairs.items() if p == label and g != label)
        fn = sum(n for (g, p), n in pairs.items() if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        per[label] = {"records": tp + fn, "precision": round(precision, 3), "recall": round(recall, 3),
                      "f1": round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0,
                      "read_as": dict(Counter({p: n for (g, p), n in pairs.items() if g == label}).most_common(4))}
    return {"records": total, "accuracy": round(right / total, 4) if total else 0.0, "designs": per}


def read_all(model, cases) -> Counter:
    """What the whole design reader (the words, and ``model`` = (model, policy) or None) reads for each case."""
    pairs: Counter = Counter()
    for _, label, document in cases:
        statement = analyse(document, design_model=model).design
        pairs[(label, statement.design.value if statement.design else "no study")] += 1
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--medline", type=Path, nargs="*", default=DEFAULT)
    parser.add_argument("--epochs", type=int, default=10)
    args = parser.parse_args()
    cases = list(labelled(args.medline))
    held_out = [c for c in cases if c[0] % 5 == 0]
    training = [c for c in cases if c[0] % 5 != 0]
    development = [c for c in training if c[0] % 5 == 1]
    rest = [c for c in training if c[0] % 5 != 1]
    trial = train_perceptron([(design_features(d), label) for _, label, d in rest], LABELS, epochs=args.epochs)
    tried = {policy: score(read_all((trial, policy), development))["accuracy"] for policy in (WORDS_FIRST, MODEL_UNLESS_DECISIVE)}
    policy = max(tried, key=tried.get)
    # the smallest model (features whose weights all stay under a threshold dropped) that reads the
    # development records as well as the whole one, within 0.002
    pruning = {t: score(read_all((trial.pruned(t), policy), development))["accuracy"] for t in PRUNING}
    threshold = max(t for t in PRUNING if pruning[t] >= pruning[0] - 0.002)
    began = time.perf_counter()
    model = train_perceptron([(design_features(d), label) for _, label, d in training], LABELS,
                             epochs=args.epochs).pruned(threshold)
    seconds = time.perf_counter() - began
    rules_only = score(read_all(None, held_out))
    other = score(read_all((model, WORDS_FIRST if policy == MODEL_UNLESS_DECISIVE else MODEL_UNLESS_DECISIVE), held_out))
    began = time.perf_counter()
    combined = score(read_all((model, policy), held_out))
    per_record_ms = 1000 * (time.perf_counter() - began) / max(1, len(held_out))
    consistent = [c for c in held_out if not labels_contradicted(c[1], c[2])]
    combined_consistent = score(read_all((model, policy), consistent))
    about = {"data": [p.name for p in args.medline], "training_records": len(training),
             "held_out_records": len(held_out), "training_labels": dict(Counter(c[1] for c in training)),
             "epochs": args.epochs, "features": len(model.index), "training_seconds": round(seconds, 1),
             "policies_on_development_records": tried, "policy": policy,
             "pruning_thresholds_tried": pruning, "pruning_threshold": threshold,
             "held_out_words_only": rules_only, "held_out": combined, "held_out_other_policy": other,
             "held_out_without_contradicted_labels": combined_consistent,
             "ms_per_record_whole_analysis": round(per_record_ms, 2)}
    model.save(DESIGN_MODEL, about)
    report = ROOT / "docs" / "models" / "designs.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps(about, indent=2) + "\n")
    print(json.dumps({k: v for k, v in about.items() if not k.startswith("held_out_")}, indent=2))
    for name in ("held_out_words_only", "held_out", "held_out_other_policy", "held_out_without_contradicted_labels"):
        result = about[name]
        print(name, result["accuracy"], {k: v["f1"] for k, v in result["designs"].items()})


if __name__ == "__main__":
    main()
