"""The fuzz harness, bounded for CI: mutants of the corpus and of the real-world pages give no crash,
no hang past the per-document budget, no span whose words differ from its offsets, no bad N-Quads.
The long run is `python benchmarks/fuzz_documents.py`."""

from __future__ import annotations

import random

from conftest import CORPUS, SHARED

from extractor.evaluation.fuzz import fuzz
from extractor.runs import walk

SECONDS = 20


def test_mutated_documents_never_crash_hang_or_misplace_a_span():
    seeds = [path for root in (CORPUS, SHARED / "data" / "realworld" / "docs") for path, _ in walk(root)
             if path.stat().st_size < 400_000]
    report = fuzz(seeds, SECONDS, random.Random(20261201), per_document=10.0)
    assert report.mutants > 100 and report.documents > 50
    assert report.failures == 0, (report.crashes + report.hangs + report.span_mismatches + report.bad_nquads)[:5]
