"""A fuzz harness for the reading and extraction path: real documents mutated (bytes flipped, inserted,
deleted, repeated, cut; hostile snippets such as unclosed author initials, deep nesting, entity
declarations and control characters spliced in; two files joined) and each mutant read, extracted
and built as a run would, under a time budget per document.

It counts what must never happen: an exception other than a reader's refusal (a crash), a document
past its time budget (a hang), a span whose words are not the text at its offsets, N-Quads that do
not parse. ``tests/test_fuzz.py`` runs it for a few seconds in CI; ``benchmarks/fuzz_documents.py``
for longer, with its figures in the README.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..budget import OverTime, time_limit
from ..errors import InputError
from ..graph.builder import GraphBuilder
from ..graph.nquads import quads_of
from ..nlp.analysis import analyse
from ..readers import read_bytes
from ..records import DeletedRecords

HOSTILE = (
    b"(" + b"H.H." * 40 + b"/)", b"<div>" * 3000, b"</p>" * 500, b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"\x00\x01\x02",
    b"PMID: 39 501 234", b"citation_pmid", b'<meta name="citation_pmid" content="PMID: 1">', b"NCT" + b"0" * 40,
    b"(95% CI, " * 200, b"1" * 5000, b"\xef\xbb\xbf", b"\xff\xfe", b"'''", b"SERVICE", b"\r\n" * 500,
    b"BACKGROUND: " * 300, "\u202e\u200b\u00ad".encode(), b"et al 1988; ", b"By " * 200,
)


@dataclass(slots=True)
class FuzzReport:
    mutants: int = 0
    documents: int = 0
    refused: int = 0  # a reader refused the file with a reason (expected for broken input)
    crashes: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    span_mismatches: list[str] = field(default_factory=list)
    bad_nquads: list[str] = field(default_factory=list)
    slowest: float = 0.0  # seconds of the slowest document

    @property
    def failures(self) -> int:
        return len(self.crashes) + len(self.hangs) + len(self.span_mismatches) + len(self.bad_nquads)


def mutate(data: bytes, other: bytes, rng: random.Random) -> bytes:
    """One mutant of ``data`` (``other``: another seed, for splices)."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(7)
        at = rng.randint(0, len(data))
        if kind == 0 and data:
            data[min(at, len(data) - 1)] ^= 1 << rng.randrange(8)
        elif kind == 1:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif kind == 2:
            del data[at:at + rng.randint(1, 200)]
        elif kind == 3:
            chunk = data[at:at + rng.randint(1, 400)]
            data[at:at] = chunk * rng.randint(2, 20)
        elif kind == 4:
            del data[at:]
        elif kind == 5:
            data[at:at] = rng.choice(HOSTILE)
        else:
            cut = rng.randint(0, len(other))
            data[at:] = other[cut:]
    return bytes(data)


def check_document(document, builder: GraphBuilder, seconds: float, report: FuzzReport, name: str) -> None:
    started = time.perf_counter()
    try:
        with time_limit(seconds):
            extraction = analyse(document)
            nquads = builder.build(extraction).nquads()
    except OverTime:
        report.hangs.append(f"{name}: over {seconds:g} s")
        return
    except Exception as exc:  # the harness counts every unexpected exception
        report.crashes.append(f"{name}: {type(exc).__name__}: {exc}"[:300])
        return
    report.slowest = max(report.slowest, time.perf_counter() - started)
    text = document.text
    spans = [(m.start, m.end, m.text) for m in extraction.mentions] + [(r.start, r.end, r.text) for r in extraction.results]
    spans += [(e.start, e.end, e.text) for e in extraction.endpoints]
    for start, end, words in spans:
        if text[start:end] != words:
            report.span_mismatches.append(f"{name}: [{start}:{end}] {words!r}")
            break
    try:
        quads_of(nquads)
    except (SyntaxError, ValueError) as exc:
        report.bad_nquads.append(f"{name}: {exc}"[:300])


def fuzz(seeds: Iterable[Path], seconds: float, rng: random.Random, per_document: float = 10.0) -> FuzzReport:
    """Mutate the ``seeds`` for ``seconds``; every mutant read and each of its documents extracted."""
    pool = [path.read_bytes() for path in seeds]
    builder = GraphBuilder()
    report = FuzzReport()
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        index = rng.randrange(len(pool))
        data = mutate(pool[index], rng.choice(pool), rng)
        report.mutants += 1
        name = f"mutant {report.mutants} of seed {index}"
        try:
            with time_limit(per_document):
                items = read_bytes(data, "fuzz.html" if b"<" in data[:200] else "fuzz.txt")
        except InputError:
            report.refused += 1
            continue
        except OverTime:
            report.hangs.append(f"{name}: reading over {per_document:g} s")
            continue
        except Exception as exc:
            report.crashes.append(f"{name}: reading: {type(exc).__name__}: {exc}"[:300])
            continue
        for item in items:
            if not isinstance(item, DeletedRecords):
                report.documents += 1
                check_document(item, builder, per_document, report, name)
    return report
