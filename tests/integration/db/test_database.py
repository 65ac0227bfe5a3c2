"""The database layer: migrations, SQLite settings, clear messages when the database is unusable."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap

import pytest
import sqlalchemy as sa

from kiosk.db.engine import make_engine
from kiosk.db.migrate import DatabaseTooNew, current_revision, head_revision, upgrade
from kiosk.domain.errors import DatabaseUnavailable


def test_upgrade_creates_schema_and_is_idempotent(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'k.db'}")
    assert upgrade(engine) == (None, head_revision())
    assert upgrade(engine) == (head_revision(), head_revision())
    tables = set(sa.inspect(engine).get_table_names())
    assert {
        "visits",
        "people",
        "bans",
        "alerts",
        "audit_log",
        "policy_versions",
        "acknowledgements",
        "staff",
        "dismissed_matches",
        "sites",
        "kiosks",
    } <= tables


def test_the_start_reads_the_same_revisions_as_alembic_without_importing_it(tmp_path):
    """The fast path (no Alembic on a current schema) knows the same graph as Alembic does."""
    from alembic.script import ScriptDirectory

    from kiosk.db.migrate import _config, _revisions

    script = ScriptDirectory.from_config(_config(None))
    known, heads = _revisions()
    assert known == {s.revision for s in script.walk_revisions()}
    assert heads == set(script.get_heads())
    engine = make_engine(f"sqlite:///{tmp_path / 'k.db'}")
    try:
        upgrade(engine)
        probe = (
            "import sys; from kiosk.db.engine import make_engine; from kiosk.db.migrate import upgrade, head_revision\n"
            f"e = make_engine({str('sqlite:///' + str(tmp_path / 'k.db'))!r})\n"
            "assert upgrade(e) == (head_revision(), head_revision()); e.dispose()\n"
            "print('alembic' in sys.modules, 'sqlalchemy.orm' in sys.modules)"
        )
        out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
        assert out.stdout.split()[0] == "False"
    finally:
        engine.dispose()


def test_sqlite_is_tuned_for_several_processes(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'k.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_sqlite_keeps_one_connection_open_between_uses(tmp_path):
    """Each SQLite connection holds its own page cache and schema: one used beside another (a thread
    overlapping the worker) is closed when given back, not kept for the rest of the day (issue #20)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'k.db'}")
    try:
        first, second = engine.raw_connection(), engine.raw_connection()
        assert engine.pool.checkedout() == 2
        first.close()
        second.close()
        assert engine.pool.checkedin() == 1
        with engine.connect() as again:
            assert again.exec_driver_sql("SELECT 2").scalar() == 2
        assert engine.pool.checkedin() == 1
    finally:
        engine.dispose()


def test_wal_is_checkpointed_on_a_thread_of_its_own_never_inside_a_commit(tmp_path):
    """No commit runs SQLite's automatic checkpoint (a sign-in would wait for megabytes written and two
    fsyncs): the engine's background checkpointer copies the log into the database after commits."""
    import time

    path = tmp_path / "k.db"
    engine = make_engine(f"sqlite:///{path}")
    checkpointer = engine.info_checkpointer
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE t (x BLOB)")
        for _ in range(20):
            with engine.begin() as conn:
                conn.exec_driver_sql("INSERT INTO t VALUES (randomblob(20000))")
        # The database file alone (copied without its -wal) holds every committed row once checkpointed.
        copy = tmp_path / "copy.db"

        def rows_in_file() -> int:
            shutil.copyfile(path, copy)
            with sqlite3.connect(copy) as probe:
                try:
                    return probe.execute("SELECT count(*) FROM t").fetchone()[0]
                except sqlite3.OperationalError:  # no such table: nothing checkpointed yet
                    return 0

        deadline = time.monotonic() + 10
        while rows_in_file() < 20 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert rows_in_file() == 20
        assert checkpointer.done >= 1
        thread = checkpointer._thread
        assert thread is not None
    finally:
        engine.dispose()
    # This engine's checkpointer stops with it (other tests' engines in this worker may still run theirs).
    thread.join(5)
    assert not thread.is_alive()


def test_a_read_only_database_has_no_checkpointer(tmp_path):
    path = tmp_path / "k.db"
    make_engine(f"sqlite:///{path}").dispose()
    engine = make_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert getattr(engine, "info_checkpointer", None) is None


def test_database_newer_than_program_is_refused(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'k.db'}")
    upgrade(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM alembic_version")
        conn.exec_driver_sql("INSERT INTO alembic_version (version_num) VALUES ('9999_future')")
    with pytest.raises(DatabaseTooNew, match="newer than this program"):
        upgrade(engine)


def test_missing_folder_gives_clear_message(tmp_path):
    with pytest.raises(DatabaseUnavailable, match="folder .* does not exist"):
        make_engine(f"sqlite:///{tmp_path / 'nope' / 'k.db'}")


def test_read_only_database_gives_clear_message(tmp_path):
    """A database the kiosk may only read (a read-only mount, or wrong permissions) is named as such."""
    from kiosk.db.uow import SqlUnitOfWorkFactory

    path = tmp_path / "k.db"
    upgrade(make_engine(f"sqlite:///{path}"))
    # Opening read-only stands in for file permissions, which root (as in CI) ignores.
    engine = make_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    with pytest.raises(DatabaseUnavailable, match="read-only"):
        with SqlUnitOfWorkFactory(engine)() as u:
            u.sites.add("X")
            u.commit()


def test_locked_database_gives_clear_message(tmp_path, printer, monkeypatch):
    from kiosk.db import engine as engine_mod
    from kiosk.db.uow import SqlUnitOfWorkFactory

    path = tmp_path / "k.db"
    upgrade(make_engine(f"sqlite:///{path}"))
    monkeypatch.setattr(engine_mod, "SQLITE_BUSY_TIMEOUT_MS", 200)
    engine = make_engine(f"sqlite:///{path}")
    engine.pool.dispose()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        uow = SqlUnitOfWorkFactory(engine.execution_options())
        with pytest.raises(DatabaseUnavailable, match="locked"):
            with uow() as u:
                u.sites.add("X")
                u.commit()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_two_processes_signing_in_at_once_never_fail(tmp_path):
    """Several kiosk processes on one SQLite file: BEGIN IMMEDIATE + busy timeout serialise them."""
    db = tmp_path / "k.db"
    upgrade(make_engine(f"sqlite:///{db}"))
    script = textwrap.dedent(f"""
        import sys
        from kiosk.app import build_app
        from kiosk.config import Settings
        from kiosk.services.visits import VisitDetails
        class P:
            def print_badge(self, b): pass
        s = Settings(database_url="sqlite:///{db}")
        app = build_app(s, printer=P())
        policy = app.policy.current()
        for i in range(25):
            r = app.sign_in.screen(f"Visitor{{sys.argv[1]}}", f"Number{{chr(65 + i)}}", "visitor", app.place)
            app.sign_in.complete(r, VisitDetails(), app.place, acknowledged_policy_id=policy.id)
        print("done")
    """)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(n)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for n in range(3)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [o[1][-2000:] for o in outs]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM visits").fetchone()[0] == 75


@pytest.mark.postgres
def test_postgres_upgrade_under_advisory_lock_from_several_processes(pg_schema_factory):
    from tests.conftest import PG_URL

    schema = pg_schema_factory()
    script = textwrap.dedent(f"""
        from kiosk.db.engine import make_engine
        from kiosk.db.migrate import upgrade
        print(upgrade(make_engine("{PG_URL}", schema="{schema}")))
    """)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [o[1][-2000:] for o in outs]
    assert sum("(None," in o[0] for o in outs) == 1  # exactly one process created the schema
    engine = make_engine(PG_URL, schema=schema)
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_unreachable_postgres_gives_clear_message():
    engine = make_engine("postgresql://postgres@127.0.0.1:1/none")
    with pytest.raises(DatabaseUnavailable, match="cannot be reached"):
        upgrade(engine)


def test_sqlite_upgrade_of_a_database_with_visitors_in_it(tmp_path, printer, clock):
    """An older database with sites, people, visits and bans that point at each other upgrades to the
    newest schema: SQLite's table rebuilds (schools above sites) must not trip over foreign keys, and
    every reference still holds afterwards, with foreign keys back on."""
    from alembic import command

    from kiosk.app import build_app
    from kiosk.config import Settings
    from kiosk.db.migrate import _config
    from tests.helpers import add_ban, add_staff_accounts, sign_in

    path = tmp_path / "kiosk.sqlite3"
    app = build_app(Settings(database_url=f"sqlite:///{path}"), printer=printer, clock=clock)
    try:
        staff = add_staff_accounts(
            app, {"administrator": ("Ada Admin", "9753"), "head": ("Hal Head", "864213")}
        )
        sign_in(app, "Priya", "Shah")
        add_ban(app, staff["head"])
    finally:
        app.dispose()
    plain = sa.create_engine(f"sqlite:///{path}")  # as an older kiosk left it: before schools (0010)
    cfg = _config(plain)
    with plain.connect() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0009")
        conn.commit()
    plain.dispose()

    engine = make_engine(f"sqlite:///{path}")
    try:
        before, after = upgrade(engine)
        assert (before, after) == ("0009", head_revision())
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("SELECT count(*), min(school_id) FROM visits").fetchone() == (1, 1)
    db.close()  # the with block commits; it does not close


def test_screening_a_clear_name_takes_no_write_lock_a_possible_match_does(tmp_path, printer, monkeypatch):
    """Four kiosks share SQLite's one write lock: screening a name with no alert-band match only reads,
    so it neither waits for nor holds up another kiosk's sign-in; a possible match records its hold."""
    from kiosk.app import build_app
    from kiosk.config import Settings
    from kiosk.db import engine as engine_mod
    from kiosk.domain.model import PersonType
    from tests.conftest import make_staff
    from tests.helpers import add_ban

    db = tmp_path / "k.db"
    app = build_app(Settings(database_url=f"sqlite:///{db}"), printer=printer)
    try:
        add_ban(app, make_staff(app)["head"])
        monkeypatch.setattr(engine_mod, "SQLITE_BUSY_TIMEOUT_MS", 300)
        app.deps.uow.engine.dispose()  # connections made again with the short busy timeout
        blocker = sqlite3.connect(db, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")  # another kiosk in the middle of its sign-in
        try:
            screened = app.sign_in.screen("Priya", "Shah", PersonType.VISITOR, app.place)
            assert not screened.held and screened.needs_acknowledgement
            with pytest.raises(DatabaseUnavailable, match="locked"):
                app.sign_in.screen("William", "Hargreaves", PersonType.VISITOR, app.place)
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert app.sign_in.screen("William", "Hargreaves", PersonType.VISITOR, app.place).held
    finally:
        app.dispose()
