"""The layer rule: import-linter contracts in pyproject.toml must hold."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_hold():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert exe, "import-linter is part of the test extra"
    r = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "broken" not in r.stdout.lower() or "0 broken" in r.stdout.lower()


def _layers_contract() -> list[str]:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    return [name.strip() for layer in contract["layers"] for name in layer.split("|")]


def test_every_package_and_module_of_kiosk_has_a_layer():
    """A new package or top-level module must be placed in the layers contract, or it is unconstrained."""
    placed = set(_layers_contract())
    package = ROOT / "kiosk"
    found = {f"kiosk.{p.name}" for p in package.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    found |= {f"kiosk.{p.stem}" for p in package.glob("*.py") if p.stem != "__init__"}
    assert found - placed == set(), f"place these in the layers contract in pyproject.toml: {found - placed}"
    assert placed - found == set(), f"the layers contract names what does not exist: {placed - found}"


# How many modules mypy still lets off (pyproject.toml, "not yet type-clean"). Lower it when one is fixed;
# never raise it: new code is type-checked.
NOT_TYPE_CLEAN = 14


def test_the_list_of_modules_not_yet_type_clean_only_shrinks():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    excused = [
        m
        for o in config["tool"]["mypy"]["overrides"]
        if o.get("ignore_errors")
        for m in ([o["module"]] if isinstance(o["module"], str) else o["module"])
    ]
    assert len(excused) <= NOT_TYPE_CLEAN, "a module was added to mypy's exceptions: type-check it instead"
    assert len(excused) == NOT_TYPE_CLEAN, f"{NOT_TYPE_CLEAN - len(excused)} fixed: lower NOT_TYPE_CLEAN"
    assert not any(m.startswith(("kiosk.domain", "kiosk.screening")) for m in excused)
