"""Input fields that forget: nothing typed for one citizen can be brought back for the next.

``QLineEdit.clear()`` is an edit like any other: Ctrl+Z after it brings the text back, and
Ctrl+Y redoes edits that were undone. ``setText`` is not an edit: Qt clears the undo and
redo history with it. So every field that held a number, PIN or passphrase is emptied with
:func:`wipe`, never with ``clear()``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard, QGuiApplication, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QLineEdit, QWidget

_TAKE = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut)


def wipe(*fields: QLineEdit) -> None:
    """Empty the fields and their undo/redo history (``clear()`` would keep both)."""
    for field in fields:
        field.setText("")


class NumberField(QLineEdit):
    """A field for a citizen's number that keeps it off the clipboard.

    Copy and Cut (every key binding of them) do nothing, there is no context menu, no
    drag, no completer, and the input method is told the text is sensitive (no learning,
    no suggestions). On X11 a selection is itself a clipboard: it is emptied again.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setDragEnabled(False)
        self.setCompleter(None)
        self.setInputMethodHints(
            Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if any(event.matches(k) for k in _TAKE):
            event.accept()  # taken here, so not passed on to a parent either
            return
        super().keyPressEvent(event)
        self._forget_selection()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        super().mouseReleaseEvent(event)
        self._forget_selection()

    def _forget_selection(self) -> None:
        board = QGuiApplication.clipboard()
        if self.hasSelectedText() and board.supportsSelection():
            board.clear(QClipboard.Mode.Selection)
