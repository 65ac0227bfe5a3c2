"""FilePrinter, CupsPrinter (against stand-in lp/lpstat scripts), LabelBadgePrinter and the factory."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest
from conftest import decode_qr, make_badge, page_size_mm
from PIL import Image

from kiosk.config import ConfigError, PrintingSettings, Settings
from kiosk.domain.errors import PrintFailed
from kiosk.printing.labels import get_label
from kiosk.printing.printers import (
    CupsPrinter,
    FilePrinter,
    LabelBadgePrinter,
    build_badge_printer,
    rasterise,
)

LABEL = get_label("brother-62x100")


def _script(folder: Path, name: str, body: str) -> str:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


# ---------------------------------------------------------------- files


def test_file_printer_writes_the_badge_with_no_personal_data_in_the_name(tmp_path):
    printer = LabelBadgePrinter(FilePrinter(tmp_path / "badges"), LABEL)
    badge = make_badge("Alexandra Montgomery-Fitzwilliam")
    printer.print_badge(badge)
    (path,) = (tmp_path / "badges").iterdir()
    assert path.suffix == ".pdf"
    assert "Alexandra" not in path.name and "Montgomery" not in path.name
    assert "V7Q2K9" in path.name  # the token prefix ties the file to the visit
    pdf = path.read_bytes()
    assert decode_qr(pdf) == [badge.visit_token]
    assert page_size_mm(pdf) == pytest.approx((62, 100), abs=0.5)


def test_file_printer_never_overwrites(tmp_path):
    printer = FilePrinter(tmp_path)
    paths = {printer.send(b"%PDF-1.4 one", job_name="badge-X") for _ in range(5)}
    assert len(paths) == 5


def test_file_printer_to_an_unwritable_folder_raises_print_failed(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    printer = LabelBadgePrinter(FilePrinter(blocker / "badges"), LABEL)
    with pytest.raises(PrintFailed, match=r"could not be saved in the folder .*printing\.folder"):
        printer.print_badge(make_badge())


def test_file_printer_raster_writes_a_png_at_the_printer_dpi(tmp_path):
    LabelBadgePrinter(FilePrinter(tmp_path, raster=True, dpi=300), LABEL).print_badge(make_badge())
    (path,) = tmp_path.iterdir()
    assert path.suffix == ".png"
    with Image.open(path) as image:
        assert image.mode == "1"  # thermal: pure black and white
        assert image.size == pytest.approx((62 / 25.4 * 300, 100 / 25.4 * 300), abs=2)
        assert round(image.info["dpi"][0]) == 300


def test_rasterised_badge_still_scans(badge):
    png = rasterise(LabelBadgePrinter(FilePrinter("."), LABEL).render(badge), 300, black_and_white=True)
    import zxingcpp

    with Image.open(io.BytesIO(png)) as image:
        assert [r.text for r in zxingcpp.read_barcodes(image.convert("L"))] == [badge.visit_token]


# ---------------------------------------------------------------- CUPS, with stand-in commands


def test_cups_options_ask_for_the_exact_label_size_and_no_scaling():
    options = CupsPrinter("Brother").lp_options(LABEL)
    assert "PageSize=Custom.62x100mm" in options
    assert "print-scaling=none" in options


def test_missing_lp_command_raises_print_failed(tmp_path):
    printer = CupsPrinter("Brother_QL", lp=str(tmp_path / "no-such-lp"))
    with pytest.raises(
        PrintFailed, match=r"badge printer 'Brother_QL' is not available: .*'.*no-such-lp' was not"
    ):
        LabelBadgePrinter(printer, LABEL).print_badge(make_badge())


def test_missing_queue_raises_print_failed(tmp_path):
    lp = _script(tmp_path, "lp", 'echo "lp: The printer or class does not exist." >&2; exit 1\n')
    lpstat = _script(
        tmp_path, "lpstat", 'echo "lpstat: Invalid destination name in list \\"Nope\\"." >&2; exit 1\n'
    )
    with pytest.raises(
        PrintFailed, match=r"'Nope' is not available: there is no printer queue called 'Nope'"
    ):
        CupsPrinter("Nope", lp=lp, lpstat=lpstat).send(b"%PDF", label=LABEL)


def test_lp_failure_is_reported_in_its_own_words(tmp_path):
    lp = _script(
        tmp_path, "lp", 'cat >/dev/null; echo "lp: The printer or class does not exist." >&2; exit 1\n'
    )
    with pytest.raises(
        PrintFailed, match=r"not available: The printer or class does not exist\. Check it is switched on"
    ):
        CupsPrinter("Gone", lp=lp, lpstat=str(tmp_path / "no-lpstat")).send(b"%PDF", label=LABEL)


def test_stopped_printer_raises_print_failed_before_sending(tmp_path):
    sent = tmp_path / "sent"
    lp = _script(tmp_path, "lp", f'cat > "{sent}"; echo "request id is Brother-1 (1 file(s))"\n')
    lpstat = _script(
        tmp_path,
        "lpstat",
        'echo "printer Brother disabled since Tue 03 Jun 2025 09:41:00 -"\necho "\tThe printer is not responding."\n',
    )
    with pytest.raises(
        PrintFailed,
        match=r"the printer is stopped \(The printer is not responding\)\. Check it is switched on",
    ):
        CupsPrinter("Brother", lp=lp, lpstat=lpstat).send(b"%PDF", label=LABEL)
    assert not sent.exists()


def test_job_stuck_in_the_queue_is_cancelled_and_reported(tmp_path):
    cancelled = tmp_path / "cancelled"
    lp = _script(tmp_path, "lp", 'cat >/dev/null; echo "request id is Brother-7 (1 file(s))"\n')
    lpstat = _script(
        tmp_path,
        "lpstat",
        'case "$1" in\n'
        '  -p) echo "printer Brother is idle.  enabled since Tue 03 Jun 2025";;\n'
        '  -o) echo "Brother-7    root    2048   Tue 03 Jun 2025 09:41:00";;\n'
        "esac\n",
    )
    cancel = _script(tmp_path, "cancel", f'echo "$1" > "{cancelled}"\n')
    printer = CupsPrinter("Brother", lp=lp, lpstat=lpstat, cancel=cancel, wait_s=0.3, poll_s=0.05)
    with pytest.raises(PrintFailed, match="has not printed the badge"):
        printer.send(b"%PDF", label=LABEL)
    assert cancelled.read_text().strip() == "Brother-7"


def test_job_that_leaves_the_queue_is_a_success_and_lp_gets_the_pdf(tmp_path):
    sent, args = tmp_path / "sent.pdf", tmp_path / "args"
    lp = _script(
        tmp_path, "lp", f'echo "$@" > "{args}"; cat > "{sent}"; echo "request id is Brother-8 (1 file(s))"\n'
    )
    lpstat = _script(
        tmp_path, "lpstat", 'test "$1" = -p && echo "printer Brother is idle.  enabled since Tue"\n'
    )
    printer = LabelBadgePrinter(CupsPrinter("Brother", lp=lp, lpstat=lpstat), LABEL)
    badge = make_badge()
    printer.print_badge(badge)
    assert decode_qr(sent.read_bytes()) == [badge.visit_token]
    line = args.read_text()
    assert "-d Brother" in line and "PageSize=Custom.62x100mm" in line and "print-scaling=none" in line
    assert "Alexandra" not in line  # the job title carries no personal data


# ---------------------------------------------------------------- building from settings


def test_build_badge_printer_from_settings(tmp_path):
    file_printer = build_badge_printer(
        Settings(printing=PrintingSettings(folder=str(tmp_path), label="dymo-99012"))
    )
    assert isinstance(file_printer.backend, FilePrinter)
    assert file_printer.backend.folder == tmp_path
    assert file_printer.label.name == "dymo-99012"
    cups = build_badge_printer(
        Settings(printing=PrintingSettings(printer="Brother_QL_800", raster=True, dpi=300))
    )
    assert isinstance(cups.backend, CupsPrinter)
    assert cups.backend.queue == "Brother_QL_800" and cups.backend.raster


def test_unknown_label_in_settings_is_a_config_error():
    with pytest.raises(ConfigError, match=r"printing\.label.*brother-62x100"):
        build_badge_printer(Settings(printing=PrintingSettings(label="zebra-4x6")))


def test_file_printer_removes_only_its_own_old_files(tmp_path):
    """Badge files show visitors' names: old ones go, recent ones and other people's files stay."""
    from datetime import datetime, timedelta

    from kiosk.printing.printers import FilePrinter

    printer = FilePrinter(tmp_path)
    recent = Path(printer.send(b"%PDF-1.4 recent", job_name="badge-ABC123"))
    old_stamp = (datetime.now() - timedelta(days=10)).strftime("%Y%m%d-%H%M%S")
    old = tmp_path / f"{old_stamp}-000001-badge-XYZ789.pdf"
    old.write_bytes(b"%PDF-1.4 old")
    old_raster = tmp_path / f"{old_stamp}-000002-badge-XYZ789-1.png"
    old_raster.write_bytes(b"png")
    someone_elses = tmp_path / "notes.pdf"
    someone_elses.write_bytes(b"%PDF-1.4 keep")

    assert printer.remove_older_than(7) == 2
    assert recent.exists() and someone_elses.exists()
    assert not old.exists() and not old_raster.exists()
    assert FilePrinter(tmp_path / "missing").remove_older_than(7) == 0
