"""Documents and chunks: a speech file with its identity, date and metadata, read as cleaned text.

A ``Document`` is what a file is before it is analysed: an id, its path, its bytes (read once: nothing
opens the file again), their SHA-256 (known before any processing, so results can be cached by it),
a typed date and its metadata record.
Reading it gives ``Chunk`` objects: the cleaned text in pieces of about ``chunk_chars`` characters
that end at a line end, each knowing its document and where it starts in the document's cleaned
text. A speech read whole is one chunk. Every offset in a table indexes the document's cleaned text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.errors import InputError
from analysis.text.cleaning import clean_lines, header_parts, is_name_line, page_pieces, paragraph_layout
from analysis.text.numerals import chinese_number
from analysis.text.lexicons import Boilerplate, load_boilerplate, read_text_file, read_yaml
from analysis.text.structure import HEADER_BLOCK_LINES, HEADER_LINE_CHARS, ParseState, begins_speech, Structure, parse_structure, split_sentences
from analysis.text.textio import (STDIN, convert_to_simplified, open_text, printable,
                                  traditional_changes, has_han)

if TYPE_CHECKING:
    import pandas as pd

# How many characters of the neighbouring chunks a chunk carries, for contexts that cross its edges.
MARGIN_CHARS = 200
TRADITIONAL_SAMPLE = 20_000  # Han characters of a document that tell whether its script is traditional
PRECISIONS = ("day", "month", "year", "unknown")
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


@dataclass(frozen=True)
class DocDate:
    """A document's date and how precise it is: a day, a month, a year, or unknown."""

    value: dt.date | None = None
    precision: str = "unknown"

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS or (self.value is None) != (self.precision == "unknown"):
            raise ValueError(f"a date of precision {self.precision!r} with value {self.value!r}: precision is one "
                             f"of {', '.join(PRECISIONS)}, and unknown exactly when there is no value")

    def __lt__(self, other: DocDate) -> bool:
        """Dates sort by value; unknown dates last."""
        return (self.value is None, self.value or dt.date.min) < (other.value is None, other.value or dt.date.min)

    @classmethod
    def parse(cls, value: Any) -> DocDate:
        """Read a date from metadata: a YAML date, ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or nothing.

        Raises ``ValueError`` for anything else.
        """
        if value is None or value == "":
            return cls()
        if isinstance(value, dt.datetime):
            return cls(value.date(), "day")
        if isinstance(value, dt.date):
            return cls(value, "day")
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        m = _DATE.match(value.strip()) if isinstance(value, str) else None
        if not m:
            raise ValueError(f"not a date (YYYY-MM-DD, YYYY-MM or YYYY): {value!r}")
        year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
        precision = "day" if m[3] else "month" if m[2] else "year"
        return cls(dt.date(year, month, day), precision)

    @property
    def year(self) -> int | None:
        return self.value.year if self.value else None

    def __str__(self) -> str:
        if self.value is None:
            return ""
        return {"day": self.value.isoformat(), "month": self.value.strftime("%Y-%m"),
                "year": str(self.value.year)}[self.precision]


@dataclass(frozen=True)
class Document:
    """A speech file before analysis: id, path, content hash, encoding, date and metadata."""

    id: str
    path: Path
    sha256: str
    size: int
    encoding: str
    date: DocDate = DocDate()
    metadata: Mapping[str, Any] = field(default_factory=dict)
    layout: str = "line"  # how its paragraphs are separated (see analysis.text.cleaning.paragraph_layout)
    date_source: str = ""  # where the date comes from: "metadata" (NAME.yaml or metadata.csv), "text", "file name"
    data: bytes = field(default=b"", repr=False, compare=False)  # the file's bytes, read once

    @property
    def title(self) -> str:
        return str(self.metadata.get("title") or "")


