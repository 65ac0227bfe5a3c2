"""A TCP proxy on 127.0.0.1 in front of PostgreSQL that drops connections at chosen moments.

- ``drop_after_commit()``: the next time the server answers COMMIT, the connection is cut before the
  client reads the answer: the transaction is committed, the client sees a dropped connection.
- ``drop_at_statement(n)``: the connection is cut when the client sends its n-th statement (a Query or
  Parse message) from now on; the server rolls back whatever that transaction had done.

Real sockets, a real server: only the moment of the fault is chosen.
"""

from __future__ import annotations

import socket
import struct
import threading

COMMIT_DONE = b"C" + struct.pack("!I", 4 + len(b"COMMIT\x00")) + b"COMMIT\x00"
_STARTUP_REQUESTS = {80877103, 80877104}  # SSLRequest, GSSENCRequest


class DropProxy:
    def __init__(self, target: tuple[str, int] = ("127.0.0.1", 5432)):
        self.target = target
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._after_commit = False
        self._at_statement: int | None = None
        self._statements = 0
        self.drops = 0
        self._closed = False
        self._conns: list[socket.socket] = []
        threading.Thread(target=self._accept, name="pgproxy", daemon=True).start()

    def url(self, base: str = "postgresql+psycopg://postgres@127.0.0.1:5432/test") -> str:
        return base.replace("127.0.0.1:5432", f"127.0.0.1:{self.port}")

    # ---------------------------------------------------------------- arming

    def drop_after_commit(self) -> None:
        with self._lock:
            self._after_commit = True

    def drop_at_statement(self, n: int) -> None:
        with self._lock:
            self._at_statement, self._statements = n, 0

    def disarm(self) -> None:
        with self._lock:
            self._after_commit, self._at_statement = False, None

    @property
    def armed(self) -> bool:
        with self._lock:
            return self._after_commit or self._at_statement is not None

    def close(self) -> None:
        self._closed = True
        self._listener.close()
        for c in list(self._conns):
            _close(c)

    # ---------------------------------------------------------------- pumping

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target, timeout=5)
                server.settimeout(None)
            except OSError:
                _close(client)
                continue
            self._conns += [client, server]
            threading.Thread(target=self._client_to_server, args=(client, server), daemon=True).start()
            threading.Thread(target=self._server_to_client, args=(server, client), daemon=True).start()

    def _cut(self, a: socket.socket, b: socket.socket) -> None:
        self.drops += 1
        for s in (a, b):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            _close(s)

    def _server_to_client(self, server: socket.socket, client: socket.socket) -> None:
        tail = b""
        while True:
            try:
                data = server.recv(65536)
            except OSError:
                data = b""
            if not data:
                _close(client)
                return
            with self._lock:
                hit = self._after_commit and COMMIT_DONE in tail + data
                if hit:
                    self._after_commit = False
            if hit:
                self._cut(server, client)
                return
            tail = data[-len(COMMIT_DONE) :]
            try:
                client.sendall(data)
            except OSError:
                _close(server)
                return

    def _client_to_server(self, client: socket.socket, server: socket.socket) -> None:
        buf = b""
        startup = True
        while True:
            try:
                data = client.recv(65536)
            except OSError:
                data = b""
            if not data:
                _close(server)
                return
            buf += data
            statements = 0
            while True:  # count whole messages; keep a partial one for the next read
                if startup:
                    if len(buf) < 8:
                        break
                    (length,) = struct.unpack("!I", buf[:4])
                    if len(buf) < length:
                        break
                    (code,) = struct.unpack("!I", buf[4:8])
                    buf = buf[length:]
                    startup = code in _STARTUP_REQUESTS
                    continue
                if len(buf) < 5:
                    break
                kind = buf[:1]
                (length,) = struct.unpack("!I", buf[1:5])
                if len(buf) < 1 + length:
                    break
                buf = buf[1 + length :]
                if kind in (b"Q", b"P"):
                    statements += 1
            cut = False
            if statements:
                with self._lock:
                    if self._at_statement is not None:
                        self._statements += statements
                        if self._statements >= self._at_statement:
                            self._at_statement = None
                            cut = True
            if cut:
                self._cut(client, server)
                return
            try:
                server.sendall(data)
            except OSError:
                _close(client)
                return


def _close(s: socket.socket) -> None:
    try:
        s.close()
    except OSError:
        pass
