"""`kiosk trust add-school` and `kiosk trust enable` on the real server, and one clear line on SQLite."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from kiosk.cli import main
from tests.conftest import PG_URL, _build


@pytest.mark.postgres
def test_add_school_and_enable_make_the_roles_and_force_the_policies(
    pg_schema_factory, printer, clock, monkeypatch, capsys
):
    schema = pg_schema_factory()
    _build(PG_URL, printer, schema=schema, clock=clock).dispose()
    monkeypatch.setenv("KIOSK_DATABASE_URL", f"{PG_URL}?options=-csearch_path%3D{schema}")
    roles = [f"{schema}_school_1", f"{schema}_school_2", f"{schema}_trust"]
    owner = sa.create_engine(PG_URL, poolclass=sa.pool.NullPool)
    try:
        assert main(["trust", "add-school", "Hillside  Primary", "--prefix", schema]) == 0
        assert f"added school 2: Hillside Primary (database role {roles[1]}" in capsys.readouterr().out
        assert main(["trust", "add-school", "Hillside Primary", "--prefix", schema]) == 1
        assert "already a school called 'Hillside Primary'" in capsys.readouterr().err
        assert main(["trust", "enable", "--prefix", schema, "--rename-default", "Kestrel House"]) == 0
        out = capsys.readouterr().out
        assert f"school 1: Kestrel House -> role {roles[0]}" in out and f"connects as {roles[2]}" in out
        assert main(["trust", "enable", "--prefix", schema]) == 0  # again: idempotent
        capsys.readouterr()
        with owner.connect() as conn:
            made = conn.execute(
                sa.text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p"), {"p": f"{schema}%"}
            )
            assert sorted(made.scalars()) == sorted(roles)
            forced = set(
                conn.execute(
                    sa.text(
                        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        "WHERE n.nspname = :s AND c.relforcerowsecurity"
                    ),
                    {"s": schema},
                ).scalars()
            )
            with_school = set(
                conn.execute(
                    sa.text(
                        "SELECT table_name FROM information_schema.columns "
                        "WHERE table_schema = :s AND column_name = 'school_id'"
                    ),
                    {"s": schema},
                ).scalars()
            )
            # Every table that holds a school's rows is forced, and nothing else is; sites are trust-wide
            # (names unique across the trust, no personal data: kiosk.db.trust).
            assert forced == with_school - {"sites"}, (forced - with_school, with_school - forced)
    finally:
        with owner.begin() as conn:
            for role in roles:
                if conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first():
                    conn.execute(sa.text(f'DROP OWNED BY "{role}"'))
                    conn.execute(sa.text(f'DROP ROLE "{role}"'))
        owner.dispose()


def test_a_trust_needs_postgresql_one_line_on_sqlite(tmp_path, printer, clock, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'kiosk.sqlite3'}"
    _build(url, printer, clock=clock).dispose()
    monkeypatch.setenv("KIOSK_DATABASE_URL", url)
    assert main(["trust", "enable"]) == 1
    err = capsys.readouterr().err
    assert (
        err.strip()
        == "kiosk: A trust of schools needs PostgreSQL: row-level security does not exist in SQLite."
    )


def test_a_school_of_a_trust_on_sqlite_fails_closed_at_start(tmp_path, printer, clock):
    from kiosk.domain.errors import DatabaseUnavailable

    url = f"sqlite:///{tmp_path / 'kiosk.sqlite3'}"
    with pytest.raises(DatabaseUnavailable, match="needs PostgreSQL"):
        _build(url, printer, clock=clock, school={"trust_school_id": 2})
