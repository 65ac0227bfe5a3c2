"""A finger signature pad whose drawing is saved as PNG bytes (stored with the acknowledgement)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui.i18n import translate
from kiosk.ui.theme import current_palette


class SignaturePad(QWidget):
    """Draw with a finger or the mouse; ``png()`` gives the signature in black on white, or None if blank."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "signature")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setMinimumSize(320, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(translate("Kiosk", "Signature pad"))
        self._strokes: list[QPainterPath] = []

    def is_empty(self) -> bool:
        """True until something has been drawn."""
        return not self._strokes

    def clear(self) -> None:
        """Wipe the pad."""
        self._strokes.clear()
        self.update()
        self.changed.emit()

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        path = QPainterPath(event.position())
        # A tap with no movement still leaves a dot.
        path.lineTo(event.position() + QPointF(0.5, 0.5))
        self._strokes.append(path)
        self.update()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._strokes and event.buttons() & Qt.MouseButton.LeftButton:
            self._strokes[-1].lineTo(event.position())
            self.update()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.changed.emit()

    def _draw(self, painter: QPainter, colour) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(
            QPen(colour, 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        )
        for path in self._strokes:
            painter.drawPath(path)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        painter = QPainter(self)
        if self.is_empty():
            painter.setPen(QColor(current_palette().muted))
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, translate("Kiosk", "Sign here with your finger")
            )
        self._draw(painter, QColor(current_palette().text))
        painter.end()

    def png(self) -> bytes | None:
        """The signature as PNG bytes (black ink on white, whatever the theme), or None when blank."""
        if self.is_empty():
            return None
        image = QImage(self.size(), QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        self._draw(painter, QColor(Qt.GlobalColor.black))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub says bytes; PySide6 takes only str
        buffer.close()
        return bytes(data.data())
