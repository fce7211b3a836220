"""Train the statistical outcome tagger on EvidenceOutcomes (MIT licence) and measure it honestly.

Usage: python scripts/train_outcome_tagger.py [../shared/data] [--folds 5] [--jobs 2]

1. Five-fold cross-validation over the 301 EvidenceOutcomes development abstracts: a tagger is
   trained on four fifths and scored on the fifth it never saw, beside the rules on the same fifth
   (overlap and strict span match, in the findings and over the whole abstract, as ``litkg
   evaluate`` scores outcomes; the tokens outside the findings, which nobody annotated, are
   missing in training, not negatives). The summed counts go to
   ``extractor/models/outcome_tagger/cv_scores.json``; ``litkg evaluate`` reports them, since a
   tagger trained on the development set cannot be scored on it.
2. A final tagger trained on all 301 abstracts is written to ``extractor/models/outcome_tagger``.

spaCy's CPU tok2vec + NER (``scripts/outcome_tagger.cfg``, fixed seed, 2,000 steps, no pretrained
vectors, nothing downloaded). Training and scoring take ~40 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span
from spacy.util import filter_spans

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.evaluation import datasets
from extractor.evaluation.findings_scope import analysed_with_findings, within
from extractor.evaluation.scoring import Counts, overlap, strict
from extractor.nlp import outcome_tagger
from extractor.nlp.analysis import analyse, text_document

CONFIG = ROOT / "scripts" / "outcome_tagger.cfg"
OUT = ROOT / "extractor" / "models" / "outcome_tagger"
LABEL = "OUTCOME"


def _doc_bin(nlp: spacy.Language, docs: list[datasets.AnnotatedText]) -> DocBin:
    """Gold outcome spans on spaCy tokens (expanded to token edges; nested spans: the longest).
    The annotators marked only the findings (results and conclusions), so the other tokens are
    missing (neither outcome nor not), not negatives."""
    out = DocBin()
    for item in docs:
        doc = nlp.make_doc(item.text)
        spans = filter_spans([s for s in (doc.char_span(g.start, g.end, label=LABEL, alignment_mode="expand")
                                          for g in item.spans) if s is not None])
        doc.set_ents(spans, missing=_unannotated(doc, analysed_with_findings(item.text)[2], spans), default="outside")
        out.add(doc)
    return out


def _unannotated(doc: Doc, scope: list[tuple[int, int]], gold: list[Span]) -> list[Span]:
    """Runs of tokens outside the findings and outside every gold span."""
    labelled = {i for span in gold for i in range(span.start, span.end)}
    runs: list[Span] = []
    start = None
    for token in doc:
        outside = token.i not in labelled and not any(s <= token.idx < e for s, e in scope)
        if outside and start is None:
            start = token.i
        elif not outside and start is not None:
            runs.append(doc[start:token.i])
            start = None
    if start is not None:
        runs.append(doc[start:len(doc)])
    return runs


def _train(train: Path, dev: Path, output: Path) -> Path:
    """``spacy train`` in its own process; the model after the last step (no selection on dev)."""
    subprocess.run([sys.executable, "-m", "spacy", "train", str(CONFIG), "--output", str(output),
                    "--paths.train", str(train), "--paths.dev", str(dev)], check=True,
                   stdout=subprocess.DEVNULL)
    return output / "model-last"


def _score(model: Path, docs: list[datasets.AnnotatedText]) -> dict[str, Counts]:
    """Outcome mentions on held-out abstracts: the rules alone, the tagger alone, and litkg with the
    tagger on (its spans, plus the rule phrases they do not overlap); in the findings the annotators
    marked (as ``litkg evaluate`` scores outcomes) and over the whole abstract."""
    found: dict[str, list[list[tuple[int, int]]]] = {"rules": [], "tagger": [], "litkg with tagger": []}
    sections, scopes = [], []
    for item in docs:
        found_sections, extraction, scope = analysed_with_findings(item.text)
        sections.append(found_sections)
        scopes.append(scope)
        found["rules"].append([(e.start, e.end) for e in extraction.endpoints])
    tagger = outcome_tagger.OutcomeTagger.load(model)
    for item, item_sections in zip(docs, sections):
        found["tagger"].append(tagger.tag(item.text))
        found["litkg with tagger"].append([(e.start, e.end) for e in analyse(text_document(item.text, item_sections), tagger).endpoints])
    gold = [[(s.start, s.end) for s in item.spans] for item in docs]
    counts: dict[str, Counts] = {}
    for name, predictions in found.items():
        for match, score in (("overlap", overlap), ("strict", strict)):
            counts[f"{name} | findings | {match}"] = sum(
                (score(g, within(spans, scope)) for g, spans, scope in zip(gold, predictions, scopes)), Counts())
            counts[f"{name} | whole abstract | {match}"] = sum(
                (score(g, spans) for g, spans in zip(gold, predictions)), Counts())
    return counts


def _describe(meta_path: Path, documents: int) -> None:
    """Name the model and accept any spaCy 3.8 (pyproject pins spacy>=3.8,<3.9), so loading it
    under another 3.8 release gives no version warning."""
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(name="litkg_outcome_tagger", version="1.0.0", spacy_version=">=3.8.0,<3.9.0", license="MIT (training data)",
                description=f"Outcome mentions; spaCy tok2vec + NER trained on {documents} EvidenceOutcomes abstracts "
                            "by scripts/train_outcome_tagger.py")
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    docs = list(datasets.brat(args.data / "evidence_outcomes" / "dev", "Outcome"))
    order = sorted(range(len(docs)), key=lambda i: docs[i].identifier)
    random.Random(13).shuffle(order)
    nlp = spacy.blank("en")
    with tempfile.TemporaryDirectory() as work:
        work_dir = Path(work)
        jobs = []
        for k in range(args.folds):
            held_out = set(order[k::args.folds])
            train = [d for i, d in enumerate(docs) if i not in held_out]
            test = [d for i, d in enumerate(docs) if i in held_out]
            _doc_bin(nlp, train).to_disk(work_dir / f"train{k}.spacy")
            _doc_bin(nlp, test).to_disk(work_dir / f"test{k}.spacy")
            jobs.append((work_dir / f"train{k}.spacy", work_dir / f"test{k}.spacy", work_dir / f"fold{k}", test))
        _doc_bin(nlp, docs).to_disk(work_dir / "all.spacy")
        with ThreadPoolExecutor(args.jobs) as pool:
            final = pool.submit(_train, work_dir / "all.spacy", work_dir / "all.spacy", work_dir / "final")
            folds = [(pool.submit(_train, train, dev, out), test) for train, dev, out, test in jobs]
            totals: dict[str, Counts] = {}
            for future, test in folds:
                for name, counts in _score(future.result(), test).items():
                    totals[name] = totals.get(name, Counts()) + counts
            model = final.result()
        if OUT.exists():
            shutil.rmtree(OUT)
        shutil.copytree(model, OUT)
    shutil.copy(args.data / "evidence_outcomes" / "LICENSE", OUT / "DATA_LICENSE.txt")  # the MIT notice travels with the weights
    _describe(OUT / "meta.json", len(docs))
    config = OUT / "config.cfg"  # the temporary training paths mean nothing once shipped
    config.write_text(re.sub(r'^(train|dev) = ".*"$', r"\1 = null", config.read_text(encoding="utf-8"), flags=re.MULTILINE),
                      encoding="utf-8")
    scores = {"documents": len(docs), "folds": args.folds, "data": "EvidenceOutcomes dev (MIT)",
              "counts": {name: [c.right, c.predicted, c.found, c.gold] for name, c in totals.items()}}
    (OUT / "cv_scores.json").write_text(json.dumps(scores, indent=1) + "\n", encoding="utf-8")
    for name, c in totals.items():
        print(f"{name:45} P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f}")
    print(f"tagger -> {OUT}")


if __name__ == "__main__":
    main()
