"""Fixtures for the alert-delivery tests: a real SMTP server in this process, a banned name."""

from __future__ import annotations

import socket
from datetime import timedelta

import pytest


class RecordingHandler:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(envelope)
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def smtp_server_factory():
    """Starts an aiosmtpd server on 127.0.0.1 on demand; stops it at the end."""
    from aiosmtpd.controller import Controller

    started = []

    def start(port: int) -> RecordingHandler:
        handler = RecordingHandler()
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        started.append(controller)
        return handler

    yield start
    for controller in started:
        controller.stop()


def add_ban(app, head, name: str = "William Hargreaves", **changes):
    """Create an active ban (as the head) on the app's database."""
    from kiosk.domain.model import Ban

    today = app.deps.clock.today()
    fields = dict(
        id=None,
        name=name,
        start=today - timedelta(days=1),
        end=today + timedelta(days=365),
        categories=("threatening staff, visitors, parents or pupils",),
        reason="Threatened staff.",
    )
    fields.update(changes)
    return app.bans.create(head, Ban(**fields))


@pytest.fixture
def ban_factory():
    return add_ban
