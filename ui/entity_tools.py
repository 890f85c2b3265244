"""Entity corrections in the window: the article view's context menu (mark a selection as an
entity, change an entity's type, reject it everywhere, explain where it came from), the
``Entities`` menu with the corrections dialog, and bringing stored entities up to date in the
background when the recogniser changed.

Every correction is a :class:`reader.coding.corrections` call run as a :class:`ui.tasks.Task` on the
serial write pool; its :class:`~reader.corpus.Change` is re-broadcast on ``window.changed``.
With a ``window.undo_stack`` each correction is a :class:`CorrectionCommand` whose undo applies
the exact inverse the core returned.  Before a correction is applied, the places it will change
are counted in the background (:func:`reader.coding.impact.preview_edit`) and the user confirms
(``confirm(title, text)``, replaceable in tests).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QAction, QUndoCommand
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QMessageBox,
)

from reader.coding import corrections
from reader.coding.corrections import Applied, Correction, Edit
from reader.coding.impact import Impact, preview_edit
from reader.coding.occurrences import apply_any
from reader.corpus import Change, Corpus
from reader.records import ENTITY_TYPES, EntityRecord
from ui.corrections_dialog import CorrectionsDialog
from ui.errors import describe
from ui.i18n import listing
from ui.positions import PositionMap
from ui.task_progress import TaskProgress
from ui.tasks import Task

StepFn = Callable[..., Applied]


class CorrectionStep:
    """Applies a correction, then its inverse, then that inverse's inverse …, each time on the
    serial write worker.  Because the next edit is fixed by the worker when the previous one
    finishes, queued undos and redos always invert exactly what was done."""

    def __init__(self, first: StepFn) -> None:
        self._next = first

    def __call__(self, corpus: Corpus, progress=None, cancelled=None) -> Applied:  # type: ignore[no-untyped-def]
        applied = self._next(corpus, progress=progress, cancelled=cancelled)
        self._next = partial(apply_any, edit=applied.inverse)  # corpus-wide or one occurrence
        return applied


class CorrectionCommand(QUndoCommand):
    """One correction on the window's undo stack; redo and undo both run the next step."""

    def __init__(self, tools: EntityTools, step: CorrectionStep, text: str) -> None:
        super().__init__(text)
        self.tools, self.step = tools, step

    def redo(self) -> None:
        self.tools.run_step(self.step, self.text())

    def undo(self) -> None:
        self.tools.run_step(self.step, QCoreApplication.translate("EntityTools", "Undo: %s") % self.text())


