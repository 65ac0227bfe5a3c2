"""Saving the printers chosen in the console into the user's settings file (kiosk.toml, [printing]).

Only the two keys are written (``printer``, ``report_printer``); the rest of the file, comments
included, stays as it was. The programs read the new printer when they next start.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

from kiosk.config import ConfigError

KEYS = {"badge": "printer", "report": "report_printer"}


def save_printer_choice(path: Path, kind: str, name: str) -> None:
    """Set [printing] printer (kind "badge") or report_printer (kind "report") in the TOML file."""
    key = KEYS[kind]
    value = f"{key} = {json.dumps(name, ensure_ascii=False)}"  # a TOML basic string
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if ln.strip() == "[printing]"), None)
    if start is None:
        lines += ([""] if lines and lines[-1].strip() else []) + ["[printing]", value]
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("[")), len(lines))
        pattern = re.compile(rf"^\s*{key}\s*=")
        at = next((i for i in range(start + 1, end) if pattern.match(lines[i])), None)
        if at is None:
            lines.insert(start + 1, value)
        else:
            lines[at] = value
    new = "\n".join(lines) + "\n"
    try:
        tomllib.loads(new)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: the printer could not be saved ({exc}); fix the file by hand") from exc
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(new, encoding="utf-8")
    tmp.replace(path)  # whole or not at all
