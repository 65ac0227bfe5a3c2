"""Big tables as Qt models over pages of plain rows: the view asks for more as it scrolls (napari-style).

A year of visits is tens of thousands of rows: the console never fills a table cell by cell, and never
loads what nobody scrolls to. The page that owns the model fetches each page off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

Index = QModelIndex | QPersistentModelIndex


class PagedTableModel(QAbstractTableModel):
    """Rows of text, loaded a page at a time; ``more_wanted(offset)`` asks the owner for the next page.

    ``reset()`` starts a new search (a new generation): a page that arrives for an older search is dropped,
    so a slow search never overwrites a newer one.
    """

    more_wanted = Signal(int, int)  # offset, generation

    def __init__(self, headers: Sequence[str], parent=None):
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[Sequence[str]] = []
        self.keys: list[object] = []
        self.total: int | None = None  # None: unknown (more may follow while pages come back full)
        self.generation = 0
        self.fetching = False
        self._page_full = False

    # ---------------------------------------------------------------- Qt model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return self.keys[index.row()] if index.row() < len(self.keys) else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008 - Qt API
        if parent.isValid() or self.fetching:
            return False
        if self.total is not None:
            return len(self.rows) < self.total
        return self._page_full

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008 - Qt API
        if self.canFetchMore(parent):
            self.fetching = True
            self.more_wanted.emit(len(self.rows), self.generation)

    # ---------------------------------------------------------------- owner

    def reset(self) -> int:
        """Forget the rows (a new search); returns the new generation to tag its pages with."""
        self.beginResetModel()
        self.generation += 1
        self.rows, self.keys, self.total = [], [], None
        self.fetching, self._page_full = True, False
        self.endResetModel()
        return self.generation

    def add_page(
        self,
        generation: int,
        offset: int,
        rows: Sequence[Sequence[str]],
        keys: Sequence[object] | None = None,
        *,
        total: int | None = None,
        page_size: int = 0,
    ) -> bool:
        """Append a page fetched for ``generation`` at ``offset``; False (and nothing changes) if stale."""
        if generation != self.generation or offset != len(self.rows):
            return False
        self.fetching = False
        if total is not None:
            self.total = total
        self._page_full = bool(page_size) and len(rows) >= page_size
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.keys.extend(keys if keys is not None else [None] * len(rows))
            self.endInsertRows()
        return True

    def set_total(self, generation: int, total: int) -> None:
        """How many rows the search has in all (counted separately); more are fetched up to it."""
        if generation == self.generation:
            self.total = total

    def failed(self, generation: int) -> None:
        if generation == self.generation:
            self.fetching = False

    def text(self, row: int, column: int) -> str:
        return str(self.rows[row][column])


def make_view(model: PagedTableModel, widths: Sequence[int] = ()) -> QTableView:
    """A read-only, row-selecting view of a paged model (columns sized once, not per row)."""
    view = QTableView()
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    # Rows of one height: the view lays out 50,000 rows without measuring each.
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    header.setResizeContentsPrecision(50)  # fit_columns measures the first 50 rows, not every row
    for column, width in enumerate(widths):
        header.resizeSection(column, width)
    return view


def fit_columns(view: QTableView, *, most: int = 320) -> None:
    """Size the columns to what the loaded rows show (once per search, not per page), within limits."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for column in range(header.count() - 1):
        header.resizeSection(column, min(max(header.sectionSize(column) + 16, 70), most))
