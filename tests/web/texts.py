"""Short articles written for the web tests, one of them carrying script tags and HTML."""

from __future__ import annotations

from datetime import date

XSS_TITLE = '<script>alert("title")</script> Border <b id="injected-title">row</b>'
XSS_PAYLOAD = '<script>alert(1)</script><img src=x onerror="alert(2)"><b id="injected">x</b>'

ARTICLES: list[tuple[str, date, str | None, str]] = [
    (
        "ipk-strike",
        date(2025, 5, 7),
        "India strikes Pakistan",
        "India launched missile strikes on Pakistan on May 7, 2025. Pakistan condemned the "
        "strikes on Wednesday.",
    ),
    (
        "ipk-ceasefire",
        date(2025, 5, 10),
        "India and Pakistan agree to a ceasefire",
        "India and Pakistan agreed to a ceasefire on Saturday after four days of fighting. "
        '"This is a victory for peace and for the people of both our countries," Pakistan\'s '
        "Prime Minister Shehbaz Sharif said.",
    ),
    (
        "ipk-mediation",
        date(2025, 8, 8),
        "Pakistan welcomes mediation, India refuses",
        "Pakistan welcomed third-party mediation on Kashmir on Friday. Citing the 1972 Simla "
        "Agreement, India continues to refuse any outside mediation on the Kashmir dispute. "
        "India suspended the Indus Waters Treaty in April.",
    ),
    (
        "xss",
        date(2025, 6, 2),
        XSS_TITLE,
        f"India accused Pakistan of shelling border villages {XSS_PAYLOAD} on Monday. "
        f'"We will answer every attack {XSS_PAYLOAD} with force," the Indian army said on '
        "Monday.",
    ),
]