@dataclass
class Chunk:
    """A piece of a document's cleaned text (the whole text when the document is read whole).

    ``offset`` is where ``text`` starts in the document's cleaned text; the spans of ``structure``
    index ``text``, and tables add ``offset``. ``before`` and ``after`` hold up to ``MARGIN_CHARS``
    characters of the neighbouring chunks, for contexts that cross the chunk's edges.
    """

    document: Document
    index: int
    offset: int
    text: str
    structure: Structure
    removed: list[tuple[str, str]]  # (reason, text) of what cleaning removed
    before: str = ""
    after: str = ""
    last: bool = True

    @property
    def doc_id(self) -> str:
        return self.document.id

    # the whole-speech view of a one-chunk document
    @property
    def title(self) -> str:
        return self.structure.title

    @property
    def salutation(self) -> str:
        return self.structure.salutation

    @property
    def sections(self):
        return self.structure.sections

    @property
    def paragraphs(self):
        return self.structure.paragraphs

    @property
    def sentences(self):
        return self.structure.sentences

    def place(self, starts) -> dict:
        """Where each of ``starts`` (offsets into ``text``) stands: the columns doc, section,
        section_index, subsection, subsection_index, paragraph and sentence of every table that
        places its rows (``doc`` one value for all; the others arrays)."""
        return self.structure.place(starts, doc=self.doc_id)

    def rows(self, starts, ends, columns: list[str], **values) -> pd.DataFrame:
        """A table of things found in the chunk, one row each, with ``columns`` in that order: their
        ``start`` and ``end`` (``starts`` and ``ends``, local offsets, made document offsets), their place
        (``place``) and the ``values`` given (one list or array per column)."""
        import numpy as np
        import pandas as pd

        if not len(starts):  # nothing found (terms of one's own, most often): no place to look up
            return _no_rows(tuple(columns), tuple(values)).copy(deep=False)
        starts = np.asarray(starts, dtype=np.int64)
        found = {**self.place(starts), **values, "start": self.offset + starts,
                 "end": self.offset + np.asarray(ends, dtype=np.int64)}
        return pd.DataFrame({name: found[name] for name in columns}, columns=columns)

    def context(self, start: int, end: int, window: int) -> tuple[str, str]:
        """Return up to ``window`` characters left of ``text[start:end]`` and right of it (local offsets).

        Contexts reach into the neighbouring chunks, so a chunked read gives the contexts of a whole one.
        """
        if window > MARGIN_CHARS:
            raise ValueError(f"a context of {window} characters: at most {MARGIN_CHARS}")
        left = self.before + self.text[:start] if start < window else self.text[start - window:start]
        right = self.text[end:] + self.after if len(self.text) - end < window else self.text[end:end + window]
        return left[len(left) - window:] if len(left) > window else left, right[:window]


@lru_cache(maxsize=64)
def _no_rows(columns: tuple[str, ...], values: tuple[str, ...]) -> pd.DataFrame:
    """The empty table ``Chunk.rows`` gives when nothing is found: offsets and place indices as
    integers, the rest as objects."""
    import numpy as np
    import pandas as pd

    integers = {"start", "end", "section_index", "subsection_index", "paragraph", "sentence"}
    return pd.DataFrame({c: np.empty(0, dtype=np.int64 if c in integers and c not in values else object)
                         for c in columns}, columns=list(columns))


METADATA_CSV = "metadata.csv"
# Fields whose value must be one piece of text (or a number) when given.
# a document id names its rows and, through analysis.outputs.export.safe_name, its files
_ID = re.compile(r"(?!\.{1,2}$)[^/\\\x00-\x1f\x7f]{1,120}")
_TEXT_FIELDS = ("id", "title", "speaker", "speaker_role", "occasion", "group", "source_site", "language")
_FILE_NAME_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?=$|[_\-. ])")


def read_metadata(path: Path) -> dict:
    """Return a speech file's metadata: its row of ``metadata.csv`` in its folder, overridden by the
    ``NAME.yaml`` beside it; ``{}`` if there is neither. Raises ``InputError`` naming the file (and
    line) of a field of the wrong kind."""
    path = Path(path)
    folder = path.parent.resolve()
    try:
        stamp = (folder / METADATA_CSV).stat().st_mtime_ns
    except OSError:
        stamp = None
    metadata = dict(_folder_metadata(folder, stamp).get(path.name, {}) if stamp else {})
    sidecar = path.with_suffix(".yaml")
    if sidecar.is_file():
        data = read_yaml(sidecar)
        metadata.update({k: v for k, v in data.items() if k != "__line__"})
        _check_fields(sidecar, metadata, None)
    return metadata


