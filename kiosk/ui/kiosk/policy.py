"""The Code of Conduct page: read to the end, then agree (optionally signing with a finger)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QHBoxLayout, QScroller, QTextBrowser, QWidget

from kiosk.domain.model import PolicyVersion
from kiosk.ui.i18n import translate
from kiosk.ui.kiosk.common import Page
from kiosk.ui.widgets.icons import make_button
from kiosk.ui.widgets.signature import SignaturePad
from kiosk.ui.widgets.text import label

if TYPE_CHECKING:
    from kiosk.config import Settings

# Pixels from the bottom that still count as "read to the end" (the last line fully in view).
END_SLACK = 4


def tidy_document(doc: QTextDocument, base_px: int) -> None:
    """Give Markdown paragraphs room to breathe and headings sizes a reader can take in at arm's length.

    Qt's Markdown import sets no space between paragraphs and very large headings; both are fixed
    here on the document's blocks rather than by a style sheet, which Markdown import ignores.
    """
    heading_px = {1: round(base_px * 1.5), 2: round(base_px * 1.3), 3: round(base_px * 1.15)}
    cursor = QTextCursor(doc)
    block = doc.begin()
    while block.isValid():
        fmt = block.blockFormat()
        level = fmt.headingLevel()
        fmt.setBottomMargin(base_px * 0.6 if level == 0 else base_px * 0.4)
        if level:
            fmt.setTopMargin(base_px * 0.8)
        cursor.setPosition(block.position())
        cursor.setBlockFormat(fmt)
        if level:
            cursor.setPosition(block.position() + max(block.length() - 1, 0), QTextCursor.MoveMode.KeepAnchor)
            chars = QTextCharFormat()
            chars.setProperty(QTextFormat.Property.FontSizeAdjustment, 0)
            # Document fonts are sized in points; 0.75 pt per pixel at the 96 dpi Qt assumes for screens.
            chars.setFontPointSize(heading_px.get(level, base_px) * 0.75)
            chars.setFontWeight(QFont.Weight.Bold)
            cursor.mergeCharFormat(chars)
        block = block.next()


class PolicyPage(Page):
    """Shows the current policy (Markdown) and, for collectors, the short reminder.

    "I have read and agree" is enabled only once the text has been scrolled to its end. With only
    the reminder to show (a collector who agreed to this version before) the button reads "I understand".
    """

    agreed = Signal(object)  # signature PNG bytes or None
    declined = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(settings, parent=parent)
        self.title = label(translate("Kiosk", "Please read our Code of Conduct"), "title")
        self.body.addWidget(self.title)
        self.reminder = QWidget()
        self.reminder_text = label("", "notice")
        self.reminder_text.setTextFormat(Qt.TextFormat.MarkdownText)
        reminder_layout = QHBoxLayout(self.reminder)
        reminder_layout.setContentsMargins(0, 0, 0, 0)
        reminder_layout.addWidget(self.reminder_text)
        self.body.addWidget(self.reminder)
        # Shown when the visitor chose a language the school has not translated this version into.
        self.untranslated = label(
            translate(
                "Kiosk",
                "This Code of Conduct has not been translated into your language yet, so it is shown "
                "in English. If you would like help with it, please ask at reception.",
            ),
            "notice",
        )
        self.untranslated.hide()
        self.body.addWidget(self.untranslated)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setOpenExternalLinks(False)
        self.text.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.text.setAccessibleName(translate("Kiosk", "Code of Conduct"))
        # Finger scrolling: drag the text like a phone.
        QScroller.grabGesture(self.text.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self.body.addWidget(self.text, 1)

        self.signature_row = QWidget()
        sig = QHBoxLayout(self.signature_row)
        sig.setContentsMargins(0, 0, 0, 0)
        sig.setSpacing(16)
        self.signature_label = label(translate("Kiosk", "Your signature (optional):"), "body", wrap=True)
        self.signature_label.setFixedWidth(220)
        self.signature = SignaturePad()
        self.signature.setFixedHeight(130)
        self.clear_signature = make_button(translate("Kiosk", "Clear"), "quiet", "fa5s.eraser", icon_px=20)
        sig.addWidget(self.signature_label)
        sig.addWidget(self.signature, 1)
        sig.addWidget(self.clear_signature)
        self.body.addWidget(self.signature_row)
        self.signature_row.setVisible(settings.kiosk.signature_pad)

        self.decline_button = make_button(translate("Kiosk", "I do not agree"), "secondary", "fa5s.times")
        self.more_button = make_button(translate("Kiosk", "Scroll down"), "secondary", "fa5s.arrow-down")
        self.hint = label(translate("Kiosk", "Please read to the end to continue."), "hint", wrap=True)
        self.agree_button = make_button(translate("Kiosk", "I have read and agree"), "primary", "fa5s.check")
        self.agree_button.setMinimumWidth(340)
        # The hint sits above the buttons, so three buttons 30 % longer than English still fit 1280 px.
        self.hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.body.addWidget(self.hint)
        self.footer.addWidget(self.decline_button)
        self.footer.addStretch(1)
        self.footer.addWidget(self.more_button)
        self.footer.addWidget(self.agree_button)
        self.add_footer()
        self.policy: PolicyVersion | None = None
        self.full = True
        self._read_to_end = False
        # The policy text and font size the browser holds laid out: the same Code for the next visitor
        # is only scrolled back to the top (setMarkdown and tidying take ~100 ms on a slow core).
        self._laid_out: tuple[str, int] | None = None
        self._connect_signals()

    def _connect_signals(self) -> None:
        bar = self.text.verticalScrollBar()
        bar.valueChanged.connect(self._check_end)
        bar.rangeChanged.connect(lambda *_: self._check_end())
        self.more_button.clicked.connect(self.page_down)
        self.decline_button.clicked.connect(self.declined)
        self.agree_button.clicked.connect(self._agree)
        self.clear_signature.clicked.connect(self.signature.clear)

    def load(
        self,
        policy: PolicyVersion,
        *,
        full: bool,
        reminder: bool,
        signature_pad: bool,
        visitor_language: str = "en",
    ) -> None:
        """Show the policy (``full``) and/or the collector reminder, scrolled to the top.

        ``policy`` is in the visitor's language where the school translated it; when it is not (the
        English shown to a visitor who chose Welsh), one line in their language says so.
        """
        self.policy, self.full = policy, full
        # A paragraph in Urdu runs right to left by itself (Qt reads the direction from the text).
        self.untranslated.setVisible(visitor_language != policy.language)
        self._fit_notice()
        self._read_to_end = not full
        self.reminder_text.setText(policy.collector_reminder if reminder else "")
        self.reminder.setVisible(reminder and bool(policy.collector_reminder.strip()))
        self.text.setVisible(full)
        self.signature_row.setVisible(full and signature_pad)
        self.signature.clear()
        if full:
            self.title.setText(translate("Kiosk", "Please read our Code of Conduct"))
            px = self.text.font().pixelSize() or 24
            if self._laid_out != (policy.text, px):
                self.text.setMarkdown(policy.text)
                tidy_document(self.text.document(), px)
                self._laid_out = (policy.text, px)
            # The browser's own cursor must sit at the start, or Qt scrolls to keep it in view at the end.
            self.text.moveCursor(QTextCursor.MoveOperation.Start)
            self.text.verticalScrollBar().setValue(0)
            self.agree_button.setText(translate("Kiosk", "I have read and agree"))
        else:
            self.title.setText(translate("Kiosk", "Before you collect"))
            self.text.clear()
            self._laid_out = None
            self.agree_button.setText(translate("Kiosk", "I understand"))
        self.decline_button.setVisible(full)
        # At least as wide as its words in the visitor's language (the 340 px minimum is for English).
        self.agree_button.setMinimumWidth(max(340, self.agree_button.sizeHint().width()))
        self._update_buttons()

    def page_down(self) -> None:
        """Scroll one screenful (for visitors who do not think to swipe)."""
        bar = self.text.verticalScrollBar()
        bar.setValue(bar.value() + max(bar.pageStep() - 40, 40))

    def _check_end(self) -> None:
        if self.full and self.text.isVisible() and self._at_end():
            self._read_to_end = True
        self._update_buttons()

    def _at_end(self) -> bool:
        bar = self.text.verticalScrollBar()
        if bar.maximum() > 0:
            return bar.value() >= bar.maximum() - END_SLACK
        # No scroll range yet: either the text fits, or it has not been laid out at the browser's width.
        doc, viewport = self.text.document(), self.text.viewport()
        laid_out = viewport.width() > 100 and abs(doc.textWidth() - viewport.width()) < 2
        return laid_out and doc.size().height() <= viewport.height()

    def _update_buttons(self) -> None:
        self.agree_button.setEnabled(self._read_to_end)
        self.more_button.setVisible(not self._read_to_end)
        self.hint.setVisible(not self._read_to_end)

    @property
    def read_to_end(self) -> bool:
        """Whether the visitor has scrolled to the end of the policy."""
        return self._read_to_end

    def _agree(self) -> None:
        if self._read_to_end:
            self.agreed.emit(self.signature.png() if self.signature_row.isVisible() else None)

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        if not busy:
            self._update_buttons()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._fit_notice()
        # The scroll range is known only once laid out; a policy shorter than the screen is read already.
        self._check_end()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_notice()

    def _fit_notice(self) -> None:
        # A wrapped label is given the height of its shortest layout, not of its width: three lines of
        # Welsh would be cut to two. Its height follows its width here; the policy text gives way.
        notice = self.untranslated
        if notice.isVisible() and notice.width() > 0:
            notice.setMinimumHeight(notice.heightForWidth(notice.width()))

    def clear(self) -> None:
        # The Code's own text stays laid out for the next visitor (it is nobody's data); what this
        # visitor did with it (their signature, how far they read) goes.
        self.policy = None
        self.reminder_text.clear()
        self.signature.clear()
        self._read_to_end = False
