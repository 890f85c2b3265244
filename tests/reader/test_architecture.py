"""The core never imports Qt or the UI (STYLE rule 1)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_no_module_in_reader_imports_qt_or_ui() -> None:
    offenders = []
    for path in (ROOT / "reader").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top in {"PySide6", "PyQt5", "PyQt6", "shiboken6", "ui"}:
                    offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert not offenders, offenders


def test_importing_the_whole_core_loads_no_qt() -> None:
    code = (
        "import importlib, pkgutil, sys, reader\n"
        "for m in pkgutil.walk_packages(reader.__path__, 'reader.'):\n"
        "    if m.name != 'reader.__main__': importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'ui'))]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _top_level_imports(path: Path) -> list[str]:
    """Modules imported when ``path`` is imported (not inside functions or TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_the_layers_below_the_facade_never_import_it() -> None:
    """``reader.corpus`` is the facade over store, text, coding and analysis: none of them may
    import it at module level, so there is no import circle (types come under TYPE_CHECKING)."""
    offenders = []
    for layer in ("store", "text", "coding", "analysis", "exchange"):
        for path in (ROOT / "reader" / layer).rglob("*.py"):
            for name in _top_level_imports(path):
                if name == "reader.corpus" or name.startswith("reader.cli"):
                    offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert not offenders, offenders


def test_the_text_layer_never_touches_the_store() -> None:
    offenders = []
    for path in (ROOT / "reader" / "text").rglob("*.py"):
        for name in _top_level_imports(path):
            if name.startswith(("reader.store", "peewee", "playhouse", "reader.corpus")):
                offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert not offenders, offenders
