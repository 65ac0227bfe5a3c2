"""Printers: where a laid-out badge (PDF bytes) goes. A folder of files, or a CUPS queue.

Why CUPS ``lp`` and not Qt's printing: badges are printed by services off the GUI thread, and by the
``kiosk print-test`` command with no GUI at all. ``lp`` works headless, needs no QGuiApplication, and
hands CUPS the PDF itself, so the label is printed from vectors at the printer's own resolution. It
takes ``-o PageSize=Custom.62x100mm`` for an exact label size, and ``-o print-scaling=none`` so the
pdftopdf filter neither fits nor shrinks the page into a margin. Qt's QPrinter would need a
QGuiApplication, rasterises through its paint engine, and adds its own page margins and scaling.

A printer whose driver mis-scales PDFs can be sent a PNG instead (setting ``printing.raster``): the
badge is rendered with pdfium at the printer's dpi, thresholded to pure black and white for thermal
labels, and stamped with that dpi, so with ``print-scaling=none`` one image pixel is one printer dot.

Every failure a person can fix raises PrintFailed with a message saying what to check. Nothing here
keeps mutable state between calls, so one printer object may be used from several threads.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from kiosk.config import ConfigError, Settings
from kiosk.domain.documents import BadgeContent
from kiosk.domain.errors import PrintFailed
from kiosk.domain.printers import PrinterState, PrinterStatus
from kiosk.platform import print_system
from kiosk.printing.labels import LABELS, Label, get_label

# pdfium is not thread-safe: every call into it, from any thread, goes through this lock.
_PDFIUM_LOCK = threading.Lock()

_CHECK_PRINTER = "Check it is switched on, connected and has labels, or choose another printer in Settings."


class PrinterBackend(Protocol):
    """Somewhere a finished document can be sent. Returns a reference (a file path or a CUPS job id)."""

    def send(self, document: bytes, *, label: Label | None, job_name: str) -> str: ...

    def status(self) -> PrinterStatus:
        """Whether it would print now, and if not, why (asked of the print system, never guessed)."""
        ...


# ---------------------------------------------------------------- rasterising


def rasterise(pdf: bytes, dpi: int, *, black_and_white: bool) -> bytes:
    """The first page of ``pdf`` as a PNG at ``dpi`` (1-bit black and white for thermal printers)."""
    import pypdfium2 as pdfium

    with _PDFIUM_LOCK:
        doc = pdfium.PdfDocument(pdf)
        try:
            image = doc[0].render(scale=dpi / 72).to_pil()
        finally:
            doc.close()
    grey = image.convert("L")
    # A fixed threshold, not dithering: text and QR modules stay solid black with clean edges.
    out = grey.point(lambda v: 255 if v >= 160 else 0).convert("1") if black_and_white else grey
    buf = io.BytesIO()
    out.save(buf, format="PNG", dpi=(dpi, dpi))
    return buf.getvalue()


# ---------------------------------------------------------------- files


class FilePrinter:
    """Writes each document to a folder (the demo's and tests' printer). File names carry no personal data.

    Names are ``<date>-<time>-<microseconds>-<job name>.pdf``, e.g.
    ``20250603-094112-123456-badge-V7Q2K9.pdf``: sortable, and the token prefix matches the visit.
    """

    def __init__(self, folder: Path | str, *, raster: bool = False, dpi: int = 300):
        self.folder = Path(folder)
        self.raster = raster
        self.dpi = dpi

    def send(self, document: bytes, *, label: Label | None = None, job_name: str = "document") -> str:
        """Write the document (or its PNG, when rasterising) and return the file's path."""
        payload, ext = document, "pdf"
        if self.raster:
            payload, ext = rasterise(document, self.dpi, black_and_white=bool(label and label.thermal)), "png"
        stem = f"{datetime.now():%Y%m%d-%H%M%S-%f}-{_safe_name(job_name)}"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for n in range(100):
                path = self.folder / (f"{stem}.{ext}" if n == 0 else f"{stem}-{n}.{ext}")
                try:
                    # "x": never overwrite a badge written in the same microsecond by another thread.
                    with path.open("xb") as fh:
                        fh.write(payload)
                    return str(path)
                except FileExistsError:
                    continue
            raise PrintFailed(f"Could not find a free file name in {self.folder} for the badge.")
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise PrintFailed(
                f"The badge could not be saved in the folder {self.folder}: {reason}. Check the folder exists "
                "and the kiosk may write to it, or change the badge folder (printing.folder) in Settings."
            ) from exc

    def status(self) -> PrinterStatus:
        """Ready when the folder exists (or can be made) and the kiosk may write to it."""
        where = f"the badge folder {self.folder}"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            writable = os.access(self.folder, os.W_OK)
        except OSError as exc:
            return PrinterStatus(where, PrinterState.STOPPED, exc.strerror or str(exc))
        if not writable:
            return PrinterStatus(where, PrinterState.STOPPED, "the kiosk may not write to it")
        return PrinterStatus(where, PrinterState.READY)

    def remove_older_than(self, days: int, *, now: datetime | None = None) -> int:
        """Delete this printer's own files written more than ``days`` ago (badges carry visitors' names).

        Only names this printer writes (``<date>-<time>-<microseconds>-<job>.pdf/.png``) are touched,
        never a file someone else put in the folder. Returns how many were deleted.
        """
        cutoff = (now or datetime.now()) - timedelta(days=days)
        removed = 0
        if not self.folder.is_dir():
            return 0
        for path in self.folder.iterdir():
            match = _OWN_FILE.match(path.name)
            if match is None or not path.is_file():
                continue
            written = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
            if written < cutoff:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def remove_for_tokens(self, tokens: list[str]) -> int:
        """Delete this printer's badge files of the visits with these badge tokens (an erased person's)."""
        prefixes = {_token_prefix(t) for t in tokens if t}
        removed = 0
        if not prefixes or not self.folder.is_dir():
            return 0
        for path in self.folder.iterdir():
            match = _OWN_FILE.match(path.name)
            if match is None or not path.is_file():
                continue
            if any(path.stem.endswith(f"-badge-{p}") for p in prefixes):
                path.unlink(missing_ok=True)
                removed += 1
        return removed


