"""The `kiosk print-test` command."""

from __future__ import annotations

import argparse

import pytest
from conftest import decode_qr, page_size_mm, pdf_text, words_of

from kiosk.config import PrintingSettings, Settings
from kiosk.printing import printtest
from kiosk.printing.labels import label_names


def _run(argv: list[str], settings: Settings) -> int:
    parser = argparse.ArgumentParser(prog="kiosk print-test")
    printtest.add_arguments(parser)
    return printtest.run(parser.parse_args(argv), settings)


def test_list_labels_prints_one_name_a_line(capsys):
    assert _run(["--list-labels"], Settings()) == 0
    assert capsys.readouterr().out.split() == label_names()


def test_out_writes_a_sample_badge_with_a_long_name(tmp_path, capsys):
    out = tmp_path / "sample.pdf"
    assert _run(["--label", "dymo-99014", "--out", str(out)], Settings()) == 0
    pdf = out.read_bytes()
    assert {"Alexandra", "Montgomery-Fitzwilliam"} <= words_of(pdf_text(pdf))
    assert page_size_mm(pdf) == pytest.approx((54, 101), abs=0.5)
    assert decode_qr(pdf)[0].startswith("PRINTTEST-")
    assert str(out) in capsys.readouterr().out


def test_name_option_and_printing_to_the_file_printer(tmp_path):
    settings = Settings(printing=PrintingSettings(folder=str(tmp_path)))
    assert _run(["--name", "Sam Lee"], settings) == 0
    (path,) = tmp_path.iterdir()
    assert "Sam Lee" in pdf_text(path.read_bytes())


@pytest.mark.parametrize(
    ("argv", "printer"),
    [
        (["--label", "zebra-4x6", "--out", "x.pdf"], "file"),
        (["--out", "/nonexistent-dir/x.pdf"], "file"),
        ([], "No_Such_Queue_For_Kiosk_Tests"),
    ],
)
def test_errors_are_one_line_and_non_zero(argv, printer, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert _run(argv, Settings(printing=PrintingSettings(printer=printer))) != 0
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
