"""What keeps the kiosk's resident memory down (issue #20): measured by benchmarks/bench_memory.py, held here."""

from __future__ import annotations

import linecache
import subprocess
import sys
from pathlib import Path

from kiosk import platform
from kiosk.ui.widgets import qapp as qapp_module
from kiosk.ui.widgets.keyboard import ACCENT_ROWS, OnScreenKeyboard

ROOT = Path(__file__).resolve().parents[2]


def test_pysides_import_hook_no_longer_keeps_module_sources(tmp_path, monkeypatch):
    """PySide6 reads every imported module's source; the kiosk's answer keeps none of it in linecache."""
    assert qapp_module.PYSIDE_SOURCES_UNCACHED
    for name, text in (("kiosk_probe_plain", "X = 1\n"), ("kiosk_probe_qt", "import PySide6\nX = 2\n")):
        path = tmp_path / f"{name}.py"
        path.write_text(text, encoding="utf-8")
        monkeypatch.syspath_prepend(str(tmp_path))
        __import__(name)  # PySide6 hooks builtins.__import__ (importlib.import_module passes it by)
        assert str(path) not in linecache.cache
        monkeypatch.delitem(sys.modules, name)
    feature = sys.modules["shibokensupport.feature"]
    # The same answer PySide6 would give: whether the module's source mentions PySide6.
    assert feature.pyside_feature_dict["kiosk_probe_plain"] == -1
    assert feature.pyside_feature_dict["kiosk_probe_qt"] == 0


def test_release_memory_collects_a_sign_ins_reference_cycles_at_once():
    """Garbage in a cycle is gone when release_memory returns, not whenever Python's schedule next gets to it."""
    import gc
    import weakref

    class Node:
        pass

    a, b = Node(), Node()
    a.other, b.other = b, a
    gone = weakref.ref(a)
    del a, b
    gc.disable()  # only release_memory may collect it here
    try:
        assert gone() is not None
        qapp_module.release_memory()
        assert gone() is None
    finally:
        gc.enable()


def test_release_memory_empties_linecache_and_trims_the_heap(monkeypatch):
    trims = []
    real = platform.trim_memory
    monkeypatch.setattr(platform, "trim_memory", lambda: trims.append(real()) or True)
    linecache.getlines(platform.__file__)
    assert platform.__file__ in linecache.cache
    qapp_module.release_memory()
    assert platform.__file__ not in linecache.cache
    assert trims == [True]  # glibc's malloc_trim ran (Linux)


def test_the_accents_layer_is_built_when_first_opened(qtbot):
    keyboard = OnScreenKeyboard()
    qtbot.addWidget(keyboard)
    assert keyboard._accent_keys is None and keyboard.layers.count() == 1
    keyboard.show()
    keyboard.accents_key.click()
    assert keyboard.layers.count() == 2 and keyboard.layers.currentIndex() == 1
    assert len(keyboard.accent_keys) == len("".join(ACCENT_ROWS))
    keyboard.accents_key.click()
    keyboard.accents_key.click()
    assert keyboard.layers.count() == 2, "built once"


def test_the_badge_printer_is_built_and_asked_its_state_without_reportlab(tmp_path):
    """The kiosk's printer watch asks the printer's state from the start: reportlab loads with the first badge."""
    code = (
        "import sys\n"
        "from datetime import datetime, timezone\n"
        "from kiosk.config import Settings\n"
        "from kiosk.domain.documents import BadgeContent\n"
        "from kiosk.domain.model import PersonType\n"
        "from kiosk.printing import build_badge_printer\n"
        "s = Settings()\n"
        "s.printing.printer = 'file'\n"
        f"s.printing.folder = {str(tmp_path)!r}\n"
        "p = build_badge_printer(s)\n"
        "p.status()\n"
        "print('reportlab' in sys.modules, 'qrcode' in sys.modules)\n"
        "p.print_badge(BadgeContent(visitor_name='Priya Shah', person_type=PersonType.VISITOR,"
        " visit_token='ABCDEF123456', signed_in_at=datetime.now(timezone.utc), host='Mrs Hughes',"
        " school_name='Kestrel', organisation='', clearance=''))\n"
        "print('reportlab' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(ROOT),
            "KIOSK_CONFIG": "/nonexistent/kiosk.toml",
            "KIOSK_DATA_DIR": str(tmp_path / "data"),
            "HOME": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["False", "False", "True"]
    assert list(tmp_path.glob("*.pdf")), "the badge was drawn"