_OWN_FILE = re.compile(r"^(\d{8}-\d{6})-\d{6}-[A-Za-z0-9_.-]+\.(pdf|png)$")


# ---------------------------------------------------------------- CUPS


class CupsPrinter:
    """Prints to a CUPS queue with ``lp``, at the label's exact size, with no scaling or margins added.

    Before sending it asks ``lpstat`` whether the queue exists and is accepting; after sending it waits
    (up to ``wait_s``) for the job to leave the queue, and fails if the printer stops meanwhile (CUPS
    stops a queue whose printer is unplugged or switched off). A job still waiting at the deadline is
    cancelled, so a badge never comes out minutes later for nobody.
    """

    def __init__(
        self,
        queue: str,
        *,
        raster: bool = False,
        dpi: int = 300,
        lp: str = "lp",
        lpstat: str = "lpstat",
        cancel: str = "cancel",
        wait_s: float = 5.0,
        poll_s: float = 0.25,
        what: str = "badge printer",
    ):
        self.queue = queue
        self.raster = raster
        self.dpi = dpi
        self.lp, self.lpstat, self.cancel = lp, lpstat, cancel
        self.wait_s = wait_s
        self.poll_s = poll_s
        self.what = what
        self._deadline: float | None = None

    # -------- public

    def lp_options(self, label: Label | None) -> list[str]:
        """The ``-o`` options for a job on ``label`` (exact page size, no scaling)."""
        options: list[str] = []
        if label is not None:
            options += ["-o", f"PageSize={label.cups_page_size}"]
        # pdftopdf (cups-filters) would otherwise shrink a page that is a hair larger than the driver's
        # printable area; "none" prints the page at 100 %, where the label is exactly the page.
        # For a PNG (raster) it places the image at the resolution stored in the file, which is the
        # printer's dpi, so the image covers the label exactly. (Adding "ppi" made CUPS round the page
        # down by a few tenths of a millimetre in a cups-pdf test, so it is not sent.)
        options += ["-o", "print-scaling=none"]
        return options

    def send(self, document: bytes, *, label: Label | None = None, job_name: str = "kiosk") -> str:
        """Print ``document`` (a PDF) and return the CUPS job id, or raise PrintFailed.

        The whole job (asking CUPS, sending, waiting for the printer) is given up after ``wait_s``
        seconds (printing.timeout_s): a printer that does not answer never holds a visitor longer.
        """
        self._deadline = time.monotonic() + self.wait_s if self.wait_s > 0 else None
        try:
            return self._send(document, label=label, job_name=job_name)
        finally:
            self._deadline = None

    def _send(self, document: bytes, *, label: Label | None, job_name: str) -> str:
        lp = self._tool(self.lp)
        self._check_queue()
        payload = document
        if self.raster:
            payload = rasterise(document, self.dpi, black_and_white=bool(label and label.thermal))
        cmd = [lp, "-d", self.queue, "-t", _safe_name(job_name), *self.lp_options(label)]
        result = self._run(cmd, payload)
        if result.returncode != 0:
            raise self._unavailable(
                _first_line(result.stderr) or f"'lp' failed (exit status {result.returncode})"
            )
        match = re.search(r"request id is (\S+)", result.stdout)
        job = match.group(1) if match else ""
        if job and self.wait_s > 0:
            self._wait_for(job)
        return job

    def status(self) -> PrinterStatus:
        """The queue's state from ``lpstat -l -p``: stopped, or its printer's alerts (out of labels, ...)."""
        lpstat = shutil.which(self.lpstat)
        if lpstat is None:
            return PrinterStatus(self.queue, PrinterState.NO_SERVICE, "lpstat is not installed")
        try:
            result = self._run([lpstat, "-l", "-p", self.queue], None)
        except PrintFailed as exc:
            return PrinterStatus(self.queue, PrinterState.NO_SERVICE, str(exc))
        return parse_lpstat_status(self.queue, result.returncode, result.stdout, result.stderr)

    # -------- steps

    def _tool(self, name: str) -> str:
        path = shutil.which(name)
        if path is None:
            raise self._unavailable(
                f"the printing command '{name}' was not found on this computer",
                advice='Install CUPS (the cups-client package), or print to a folder (printing.printer = "file").',
            )
        return path

    def _check_queue(self) -> None:
        lpstat = shutil.which(self.lpstat)
        if lpstat is None:
            return  # lp alone still prints; lpstat only gives friendlier messages
        result = self._run([lpstat, "-p", self.queue], None)
        text = f"{result.stdout}\n{result.stderr}"
        if result.returncode != 0 or not result.stdout.strip():
            lowered = text.lower()
            if "scheduler is not running" in lowered or "unable to connect" in lowered:
                raise self._unavailable(
                    "the printing service (CUPS) is not running",
                    advice="Restart the computer, or start CUPS, then try again.",
                )
            raise self._unavailable(
                f"there is no printer queue called '{self.queue}'",
                advice="Check the printer is switched on and set up in CUPS ('lpstat -p' lists the queues), "
                "and that printing.printer names it.",
            )
        if " disabled " in f" {result.stdout} " or "disabled since" in result.stdout:
            reason = _printer_reason(result.stdout)
            raise self._unavailable(
                f"the printer is stopped{f' ({reason})' if reason else ''}",
                advice=f"{_CHECK_PRINTER} Then resume the queue (cupsenable {self.queue}).",
            )

    def _wait_for(self, job: str) -> None:
        lpstat = shutil.which(self.lpstat)
        if lpstat is None:
            return
        deadline = self._deadline or time.monotonic() + self.wait_s
        while True:
            pending = self._run([lpstat, "-o", self.queue], None).stdout
            if not any(line.split()[:1] == [job] for line in pending.splitlines()):
                return
            printer = self._run([lpstat, "-p", self.queue], None).stdout
            if "disabled" in printer:
                self._cancel(job)
                reason = _printer_reason(printer)
                raise self._unavailable(
                    f"the printer stopped while printing{f' ({reason})' if reason else ''}"
                )
            if time.monotonic() >= deadline:
                self._cancel(job)
                raise self._unavailable(f"it has not printed the badge after {self.wait_s:g} seconds")
            time.sleep(self.poll_s)

    def _cancel(self, job: str) -> None:
        cancel = shutil.which(self.cancel)
        if cancel:
            self._run([cancel, job], None, check_errors=False)

    def _run(self, cmd: list[str], stdin: bytes | None, *, check_errors: bool = True) -> _Result:
        # The C locale keeps CUPS's messages in the English this module reads.
        env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
        limit = 20.0
        if self._deadline is not None:
            limit = max(0.5, min(limit, self._deadline - time.monotonic()))
        try:
            done = subprocess.run(cmd, input=stdin, capture_output=True, timeout=limit, env=env, check=False)
        except subprocess.TimeoutExpired as exc:
            if not check_errors:
                return _Result(1, "", "")
            raise self._unavailable(
                f"the printing service (CUPS) did not answer within {limit:.0f} seconds"
            ) from exc
        except OSError as exc:
            if not check_errors:
                return _Result(1, "", "")
            raise self._unavailable(f"'{cmd[0]}' could not be run ({exc.strerror or exc})") from exc
        return _Result(done.returncode, _text(done.stdout), _text(done.stderr))

    def _unavailable(self, reason: str, *, advice: str = _CHECK_PRINTER) -> PrintFailed:
        return PrintFailed(f"The {self.what} '{self.queue}' is not available: {reason}. {advice}")


