"""What pyside6-lupdate would miss or file wrongly, read from the source with :mod:`ast` (no Qt):

- ``tr()`` / ``translate()`` whose text is not a string literal (a name, an f-string, a ``+``):
  lupdate skips it, or extracts the f-string's braces, so it is never translated;
- ``x.tr(...)`` on anything but ``self``: lupdate files it under the enclosing class, while
  PySide looks it up under ``x``'s class at run time, so the translation is never found;
- a count in a message without ``%n`` (``"%d file(s)"``): counts use Qt's plural forms,
  ``self.tr("%n file(s)", "", count)``;
- ``self.tr(..., n)`` in a class that another ui class derives from: PySide then looks the plural
  up under the derived class first and keeps its untranslated text, so such plurals are written
  ``QCoreApplication.translate("Base", "%n file(s)", "", n)``;
- English text handed to a widget without going through ``tr()`` (``QLabel("Name")``,
  ``button.setToolTip(f"Open {name}")``).

:func:`messages` lists every translatable message with its context, which the tests compare with
the ``.ts`` catalogues.  ``python -m ui.i18n check`` prints both lists of problems.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

UI_DIR = Path(__file__).resolve().parent.parent
TRANSLATE_OWNERS = {"QCoreApplication", "QApplication", "QGuiApplication"}
# method name -> positions of arguments that are user-visible text
TEXT_METHODS: dict[str, tuple[int, ...]] = {
    "setText": (0,), "setToolTip": (0,), "setStatusTip": (0,), "setWhatsThis": (0,), "setWindowTitle": (0,),
    "setPlaceholderText": (0,), "setTitle": (0,), "setTabText": (1,), "setTabToolTip": (1,), "addTab": (1,),
    "insertTab": (2,), "addItem": (0,), "insertItem": (1,), "setItemText": (1,), "showMessage": (0,),
    "addAction": (0,), "addMenu": (0,), "setLabelText": (0,), "setSuffix": (0,), "setPrefix": (0,),
    "setSpecialValueText": (0,), "setAccessibleName": (0,), "setAccessibleDescription": (0,),
    "setInformativeText": (0,), "setDetailedText": (0,), "setButtonText": (1,), "addButton": (0,),
    "setWindowIconText": (0,), "setHeaderLabels": (0,), "setHorizontalHeaderLabels": (0,),
    "setVerticalHeaderLabels": (0,), "addRow": (0,), "insertRow": (1,), "setNameFilter": (0,),
    "information": (1, 2), "warning": (1, 2), "critical": (1, 2), "question": (1, 2), "about": (1, 2),
    "getText": (1, 2), "getItem": (1, 2), "getInt": (1, 2), "getDouble": (1, 2), "getMultiLineText": (1, 2),
    "getOpenFileName": (1, 3), "getOpenFileNames": (1, 3), "getSaveFileName": (1, 3),
    "getExistingDirectory": (1,), "getColor": (2,),
}
TEXT_CONSTRUCTORS: dict[str, tuple[int, ...]] = {
    "QLabel": (0,), "QPushButton": (0,), "QCheckBox": (0,), "QRadioButton": (0,), "QGroupBox": (0,),
    "QAction": (0,), "QMenu": (0,), "QCommandLinkButton": (0, 1), "QMessageBox": (1, 2),
    "QListWidgetItem": (0,), "QTreeWidgetItem": (0,), "QStandardItem": (0,), "QDockWidget": (0,),
    "QProgressDialog": (0, 1), "QWizardPage": (),
}
WORD = re.compile(r"[A-Za-z]{2,}")
COUNT_WITHOUT_N = re.compile(r"\w\((?:s|es|ies)\)|%d\s+(?!of\b)[a-z]+s\b")
MARKUP = re.compile(r"<[^>]*>|&\w+;")
NAMES = {"Pizhu"}  # proper names shown as they are


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    disambiguation: str
    numerus: bool
    file: str
    line: int


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.text}"


def ui_sources(root: Path = UI_DIR) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def _literal(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _kind(node: ast.AST) -> str:
    if isinstance(node, ast.JoinedStr):
        return "an f-string"
    if isinstance(node, ast.BinOp):
        return "an expression built with an operator"
    if isinstance(node, ast.Name):
        return f"the name {node.id}"
    if isinstance(node, ast.Attribute):
        return f"the attribute {ast.unparse(node)}"
    return f"the expression {ast.unparse(node)[:40]}"


def _words(node: ast.AST) -> list[str]:
    """English words of literal text inside ``node`` that reaches a widget untranslated."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [w for w in WORD.findall(MARKUP.sub(" ", node.value)) if w not in NAMES]
    if isinstance(node, ast.JoinedStr):
        text = " ".join(str(p.value) if isinstance(p, ast.Constant) else "{}" for p in node.values)
        return [w for w in WORD.findall(MARKUP.sub(" ", text)) if w not in NAMES]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _words(node.left) + _words(node.right)
    if isinstance(node, (ast.List, ast.Tuple)):
        return [w for element in node.elts for w in _words(element)]
    if isinstance(node, ast.IfExp):
        return _words(node.body) + _words(node.orelse)
    return []


