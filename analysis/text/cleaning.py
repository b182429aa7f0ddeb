"""Cleaning stage: turn the raw lines of a speech file into the paragraphs every offset indexes.

The raw file is never written: cleaning is code, in four steps.

1. **Web footers** are cut where web footers stand: at the end of the document. The last
   ``footer_max_chars`` characters are searched for the start of a footer (a site's copyright line,
   ICP record, the Wikisource licence notice: ``data/boilerplate.yaml``); from there to the end is
   removed, nothing before it. Whole lines of page chrome (打印本页, 责任编辑：…) go wherever they stand.
2. **Paragraphs.** Text scraped from web pages breaks lines around every link or bold phrase
   (``《\\n国防法\\n》``, ``PM\\n2.5``) and separates paragraphs by blank lines; other files have one
   paragraph a line. ``paragraph_layout`` tells the two apart from the start of the file; in the
   first, the lines of a paragraph are joined (so a broken term reads as if it were not broken), in
   the second each line is a paragraph. Lines of zero-width characters alone are dropped.
3. **Characters**: zero-width characters removed, full-width digits and Latin letters made ASCII,
   digits spaced out (``1 9 9 3 年``) joined, ASCII punctuation next to Chinese made full width,
   whitespace normalised (none is kept next to a Chinese character).
4. A paragraph is one line of the cleaned text; the cleaned text joins them with ``\\n``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator

from analysis.text.lexicons import Boilerplate, load_boilerplate
from analysis.text.structure import SECTION_HEADING, SUBSECTION_HEADING, begins_speech
from analysis.text.textio import LINE_BREAK

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’"
_ASCII_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}
# An ASCII mark counts as Chinese punctuation when a CJK character stands on either side of it;
# between two Latin letters or digits (3,000  10:30  e.g.,) it is left alone.
_ASCII_PUNCT = re.compile(rf"(?<=[{CJK}])[,:;!?]|[,:;!?](?=[{CJK}])")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u3000]+")
_SPACE_NEXT_TO_CJK = re.compile(rf"(?<=[{CJK}]) | (?=[{CJK}])")
# full-width digits and Latin letters (１９５６, ＧＤＰ) -> ASCII; full-width punctuation stays
_FULL_WIDTH = {c: c - 0xFEE0 for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
_SPACED_DIGITS = re.compile(r"\d(?: \d)+\b")
_THOUSANDS = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")  # 27，203，319 (a full-width thousands separator)
# cheap searches that say whether a line needs the step at all (most lines need none of them)
_FULL_WIDTH_ANY = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_THOUSANDS_ANY = re.compile(r"\d，\d")
_ASCII_PUNCT_ANY = re.compile(r"[,:;!?]")
_SALUTATION = re.compile(r"^.{1,18}[：:]$")
# the lines of a speech's header that stand on their own even where lines of a paragraph are joined:
# a date line (（2023年10月18日）, 二〇二三年四月十二日), and the line after a title that ends as one does
_DATE_LINE = re.compile(r"[（(]?\s*[\d〇零一二三四五六七八九十]{1,4}\s*年\s*[\d〇零一二三四五六七八九十]{1,3}\s*月"
                        r"\s*[\d〇零一二三四五六七八九十]{1,3}\s*日\s*[）)]?")
_TITLE_END = re.compile(r"(讲话|报告|发言|致辞|讲稿|贺词|演讲|说明)[）)]?$")

LAYOUTS = ("blank", "line")
_BREAK_ENDS = tuple("。！？!?：:；;…”’」』）)") + ("——",)  # a line ending so may end a paragraph
_CONTINUES = tuple("”’」』）)，。、；：！？,.;:!?")  # a line beginning so goes on the one before


def clean_line(line: str) -> str:
    """Return one line (or joined paragraph) with its characters and whitespace normalised."""
    line = unicodedata.normalize("NFC", _ZERO_WIDTH.sub("", line))
    if _FULL_WIDTH_ANY.search(line):
        line = line.translate(_FULL_WIDTH)
    line = _SPACES.sub(" ", line).strip()
    if not line:
        return ""
    if " " in line:
        line = _SPACED_DIGITS.sub(lambda m: m.group().replace(" ", ""), line)
        line = _SPACE_NEXT_TO_CJK.sub("", line)
    if _THOUSANDS_ANY.search(line):
        line = _THOUSANDS.sub(",", line)
    if _ASCII_PUNCT_ANY.search(line):
        line = _ASCII_PUNCT.sub(lambda m: _ASCII_TO_FULL[m.group()], line)
    return line


def is_zero_width(line: str) -> bool:
    """A line of zero-width characters alone: web pages leave them where an element was (人\\n\\u200b\\n民)."""
    return bool(_ZERO_WIDTH.search(line)) and not _ZERO_WIDTH.sub("", line).strip()


def paragraph_layout(text: str) -> str:
    """Say how the paragraphs of a text are separated: ``"blank"`` (blank lines, as on web pages, where
    single line breaks stand inside paragraphs) or ``"line"`` (one paragraph a line).

    Counts the breaks between two lines of text with a blank line between them and those without:
    a text is ``blank`` when it has at least two of the first and no fewer of them than of the second.
    """
    single = blank = 0
    seen_text = gap = False
    for line in LINE_BREAK.split(text):
        if is_zero_width(line):
            continue
        if not line.strip():
            gap = seen_text
            continue
        if seen_text:
            blank, single = (blank + 1, single) if gap else (blank, single + 1)
        seen_text, gap = True, False
    return "blank" if blank >= 2 and blank >= single else "line"


_HAN_CHARACTER = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
SPEECH_LINE_HAN = 40  # a line with this many Chinese characters is a paragraph of speech, never a footer's
SPEECH_SENTENCE_HAN = 20  # nor is a line of this many that ends as a sentence does


def reads_as_speech(line: str) -> bool:
    """Whether a line reads as a paragraph of speech rather than as a footer's (licence, address, record)."""
    han = len(_HAN_CHARACTER.findall(line))
    return han >= SPEECH_LINE_HAN or (han >= SPEECH_SENTENCE_HAN and line.rstrip().endswith(("。", "！", "？", "”")))


