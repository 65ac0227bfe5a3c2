"""Settings layers and their error messages."""

from __future__ import annotations

import os

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


def test_a_saved_section_keeps_the_rest_of_the_file_and_refuses_bad_values(tmp_path):
    import stat

    from kiosk.config import ConfigError, load_settings, save_settings_section

    path = tmp_path / "kiosk.toml"
    path.write_text(
        '# our kiosk\n[kiosk]\nname = "Side gate"\n\n[printing]\nprinter = "file"\n', encoding="utf-8"
    )
    path.chmod(0o644)
    before = os.umask(0o077)  # a process that tightened its umask (the command line does) keeps 0644
    try:
        save_settings_section("printing", {"printer": "KioskQL570", "label": "brother-29x90"}, path=path)
    finally:
        os.umask(before)
    text = path.read_text(encoding="utf-8")
    assert "# our kiosk" in text and 'name = "Side gate"' in text
    settings = load_settings(environ={}, system_file=tmp_path / "none.toml", user_file=path)
    assert (settings.printing.printer, settings.printing.label) == ("KioskQL570", "brother-29x90")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    with pytest.raises(ConfigError, match="smtp.port"):
        save_settings_section("smtp", {"host": "mail", "port": 99999}, path=path)
    assert path.read_text(encoding="utf-8") == text  # nothing written
    save_settings_section("smtp", {"host": "mail.school.uk", "password": "s3cret"}, path=path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # it holds the mail password now
    save_settings_section("school", {"name": "Oakfield Primary"}, path=path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # and stays private
    settings = load_settings(environ={}, system_file=tmp_path / "none.toml", user_file=path)
    assert settings.smtp.password == "s3cret" and settings.school.name == "Oakfield Primary"
