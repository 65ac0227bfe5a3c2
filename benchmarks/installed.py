"""The environment of a child process that runs the kiosk as an installed one does: with its bytecode.

pip compiles an installed package's modules, and the PyInstaller bundle ships them compiled, so a real
kiosk, console or command never compiles its own source at start. A shell (this one, a CI runner) may
set ``PYTHONDONTWRITEBYTECODE``, and a source checkout then compiles every kiosk module from source on
every start: about a second on these machines, which a benchmark of a fresh process would count as the
program's own time (`kiosk visits export` read 4-6x a plain SQL join with it, under 2x without). The
children keep their bytecode in a folder of the benchmark's own (``PYTHONPYCACHEPREFIX``), filled by an
unmeasured first run; the checkout is left as it is.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def compiled_env(folder: Path) -> dict[str, str]:
    """This process's environment for a child that reads and writes compiled bytecode under
    ``folder``/pycache, as an installed program has it."""
    out = dict(os.environ)
    out.pop("PYTHONDONTWRITEBYTECODE", None)
    out["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return out


# Every module the kiosk's window and a sign-in load (its badge stack included).
WARM_BYTECODE = (
    "import kiosk.app, kiosk.ui.kiosk.main, kiosk.ui.kiosk.controller, kiosk.ui.console.main, "
    "kiosk.printing.badge, kiosk.screening"
)


def warmed_env(folder: Path) -> dict[str, str]:
    """compiled_env(folder), its bytecode already written for every module of WARM_BYTECODE (an unmeasured
    import, from the checkout's root), so the measured child compiles nothing."""
    env = compiled_env(folder)
    subprocess.run(
        [sys.executable, "-c", WARM_BYTECODE], cwd=Path(__file__).resolve().parent.parent, env=env, check=True
    )
    return env
