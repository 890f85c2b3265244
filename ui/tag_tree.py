"""The codebook dock: a tree model of tags (hierarchy, colours, counts) and a view whose menu
asks for names and targets and emits intents; the window confirms (with counts) and runs them
as undoable commands."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.records import TagRecord

TagIdRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


MIME_TAG = "application/x-pizhu-tag-id"


class TagTreeModel(QAbstractItemModel):
    """Tags as a tree; an index's ``internalId`` is the tag id.  Columns: name, annotations
    (direct), annotations including children.  Dragging a tag onto another (or onto the empty
    area: top level) does not change the model: it emits ``move_dropped(tag, parent or -1)``
    and the window decides."""

    move_dropped = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tags: dict[int, TagRecord] = {}
        self._children: dict[int, list[int]] = {0: []}
        self._parent: dict[int, int] = {}
        self._counts: dict[int, int] = {}
        self._totals: dict[int, int] = {}
        self._headers = (self.tr("Tag"), self.tr("Uses"), self.tr("With children"))

    def set_tags(self, tags: list[TagRecord], counts: dict[int, int], totals: dict[int, int] | None = None) -> None:
        self.beginResetModel()
        self._tags = {t.id: t for t in tags}
        self._children = {0: []}
        self._parent = {}
        for t in sorted(tags, key=lambda t: t.name):
            parent = t.parent_id if t.parent_id in self._tags else 0
            self._parent[t.id] = parent
            self._children.setdefault(parent, []).append(t.id)
            self._children.setdefault(t.id, [])
        self._counts = dict(counts)
        self._totals = dict(totals or counts)
        self.endResetModel()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
                | Qt.ItemFlag.ItemIsDropEnabled)

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_TAG]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        ids = sorted({i.internalId() for i in indexes if i.isValid()})
        if ids:
            data.setData(MIME_TAG, QByteArray(str(ids[0]).encode()))
        return data

    def _dropped_tag(self, data: QMimeData) -> int | None:
        if not data.hasFormat(MIME_TAG):
            return None
        try:
            tag_id = int(bytes(data.data(MIME_TAG).data()).decode())
        except ValueError:
            return None
        return tag_id if tag_id in self._tags else None

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                        parent: Index) -> bool:
        tag_id = self._dropped_tag(data)
        if tag_id is None:
            return False
        target = parent.internalId() if parent.isValid() else 0
        below, todo = set(), [tag_id]
        while todo:
            t = todo.pop()
            below.add(t)
            todo.extend(self._children.get(t, []))
        return target not in below and target != self._parent.get(tag_id)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        tag_id = self._dropped_tag(data)
        assert tag_id is not None
        self.move_dropped.emit(tag_id, parent.internalId() if parent.isValid() else -1)
        return False  # the model changes when the corpus does, never by the view's row moves

    def tag(self, index: Index) -> TagRecord | None:
        return self._tags.get(index.internalId()) if index.isValid() else None

    def index_of(self, tag_id: int) -> QModelIndex:
        if tag_id not in self._tags:
            return QModelIndex()
        parent = self._parent[tag_id]
        return self.createIndex(self._children[parent].index(tag_id), 0, tag_id)

    def path(self, tag_id: int) -> str:
        return "/".join(self._tags[tag_id].path(self._tags))

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        pid = parent.internalId() if parent.isValid() else 0
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        kids = self._children.get(pid, [])
        if not (0 <= row < len(kids) and 0 <= column < len(self._headers)):
            return QModelIndex()
        return self.createIndex(row, column, kids[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        pid = self._parent.get(index.internalId(), 0)
        if pid == 0:
            return QModelIndex()
        return self.createIndex(self._children[self._parent[pid]].index(pid), 0, pid)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children.get(parent.internalId() if parent.isValid() else 0, []))

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        tag = self.tag(index)
        if tag is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return tag.name
            return self._counts.get(tag.id, 0) if col == 1 else self._totals.get(tag.id, 0)
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return QColor(tag.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self.path(tag.id)}\n{tag.description}".strip()
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == TagIdRole:
            return tag.id
        return None


class TagTree(QWidget):
    """The codebook pane.  Intents carry tag ids; ``-1`` as a parent means "no parent"."""

    create_requested = Signal(str, int)  # name, parent id or -1
    rename_requested = Signal(int, str)
    recolor_requested = Signal(int, str)
    describe_requested = Signal(int, str)
    move_requested = Signal(int, int)  # tag, new parent or -1
    merge_requested = Signal(int, int)  # source, target
    delete_requested = Signal(int)
    tag_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = TagTreeModel(self)
        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setHeaderHidden(False)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setUniformRowHeights(True)
        header = self.view.header()
        header.setStretchLastSection(False)  # the names take the room, the counts stay beside them
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QTreeView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setToolTip(self.tr("Drag a tag onto another to move it there (with its children)"))
        self.actions_: dict[str, QAction] = {}
        bar = QHBoxLayout()
        for key, label in (("new", self.tr("New")), ("child", self.tr("New child")),
                           ("rename", self.tr("Rename…")), ("color", self.tr("Colour…")),
                           ("describe", self.tr("Description…")), ("move", self.tr("Move to…")),
                           ("merge", self.tr("Merge into…")), ("delete", self.tr("Delete"))):
            action = QAction(label, self)
            self.actions_[key] = action
            action.triggered.connect(getattr(self, f"_on_{key}_action_triggered"))
        for key in ("new", "rename", "merge", "delete"):
            button = QToolButton(self)
            button.setDefaultAction(self.actions_[key])
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self.view.customContextMenuRequested.connect(self._on_view_custom_context_menu_requested)
        self.view.activated.connect(self._on_view_activated)
        self.model.move_dropped.connect(self.move_requested)

    def set_tags(self, tags: list[TagRecord], counts: dict[int, int], totals: dict[int, int]) -> None:
        current = self.current_tag_id()
        self.model.set_tags(tags, counts, totals)
        self.view.expandAll()
        if current is not None:
            self.select_tag(current)

    def current_tag_id(self) -> int | None:
        tag = self.model.tag(self.view.currentIndex())
        return None if tag is None else tag.id

    def select_tag(self, tag_id: int) -> None:
        index = self.model.index_of(tag_id)
        if index.isValid():
            self.view.setCurrentIndex(index)

    # -- asking the user (the window confirms and acts) -------------------------------
    def _pick_other(self, title: str, exclude: set[int], allow_root: bool) -> int | None:
        """A tag chosen from a list of paths (or -1 for "top level"); None when cancelled."""
        choices: list[tuple[str, int]] = [(self.tr("(top level)"), -1)] if allow_root else []
        choices += sorted((self.model.path(t), t) for t in self.model._tags if t not in exclude)
        if not choices:
            return None
        label, ok = QInputDialog.getItem(self, title, self.tr("Tag:"), [c[0] for c in choices], 0, False)
        return dict(choices)[label] if ok else None

    @Slot()
    def _on_new_action_triggered(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New tag"), self.tr("Name:"))
        if ok and name.strip():
            self.create_requested.emit(name.strip(), -1)

    @Slot()
    def _on_child_action_triggered(self) -> None:
        parent = self.current_tag_id()
        name, ok = QInputDialog.getText(self, self.tr("New child tag"), self.tr("Name:"))
        if ok and name.strip():
            self.create_requested.emit(name.strip(), -1 if parent is None else parent)

    @Slot()
    def _on_rename_action_triggered(self) -> None:
        tag_id = self.current_tag_id()
        if tag_id is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename tag"), self.tr("New name:"),
                                        QLineEdit.EchoMode.Normal, self.model._tags[tag_id].name)
        if ok and name.strip():
            self.rename_requested.emit(tag_id, name.strip())

    @Slot()
    def _on_color_action_triggered(self) -> None:
        tag_id = self.current_tag_id()
        if tag_id is None:
            return
        color = QColorDialog.getColor(QColor(self.model._tags[tag_id].color), self, self.tr("Tag colour"))
        if color.isValid():
            self.recolor_requested.emit(tag_id, color.name())

    @Slot()
    def _on_describe_action_triggered(self) -> None:
        tag_id = self.current_tag_id()
        if tag_id is None:
            return
        text, ok = QInputDialog.getMultiLineText(self, self.tr("Tag description"), self.tr("Description:"),
                                                 self.model._tags[tag_id].description)
        if ok:
            self.describe_requested.emit(tag_id, text.strip())

    @Slot()
    def _on_move_action_triggered(self) -> None:
        tag_id = self.current_tag_id()
        if tag_id is None:
            return
        below = self._subtree(tag_id)
        target = self._pick_other(self.tr("Move tag under…"), below, allow_root=True)
        if target is not None:
            self.move_requested.emit(tag_id, target)

    @Slot()
    def _on_merge_action_triggered(self) -> None:
        tag_id = self.current_tag_id()
        if tag_id is None:
            return
        target = self._pick_other(self.tr("Merge tag into…"), self._subtree(tag_id), allow_root=False)
        if target is not None:
            self.merge_requested.emit(tag_id, target)

    @Slot()
    def _on_delete_action_triggered(self) -> None:
        tag_id = self.current_tag_id()
        if tag_id is not None:
            self.delete_requested.emit(tag_id)

    def _subtree(self, tag_id: int) -> set[int]:
        out, todo = set(), [tag_id]
        while todo:
            t = todo.pop()
            out.add(t)
            todo.extend(self.model._children.get(t, []))
        return out

    @Slot(QPoint)
    def _on_view_custom_context_menu_requested(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for action in self.actions_.values():
            menu.addAction(action)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    @Slot(QModelIndex)
    def _on_view_activated(self, index: QModelIndex) -> None:
        tag = self.model.tag(index)
        if tag is not None:
            self.tag_activated.emit(tag.id)
