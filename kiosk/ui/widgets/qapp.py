"""The running QApplication, typed: ``QApplication.instance()`` is a ``QCoreApplication | None``."""

from __future__ import annotations

import linecache
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication


def _read_sources_without_keeping_them() -> bool:
    """PySide6 asks of every module imported whether its source mentions "PySide6" (for ``__feature__``),
    through ``inspect.getsource``, which keeps every file's lines in ``linecache``: about 10 MB of the
    kiosk's memory for text nobody reads. The same question is answered here from the file's bytes, kept
    nowhere; a module without a ``.py`` file gets PySide6's own answer. False if PySide6 has no such hook.
    """
    import sys

    feature = sys.modules.get("shibokensupport.feature")
    upstream = getattr(feature, "_mod_uses_pyside", None)
    if upstream is None:
        return False
    if getattr(upstream, "kiosk_reads_bytes", False):
        return True

    def uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return upstream(module)
        try:
            with open(path, "rb") as fh:
                return b"PySide6" in fh.read()
        except OSError:
            return upstream(module)

    uses_pyside.kiosk_reads_bytes = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]
    return True


PYSIDE_SOURCES_UNCACHED = _read_sources_without_keeping_them()


def running_app() -> QApplication:
    """The application every widget lives in (it is made before the first widget)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("no QApplication is running")
    return app


def app_for(argv: Sequence[str]) -> QApplication:
    """The running application, or a new one made with ``argv`` when there is none yet."""
    if QApplication.instance() is None:
        return QApplication(list(argv))
    return running_app()


def release_memory(*, settle: bool = False) -> None:
    """Give back what start-up and big transient work (the warm-up, the first badge's layout stack) left.

    PySide6's import hook reads the source of every module imported after it (to see whether the module
    uses PySide6), and the lines stay in ``linecache``: about 10 MB of text once the kiosk is up. They are
    dropped (a traceback reads them again if it needs them). Then the garbage with reference cycles a
    sign-in leaves is collected at once: left to Python's own schedule, the oldest generation is collected
    only when it has grown by a quarter (tens of thousands of objects), so a sign-in's cycles stayed in
    memory for many visitors and the kiosk's memory grew in steps. The screening engine's memo caches
    are emptied once they pass their budget (each visitor's name adds to them). Last, glibc hands its free heap back to
    the system (kiosk.platform.trim_memory; nothing on other systems).

    ``settle`` (once the kiosk is up and warmed): what start-up built and keeps for the day (modules, the
    pages, the screening index) is moved out of the collector's sight (``gc.freeze``), so each later
    collection, this one's and Python's own, looks only at what was made since: a few milliseconds, not
    the ~150,000 objects of the running kiosk on every full collection.
    """
    import gc
    import sys

    from kiosk import platform

    linecache.clearcache()
    # The screening engine's memo caches, kept within their budget (kiosk.screening.caches).
    if "kiosk.screening" in sys.modules:
        from kiosk.screening import trim_caches

        trim_caches()
    gc.collect()
    if settle:
        gc.freeze()
    platform.trim_memory()
