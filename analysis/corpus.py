"""Corpus stage: read a speech file, clean it, and parse its structure.

The raw file is never written. Cleaning is code: it removes the hosting site's boilerplate lines,
normalises ASCII punctuation used in Chinese text to full width and normalises whitespace. The
cleaned text is the reference for every offset in the project: a section, paragraph or sentence is a
``(start, end)`` span of ``Speech.text``, and so is every slogan match and token.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analysis.errors import InputError
from analysis.lexicon import DATA_DIR, read_yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent
CORPUS_DIR = PROJECT_DIR / "corpus"

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’"
_ASCII_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}
# An ASCII mark counts as Chinese punctuation when a CJK character stands on either side of it;
# between two Latin letters or digits (3,000  10:30  e.g.,) it is left alone.
_ASCII_PUNCT = re.compile(rf"(?<=[{CJK}])[,:;!?]|[,:;!?](?=[{CJK}])")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_SPACE_NEXT_TO_CJK = re.compile(rf"(?<=[{CJK}]) | (?=[{CJK}])")
_SECTION_HEADING = re.compile(r"^([一二三四五六七八九十]{1,3})、")
_SENTENCE = re.compile(r"[^。！？!?…\n]*(?:[。！？!?…]+[”’」』）)]*|$)")
_TITLE_MAX_CHARS = 80


@dataclass(frozen=True)
class Span:
    """A part of the cleaned text: ``text[start:end]``."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Section(Span):
    """A numbered section (``一、`` ...), or the preamble before the first one (number ``""``)."""

    number: str = ""
    heading: str = ""


@dataclass(frozen=True)
class Sentence(Span):
    section: int = 0
    paragraph: int = 0


@dataclass
class Speech:
    """One cleaned, parsed speech, or one chunk of a long one (see ``iter_chunks``).

    Spans index ``text``; ``offset`` is where ``text`` starts in the whole cleaned speech (0 unless
    this is a later chunk), and every table adds it, so offsets in tables always index the whole
    speech. Paragraph and sentence ``index`` values count from the start of the speech.
    """

    doc_id: str
    path: Path
    sha256: str | None
    encoding: str
    text: str
    removed: list[str]
    metadata: dict
    title: str
    salutation: str
    sections: list[Section]
    paragraphs: list[Span]
    sentences: list[Sentence]
    offset: int = 0
    _sentence_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._sentence_starts = [s.start for s in self.sentences]

    def locate(self, offset: int) -> Sentence:
        """Return the sentence that holds character ``offset`` of ``text``."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        return self.sentences[max(i, 0)]

    def section_label(self, index: int) -> str:
        """Return a short label of section ``index``: ``一`` ... or ``引言`` for the preamble."""
        return self.sections[index].number or "引言"


def load_boilerplate_patterns(path: Path = DATA_DIR / "boilerplate.yaml") -> list[re.Pattern]:
    """Return the compiled line patterns of web boilerplate (copyright, ICP record, ...)."""
    return list(_boilerplate(Path(path).resolve()))


@lru_cache(maxsize=4)
def _boilerplate(path: Path) -> tuple[re.Pattern, ...]:
    data = read_yaml(path)
    patterns = []
    for i, pattern in enumerate(data.get("patterns") or [], 1):
        try:
            patterns.append(re.compile(pattern))
        except re.error as exc:
            raise InputError(path, f"pattern {i} ({pattern!r}) is not a regular expression: {exc}") from None
    return tuple(patterns)


def clean_line(line: str, boilerplate: list[re.Pattern]) -> str | None:
    """Return a cleaned line: "" when blank, ``None`` when it is site boilerplate to remove."""
    line = _SPACES.sub(" ", unicodedata.normalize("NFC", line)).strip().lstrip("\ufeff").strip()
    if not line:
        return ""
    if any(p.search(line) for p in boilerplate):
        return None
    line = _SPACE_NEXT_TO_CJK.sub("", line)
    return _ASCII_PUNCT.sub(lambda m: _ASCII_TO_FULL[m.group()], line)


def clean_text(raw: str, *, boilerplate: list[re.Pattern] | None = None) -> tuple[str, list[str]]:
    """Return the cleaned text and the boilerplate lines removed from it."""
    boilerplate = load_boilerplate_patterns() if boilerplate is None else boilerplate
    kept, removed = [], []
    from analysis.textio import LINE_BREAK

    for line in LINE_BREAK.split(raw):
        cleaned = clean_line(line, boilerplate)
        if cleaned is None:
            removed.append(line.strip())
        elif cleaned:
            kept.append(cleaned)
    return "\n".join(kept), removed


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the sentences in ``text[start:end]``.

    A sentence ends at 。！？ or …, with any closing quotes or brackets that follow.
    """
    spans = []
    for m in _SENTENCE.finditer(text, start, end):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        if s < e:
            spans.append((s, e))
    return spans


