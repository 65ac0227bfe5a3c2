"""The outbox sender while its database is out of reach: one clear line, quiet meanwhile, a line on return."""

from __future__ import annotations

import logging
import socket
import threading

import pytest
import sqlalchemy as sa

from kiosk.alerts.sender import OutboxSender
from kiosk.db.outbox import SqlOutbox
from kiosk.services.ports import OutboxMessage
from tests.conftest import PG_URL, _build
from tests.integration.alerts.conftest import free_port
from tests.integration.alerts.test_alert_email_outbox import wait_for

pytestmark = pytest.mark.postgres


class Gate:
    """A TCP door in front of the PostgreSQL server: open, it forwards; shut, connections are refused."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._open: list[socket.socket] = []

    def open(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def shut(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        for s in self._open:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()
        self._open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            self._open += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.close()
                except OSError:
                    pass


def test_the_sender_says_once_that_it_cannot_reach_the_outbox_and_once_that_it_can(
    pg_schema_factory, printer, clock, caplog
):
    schema = pg_schema_factory()
    _build(
        PG_URL, printer, schema=schema, clock=clock
    ).dispose()  # the tables, as `kiosk db upgrade` makes them
    url = sa.make_url(PG_URL)
    gate = Gate(url.host or "127.0.0.1", url.port or 5432)
    engine = sa.create_engine(
        url.set(host="127.0.0.1", port=gate.port),
        poolclass=sa.pool.NullPool,  # each transaction a new connection: a shut gate refuses it at once
        connect_args={"options": f"-csearch_path={schema}", "connect_timeout": 2},
    )
    sent: list[dict] = []
    sender = OutboxSender(SqlOutbox(engine, clock), {"email": sent.append}, poll_s=0.05, base_delay_s=0.05)
    caplog.set_level(logging.DEBUG, logger="kiosk.alerts.sender")
    try:
        sender.start()
        # Out of reach for a while: many rounds of the sender (each one fails).
        assert wait_for(lambda: sum(r.levelno == logging.DEBUG for r in caplog.records) >= 10)
        warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
        assert len(warnings) == 1, [r.getMessage() for r in warnings]
        [line] = warnings
        assert "cannot read the outbox" in line.getMessage() and "OperationalError" in line.getMessage()
        assert "\n" not in line.getMessage() and line.exc_info is None  # one line, no traceback

        gate.open()
        assert wait_for(lambda: any("can be read again" in r.getMessage() for r in caplog.records))
        SqlOutbox(engine, clock).enqueue([OutboxMessage(None, "email", "test", {"n": 1})])
        sender.wake()
        assert wait_for(lambda: sent == [{"n": 1}])

        caplog.clear()
        gate.shut()
        assert wait_for(lambda: sum(r.levelno == logging.DEBUG for r in caplog.records) >= 10)
        again = [r for r in caplog.records if r.levelno >= logging.WARNING]
        assert len(again) == 1 and "cannot read the outbox" in again[0].getMessage()
    finally:
        sender.stop()
        gate.shut()
        engine.dispose()
