"""``thucydides serve``: the web API and dashboard over a store, served with uvicorn.

Part of the command-line shell. It imports only typer at module level, so the command is
registered on a core install and says which extra to install when run without it.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from thucydides.errors import ConfigError, Msg


def serve(
    db: Annotated[
        Path,
        typer.Option("--db", help="The SQLite store (created if absent).", metavar="STORE.sqlite"),
    ],
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=0, max=65535)] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="THUCYDIDES_TOKEN",
            help="Bearer token that write endpoints (POST /api/ingest) require; without "
            "one, writes are disabled. Also read from THUCYDIDES_TOKEN.",
            show_envvar=False,
        ),
    ] = None,
    private: Annotated[
        bool,
        typer.Option(
            "--private",
            help="Require the token for every endpoint and page, reads included "
            "(browsers log in once at /login).",
        ),
    ] = False,
    code_limit: Annotated[
        int, typer.Option(help="Largest body POST /api/code accepts, in bytes.", min=1)
    ] = 1_000_000,
    ingest_limit: Annotated[
        int, typer.Option(help="Largest body POST /api/ingest accepts, in bytes.", min=1)
    ] = 20_000_000,
    code_text_limit: Annotated[
        int,
        typer.Option(
            help="Coding budget of POST /api/code: the most characters of article text one "
            "request has coded; a longer text is refused (413).",
            min=1,
        ),
    ] = 50_000,
    coding_capacity: Annotated[
        int,
        typer.Option(
            help="POST /api/code requests admitted at once (one codes, the others wait); "
            "one more is refused with 429 and Retry-After.",
            min=1,
        ),
    ] = 4,
) -> None:
    """Serve the HTTP API (OpenAPI at /openapi.json, docs at /docs) and the dashboard.

    Reads are open unless --private is given; writes need --token. The dashboard and API
    need no internet: every script and style ships in the package.
    """
    if private and not token:
        raise typer.BadParameter("--private needs --token (or THUCYDIDES_TOKEN)")
    try:
        import uvicorn

        from thucydides.web.app import create_app
        from thucydides.web.state import WebSettings
    except ImportError:
        typer.echo(f"thucydides: {Msg.E043.format(extra='web')}", err=True)
        raise typer.Exit(2) from None
    settings = WebSettings(
        db,
        token,
        private,
        code_limit,
        ingest_limit,
        code_text_limit=code_text_limit,
        coding_capacity=coding_capacity,
    )
    try:
        app = create_app(settings)
    except ConfigError as exc:
        typer.echo(f"thucydides: {exc}", err=True)
        raise typer.Exit(2) from None
    if not _loopback(host) and not private:
        typer.echo(f"thucydides: {Msg.W050.format(host=host)}", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=False)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
