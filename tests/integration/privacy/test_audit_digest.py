"""The daily digest: the audit log's keyed head, emailed through the outbox, checkable later."""

from __future__ import annotations

from dataclasses import replace

import sqlalchemy as sa

from tests.integration.privacy.privacy_builders import engine_of, sql


def test_the_daily_digest_goes_out_once_and_proves_the_log_later(services, staff):
    from kiosk.app import make_notifier

    settings = services.settings.model_copy(deep=True)
    settings.smtp.host = "127.0.0.1"
    settings.smtp.port = 2525
    settings.smtp.sender = "kiosk@school.example"
    settings.smtp.alert_recipients = ["dpo@school.example"]
    notifier = make_notifier(engine_of(services), settings, clock=services.deps.clock, start_sender=False)
    privacy = replace(services.privacy, deps=replace(services.deps, notifier=notifier))
    try:
        text = privacy.send_digest_if_due()
        assert text and text.startswith("kiosk audit digest")
        assert privacy.send_digest_if_due() is None  # once a day, across programs
        with engine_of(services).connect() as conn:
            rows = conn.execute(sa.text("SELECT payload FROM outbox WHERE event = 'audit.digest'")).all()
        assert len(rows) == 1
        payload = rows[0][0] if isinstance(rows[0][0], dict) else __import__("json").loads(rows[0][0])
        assert text in payload["body"] and payload["to"] == ["dpo@school.example"]
    finally:
        notifier.close()

    # On the console (a service call) and from the command line: the same check.
    assert services.privacy.check_digest(staff["head"], text).startswith("ok")
    row_id = int(text.split(" row ")[1].split()[0])
    sql(services, "UPDATE audit_log SET detail = 'rewritten' WHERE id = :i", i=row_id)
    assert "cannot be trusted from row" in services.privacy.check_digest(staff["head"], text)
    forged = text.replace(text.split(" mac ")[1], "0" * 64)
    assert "not made with this installation's audit key" in services.privacy.check_digest(
        staff["head"], forged
    )
    assert services.privacy.audit_digest(staff["head"]).startswith("kiosk audit digest")
