"""CSV that is safe to open in a spreadsheet: the one writer every export uses.

A cell that starts with = + - @ (or a tab) runs as a formula when the file is opened
in Excel or LibreOffice ("CSV injection"): a visitor who types ``=HYPERLINK(...)`` as their name must not
get a live link into the school's records. Such a cell is written with a leading apostrophe, which a
spreadsheet shows as text; ``unguard`` takes it off again when the file is imported back.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import IO

FORMULA_STARTS = ("=", "+", "-", "@", "\t")


def guard(text: str) -> str:
    """The cell as a spreadsheet will show it as text, never run it as a formula."""
    return "'" + text if text[:1] in FORMULA_STARTS else text


def unguard(text: str) -> str:
    """A guarded cell as it was before ``guard`` (for imports of our own exports)."""
    return text[1:] if text[:1] == "'" and text[1:2] in FORMULA_STARTS else text


class CsvWriter:
    """Rows to CSV text, every text cell guarded; numbers and None are written as they are ("" for None)."""

    def __init__(
        self,
        header: Sequence[str] | None = None,
        *,
        out: IO[str] | None = None,
        text_columns: Sequence[int] | None = None,
    ):
        # ``out``: write straight to an open file (an export streams rows) instead of collecting the text.
        # ``text_columns``: the only columns that can hold text (by position); the others are numbers, the
        # program's own words or None, written as they are. A big export guards 6 cells a row, not 13.
        self._out: IO[str] = out if out is not None else io.StringIO()
        self._writer = csv.writer(self._out, lineterminator="\n")
        self._text = tuple(text_columns) if text_columns is not None else None
        if header is not None:
            self._writer.writerow(list(header))

    def row(self, cells: Iterable[object]) -> None:
        if self._text is None:
            self._writer.writerow([_cell(c) for c in cells])
            return
        row = list(cells)
        for i in self._text:
            value = row[i]
            if isinstance(value, str) and value and (value[0] in FORMULA_STARTS or "\r" in value):
                row[i] = _cell(value)
        self._writer.writerow(row)  # None is written as "" by the csv module itself

    def rows(self, rows: Iterable[Iterable[object]]) -> None:
        for cells in rows:
            self.row(cells)

    def text(self) -> str:
        """The CSV collected so far (only when no ``out`` file was given)."""
        if not isinstance(self._out, io.StringIO):
            raise TypeError("this writer streams to a file; it keeps no text")
        return self._out.getvalue()


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str):
        if "\r" in value:
            # A bare carriage return is not quoted by the csv module (the line ends in "\n"): make it a newline.
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return "'" + value if value[:1] in FORMULA_STARTS else value  # guard(value), inline: once per cell
    return value


def csv_text(header: Sequence[str], rows: Iterable[Iterable[object]]) -> str:
    """A whole CSV file as text: the header, then every row guarded."""
    writer = CsvWriter(header)
    writer.rows(rows)
    return writer.text()
