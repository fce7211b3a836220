"""Score the design reader from the words alone against MEDLINE's own labels (a diagnostic).

    python scripts/evaluate_designs.py [--medline FILE ...]

Every record with an abstract whose publication types or MeSH design headings name a design
(``ontology/vocab/design_index_terms.tsv``) is a test case: its labels are taken away and the
design is read from its title and abstract, as for a page or a news story. The 2021 file's
records whose PMID is not divisible by 5 trained the sentence-role model and are left out. MEDLINE
labelled trials "Clinical Trial" before it had a randomised-trial type: those records count as right
when either trial design is read. Writes ``docs/models/designs.json``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

from extractor.designs import Design
from extractor.nlp.analysis import analyse
from extractor.nlp.design import indexed_design
from extractor.readers import read_file

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "medline"
DEFAULT = [DATA / "pubmed20n0014.xml.gz", DATA / "pubmed21n1298_dev.xml.gz"]
EITHER_TRIAL = "trial (randomisation not labelled)"


def cases(path: Path):
    """(gold label, document without its labels) for every labelled record with an abstract."""
    trained_on = "21n" in path.name
    for document in read_file(path, path.name):
        if not hasattr(document, "text") or not any(s.kind != "title" for s in document.sections):
            continue
        pmid = document.identifiers.pmid or ""
        if trained_on and not (pmid.isdigit() and int(pmid) % 5 == 0):
            continue
        statement = indexed_design(document)
        if statement is None or statement.design is None:
            continue
        gold = statement.design.value
        if statement.design is Design.NON_RANDOMIZED_TRIAL:
            gold = EITHER_TRIAL
        yield gold, replace(document, publication_types=(), mesh_headings=())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--medline", type=Path, nargs="*", default=DEFAULT)
    args = parser.parse_args()
    pairs: Counter = Counter()
    for path in args.medline:
        for gold, document in cases(path):
            design = analyse(document).design
            guess = design.design.value if design and design.design else "no study"
            if gold == EITHER_TRIAL and guess in (Design.RANDOMIZED_TRIAL.value, Design.NON_RANDOMIZED_TRIAL.value):
                guess = EITHER_TRIAL
            pairs[(gold, guess)] += 1
    total = sum(pairs.values())
    right = sum(n for (g, p), n in pairs.items() if g == p)
    labels = sorted({g for g, _ in pairs})
    per = {}
    for label in labels:
        tp = pairs[(label, label)]
        fp = sum(n for (g, p), n in pairs.items() if p == label and g != label)
        fn = sum(n for (g, p), n in pairs.items() if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per[label] = {"records": tp + fn, "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
                      "read_as": dict(Counter({p: n for (g, p), n in pairs.items() if g == label}).most_common(4))}
    report = {"records": total, "accuracy": round(right / total, 4) if total else 0.0,
              "files": [p.name for p in args.medline], "designs": per}
    out = ROOT / "docs" / "models" / "designs.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
