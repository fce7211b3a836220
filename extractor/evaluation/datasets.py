"""Loaders for the development sets in ``../shared/data`` (formats as released), as typed records.

PubTator (BC5CDR, NCBI disease): ``id|t|title``, ``id|a|abstract``, then one tab-separated
mention per line with offsets into ``title + " " + abstract``. brat (EvidenceOutcomes): ``.txt``
with ``.ann`` lines ``T1<TAB>Outcome 10 20<TAB>words``. RCT-ART: Prodigy JSONL with ``spans``
and ``relations``. EBM-NLP: CoNLL lines ``token POS ... label`` with ``-DOCSTART- (PMID)``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class GoldSpan:
    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class GoldRelation:
    head: GoldSpan
    child: GoldSpan
    label: str


@dataclass(frozen=True, slots=True)
class AnnotatedText:
    identifier: str
    text: str
    spans: tuple[GoldSpan, ...]
    relations: tuple[GoldRelation, ...] = ()
    title_end: int | None = None  # where the title ends (saved on its own line in the user-path forms)
    identifiers: frozenset[tuple[str, str]] = frozenset()  # expected (registration ID, registry), for case files


@dataclass(frozen=True, slots=True)
class LabelledTokens:
    identifier: str
    tokens: tuple[str, ...]
    labels: tuple[str, ...]  # "O" or a class such as "PAR", "INT", "OUT"


def pubtator(path: Path) -> Iterator[AnnotatedText]:
    """Documents of a PubTator file; relation lines (``id CID a b``) are skipped."""
    title = abstract = identifier = None
    spans: list[GoldSpan] = []
    with path.open(encoding="utf-8") as lines:
        for line in (*lines, "\n"):
            line = line.rstrip("\n")
            if not line.strip():
                if identifier is not None:
                    yield AnnotatedText(identifier, f"{title} {abstract}", tuple(spans), title_end=len(title))
                title = abstract = identifier = None
                spans = []
            elif "|t|" in line[:20]:
                identifier, _, title = line.split("|", 2)
            elif "|a|" in line[:20]:
                abstract = line.split("|", 2)[2]
            else:
                fields = line.split("\t")
                if len(fields) >= 5 and fields[1].isdigit():
                    spans.append(GoldSpan(int(fields[1]), int(fields[2]), fields[4]))


def brat(folder: Path, label: str) -> Iterator[AnnotatedText]:
    """Each ``.txt`` in ``folder`` with its ``.ann`` text-bound annotations of type ``label``
    (discontinuous annotations ``a b;c d`` become one span per fragment)."""
    for text_path in sorted(folder.glob("*.txt")):
        text = text_path.read_text(encoding="utf-8")
        spans = []
        ann = text_path.with_suffix(".ann")
        for line in ann.read_text(encoding="utf-8").splitlines() if ann.exists() else ():
            fields = line.split("\t")
            if not fields[0].startswith("T") or len(fields) < 2:
                continue
            kind, _, offsets = fields[1].partition(" ")
            if kind != label:
                continue
            for fragment in offsets.split(";"):
                start, end = fragment.split()
                spans.append(GoldSpan(int(start), int(end), kind))
        title_end = text.find("\n")
        yield AnnotatedText(text_path.stem, text, tuple(spans), title_end=title_end if title_end > 0 else None)


def rct_art(path: Path) -> Iterator[AnnotatedText]:
    """Accepted RCT-ART sentences with INTV/OC/MEAS spans and their A1_RES/A2_RES/OC_RES relations."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            record = json.loads(line)
            if record.get("answer", "accept") != "accept":
                continue
            spans = tuple(GoldSpan(s["start"], s["end"], s["label"]) for s in record.get("spans", ()))
            relations = tuple(
                GoldRelation(_span(r["head_span"]), _span(r["child_span"]), r["label"])
                for r in record.get("relations", ())
            )
            yield AnnotatedText(f"{path.stem}:{number}", record["text"], spans, relations)


def _span(data: dict) -> GoldSpan:
    return GoldSpan(data["start"], data["end"], data["label"])


def conll(path: Path) -> Iterator[LabelledTokens]:
    """EBM-NLP documents: tokens and the last column's label, ``I-PAR`` read as ``PAR``."""
    identifier = None
    tokens: list[str] = []
    labels: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for line in (*lines, "-DOCSTART- (end)\n"):
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                if identifier is not None and tokens:
                    yield LabelledTokens(identifier, tuple(tokens), tuple(labels))
                identifier = line.split("(", 1)[-1].rstrip(")")
                tokens, labels = [], []
            elif line.strip():
                fields = line.split()
                tokens.append(fields[0])
                label = fields[-1]
                labels.append(label.split("-", 1)[1] if "-" in label else label)


def tokens_as_text(doc: LabelledTokens) -> AnnotatedText:
    """Tokens joined by single spaces, each token a span labelled with its class ("O" included)."""
    spans, position = [], 0
    for token, label in zip(doc.tokens, doc.labels):
        spans.append(GoldSpan(position, position + len(token), label))
        position += len(token) + 1
    return AnnotatedText(doc.identifier, " ".join(doc.tokens), tuple(spans))


def registration_cases(path: Path) -> Iterator[AnnotatedText]:
    """The project's registration case file (JSONL: ``text`` and the ``expect``ed IDs and registries)."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if line.strip():
                case = json.loads(line)
                yield AnnotatedText(f"case-{number}", case["text"], (),
                                    identifiers=frozenset((e["id"], e["registry"]) for e in case["expect"]))
