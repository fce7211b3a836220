"""Every command block of the README, as written: each ``litkg`` line parses against the CLI, and the
blocks that need only the bundled corpus run, in the README's order, in a fresh folder (with
``corpus/``, ``ontology/``, ``tests/`` and ``../shared`` beside it, as in a checkout)."""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
from conftest import ROOT, SHARED

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = ("litkg", "python", "curl", "echo", "dask", "oxigraph")
# blocks that need what a test machine has not got, or minutes: parsed, not run (each with why)
NOT_RUN = {
    "pip install": "installs litkg: what .ci/run does before the tests",
    "--engine dask": "needs a Dask cluster (tested with a local one in test_parallel.py)",
    "dask scheduler": "starts a Dask cluster",
    "oxigraph ": "needs the Oxigraph server binary",
    "../shared/data/medline/": "the two MEDLINE files take minutes (measured in benchmarks/)",
    "benchmarks/": "a benchmark (minutes; writes docs/PERFORMANCE.md)",
    "litkg evaluate": "minutes; writes docs/ACCURACY.md (its scores are the quality gate's)",
    "litkg push": "needs a Graph Store Protocol server",
}


def blocks() -> list[str]:
    """The README's indented blocks whose first word is a command."""
    found, current = [], []
    for line in README.splitlines() + [""]:
        if line.startswith("    "):
            current.append(line[4:])
            continue
        if current and current[0].split(" ", 1)[0] in COMMANDS:
            found.append("\n".join(current))
        current = []
    return found


def litkg_lines(block: str) -> list[list[str]]:
    """Each ``litkg`` command of a block as the shell splits it: lines joined while a quote is open or a
    line ends in a backslash; comments dropped; commands split at ``&&``, ``|`` and ``&``."""
    commands, pending = [], ""
    for line in block.splitlines():
        pending = f"{pending}\n{line}" if pending else line
        if pending.endswith("\\"):
            pending = pending[:-1]
            continue
        try:
            lexer = shlex.shlex(pending, posix=True, punctuation_chars="&|;")
            lexer.whitespace_split, lexer.commenters = True, "#"
            tokens = list(lexer)
        except ValueError:  # a quote still open: the command goes on
            continue
        pending = ""
        command: list[str] = []
        for token in tokens + ["&&"]:
            if token in ("&&", "|", "&", ";", "||"):
                if command and command[0] == "litkg":
                    commands.append(command[1:])
                command = []
            else:
                command.append(token)
    return commands


BLOCKS = blocks()


def test_the_readme_has_its_command_blocks():
    assert len(BLOCKS) >= 20 and BLOCKS[0] == "python -m pip install . && litkg extract corpus/"


@pytest.mark.parametrize("block", BLOCKS, ids=[b.splitlines()[0][:60] for b in BLOCKS])
def test_each_litkg_command_parses(block: str):
    from extractor.cli import main

    for words in litkg_lines(block):
        try:
            main.make_context("litkg", list(words), resilient_parsing=False)
        except click.exceptions.Exit:
            pass  # --help, --version
        except click.UsageError as exc:
            if "Missing command" not in str(exc):  # a group shown without a subcommand
                raise AssertionError(f"litkg {' '.join(words)}: {exc}") from None


def _port_open(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_every_runnable_block_runs_as_written(tmp_path: Path):
    work = tmp_path / "checkout"
    work.mkdir()
    for name in ("corpus", "ontology", "tests"):
        (work / name).symlink_to(ROOT / name)
    (tmp_path / "shared").symlink_to(SHARED)
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("LITKG_STORE", None)
    ran = 0
    for block in BLOCKS:
        if any(marker in block for marker in NOT_RUN):
            continue
        if block.startswith("litkg serve"):
            server_line, client = block.split("\n", 1)
            server = subprocess.Popen(["bash", "-c", server_line], cwd=work, env=env, stderr=subprocess.PIPE, text=True)
            try:
                deadline = time.monotonic() + 60
                while not _port_open(7878):
                    assert server.poll() is None and time.monotonic() < deadline, server.stderr.read()
                    time.sleep(0.2)
                done = subprocess.run(["bash", "-ec", client], cwd=work, env=env, capture_output=True, text=True, timeout=60)
            finally:
                server.terminate()
                server.wait(timeout=30)
            assert done.returncode == 0 and done.stdout.startswith("id"), (block, done.stderr)
        else:
            done = subprocess.run(["bash", "-ec", block], cwd=work, env=env, capture_output=True, text=True, timeout=600)
            assert done.returncode == 0, (block, done.stdout[-2000:], done.stderr[-2000:])
        ran += 1
    assert ran >= 12  # of the README's 23 command blocks; the rest are listed in NOT_RUN
    assert (work / "graph.graphml").is_file() and (work / "graph-wa.nq").stat().st_size > 0
