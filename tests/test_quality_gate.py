"""Quality gate: scores on a fixed slice of each development set may not drop below their floors, by
both routes (the NLP on the gold text, and the user's path: files -> extract -> graph -> SPARQL), the
real-world set's own scorer may not drop below its floors, and the registration case file must be
found exactly (precision and recall 1.0) by both routes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.evaluation import realworld, tasks
from extractor.nlp.registrations import find_registrations

HERE = Path(__file__).parent
DATA = HERE.parent.parent / "shared" / "data"
CASES = HERE / "cases" / "registrations.jsonl"
GATE = json.loads((HERE / "cases" / "quality_floors.json").read_text(encoding="utf-8"))


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


def test_registration_scores_are_perfect_by_both_routes(tmp_path: Path):
    task = tasks.registration_task(CASES)
    for score in tasks.direct(task, DATA) + tasks.through_graph(task, DATA, workdir=tmp_path):
        assert (score.route, score.counts.precision, score.counts.recall) == (score.route, 1.0, 1.0)


@pytest.fixture(scope="module")
def slice_scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tasks.Score]:
    assert DATA.exists(), f"development data not found at {DATA} (CI keeps ../shared beside the checkout)"
    workdir = tmp_path_factory.mktemp("gate")
    scores = {}
    for task in tasks.TASKS.values():
        for s in tasks.direct(task, DATA, GATE["limit"]) + tasks.through_graph(task, DATA, GATE["limit"], workdir=workdir):
            scores[f"{s.key} | {s.route}"] = s
    return scores


@pytest.fixture(scope="module")
def realworld_scores() -> dict[str, float]:
    return {f"realworld | {row.gold} | {row.category}": row.f1
            for gold in realworld.GOLD_FOLDERS for row in realworld.score(DATA, gold)}


_SET_FLOORS = sorted(k for k in GATE["floors"] if not k.startswith("realworld"))
_REALWORLD_FLOORS = sorted(k for k in GATE["floors"] if k.startswith("realworld"))


@pytest.mark.parametrize("key", _SET_FLOORS)
def test_score_not_below_floor(slice_scores, key):
    assert key in slice_scores, f"no score computed for {key}"
    f1 = slice_scores[key].counts.f1
    assert f1 >= GATE["floors"][key], f"{key}: F1 {f1:.3f} < floor {GATE['floors'][key]}"


def test_every_computed_score_has_a_floor(slice_scores):
    assert set(slice_scores) <= set(GATE["floors"]), sorted(set(slice_scores) - set(GATE["floors"]))


def test_nothing_is_lost_between_file_and_graph(slice_scores):
    """Each graph-route score is within the gap of its direct score, and every span read back from the
    graph is placed in its file."""
    direct = {s.key: s.counts.f1 for s in slice_scores.values() if s.route == tasks.DIRECT}
    for name, s in slice_scores.items():
        if s.route != tasks.DIRECT:
            assert abs(s.counts.f1 - direct[s.key]) <= GATE["max_route_gap"], f"{name}: {s.counts.f1:.3f} vs direct {direct[s.key]:.3f}"
            assert s.unplaced == 0, f"{name}: {s.unplaced} spans read back from the graph are not in the file"


@pytest.mark.parametrize("key", _REALWORLD_FLOORS)
def test_realworld_score_not_below_floor(realworld_scores, key):
    assert key in realworld_scores, f"the real-world scorer printed no {key}"
    assert realworld_scores[key] >= GATE["floors"][key], f"{key}: F1 {realworld_scores[key]:.2f} < floor {GATE['floors'][key]}"


def test_the_audit_on_constructed_cases_keeps_its_floors():
    from extractor.evaluation.audit_cases import score
    floors = GATE["audit"]
    audit = score(DATA, floors["limit"])
    kinds = {k.kind: k for k in audit.kinds}
    for kind, floor in floors["recall"].items():
        assert kinds[kind].cases and kinds[kind].found / kinds[kind].cases >= floor, (kind, kinds[kind])
    for kind, floor in floors["precision"].items():
        k = kinds[kind]
        assert k.found / (k.found + k.false_alarms) >= floor, (kind, k)
    assert audit.clean / audit.unedited >= floors["clean"], audit
