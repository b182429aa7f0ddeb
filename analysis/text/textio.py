"""Text input stage: turn a file's bytes into lines of text, or say exactly why it cannot be read.

UTF-8 (with or without BOM) and UTF-16/UTF-32 with a BOM are read directly; anything else is
identified by charset-normalizer and accepted when it is a Chinese encoding (GB18030 and its
subsets GBK and GB2312, Big5). A regular file is read in blocks, so a file of any size is decoded in
constant memory; it is only ever opened for reading. Standard input (``-``), a pipe, a FIFO or a
device can be read only once: its bytes are read whole the first time and kept for the run.

A text that is UTF-8 but for a character cut at its very end is UTF-8 (the cut character is
dropped, with a warning); one that is UTF-8 but for a few bad bytes is refused, saying where; a
short text is taken for GB18030 only when it reads as common characters, since a few bytes of
UTF-8 also decode as GB18030, into rare ones (要加强落 would become 瑕佸姞寮鸿惤瀹).
"""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
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
SAMPLE_BYTES = 1 << 20  # what the encoding is detected from
STDIN = "-"  # the file name that means standard input
SHORT_BYTES = 1000  # below this, a GB18030 guess must read as common characters
_SPOOLED: dict[str, bytes] = {}  # the bytes of inputs that can be read only once, by path
BLOCK_BYTES = 1 << 20
# The line ends of str.splitlines().
LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def printable(name: str) -> str:
    """Return a file name as text that can be written anywhere: bytes that are not UTF-8 (a name from
    another system) become ``\\xff`` escapes."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", errors="backslashreplace")


MAX_INPUT_BYTES = 1 << 30  # a speech file, or a corpus's largest, is far smaller; /dev/zero is endless


def read_bytes(path: str | Path) -> bytes:
    """Return the bytes of an input, read once: a regular file read whole, or standard input, a pipe,
    a FIFO or a device read to its end the first time and kept for the run (they cannot be read
    again). An input over ``MAX_INPUT_BYTES``, or one that starts as no text does (NUL bytes without a
    UTF-16 or UTF-32 byte order mark: /dev/zero, a binary), is refused before it is read whole.
    Raises ``InputError`` naming why an input cannot be read."""
    path = Path(path)
    key = str(path)
    if key in _SPOOLED:
        return _SPOOLED[key]
    too_big = f"over {MAX_INPUT_BYTES >> 20:,} MB: split it into files of a speech or a report each"
    try:
        if key == STDIN:
            stream = sys.stdin.buffer if sys.stdin is not None else io.BytesIO()
            data = _read_bounded(path, stream, too_big)
        else:
            if path.is_dir():
                raise InputError(path, "is a directory, not a text file")
            info = os.stat(path)
            if stat.S_ISREG(info.st_mode) and info.st_size > MAX_INPUT_BYTES:
                raise InputError(path, too_big)
            with open(path, "rb") as f:
                data = _read_bounded(path, f, too_big)
            if stat.S_ISREG(info.st_mode):
                return data
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as exc:
        raise InputError(path, _reason(path, exc)) from None
    _SPOOLED[key] = data
    return data


def _read_bounded(path: Path, stream, too_big: str) -> bytes:
    """Read a stream to its end in blocks, refusing one that starts as no text does or grows too big."""
    blocks, size = [], 0
    while block := stream.read(BLOCK_BYTES):
        if not blocks and b"\x00" in block and not block.startswith(tuple(bom for bom, _ in _BOMS)) \
                and not _utf16_without_bom(block[:SAMPLE_BYTES]):  # (that is said by the decoding: save it as UTF-8)
            raise InputError(path, "binary file (NUL bytes), not text")
        blocks.append(block)
        size += len(block)
        if size > MAX_INPUT_BYTES:
            raise InputError(path, too_big)
    return b"".join(blocks)


def _utf16_without_bom(sample: bytes) -> bool:
    """Whether bytes with NULs read as text in UTF-16 (little or big endian): Chinese, ASCII, spaces."""
    sample = sample[:len(sample) // 2 * 2]
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        readable = sum(1 for c in text if c.isspace() or " " <= c <= "~" or "\u3000" <= c <= "\u9fff"
                       or "\uff00" <= c <= "\uffef")
        if text and readable >= 0.9 * len(text):
            return True
    return False


def detect_encoding(sample: bytes, *, complete: bool = True) -> str:
    """Return the codec to decode a file starting with ``sample``, or raise ``ValueError`` saying why not.

    ``complete`` says the sample is the whole file (otherwise a character cut at its end is fine).
    A whole file of UTF-8 whose last character is cut is UTF-8 (see ``utf8_cut_at_end``).
    """
    for bom, codec in _BOMS:
        if sample.startswith(bom):
            return codec
    if b"\x00" in sample:
        if _utf16_without_bom(sample):
            raise ValueError("UTF-16 without a byte order mark: save it as UTF-8 (or UTF-16 with BOM)")
        raise ValueError("binary file (NUL bytes), not text")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
        return "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if utf8_cut_at_end(sample):
        return "utf-8"
    bad = sample.decode("utf-8", errors="replace").count("\ufffd")
    valid = len(sample.decode("utf-8", errors="ignore").encode("utf-8"))
    if valid >= 0.9 * len(sample):
        raise ValueError(f"undecodable bytes at byte {utf8_error.start}: UTF-8 with {bad} invalid "
                         f"byte{'s' if bad > 1 else ''}")
    from charset_normalizer import from_bytes

    # Only Chinese encodings are candidates; on a tie (a short text can be valid GB18030 and Big5
    # alike) GB18030 wins, the encoding of mainland documents.
    candidates = from_bytes(sample, cp_isolation=["gb18030", "big5"])
    ranked = sorted(candidates, key=lambda m: (m.chaos, m.encoding != "gb18030"))
    if ranked and ranked[0].encoding in _CHINESE_ENCODINGS:
        codec = _CHINESE_ENCODINGS[ranked[0].encoding]
        if len(sample) < SHORT_BYTES and codec == "gb18030" and not _common_chinese(sample.decode(codec, "replace")):
            raise ValueError(f"undecodable bytes: not UTF-8 (byte {utf8_error.start}), and too short to tell "
                             "a Chinese encoding: as GB18030 it reads as rare characters")
        return codec
    guess = from_bytes(sample).best()
    raise ValueError(
        f"undecodable bytes: not UTF-8 (byte {utf8_error.start}) nor a Chinese encoding"
        + (f" (best guess: {guess.encoding})" if guess else "")
    )


def utf8_cut_at_end(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 up to a character cut at its very end (1 to 3 bytes missing)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    try:
        data.decode("utf-8")
        return False
    except UnicodeDecodeError as exc:
        return exc.reason == "unexpected end of data"


def _common_chinese(text: str) -> bool:
    """Whether nearly all Han characters of ``text`` are common ones (in GB2312), as real text's are."""
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return False
    common = sum(1 for c in han if _in_gb2312(c))
    return common >= 0.95 * len(han)


