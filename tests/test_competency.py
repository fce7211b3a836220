"""The contract's competency questions pass on the store 'litkg extract corpus/' writes."""

from __future__ import annotations

import subprocess
import sys

from conftest import SHARED


def test_all_competency_questions_pass(corpus_store):
    command = f"{sys.executable} -m extractor.cli query --store {{store}} --format json {{query}}"
    done = subprocess.run(
        [sys.executable, str(SHARED / "contract" / "check_competency.py"), "--store", str(corpus_store), "--query-cmd", command],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().splitlines()[-1] == "12 passed, 0 failed"