def _check_fields(source: Path, record: dict, line: int | None) -> None:
    for name in _TEXT_FIELDS:
        if name not in record:
            continue
        value = record[name]
        if value is None or isinstance(value, (bool, list, dict)) or (isinstance(value, str) and not value.strip()):
            raise InputError(source, f"field {name!r} must be text, found {value!r}"[:200], line=line)
    if "id" in record and not _ID.fullmatch(str(record["id"])):
        raise InputError(source, f"field 'id' must be a name without path separators, '..' or control "
                                 f"characters, found {str(record['id'])!r}"[:200], line=line)


@lru_cache(maxsize=64)
def _folder_metadata(folder: Path, stamp: int) -> dict[str, dict]:
    """Return the rows of a folder's ``metadata.csv`` by file name (read again when the file changes)."""
    import csv
    import io

    path = folder / METADATA_CSV
    text = read_text_file(path).removeprefix("\ufeff")  # Excel's "CSV UTF-8" begins with a BOM
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "file" not in reader.fieldnames:
        raise InputError(path, "needs a header line with a 'file' column (and date, speaker, title ... as wanted)")
    rows: dict[str, dict] = {}
    try:
        for line, row in enumerate(reader, 2):
            rows.update(_metadata_row(path, row, line, rows))
    except csv.Error as exc:  # a field over 128 KB: most often a quote never closed
        raise InputError(path, f"{exc} (is a quote left open?)", line=reader.line_num + 1) from None
    return rows


def _metadata_row(path: Path, row: dict, line: int, rows: dict[str, dict]) -> dict[str, dict]:
    """One row of a ``metadata.csv``, checked (``rows``: those before it), by its file name."""
    if None in row:
        raise InputError(path, "more fields than the header names", line=line)
    name = (row.get("file") or "").strip()
    if not name:
        raise InputError(path, "a row without a file name", line=line)
    if name in rows:
        raise InputError(path, f"{name!r} is listed twice", line=line)
    record = {k: v.strip() for k, v in row.items() if k != "file" and v is not None and v.strip()}
    _check_fields(path, record, line)
    if "date" in record:
        try:
            DocDate.parse(record["date"])
        except ValueError as exc:
            raise InputError(path, f"date: {exc}", line=line) from None
    return {name: record}


def date_from_file_name(name: str) -> DocDate:
    """Return the date a file name starts with (``2019.txt``, ``2020-01-26_name.txt``), or an unknown date."""
    m = _FILE_NAME_DATE.match(name)
    if not m or not 1800 <= int(m[1]) <= 2200:
        return DocDate()
    try:
        return DocDate.parse("-".join(g for g in m.groups() if g))
    except ValueError:
        return DocDate()


_NUMBER = r"(\d{1,4}|[〇零一二三四五六七八九十]{1,4})"
_TEXT_DATE = re.compile(_NUMBER + r"\s*年\s*" + _NUMBER + r"\s*月\s*" + _NUMBER + r"\s*日")
_HEADER_LINES = 6  # a title (perhaps broken in two), a subtitle, a date and a speaker before the speech


def date_from_text(sample: str) -> DocDate:
    """Return the date a speech gives in its header lines, or an unknown date.

    The header is the short lines before the speech begins (before the salutation, or the first long
    line): a title (…的讲话（2020年1月26日）), a subtitle (——2017年3月5日在…会议上) or a date line
    (二〇二三年四月十二日). Only a whole date, to the day, is taken: a year in a title (2019年工作回顾)
    is what the speech is about, not when it was given.
    """
    for line in _first_lines(sample, _HEADER_LINES):
        if begins_speech(line):
            break  # the salutation, or a sentence: the speech has begun
        for m in _TEXT_DATE.finditer(line):
            try:
                year, month, day = (chinese_number(g) for g in m.groups())
                if 1800 <= year <= 2200:
                    return DocDate(dt.date(year, month, day), "day")
            except (TypeError, ValueError):  # not a number, or no such day
                continue
    return DocDate()


def _first_lines(sample: str, count: int) -> Iterator[str]:
    """The first ``count`` lines of ``sample`` that hold something, normalised (NFKC, no zero-width
    characters) and stripped; only these are normalised, however long the sample."""
    found = 0
    for raw in sample.splitlines():
        # a news page's paragraphs run together in one line, its captions and datelines among them
        for kind, piece in page_pieces(raw):
            if kind != "text":
                continue
            for part in header_parts(piece):
                line = re.sub(r"[\u200b-\u200d\ufeff]", "", unicodedata.normalize("NFKC", part)).strip()
                if line:
                    yield line
                    found += 1
                    if found == count:
                        return


