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


def test_a_writer_told_its_text_columns_guards_them_as_every_cell_is_guarded():
    """An export names the columns that hold typed text; those are guarded exactly as by default."""
    cells = [
        [
            1,
            "2026-09-01 08:45",
            "",
            '=HYPERLINK("x")',
            "ok\rstill one row",
            "visitor",
            None,
            "-2+3",
            "@a",
            "\tb",
            "",
            "",
        ],
        [
            2,
            "2026-09-01 09:00",
            "2026-09-01 10:00",
            "Ann",
            "O'Brien",
            "contractor",
            "+44",
            "",
            "",
            "",
            "",
            "",
        ],
    ]
    every = CsvWriter(None)
    typed = CsvWriter(None, text_columns=(3, 4, 6, 7, 8, 9))
    for row in cells:
        every.row(row)
        typed.row(row)
    assert typed.text() == every.text()
    rows = list(csv.reader(io.StringIO(typed.text(), newline="")))
    assert rows[0][3] == '\'=HYPERLINK("x")' and rows[0][4] == "ok\nstill one row" and rows[0][6] == ""
    assert [rows[0][7], rows[0][8], rows[0][9], rows[1][6]] == ["'-2+3", "'@a", "'\tb", "'+44"]
    assert cells[0][3] == '=HYPERLINK("x")', "the caller's row is not changed"
