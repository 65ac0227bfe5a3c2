"""The settings files and KIOSK_* variables as plain data: read and layered, not yet validated.

kiosk.config validates these layers into typed settings (with pydantic). This module needs only
``tomllib``, so the visitor kiosk can read its school's name, colour and language for the first paint
of Welcome before the validation library is even imported (kiosk.ui.kiosk.start).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from kiosk.domain.errors import KioskError
from kiosk.platform import system_config_path, user_config_dir

# /etc/kiosk/kiosk.toml, or %ProgramData%\Kiosk\kiosk.toml on Windows (kiosk.platform).
SYSTEM_CONFIG = system_config_path()
ENV_PREFIX = "KIOSK_"


class ConfigError(KioskError):
    """A setting has a value the kiosk cannot use."""


def user_config_path() -> Path:
    """The user's kiosk.toml; KIOSK_CONFIG overrides it."""
    override = os.environ.get(f"{ENV_PREFIX}CONFIG")
    if override:
        return Path(override)
    return user_config_dir() / "kiosk.toml"


def read_toml(path: Path) -> dict[str, Any]:
    """One settings file's table ({} when there is none); ConfigError saying what is wrong with it."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix or remove the file") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path}: not UTF-8 text (byte {exc.start} cannot be read); save it as UTF-8, or remove the file"
        ) from None
    except IsADirectoryError:
        raise ConfigError(
            f"{path}: is a folder, not a settings file; remove it or point KIOSK_CONFIG elsewhere"
        ) from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror})") from exc


def env_layer(environ: dict[str, str]) -> dict[str, Any]:
    """The settings the KIOSK_* environment variables set, as nested tables."""
    layer: dict[str, Any] = {}
    seen: dict[tuple[str, ...], str] = {}  # setting path -> the variable that set it
    for key in sorted(environ):
        value = environ[key]
        # KIOSK_STAFF names who the command line acts as; it is not a setting.
        if not key.startswith(ENV_PREFIX) or key in (
            f"{ENV_PREFIX}DATA_DIR",
            f"{ENV_PREFIX}CONFIG",
            f"{ENV_PREFIX}STAFF",
        ):
            continue
        parts = key[len(ENV_PREFIX) :].lower().split("__")
        if parts[0].startswith("test_"):
            continue
        if not all(parts):
            raise ConfigError(
                f"Environment variable {key}: not a setting name (use KIOSK_SECTION__KEY, e.g. KIOSK_PRINTING__LABEL)"
            )
        path = tuple(parts)
        for depth in range(1, len(path)):
            if path[:depth] in seen:  # KIOSK_SCHOOL=x and KIOSK_SCHOOL__NAME=y
                raise ConfigError(
                    f"Environment variables {seen[path[:depth]]} and {key} clash: "
                    f"[{'.'.join(path[:depth])}] is a section, so set only its keys (like {key})"
                )
        clash = next((other for p, other in seen.items() if p[: len(path)] == path), None)
        if clash is not None:
            raise ConfigError(
                f"Environment variables {key} and {clash} clash: "
                f"[{'.'.join(path)}] is a section, so set only its keys (like {clash})"
            )
        seen[path] = key
        target = layer
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        if parts[-1] in ("alert_recipients", "trust_alert_recipients"):
            addresses = [v.strip() for v in value.split(",") if v.strip()]
            if value.strip() and not addresses:
                raise ConfigError(
                    f"Setting 'smtp.{parts[-1]}' in the environment ({key}): {value!r} names no address; "
                    "give addresses separated by commas, or leave it unset for no alert e-mail"
                )
            target[parts[-1]] = addresses
        elif parts[-1] in ("leave_kiosk", "approve_ban_changes"):
            target[parts[-1]] = [v.strip() for v in value.split(",") if v.strip()]
        else:
            target[parts[-1]] = value
    return layer


def merge_layer(
    into: dict[str, Any], layer: dict[str, Any], source: str, origin: dict[tuple, str], prefix: tuple = ()
) -> None:
    """Lay ``layer`` over ``into``, noting in ``origin`` which source set each key."""
    for key, value in layer.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict | None):
            into.setdefault(key, {})
            merge_layer(into[key], value, source, origin, (*prefix, key))
        else:
            into[key] = value
            origin[(*prefix, key)] = source


def read_layers(
    *, environ: dict[str, str] | None = None, system_file: Path | None = None, user_file: Path | None = None
) -> tuple[dict[str, Any], dict[tuple, str]]:
    """defaults < the system file < the user's file < KIOSK_* variables, merged; and where each key came from."""
    environ = dict(os.environ) if environ is None else environ
    system_file = SYSTEM_CONFIG if system_file is None else system_file
    user_file = user_config_path() if user_file is None else user_file
    merged: dict[str, Any] = {}
    origin: dict[tuple, str] = {}
    merge_layer(merged, read_toml(system_file), str(system_file), origin)
    merge_layer(merged, read_toml(user_file), str(user_file), origin)
    merge_layer(merged, env_layer(environ), "the environment", origin)
    return merged, origin
