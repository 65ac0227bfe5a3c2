"""`kiosk demo` puts the kiosk and the console fully on the screen, frames included, on real screen sizes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

# Run in a child process: the offscreen platform takes its screen's size (and window frames) from a file
# given when the application starts, and this test process already has its QApplication.
SCRIPT = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication

    app = QApplication(["demo", "-platform", "offscreen:configfile=" + sys.argv[1]])
    from kiosk.app import build_app
    from kiosk.config import Settings
    from kiosk.ui.demo import open_demo_windows
    from kiosk.ui.ops import wait_for_ops

    folder = Path(sys.argv[2])
    db_path = folder / "kiosk-demo.sqlite3"
    settings = Settings(database_url=f"sqlite:///{db_path}")
    settings.printing.folder = str(folder / "badges")
    services = build_app(settings, create=False)
    try:
        kiosk, console = open_demo_windows(services)
        wait_for_ops()
        app.processEvents()
        out = {}
        for name, w in (("kiosk", kiosk), ("console", console)):
            f = w.frameGeometry()
            out[name] = [f.x(), f.y(), f.width(), f.height(), w.width(), w.height(), w.isVisible()]
        a = app.primaryScreen().availableGeometry()
        out["available"] = [a.x(), a.y(), a.width(), a.height()]
        print(json.dumps(out))
        console.close()
        kiosk.close()
        wait_for_ops()
    finally:
        services.dispose()
    """
)


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory) -> Path:
    """`kiosk demo`'s database (kiosk.demo.make_demo), made once for the four screen sizes: each case's
    child process opens a copy of the folder (the database, its marker and records folder, the badges)."""
    from kiosk.demo import make_demo

    base = tmp_path_factory.mktemp("demo-made")
    with pytest.MonkeyPatch.context() as patch:  # never the real user's data or config folders
        for key in [k for k in os.environ if k.startswith("KIOSK_") and k != "KIOSK_TEST_PG_URL"]:
            patch.delenv(key)
        patch.setenv("KIOSK_DATA_DIR", str(base / "data"))
        patch.setenv("KIOSK_CONFIG", str(base / "kiosk.toml"))
        _db, folder = make_demo(base / "demo")
    return folder


@pytest.mark.parametrize("width,height", [(1920, 1080), (2560, 1440), (1366, 768), (1280, 1024)])
def test_demo_places_both_windows_fully_on_a_real_screen(tmp_path, demo_folder, width, height):
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {
                "windowFrameMargins": True,  # the offscreen platform then frames windows like a desktop
                "screens": [
                    {"name": "Reception", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96}
                ],
            }
        )
    )
    shutil.copytree(demo_folder, tmp_path / "demo")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(config), str(tmp_path / "demo")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    placed = json.loads(result.stdout.strip().splitlines()[-1])
    ax, ay, aw, ah = placed["available"]
    assert (aw, ah) == (width, height)
    for name in ("kiosk", "console"):
        x, y, w, h, _cw, _ch, visible = placed[name]
        assert visible, name
        assert x >= ax and y >= ay and x + w <= ax + aw and y + h <= ay + ah, (name, placed)
    kiosk, console = placed["kiosk"], placed["console"]
    # The console is laid out for 1024×768 and up, and never smaller than the screen allows.
    assert console[4] >= min(1024, width - 4) and console[5] >= min(768, height - 4), placed
    assert kiosk[4] >= min(1280, width - 4) and kiosk[5] >= min(800, height - 4), placed
    if width >= 1280 + 16 + 1024 + 8:
        assert console[0] >= kiosk[0] + kiosk[2], "side by side where the screen is wide enough"
    else:
        assert console[0] + console[2] == ax + aw, "the console keeps the right-hand edge"


def test_demo_geometries_keep_inside_an_offset_work_area(qapp):
    """A task bar on the left and top (the available area does not start at 0, 0)."""
    from PySide6.QtCore import QMargins, QRect

    from kiosk.ui.demo import demo_geometries

    available = QRect(60, 32, 1860, 1048)
    frame = QMargins(4, 30, 4, 4)
    kiosk, console = demo_geometries(available, frame, frame)
    for rect in (kiosk, console):
        outer = rect.marginsAdded(frame)
        assert available.contains(outer), (rect, available)
    assert kiosk.size().width() == 1280 and kiosk.size().height() == 800
    assert console.width() == 1280 and console.marginsAdded(frame).right() == available.right()
