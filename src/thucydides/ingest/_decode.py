"""Undoing a response's Content-Encoding without ever holding more than the size limit.

A decompressor asked for all its output at once turns a few hundred bytes into gigabytes
(two stacked gzip layers multiply their ratios), so the size limit must apply while the
bytes are decoded, not after. Each layer here inflates at most :data:`PIECE` bytes per
step and passes them on lazily; the raw body and every decoded layer stop at the limit.
Memory stays near the limit however large the bomb, and at most :data:`MAX_LAYERS`
encodings may be stacked (servers use one).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator

MAX_LAYERS = 2
PIECE = 64 * 1024  # bytes inflated per step
_GZIP_WBITS = 16 + zlib.MAX_WBITS
_ZLIB_WBITS = zlib.MAX_WBITS
_RAW_DEFLATE_WBITS = -zlib.MAX_WBITS


class TooLarge(Exception):
    """The body, or one of its decoded layers, passed the size limit."""


class Undecodable(Exception):
    """An unknown or too deeply stacked Content-Encoding, or corrupt compressed data."""


def decode_body(
    raw: Iterable[bytes],
    content_encoding: str,
    limit: int,
    tick: Callable[[], None] = lambda: None,
) -> bytes:
    """The decoded body; ``tick`` is called between pieces (to enforce a deadline)."""
    stream = _capped(raw, limit)
    for coding in reversed(codings(content_encoding)):
        stream = _capped(_inflate(stream, coding), limit)
    pieces: list[bytes] = []
    for piece in stream:
        tick()
        pieces.append(piece)
    return b"".join(pieces)


def codings(content_encoding: str) -> list[str]:
    """The encodings applied, in the order applied; raise :class:`Undecodable` if refused."""
    names = [name.strip().lower() for name in content_encoding.split(",")]
    applied = [name for name in names if name and name != "identity"]
    for name in applied:
        if name not in ("gzip", "x-gzip", "deflate"):
            raise Undecodable(f"unsupported Content-Encoding {name!r} (gzip and deflate are)")
    if len(applied) > MAX_LAYERS:
        raise Undecodable(f"{len(applied)} stacked Content-Encodings (at most {MAX_LAYERS})")
    return applied


def _capped(pieces: Iterable[bytes], limit: int) -> Iterator[bytes]:
    size = 0
    for piece in pieces:
        size += len(piece)
        if size > limit:
            raise TooLarge
        yield piece


def _inflate(compressed: Iterable[bytes], coding: str) -> Iterator[bytes]:
    chunks = iter(compressed)
    head = _first_bytes(chunks, 2)
    wbits = _deflate_wbits(head) if coding == "deflate" else _GZIP_WBITS
    decompressor = zlib.decompressobj(wbits)
    for chunk in _prepend(head, chunks):
        data = chunk
        while True:
            try:
                piece = decompressor.decompress(data, PIECE)
            except zlib.error as exc:
                raise Undecodable(f"corrupt {coding} data ({exc})") from None
            if piece:
                yield piece
            data = decompressor.unconsumed_tail
            # A full piece may leave output inside zlib with no input left: ask again.
            if decompressor.eof or (not data and len(piece) < PIECE):
                break
        if decompressor.eof:
            return  # bytes after the end of the compressed stream are ignored


def _first_bytes(chunks: Iterator[bytes], count: int) -> bytes:
    """At least ``count`` bytes from the front of ``chunks`` (fewer if it ends sooner)."""
    head = b""
    for chunk in chunks:
        head += chunk
        if len(head) >= count:
            break
    return head


def _prepend(head: bytes, chunks: Iterator[bytes]) -> Iterator[bytes]:
    if head:
        yield head
    yield from chunks


def _deflate_wbits(head: bytes) -> int:
    """'deflate' is zlib-wrapped by the standard, but some servers send raw deflate."""
    wrapped = len(head) >= 2 and head[0] & 0x0F == 8 and int.from_bytes(head[:2]) % 31 == 0
    return _ZLIB_WBITS if wrapped else _RAW_DEFLATE_WBITS