def footer_start(tail: str, boilerplate: Boilerplate) -> int | None:
    """Return where a web footer starts in ``tail`` (the end of a document), or ``None``.

    The footer must run to the end and be at most ``footer_max_chars`` characters long, and be a footer's
    own block: no line after the one it starts in reads as speech (a complaint address named in a
    speech's last paragraphs is no footer).
    """
    starts = []
    for pattern in boilerplate.footers:
        for m in pattern.finditer(tail):
            if len(tail) - m.start() > boilerplate.footer_max_chars:
                continue
            after = tail.find("\n", m.start())
            if after < 0 or not any(reads_as_speech(line) for line in tail[after + 1:].split("\n")):
                starts.append(m.start())
                break
    return min(starts) if starts else None


# where a news page flattened its paragraphs: a run of two spaces or more with a wide one (U+3000,
# U+2003), or of plain spaces after a sentence's end; one wide space (《珍爱湿地　守护未来》) or plain
# spaces inside a sentence are only spaces
_PARAGRAPH_RUN = re.compile(r"(?<=\S)(?:(?=[ \u00a0]*[\u2002\u2003\u3000])[ \u00a0\u2002\u2003\u3000]{2,}"
                            r"|(?<=[。！？：”])[ \u00a0]{2,})(?=\S)")
# a photo credit: 新华社记者 谢环驰 摄, 新华社记者 庞兴雷/摄, 新华社发（王壮飞 摄）, 记者 某某、某某 摄, 新华社发
_NAME = r"[\u4e00-\u9fff·]{2,5}"
_GAP = r"[ \u00a0\u2002\u2003\u3000]*"
_CREDIT = re.compile(rf"(?:新华社记者|新华社发|新华社|摄影记者|记者|摄影){_GAP}"
                     rf"(?:[（(]{_GAP}{_NAME}(?:{_GAP}[、，和]{_GAP}{_NAME})*{_GAP}摄{_GAP}[）)]"
                     rf"|{_NAME}(?:{_GAP}[、，和]{_GAP}{_NAME})*{_GAP}/?{_GAP}摄)"
                     rf"|(?<=[。！？])新华社发(?![（(布表出])")  # the agency's own photo: …讲话。新华社发
