"""The camera stands in for a scanner: QR codes decoded from recorded frames (PNG images made with qrcode)."""

from __future__ import annotations

import io

import pytest
import qrcode
from PIL import Image, ImageDraw, ImageFilter
from PySide6.QtGui import QImage

from kiosk.ui.widgets.camera import CameraScanner, decode_frame
from tests.gui.kiosk.wedge import FakeClock

TOKEN = "Qx3-vB_9kLmZ0aPq7RtY2w"


def _frame(text: str | None, *, size=(640, 480), box=150, at=(300, 140), blur=0.0, angle=0.0) -> QImage:
    """A camera frame: a grey, uneven scene with a QR code held somewhere in it, saved and read as PNG."""
    scene = Image.new("L", size, 150)
    draw = ImageDraw.Draw(scene)
    for x in range(0, size[0], 40):
        draw.line([(x, 0), (x + 80, size[1])], fill=120 + x % 60, width=7)
    if text is not None:
        code = qrcode.make(text, border=2).get_image().convert("L").resize((box, box), Image.NEAREST)
        if angle:
            code = code.rotate(angle, expand=True, fillcolor=255)
        scene.paste(code, at)
    if blur:
        scene = scene.filter(ImageFilter.GaussianBlur(blur))
    png = io.BytesIO()
    scene.save(png, format="PNG")
    image = QImage()
    assert image.loadFromData(png.getvalue(), "PNG")
    return image


@pytest.mark.parametrize(
    "kwargs",
    [dict(), dict(box=110, at=(20, 30)), dict(blur=1.0), dict(angle=12), dict(size=(1280, 720), box=260)],
)
def test_a_code_in_a_frame_is_read(qtbot, kwargs):
    assert decode_frame(_frame(TOKEN, **kwargs)) == TOKEN


def test_frames_without_one_of_our_codes_read_nothing(qtbot):
    assert decode_frame(_frame(None)) is None
    assert decode_frame(_frame("https://example.org/not-a-badge")) is None
    assert decode_frame(QImage()) is None


def test_the_camera_scanner_reports_each_code_once_while_it_is_held_up(qtbot):
    clock = FakeClock()
    camera = CameraScanner(clock=clock)
    heard: list[str] = []
    camera.scanned.connect(heard.append)
    frame, empty = _frame(TOKEN), _frame(None)
    for _ in range(10):  # two seconds of frames at 5 a second, the badge held still
        clock.now += 0.2
        camera.frame(frame)
    assert heard == [TOKEN]
    clock.now += 0.05
    camera.frame(frame)  # sooner than the decode interval: not even looked at
    for _ in range(5):
        clock.now += 0.2
        camera.frame(empty)
    clock.now += 5
    camera.frame(frame)  # held up again later: a new scan
    assert heard == [TOKEN, TOKEN]
