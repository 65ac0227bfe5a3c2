"""`kiosk screenshots`: every kiosk screen at both sizes, with an index of what each one says."""

from __future__ import annotations

import json

from PySide6.QtGui import QImage

from kiosk.demo import seed
from tests.helpers import reception_actor


def test_screenshots_cover_every_screen_at_both_sizes(qtbot, sqlite_services, tmp_path):
    from kiosk.ui.screenshots import kiosk_scenes, run_screenshots

    seed(sqlite_services)
    before = len(sqlite_services.sign_in.on_site(reception_actor(), sqlite_services.place.site_id))
    out = tmp_path / "shots"
    assert run_screenshots(sqlite_services, out) == 0

    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    kiosk_entries = [e for e in index if e["screen"].startswith("kiosk/")]
    names = {e["screen"] for e in kiosk_entries}
    for scene in kiosk_scenes(sqlite_services):
        assert f"kiosk/{scene.name}" in names
    for entry in index:
        assert (out / entry["file"]).is_file(), entry["file"]
        assert set(entry) >= {"file", "screen", "text"}
    sizes = {
        (QImage(str(out / e["file"])).width(), QImage(str(out / e["file"])).height()) for e in kiosk_entries
    }
    assert sizes == {(1920, 1080), (1280, 800)}

    hold = [e for e in kiosk_entries if "hold" in e["file"]]
    assert len(hold) == 2
    for entry in hold:
        assert "someone from reception will be with you shortly" in entry["text"]
        for word in ("ban", "match", "alert", "barred"):
            assert word not in entry["text"].lower()
    welcome = next(e for e in kiosk_entries if e["file"] == "kiosk-welcome-1280x800.png")
    assert "Sign in" in welcome["text"] and "Collecting a child" in welcome["text"]
    policy = next(e for e in kiosk_entries if e["file"] == "kiosk-policy-1920x1080.png")
    assert "Code of Conduct" in policy["text"]
    # Screenshots only read the demo database.
    assert len(sqlite_services.sign_in.on_site(reception_actor(), sqlite_services.place.site_id)) == before
