"""Every kiosk screen in every language: each visible string translated, none cut short, Urdu mirrored.

The pseudo-locale (installer/translations.py: every string marked ``[…]``, its letters changed and
30 % longer) finds a string lupdate did not extract (no mark) and a layout that only fits English
(wider than its widget). The shipped languages are checked for fit the same way.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QLabel, QLineEdit, QWidget

from kiosk.demo import seed
from kiosk.domain.model import PersonType
from kiosk.ui.i18n import qm_path, translate, use_source_language
from kiosk.ui.kiosk.flow import Step
from kiosk.ui.ops import wait_for_ops

ROOT = Path(__file__).resolve().parents[3]


def _translations_tool():
    spec = importlib.util.spec_from_file_location(
        "kiosk_translations", ROOT / "installer" / "translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("kiosk_translations", module)
    spec.loader.exec_module(module)
    return module


TOOL = _translations_tool()
# Text that is not the kiosk's words: the school's name, the time and date, letters on the keys,
# each language's own name, what a visitor typed.
NOT_WORDS = {"school", "headertitle", "clock", "headerclock", "date", "key"}


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.isVisible()


def _inside_scroll_area(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _words(widget: QWidget) -> str:
    if isinstance(widget, QLineEdit):
        return "" if widget.text() else widget.placeholderText()
    if isinstance(widget, QLabel | QAbstractButton):
        return widget.text()
    return ""


def screen_problems(window, *, marked: bool) -> list[str]:
    """What a person would see wrong on the page on show: words not translated, cut short or off screen."""
    problems: list[str] = []
    exempt = {id(window.policy_page.reminder_text)}  # the school's own policy words
    # The key of accented letters shows letters, not words.
    exempt |= {id(k.accents_key) for k in window.findChildren(QWidget) if hasattr(k, "accents_key")}
    page = window.stack.currentWidget()
    overlays = [w for w in (window.still_there, window.toast) if w.isVisible()]
    area = window.rect()
    for root in [page, *overlays]:
        for widget in [root, *root.findChildren(QWidget)]:
            if not _shown(widget, window) or id(widget) in exempt:
                continue
            text = _words(widget)
            if not any(ch.isalpha() for ch in text) or text.startswith("•"):  # "•••• CDE": a masked value
                continue
            if widget.property("role") in NOT_WORDS or widget.property("i18n_own_name"):
                continue
            where = f"{widget.metaObject().className()} {text!r}"
            if marked and not isinstance(widget, QLineEdit) and TOOL.PSEUDO_OPEN not in text:
                problems.append(f"not translated: {where}")
            if marked and isinstance(widget, QLineEdit) and TOOL.PSEUDO_OPEN not in text:
                problems.append(f"placeholder not translated: {where}")
            if marked and TOOL.PSEUDO_OPEN in text and not text.rstrip().endswith(TOOL.PSEUDO_CLOSE):
                problems.append(f"a translation joined to other words: {where}")
            top_left = widget.mapTo(window, QPoint(0, 0))
            box = QRect(top_left, widget.size())
            if not _inside_scroll_area(widget, window) and not area.contains(box):
                problems.append(f"off the screen ({box.getRect()}): {where}")
            metrics = widget.fontMetrics()
            if isinstance(widget, QLabel):
                inner = widget.contentsRect()
                if widget.wordWrap():
                    # heightForWidth takes and gives the whole label's size, padding included.
                    if widget.heightForWidth(widget.width()) > widget.height() + 2:
                        problems.append(
                            f"cut off at the bottom ({widget.width()}x{widget.height()}): {where}"
                        )
                else:
                    widest = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
                    if widest > inner.width() + 1:
                        problems.append(f"wider than its label ({widest} > {inner.width()}): {where}")
            elif isinstance(widget, QLineEdit):
                # Qt cuts a placeholder that does not fit with "…"; 12 px for the frame and the cursor.
                room = (
                    widget.contentsRect().width() - widget.textMargins().left() - widget.textMargins().right()
                )
                if metrics.horizontalAdvance(text) > room - 12:
                    problems.append(
                        f"placeholder cut short ({metrics.horizontalAdvance(text)} > {room - 12}): {where}"
                    )
            elif isinstance(widget, QAbstractButton):
                if widget.sizeHint().width() > widget.width() + 1:
                    problems.append(
                        f"wider than its button ({widget.sizeHint().width()} > {widget.width()}): {where}"
                    )
    if window.size().width() != 1280 or window.size().height() != 800:
        needs = page.minimumSizeHint()
        wide = [
            f"{w.metaObject().className()} {_words(w)[:40]!r} {w.minimumSizeHint().width()}"
            for w in page.findChildren(QWidget)
            if _shown(w, window) and _words(w) and w.minimumSizeHint().width() > 150
        ]
        problems.append(
            f"the page made the window {window.width()}x{window.height()} (it needs {needs.width()}x"
            f"{needs.height()}; widest: {', '.join(wide) or 'no one widget'})"
        )
    return problems


@pytest.fixture(autouse=True)
def _english_after():
    """Qt's translator and default locale are the application's: the next test starts in English."""
    yield
    use_source_language()


@pytest.fixture
def pseudo_qm(tmp_path) -> Path:
    return TOOL.write_pseudo(tmp_path / "kiosk_pseudo.qm")


def _every_screen(make_kiosk, services, language: str, qm: Path | None):
    from kiosk.ui.screenshots import kiosk_scenes

    seed(services)
    window = make_kiosk(idle_timeout_ms=3_600_000)
    ctrl = window.controller
    for step in ctrl.auto_return_ms:
        ctrl.auto_return_ms[step] = 3_600_000
    if qm is not None:
        window.languages.add_language(language, qm)
    window.languages.default = language
    window.languages.reset()
    for scene in kiosk_scenes(services):
        window.resize(1280, 800)  # a page that grew the window is reported once, not on every page after it
        scene.prepare(window, ctrl)
        wait_for_ops()
        yield scene.name, window
        window.still_there.cancel()
        window.toast.hide()
    ctrl.go_home()


def test_every_kiosk_string_is_extracted_and_fits_when_30_percent_longer(
    qtbot, make_kiosk, sqlite_services, pseudo_qm
):
    found: list[str] = []
    for name, window in _every_screen(make_kiosk, sqlite_services, "pseudo", pseudo_qm):
        qtbot.wait(1)
        found += [f"{name}: {line}" for line in screen_problems(window, marked=True)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("code", ["cy", "pl", "ur"])
def test_every_kiosk_screen_fits_in_each_shipped_language(qtbot, make_kiosk, sqlite_services, code):
    found: list[str] = []
    for name, window in _every_screen(make_kiosk, sqlite_services, code, None):
        qtbot.wait(1)
        found += [f"{name}: {line}" for line in screen_problems(window, marked=False)]
        if code == "ur":
            assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft, name
    assert not found, "\n".join(found)


def test_translation_files_are_up_to_date_and_complete():
    assert TOOL.stale() == []
    import xml.etree.ElementTree as ET

    for code in ("cy", "pl", "ur"):
        root = ET.parse(TOOL.ts_path(code)).getroot()
        for message in root.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            assert translation is not None
            forms = [f.text for f in translation.findall("numerusform")] or [translation.text]
            assert all(forms), f"kiosk_{code}.ts has no translation for {source!r}"
            assert "native speaker" in (message.findtext("translatorcomment") or ""), source
        assert qm_path(code).is_file()


def test_a_visitor_chooses_welsh_and_the_next_visitor_starts_in_english(qtbot, make_kiosk):
    from tests.gui.kiosk.conftest import Visitor

    window = make_kiosk()
    visitor = Visitor(qtbot, window)
    buttons = window.welcome.language_buttons
    assert [b.text().strip() for b in buttons.values()] == ["English", "Cymraeg", "Polski", "اردو"]
    assert buttons["en"].isChecked()
    visitor.tap(buttons["cy"])
    assert window.welcome.sign_in_button.text().strip() == "Llofnodi i mewn"
    assert window.welcome.greeting.text() == "Croeso"
    assert buttons["cy"].isChecked()
    assert QLocale().language() == QLocale.Language.Welsh
    visitor.tap(window.welcome.sign_in_button)
    visitor.sees(Step.TYPE)
    assert "Pwy ydych chi heddiw?" in visitor.screen_text()
    visitor.tap(window.type_page.tiles[PersonType.VISITOR])
    visitor.sees(Step.NAME)
    assert "Beth yw eich enw?" in visitor.screen_text()
    # The visitor walks away: the next one starts in the school's language.
    visitor.tap(window.name_page.back_button)
    visitor.sees(Step.TYPE)
    window.controller.go_home()
    visitor.sees(Step.WELCOME)
    assert window.welcome.sign_in_button.text().strip() == "Sign in"
    assert buttons["en"].isChecked()
    assert translate("Kiosk", "Welcome") == "Welcome"


def test_a_school_in_wales_starts_in_welsh(qtbot, tmp_path, printer, clock):
    from tests.conftest import _build

    services = _build(f"sqlite:///{tmp_path / 'cy.db'}", printer, clock=clock, kiosk={"language": "cy"})
    try:
        from kiosk.ui.kiosk.main import build_kiosk_window

        window = build_kiosk_window(services)
        qtbot.addWidget(window)
        assert window.welcome.greeting.text() == "Croeso"
        assert window.welcome.language_buttons["cy"].isChecked()
        window.welcome.language_buttons["pl"].click()
        assert window.welcome.greeting.text() == "Witamy"
        window.controller.go_home()
        assert window.welcome.greeting.text() == "Croeso"
        window.languages.set_language("en")
        wait_for_ops()
    finally:
        services.dispose()


def test_urdu_mirrors_the_screens_but_the_keyboard_types_latin_letters(qtbot, make_kiosk):
    from tests.gui.kiosk.conftest import Visitor

    window = make_kiosk()
    visitor = Visitor(qtbot, window)
    page = window.name_page

    def next_arrow():
        return page.next_button.icon().pixmap(QSize(32, 32)).toImage()

    english_arrow = next_arrow()
    visitor.tap(window.welcome.language_buttons["ur"])
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    visitor.start_sign_in()
    assert page.title.text() == "آپ کا نام کیا ہے؟"
    # Mirrored: the page's Next button is now on the left of Back, and its arrow points left.
    assert page.next_button.mapTo(window, QPoint(0, 0)).x() < page.back_button.mapTo(window, QPoint(0, 0)).x()
    assert english_arrow != english_arrow.flipped(Qt.Orientation.Horizontal)  # an arrow has a direction
    assert next_arrow() == english_arrow.flipped(Qt.Orientation.Horizontal)
    keyboards = [w for w in page.findChildren(QWidget) if type(w).__name__ == "OnScreenKeyboard"]
    assert keyboards and all(k.layoutDirection() == Qt.LayoutDirection.LeftToRight for k in keyboards)
    visitor.give_name("Priya", "Shah")
    visitor.sees(Step.DETAILS)
    assert window.controller.flow.first_name == "Priya"
    # The Arabic-script face ships with the app and is registered with Qt.
    assert "Noto Naskh Arabic" in QFontDatabase.families(QFontDatabase.WritingSystem.Arabic)
    window.controller.go_home()
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert next_arrow() == english_arrow
