"""Structure stage: title, salutation, numbered sections and their sub-sections, paragraphs and
sentences of a cleaned text.

Sections are the top level (``一、`` …, and the preamble before them, 引言); sub-sections the second
(``（一）`` … inside a section, and the lead-in of a section before its first one, which takes the
section's own label). Numbered paragraphs (一是、二是) are text, not structure.

Offsets are into the text parsed (a whole speech, or one chunk of a long one); indices count from the
start of the document, so that a long speech parsed chunk by chunk numbers its sections, paragraphs
and sentences as the whole speech would. ``Structure.locate`` is the one place that says which
section, paragraph and sentence a character offset belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from analysis.text.numerals import chinese_number

SECTION_HEADING = re.compile(r"^([一二三四五六七八九十]{1,3})、")
SUBSECTION_HEADING = re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[）)]")
PREAMBLE = "引言"
_SENTENCE = re.compile(r"[^。！？!?…\n]*(?:[。！？!?…]+[”’」』）)]*|$)")
HEADER_LINE_CHARS = 80  # a title, date or speaker line is no longer than this
_TITLE_ENDS = re.compile(r"(讲话|报告|发言|致辞|讲稿|贺词|演讲|祝酒辞)[）)]?$")
_DATE_ONLY = re.compile(r"^[（(]?[\d〇零一二三四五六七八九十]{2,4}年")
_SPEECH_BEGINS = ("：", ":", "。", "！", "？", "；", ";")  # a salutation or a sentence ends so
_HEADER_MAX_LINES = 3  # lines between a title and the salutation (a date line, a speaker line)
HEADER_BLOCK_LINES = _HEADER_MAX_LINES + 2  # the most lines a header is: a title, those lines, a salutation


def chinese_numeral(number: str) -> int:
    """Return the value of a section number from 一 to 九十九 (十, 十一, 二十三 ...), 0 if it is none."""
    return chinese_number(number) or 0


@dataclass(frozen=True)
class Section:
    """A numbered section (``一、`` ...), or the preamble before the first one (number ``""``).

    ``start`` and ``end`` are offsets into the parsed text; ``end`` is the end of its last line.
    """

    index: int
    start: int
    end: int
    number: str = ""
    heading: str = ""

    @property
    def label(self) -> str:
        """A short label: ``一`` ... or ``引言`` for the preamble."""
        return self.number or PREAMBLE


@dataclass(frozen=True)
class Subsection:
    """A numbered sub-section (``（一）`` ...) of section ``section``, or the lead-in of that section before
    its first one (number ``""``). ``start`` and ``end`` are offsets into the parsed text."""

    index: int
    start: int
    end: int
    section: int
    section_label: str
    section_number: str = ""
    number: str = ""
    heading: str = ""

    @property
    def label(self) -> str:
        """``三（一）``; the lead-in takes its section's label (``三``, ``引言``); ``（一）`` alone where the
        sub-sections stand in a speech without numbered sections."""
        if not self.number:
            return self.section_label
        return f"{self.section_number}（{self.number}）"


@dataclass(slots=True)
class Paragraph:
    index: int
    start: int
    end: int


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    section: int = 0
    paragraph: int = 0
    subsection: int = 0


@dataclass
class ParseState:
    """What parsing one chunk hands to the next: the section it ends in and the counts so far."""

    title: str = ""
    salutation: str = ""
    number: str | None = None  # None: no section yet
    heading: str = ""
    sections: int = 0
    paragraphs: int = 0
    sentences: int = 0
    subsection: str | None = None  # the sub-section number; None: none yet in this document
    subheading: str = ""
    subsections: int = 0
    continuing: bool = False  # the last piece ended inside a line: the next begins in the same paragraph


@dataclass
class Structure:
    title: str
    salutation: str
    sections: list[Section]
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    subsections: list[Subsection] = field(default_factory=list)
    _starts: np.ndarray | None = field(default=None, repr=False)

    def section(self, index: int) -> Section:
        """Return the section with document-wide ``index``."""
        return next(s for s in self.sections if s.index == index)

    def locate(self, offsets) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return the section index, paragraph and sentence of each offset (arrays, one entry each).

        An offset between two sentences (a line end) belongs to the sentence before it.
        """
        offsets = np.asarray(offsets, dtype=np.int64)
        if not self.sentences:
            zeros = np.zeros(len(offsets), dtype=np.int64)
            return zeros, zeros, zeros
        if self._starts is None:
            self._starts = np.asarray([s.start for s in self.sentences], dtype=np.int64)
            self._sentence = np.asarray([s.index for s in self.sentences], dtype=np.int64)
            self._section = np.asarray([s.section for s in self.sentences], dtype=np.int64)
            self._paragraph = np.asarray([s.paragraph for s in self.sentences], dtype=np.int64)
            self._subsection = np.asarray([s.subsection for s in self.sentences], dtype=np.int64)
        i = np.clip(np.searchsorted(self._starts, offsets, side="right") - 1, 0, None)
        return self._section[i], self._paragraph[i], self._sentence[i]

    def locate_subsections(self, offsets) -> np.ndarray:
        """Return the sub-section index of each offset (as ``locate`` does for sections)."""
        offsets = np.asarray(offsets, dtype=np.int64)
        if not self.sentences:
            return np.zeros(len(offsets), dtype=np.int64)
        self.locate(offsets[:0])
        i = np.clip(np.searchsorted(self._starts, offsets, side="right") - 1, 0, None)
        return self._subsection[i]

    def place(self, offsets, *, doc: str) -> dict:
        """The columns doc, section, section_index, subsection, subsection_index, paragraph and sentence
        of each offset: the one place that says where an offset stands."""
        offsets = np.asarray(offsets, dtype=np.int64)
        section, paragraph, sentence = self.locate(offsets)
        subsection = self.locate_subsections(offsets)
        return {"doc": doc, "section": _named(section, self.labels()), "section_index": section,
                "subsection": _named(subsection, self.subsection_labels()), "subsection_index": subsection,
                "paragraph": paragraph, "sentence": sentence}

    def labels(self) -> dict[int, str]:
        """Return each section's label by its index."""
        return {s.index: s.label for s in self.sections}

    def subsection_labels(self) -> dict[int, str]:
        """Return each sub-section's label by its index."""
        return {s.index: s.label for s in self.subsections}


