"""The command line as a technician uses it: real processes, a real SQLite file, no tracebacks."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

GOOD_CSV = """name,aliases,start,end,categories
William Hargreaves,Billy Hargreaves;Bill H,2026-01-05,2099-01-05,disruptive behaviour
Karolina Nowak-Smith,,2025-01-01,2025-06-30,
"""


@pytest.fixture
def env(tmp_path):
    e = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    e["KIOSK_DATABASE_URL"] = f"sqlite:///{tmp_path / 'kiosk.sqlite3'}"
    e["KIOSK_DATA_DIR"] = str(tmp_path / "data")
    e["KIOSK_CONFIG"] = str(tmp_path / "kiosk.toml")
    e["KIOSK_PRINTING__FOLDER"] = str(tmp_path / "badges")
    return e


def kiosk(env, *args, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


HEAD = ("Helen Head", "864213")


@pytest.fixture
def head_env(env):
    """An installation with its first administrator (bootstrap) and a head; commands act as the head."""
    assert (
        kiosk(
            env, "staff", "add", "--name", "Alex Admin", "--role", "administrator", stdin="9753\n"
        ).returncode
        == 0
    )
    r = kiosk(
        env,
        "--as",
        "Alex Admin",
        "staff",
        "add",
        "--name",
        HEAD[0],
        "--role",
        "head",
        stdin=f"9753\n{HEAD[1]}\n",
    )
    assert r.returncode == 0, r.stderr
    return {**env, "KIOSK_STAFF": HEAD[0]}


def as_head(env, *args) -> subprocess.CompletedProcess:
    return kiosk(env, *args, stdin=f"{HEAD[1]}\n")


def assert_clean_failure(result):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("kiosk: ") and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["console"],
        ["demo"],
        ["db", "upgrade"],
        ["bans", "import"],
        ["bans", "export"],
        ["visits", "export"],
        ["staff", "add"],
        ["print-test"],
        ["screenshots"],
    ],
)
def test_every_command_has_help(env, args):
    r = kiosk(env, *args, "--help")
    assert r.returncode == 0 and "usage: kiosk" in r.stdout


def test_db_upgrade_then_up_to_date(env):
    assert "upgraded from schema empty" in kiosk(env, "db", "upgrade").stdout
    assert "up to date" in kiosk(env, "db", "upgrade").stdout


def test_staff_add_reads_pin_from_stdin_and_audits(env, tmp_path):
    r = kiosk(env, "staff", "add", "--name", "Alex Admin", "--role", "administrator", stdin="9753\n")
    assert r.returncode == 0, r.stderr
    assert "added Alex Admin (administrator)" in r.stdout
    # Once an administrator exists, adding staff needs one, signed in with their PIN.
    anyone = kiosk(env, "staff", "add", "--name", "Eve", "--role", "administrator", stdin="9753\n")
    assert_clean_failure(anyone)
    assert "--as NAME" in anyone.stderr
    dup = kiosk(
        env,
        "--as",
        "Alex Admin",
        "staff",
        "add",
        "--name",
        "alex admin",
        "--role",
        "administrator",
        stdin="9753\n9753\n",
    )
    assert_clean_failure(dup)
    assert "already a staff account" in dup.stderr
    with sqlite3.connect(tmp_path / "kiosk.sqlite3") as conn:
        rows = conn.execute("SELECT actor, source, action FROM audit_log WHERE entity='staff'").fetchall()
    assert rows and rows[0][0].startswith("first start (command line") and rows[0][1] == "command line"


def test_staff_count_and_an_administrator_signs_in_to_add_the_head(env, tmp_path):
    """What install.sh does: count the staff, add the administrator, then the head, signed in as the administrator."""
    assert kiosk(env, "db", "upgrade").returncode == 0  # install.sh makes the database first
    assert kiosk(env, "staff", "count").stdout.strip() == "0"
    assert (
        kiosk(
            env, "staff", "add", "--name", "Ada Admin", "--role", "administrator", stdin="4826\n"
        ).returncode
        == 0
    )
    # --as signs the administrator in first (audited as them); a wrong PIN adds nobody.
    wrong = kiosk(
        env,
        "--as",
        "Ada Admin",
        "staff",
        "add",
        "--name",
        "Hal Head",
        "--role",
        "head",
        stdin="1111\n739164\n",
    )
    assert_clean_failure(wrong)
    assert "do not match" in wrong.stderr
    added = kiosk(
        env,
        "--as",
        "Ada Admin",
        "staff",
        "add",
        "--name",
        "Hal Head",
        "--role",
        "head",
        stdin="4826\n739164\n",
    )
    assert added.returncode == 0, added.stderr
    assert "added Hal Head (head)" in added.stdout
    assert kiosk(env, "staff", "count").stdout.strip() == "2"
    with sqlite3.connect(tmp_path / "kiosk.sqlite3") as conn:
        actors = conn.execute("SELECT actor FROM audit_log WHERE action='staff account created'").fetchall()
    assert ("staff:1",) in actors  # the head was added by the administrator (staff 1), not the OS user


def test_an_administrator_disables_and_unlocks_staff_from_the_command_line(head_env, tmp_path):
    """`staff deactivate` and `staff unlock` sign the administrator in and name the account they changed."""
    admin = {**head_env, "KIOSK_STAFF": "Alex Admin"}
    for _ in range(5):  # five wrong PINs lock the head's account
        assert kiosk(head_env, "staff", "list", stdin="000000\n").returncode != 0
    locked = kiosk(admin, "staff", "list", stdin="9753\n")
    assert "Helen Head\thead\tactive, locked" in locked.stdout, locked.stderr
    assert_clean_failure(kiosk(head_env, "staff", "unlock", HEAD[0], stdin=f"{HEAD[1]}\n"))
    unlocked = kiosk(admin, "staff", "unlock", "helen  head", stdin="9753\n")
    assert unlocked.returncode == 0 and unlocked.stdout.strip() == "unlocked Helen Head", unlocked.stderr
    exported = as_head(head_env, "bans", "export", str(tmp_path / "bans.csv"))
    assert exported.returncode == 0, exported.stderr  # the head signs in again
    disabled = kiosk(admin, "staff", "deactivate", HEAD[0], stdin="9753\n")
    assert disabled.stdout.strip() == "disabled Helen Head", disabled.stderr
    assert "Helen Head\thead\tdisabled" in kiosk(admin, "staff", "list", stdin="9753\n").stdout
    nobody = kiosk(admin, "staff", "unlock", "Nobody Here", stdin="9753\n")
    assert_clean_failure(nobody)
    assert "no staff account called 'Nobody Here'" in nobody.stderr


def test_bans_import_export_round_trip(head_env, tmp_path):
    env = head_env
    src = tmp_path / "bans.csv"
    src.write_text(GOOD_CSV, encoding="utf-8")
    r = as_head(env, "bans", "import", str(src))
    assert r.returncode == 0, r.stderr
    assert "2 bans added, 0 updated" in r.stdout
    out = tmp_path / "export.csv"
    assert as_head(env, "bans", "export", str(out)).returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [(r["name"], r["status"]) for r in rows] == [
        ("William Hargreaves", "active"),
        ("Karolina Nowak-Smith", "expired"),
    ]
    assert rows[0]["aliases"] == "Billy Hargreaves;Bill H"
    again = as_head(env, "bans", "import", str(out))
    assert "0 bans added, 0 updated" in again.stdout


def test_bad_csv_names_file_and_line_and_imports_nothing(head_env, tmp_path):
    env = head_env
    src = tmp_path / "bad.csv"
    src.write_text("name,start\nGood Person,2026-01-01\nBad Date,31/12/2026\n", encoding="utf-8")
    r = as_head(env, "bans", "import", str(src))
    assert_clean_failure(r)
    assert "bad.csv, line 3" in r.stderr and "31/12/2026" in r.stderr
    exported = as_head(env, "bans", "export").stdout
    assert exported.strip().count("\n") == 0  # header only: nothing imported


def test_missing_and_binary_csv_give_clear_errors(head_env, tmp_path):
    env = head_env
    assert_clean_failure(as_head(env, "bans", "import", str(tmp_path / "none.csv")))
    binary = tmp_path / "bans.xlsx"
    binary.write_bytes(b"PK\x03\x04\xff\xfe\x00\x00")
    r = as_head(env, "bans", "import", str(binary))
    assert_clean_failure(r)
    assert "CSV UTF-8" in r.stderr


def test_demo_then_visits_export_lists_demo_visits(env, tmp_path):
    r = kiosk(env, "demo", "--no-windows", "--path", str(tmp_path / "demo"))
    assert r.returncode == 0, r.stderr
    db_line = next(line for line in r.stdout.splitlines() if line.startswith("demo database: "))
    db = Path(db_line.removeprefix("demo database: "))
    assert db.exists()
    env = {**env, "KIOSK_DATABASE_URL": f"sqlite:///{db}", "KIOSK_STAFF": "Rachel Reception"}
    assert_clean_failure(kiosk(env, "visits", "export", stdin="1111\n"))  # a wrong PIN exports nothing
    r = kiosk(env, "visits", "export", stdin="2468\n")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    names = {(row["first_name"], row["last_name"]) for row in rows}
    assert {("Priya", "Shah"), ("Tom", "Baker"), ("Grace", "Okafor")} <= names
    assert {"on-site", "signed-out", "held"} <= {row["status"] for row in rows}


def test_visits_export_date_range(env, tmp_path):
    assert kiosk(env, "demo", "--no-windows", "--path", str(tmp_path / "demo")).returncode == 0
    env = {
        **env,
        "KIOSK_DATABASE_URL": f"sqlite:///{tmp_path / 'demo' / 'kiosk-demo.sqlite3'}",
        "KIOSK_STAFF": "Rachel Reception",
    }
    r = kiosk(env, "visits", "export", "--from", "2000-01-01", "--to", "2000-01-02", stdin="2468\n")
    assert r.stdout.strip().count("\n") == 0
    assert_clean_failure(
        kiosk(env, "visits", "export", "--from", "2026-02-02", "--to", "2026-02-01", stdin="2468\n")
    )
    bad = kiosk(env, "visits", "export", "--from", "yesterday")
    assert bad.returncode == 2 and "not a date" in bad.stderr and "Traceback" not in bad.stderr


def test_bad_setting_stops_with_one_line(env, tmp_path):
    Path(env["KIOSK_CONFIG"]).write_text("[kiosk]\nidle_timeout_s = 1\n", encoding="utf-8")
    r = kiosk(env, "db", "upgrade")
    assert_clean_failure(r)
    assert "kiosk.idle_timeout_s" in r.stderr and "kiosk.toml" in r.stderr


def test_database_folder_missing_is_clear(env, tmp_path):
    env["KIOSK_DATABASE_URL"] = f"sqlite:///{tmp_path / 'gone' / 'k.db'}"
    r = kiosk(env, "db", "upgrade")
    assert_clean_failure(r)
    assert "does not exist" in r.stderr


def test_visits_export_to_a_file_is_audited_and_leaves_no_partial_file(env, tmp_path):
    assert kiosk(env, "demo", "--no-windows", "--path", str(tmp_path / "demo")).returncode == 0
    db = tmp_path / "demo" / "kiosk-demo.sqlite3"
    env = {**env, "KIOSK_DATABASE_URL": f"sqlite:///{db}", "KIOSK_STAFF": "Rachel Reception"}
    out = tmp_path / "out" / "visits.csv"
    out.parent.mkdir()
    r = kiosk(env, "visits", "export", str(out), stdin="2468\n")
    assert r.returncode == 0, r.stderr
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and f"({len(rows)} visits)" in r.stderr
    assert [p.name for p in out.parent.iterdir()] == ["visits.csv"]  # the streamed part file is renamed
    with sqlite3.connect(db) as conn:
        details = [
            d for (d,) in conn.execute("SELECT detail FROM audit_log WHERE action = 'visits exported'")
        ]
    conn.close()
    assert len(details) == 1 and details[0].startswith(f"{len(rows)} visits ")
    missing = kiosk(env, "visits", "export", str(tmp_path / "nowhere" / "v.csv"), stdin="2468\n")
    assert_clean_failure(missing)
    assert "cannot be written" in missing.stderr


def test_db_upgrade_prints_a_set_up_code_while_there_is_no_staff(env, tmp_path):
    import re
    from datetime import UTC, datetime

    from sqlalchemy import create_engine

    from kiosk.db.setup_code import setup_code_matches, setup_code_pending

    first = kiosk(env, "db", "upgrade")
    code = re.search(r"set-up code: (\d{4}-\d{4})", first.stdout)
    assert first.returncode == 0 and code, first.stdout
    engine = create_engine(env["KIOSK_DATABASE_URL"])
    now = datetime.now(UTC)
    assert setup_code_matches(engine, code.group(1), now) and setup_code_matches(
        engine, code.group(1).replace("-", " "), now
    )
    assert not setup_code_matches(engine, "0000-0000" if code.group(1) != "0000-0000" else "1111-1111", now)
    assert not setup_code_matches(engine, code.group(1), now + timedelta(hours=25))  # it lasts a day
    again = re.search(r"set-up code: (\d{4}-\d{4})", kiosk(env, "db", "upgrade").stdout)
    assert again and setup_code_matches(engine, again.group(1), now)
    if again.group(1) != code.group(1):  # a new upgrade replaces the code
        assert not setup_code_matches(engine, code.group(1), now)
    added = kiosk(env, "staff", "add", "--name", "Alex Admin", "--role", "administrator", stdin="9753\n")
    assert added.returncode == 0, added.stderr
    assert not setup_code_pending(engine, now)  # a staff account exists: the code opens nothing
    assert "set-up code" not in kiosk(env, "db", "upgrade").stdout
    engine.dispose()
