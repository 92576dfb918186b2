"""Support staff's view of every file in a received bundle (logs, system facts, report)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from selfcheck.i18n import _

from . import support
from .file_preview import FilePreview
from .formatting import human_size
from .widgets import label


class BundleFilesDialog(QDialog):
    def __init__(self, name: str, files: dict[str, bytes], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.files = support.preview_files(files)
        self.setWindowTitle(_("Files in {name}").format(name=name))
        self.resize(900, 620)
        layout = QVBoxLayout(self)
        layout.addWidget(label(_("Every file in the bundle, as the customer sent it (already redacted)."), "muted"))
        split = QSplitter()
        self.file_list = QListWidget()
        self.file_list.setObjectName("files")
        self.file_list.setAccessibleName(_("Files in the diagnostic bundle"))
        for f in self.files:
            item = QListWidgetItem(f"{f.name}  ({human_size(f.size)})")
            self.file_list.addItem(item)
        split.addWidget(self.file_list)
        self.stack = FilePreview(text_limit=2_000_000)
        self.text, self.image = self.stack.text, self.stack.image
        split.addWidget(self.stack)
        split.setSizes([300, 600])
        layout.addWidget(split, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        self.file_list.currentRowChanged.connect(self.show_file)
        if self.files:
            self.file_list.setCurrentRow(0)

    def show_file(self, row: int) -> None:
        if not 0 <= row < len(self.files):
            return
        self.stack.show_file(self.files[row])
