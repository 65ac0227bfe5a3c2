"""Every bad settings file, environment variable or CSV header gets one clear line, never a traceback."""

from __future__ import annotations

import os
import string
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.config import ConfigError, load_settings
from kiosk.domain.errors import InvalidInput, KioskError
from kiosk.services.bans import CSV_COLUMNS, _parse_csv, decode_csv

SECTIONS = ["school", "kiosk", "printing", "retention", "smtp", "backup", "logging", "cases"]
KEYS = ["name", "label", "port", "alert_recipients", "timeout_s", "idle_timeout_s", "time_zone", "printer"]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _one_line(exc: BaseException) -> None:
    text = str(exc)
    assert text and "\n" not in text and "Traceback" not in text, text


def _load(tmp_path: Path, *, body: bytes | None = None, environ: dict[str, str] | None = None):
    user = tmp_path / "kiosk.toml"
    if body is not None:
        user.write_bytes(body)
    else:
        user.unlink(missing_ok=True)
    return load_settings(environ=environ or {}, system_file=tmp_path / "none.toml", user_file=user)


toml_values = st.one_of(
    st.integers(-(10**6), 10**6),
    st.text(max_size=20),
    st.booleans(),
    st.lists(st.text(max_size=8), max_size=3),
    st.floats(allow_nan=False, allow_infinity=False),
)


@st.composite
def toml_documents(draw) -> bytes:
    kind = draw(st.sampled_from(["bytes", "sections", "text"]))
    if kind == "bytes":
        return draw(st.binary(max_size=200))
    if kind == "text":
        return draw(st.text(max_size=200)).encode(
            draw(st.sampled_from(["utf-8", "utf-16", "cp1252"])), "replace"
        )
    lines = []
    for section in draw(st.lists(st.sampled_from([*SECTIONS, "nope"]), max_size=3, unique=True)):
        lines.append(f"[{section}]")
        for key in draw(st.lists(st.sampled_from(KEYS), max_size=3, unique=True)):
            value = draw(toml_values)
            lines.append(f"{key} = {_toml(value)}")
    if draw(st.booleans()):
        lines.insert(0, f"database_url = {_toml(draw(toml_values))}")
    return "\n".join(lines).encode()


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return repr(value)


@FUZZ
@given(body=toml_documents())
def test_any_settings_file_loads_or_gives_one_line(tmp_path, body):
    try:
        _load(tmp_path, body=body)
    except ConfigError as exc:
        _one_line(exc)


env_names = st.lists(st.sampled_from(SECTIONS + KEYS + ["", "database_url"]), min_size=1, max_size=3).map(
    lambda parts: "KIOSK_" + "__".join(parts).upper()
)


@FUZZ
@given(environ=st.dictionaries(env_names, st.text(alphabet=string.printable + "é,", max_size=20), max_size=4))
def test_any_environment_loads_or_gives_one_line(tmp_path, environ):
    try:
        _load(tmp_path, environ=environ)
    except ConfigError as exc:
        _one_line(exc)


header_cells = st.one_of(st.sampled_from([*CSV_COLUMNS, "Name", " start ", "", "x"]), st.text(max_size=12))


@FUZZ
@given(
    cells=st.lists(header_cells, max_size=6),
    sep=st.sampled_from([",", ";", "\t"]),
    quote=st.booleans(),
    tail=st.sampled_from(["\n", "\r\n", "\r", "", '"', "\n\x00"]),
)
def test_any_csv_header_parses_or_gives_one_line(cells, sep, quote, tail):
    header = sep.join(f'"{c}"' if quote else c for c in cells)
    text = f"{header}{tail}William Hargreaves,2026-01-05\n"
    try:
        _parse_csv(text, "bans.csv")
    except InvalidInput as exc:
        _one_line(exc)


@FUZZ
@given(data=st.binary(max_size=300))
def test_any_bytes_decode_or_give_one_line(data):
    try:
        text = decode_csv(data, "bans.csv")
        _parse_csv(text, "bans.csv")
    except InvalidInput as exc:
        _one_line(exc)


def test_the_named_cases(tmp_path):
    with pytest.raises(ConfigError, match="not UTF-8"):
        _load(tmp_path, body='[school]\nname = "Caf\u00e9"\n'.encode("cp1252"))
    with pytest.raises(ConfigError, match="KIOSK_SCHOOL and KIOSK_SCHOOL__NAME clash"):
        _load(tmp_path, environ={"KIOSK_SCHOOL": "x", "KIOSK_SCHOOL__NAME": "y"})
    with pytest.raises(ConfigError, match="names no address"):
        _load(tmp_path, environ={"KIOSK_SMTP__ALERT_RECIPIENTS": ",,,"})
    with pytest.raises(ConfigError, match="names no address"):
        _load(tmp_path, body=b'[smtp]\nalert_recipients = ["", " "]\n')
    assert _load(
        tmp_path, environ={"KIOSK_SMTP__ALERT_RECIPIENTS": "a@school.uk, b@school.uk"}
    ).smtp.alert_recipients == [
        "a@school.uk",
        "b@school.uk",
    ]
    with pytest.raises(InvalidInput, match="header row cannot be read"):
        _parse_csv("x" * 200_000 + "\n", "bans.csv")
    with pytest.raises(InvalidInput, match="appears more than once"):
        _parse_csv("name,start,name\nA B,2026-01-01,C\n", "bans.csv")
    # The console and the command line read the same bytes the same way: UTF-8, or Windows-1252.
    assert (
        decode_csv("name,start\nZoë Brontë,2026-01-01\n".encode("cp1252"))
        == "name,start\nZoë Brontë,2026-01-01\n"
    )
    with pytest.raises(InvalidInput, match="CSV UTF-8"):
        decode_csv(b"PK\x03\x04\xff\xfe\x00\x00")
    assert tomllib  # the settings reader


def test_every_command_gives_one_line_for_a_settings_file_that_is_not_utf8(tmp_path):
    config = tmp_path / "kiosk.toml"
    config.write_bytes('[school]\nname = "Caf\u00e9"\n'.encode("cp1252"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(KIOSK_CONFIG=str(config), KIOSK_DATA_DIR=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")
    for args in ([], ["bans", "export"]):
        r = subprocess.run(
            [sys.executable, "-m", "kiosk", *args], env=env, capture_output=True, text=True, timeout=120
        )
        assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
        assert r.stderr.startswith("kiosk: ") and r.stderr.count("\n") == 1 and "not UTF-8" in r.stderr
    assert isinstance(ConfigError("x"), KioskError)
