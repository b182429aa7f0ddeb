"""Text input stage: turn a file's bytes into text, or say exactly why it cannot be read.

UTF-8 (with or without BOM) and UTF-16/UTF-32 with a BOM are read directly; anything else is
identified by charset-normalizer and accepted when it is a Chinese encoding (GB18030 and its
subsets GBK and GB2312, Big5). Files are only ever opened for reading.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from analysis.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# charset-normalizer's names for the Chinese encodings we accept, and the codec that decodes them:
# GB18030 is a superset of GBK and GB2312, so it decodes all three (and never worse).
_CHINESE_ENCODINGS = {"gb18030": "gb18030", "gbk": "gb18030", "gb2312": "gb18030", "hz": "hz",
                      "big5": "big5hkscs", "big5hkscs": "big5hkscs", "cp950": "big5hkscs"}


def detect_encoding(data: bytes) -> str:
    """Return the codec name to decode ``data`` with, or raise ``ValueError`` saying why there is none."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    if b"\x00" in data:
        raise ValueError("binary file (NUL bytes), not text")
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guess = best.encoding if best else None
    if guess in _CHINESE_ENCODINGS:
        return _CHINESE_ENCODINGS[guess]
    raise ValueError(
        f"undecodable bytes: not UTF-8 (byte {utf8_error.start}) nor a Chinese encoding"
        + (f" (best guess: {guess})" if guess else "")
    )


def read_text(path: Path) -> tuple[bytes, str, str]:
    """Return the raw bytes, the decoded text and the encoding of a speech file."""
    path = Path(path)
    if path.is_dir():
        raise InputError(path, "is a directory, not a text file")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None
    if not data:
        raise InputError(path, "empty file")
    try:
        encoding = detect_encoding(data)
        text = data.decode(encoding)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(path, str(exc)) from None
    if not text.strip():
        raise InputError(path, "only whitespace, no text")
    return data, text, encoding


def convert_to_simplified(text: str) -> str:
    """Return ``text`` with traditional characters converted to simplified ones (OpenCC t2s)."""
    import opencc

    return opencc.OpenCC("t2s").convert(text)
