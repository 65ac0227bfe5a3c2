"""Settings layers and their error messages."""

from __future__ import annotations

import pytest

from kiosk.config import ConfigError, load_settings


def _load(tmp_path, system="", user="", env=None):
    sys_file, user_file = tmp_path / "system.toml", tmp_path / "user.toml"
    sys_file.write_text(system, encoding="utf-8")
    user_file.write_text(user, encoding="utf-8")
    return load_settings(environ=env or {}, system_file=sys_file, user_file=user_file)


def test_defaults_without_files(tmp_path):
    s = load_settings(environ={}, system_file=tmp_path / "none.toml", user_file=tmp_path / "none2.toml")
    assert s.school.time_zone == "Europe/London"
    assert s.printing.printer == "file"
    assert s.resolved_database_url().startswith("sqlite:///")


def test_layers_override_in_order(tmp_path):
    s = _load(
        tmp_path,
        system='[school]\nname = "System School"\n[kiosk]\nidle_timeout_s = 120\n',
        user='[school]\nname = "User School"\n',
        env={"KIOSK_KIOSK__IDLE_TIMEOUT_S": "200", "KIOSK_DATABASE_URL": "postgresql://db/kiosk"},
    )
    assert s.school.name == "User School"
    assert s.kiosk.idle_timeout_s == 200
    assert s.database_url == "postgresql://db/kiosk"


def test_bad_value_names_setting_and_file(tmp_path):
    with pytest.raises(ConfigError) as err:
        _load(tmp_path, user='[kiosk]\nidle_timeout_s = "soon"\n')
    msg = str(err.value)
    assert "kiosk.idle_timeout_s" in msg and "user.toml" in msg and "\n" not in msg


def test_bad_env_value_names_variable(tmp_path):
    with pytest.raises(ConfigError, match="KIOSK_SCHOOL__TIME_ZONE"):
        _load(tmp_path, env={"KIOSK_SCHOOL__TIME_ZONE": "Mars/Olympus"})


def test_unknown_setting_is_reported(tmp_path):
    with pytest.raises(ConfigError, match="printing.lable.*system.toml.*unknown setting"):
        _load(tmp_path, system='[printing]\nlable = "x"\n')


def test_malformed_toml_names_file(tmp_path):
    with pytest.raises(ConfigError, match="user.toml: not valid TOML"):
        _load(tmp_path, user="[school\nname=")