def _in_gb2312(character: str) -> bool:
    try:
        character.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


@dataclass
class TextSource:
    """A speech file's bytes (read once) with their encoding: its text in blocks or in lines."""

    path: Path
    encoding: str
    data: bytes = field(default=b"", repr=False)
    cut_at_end: bool = False  # UTF-8 whose last character is cut: the cut bytes are dropped

    @property
    def sample(self) -> bytes:
        """The first bytes, which the encoding was detected on."""
        return self.data[:SAMPLE_BYTES]

    def sample_text(self) -> str:
        """Return the text of the sample (a character cut at its end left out)."""
        return codecs.getincrementaldecoder(self.encoding)(errors="replace").decode(self.sample, final=False)

    def blocks(self) -> Iterator[str]:
        """Yield the decoded text in blocks; raise ``InputError`` at the first undecodable byte."""
        decoder = codecs.getincrementaldecoder(self.encoding)(errors="strict")
        wide = self.encoding.startswith(("utf-16", "utf-32"))
        view = memoryview(self.data)
        done = 0
        while True:
            data = bytes(view[done:done + BLOCK_BYTES])
            final = not data
            if data and not wide and b"\x00" in data:
                raise InputError(self.path, f"binary file (NUL byte at {done + data.index(0)}), not text")
            buffered = len(decoder.getstate()[0])  # bytes of a character cut by the last block
            try:
                text = decoder.decode(data, final=final and not self.cut_at_end)
            except UnicodeDecodeError as exc:
                raise InputError(self.path, f"undecodable bytes at byte {done - buffered + exc.start}: "
                                            f"not valid {self.encoding}") from None
            done += len(data)
            if text:
                yield text
            if final:
                return

    def lines(self, convert: Callable[[str], str] | None = None) -> Iterator[str]:
        """Yield the lines of the text without their line ends (each converted by ``convert``, if given:
        the whole lines of a block at once, since a conversion such as OpenCC's never crosses a line end).

        What ends a line is what ends one for ``str.splitlines``: CRLF, CR, LF, and the paragraph and
        line separators of Word exports (U+2029, U+2028) among others.
        """
        def converted(lines: list[str]) -> list[str]:
            return convert("\n".join(lines)).split("\n") if convert is not None and lines else lines

        pending: list[str] = []  # the pieces of an unfinished line
        after_cr = False
        for block in self.blocks():
            if after_cr and block.startswith("\n"):
                block = block[1:]  # the second half of a CRLF cut between two blocks
            after_cr = block.endswith("\r")
            parts = LINE_BREAK.split(block)
            if len(parts) == 1:
                pending.append(block)
                continue
            yield from converted(["".join(pending) + parts[0], *parts[1:-1]])
            pending = [parts[-1]]
        yield from converted(["".join(pending)])


