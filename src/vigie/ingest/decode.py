"""Bytes to text: UTF-8 first, then a guessed single-byte encoding; binary data refused.

Newlines are folded as Python's text mode does (``\\r\\n`` and a lone ``\\r`` each become
``\\n``) and a BOM is dropped, so offsets match ``open(path, encoding=…).read()``.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

__all__ = ["decode_bytes", "fold_newlines", "looks_binary"]

# byte values that never appear in text in any encoding we accept
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def fold_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_binary(data: bytes) -> bool:
    """True for data with NUL bytes or many control characters (images, archives…)."""
    sample = data[:65536]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(sample.count(bytes([c])) for c in _CONTROL)
    return controls / len(sample) > 0.01


def decode_bytes(data: bytes) -> tuple[str, str]:
    """``(text, encoding)``. Raises ``ValueError`` with the problem for undecodable data."""
    if looks_binary(data):
        raise ValueError("binary data, not text (NUL or control bytes)")
    if data.startswith(codecs.BOM_UTF8):
        return fold_newlines(data[3:].decode("utf-8", errors="strict")), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return fold_newlines(data.decode("utf-16")), "utf-16"
    try:
        return fold_newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    # Mostly Latin letters with a few high bytes: a Western single-byte encoding (cp1252 is
    # latin-1 plus typographic characters in 0x80–0x9F). Mostly high bytes: another script
    # (cp1251, koi8-r…), which charset-normalizer tells apart.
    n_high = sum(1 for b in data if b >= 0x80)
    n_ascii_letters = sum(1 for b in data if 65 <= b <= 90 or 97 <= b <= 122)
    if n_high <= 0.6 * (n_high + n_ascii_letters):
        if any(0x80 <= b < 0xA0 for b in data):
            try:
                return fold_newlines(data.decode("cp1252")), "cp1252"
            except UnicodeDecodeError:
                pass
        else:
            return fold_newlines(data.decode("latin-1")), "iso8859-1"
    best = from_bytes(data[:200_000]).best()
    if best is not None:
        enc = codecs.lookup(best.encoding).name
        try:
            return fold_newlines(data.decode(enc)), enc
        except UnicodeDecodeError:
            pass
    raise ValueError("not text in any known encoding")
