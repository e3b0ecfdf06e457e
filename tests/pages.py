"""Helpers that build realistic HTML pages around an article for extraction tests."""

from __future__ import annotations

from html import escape


def wrap_in_page(text: str, published: str | None = None) -> str:
    """An HTML page with navigation, a sidebar, a footer and a comment form around the
    article's paragraphs (the first paragraph becomes the headline)."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    title, body = paragraphs[0], paragraphs[1:]
    meta = (
        f'<meta property="article:published_time" content="{published}T09:00:00+00:00">'
        if published
        else ""
    )
    article = "\n".join(f"<p>{escape(p)}</p>" for p in body)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(title)} | Daily Example</title>{meta}</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article><h1>{escape(title)}</h1>
<div class="byline">By Staff Reporter</div>
{article}
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Markets rally as oil prices fall</a></li>
<li><a href="/b">Ten recipes for summer evenings</a></li></ul></aside>
<section id="comments"><h3>Leave a Reply</h3>
<form><p>Your email address will not be published. Required fields are marked *</p>
<label>Comment *</label><textarea></textarea><label>Name *</label><input>
<label>Email *</label><input><button>Post Comment</button></form></section></main>
<footer><p>Copyright 2025 Daily Example. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/contact">Contact us</a></footer>
</body></html>"""