class _Result:
    __slots__ = ("returncode", "stdout", "stderr")

    def __init__(self, returncode: int, stdout: str, stderr: str):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


# ---------------------------------------------------------------- the badge printer port


class LabelBadgePrinter:
    """The BadgePrinter port: lays out the badge for one label and sends it to one printer."""

    def __init__(self, backend: PrinterBackend, label: Label, *, dpi: int | None = None):
        self.backend = backend
        self.label = label
        self.dpi = dpi

    def render(self, badge: BadgeContent) -> bytes:
        """The badge's PDF for this printer's label (reportlab and qrcode load with the first badge drawn,
        not with the printer: the kiosk's printer watch asks its state from the start)."""
        from kiosk.printing.badge import render_badge

        try:
            return render_badge(badge, self.label, dpi=self.dpi)
        except Exception as exc:  # a layout bug must reach reception as a print failure, not a crash
            raise PrintFailed(
                f"The badge could not be laid out for the label '{self.label.name}' ({exc})."
            ) from exc

    def status(self) -> PrinterStatus:
        """The badge printer's state (see PrinterBackend.status)."""
        return self.backend.status()

    def print_badge(self, badge: BadgeContent) -> None:
        """Lay out and print one badge; PrintFailed says what to check when it cannot."""
        self.backend.send(
            self.render(badge), label=self.label, job_name=f"badge-{_token_prefix(badge.visit_token)}"
        )


