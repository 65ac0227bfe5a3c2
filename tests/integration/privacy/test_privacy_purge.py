"""The retention purge removes exactly what is past its time and never an active ban or an open case."""

from __future__ import annotations

import json

import pytest

from kiosk.domain.errors import PermissionDenied
from tests.helpers import sign_in
from tests.integration.privacy.privacy_builders import backdate_person, dump, populate_for_purge, scalar


def exists(services, table: str, row_id: int) -> bool:
    return scalar(services, f"SELECT count(*) FROM {table} WHERE id = :i", i=row_id) == 1


def test_purge_removes_exactly_what_is_past_retention(services, staff):
    ids = populate_for_purge(services, staff)
    counts = services.privacy.purge(staff["administrator"])

    # Gone: past their time.
    assert not exists(services, "visits", ids["old_visit"])
    assert not exists(services, "people", ids["old_person"])
    assert (
        scalar(services, "SELECT count(*) FROM acknowledgements WHERE person_id = :p", p=ids["old_person"])
        == 0
    )
    assert not exists(services, "dismissed_matches", ids["old_dismissal"])
    assert not exists(services, "bans", ids["lifted_ban"])
    assert scalar(services, "SELECT photo FROM bans WHERE id = :b", b=ids["expired_ban"]) is None
    assert not exists(services, "cases", ids["closed_case"])
    assert not exists(services, "incidents", ids["closed_case_incident"])
    assert not exists(services, "incidents", ids["old_incident"])
    assert scalar(services, "SELECT min(id) FROM audit_log") > ids["old_audit_through"]

    # Kept: recent records, the active ban with its old alert and visit, the open case.
    assert exists(services, "visits", ids["recent_visit"]) and exists(
        services, "people", ids["recent_person"]
    )
    assert exists(services, "bans", ids["active_ban"])
    assert exists(services, "visits", ids["active_ban_visit"]) and exists(
        services, "people", ids["active_ban_person"]
    )
    assert scalar(services, "SELECT count(*) FROM alerts WHERE visit_id = :v", v=ids["active_ban_visit"]) == 1
    assert exists(services, "bans", ids["expired_ban"])
    assert scalar(services, "SELECT photo FROM bans WHERE id = :b", b=ids["lifted_recent_ban"]) is not None
    assert exists(services, "cases", ids["open_case"]) and exists(
        services, "incidents", ids["open_case_incident"]
    )
    assert exists(services, "incidents", ids["recent_incident"])

    assert counts["visits"] == 1 and counts["people"] == 1 and counts["expired or lifted bans"] == 1
    assert counts["photos"] == 1 and counts["dismissed matches"] == 1 and counts["incidents and cases"] == 2
    assert counts["audit log"] == ids["old_audit_through"]

    # Audited as counts, not names; the audit chain still verifies (anchored by the checkpoint).
    entry = next(e for e in services.staff.audit_log(staff["head"]) if e.action == "retention purge")
    assert json.loads(entry.detail) == counts and "Olwen" not in entry.detail
    assert services.privacy.verify_audit(staff["head"]).ok

    # A second purge finds nothing more.
    again = services.privacy.purge(staff["administrator"])
    assert sum(again.values()) == 0


def test_dry_run_changes_nothing_and_counts_what_is_due(services, staff):
    populate_for_purge(services, staff)
    before = dump(services)
    preview = services.privacy.purge(staff["administrator"], dry_run=True)
    assert dump(services) == before
    assert preview == services.privacy.purge(staff["administrator"])


def test_purge_works_in_batches(services, staff):
    people = []
    for i in range(5):
        r = sign_in(services, "Bertha", f"Batch{'abcde'[i]}")
        services.sign_in.sign_out(staff["receptionist"], r.visit.id)
        backdate_person(services, r.person.id, 3 * 365)
        people.append(r.person.id)
    services.privacy.batch_size = 2
    counts = services.privacy.purge(staff["administrator"])
    assert counts["visits"] == 5 and counts["people"] == 5 and counts["acknowledgements and signatures"] == 5
    assert scalar(services, "SELECT count(*) FROM people WHERE last_name LIKE 'Batch%'") == 0


def test_only_an_administrator_may_purge(services, staff):
    for role in ("receptionist", "safeguarding lead", "head"):
        with pytest.raises(PermissionDenied):
            services.privacy.purge(staff[role])


def test_purge_if_due_runs_once_a_day(services, staff):
    assert services.privacy.purge_if_due() is not None
    assert services.privacy.purge_if_due() is None


def test_draft_bans_sent_emails_and_log_files_join_the_retention_table(services, staff, tmp_path):
    import os
    from dataclasses import replace
    from datetime import timedelta

    from tests.helpers import add_ban
    from tests.integration.privacy.privacy_builders import sql

    kinds = {r.kind: r for r in services.privacy.retention_rules()}
    for kind in ("draft bans never approved", "sent emails (outbox)", "log files", "subject access exports"):
        assert kind in kinds
    now = services.deps.clock.now()
    old_draft = add_ban(services, staff["safeguarding lead"], "Drafty Oldban")
    new_draft = add_ban(services, staff["safeguarding lead"], "Drafty Newban")
    assert old_draft.status.value == "draft"
    sql(
        services, "UPDATE bans SET updated_at = :t WHERE id = :i", t=now - timedelta(days=400), i=old_draft.id
    )
    for sent, days in (("old", 60), ("new", 1)):
        sql(
            services,
            "INSERT INTO outbox (channel, event, payload, created_at, next_attempt_at, attempts, last_error, claimed_by, "
            "sent_at) VALUES ('email', :e, '{}', :t, :t, 1, '', '', :t)",
            e=f"test.{sent}",
            t=now - timedelta(days=days),
        )
    logs = tmp_path / "logs"
    logs.mkdir()
    old_log, new_log, other = logs / "kiosk.log.3", logs / "kiosk.log", logs / "notes.txt"
    for p in (old_log, new_log, other):
        p.write_text("x")
    stamp = (now - timedelta(days=200)).timestamp()
    os.utime(old_log, (stamp, stamp))
    os.utime(other, (stamp, stamp))

    from kiosk.ops.logs import remove_old_log_files

    privacy = replace(services.privacy, remove_log_files=lambda before: remove_old_log_files(logs, before))
    due = privacy.purge(staff["administrator"], dry_run=True)
    assert due["draft bans never approved"] == 1 and due["sent emails (outbox)"] == 1
    assert old_log.exists()  # a dry run deletes no file
    counts = privacy.purge(staff["administrator"])
    assert counts["draft bans never approved"] == 1 and counts["log files"] == 1
    assert not exists(services, "bans", old_draft.id) and exists(services, "bans", new_draft.id)
    assert scalar(services, "SELECT count(*) FROM outbox WHERE event = 'test.old'") == 0
    assert scalar(services, "SELECT count(*) FROM outbox WHERE event = 'test.new'") == 1
    assert not old_log.exists() and new_log.exists() and other.exists()
    assert services.privacy.verify_audit(staff["head"]).ok
