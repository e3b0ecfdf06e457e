"""The dashboard pages as served HTML: each page, escaping of article text, no CDN."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from tests.web.texts import XSS_PAYLOAD, XSS_TITLE

PAGES = [
    "/",
    "/dyad?a=IND&b=PAK",
    "/dyad?a=IND&b=PAK&by=week",
    "/timeline",
    "/timeline?a=IND&b=PAK",
    "/positions",
    "/agreements",
    "/documents",
    "/documents/xss",
    "/documents/ipk-mediation",
    "/search?text=shelling",
    "/search?text=answer+attack",
    "/docs",
]


def _page(client: TestClient, url: str) -> str:
    response = client.get(url, headers={"accept": "text/html"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    return response.text


@pytest.mark.parametrize("url", PAGES)
def test_every_page_loads_only_its_own_files(client: TestClient, url: str) -> None:
    page = _page(client, url)
    for attribute in re.findall(r'(?:src|href)="([^"]*)"', page):
        assert not attribute.startswith(("http:", "https:", "//")), (url, attribute)
    scripts = re.findall(r"<script([^>]*)>", page)
    for script in scripts:  # only the package's files, and JSON data
        assert 'src="/static/' in script or 'type="application/json"' in script, script
    csp = client.get(url).headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp


SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.mark.parametrize(
    ("url", "escaped"),
    [
        ("/dyad?a=IND&b=PAK&by=day", "border villages &lt;"),  # the evidence stops at "<"
        ("/timeline", "border villages &lt;"),
        ("/documents", html.escape(XSS_TITLE)),
        ("/documents/xss", SCRIPT),
        ("/search?text=alert", "&lt;script&gt;"),
        ("/search?text=answer+attack", SCRIPT),
    ],
)
def test_article_text_is_escaped(client: TestClient, url: str, escaped: str) -> None:
    """The XSS test, server side: the script tags and HTML of the article (its text and
    title) reach the page only as escaped text."""
    page = _page(client, url)
    for raw in ("<script>alert", "<img src=x", '<b id="injected', 'onerror="alert'):
        assert raw not in page, (url, raw)
    assert escaped in page.replace("&#34;", "&quot;"), url


def test_document_view_highlights_every_layer(client: TestClient) -> None:
    page = _page(client, "/documents/ipk-mediation")
    for layer in ("l-event", "l-trigger", "l-actor", "l-time"):
        assert layer in page, layer
    assert 'id="ev-0"' in page and 'id="s-1"' in page
    assert "Simla Agreement" in page and "in force" in page
    quoted = _page(client, "/documents/ipk-ceasefire")
    assert "l-quote" in quoted and 'id="q-0"' in quoted
    article = re.search(
        r'<article class="article"[^>]*>(.*?)</article>', _page(client, "/documents/xss"), re.S
    )
    assert article is not None
    # Cut into highlighted pieces, the payload is still all there, as text.
    assert XSS_PAYLOAD in html.unescape(re.sub(r"<[^>]*>", "", article.group(1)))


def test_dyad_page_embeds_chart_data_as_json(client: TestClient) -> None:
    page = _page(client, "/dyad?a=ind&b=pak&by=month")
    assert 'id="dyad-chart"' in page and "/static/vendor/uPlot.iife.min.js" in page
    data = re.search(r'<script type="application/json" id="dyad-data">(.*?)</script>', page, re.S)
    assert data is not None and '"periods"' in data.group(1)
    assert "2025-05" in data.group(1) and "2025-06" in data.group(1)
    assert "Dispute: " in page and "IND" in page and "PAK" in page


def test_positions_and_agreements_pages(client: TestClient) -> None:
    positions = _page(client, "/positions")
    assert "third-party mediation" in positions and "oppose" in positions and "support" in positions
    agreements = _page(client, "/agreements?status=suspended")
    assert "Indus Waters Treaty" in agreements and "Simla Agreement" not in agreements


def test_page_errors_are_pages(client: TestClient) -> None:
    missing = client.get("/documents/nothing-here", headers={"accept": "text/html"})
    assert missing.status_code == 404 and "E050" in missing.text and "<html" in missing.text
    invalid = client.get("/dyad?by=year", headers={"accept": "text/html"})
    assert invalid.status_code == 422 and "E052" in invalid.text


def test_static_files_are_served(client: TestClient) -> None:
    for name in ("app.css", "dyad.js", "document.js", "vendor/uPlot.iife.min.js"):
        assert client.get(f"/static/{name}").status_code == 200, name