def speaker_from_text(sample: str) -> str:
    """The speaker a speech names on a header line of its own (…的讲话 / （2023年3月1日） / 习近平), or ""."""
    lines = list(_first_lines(sample, _HEADER_LINES))
    for n, line in enumerate(lines):
        if begins_speech(line):
            break
        if n and is_name_line(line):
            return line
    return ""


def open_document(path: str | Path) -> Document:
    """Read a speech file, once: its bytes (kept for the run), their hash, its encoding, its metadata
    and date. Nothing downstream opens the file again.

    Raises ``InputError`` for a file that cannot be analysed.
    """
    path = Path(path)
    source = open_text(path)
    data = source.data
    metadata = read_metadata(path)
    try:
        date = DocDate.parse(metadata.get("date"))
    except ValueError as exc:
        where = path.with_suffix(".yaml") if path.with_suffix(".yaml").is_file() else path.parent / METADATA_CSV
        raise InputError(where, f"date: {exc}") from None
    date_source = "metadata" if date.value else ""
    if date.value is None:
        date = date_from_text(source.sample_text())
        date_source = "text" if date.value else ""
    if date.value is None:
        date = date_from_file_name(path.name)
        date_source = "file name" if date.value else ""
    if not metadata.get("speaker"):
        speaker = speaker_from_text(source.sample_text())
        metadata = {**metadata, "speaker": speaker} if speaker else metadata
    default_id = "stdin" if str(path) == STDIN else printable(path.stem)
    return Document(id=str(metadata.get("id", default_id)), path=path, sha256=hashlib.sha256(data).hexdigest(),
                    size=len(data), encoding=source.encoding, date=date, metadata=metadata,
                    layout=paragraph_layout(source.sample_text()), date_source=date_source, data=data)


@dataclass
class ReadReport:
    """What reading a document found, for warnings and ``-v``: filled in as its chunks are read."""

    characters: int = 0
    sentences: int = 0
    removed: int = 0
    has_han: bool = False  # whether there is a Chinese character to count
    traditional: int = 0  # Han characters that OpenCC changes to simplified
    sampled: int = 0
    chunks: int = 0
    cut_at_end: bool = False  # UTF-8 whose last character was cut (dropped)

    def warnings(self) -> list[str]:
        """Return what a reader should know before trusting the counts: a cut last character, no
        Chinese, or traditional script."""
        cut = ["ends in the middle of a character (a file cut short?): that character was dropped"] \
            if self.cut_at_end else []
        if not self.has_han:
            return [*cut, "no Chinese characters: nothing to count"]
        share = self.traditional / self.sampled if self.sampled else 0.0
        if share >= 0.1:
            return [*cut, f"looks like traditional Chinese ({share:.0%} of its characters differ in simplified script); "
                    "the lexicons are in simplified characters: use --simplified to convert"]
        return cut