_CAPTION_OPENS = re.compile(r"\s*(?:当地时间|\d{4}年|\d{1,2}月\d{1,2}日|[一二三四五六七八九十]{1,3}月|这是|新华社)")
CAPTION_MAX_CHARS = 400  # a photo caption is never longer
# an agency dateline: 新华社北京1月27日电 (and the reporters after it); a dateline alone may close a page
_DATELINE = re.compile(rf"{_GAP}[（(]?新华社[\u4e00-\u9fff]{{2,12}}\d{{1,2}}月\d{{1,2}}日电"
                       rf"(?:{_GAP}[（(][^（）()]{{0,30}}[）)])?[）)]?")


def page_pieces(line: str) -> Iterator[tuple[str, object]]:
    """Split one raw line of a news page: ``("break", None)`` where a run of spaces stood for a paragraph
    break, ``("removed", (reason, text))`` for a photo caption (its text up to the credit, 新华社记者 某某
    摄) and an agency dateline (新华社北京1月27日电), ``("text", piece)`` for the rest."""
    if not line.strip():
        yield "text", line  # a blank line: the end of a paragraph where blank lines separate them
        return
    pieces = _PARAGRAPH_RUN.split(line) if "  " in line or "\u3000" in line or "\u2003" in line else [line]
    for n, piece in enumerate(pieces):
        if n:
            yield "break", None
        while piece:
            dateline = _DATELINE.match(piece)
            if dateline and dateline.end():
                yield "removed", ("dateline", piece[:dateline.end()].strip())
                piece = piece[dateline.end():]
                continue
            caption = _caption_end(piece)
            if caption:
                start, end = caption
                if start:
                    yield "text", piece[:start]
                    yield "break", None
                yield "removed", ("caption", piece[start:end].strip())
                yield "break", None
                piece = piece[end:]
                continue
            yield "text", piece
            break


# a news page's header flattened into one line: title, date in brackets, speaker
_TITLE_BLOCK = re.compile(r"(?P<title>[^。！？：:]{4,80}?(?:讲话|致辞|贺词|演讲|报告|祝酒辞|发言|讲稿))"
                          r"(?P<date>[（(][^（）()。]{4,30}[）)])(?P<speaker>[\u4e00-\u9fff·]{2,4})?")
_NAME_LINE = re.compile(r"[\u4e00-\u9fff·]{2,4}")


def header_parts(line: str) -> list[str]:
    """The lines of a header flattened into one (在…上的讲话（2023年3月1日）习近平: title, date, speaker),
    or the line alone."""
    block = _TITLE_BLOCK.fullmatch(line.strip())
    return [part for part in block.group("title", "date", "speaker") if part] if block else [line]


def is_name_line(line: str) -> bool:
    """A header line that is a speaker's name (two to four characters)."""
    return bool(_NAME_LINE.fullmatch(line.strip()))


def _caption_end(piece: str) -> tuple[int, int] | None:
    """Where a photo caption stands in a piece of a page: from its opening (a date, 当地时间, 这是, or the
    piece's start) to the end of its credit; ``None`` if the piece holds none within its first
    ``CAPTION_MAX_CHARS`` characters."""
    credit = _CREDIT.search(piece, 0, CAPTION_MAX_CHARS + 40)
    if not credit:
        return None
    before = piece[:credit.start()]
    starts = [0] + [m.end() for m in re.finditer(r"[。！？]", before)]
    opening = next((p for p in starts if _CAPTION_OPENS.match(before, p)), None)
    if opening is None:
        if credit.start() > CAPTION_MAX_CHARS // 2:
            return None  # a long paragraph of speech that names a photographer is no caption
        opening = 0
    return opening, credit.end()


TEMPLATE_TAIL_LINES = 40  # the lines at a document's end searched for a template block
TEMPLATE_MIN_DOCUMENTS = 3  # a template closes at least this many documents, and half of the corpus
TEMPLATE_MIN_CHARS = 40  # a block shorter than this (谢谢大家！) is speech, however often it recurs
_DIGITS = re.compile(r"\d+")


