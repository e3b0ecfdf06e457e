"""Scripted HTTP servers on 127.0.0.1 for the fetching tests: nothing leaves the machine.

A :class:`LocalServer` answers each connection with a function of the raw socket, so a test
can misbehave as a hostile server would (drip bytes, send a decompression bomb) and can
check which requests arrived at all.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Respond = Callable[[socket.socket, str], None]  # (connection, request line)


class LocalServer:
    """Accepts connections on 127.0.0.1 and records the request line of each.

    With ``tls`` (a server-side context), connections are TLS and ``server_names`` records
    the name each client sent (SNI).
    """

    def __init__(self, respond: Respond, tls: ssl.SSLContext | None = None) -> None:
        self.respond = respond
        self.tls = tls
        self.requests: list[str] = []
        self.server_names: list[str | None] = []
        if tls is not None:
            tls.sni_callback = lambda _sock, name, _context: self.server_names.append(name)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self.listener.close()

    def _accept(self) -> None:
        while True:
            try:
                connection, _peer = self.listener.accept()
            except OSError:  # closed: the test is over
                return
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        if self.tls is not None:
            try:
                connection = self.tls.wrap_socket(connection, server_side=True)
            except (OSError, ssl.SSLError):  # the client refused the certificate
                connection.close()
                return
        with connection:
            head = read_head(connection)
            if not head:
                return
            line = head.split(b"\r\n", 1)[0].decode("latin-1")
            self.requests.append(line)
            with contextlib.suppress(OSError):  # the client hung up, as it may
                self.respond(connection, line)


def read_head(connection: socket.socket) -> bytes:
    data = b""
    connection.settimeout(10)
    while b"\r\n\r\n" not in data:
        try:
            chunk = connection.recv(4096)
        except OSError:
            return b""
        if not chunk:
            return data
        data += chunk
    return data


@contextmanager
def local_server(respond: Respond, tls: ssl.SSLContext | None = None) -> Iterator[LocalServer]:
    server = LocalServer(respond, tls)
    try:
        yield server
    finally:
        server.close()


def answer(
    body: bytes, content_type: str = "text/html", headers: dict[str, str] | None = None
) -> Respond:
    """Respond with one complete HTTP/1.1 response."""
    extra = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
    head = (
        f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n{extra}\r\n"
    )

    def respond(connection: socket.socket, _line: str) -> None:
        connection.sendall(head.encode("latin-1") + body)

    return respond


def routes(table: dict[str, Respond]) -> Respond:
    """Respond by path; 404 for any other."""

    def respond(connection: socket.socket, line: str) -> None:
        path = line.split(" ")[1] if line.count(" ") >= 2 else ""
        table.get(path, _not_found)(connection, line)

    return respond


def _not_found(connection: socket.socket, _line: str) -> None:
    connection.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
