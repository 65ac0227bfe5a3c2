"""The kiosk's translations: extract the strings into resources/i18n/*.ts, compile them to .qm, check both.

    python installer/translations.py update    # pyside6-lupdate: new strings into every .ts file
    python installer/translations.py compile   # pyside6-lrelease: every .ts to the .qm the kiosk loads
    python installer/translations.py check     # fails when a .ts or .qm is stale (what the tests run)
    python installer/translations.py pseudo OUT.qm   # every string marked and 30 % longer, for layout checks

The .qm files are committed beside the .ts files (the wheel and the PyInstaller bundle ship
resources/ as it is, so building them needs no Qt tools); `check` keeps them in step.
Translators edit the .ts files with Qt Linguist (`pyside6-linguist resources/i18n/kiosk_cy.ts`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
# Every file with a visible kiosk string. The first-start set-up (staff only) stays in English.
SOURCES = sorted(
    [p for p in (ROOT / "kiosk" / "ui" / "kiosk").glob("*.py") if p.name != "setup.py"]
    + [ROOT / "kiosk" / "ui" / "widgets" / name for name in ("keyboard.py", "hotspot.py", "signature.py")]
    + [ROOT / "kiosk" / "ui" / "i18n.py"]  # the services' sentences the kiosk shows
)
# English is the source language: its file holds only the plural forms ("1 more try", "2 more tries").
LANGUAGES = ("en", "cy", "pl", "ur")
TARGETS = {"en": "en_GB", "cy": "cy_GB", "pl": "pl_PL", "ur": "ur_PK"}


def tool(name: str) -> str:
    """A Qt tool from the PySide6 beside this Python (the venv's bin/), else on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"translations: {name} not found; install PySide6 in this Python")
    return found


def ts_path(code: str, folder: Path = I18N) -> Path:
    return folder / f"kiosk_{code}.ts"


def update(folder: Path = I18N) -> None:
    """Extract every string into each language's .ts (keeping the translations already there)."""
    folder.mkdir(parents=True, exist_ok=True)
    for code in LANGUAGES:
        args = [tool("pyside6-lupdate"), *map(str, SOURCES), "-locations", "none", "-no-obsolete"]
        args += [
            "-source-language",
            "en_GB",
            "-target-language",
            {"en": "en_GB", "cy": "cy_GB", "pl": "pl_PL", "ur": "ur_PK"}[code],
        ]
        if code == "en":
            args.append("-pluralonly")
        subprocess.run([*args, "-ts", str(ts_path(code, folder))], check=True, capture_output=True, text=True)


def compile_qm(folder: Path = I18N, out: Path | None = None) -> None:
    """Compile each .ts in ``folder`` to a .qm in ``out`` (default: beside it)."""
    out = out or folder
    for ts in sorted(folder.glob("kiosk_*.ts")):
        qm = out / ts.with_suffix(".qm").name
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


PSEUDO_OPEN, PSEUDO_CLOSE = "[", "]"
_ACCENTS = str.maketrans("AaCcEeGgIiLlNnOoSsUuYyZz", "ÀàÇçÉéĜĝÎîĹĺÑñÖöŠšÜüÝýŽž")
_KEEP = re.compile(r"(\{\d+\}|%n|\n)")


def pseudo_text(source: str) -> str:
    """A source string marked and 30 % longer, its placeholders ({0}, %n) and line breaks intact.

    "Sign in" -> "[Šíĝñ íñ Šíĝ]": every letter changed (so an untranslated string shows), brackets
    round it (so a string cut short shows), and padding from its own letters (so a layout that
    only just fits English shows).
    """
    parts = _KEEP.split(source)
    marked = "".join(part if _KEEP.fullmatch(part) else part.translate(_ACCENTS) for part in parts)
    letters = [ch for part in parts if not _KEEP.fullmatch(part) for ch in part.translate(_ACCENTS)]
    extra = -(-len(source) * 3 // 10)  # ceil(30 %)
    pad = "".join(letters[i % len(letters)] for i in range(extra)) if letters else ""
    return f"{PSEUDO_OPEN}{marked} {pad}{PSEUDO_CLOSE}" if pad else f"{PSEUDO_OPEN}{marked}{PSEUDO_CLOSE}"


def write_pseudo(out_qm: Path) -> Path:
    """Compile a pseudo-locale from the English sources of every message (the tests' check of 1)."""
    import xml.etree.ElementTree as ET

    tree = ET.parse(ts_path("cy"))  # every message is in every language's file; Welsh has them all
    root = tree.getroot()
    root.set("language", "en_GB")  # two plural forms
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            for form in list(translation):
                translation.remove(form)
            for _ in range(2):
                ET.SubElement(translation, "numerusform").text = pseudo_text(source)
        else:
            translation.text = pseudo_text(source)
    ts = out_qm.with_suffix(".ts")
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(out_qm)], check=True)
    return out_qm


def stale() -> list[str]:
    """What is out of date: a .ts lupdate would change, a .qm lrelease would change, one missing."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp)
        for code in LANGUAGES:
            if ts_path(code).is_file():
                shutil.copy(ts_path(code), ts_path(code, fresh))
            else:
                problems.append(f"{ts_path(code).relative_to(ROOT)} is missing")
        update(fresh)
        for code in LANGUAGES:
            if ts_path(code).is_file() and ts_path(code, fresh).read_bytes() != ts_path(code).read_bytes():
                problems.append(
                    f"{ts_path(code).relative_to(ROOT)} is stale: run installer/translations.py update"
                )
        compile_qm(I18N, fresh)
        for code in LANGUAGES:
            qm = I18N / f"kiosk_{code}.qm"
            if not qm.is_file() or qm.read_bytes() != (fresh / qm.name).read_bytes():
                problems.append(f"{qm.relative_to(ROOT)} is stale: run installer/translations.py compile")
    return problems


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "update":
        update()
    elif command == "compile":
        compile_qm()
    elif command == "pseudo" and len(argv) == 2:
        print(write_pseudo(Path(argv[1]).resolve()))
    elif command == "check":
        problems = stale()
        for line in problems:
            print(f"translations: {line}", file=sys.stderr)
        return 1 if problems else 0
    else:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
