"""Shared fixtures: the bundled corpus, a store built from it, and a guard that blocks the network."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
SEEDS = ("000_58500c5031921e96.txt", "001_7043bb039a761789.txt")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


class NetworkBlocked(RuntimeError):
    pass


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding only the two seed documents, for tests that count what they contain."""
    folder = tmp_path_factory.mktemp("seeds")
    for name in SEEDS:
        shutil.copy(CORPUS / name, folder / name)
    store = tmp_path_factory.mktemp("seed-store") / "litkg-store"
    done = litkg("extract", str(folder), "--store", str(store), "--quiet")
    assert done.returncode == 0, done.stderr
    return store


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch):
    """Any attempt to open a network connection fails the test."""

    def refuse(*args, **kwargs):
        raise NetworkBlocked(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield


def litkg(*args: str, input_text: str | None = None) -> subprocess.CompletedProcess:
    """Run the installed CLI as a user would."""
    return subprocess.run([sys.executable, "-m", "extractor.cli", *args], capture_output=True, text=True,
                          input=input_text, timeout=600, cwd=ROOT)


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store made by 'litkg extract corpus/' (as the README's first command does)."""
    store = tmp_path_factory.mktemp("store") / "litkg-store"
    done = litkg("extract", str(CORPUS), "--store", str(store), "--quiet")
    assert done.returncode == 0, done.stderr
    return store


@pytest.fixture
def seed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in SEEDS:
        shutil.copy(CORPUS / name, folder / name)
    return folder