class EntityTools(QObject):
    """Carries out entity corrections for one window; ``correction_applied(Applied)`` and
    ``entities_refreshed(Change)`` report finished background work."""

    correction_applied = Signal(object)
    entities_refreshed = Signal(object)

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.view = window.view  # type: ignore[attr-defined]
        self.type_names = {
            "PER": self.tr("Person"), "LOC": self.tr("Place"), "ORG": self.tr("Organisation"),
            "DATE": self.tr("Date"), "NUM": self.tr("Figure"),
        }
        self.progress = TaskProgress(window)
        window.statusBar().addPermanentWidget(self.progress)
        self.dialog: CorrectionsDialog | None = None
        self.explanation: QMessageBox | None = None
        self.last_task: Task | None = None
        self.confirm: Callable[[str, str], bool] = self._ask
        self.last_confirmation = ""
        self.corrections_action = QAction(self.tr("&Corrections…"), self)
        self.corrections_action.setObjectName("entity_corrections")
        self.recompute_action = QAction(self.tr("&Recognise entities again"), self)
        self.recompute_action.setObjectName("entity_recompute")
        menu = _menu(window, "entities_menu", self.tr("E&ntities"))
        menu.addAction(self.corrections_action)
        menu.addAction(self.recompute_action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_view_custom_context_menu_requested)
        self.corrections_action.triggered.connect(self._on_corrections_action_triggered)
        self.recompute_action.triggered.connect(self._on_recompute_action_triggered)
        window.changed.connect(self._on_window_changed)  # type: ignore[attr-defined]
        from ui.span_editor import SpanEditor

        self.span_editor = SpanEditor(self)
        from ui.retrain_tools import RetrainTools

        self.retrain_tools = RetrainTools(self, menu)
        from ui.fixes_view import FixesTools

        self.fixes_tools = FixesTools(self, menu)

    @property
    def corpus(self) -> Corpus:
        return self.window.corpus  # type: ignore[attr-defined]

    # -- the context menu ------------------------------------------------------------------
    def entity_at(self, cp: int) -> EntityRecord | None:
        hidden = self.view.hidden_types
        for ent in self.view.entities:
            if ent.start <= cp < ent.end and ent.type not in hidden:
                return ent
        return None

    def selected_text(self) -> str:
        if self.view.article is None:
            return ""
        start, end = self.view.selected_range()
        return self.view.article.text[start:end].strip()

    def context_menu(self, cp: int | None = None) -> QMenu:
        """The article view's menu for a click at code point ``cp`` (None: the cursor)."""
        menu = self.view.createStandardContextMenu()
        first = menu.actions()[0] if menu.actions() else None
        ours: list[QAction | QMenu] = []
        if self.view.article is not None:
            if cp is None:
                cp = self.view.selected_range()[0]
            text = self.selected_text()
            if text and "\n" not in text and len(text) <= 64:
                sub = QMenu(self.tr("Mark “%s” as entity") % _short(text), menu)
                sub.setObjectName("mark_menu")
                for etype in ENTITY_TYPES:
                    action = sub.addAction(f"{etype} — {self.type_names[etype]}")
                    action.setObjectName(f"mark_{etype}")
                    action.triggered.connect(partial(self.mark, text, etype))
                ours.append(sub)
            ent = self.entity_at(cp)
            if ent is not None:
                head = QAction(f"{ent.text} — {ent.type}", menu)
                head.setEnabled(False)
                ours.append(head)
                sub = QMenu(self.tr("Change type"), menu)
                sub.setObjectName("change_menu")
                for etype in ENTITY_TYPES:
                    if etype != ent.type:
                        action = sub.addAction(f"{etype} — {self.type_names[etype]}")
                        action.setObjectName(f"change_to_{etype}")
                        action.triggered.connect(partial(self.change_type, ent.text, ent.type, etype))
                ours.append(sub)
                reject = QAction(self.tr("Not an entity (everywhere)"), menu)
                reject.setObjectName("reject_entity")
                reject.triggered.connect(partial(self.reject, ent.text, None))
                ours.append(reject)
                ours.extend(self.span_editor.menu_actions(menu, ent))
                why = QAction(self.tr("Why? (%s)") % self.source_label(ent.source), menu)
                why.setObjectName("explain_entity")
                why.triggered.connect(partial(self.explain, ent))
                ours.append(why)
        for item in ours:
            action = item.menuAction() if isinstance(item, QMenu) else item
            menu.insertAction(first, action)  # before the standard actions (or appended)
        if ours and first is not None:
            menu.insertSeparator(first)
        return menu

    def code_point_at(self, pos: QPoint) -> int | None:
        """The code point under viewport position ``pos`` (Qt counts UTF-16 units)."""
        if self.view.article is None:
            return None
        unit = self.view.cursorForPosition(pos).position()
        return PositionMap(self.view.article.text).from_qt(unit)

    @Slot(QPoint)
    def _on_view_custom_context_menu_requested(self, pos: QPoint) -> None:
        menu = self.context_menu(self.code_point_at(pos))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    # -- corrections ---------------------------------------------------------------------
    def mark(self, text: str, etype: str, _checked: bool = False) -> Task:
        first = partial(corrections.add_entity, text=text, etype=etype)
        return self._preview(partial(corrections.add_edit, text, etype), first,
                             self.tr("Mark “%s” as %s") % (_short(text), self.type_names.get(etype, etype)))

    def change_type(self, text: str, old: str, new: str, _checked: bool = False) -> Task:
        first = partial(corrections.change_type, text=text, old_type=old, new_type=new)
        return self._preview(partial(corrections.add_edit, text, new), first,
                             self.tr("Change “%s” from %s to %s") % (
                                 _short(text), self.type_names.get(old, old), self.type_names.get(new, new)))

    def reject(self, text: str, etype: str | None = None, _checked: bool = False) -> Task:
        first = partial(corrections.reject_entity, text=text, etype=etype)
        return self._preview(partial(corrections.reject_edit, text, etype), first,
                             self.tr("“%s” is not an entity") % _short(text))

    def remove(self, correction: Correction) -> Task:
        first = partial(corrections.remove_correction, text=correction.text, etype=correction.type,
                        action=correction.action)
        return self._preview(partial(corrections.remove_edit, correction.text, correction.type, correction.action),
                             first, self.tr("Remove correction “%s”") % _short(correction.text))

    # -- counting before applying -------------------------------------------------------------
    def _ask(self, title: str, text: str) -> bool:
        return QMessageBox.question(self.window, title, text) == QMessageBox.StandardButton.Yes

    def _preview(self, plan: Callable[[], Edit], first: StepFn, label: str) -> Task:
        """Count what the correction changes (off the GUI thread), then ask, then apply."""
        edit = plan()
        task = Task(preview_edit, self.corpus, edit)
        self.progress.follow(task, self.tr("Counting what “%s” changes…") % label)
        task.signals.returned.connect(partial(self._on_preview_task_returned, first, label))
        task.signals.errored.connect(self._on_task_errored)
        self.last_task = task
        return self.window.runner.start(task, write=False)  # type: ignore[attr-defined]

    def describe_impact(self, impact: Impact) -> str:
        if not impact.changes:
            text = self.tr("This changes no entity in the corpus now (%s, %s); it applies to pages ingested "
                           "later.") % (self.tr("%n occurrence(s)", "", impact.occurrences),
                                        self.tr("in %n article(s)", "", impact.articles))
        else:
            text = self.tr("This changes %s (%s): %s (%s).") % (
                self.tr("%n entity(ies)", "", impact.changes), self.tr("in %n article(s)", "", impact.changed_articles),
                listing(self.tr("%n new", "", impact.added), self.tr("%n removed", "", impact.removed),
                        self.tr("%n with another type", "", impact.retyped)),
                self.tr("%n occurrence(s) of the text", "", impact.occurrences))
        if impact.inside_longer:
            text += "\n" + self.tr("%n occurrence(s) are part of a longer name and stay as they are.", "",
                                   impact.inside_longer)
        for example in impact.examples[:4]:
            before = "、".join(f"{t} {ty}" for t, ty in example.before) or "—"
            after = "、".join(f"{t} {ty}" for t, ty in example.after) or "—"
            text += f"\n  «{_short(example.context, 24)}»  {before} → {after}"
        return text

    def _on_preview_task_returned(self, first: StepFn, label: str, impact: Impact) -> None:
        if impact.cancelled:
            return
        message = self.describe_impact(impact)
        self.last_confirmation = message
        if self.confirm(label, message + "\n\n" + self.tr("Apply this correction?")):
            self._do(first, label)
        else:
            self.window.statusBar().showMessage(self.tr("Correction not applied"), 5000)

    def _do(self, first: StepFn, label: str) -> Task:
        step = CorrectionStep(first)
        stack = getattr(self.window, "undo_stack", None)
        if stack is not None:
            stack.push(CorrectionCommand(self, step, label))
            assert self.last_task is not None
            return self.last_task
        return self.run_step(step, label)

    def run_step(self, step: CorrectionStep, label: str) -> Task:
        task = Task(step, self.corpus)
        self.progress.follow(task, label)
        task.signals.returned.connect(self._on_correction_task_returned)
        task.signals.errored.connect(self._on_task_errored)
        self.last_task = task
        self.window.statusBar().showMessage(label + "…", 3000)
        return self.window.runner.start(task)  # type: ignore[attr-defined]

    @Slot(object)
    def _on_correction_task_returned(self, applied: Applied) -> None:
        self.window.changed.emit(applied.change)  # type: ignore[attr-defined]
        if applied.cancelled:
            message = self.tr("Cancelled: the remaining articles are updated at the next start")
        else:
            message = self.tr("Entities updated in %n article(s)", "", len(applied.change.article_ids))
        self.window.statusBar().showMessage(message, 5000)
        self.correction_applied.emit(applied)

    @Slot(object)
    def _on_task_errored(self, exc: Exception) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Entity correction failed"), describe(exc),
                          QMessageBox.StandardButton.Ok, self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- explanation ---------------------------------------------------------------------
    def source_label(self, source: str) -> str:
        """A short name for the recogniser layer that found an entity (the core's code if new)."""
        labels = {"user": self.tr("your dictionary"), "gazetteer": self.tr("gazetteer"),
                  "jieba": self.tr("jieba dictionary"), "pattern": self.tr("pattern"), "rule": self.tr("rule"),
                  "model": self.tr("trained model")}
        if source == "user:here":
            return self.tr("your fix here")
        return labels.get(source.split(":")[0], source)

    def explanation_text(self, ent: EntityRecord) -> str:
        sources = {
            "user": self.tr("You added it to this corpus's dictionary; it is tagged in every article."),
            "user:here": self.tr("You fixed this occurrence by hand; it stays so whatever the recogniser says."),
            "gazetteer": self.tr("It is a place name in the gazetteer of administrative divisions and world places."),
            "jieba": self.tr("jieba's dictionary marks the word as a proper noun of this type."),
            "pattern:date": self.tr("It matches a date pattern (year, month, day, period)."),
            "pattern:num": self.tr("It matches a number pattern (a figure with a unit or measure word)."),
            "rule:org-suffix": self.tr("It ends with an organisation word (委, 局, 厅, 银行 …) after a name or place."),
            "rule:title-name": self.tr("It is a name next to an official title (书记, 县长 …)."),
            "rule:surname": self.tr("It is a common surname followed by a plausible given name."),
            "rule:byline": self.tr("It is a name in a byline (记者, 通讯员 …)."),
            "rule:anonymised": self.tr("It is an anonymised name such as 廖某军."),
            "model": self.tr("The trained sequence model found it (it reads the characters around "
                             "it and what the rules say about them)."),
            "rule:consistency": self.tr("The same name was recognised elsewhere in this article."),
            "rule:short-form": self.tr("It is a short form of a name given in full in this article."),
            "rule:list": self.tr("It is listed with 、 next to a recognised name."),
        }
        why = sources.get(ent.source, self.tr("It was produced by the recogniser layer “%s”.") % ent.source)
        return "%s — %s (%s)\n\n%s\n\n%s" % (
            ent.text, ent.type, self.source_label(ent.source), why,
            self.tr("If it is wrong, right-click it and choose Change type or Not an entity; "
                    "the correction applies to the whole corpus."))

    def explain(self, ent: EntityRecord, _checked: bool = False) -> QMessageBox:
        if self.explanation is not None:
            self.explanation.close()
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Why is this an entity?"),
                          self.explanation_text(ent), QMessageBox.StandardButton.Ok, self.window)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()
        self.explanation = box
        return box

    # -- the corrections dialog ------------------------------------------------------------
    @Slot()
    def _on_corrections_action_triggered(self) -> None:
        self.show_corrections()

    def show_corrections(self) -> CorrectionsDialog:
        if self.dialog is None:
            self.dialog = CorrectionsDialog(self.window)
            self.dialog.remove_requested.connect(self._on_dialog_remove_requested)
        self.dialog.set_corrections(corrections.list_corrections(self.corpus))
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    @Slot(list)
    def _on_dialog_remove_requested(self, chosen: list) -> None:
        for correction in chosen:
            self.remove(correction)

    @Slot(object)
    def _on_window_changed(self, change: Change) -> None:
        if change.kind == "entities" and self.dialog is not None and self.dialog.isVisible():
            self.dialog.set_corrections(corrections.list_corrections(self.corpus))

    # -- keeping entities current ------------------------------------------------------------
    def refresh(self, everything: bool = False) -> Task:
        """Recognise again what is out of date (everything when asked) off the GUI thread."""
        task = Task(corrections.refresh_entities, self.corpus, everything=everything)
        self.progress.follow(task, self.tr("Recognising entities…"))
        task.signals.returned.connect(self._on_refresh_task_returned)
        task.signals.errored.connect(self._on_task_errored)
        self.last_task = task
        return self.window.runner.start(task)  # type: ignore[attr-defined]

    @Slot()
    def _on_recompute_action_triggered(self) -> None:
        self.refresh(everything=True)

    @Slot(object)
    def _on_refresh_task_returned(self, change: Change) -> None:
        if change.article_ids:
            self.window.changed.emit(change)  # type: ignore[attr-defined]
            self.window.statusBar().showMessage(
                self.tr("Entities recognised again in %n article(s)", "", len(change.article_ids)), 5000)
        self.entities_refreshed.emit(change)


def _short(text: str, limit: int = 16) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _menu(window: QMainWindow, name: str, title: str) -> QMenu:
    """The window's menu called ``name``, created after the others when missing."""
    for action in window.menuBar().actions():
        menu = action.menu()
        if menu is not None and menu.objectName() == name:
            return menu
    menu = window.menuBar().addMenu(title)
    menu.setObjectName(name)
    return menu


def install(window: QMainWindow) -> EntityTools:
    """Add entity corrections to ``window`` and bring its stored entities up to date."""
    tools = EntityTools(window)
    window.entity_tools = tools  # type: ignore[attr-defined]
    tools.refresh()
    return tools
