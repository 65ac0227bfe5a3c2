"""Log files: where they go, that they rotate, and that personal data is kept out of them."""

from __future__ import annotations

import ast
import logging
from pathlib import Path

import pytest

from kiosk.config import Settings
from kiosk.ops import logs
from kiosk.ops.logs import RedactingFilter, program_name, redact, setup_logging

KIOSK = Path(__file__).resolve().parents[3] / "kiosk"


@pytest.fixture
def restore_root_logger():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_setup_logging_writes_a_rotating_file_in_the_configured_folder(tmp_path, restore_root_logger):
    settings = Settings()
    settings.logging.folder = str(tmp_path / "logs")
    path = setup_logging(settings, verbose=False, program="cli")
    assert path == tmp_path / "logs" / "cli.log"
    logging.getLogger("kiosk.test").info("visit %s signed in", 42)
    logging.getLogger("kiosk.test").warning("mail to head@school.example failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "visit 42 signed in" in text
    assert "head@school.example" not in text and "[email]" in text
    handlers = [
        h for h in logging.getLogger().handlers if isinstance(h, logging.handlers.RotatingFileHandler)
    ]
    assert len(handlers) == 1 and handlers[0].maxBytes > 0 and handlers[0].backupCount > 0
    # Calling it again replaces its handlers instead of doubling every line.
    setup_logging(settings, verbose=True, program="cli")
    assert len([h for h in logging.getLogger().handlers if getattr(h, "_kiosk_ops_handler", False)]) == 2


def test_unwritable_folder_falls_back_to_stderr_only(tmp_path, restore_root_logger):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    settings = Settings()
    settings.logging.folder = str(blocker / "logs")
    assert setup_logging(settings, program="kiosk") is None


def test_default_folder_follows_the_data_dir_override(tmp_path, monkeypatch):
    monkeypatch.setattr(logs, "SYSTEM_LOG_DIR", tmp_path / "no-var-log")
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    assert logs.log_folder(Settings()) == tmp_path / "data" / "logs"
    (tmp_path / "var-log").mkdir()
    monkeypatch.setattr(logs, "SYSTEM_LOG_DIR", tmp_path / "var-log")
    assert logs.log_folder(Settings()) == tmp_path / "var-log"


def test_program_names():
    assert program_name([]) == "kiosk"
    assert program_name(["--windowed"]) == "kiosk"
    assert program_name(["console"]) == "console"
    assert program_name(["-v", "db", "backup"]) == "cli"


def test_redaction():
    assert redact("sent to a.parent+x@example.co.uk") == "sent to [email]"
    assert redact("call 07700 900123 or +44 7700 900123") == "call [phone] or [phone]"
    assert redact("visit 1234 at 2026-09-01 10:00") == "visit 1234 at 2026-09-01 10:00"
    assert redact("refused: 'Jane Smith' is too long", quoted=True) == "refused: '…' is too long"
    record = logging.LogRecord(
        "kiosk.ui.kiosk.controller", logging.INFO, __file__, 1, "input %s", ("'Jo Bloggs'",), None
    )
    RedactingFilter().filter(record)
    assert "Bloggs" not in record.getMessage()


PERSONAL = {
    "first_name",
    "last_name",
    "full_name",
    "visitor_name",
    "name_as_typed",
    "child_name",
    "date_of_birth",
    "email",
    "phone",
    "address",
    "aliases",
}


def _log_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"debug", "info", "warning", "error", "exception", "critical"}
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in {"log", "logger", "logging"}
        ):
            yield node


def test_no_log_call_in_the_package_passes_personal_fields():
    """The rule in kiosk/ops/logs.py: log ids, never a visitor's name, birth date or contact details."""
    offences = []
    for path in sorted(KIOSK.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for call in _log_calls(tree):
            for arg in [*call.args[1:], *(k.value for k in call.keywords)]:
                for sub in ast.walk(arg):
                    name = (
                        sub.attr
                        if isinstance(sub, ast.Attribute)
                        else sub.id
                        if isinstance(sub, ast.Name)
                        else None
                    )
                    if name in PERSONAL:
                        offences.append(f"{path.relative_to(KIOSK.parent)}:{call.lineno} logs {name}")
            if call.args and isinstance(call.args[0], ast.JoinedStr):
                offences.append(
                    f"{path.relative_to(KIOSK.parent)}:{call.lineno} logs an f-string (use %s and ids)"
                )
    assert offences == []
