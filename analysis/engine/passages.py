"""Passages for reading by hand: the text an annotator is given, made the same way every time.

An annotator reads a file's own text, not the project's cleaned one (cleaning is what is being
measured too): the raw file decoded, its paragraphs on lines of their own (a run of spaces that a news
site left between paragraphs, or a line break, is a line break; a single space is kept), and of that
a window of whole lines or sentences. Gold files locate their rows by offsets into this text, so a
gold file needs no copy of the text (the news speeches are not the project's to copy), and the
validation maps each offset to the project's cleaned text by the characters both keep (cleaning only
drops spaces, line breaks and zero-width characters, and changes other characters one for one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from analysis.text.textio import open_text

_BREAK = re.compile(r"[ \t\u3000\u00a0]*(?:\r\n|[\n\r\u2028\u2029]|\u3000|[ \t\u00a0]{2,})[ \t\u3000\u00a0\r\n\u2028\u2029]*")
_SKIPPED = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]")


@dataclass(frozen=True)
class Passage:
    """A window of a file's reading text: ``text[start:end]`` of ``reading_text(path)``."""

    path: Path
    start: int
    end: int

    def text(self) -> str:
        return reading_text(self.path)[self.start:self.end]


def reading_text(path: Path) -> str:
    """A file's text as an annotator reads it: decoded as the project decodes it, one paragraph a line."""
    source = open_text(path)
    return _BREAK.sub("\n", "".join(source.blocks())).strip("\n")


def kept_positions(text: str) -> list[int]:
    """The positions of the characters of ``text`` that cleaning keeps as characters (not spaces,
    line breaks or zero-width characters): the k-th of them in a reading text is the k-th in the
    cleaned text."""
    return [i for i, c in enumerate(text) if not _SKIPPED.match(c)]


def window(text: str, start: int, size: int) -> tuple[int, int]:
    """A window of about ``size`` characters from ``start``, both ends at a line end or a sentence end."""
    ends = [m.end() for m in re.finditer(r"\n|[。！？]”?", text)]
    first = next((e for e in [0, *ends] if e >= start), 0)
    while first < len(text) and text[first] == "\n":
        first += 1
    last = next((e for e in ends if e >= first + size), len(text))
    return first, last