def heading_of(line: str) -> str:
    """A numbered line's heading: the line to its first sentence's end (a heading that goes on into its
    section's first paragraph, （一）进一步增强企业的活力。同时，…, is its first sentence; a long line read
    in chunks is cut at sentence ends, so that a chunked read has the same heading)."""
    spans = split_sentences(line, 0, len(line))
    return line[:spans[0][1]] if spans else line


def _named(indices: np.ndarray, labels: dict[int, str]) -> np.ndarray:
    """The label of each index (a handful of sections: one comparison each, not one lookup per token)."""
    out = np.empty(len(indices), dtype=object)
    for index, label in labels.items():
        out[indices == index] = label
    return out


def begins_speech(line: str) -> bool:
    """Whether a line is past a speech's header block (title, date, speaker): a salutation, a sentence
    or a long line. The one rule for where a header ends, for cleaning, dates and structure."""
    return len(line) > HEADER_LINE_CHARS or line.endswith(_SPEECH_BEGINS)


def _is_header_line(line: str) -> bool:
    """A title, date or speaker line: short, not a section heading, not ending as a sentence does."""
    return bool(line) and not begins_speech(line) \
        and not SECTION_HEADING.match(line) and not SUBSECTION_HEADING.match(line)


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


def parse_structure(text: str, *, state: ParseState | None = None, first: bool = True,
                    open_end: bool = False) -> Structure:
    """Parse title, salutation, sections, paragraphs and sentences of a cleaned text (or chunk).

    ``state`` carries the structure across the chunks of a long speech (it is updated in place);
    title and salutation are looked for only in the ``first`` chunk. ``open_end`` says the text ends
    inside a line (at a sentence end), which the next chunk goes on with.
    """
    state = ParseState() if state is None else state
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((offset, offset + len(line), line))
        offset += len(line) + 1
    whole_lines = _header_lines([line for _, _, line in lines], state) if first else set()
    parsed = _Parsed()
    for i, (start, end, line) in enumerate(lines):
        if not line:  # the line end a chunk finishes with
            continue
        continued, state.continuing = state.continuing and i == 0, False  # the rest of a line begun before
        heading = None if continued else SECTION_HEADING.match(line)
        subheading = None if heading or continued else SUBSECTION_HEADING.match(line)
        _open_parts(state, parsed, start, line, heading, subheading)
        parsed.sections[-1]["end"] = parsed.subsections[-1]["end"] = end
        parsed.paragraphs.append(Paragraph(state.paragraphs, start, end))
        for s, e in [(start, end)] if i in whole_lines else split_sentences(text, start, end):
            parsed.sentences.append(Sentence(state.sentences, s, e, text[s:e], section=state.sections,
                                             paragraph=state.paragraphs, subsection=state.subsections))
            state.sentences += 1
        if open_end and i == len(lines) - 1:
            state.continuing = True  # the paragraph goes on in the next chunk
        else:
            state.paragraphs += 1
    return Structure(state.title, state.salutation, [Section(**s) for s in parsed.sections], parsed.paragraphs,
                     parsed.sentences, [Subsection(**s) for s in parsed.subsections])