def template_key(line: str) -> str:
    """A line as a template compares it: stripped, its figures one (a date or a number of its own)."""
    return _DIGITS.sub("0", _SPACES.sub("", line))


def closing_templates(tails: list[str]) -> frozenset[str]:
    """The lines (``template_key``) of the blocks that close at least half of the documents whose
    ``tails`` (their last characters) are given, and at least ``TEMPLATE_MIN_DOCUMENTS`` of them: the
    licence notice or navigation a site adds to every page, whatever its wording. A block is lines that
    close the same documents (a speech's own closing line, 谢谢大家！, recurs in others too, so it is no
    part of the block after it), together at least ``TEMPLATE_MIN_CHARS`` characters."""
    if len(tails) < TEMPLATE_MIN_DOCUMENTS:
        return frozenset()
    where: dict[str, set[int]] = {}
    for n, tail in enumerate(tails):
        for line in [template_key(line) for line in LINE_BREAK.split(tail) if line.strip()][-TEMPLATE_TAIL_LINES:]:
            where.setdefault(line, set()).add(n)
    least = max(TEMPLATE_MIN_DOCUMENTS, (len(tails) + 1) // 2)
    blocks: dict[frozenset[int], list[str]] = {}
    for line, documents in where.items():
        if len(documents) >= least and len(line) <= 300:
            blocks.setdefault(frozenset(documents), []).append(line)
    return frozenset(line for lines in blocks.values() if sum(map(len, lines)) >= TEMPLATE_MIN_CHARS
                     for line in lines)


def closing_start(tail: str, closing: frozenset[str]) -> int | None:
    """Where a template block closes ``tail``: its last lines, each a template line (blank lines
    between), at least two and ``TEMPLATE_MIN_CHARS`` characters, with at least as much text before
    them; ``None`` if none."""
    if not closing:
        return None
    lines = tail.split("\n")
    at, start, count, chars = len(tail), None, 0, 0
    for line in reversed(lines):
        at -= len(line)
        if line.strip() and template_key(line) not in closing:
            break
        if line.strip():
            start, count, chars = at, count + 1, chars + len(line.strip())
        at -= 1  # the line end before it
    if start is None or count < 2 or chars < TEMPLATE_MIN_CHARS:
        return None
    # a template closes a text: at least as much text stands before it (documents that are all alike,
    # short notices of one pattern, are each their own text)
    return start if len(tail[:start].strip()) >= chars else None


def is_chrome(line: str, boilerplate: Boilerplate) -> bool:
    """Say whether a whole line is page chrome (打印本页, 责任编辑：…), removed wherever it stands."""
    stripped = line.strip()
    return bool(stripped) and any(p.fullmatch(stripped) for p in boilerplate.lines)


class _Paragraphs:
    """Assembles raw lines into paragraphs: ``push`` a line, then ``finish``; each returns events,
    ("text", raw paragraph) and ("removed", (reason, line))."""

    def __init__(self, layout: str, boilerplate: Boilerplate):
        self.layout, self.boilerplate = layout, boilerplate
        self.parts: list[str] = []
        self.begun = False  # whether the speech has begun: its header (title, date, speaker) comes before

    def _flush(self) -> list[tuple[str, str]]:
        done, self.parts = self.parts, []
        paragraph = "".join(done)
        # a salutation, a sentence or a long line: the header is over
        self.begun = self.begun or begins_speech(paragraph)
        return [("text", paragraph)] if done else []

    def _header_break(self, text: str) -> bool:
        """Whether, in the header block, ``text`` starts a line of its own: a date line, the line after
        one, or the line after a title (……的讲话)."""
        if self.begun or not self.parts:
            return False
        last = self.parts[-1]
        return bool(_DATE_LINE.fullmatch(text) or _DATE_LINE.fullmatch(last) or _TITLE_END.search(last))

    def push(self, line: str) -> list[tuple[str, str]]:
        if is_zero_width(line):
            return []
        if is_chrome(line, self.boilerplate):
            return [("removed", ("page chrome", line.strip()))]
        events = []
        for kind, piece in page_pieces(line):
            if kind == "removed":
                events.append(("removed", piece))
            elif kind == "break":
                events += self._flush()
            else:
                events += self._push_text(piece)
        return events

    def _push_text(self, line: str) -> list[tuple[str, str]]:
        parts = header_parts(line) if not self.begun else [line]
        if len(parts) > 1:  # 在…上的讲话（2023年3月1日）习近平: three lines of the header
            return self._flush() + [("text", part) for part in parts]
        text = line.strip()
        if not text:
            return self._flush()
        if self.layout == "line":  # a paragraph a line, but a break inside a sentence joins (each break judged)
            events = [] if self.parts and self._inside_sentence("".join(self.parts), text) else self._flush()
            self.parts.append(text)
            return events
        events = []
        if len(self.parts) == 1 and _SALUTATION.match(self.parts[0]) or self._header_break(text):
            events = self._flush()  # 各位代表：\n现在… stays two paragraphs; so do 讲话\n（2023年10月18日）
        self.parts.append(text)
        return events

    def _inside_sentence(self, before: str, after: str) -> bool:
        """Whether a line break stands inside a sentence, where a scraper broke a page around a quotation
        or a link (指出：“⏎这次…⏎”为了): the line before ends with no mark that ends a sentence or a clause
        (or with an opening quote), or the next begins with a closing mark. Never in the header, nor after
        a heading."""
        if not self.begun or SECTION_HEADING.match(before) or SUBSECTION_HEADING.match(before):
            return False
        return not before.endswith(_BREAK_ENDS) or before.endswith(("“", "‘", "「")) or after.startswith(_CONTINUES)

    def finish(self) -> list[tuple[str, str]]:
        return self._flush()


def clean_lines(lines: Iterable[str], *, layout: str = "line",
                boilerplate: Boilerplate | None = None) -> Iterator[tuple[str, str]]:
    """Clean the raw lines of a document, in order.

    Yields ``("text", paragraph)`` for each cleaned paragraph and ``("removed", (reason, line))`` for
    each line (or part of one) that cleaning removed: a footer, page chrome, a photo caption, a dateline. Reads one line at a time, holding back only the last
    ``footer_max_chars`` characters until the end, where a footer may stand.
    """
    boilerplate = load_boilerplate() if boilerplate is None else boilerplate
    paragraphs = _Paragraphs(layout, boilerplate)
    held: deque[str] = deque()
    held_chars = 0
    for line in lines:
        held.append(line)
        held_chars += len(line) + 1
        # a line that a footer of the largest size cannot reach any more belongs to the text
        while held_chars - len(held[0]) - 1 >= boilerplate.footer_max_chars:
            oldest = held.popleft()
            held_chars -= len(oldest) + 1
            yield from _cleaned(paragraphs.push(oldest))
    tail = "\n".join(held)
    cut = footer_start(tail, boilerplate) if held else None
    closing = closing_start(tail[:cut] if cut is not None else tail, boilerplate.closing)
    kept = tail[:closing].split("\n") if closing is not None else \
        (list(held) if cut is None else tail[:cut].split("\n") if cut else [])
    for line in kept:
        yield from _cleaned(paragraphs.push(line))
    yield from _cleaned(paragraphs.finish())
    if closing is not None:
        yield from (("removed", ("template", line.strip())) for line in tail[closing:cut].split("\n") if line.strip())
    if cut is not None:
        yield from (("removed", ("footer", line.strip())) for line in tail[cut:].split("\n") if line.strip())


def _cleaned(events: list[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    for kind, value in events:
        yield kind, clean_line(value) if kind == "text" else value


def clean_text(raw: str, *, boilerplate: Boilerplate | None = None,
               layout: str | None = None) -> tuple[str, list[tuple[str, str]]]:
    """Return the cleaned text of a whole raw text, and what cleaning removed from it (reason, text)."""
    layout = paragraph_layout(raw) if layout is None else layout
    kept, removed = [], []
    for kind, value in clean_lines(LINE_BREAK.split(raw), layout=layout, boilerplate=boilerplate):
        if kind == "removed":
            removed.append(value)
        elif value:
            kept.append(value)
    return "\n".join(kept), removed
