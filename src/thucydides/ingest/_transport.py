"""An httpx transport that connects only to addresses it has checked, within a deadline.

Checking a host's addresses and then letting the HTTP library resolve the name again
leaves a gap: a DNS server can answer a public address to the check and 127.0.0.1 to the
connection (DNS rebinding). Here the network backend itself resolves the name once per
connection, checks every address, and connects the socket to a checked address. Only the
socket is pinned: httpcore still hands the URL's host name to ``start_tls`` as
``server_hostname``, so TLS sends it as SNI and verifies the certificate against the name,
never against the IP address.

A per-read timeout does not bound a request: a server sending one byte a second never lets
a read time out. So the name lookup and every socket operation (connect, TLS handshake,
write, read) are given the smaller of their own timeout and the time left until the
request's deadline, which the caller sets around a whole request, redirects included, with
:func:`deadline`.
"""

from __future__ import annotations

import concurrent.futures
import ssl
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import httpcore
import httpx

from thucydides.ingest._guard import is_public

Resolver = Callable[[str, int], list[str]]
SocketOption = (
    tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]
)

_DEADLINE: ContextVar[float | None] = ContextVar("thucydides_fetch_deadline", default=None)
_LOOKUPS = concurrent.futures.ThreadPoolExecutor(4, thread_name_prefix="thucydides-dns")


class Refused(Exception):
    """The host resolves to an address the guard does not allow."""

    def __init__(self, host: str, address: str) -> None:
        super().__init__(f"{host} resolves to {address}")
        self.host = host
        self.address = address


class Unresolvable(Exception):
    """The host name does not resolve (retrying would not help)."""


class DeadlineExceeded(Exception):
    """The request's deadline passed before it completed."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Every socket operation inside the block ends ``seconds`` from now at the latest."""
    token = _DEADLINE.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check_deadline() -> None:
    """Raise :class:`DeadlineExceeded` if the current deadline has passed."""
    _time_allowed(None)


def _time_allowed(timeout: float | None) -> tuple[float | None, bool]:
    """The time one operation may take, and whether the deadline (not ``timeout``) sets it."""
    ends = _DEADLINE.get()
    if ends is None:
        return timeout, False
    left = ends - time.monotonic()
    if left <= 0:
        raise DeadlineExceeded
    if timeout is None or left < timeout:
        return left, True
    return timeout, False


@contextmanager
def _within_deadline(timeout: float | None) -> Iterator[float | None]:
    allowed, by_deadline = _time_allowed(timeout)
    try:
        yield allowed
    except httpcore.TimeoutException:
        if by_deadline:
            raise DeadlineExceeded from None
        raise


class _DeadlineStream(httpcore.NetworkStream):
    """A connected stream whose every operation ends by the request's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        with _within_deadline(timeout) as allowed:
            return self._inner.read(max_bytes, allowed)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        with _within_deadline(timeout) as allowed:
            self._inner.write(buffer, allowed)

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        # server_hostname is the URL's host name: SNI and certificate checks use the name.
        with _within_deadline(timeout) as allowed:
            inner = self._inner.start_tls(ssl_context, server_hostname, allowed)
        return _DeadlineStream(inner)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """Resolves each host once, checks every address, connects to a checked one."""

    def __init__(self, resolver: Resolver, allow_private: bool) -> None:
        self._resolver = resolver
        self._allow_private = allow_private
        self._sockets = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        failure: Exception = httpcore.ConnectError(f"{host} has no address")
        for address in self.checked_addresses(host, port, timeout):
            allowed, by_deadline = _time_allowed(timeout)
            try:
                stream = self._sockets.connect_tcp(
                    address, port, allowed, local_address, socket_options
                )
            except httpcore.ConnectTimeout as exc:
                if by_deadline:
                    raise DeadlineExceeded from None
                failure = exc
            except httpcore.ConnectError as exc:
                failure = exc  # the next address may answer
            else:
                return _DeadlineStream(stream)
        raise failure

    def checked_addresses(self, host: str, port: int, timeout: float | None) -> list[str]:
        """All of ``host``'s addresses, after checking that every one is allowed."""
        try:
            addresses = self._resolve(host, port, timeout)
        except (OSError, UnicodeError, ValueError) as exc:
            raise Unresolvable(f"cannot resolve {host}: {exc}") from exc
        if not self._allow_private:
            for address in addresses:
                if not is_public(address):
                    raise Refused(host, address)
        return addresses

    def _resolve(self, host: str, port: int, timeout: float | None) -> list[str]:
        # getaddrinfo cannot be interrupted, and a host's own DNS server may answer slowly:
        # ask in a worker thread and stop waiting at the deadline (the lookup itself ends
        # when the system resolver gives up).
        allowed, by_deadline = _time_allowed(timeout)
        lookup = _LOOKUPS.submit(self._resolver, host, port)
        try:
            return lookup.result(timeout=allowed)
        except concurrent.futures.TimeoutError:
            if by_deadline:
                raise DeadlineExceeded from None
            raise httpcore.ConnectTimeout(f"looking up {host} took over {allowed} s") from None

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("fetching never uses Unix sockets")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class GuardedTransport(httpx.BaseTransport):
    """httpx over httpcore with the :class:`GuardedBackend` (no proxies, no Unix sockets)."""

    def __init__(self, resolver: Resolver, allow_private: bool) -> None:
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            network_backend=GuardedBackend(resolver, allow_private),
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.SyncByteStream)  # a sync client's request
        core = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with _as_httpx_errors():
            answer = self._pool.handle_request(core)
        assert isinstance(answer.stream, Iterable)  # the sync pool's response stream
        return httpx.Response(
            status_code=answer.status,
            headers=answer.headers,
            stream=_ResponseBody(answer.stream),
            extensions=answer.extensions,
        )

    def close(self) -> None:
        self._pool.close()


class _ResponseBody(httpx.SyncByteStream):
    def __init__(self, stream: Iterable[bytes]) -> None:
        self._stream = stream

    def __iter__(self) -> Iterator[bytes]:
        with _as_httpx_errors():
            yield from self._stream

    def close(self) -> None:
        close = getattr(self._stream, "close", None)
        if close is not None:
            close()


# httpcore's errors and their httpx counterparts, most specific first.
_HTTPX_ERRORS: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
)


@contextmanager
def _as_httpx_errors() -> Iterator[None]:
    try:
        yield
    except Exception as exc:
        for core_error, httpx_error in _HTTPX_ERRORS:
            if isinstance(exc, core_error):
                raise httpx_error(str(exc)) from exc
        raise
