"""The kiosk in the visitor's language: Qt's translators, the locale, the layout direction.

Every visible kiosk string is written ``translate("Kiosk", "…")`` so ``pyside6-lupdate`` extracts it
into ``resources/i18n/kiosk_<code>.ts`` under one context (``tools/i18n.py update`` refreshes them and
compiles the ``.qm`` files the kiosk loads; ``tests/gui/kiosk/test_i18n.py`` fails when they are stale).

Pages set their fixed words once, when they are built, in the source language (English). The first
time a language is applied to a window, :func:`remember_sources` notes each widget's English text; a
change of language then re-translates every widget still showing the words it was built with. Text a
page sets as it is shown (names, times, messages) is translated there and then, in the language of
the moment, so nothing from one visitor's language lingers for the next.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, QTranslator, Signal
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from kiosk.resources_path import resource_path

log = logging.getLogger(__name__)

CONTEXT = "Kiosk"
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Language:
    """A language the kiosk offers: its code, its own name for itself, and its script's direction."""

    code: str
    own_name: str  # what a speaker calls it, in its own script: the button on Welcome
    locale: str  # the QLocale name for dates and numbers
    right_to_left: bool = False


LANGUAGES: dict[str, Language] = {
    "en": Language("en", "English", "en_GB"),
    "cy": Language("cy", "Cymraeg", "cy_GB"),
    "pl": Language("pl", "Polski", "pl_PL"),
    "ur": Language("ur", "اردو", "ur_PK", right_to_left=True),
}


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Qt's translation of ``text`` (lupdate extracts calls spelled ``translate("Kiosk", "…")``)."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for extraction without translating it here (it is translated where it is shown)."""
    return text


# Sentences the services say to a visitor (kiosk.services.visits); the kiosk shows them translated.
# Services cannot use Qt, so their words are listed here for lupdate.
SERVICE_MESSAGES = frozenset(
    {
        QT_TRANSLATE_NOOP("Kiosk", "That badge was not recognised. Please ask at reception."),
        QT_TRANSLATE_NOOP("Kiosk", "That code was not recognised. Please ask at reception."),
        QT_TRANSLATE_NOOP("Kiosk", "You are already signed out. Thank you for visiting."),
        QT_TRANSLATE_NOOP("Kiosk", "That visit no longer exists."),
        QT_TRANSLATE_NOOP("Kiosk", "Please enter the name of the child you are collecting."),
        QT_TRANSLATE_NOOP("Kiosk", "Please say how you are related to the child."),
        QT_TRANSLATE_NOOP("Kiosk", "The Code of Conduct must be read and agreed to before signing in."),
        QT_TRANSLATE_NOOP(
            "Kiosk", "The Code of Conduct changed while you were reading it. Please read it again."
        ),
        QT_TRANSLATE_NOOP("Kiosk", "Please enter the first name."),
        QT_TRANSLATE_NOOP("Kiosk", "Please enter the surname."),
        QT_TRANSLATE_NOOP("Kiosk", "The first name must contain letters."),
        QT_TRANSLATE_NOOP("Kiosk", "The surname must contain letters."),
        QT_TRANSLATE_NOOP("Kiosk", "The first name contains characters that cannot be used."),
        QT_TRANSLATE_NOOP("Kiosk", "The surname contains characters that cannot be used."),
    }
)


def kiosk_message(text: str) -> str:
    """A service's sentence in the visitor's language where the kiosk knows it, else as the service said it."""
    return translate(CONTEXT, text) if text in SERVICE_MESSAGES else text


def qm_path(code: str) -> Path:
    """The compiled translation shipped for a language."""
    return resource_path("i18n", f"kiosk_{code}.qm")


# The English words each widget was built with: (text, placeholder, tool tip, accessible name).
_SOURCE = "i18n_source"
# What this module last put there, so text a page has since changed is left alone.
_SHOWN = "i18n_shown"


def _texts(widget: QWidget) -> tuple[str, str, str, str]:
    text = widget.text() if isinstance(widget, QLabel | QAbstractButton | QLineEdit) else ""
    placeholder = widget.placeholderText() if isinstance(widget, QLineEdit) else ""
    return text, placeholder, widget.toolTip(), widget.accessibleName()


def remember_sources(root: QWidget) -> None:
    """Note the English words of every widget under ``root`` (built while no translator is installed)."""
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.property(_SOURCE) is None:
            texts = _texts(widget)
            if any(texts):  # most widgets (layouts' hosts, frames) have no words at all
                widget.setProperty(_SOURCE, list(texts))
                widget.setProperty(_SHOWN, list(texts))


def _translated(source: str) -> str:
    """The translation of a widget's English words, keeping the spaces around them (an icon's gap)."""
    words = source.strip()
    if not words:
        return source
    start = source.index(words)
    return source[:start] + translate(CONTEXT, words) + source[start + len(words) :]


