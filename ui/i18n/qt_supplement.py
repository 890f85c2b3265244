"""Texts of Qt's own dialogs that PySide6's ``qtbase_zh_CN.qm`` lacks (newer spellings with a
mnemonic).  Listed here so lupdate files them, under Qt's context, into Pizhu's catalogue, which
Qt consults as well; ``tests/ui/test_translations.py`` finds any others (it renders Qt's file,
colour, input and progress dialogs in Chinese)."""

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_MESSAGES = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)
