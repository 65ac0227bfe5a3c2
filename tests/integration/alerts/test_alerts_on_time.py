"""Alerts on time: sent within seconds of the server coming back, a missed one found within 10 s, and a
webhook channel (Teams/Slack JSON, no names) through the same outbox."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kiosk.app import make_notifier
from kiosk.db.outbox import SqlOutbox
from kiosk.domain.model import PersonType
from tests.integration.alerts.conftest import free_port


def wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


@pytest.fixture
def sqlite_app(sqlite_services):
    return sqlite_services


def _mail(app, port: int):
    smtp = app.settings.smtp
    smtp.host, smtp.port, smtp.starttls = "127.0.0.1", port, False
    smtp.sender, smtp.alert_recipients = "kiosk@oakfield.example", ["dsl@oakfield.example"]


def _head(app):
    from tests.conftest import make_staff

    return make_staff(app)["head"]


def test_alert_email_goes_within_10_s_of_the_mail_server_coming_back(
    sqlite_app, smtp_server_factory, ban_factory
):
    app = sqlite_app
    port = free_port()
    _mail(app, port)
    # A long back-off: without the probe, the email would wait a minute after the first failure.
    notifier = make_notifier(
        app.deps.uow.engine, app.settings, clock=app.deps.clock, base_delay_s=60.0
    )  # default 3 s probe
    app.deps.notifier = notifier
    try:
        ban_factory(app, _head(app))
        assert app.sign_in.screen("William", "Hargreaves", PersonType.VISITOR, app.place).held
        outbox = SqlOutbox(app.deps.uow.engine, app.deps.clock)
        assert wait_for(lambda: any(m.attempts >= 1 for m in outbox.unsent()), 10)
        time.sleep(2.0)  # the outage goes on a little
        server = smtp_server_factory(port)
        back = time.monotonic()
        assert wait_for(lambda: len(server.messages) == 1, 10), "the email did not go within 10 s"
        took = time.monotonic() - back
        assert took < 10
        assert wait_for(lambda: outbox.unsent() == [], 5)
    finally:
        notifier.close()


def test_an_alert_email_lost_to_a_crash_is_found_within_10_s(sqlite_app, smtp_server_factory, ban_factory):
    app = sqlite_app
    port = free_port()
    server = smtp_server_factory(port)
    _mail(app, port)
    ban_factory(app, _head(app))
    # The kiosk that held the visitor died before writing the email (its notifier never ran).
    from kiosk.services.common import NullNotifier

    app.deps.notifier = NullNotifier()
    held_at = time.monotonic()
    assert app.sign_in.screen("William", "Hargreaves", PersonType.VISITOR, app.place).held
    assert SqlOutbox(app.deps.uow.engine, app.deps.clock).all() == []
    notifier = make_notifier(
        app.deps.uow.engine, app.settings, clock=app.deps.clock
    )  # another program, default timings
    try:
        assert wait_for(lambda: len(server.messages) == 1, 12)
        assert time.monotonic() - held_at < 10
        time.sleep(1.0)
        assert len(server.messages) == 1  # found once, sent once
    finally:
        notifier.close()


class Hook(BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append({"type": self.headers["Content-Type"], "body": json.loads(body)})
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"1")

    def log_message(self, *args):  # quiet
        pass


def _serve(port: int) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", port), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_webhook_carries_no_names_and_survives_an_outage(sqlite_app, ban_factory):
    app = sqlite_app
    Hook.received = []
    port = free_port()
    app.settings.webhook.url = f"http://127.0.0.1:{port}/hooks/kiosk"
    notifier = make_notifier(
        app.deps.uow.engine, app.settings, clock=app.deps.clock, base_delay_s=60.0, probe_s=1.0
    )
    app.deps.notifier = notifier
    server = None
    try:
        ban_factory(app, _head(app), aliases=("Billy Hargreaves",))
        assert app.sign_in.screen("Bill", "Hargreaves", PersonType.PARENT, app.place).held
        outbox = SqlOutbox(app.deps.uow.engine, app.deps.clock)
        assert wait_for(lambda: any(m.channel == "webhook" and m.attempts >= 1 for m in outbox.unsent()), 10)
        server = _serve(port)
        back = time.monotonic()
        assert wait_for(lambda: len(Hook.received) == 1, 10)
        assert time.monotonic() - back < 10
        got = Hook.received[0]
        assert got["type"] == "application/json" and set(got["body"]) == {"text"}
        text = got["body"]["text"]
        assert "Front door" in text and "needs a member of staff" in text
        for secret in ("Hargreaves", "Bill", "William", "threat", "ban"):
            assert secret.lower() not in text.lower()
        assert wait_for(lambda: outbox.unsent() == [], 5)
    finally:
        notifier.close()
        if server is not None:
            server.shutdown()
            server.server_close()


def test_webhook_must_be_https_except_on_this_computer(tmp_path):
    from kiosk.config import ConfigError, load_settings

    env = {"KIOSK_WEBHOOK__URL": "http://teams.example.com/hook"}
    with pytest.raises(ConfigError, match="https"):
        load_settings(environ=env, system_file=tmp_path / "a.toml", user_file=tmp_path / "b.toml")
    env = {"KIOSK_WEBHOOK__URL": "https://example.webhook.office.com/webhookb2/x"}
    assert load_settings(
        environ=env, system_file=tmp_path / "a.toml", user_file=tmp_path / "b.toml"
    ).webhook.url
