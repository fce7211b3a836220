"""Which files a run reads: everything under a folder, sorted, minus hidden and ignored files."""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterator
from pathlib import Path

from .summary import FileFailure

IGNORE_FILE = ".litkgignore"
ALWAYS_IGNORED = (".*", "README*", "LICENSE*", "COPYING*", IGNORE_FILE)


def walk(root: Path, problems: list[FileFailure] | None = None) -> Iterator[tuple[Path, str]]:
    """Files under ``root`` (or ``root`` itself) with their '/'-separated relative path, sorted,
    minus hidden files, READMEs and licences, and the patterns listed in ``.litkgignore`` files.
    Linked folders are followed once; a folder that cannot be read, and a link back to a folder
    already being read (a loop), are added to ``problems`` instead of being passed over silently."""
    if root.is_file():
        yield root, stored_name(root.name)
        return
    patterns = _ignore_patterns(root)
    found: list[Path] = []
    visited: set[tuple[int, int]] = set()

    def unreadable(error: OSError) -> None:
        if problems is not None:
            where = Path(error.filename).relative_to(root).as_posix() if error.filename else "."
            problems.append(FileFailure(stored_name(where) + "/", f"cannot read the folder: {error.strerror or error}"))

    for folder, folders, names in os.walk(root, onerror=unreadable, followlinks=True):
        here = Path(folder)
        status = here.stat()
        if (status.st_dev, status.st_ino) in visited:  # a link back into a folder already read
            if problems is not None:
                problems.append(FileFailure(stored_name(here.relative_to(root).as_posix()) + "/",
                                            "a link to a folder already read (a loop): not read again"))
            folders[:] = []
            continue
        visited.add((status.st_dev, status.st_ino))
        found += [here / name for name in names if (here / name).is_file()]
    for path in sorted(found):
        relative = stored_name(path.relative_to(root).as_posix())
        if _ignored(relative, patterns):
            continue
        yield path, relative


def stored_name(name: str) -> str:
    """A file name as litkg stores and prints it: as it is when it is valid Unicode; else each byte that
    is not valid UTF-8 written %XX ("caf%E9.txt" for the Latin-1 name b"caf\xe9.txt"). Python gives such
    bytes as the surrogates U+DC80-U+DCFF (PEP 383)."""
    return _UNDECODABLE.sub(lambda m: f"%{ord(m.group()) - 0xDC00:02X}", name)


_UNDECODABLE = re.compile("[\udc80-\udcff]")


def _ignore_patterns(root: Path) -> list[str]:
    patterns = list(ALWAYS_IGNORED)
    ignore = root / IGNORE_FILE
    if ignore.is_file():
        patterns += [line.strip() for line in ignore.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#")]
    return patterns


def _ignored(relative: str, patterns: list[str]) -> bool:
    parts = relative.split("/")
    for pattern in patterns:
        bare = pattern.rstrip("/")
        if pattern.endswith("/") and bare in parts[:-1]:
            return True
        if any(fnmatch.fnmatch(part, bare) for part in parts) or fnmatch.fnmatch(relative, bare):
            return True
    return False