@dataclass
class _Parsed:
    """What parsing a text has found so far (sections and sub-sections as fields, their ends still open)."""

    sections: list[dict] = field(default_factory=list)
    subsections: list[dict] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)


def _header_lines(lines: list[str], state: ParseState) -> set[int]:
    """The lines of a speech's header (title, date, speaker lines, salutation), setting the state's title
    and salutation. They are lines of the preamble (section 0) and each one sentence, so that every
    character of the text, and every count, has a section and a sentence."""
    whole: set[int] = set()
    if len(lines) > 1 and _is_header_line(lines[0]):
        state.title = lines[0]
        whole.add(0)
        # a title over two lines: the first does not end as a title does, the second is no date or name
        if len(lines) > 2 and _is_header_line(lines[1]) and not _TITLE_ENDS.search(lines[0]) \
                and _TITLE_ENDS.search(lines[1]) and not _DATE_ONLY.search(lines[1]):
            state.title = lines[0] + lines[1]
            whole.add(1)
    start = len(whole)
    for n in range(start, min(start + _HEADER_MAX_LINES + 1, len(lines))):
        line = lines[n]
        if len(line) <= 20 and line.endswith(("：", ":")) and not SECTION_HEADING.match(line):
            state.salutation = line
            return whole | set(range(start, n + 1))  # the header lines before it too
        if not _is_header_line(line) or not state.title:
            break
    return whole


def _open_parts(state: ParseState, parsed: _Parsed, start: int, line: str, heading, subheading) -> None:
    """Begin a section where a line is a section heading, a sub-section where it is a sub-section
    heading (a new section begins with its lead-in), and both at the start of the text."""
    if heading:
        if state.number is not None:
            state.sections += 1
        state.number, state.heading = heading.group(1), heading_of(line)
    elif state.number is None:
        state.number = ""
    if heading or subheading:
        if state.subsection is not None:
            state.subsections += 1
        state.subsection, state.subheading = (subheading.group(1), heading_of(line)) if subheading else ("", "")
    elif state.subsection is None:
        state.subsection = ""
    if heading or not parsed.sections:
        parsed.sections.append({"index": state.sections, "start": start, "number": state.number,
                                "heading": state.heading})
    if heading or subheading or not parsed.subsections:
        parsed.subsections.append({"index": state.subsections, "start": start, "section": state.sections,
                                   "section_label": Section(state.sections, 0, 0, state.number).label,
                                   "section_number": state.number, "number": state.subsection,
                                   "heading": state.subheading})