@dataclass
class _ParseState:
    """What parsing one chunk hands to the next: the section it ends in and the counts so far."""

    title: str = ""
    salutation: str = ""
    number: str | None = None  # None: no section yet
    heading: str = ""
    paragraphs: int = 0
    sentences: int = 0


def parse_structure(text: str, *, state: _ParseState | None = None, first: bool = True) -> dict:
    """Parse title, salutation, sections, paragraphs and sentences of a cleaned text (or chunk).

    ``state`` carries the structure across the chunks of a long speech (it is updated in place);
    title and salutation are looked for only in the ``first`` chunk.
    """
    state = _ParseState() if state is None else state
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((offset, offset + len(line), line))
        offset += len(line) + 1
    # The title and the salutation are lines of the preamble (section 0) and each one sentence, so
    # that every character of the text, and every count, has a section and a sentence.
    whole_lines: set[int] = set()
    if first and len(lines) > 1 and len(lines[0][2]) <= _TITLE_MAX_CHARS \
            and not re.search(r"[。！？；：:]$", lines[0][2]) and not _SECTION_HEADING.match(lines[0][2]):
        state.title = lines[0][2]
        whole_lines.add(0)
    n = len(whole_lines)
    if first and len(lines) > n and len(lines[n][2]) <= 20 and lines[n][2].endswith(("：", ":")) \
            and not _SECTION_HEADING.match(lines[n][2]):
        state.salutation = lines[n][2]
        whole_lines.add(n)

    sections: list[dict] = []
    paragraphs: list[Span] = []
    sentences: list[Sentence] = []
    for i, (start, end, line) in enumerate(lines):
        if not line:  # the line end a chunk finishes with
            continue
        heading = _SECTION_HEADING.match(line)
        if heading:
            state.number, state.heading = heading.group(1), line
        if heading or not sections:
            sections.append({"start": start, "number": state.number or "", "heading": state.heading})
        paragraphs.append(Span(state.paragraphs, start, end, line))
        spans = [(start, end)] if i in whole_lines else split_sentences(text, start, end)
        for s, e in spans:
            sentences.append(Sentence(state.sentences, s, e, text[s:e], section=len(sections) - 1,
                                      paragraph=state.paragraphs))
            state.sentences += 1
        state.paragraphs += 1
    if state.number is None:
        state.number = ""
    section_spans = []
    for i, sec in enumerate(sections):
        end = sections[i + 1]["start"] - 1 if i + 1 < len(sections) else len(text)
        section_spans.append(Section(i, sec["start"], end, text[sec["start"]:end],
                                     number=sec["number"], heading=sec["heading"]))
    return {"title": state.title, "salutation": state.salutation, "sections": section_spans,
            "paragraphs": paragraphs, "sentences": sentences}


def read_metadata(path: Path) -> dict:
    """Return the metadata record beside a speech file (``NAME.yaml``), or ``{}`` if there is none."""
    meta_path = Path(path).with_suffix(".yaml")
    if not meta_path.is_file():
        return {}
    data = read_yaml(meta_path)
    return {k: v for k, v in data.items() if k != "__line__"}


def iter_chunks(path: str | Path, *, chunk_chars: int | None = None, to_simplified: bool = False) -> Iterator[Speech]:
    """Read, clean and parse a speech file, yielding it in chunks of about ``chunk_chars`` characters.

    A chunk ends at a paragraph end; offsets and paragraph and sentence numbers run on across
    chunks (see ``Speech``). With ``chunk_chars=None`` the whole speech is one chunk. The file is
    read line by line, so memory follows the chunk size, not the file size. Raises ``InputError``
    for input that cannot be analysed.
    """
    from analysis.textio import convert_to_simplified, open_text

    path = Path(path)
    source = open_text(path)
    metadata = read_metadata(path)
    boilerplate = load_boilerplate_patterns()
    state = _ParseState()
    lines: list[str] = []
    removed: list[str] = []
    offset = size = chunks = 0
    blank = True

    def chunk(sha256: str | None, *, last: bool) -> Speech:
        # every chunk but the last keeps its final line end, so that the chunks join to the whole text
        text = "\n".join(lines) + ("" if last else "\n")
        structure = parse_structure(text, state=state, first=chunks == 0)
        return Speech(doc_id=metadata.get("id", path.stem), path=path, sha256=sha256, encoding=source.encoding,
                      text=text, removed=list(removed), metadata=metadata, offset=offset, **structure)

    for raw in source.lines():
        if to_simplified:
            raw = convert_to_simplified(raw)
        cleaned = clean_line(raw, boilerplate)
        blank = blank and not raw.strip()
        if cleaned is None:
            removed.append(raw.strip())
        elif cleaned:
            if chunk_chars is not None and size >= chunk_chars:  # the chunk is full and more text follows
                speech = chunk(None, last=False)
                yield speech
                offset += len(speech.text)
                chunks += 1
                lines, removed, size = [], [], 0
            lines.append(cleaned)
            size += len(cleaned) + 1
    if lines:
        yield chunk(source.sha256, last=True)
    elif chunks == 0:
        raise InputError(path, "only whitespace, no text" if blank else "only site boilerplate, no speech text")