def label_for(settings: Settings) -> Label:
    """The label named in settings (printing.label); ConfigError naming the choices if unknown."""
    try:
        return get_label(settings.printing.label)
    except KeyError:
        raise ConfigError(
            f"Setting 'printing.label': unknown label {settings.printing.label!r}; choose one of: {', '.join(LABELS)}"
        ) from None


def build_backend(settings: Settings) -> PrinterBackend:
    """The badge printer named in settings (printing.printer)."""
    return backend_for(settings.printing.printer, settings, what="badge printer", setting="printing.printer")


def build_report_backend(settings: Settings) -> PrinterBackend | None:
    """The A4 report printer named in settings (printing.report_printer); None when there is none."""
    name = settings.printing.report_printer.strip()
    if not name:
        return None
    return backend_for(name, settings, what="report printer", setting="printing.report_printer", raster=False)


def build_report_printer(settings: Settings) -> ReportQueuePrinter | None:
    """The fire roll's printer (the services' ReportPrinter port), or None if none is set up."""
    backend = build_report_backend(settings)
    if backend is None:
        return None
    return ReportQueuePrinter(settings.printing.report_printer.strip(), backend=backend)


def backend_for(
    name: str, settings: Settings, *, what: str, setting: str, raster: bool | None = None
) -> PrinterBackend:
    """A printer by its setting's value.

    "file" writes to the badge folder; "brother_ql:<model>:<printer>" drives a Brother QL directly
    (kiosk.printing.brotherql); "qt:<name>" prints through Qt to any system printer
    (kiosk.printing.qtprint); anything else is a CUPS queue, or on Windows a system printer through Qt.
    """
    p = settings.printing
    value = name.strip()
    lowered = value.lower()
    raster = p.raster if raster is None else raster
    if lowered == "file":
        return FilePrinter(settings.badge_folder(), raster=raster, dpi=p.dpi)
    if lowered.startswith("brother_ql:"):
        from kiosk.printing.brotherql import BrotherQLPrinter

        try:
            return BrotherQLPrinter.from_setting(value)
        except PrintFailed as exc:
            raise ConfigError(f"Setting '{setting}': {exc}") from None
    if lowered.startswith("qt:") or print_system() == "spooler":
        from kiosk.printing.qtprint import QtPrinter

        # Windows has no lp: every named printer goes through Qt and the spooler (not tested on Windows).
        qt_name = value[3:] if lowered.startswith("qt:") else value
        if not qt_name.strip():
            raise ConfigError(f"Setting '{setting}': write a printer's name after 'qt:', e.g. qt:Office A4")
        return QtPrinter(qt_name, dpi=p.dpi, what=what)
    # A badge printer that does not answer is given up soon (printing.timeout_s); a report may queue longer.
    wait_s = p.timeout_s if what == "badge printer" else 60.0
    return CupsPrinter(value, raster=raster, dpi=p.dpi, what=what, wait_s=wait_s)