def open_text(path: str | Path, data: bytes | None = None) -> TextSource:
    """Open a speech file (``data``: its bytes, when they have been read): check it is not empty, and
    detect its encoding."""
    path = Path(path)
    data = read_bytes(path) if data is None else data
    if not data:
        raise InputError(path, "empty file")
    try:
        encoding = detect_encoding(data[:SAMPLE_BYTES], complete=len(data) <= SAMPLE_BYTES)
    except ValueError as exc:
        raise InputError(path, str(exc)) from None
    cut = encoding == "utf-8" and len(data) <= SAMPLE_BYTES and utf8_cut_at_end(data)
    return TextSource(path, encoding, data, cut_at_end=cut)


def _reason(path: Path, exc: OSError) -> str:
    """Why a file cannot be opened, in words: a symbolic link that loops is not "no such file"."""
    import errno

    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return exc.strerror or str(exc)


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def count_han(text: str) -> int:
    """Return the number of Chinese (Han) characters in ``text``."""
    return len(text) - len(_HAN.sub("", text))


def has_han(text: str) -> bool:
    """Whether ``text`` holds a Chinese (Han) character."""
    return _HAN.search(text) is not None


_NOT_HAN = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


def traditional_changes(text: str, *, sample: int | None = 20000) -> tuple[int, int]:
    """Return how many of the first ``sample`` Han characters (all with ``None``) OpenCC changes to
    simplified, and how many Han characters it read."""
    import numpy as np

    han = _NOT_HAN.sub("", text)[:sample]
    if not han:
        return 0, 0
    converted = convert_to_simplified(han)
    if len(converted) != len(han):  # OpenCC t2s maps character to character; should a phrase differ, compare slowly
        return sum(a != b for a, b in zip(han, converted)), len(han)
    before = np.frombuffer(han.encode("utf-32-le"), dtype=np.uint32)
    after = np.frombuffer(converted.encode("utf-32-le"), dtype=np.uint32)
    return int((before != after).sum()), len(han)


def traditional_share(text: str) -> float:
    """Return the share of Han characters that OpenCC changes from traditional to simplified.

    Simplified text scores near 0 (a few characters, such as 乾, are both); traditional text scores
    about 0.3 or more, since a third or more of the characters of running text differ.
    """
    changed, sampled = traditional_changes(text)
    return changed / sampled if sampled else 0.0


def convert_to_simplified(text: str) -> str:
    """Return ``text`` with traditional characters converted to simplified ones (OpenCC t2s)."""
    return _converter().convert(text)


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")
