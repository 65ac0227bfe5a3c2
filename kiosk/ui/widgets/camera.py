"""Reads QR codes from a camera, for a kiosk with a camera and no USB scanner (setting kiosk.camera_scanner).

Optional: needs the ``camera`` extra (``pip install "kiosk[camera]"``: QtMultimedia from PySide6-Addons,
and zxing-cpp to decode). :func:`decode_frame` is the decoding on its own (a QImage in, the code's
text out), tested on recorded frames; :class:`CameraScanner` feeds it the camera's frames a few times
a second and emits ``scanned(token)`` like the USB scanner's listener, once per code held up.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from kiosk.ui.widgets.scanner import token_shaped

log = logging.getLogger(__name__)

DECODE_EVERY_S = 0.2
SAME_CODE_AGAIN_S = 4.0


def camera_available() -> bool:
    """Whether the optional camera extra is installed (QtMultimedia and zxing-cpp)."""
    try:
        import zxingcpp  # noqa: F401
        from PySide6 import QtMultimedia  # noqa: F401
    except ImportError:
        return False
    return True


def decode_frame(image: QImage) -> str | None:
    """The text of a token-shaped QR code in a camera frame, or None (no code, or not one of ours)."""
    import zxingcpp
    from PIL import Image

    if image.isNull():
        return None
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(grey.constBits())
    picture = Image.frombuffer("L", (grey.width(), grey.height()), data, "raw", "L", grey.bytesPerLine(), 1)
    for result in zxingcpp.read_barcodes(picture, formats=zxingcpp.BarcodeFormat.QRCode):
        if token_shaped(result.text):
            return result.text
    return None


class CameraScanner(QObject):
    """The camera as a scanner: ``scanned(token)`` once for each code held in front of it."""

    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, *, clock: Callable[[], float] = time.monotonic):
        super().__init__(parent)
        self.clock = clock
        self._last_decode = 0.0
        self._last_code = ("", 0.0)
        self._session: Any = None  # QtMultimedia objects, made in start() (an optional import)
        self._camera: Any = None
        self._sink: Any = None

    def frame(self, image: QImage) -> None:
        """One frame from the camera (or a test): decoded at most every DECODE_EVERY_S."""
        now = self.clock()
        if now - self._last_decode < DECODE_EVERY_S:
            return
        self._last_decode = now
        code = decode_frame(image)
        if code is None:
            return
        last, at = self._last_code
        self._last_code = (code, now)
        if code == last and now - at < SAME_CODE_AGAIN_S:
            return  # the same code still held up: once is enough
        self.scanned.emit(code)

    def start(self) -> bool:
        """Open the default camera; False (and logged) when there is none or the extra is missing."""
        if not camera_available():
            log.warning("camera scanner: install the 'camera' extra (PySide6-Addons, zxing-cpp)")
            return False
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices, QVideoSink

        device = QMediaDevices.defaultVideoInput()
        if device.isNull():
            log.warning("camera scanner: no camera found")
            return False
        self._camera = QCamera(device, self)
        self._session = QMediaCaptureSession(self)
        self._sink = QVideoSink(self)
        self._session.setCamera(self._camera)
        self._session.setVideoSink(self._sink)
        self._sink.videoFrameChanged.connect(lambda f: self.frame(f.toImage()))
        self._camera.start()
        return True

    def stop(self) -> None:
        """Close the camera."""
        if self._camera is not None:
            self._camera.stop()
