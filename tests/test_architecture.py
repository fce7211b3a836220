"""The layout docs/ARCHITECTURE.md describes, checked: data flows one way (no package imports a later
one), no module imports another's private names, no module is over 400 lines, and tests reach the
library through its public names only."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "extractor"
# each layer may import itself and the layers before it (docs/ARCHITECTURE.md)
LAYERS = (
    {"extractor.errors", "extractor.records", "extractor.document_parts", "extractor.registry_records", "extractor.designs",
     "extractor.budget",
     "extractor.vocabularies", "extractor.sparql_guard"},
    {"extractor.readers"},
    {"extractor.nlp", "extractor.models"},
    {"extractor.graph"},
    {"extractor.store", "extractor.ledger"},
    {"extractor.resolve"},
    {"extractor.runs", "extractor.query", "extractor.results_formats", "extractor.serve", "extractor.export",
     "extractor.audit_report",
     "extractor.validate", "extractor.push"},
    {"extractor.evaluation"},
    {"extractor.cli"},
)
MAX_LINES = 400


def _unit(module: str) -> str:
    """The layer unit of a module: its package under extractor/, or the top-level module itself."""
    parts = module.split(".")
    return ".".join(parts[:2])


def _layer(module: str) -> int:
    unit = _unit(module)
    if unit == "extractor":
        return 0  # extractor/__init__.py: the version
    for index, units in enumerate(LAYERS):
        if unit in units:
            return index
    raise AssertionError(f"{module} is in no layer: add it to LAYERS and to docs/ARCHITECTURE.md")


def _modules(root: Path, prefix: str):
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).with_suffix("")
        parts = [p for p in relative.parts if p != "__init__"]
        yield path, ".".join([prefix, *parts]) if prefix else ".".join(parts)


def _imports(path: Path, module: str):
    """(imported module, names) for every import in the file, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            yield base, [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []


LIBRARY = list(_modules(PACKAGE, "extractor"))


@pytest.mark.parametrize("path, module", LIBRARY, ids=[m for _, m in LIBRARY])
def test_no_module_imports_a_later_layer_or_a_private_name(path: Path, module: str):
    mine = _layer(module)
    for imported, names in _imports(path, module):
        if not imported.startswith("extractor"):
            continue
        assert _layer(imported) <= mine, f"{module} (layer {mine}) imports {imported} (layer {_layer(imported)})"
        private = [n for n in names if n.startswith("_") and not n.startswith("__")]
        assert not private, f"{module} imports private names {private} from {imported}"


@pytest.mark.parametrize("path, module", LIBRARY, ids=[m for _, m in LIBRARY])
def test_no_module_is_over_400_lines(path: Path, module: str):
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module} has {lines} lines: split it by what it holds"


def test_tests_and_benchmarks_use_public_names_only():
    found = []
    for folder in ("tests", "benchmarks"):
        for path, module in _modules(ROOT / folder, ""):
            for imported, names in _imports(path, module):
                private = [n for n in names if n.startswith("_") and not n.startswith("__")]
                if imported.startswith("extractor") and private:
                    found.append(f"{folder}/{path.name}: {private} from {imported}")
                if folder == "tests" and imported.split(".")[0] in {"benchmarks", "medline_extract"}:
                    found.append(f"tests/{path.name} imports {imported}")
    assert not found, found


def test_the_library_keeps_no_mutable_state_at_module_level():
    """Module-level names bound to a list, dict or set literal are constants only when never changed:
    none may be assigned into or appended to by a function (the one documented exception, a worker
    process's Extractor, is a ``global`` in runs/work.py)."""
    offenders = []
    for path, module in LIBRARY:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        mutable = {t.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
                   for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
                   if isinstance(t, ast.Name) and isinstance(node.value, (ast.List, ast.Dict, ast.Set))}
        for function in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
            for node in ast.walk(function):
                if isinstance(node, ast.Global) and module != "extractor.runs.work":
                    offenders.append(f"{module}.{function.name}: global {node.names}")
                target = None
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                        node.func.attr in {"append", "extend", "add", "update", "clear", "pop", "setdefault", "insert"}:
                    target = node.func.value
                elif isinstance(node, (ast.Assign, ast.AugAssign)):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    target = next((t.value for t in targets if isinstance(t, ast.Subscript)), None)
                if isinstance(target, ast.Name) and target.id in mutable:
                    local = any(isinstance(a, ast.arg) and a.arg == target.id for a in ast.walk(function.args)) or any(
                        isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == target.id for t in n.targets)
                        for n in ast.walk(function))
                    if not local:
                        offenders.append(f"{module}.{function.name} changes the module's {target.id}")
    assert not offenders, offenders


def test_benchmarks_and_scripts_import_what_the_library_has():
    """Benchmarks run litkg in subprocesses from code in strings, which no import checks: every
    ``from extractor… import …`` in benchmarks/ and scripts/, in code or in a string, must resolve."""
    import importlib
    import re

    missing = []
    for folder in ("benchmarks", "scripts"):
        for path in sorted((ROOT / folder).glob("*.py")):
            for module, names in re.findall(r"from (extractor[\w.]*) import ([\w, ]+)", path.read_text(encoding="utf-8")):
                loaded = importlib.import_module(module)
                missing += [f"{folder}/{path.name}: {module}.{n}" for n in (n.strip() for n in names.split(","))
                            if n and not hasattr(loaded, n) and not _submodule(module, n)]
    assert not missing, missing


def _submodule(module: str, name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(f"{module}.{name}") is not None