def retranslate(root: QWidget) -> None:
    """Show every remembered word under ``root`` in the language now installed."""
    for widget in [root, *root.findChildren(QWidget)]:
        source = widget.property(_SOURCE)
        shown = widget.property(_SHOWN)
        if source is None or shown is None:
            continue
        now = _texts(widget)
        new = [
            _translated(src) if current == was else current
            for src, was, current in zip(source, shown, now, strict=True)
        ]
        text, placeholder, tip, accessible = new
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit) and text != now[0]:
            widget.setText(text)
        if isinstance(widget, QLineEdit) and placeholder != now[1]:
            widget.setPlaceholderText(placeholder)
        if tip != now[2]:
            widget.setToolTip(tip)
        if accessible != now[3]:
            widget.setAccessibleName(accessible)
        widget.setProperty(_SHOWN, new)


# The translator in force for the whole application (Qt's translators are global): one language at a time.
_installed: list[QTranslator] = []


def _uninstall() -> None:
    while _installed:
        translator = _installed.pop()
        # One deleted with its window has already left the application (Qt's destructor removes it).
        if shiboken6.isValid(translator):
            QCoreApplication.removeTranslator(translator)


def use_source_language() -> None:
    """No translator, English dates: how a window must be built for :func:`remember_sources`."""
    _uninstall()
    QLocale.setDefault(QLocale(LANGUAGES[SOURCE_LANGUAGE].locale))


class LanguageSwitch(QObject):
    """Installs one language at a time in the application and re-translates the windows it serves.

    ``default`` is the school's language (``kiosk.language`` in the settings); ``reset()`` returns to
    it after each visitor. ``changed`` carries the code now in force.
    """

    changed = Signal(str)

    def __init__(self, default: str = SOURCE_LANGUAGE, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if default not in LANGUAGES:
            raise ValueError(f"unknown kiosk language {default!r}: choose one of {', '.join(LANGUAGES)}")
        self.default = default
        self.code = ""  # nothing installed yet: the windows were built in the source language
        self._roots: list[QWidget] = []
        self._unremembered: list[QWidget] = []  # windows whose English words are not noted yet
        self._extra: dict[str, tuple[Path, bool]] = {}

    def add_window(self, root: QWidget) -> None:
        """Serve a window built in English; it is shown in the current language from now on.

        Its words are noted on the first change away from English (not at start, where it would cost
        the kiosk's start-up a tenth of a second for schools that start in English).
        """
        self._roots.append(root)
        if self.code in ("", SOURCE_LANGUAGE):
            self._unremembered.append(root)
        else:
            remember_sources(root)
            retranslate(root)

    def add_language(self, code: str, qm: Path, *, right_to_left: bool = False) -> None:
        """Offer a language from another file (the tests' pseudo-locale)."""
        self._extra[code] = (qm, right_to_left)

    def reset(self) -> None:
        """Back to the school's language (the next visitor starts there)."""
        self.set_language(self.default)

    def set_language(self, code: str) -> None:
        """Install ``code``'s translation, locale and direction, and re-translate the windows."""
        if code == self.code:
            return
        if code in self._extra:
            path, rtl = self._extra[code]
            locale = QLocale(QLocale.Language.C)
        elif code in LANGUAGES:
            language = LANGUAGES[code]
            path, rtl = qm_path(code), language.right_to_left
            locale = QLocale(language.locale)
        else:
            raise ValueError(f"unknown kiosk language {code!r}: choose one of {', '.join(LANGUAGES)}")
        if code != SOURCE_LANGUAGE and self._unremembered:
            # Still English on screen: the words as built are the sources.
            for root in self._unremembered:
                remember_sources(root)
            self._unremembered.clear()
        _uninstall()  # this switch's, or one an earlier window left
        translator = QTranslator(self)
        if not translator.load(str(path)) and code != SOURCE_LANGUAGE:
            # Fail safe: the kiosk stays usable in English, and the log says why.
            log.error("kiosk translation %s could not be loaded from %s; showing English", code, path)
            code, rtl, locale = SOURCE_LANGUAGE, False, QLocale(LANGUAGES[SOURCE_LANGUAGE].locale)
            translator.load(str(qm_path(SOURCE_LANGUAGE)))
        # English has a file too: the plural forms of its numbered messages ("1 more try", "2 more tries").
        if not translator.isEmpty():
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
        QLocale.setDefault(locale)
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        for root in self._roots:
            root.setLayoutDirection(direction)
            if not any(root is other for other in self._unremembered):  # still as built: nothing to redo
                retranslate(root)
        self.code = code
        log.info("kiosk language: %s", code)
        self.changed.emit(code)


__all__ = [
    "CONTEXT",
    "SERVICE_MESSAGES",
    "LANGUAGES",
    "Language",
    "LanguageSwitch",
    "kiosk_message",
    "qm_path",
    "remember_sources",
    "retranslate",
    "translate",
    "use_source_language",
]
