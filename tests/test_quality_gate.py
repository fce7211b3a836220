"""Quality gate: scores on a fixed slice of each development set may not drop below their floors,
and the registration case file must be found exactly (precision and recall 1.0)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.evaluation import tasks
from extractor.nlp.registrations import find_registrations

HERE = Path(__file__).parent
DATA = HERE.parent.parent / "shared" / "data"
CASES = HERE / "cases" / "registrations.jsonl"
FLOORS = json.loads((HERE / "cases" / "quality_floors.json").read_text(encoding="utf-8"))


def _cases() -> list[dict]:
    return [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_case_file_is_big_enough():
    cases = _cases()
    assert sum(1 for c in cases if c["expect"]) >= 150
    assert sum(1 for c in cases if not c["expect"]) >= 50


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["text"][:40])
def test_registration_case(case):
    found = sorted((r.identifier, r.registry) for r in find_registrations(case["text"]))
    assert found == sorted((e["id"], e["registry"]) for e in case["expect"])


def test_registration_scores_are_perfect():
    (score,) = tasks.registrations(CASES)
    assert score.counts.precision == 1.0 and score.counts.recall == 1.0


@pytest.fixture(scope="module")
def slice_scores() -> dict[str, float]:
    assert DATA.exists(), f"development data not found at {DATA} (CI keeps ../shared beside the checkout)"
    scores = {}
    for task in tasks.TASKS.values():
        for s in task(DATA, FLOORS["limit"]):
            scores[f"{s.task} | {s.dataset} | {s.match}"] = s.counts.f1
    return scores


@pytest.mark.parametrize("key", sorted(FLOORS["floors"]))
def test_score_not_below_floor(slice_scores, key):
    assert key in slice_scores, f"no score computed for {key}"
    assert slice_scores[key] >= FLOORS["floors"][key], f"{key}: F1 {slice_scores[key]:.3f} < floor {FLOORS['floors'][key]}"
