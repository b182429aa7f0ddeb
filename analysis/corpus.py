"""Corpus stage: read a speech file, clean it, and parse its structure.

The raw file is never written. Cleaning is code: it removes the hosting site's boilerplate lines,
normalises ASCII punctuation used in Chinese text to full width and normalises whitespace. The
cleaned text is the reference for every offset in the project: a section, paragraph or sentence is a
``(start, end)`` span of ``Speech.text``, and so is every slogan match and token.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
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
    """One cleaned, parsed speech. All offsets index ``text``."""

    doc_id: str
    path: Path
    sha256: str
    encoding: str
    text: str
    removed: list[str]
    metadata: dict
    title: str
    salutation: str
    sections: list[Section]
    paragraphs: list[Span]
    sentences: list[Sentence]
    _sentence_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._sentence_starts = [s.start for s in self.sentences]

    def locate(self, offset: int) -> Sentence:
        """Return the sentence that holds character ``offset`` of the cleaned text."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        return self.sentences[max(i, 0)]

    def section_label(self, index: int) -> str:
        """Return a short label of section ``index``: ``一`` ... or ``引言`` for the preamble."""
        return self.sections[index].number or "引言"


def load_boilerplate_patterns(path: Path = DATA_DIR / "boilerplate.yaml") -> list[re.Pattern]:
    """Return the compiled line patterns of web boilerplate (copyright, ICP record, ...)."""
    data = read_yaml(path)
    patterns = []
    for i, pattern in enumerate(data.get("patterns") or [], 1):
        try:
            patterns.append(re.compile(pattern))
        except re.error as exc:
            raise InputError(path, f"pattern {i} ({pattern!r}) is not a regular expression: {exc}") from None
    return patterns


def clean_text(raw: str, *, boilerplate: list[re.Pattern] | None = None) -> tuple[str, list[str]]:
    """Return the cleaned text and the boilerplate lines removed from it."""
    boilerplate = load_boilerplate_patterns() if boilerplate is None else boilerplate
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    kept, removed = [], []
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        if not line:
            continue
        if any(p.search(line) for p in boilerplate):
            removed.append(line)
            continue
        line = _SPACE_NEXT_TO_CJK.sub("", line)
        line = _ASCII_PUNCT.sub(lambda m: _ASCII_TO_FULL[m.group()], line)
        kept.append(line)
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


def parse_structure(text: str) -> dict:
    """Parse title, salutation, sections, paragraphs and sentences of a cleaned text."""
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((offset, offset + len(line), line))
        offset += len(line) + 1
    title = salutation = ""
    # The title and the salutation are lines of the preamble (section 0) and each one sentence, so
    # that every character of the text, and every count, has a section and a sentence.
    whole_lines: set[int] = set()
    if len(lines) > 1 and len(lines[0][2]) <= _TITLE_MAX_CHARS and not re.search(r"[。！？；]$", lines[0][2]):
        title = lines[0][2]
        whole_lines.add(0)
    n = len(whole_lines)
    if len(lines) > n and len(lines[n][2]) <= 20 and lines[n][2].endswith(("：", ":")):
        salutation = lines[n][2]
        whole_lines.add(n)

    sections: list[dict] = []
    paragraphs: list[Span] = []
    sentences: list[Sentence] = []
    for i, (start, end, line) in enumerate(lines):
        heading = _SECTION_HEADING.match(line)
        if heading or not sections:
            sections.append({"start": start, "number": heading.group(1) if heading else "",
                             "heading": line if heading else ""})
        paragraphs.append(Span(len(paragraphs), start, end, line))
        spans = [(start, end)] if i in whole_lines else split_sentences(text, start, end)
        for s, e in spans:
            sentences.append(Sentence(len(sentences), s, e, text[s:e], section=len(sections) - 1,
                                      paragraph=len(paragraphs) - 1))
    section_spans = []
    for i, sec in enumerate(sections):
        end = sections[i + 1]["start"] - 1 if i + 1 < len(sections) else len(text)
        section_spans.append(Section(i, sec["start"], end, text[sec["start"]:end],
                                     number=sec["number"], heading=sec["heading"]))
    return {"title": title, "salutation": salutation, "sections": section_spans,
            "paragraphs": paragraphs, "sentences": sentences}


def read_metadata(path: Path) -> dict:
    """Return the metadata record beside a speech file (``NAME.yaml``), or ``{}`` if there is none."""
    meta_path = path.with_suffix(".yaml")
    return read_yaml(meta_path) if meta_path.is_file() else {}


def load_speech(path: str | Path, *, to_simplified: bool = False) -> Speech:
    """Read, clean and parse one speech file. Raises ``InputError`` for input that cannot be analysed."""
    from analysis.textio import read_text  # decoding lives in its own stage

    path = Path(path)
    raw_bytes, raw, encoding = read_text(path)
    if to_simplified:
        from analysis.textio import convert_to_simplified

        raw = convert_to_simplified(raw)
    text, removed = clean_text(raw)
    if not text.strip():
        what = "only site boilerplate, no speech text" if removed else "no text"
        raise InputError(path, what)
    metadata = read_metadata(path)
    structure = parse_structure(text)
    return Speech(
        doc_id=metadata.get("id", path.stem),
        path=path,
        sha256=hashlib.sha256(raw_bytes).hexdigest(),
        encoding=encoding,
        text=text,
        removed=removed,
        metadata=metadata,
        **structure,
    )


def corpus_files(directory: Path = CORPUS_DIR) -> list[Path]:
    """Return the speech files of a corpus directory, sorted by name."""
    if not directory.is_dir():
        raise InputError(directory, "no such directory")
    files = sorted(p for p in directory.iterdir() if p.suffix == ".txt" and p.is_file())
    if not files:
        raise InputError(directory, "directory holds no .txt speech files")
    return files


def resolve_inputs(paths: list[str | Path] | None) -> list[Path]:
    """Expand the command line's FILE arguments: none means the bundled corpus, a directory its .txt files."""
    if not paths:
        return corpus_files()
    resolved: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            resolved.extend(corpus_files(p))
        elif not p.exists():
            raise InputError(p, "no such file")
        else:
            resolved.append(p)
    return resolved


def load_corpus(paths: list[str | Path] | None = None, *, to_simplified: bool = False) -> list[Speech]:
    """Load every speech named (or the bundled corpus): a list of ``Speech``."""
    return [load_speech(p, to_simplified=to_simplified) for p in resolve_inputs(paths)]


def sentences_frame(speeches: list[Speech]):
    """Return a tidy DataFrame: one row per sentence with doc, section, paragraph and offsets."""
    import pandas as pd

    rows = [
        {"doc": sp.doc_id, "section": sp.section_label(s.section), "paragraph": s.paragraph,
         "sentence": s.index, "start": s.start, "end": s.end, "chars": s.end - s.start, "text": s.text}
        for sp in speeches for s in sp.sentences
    ]
    return pd.DataFrame(rows, columns=["doc", "section", "paragraph", "sentence", "start", "end", "chars", "text"])


def sections_frame(speeches: list[Speech]):
    """Return a tidy DataFrame: one row per section with heading, offsets and length."""
    import pandas as pd

    rows = [
        {"doc": sp.doc_id, "section": sp.section_label(s.index), "heading": s.heading,
         "start": s.start, "end": s.end, "chars": s.end - s.start,
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
