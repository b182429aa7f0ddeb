"""Cleaning stage: turn a raw line of a speech file into the line every offset of the project indexes.

The raw file is never written: cleaning is code. It removes the hosting site's boilerplate lines
(patterns in ``data/boilerplate.yaml``), normalises ASCII punctuation used in Chinese text to full
width and normalises whitespace.
"""

from __future__ import annotations

import re
import unicodedata

from analysis.text.lexicons import Boilerplate, load_boilerplate
from analysis.text.textio import LINE_BREAK

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’"
_ASCII_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}
# An ASCII mark counts as Chinese punctuation when a CJK character stands on either side of it;
# between two Latin letters or digits (3,000  10:30  e.g.,) it is left alone.
_ASCII_PUNCT = re.compile(rf"(?<=[{CJK}])[,:;!?]|[,:;!?](?=[{CJK}])")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_SPACE_NEXT_TO_CJK = re.compile(rf"(?<=[{CJK}]) | (?=[{CJK}])")


def clean_line(line: str, boilerplate: Boilerplate) -> str | None:
    """Return a cleaned line: "" when blank, ``None`` when it is site boilerplate to remove."""
    line = _SPACES.sub(" ", unicodedata.normalize("NFC", line)).strip().lstrip("\ufeff").strip()
    if not line:
        return ""
    if any(p.search(line) for p in boilerplate.patterns):
        return None
    line = _SPACE_NEXT_TO_CJK.sub("", line)
    return _ASCII_PUNCT.sub(lambda m: _ASCII_TO_FULL[m.group()], line)


def clean_text(raw: str, *, boilerplate: Boilerplate | None = None) -> tuple[str, list[str]]:
    """Return the cleaned text and the boilerplate lines removed from it."""
    boilerplate = load_boilerplate() if boilerplate is None else boilerplate
    kept, removed = [], []
    for line in LINE_BREAK.split(raw):
        cleaned = clean_line(line, boilerplate)
        if cleaned is None:
            removed.append(line.strip())
        elif cleaned:
            kept.append(cleaned)
    return "\n".join(kept), removed
