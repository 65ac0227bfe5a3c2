"""What a language costs the kiosk: noting the window's words at start, and a tap on a language button.

    python benchmarks/bench_language_switch.py [--rounds 20]

In one process (offscreen, the demo database): builds the kiosk window, then times
what the language switch adds to start-up, ``remember_sources`` over the whole window (done once,
at the first change of language), and a switch English -> Welsh ->
English as the Welcome buttons do it (translator, locale, every remembered word). The reference, measured
in the same run, is restyling the Welcome page for "Larger text" (apply_theme on one page), the other
thing a visitor's tap on Welcome does. Prints milliseconds (median of the rounds) and the ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from PySide6.QtWidgets import QApplication, QWidget

    from kiosk.app import build_app
    from kiosk.config import Settings
    from kiosk.demo import make_demo
    from kiosk.ui.i18n import remember_sources
    from kiosk.ui.kiosk.main import build_kiosk_window
    from kiosk.ui.theme import apply_theme

    app = QApplication([])
    db, folder = make_demo(Path(tempfile.mkdtemp(prefix="kiosk-bench-lang-")))
    settings = Settings(database_url=f"sqlite:///{db}")
    settings.printing.folder = str(folder / "badges")
    services = build_app(settings)
    try:
        window = build_kiosk_window(services)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        widgets = len(window.findChildren(QWidget))

        def timed(work) -> float:
            runs = []
            for _ in range(args.rounds):
                t = time.perf_counter()
                work()
                app.processEvents()
                runs.append((time.perf_counter() - t) * 1000)
            return statistics.median(runs)

        def fresh_sources() -> None:
            for w in [window, *window.findChildren(QWidget)]:
                w.setProperty("i18n_source", None)
            remember_sources(window)

        def switch() -> None:
            window.languages.set_language("cy")
            window.languages.set_language("en")

        modes = [False]

        def restyle() -> None:
            modes[0] = not modes[0]
            apply_theme(app, settings, large_text=modes[0], widget=window.welcome)

        from kiosk.ui.i18n import LanguageSwitch

        def at_start() -> None:
            # What build_kiosk_window adds for a school that starts in English.
            languages = LanguageSwitch("en", parent=window)
            languages.add_window(window)
            languages.reset()
            languages.deleteLater()

        start = timed(at_start)
        remember = timed(fresh_sources)
        both = timed(switch) / 2
        reference = timed(restyle)
        print(f"widgets in the kiosk window: {widgets}")
        print(f"at start, a school in English: {start:.1f} ms")
        print(f"remember_sources (once, on the first change of language): {remember:.1f} ms")
        print(f"one language switch (tap on Cymraeg): {both:.1f} ms")
        print(f"reference, Larger text restyle of Welcome: {reference:.1f} ms")
        print(f"ratio switch / reference: {both / reference:.2f}")
        window.close()
        window.deleteLater()
        app.processEvents()
    finally:
        services.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
