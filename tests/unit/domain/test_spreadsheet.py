"""The one CSV writer: formula cells become text, and our own exports import back unchanged."""

from __future__ import annotations

import csv
import io

import pytest

from kiosk.domain.spreadsheet import CsvWriter, csv_text, guard, unguard


@pytest.mark.parametrize(
    "typed",
    ['=HYPERLINK("http://x","click")', "+1+1", "-2+3", "@SUM(A1)", "\tTab"],
)
def test_formula_cells_are_written_as_text_and_read_back(typed):
    text = csv_text(["name"], [[typed]])
    [_, [cell]] = list(csv.reader(io.StringIO(text, newline="")))
    assert cell == "'" + typed
    assert unguard(cell) == typed


def test_ordinary_cells_numbers_and_none_are_left_alone():
    writer = CsvWriter(["id", "name", "note", "gone"])
    writer.row([7, "O'Brien", "", None])
    writer.row([-3, "Ann-Marie", "'quoted", 1.5])
    rows = list(csv.reader(io.StringIO(writer.text(), newline="")))
    assert rows == [
        ["id", "name", "note", "gone"],
        ["7", "O'Brien", "", ""],
        ["-3", "Ann-Marie", "'quoted", "1.5"],
    ]


def test_a_carriage_return_inside_a_cell_does_not_split_the_row():
    rows = list(csv.reader(io.StringIO(csv_text(["note"], [["one\rtwo\r\nthree"]]), newline="")))
    assert rows == [["note"], ["one\ntwo\nthree"]]


def test_guarding_twice_changes_nothing():
    assert guard(guard("=1")) == "'=1"
    assert unguard("'quoted") == "'quoted"
