"""The preview of one bundle file: its text, or its picture (a screenshot). Shared by the
customer's "What will be sent" review and the support staff's view of a received bundle."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QScrollArea, QStackedWidget, QWidget

from selfcheck.i18n import _

from .formatting import human_size


class FilePreview(QStackedWidget):
    """Page 0: ``text`` (read-only); page 1: ``image`` in a scroll area."""

    def __init__(self, *, text_limit: int, image_width: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text_limit, self.image_width = text_limit, image_width
        self.text = QPlainTextEdit()
        self.text.setObjectName("technical")
        self.text.setReadOnly(True)
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(_("Content of the selected file"))
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.image)
        self.addWidget(self.text)
        self.addWidget(scroll)

    def show_file(self, f: Any) -> None:
        """Show a :class:`selfcheck.gui.support.PreviewFile` (``image`` bytes, else ``text``, else its size)."""
        if f.image is not None:
            pm = QPixmap()
            pm.loadFromData(f.image)
            if self.image_width and not pm.isNull():
                pm = pm.scaledToWidth(min(pm.width(), self.image_width), Qt.TransformationMode.SmoothTransformation)
            self.image.setPixmap(pm)
            self.setCurrentIndex(1)
        else:
            text = f.text if f.text is not None else _("(binary file, {size})").format(size=human_size(f.size))
            self.text.setPlainText(text[: self.text_limit])
            self.setCurrentIndex(0)

    def clear(self) -> None:
        self.text.setPlainText("")
        self.setCurrentIndex(0)