class _Scanner(ast.NodeVisitor):
    def __init__(self, path: Path, root: Path, derived: set[str]) -> None:
        self.file = str(path.relative_to(root.parent))
        self.derived = derived  # classes another ui class derives from
        self.classes: list[str] = []
        self.messages: list[Message] = []
        self.problems: list[Problem] = []

    def problem(self, node: ast.AST, text: str) -> None:
        self.problems.append(Problem(self.file, getattr(node, "lineno", 0), text))

    def visit_ClassDef(self, node: ast.ClassDef) -> None:  # noqa: N802
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:  # noqa: N802
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name == "tr":
            self._tr(node)
        elif name == "translate" and isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) \
                and func.value.id in TRANSLATE_OWNERS:
            self._translate(node)
        elif name == "QT_TRANSLATE_NOOP":
            self._translate(node)
        else:
            positions = TEXT_METHODS.get(name, ()) if isinstance(func, ast.Attribute) else TEXT_CONSTRUCTORS.get(name, ())
            for position in positions:
                if position < len(node.args):
                    words = _words(node.args[position])
                    if words:
                        self.problem(node.args[position], f"English text not translated: {ast.unparse(node.args[position])[:80]} "
                                                          f"(wrap it in self.tr())")
        self.generic_visit(node)

    def _argument(self, node: ast.Call, position: int, keyword: str) -> ast.AST | None:
        if position < len(node.args):
            return node.args[position]
        return next((k.value for k in node.keywords if k.arg == keyword), None)

    def _tr(self, node: ast.Call) -> None:
        func = node.func
        receiver = func.value if isinstance(func, ast.Attribute) else None
        if not (isinstance(receiver, ast.Name) and receiver.id == "self") or not self.classes:
            where = ast.unparse(receiver) if receiver is not None else "a bare name"
            self.problem(node, f"tr() called on {where}: lupdate and PySide disagree on its context; call "
                               f"self.tr() inside the class, or QCoreApplication.translate(\"Class\", ...)")
            return
        self._message(node, self.classes[-1], 0)

    def _translate(self, node: ast.Call) -> None:
        context = _literal(node.args[0]) if node.args else None
        if context is None:
            self.problem(node, "translate() needs its context as a string literal")
            return
        self._message(node, context, 1, plural_ok=True)

    def _message(self, node: ast.Call, context: str, first: int, plural_ok: bool = False) -> None:
        text_node = self._argument(node, first, "sourceText" if first == 0 else "key")
        source = _literal(text_node)
        if source is None:
            kind = _kind(text_node) if text_node is not None else "nothing"
            self.problem(node, f"the text to translate is {kind}; lupdate only reads string literals "
                               f"(write the literal inside tr(), format after: self.tr(\"Saved %s\") % name)")
            return
        disambiguation_node = self._argument(node, first + 1, "disambiguation")
        disambiguation = _literal(disambiguation_node) or ""
        if disambiguation_node is not None and _literal(disambiguation_node) is None \
                and not (isinstance(disambiguation_node, ast.Constant) and disambiguation_node.value is None):
            self.problem(node, "the disambiguation comment must be a string literal")
        numerus = self._argument(node, first + 2, "n") is not None
        if "%n" in source and not numerus:
            self.problem(node, f"{source!r} has %n but no count is passed (self.tr(text, \"\", count))")
        if numerus and "%n" not in source:
            self.problem(node, f"{source!r} is given a count but has no %n")
        if COUNT_WITHOUT_N.search(source) and "%n" not in source:
            self.problem(node, f"{source!r}: a count is a plural; write %n and pass the count "
                               f"(self.tr(\"%n file(s)\", \"\", count)), one count per message")
        if numerus and not plural_ok and context in self.derived:
            self.problem(node, f"plural in {context}, which other classes derive from: PySide misses it in "
                               f"them; use QCoreApplication.translate({context!r}, {source!r}, \"\", n)")
        self.messages.append(Message(context, source, disambiguation, numerus, self.file, node.lineno))


def _derived_bases(trees: list[ast.Module]) -> set[str]:
    bases: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for base in node.bases:
                    bases.add(base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", ""))
    return bases


def scan(root: Path = UI_DIR) -> tuple[list[Message], list[Problem]]:
    """Every translatable message under ``root`` and every problem found, in file order."""
    paths = ui_sources(root)
    trees = [ast.parse(p.read_text(encoding="utf-8"), filename=str(p)) for p in paths]
    derived = _derived_bases(trees)
    messages: list[Message] = []
    problems: list[Problem] = []
    for path, tree in zip(paths, trees):
        scanner = _Scanner(path, root, derived)
        scanner.visit(tree)
        messages.extend(scanner.messages)
        problems.extend(scanner.problems)
    return messages, problems


def messages(root: Path = UI_DIR) -> list[Message]:
    return scan(root)[0]


def problems(root: Path = UI_DIR) -> list[Problem]:
    return scan(root)[1]