class ReportQueuePrinter:
    """The services' ReportPrinter port: A4 reports (the fire roll) on a printer of their own.

    A school's report printer is an ordinary A4 printer, set apart from the badge label printer.
    """

    def __init__(self, queue: str, *, wait_s: float = 60.0, backend: PrinterBackend | None = None):
        self.name = queue
        self._backend = backend or CupsPrinter(queue, what="report printer", wait_s=wait_s)

    def print_report(self, pdf: bytes, *, job_name: str) -> None:
        self._backend.send(pdf, label=None, job_name=job_name)


def build_badge_printer(settings: Settings) -> LabelBadgePrinter:
    """The BadgePrinter for these settings (printer, label, raster, dpi)."""
    return LabelBadgePrinter(build_backend(settings), label_for(settings), dpi=settings.printing.dpi)


# ---------------------------------------------------------------- helpers


def _token_prefix(token: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", token)[:6] or "token"


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-.") or "document"


def _text(data: bytes | str | None) -> str:
    if data is None:
        return ""
    return data if isinstance(data, str) else data.decode("utf-8", "replace")


def _first_line(text: str) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    # "lp: The printer or class does not exist." -> "The printer or class does not exist"
    return re.sub(r"^(lp|lpstat|cancel):\s*", "", line).rstrip(".")


# IPP printer-state-reasons (RFC 8011 and PWG 5100.9), as CUPS backends report them, by what they mean
# at the front desk. "-error" stops printing; "-warning" and "-report" do not.
_REASONS = (
    ("media-empty", PrinterState.OUT_OF_LABELS),
    ("media-needed", PrinterState.OUT_OF_LABELS),
    ("media-low", PrinterState.LOW),
    ("media-jam", PrinterState.JAMMED),
    ("cover-open", PrinterState.COVER_OPEN),
    ("door-open", PrinterState.COVER_OPEN),
    ("offline", PrinterState.OFFLINE),
    ("connecting-to-device", PrinterState.OFFLINE),
    ("shutdown", PrinterState.OFFLINE),
)


def parse_lpstat_status(queue: str, returncode: int, stdout: str, stderr: str = "") -> PrinterStatus:
    """A queue's PrinterStatus from the output of ``lpstat -l -p QUEUE`` (C locale)."""
    text = f"{stdout}\n{stderr}".lower()
    if returncode != 0 or not stdout.strip():
        if "scheduler is not running" in text or "unable to connect" in text:
            return PrinterStatus(queue, PrinterState.NO_SERVICE, "CUPS is not running")
        return PrinterStatus(queue, PrinterState.NOT_FOUND, f"there is no printer queue called '{queue}'")
    alerts: list[str] = []
    for line in stdout.splitlines():
        if line.strip().lower().startswith("alerts:"):
            alerts = [a for a in line.split(":", 1)[1].split() if a.lower() != "none"]
    worst: PrinterState | None = None
    for alert in alerts:
        name = alert.lower()
        blocking = name.endswith("-error") or not name.endswith(("-warning", "-report"))
        for prefix, state in _REASONS:
            if name.startswith(prefix):
                if state is PrinterState.LOW or blocking or state is PrinterState.OFFLINE:
                    if worst is None or worst is PrinterState.LOW:
                        worst = state
                break
    disabled = " disabled " in f" {stdout} " or "disabled since" in stdout
    detail = _printer_reason(stdout) if disabled else ", ".join(alerts)
    if worst is not None and worst is not PrinterState.LOW:
        return PrinterStatus(queue, worst, detail)
    if disabled:
        return PrinterStatus(queue, PrinterState.STOPPED, detail)
    return PrinterStatus(queue, worst or PrinterState.READY, detail)


def _printer_reason(lpstat_output: str) -> str:
    # `lpstat -p` puts the printer's state message on the line after "disabled since ...".
    lines = [ln.strip() for ln in lpstat_output.splitlines()]
    for i, line in enumerate(lines):
        if "disabled" in line:
            after = line.split(" - ", 1)[1].strip() if " - " in line else ""
            if not after and i + 1 < len(lines):
                after = lines[i + 1]
            return after.rstrip(".")
    return ""
