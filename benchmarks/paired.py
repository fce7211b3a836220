"""What the paired benchmarks (two commits, same inputs) share: a temporary worktree of the base commit,
runs pinned to one core with one commit's code first on the import path, and the line that dates a table."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from extractor.evaluation.report import current_commit

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def base_worktree(rev: str) -> Iterator[Path]:
    """A detached worktree of ``rev``, removed afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        worktree = Path(tmp) / "base"
        subprocess.run(["git", "worktree", "add", "--detach", str(worktree), rev], cwd=ROOT, check=True, capture_output=True)
        try:
            yield worktree
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=ROOT, capture_output=True)


def run_pinned(code: Path, script: str, *args: str) -> str:
    """``python -c script args`` in a fresh process on one core (taskset) with ``code`` first on the
    import path; its standard output (a failure stops the benchmark with the process's error)."""
    pinned = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    done = subprocess.run([*pinned, sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=code,
                          env={**os.environ, "PYTHONPATH": str(code)})
    if done.returncode:
        sys.exit(f"the run at {code} failed: {done.stderr[-2000:]}")
    return done.stdout


def short_rev(rev: str) -> str:
    return subprocess.run(["git", "rev-parse", "--short", rev], cwd=ROOT, capture_output=True, text=True).stdout.strip()


def stamp() -> str:
    """When, at which commit and on what machine a table was measured."""
    return f"{date.today()}, this checkout at {current_commit(ROOT)}, {platform.machine()} with {os.cpu_count()} cores."