def iter_chunks(document: Document, *, chunk_chars: int | None = None, simplified: bool = False,
                boilerplate: Boilerplate | None = None, report: ReadReport | None = None) -> Iterator[Chunk]:
    """Read, clean and parse a document, yielding its cleaned text in chunks of about ``chunk_chars``.

    A chunk ends at a line end, or, inside a line longer than ``chunk_chars`` (a speech saved without
    line breaks), at a sentence end; offsets and section, paragraph and sentence numbers run on
    across chunks. With ``chunk_chars=None`` the whole text is one chunk. The file is read line by
    line and one chunk ahead (for the margins), so memory follows the chunk size, not the file size
    (a line with no sentence end in it stays whole, however long). Raises ``InputError`` for input
    that cannot be analysed. ``report``, if given, is filled in on the way.
    """
    boilerplate = load_boilerplate() if boilerplate is None else boilerplate
    report = ReadReport() if report is None else report
    source = open_text(document.path, document.data)
    described = replace(document, data=b"")  # what a chunk says of its document: not the file's bytes again
    report.cut_at_end = source.cut_at_end
    state = ParseState()
    parts: list[str] = []  # the chunk's text so far: whole lines each with its line end, or a line's first sentences
    lines = 0  # whole lines begun in the chunk
    removed: list[tuple[str, str]] = []
    offset = size = count = 0
    blank = True
    begun = False  # whether a line too long for a header has come
    tail = ""  # the last MARGIN_CHARS characters of the text before the next chunk
    waiting: deque[Chunk] = deque()  # chunks still short of MARGIN_CHARS characters after them

    def make(last: bool) -> Chunk:
        # every chunk but the last keeps its final line end, so that the chunks join to the whole text
        text = "".join(parts)
        open_end = not text.endswith("\n")  # it ends inside a line, at a sentence end
        text = text[:-1] if last and not open_end else text
        structure = parse_structure(text, state=state, first=count == 0, open_end=open_end and not last)
        report.chunks += 1
        report.characters += len(text)
        report.sentences += len(structure.sentences)
        report.removed += len(removed)
        report.has_han = report.has_han or has_han(text)
        if not simplified and report.sampled < TRADITIONAL_SAMPLE:  # the document's first Han characters
            changed, sampled = traditional_changes(text, sample=TRADITIONAL_SAMPLE - report.sampled)
            report.traditional += changed
            report.sampled += sampled
        return Chunk(described, count, offset, text, structure, list(removed), last=last)

    def ready(chunk: Chunk) -> list[Chunk]:
        """Give the chunks read so far their margins; return those whose right margin is complete."""
        nonlocal tail
        chunk.before = tail
        tail = (tail + chunk.text)[-MARGIN_CHARS:]
        for earlier in waiting:
            if len(earlier.after) < MARGIN_CHARS:
                earlier.after = (earlier.after + chunk.text)[:MARGIN_CHARS]
        waiting.append(chunk)
        done = []
        while waiting and len(waiting[0].after) >= MARGIN_CHARS:
            done.append(waiting.popleft())
        return done

    raw_lines = source.lines(convert_to_simplified if simplified else None)
    for kind, cleaned in clean_lines(raw_lines, layout=document.layout, boilerplate=boilerplate):
        if kind == "removed":
            removed.append(cleaned)
            blank = False
            continue
        if cleaned:
            # the first chunk holds the lines a header may be made of (title, date and speaker lines, the
            # salutation: short lines, at most HEADER_BLOCK_LINES) whole, so that it is read as a whole
            # text's is; a long line has begun the speech (a text of one long line is cut at once)
            header = count == 0 and lines < HEADER_BLOCK_LINES and not begun
            begun = begun or len(cleaned) > HEADER_LINE_CHARS
            header = header and not begun
            pieces = sentence_pieces(cleaned, chunk_chars) if chunk_chars and not header else [cleaned]
            for k, piece in enumerate(pieces):
                # the chunk is full and more text follows
                if chunk_chars is not None and size >= chunk_chars and not header and (count or lines >= 1 or k > 0):
                    chunk = make(last=False)
                    yield from ready(chunk)
                    offset += len(chunk.text)
                    count += 1
                    parts, removed, size, lines = [], [], 0, 0
                ends = k == len(pieces) - 1
                parts.append(piece + ("\n" if ends else ""))
                lines += k == 0
                size += len(piece) + ends
    if parts:
        yield from ready(make(last=True))
    elif count == 0:
        raise InputError(document.path, "only whitespace, no text" if blank else "only site boilerplate, no speech text")
    yield from waiting


def sentence_pieces(line: str, chunk_chars: int) -> list[str]:
    """Cut a line longer than ``chunk_chars`` at sentence ends into pieces of about that size (a line
    without a sentence end stays whole); the pieces join to the line. Spaces after a sentence end stay
    with it, so that no piece begins between two sentences (where a whole read places them: in the
    sentence before)."""
    if len(line) <= chunk_chars:
        return [line]
    pieces, start = [], 0
    for _, end in split_sentences(line, 0, len(line)):
        while end < len(line) and line[end].isspace():
            end += 1
        if end - start >= chunk_chars and end < len(line):
            pieces.append(line[start:end])
            start = end
    pieces.append(line[start:])
    return pieces


def load_speech(path: str | Path, *, simplified: bool = False) -> Chunk:
    """Read, clean and parse one whole speech file: its one chunk. Raises ``InputError`` if it cannot be analysed."""
    return next(iter_chunks(open_document(path), simplified=simplified))
