"""A school of a trust queues and sends its own alert e-mails: the outbox is under row-level security."""

from __future__ import annotations

import sqlalchemy as sa

from kiosk.app import make_notifier
from kiosk.db.outbox import SqlOutbox
from kiosk.domain.model import PersonType
from kiosk.services.ports import OutboxMessage
from tests.helpers import add_ban
from tests.integration.alerts.test_alert_email_outbox import wait_for


def test_a_schools_held_visitor_is_emailed_through_its_own_outbox(
    two_schools, smtp_port, smtp_server_factory
):
    t = two_schools
    server = smtp_server_factory(smtp_port)
    smtp = t.b.settings.smtp
    smtp.host, smtp.port, smtp.starttls = "127.0.0.1", smtp_port, False
    smtp.sender = "kiosk@hillside.example"
    smtp.alert_recipients = ["office@hillside.example"]
    # As kiosk.app builds it for School B's programs (school.trust_school_id = 2).
    notifier = make_notifier(
        t.b.deps.uow.engine, t.b.settings, clock=t.b.deps.clock, base_delay_s=0.2, poll_s=0.5
    )
    t.b.deps.notifier = notifier
    try:
        add_ban(t.b, t.staff_b["head"], name="Brian Hollis")
        held = t.b.sign_in.screen("Brian", "Hollis", PersonType.VISITOR, t.b.place)
        assert held.held
        assert wait_for(lambda: len(server.messages) == 1)
        assert server.messages[0].rcpt_tos == ["office@hillside.example"]
        assert wait_for(lambda: notifier.outbox.unsent() == [])
    finally:
        notifier.close()
    with t.owner.connect() as conn:
        rows = conn.execute(sa.text("SELECT school_id, sent_at IS NOT NULL FROM outbox")).all()
    assert rows == [(2, True)]  # School B's message, sent


def test_a_schools_outbox_reads_and_writes_its_own_messages_only(two_schools):
    t = two_schools
    mine = SqlOutbox(t.b.deps.uow.engine, t.b.deps.clock, school_id=2)
    [made] = mine.enqueue([OutboxMessage(id=None, channel="email", event="test", payload={"n": 1})])
    assert [m.id for m in mine.all()] == [made]
    # School A's role, with its own school set, sees nothing of it and cannot claim it.
    theirs = SqlOutbox(t.a.deps.uow.engine, t.a.deps.clock, school_id=1)
    assert theirs.all() == [] and theirs.claim_due("school A") == []
    # Without the school set (as before the fix), row-level security hides the row and refuses a write.
    unset = SqlOutbox(t.b.deps.uow.engine, t.b.deps.clock)
    assert unset.all() == []
    try:
        unset.enqueue([OutboxMessage(id=None, channel="email", event="test", payload={})])
    except sa.exc.ProgrammingError as exc:
        assert "row-level security" in str(exc)
    else:
        raise AssertionError("a write without the school was accepted")