def load_speech(path: str | Path, *, to_simplified: bool = False) -> Speech:
    """Read, clean and parse one whole speech file. Raises ``InputError`` for input that cannot be analysed."""
    return next(iter_chunks(path, to_simplified=to_simplified))


def speech_warnings(speech: Speech) -> list[str]:
    """Return what a reader should know before trusting the counts: no Chinese, or traditional script."""
    from analysis.textio import count_han, traditional_share

    if count_han(speech.text) == 0:
        return ["no Chinese characters: nothing to count"]
    share = traditional_share(speech.text)
    if share >= 0.1:
        return [f"looks like traditional Chinese ({share:.0%} of its characters differ in simplified script); "
                "the lexicons are in simplified characters: use --simplified to convert"]
    return []


def corpus_files(directory: Path = CORPUS_DIR) -> list[Path]:
    """Return the speech files of a corpus directory, sorted by name."""
    if not directory.is_dir():
        raise InputError(directory, "no such directory")
    files = sorted(p for p in directory.iterdir() if p.suffix == ".txt" and p.is_file())
    if not files:
        raise InputError(directory, "directory holds no .txt speech files")
    return files


def resolve_inputs(paths: list[str | Path] | None) -> list[Path]:
    """Expand the command line's FILE arguments: none means the bundled corpus, a directory its .txt files.

    Every speech needs its own document id (its metadata ``id``, or its file name): counts, category
    totals and figure names are kept per document, so two files with one id are refused.
    """
    resolved: list[Path] = []
    for p in map(Path, paths or [CORPUS_DIR]):
        if p.is_dir():
            resolved.extend(corpus_files(p))
        elif not p.exists():
            raise InputError(p, "no such file")
        else:
            resolved.append(p)
    seen: dict[str, Path] = {}
    for p in resolved:
        doc_id = str(read_metadata(p).get("id", p.stem))
        if doc_id in seen:
            raise InputError(p, f"same document id {doc_id!r} as {seen[doc_id]} (rename one, or give it an "
                                "`id` in a NAME.yaml beside it)")
        seen[doc_id] = p
    return resolved


def load_corpus(paths: list[str | Path] | None = None, *, to_simplified: bool = False) -> list[Speech]:
    """Load every speech named (or the bundled corpus): a list of ``Speech``."""
    return [load_speech(p, to_simplified=to_simplified) for p in resolve_inputs(paths)]


def sentences_frame(speeches: list[Speech]):
    """Return a tidy DataFrame: one row per sentence with doc, section, paragraph and offsets."""
    import pandas as pd

    rows = [
        {"doc": sp.doc_id, "section": sp.section_label(s.section), "paragraph": s.paragraph,
         "sentence": s.index, "start": sp.offset + s.start, "end": sp.offset + s.end, "chars": s.end - s.start,
         "text": s.text}
        for sp in speeches for s in sp.sentences
    ]
    return pd.DataFrame(rows, columns=["doc", "section", "paragraph", "sentence", "start", "end", "chars", "text"])


def sections_frame(speeches: list[Speech]):
    """Return a tidy DataFrame: one row per section with heading, offsets and length."""
    import pandas as pd

    rows = [
        {"doc": sp.doc_id, "section": sp.section_label(s.index), "heading": s.heading,
         "start": sp.offset + s.start, "end": sp.offset + s.end, "chars": s.end - s.start,
         "sentences": sum(1 for x in sp.sentences if x.section == s.index)}
        for sp in speeches for s in sp.sections
    ]
    return pd.DataFrame(rows, columns=["doc", "section", "heading", "start", "end", "chars", "sentences"])


def metadata_frame(speeches: list[Speech]):
    """Return one row per speech: provenance from its metadata record, and what cleaning found."""
    import pandas as pd

    fields = ["title", "speaker_role", "occasion", "date", "date_precision", "source_site", "language"]
    rows = [
        {"doc": sp.doc_id, **{f: sp.metadata.get(f, sp.title if f == "title" else "") for f in fields},
         "encoding": sp.encoding, "sha256": sp.sha256[:12], "characters": len(sp.text),
         "sections": len(sp.sections), "sentences": len(sp.sentences), "removed_lines": len(sp.removed)}
        for sp in speeches
    ]
    return pd.DataFrame(rows)
