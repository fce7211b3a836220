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


_LOOPBACK = {"127.0.0.1", "::1", "localhost", "0.0.0.0", "", None}


def _loopback(address: object) -> bool:
    """A Unix socket path, or a host on this machine (the tests' own servers and Dask cluster)."""
    if not isinstance(address, tuple):
        return True
    host = address[0]
    return host in _LOOPBACK or (isinstance(host, str) and host.startswith("127."))


@pytest.fixture(autouse=True)
def network_guard(monkeypatch: pytest.MonkeyPatch):
    """Every test: a connection to any host but this machine fails the test (litkg runs offline)."""
    connect, connect_ex, getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo

    def refused(what: object) -> NetworkBlocked:
        return NetworkBlocked(f"network access attempted: {what!r}")

    def guarded_connect(self, address):
        # a datagram socket's connect sends nothing (it only picks a route: Dask finds its own address so)
        if not _loopback(address) and self.type != socket.SOCK_DGRAM:
            raise refused(address)
        return connect(self, address)

    def guarded_connect_ex(self, address):
        if not _loopback(address):
            raise refused(address)
        return connect_ex(self, address)

    def guarded_getaddrinfo(host, *args, **kwargs):
        if not _loopback((host.decode() if isinstance(host, bytes) else host,)) and host != socket.gethostname():
            raise refused(host)
        return getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    yield


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch):
    """Stricter than the guard every test has: no connection at all, not even to this machine."""

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
