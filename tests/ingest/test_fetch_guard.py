"""The address guard: the address checked is the address connected to (#20 F16), and IPv6
addresses that embed an IPv4 address are judged by that address.

A made-up public address stands for the internet: ``socket.create_connection`` is patched
so that connecting to it reaches a local stand-in server instead; every other address is
connected to for real, so a request that reaches the loopback "private" server shows that
the guard let it through.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.ingest.fetch_servers import LocalServer, answer, local_server
from tests.pages import wrap_in_page
from thucydides.errors import InputError
from thucydides.ingest.fetch import Fetcher, FetchSettings, is_public
from thucydides.model import Document

PUBLIC = "93.184.216.34"
ARTICLE = wrap_in_page(
    "Thailand expels Cambodian envoy\n\nThailand expelled the Cambodian ambassador on "
    "Wednesday after a landmine wounded five Thai soldiers on patrol near the border."
)


def _public_host_at(port: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Connecting to PUBLIC (any port) reaches 127.0.0.1:``port``; other addresses are real."""
    real = socket.create_connection

    def connect(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        host, port_asked = address[0], address[1]
        if host == PUBLIC:
            return real(("127.0.0.1", port), *args, **kwargs)
        return real((host, port_asked), *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", connect)


@pytest.fixture
def internet(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    """A stand-in for the public host at PUBLIC, on 127.0.0.1."""
    with local_server(answer(ARTICLE.encode())) as public:
        _public_host_at(public.port, monkeypatch)
        yield public


def _rebinding(first: list[str], then: list[str]) -> Callable[[str, int], list[str]]:
    """A resolver whose first answer differs from all later ones (DNS rebinding)."""
    calls: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        return first if len(calls) == 1 else then

    return resolve


def test_dns_rebinding_cannot_reach_a_private_server(internet: LocalServer) -> None:
    with local_server(answer(b"<html><p>secret</p></html>")) as private:
        fetcher = Fetcher(FetchSettings(retries=0), resolver=_rebinding([PUBLIC], ["127.0.0.1"]))
        outcomes = list(fetcher.read(f"http://localhost:{private.port}/story"))
    assert private.requests == []  # the private server never saw a request
    assert internet.requests == ["GET /story HTTP/1.1"]
    assert [type(outcome) for outcome in outcomes] == [Document]


def test_a_name_resolving_to_loopback_second_is_refused_before_sending(
    internet: LocalServer,
) -> None:
    with local_server(answer(b"<html><p>secret</p></html>")) as private:
        fetcher = Fetcher(FetchSettings(retries=0), resolver=_rebinding(["127.0.0.1"], [PUBLIC]))
        (error,) = fetcher.read(f"http://localhost:{private.port}/story")
    assert private.requests == [] and internet.requests == []
    assert isinstance(error, InputError) and "E030" in str(error) and "127.0.0.1" in str(error)


def test_a_redirect_to_a_private_address_is_refused_before_sending(
    internet: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with local_server(answer(b"<html><p>secret</p></html>")) as private:
        moved = f"http://intranet.example:{private.port}/admin"
        head = f"HTTP/1.1 302 Found\r\nLocation: {moved}\r\nContent-Length: 0\r\n\r\n"
        internet.respond = lambda connection, _line: connection.sendall(head.encode())
        table = {"news.example": [PUBLIC], "intranet.example": ["10.0.0.7"]}
        fetcher = Fetcher(FetchSettings(retries=0), resolver=lambda host, _port: table[host])
        (error,) = fetcher.read("http://news.example/story")
    assert private.requests == []
    assert isinstance(error, InputError), error
    assert "E030" in str(error) and "intranet.example" in str(error) and "10.0.0.7" in str(error)


def test_every_resolved_address_is_checked(internet: LocalServer) -> None:
    fetcher = Fetcher(FetchSettings(retries=0), resolver=lambda h, p: [PUBLIC, "192.168.0.5"])
    (error,) = fetcher.read("http://mixed.example/")
    assert isinstance(error, InputError) and "192.168.0.5" in str(error)
    assert internet.requests == []


@pytest.mark.parametrize(
    "address",
    [
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254, the cloud metadata address
        "64:ff9b:1::a00:1",  # the local-use NAT64 prefix
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "2002:c0a8:101::",  # 6to4 of 192.168.1.1
        "::ffff:10.0.0.1",  # IPv4-mapped
        "::127.0.0.1",  # IPv4-compatible (deprecated)
        "::a9fe:a9fe",
        "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo
        "fec0::1",  # site-local (deprecated)
    ],
)
def test_ipv6_addresses_embedding_a_private_ipv4_are_refused(address: str) -> None:
    assert not is_public(address)


@pytest.mark.parametrize(
    "address", ["64:ff9b::5db8:d822", "2002:5db8:d822::1", "::ffff:93.184.216.34"]
)
def test_ipv6_addresses_embedding_a_public_ipv4_are_public(address: str) -> None:
    assert is_public(address)


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A test CA and certificates it signed for news.example and other.example."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make test certificates")
    folder = tmp_path_factory.mktemp("tls")
    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2"]
    ca = ["-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=keyCertSign"]
    _openssl(folder, *key, "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=Test CA", *ca)
    for name in ("news.example", "other.example"):
        signed = ["-CA", "ca.pem", "-CAkey", "ca.key", "-addext", f"subjectAltName=DNS:{name}"]
        files = ["-keyout", f"{name}.key", "-out", f"{name}.pem", "-subj", f"/CN={name}"]
        _openssl(folder, *key, *files, *signed)
    return folder


def _openssl(folder: Path, *args: str) -> None:
    command = ["openssl", "req", "-x509", *args]
    subprocess.run(command, cwd=folder, check=True, capture_output=True, timeout=30)


def _tls_server_for(certificates: Path, name: str) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certificates / f"{name}.pem", certificates / f"{name}.key")
    return context


@pytest.mark.parametrize(
    ("certified", "accepted"), [("news.example", True), ("other.example", False)]
)
def test_https_checks_the_certificate_against_the_host_name_not_the_address(
    certificates: Path,
    monkeypatch: pytest.MonkeyPatch,
    certified: str,
    accepted: bool,
) -> None:
    """The socket goes to the checked address, but TLS sends the name (SNI) and verifies
    the certificate against it: a certificate for the name passes (it names no address),
    one for another name fails."""
    monkeypatch.setenv("SSL_CERT_FILE", str(certificates / "ca.pem"))
    tls = _tls_server_for(certificates, certified)
    with local_server(answer(ARTICLE.encode()), tls) as server:
        _public_host_at(server.port, monkeypatch)
        fetcher = Fetcher(FetchSettings(retries=0), resolver=lambda h, p: [PUBLIC])
        (outcome,) = fetcher.read("https://news.example/story")
    assert server.server_names == ["news.example"]
    if accepted:
        assert isinstance(outcome, Document) and server.requests == ["GET /story HTTP/1.1"]
    else:
        assert isinstance(outcome, InputError) and "CERTIFICATE_VERIFY_FAILED" in str(outcome)
        assert server.requests == []
