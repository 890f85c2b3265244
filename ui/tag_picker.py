"""The tag picker: a small popup where a few typed letters find a tag by name, pinyin initials
(``wz`` → 问责), full pinyin or fuzzily; Enter picks the highlighted tag or creates a new one.
Emits ``tag_chosen(name)``; it never writes to the corpus itself."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.coding.codebook import rank_tags
from reader.records import TagRecord
from ui import theme

NameRole = Qt.ItemDataRole.UserRole + 1


def swatch(color: str, size: int = 12) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(QColor(color))
    return QIcon(pix)


class TagPicker(QFrame):
    tag_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._tags: list[TagRecord] = []
        self.title = QLabel(self)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Type a tag: name, pinyin initials (wz → 问责)…"))
        self.list = QListWidget(self)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setMinimumHeight(180)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.edit)
        layout.addWidget(self.list)
        self.resize(340, 280)
        self.edit.textChanged.connect(self._on_edit_text_changed)
        self.edit.installEventFilter(self)
        self.list.itemClicked.connect(self._on_list_item_clicked)

    def popup(self, tags: list[TagRecord], title: str, at: QPoint | None = None) -> None:
        self._tags = list(tags)
        self.title.setText(title)
        self.edit.clear()
        self._fill("")
        if at is not None:
            self.move(at)
        self.show()
        self.raise_()
        self.activateWindow()
        self.edit.setFocus()

    def candidates(self) -> list[str]:
        """The names offered now, in order (a "create" entry carries the typed name)."""
        return [self.list.item(i).data(NameRole) for i in range(self.list.count())]

    def _fill(self, text: str) -> None:
        by_id = {t.id: t for t in self._tags}
        by_name = {t.name: t for t in self._tags}
        self.list.clear()
        for name in rank_tags(text, list(by_name))[:50]:
            tag = by_name[name]
            path = "/".join(tag.path(by_id))
            item = QListWidgetItem(swatch(tag.color), path, self.list)
            item.setData(NameRole, name)
            if tag.description:
                item.setToolTip(tag.description)
        typed = text.strip()
        if typed and typed not in by_name:
            item = QListWidgetItem(self.tr("＋ New tag “%s”") % typed, self.list)
            item.setData(NameRole, typed)
            item.setForeground(theme.current().success)
        if self.list.count():
            self.list.setCurrentRow(0)

    def _choose(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        name = str(item.data(NameRole))
        self.hide()
        self.tag_chosen.emit(name)

    @Slot(str)
    def _on_edit_text_changed(self, text: str) -> None:
        self._fill(text)

    @Slot(QListWidgetItem)
    def _on_list_item_clicked(self, item: QListWidgetItem) -> None:
        self._choose(item)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                row = self.list.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
                if 0 <= row < self.list.count():
                    self.list.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose(self.list.currentItem())
                return True
            if key == Qt.Key.Key_Escape:
                self.hide()
                return True
        return super().eventFilter(obj, event)
