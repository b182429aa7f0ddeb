"""Parallel series (排比): runs of items built alike, found on the text without a lexicon.

A series is two or more adjacent items of one sentence, separated by a separator (、，；：) or by
nothing (抓紧抓实抓具体), that share

- a **head**: the same first characters (早发现、早报告; 集中患者、集中专家; 特别能吃苦、特别能战斗),
- a **tail**: the same last characters (健康指数、安全指数; 获得感、幸福感、安全感),
- a **frame**: the same characters at the same places, with slots between (应检尽检、应收尽收 is
  应…尽…; 疫情就是命令，防控就是责任 is …就是…), or
- only a **structure**: items of equal length and no shared character that say what to do or how
  (统筹调度、督促检查、宣传引导; at the level of clauses, three or more short ones).

Items are looked for at three levels: clauses (between ，；：), phrases (between 、 inside a clause)
and juxtaposed words (inside a phrase); a series of clauses may hold series of phrases. The first
item may start inside its clause and the last may end inside it, as far as the others make
plausible (进一步增强“四个意识”、坚定“四个自信”: the first item is 增强“四个意识”; 早治疗和集中救治
措施: the last is 早治疗), and always between two words.

**Plain lists of names are not series** (汽车、火车; 省委、省政府; 车站、机场、码头): a series says
something. At least half of its items, or its shared head, hold a predicate (a word the tokenizer
tags as a verb, adjective or adverb, or an idiom, or a verbal or adjectival noun); or its tail is a
suffix that makes abstract nouns of qualities (性 感 化 度 率 力 …: 重要性、紧迫性; 责任感、使命感).
A shared part of one character must be content, not a function word (要…，要…; 是…，是… are not
series), and stands in short items (four characters at most) unless it is such a suffix. Items with
figures (5.5%左右) and parts with numerals (十九大、十九届; 一降一补) are targets and numbered
formulations, not series. The measured precision and recall against hand annotation are in docs/accuracy.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from analysis.measures.registry import Measure, Table, register
from analysis.text.tokenizers import ADJ, ADV, NOUN, PRON, PROPN, VERB, Tokenizer, get_tokenizer
from analysis.text.tokens import TokenTable

if TYPE_CHECKING:
    import pandas as pd

    from analysis.text.documents import Chunk

PARALLEL_COLUMNS = ["shared", "items", "kind", "n_items", "text", "level", "doc", "section", "section_index", "subsection", "subsection_index",
                    "paragraph", "sentence", "start", "end"]
KINDS = ("head", "tail", "frame", "structure")
LEVELS = ("clause", "phrase", "juxtaposed")
CLAUSE_SEPARATORS = "，；：,;:"
PHRASE_SEPARATOR = "、"
SECTION_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）)")
# one-character heads and tails that are function words, not content a series could share
FUNCTION_CHARACTERS = "要是在对把将以从为由被向于与和及并而但又还也都就不没这那其此该我你他她它们的了着过地得之所乎吗呢吧啊中上下里内外前后时年月日等"
# suffixes that make abstract nouns of qualities: a tail series of them is a series of qualities
ABSTRACT_SUFFIXES = "性感化度率力心观型式者"
PUNCTUATION = "，；：、。！？“”‘’「」《》（）()…—-,;:!?\"' "
SHORT_ITEM = 4                 # a one-character head or tail stands in items of at most this many characters
MAX_STRUCTURE_ITEM = 8         # a structure: equal items of 2 to 8 characters,
MAX_CLAUSE_STRUCTURE_ITEM = 6  # and of clauses, three whole ones or more of at most 6
SENTENCE_MAX = 2000  # characters of a sentence searched for series (the 52 reports' longest has 362)
JUXTAPOSED_MAX = 200  # characters of a phrase searched for series without separators (the 52 reports: at most 71)
_PRIORITY = ("frame", "head", "tail", "structure")  # of two readings of the same items, the more telling
_CUT = re.compile(r"和|与|及|以及|等|并|同|的")  # a last item may end before these
_JOINERS = re.compile(r"以及|和|与|及")  # join the last member of a list
_OPENING, _CLOSING = "（(《〈【", "）)》〉】"
_QUOTE_OPENING, _QUOTE_CLOSING = "“‘「『", "”’」』"
_FINAL = "。！？!?…；; "
_EDGE_PUNCTUATION = "，；：、,;:"
_JOINING = re.compile("[的和与及]")
_DOTS = re.compile(r"…+")
_DIGIT = re.compile(r"\d")
_FIGURE = re.compile(r"\d|[亿万千百]")
_KIND_OF = {ADJ: "modifier", ADV: "modifier"}  # a tail after words of one kind: 共同复苏、强劲复苏
_NUMERALS = re.compile(r"[\d０-９一二两三四五六七八九十百千万亿零〇]+")


@dataclass(frozen=True)
class Series:
    kind: str
    shared: str
    items: tuple[tuple[int, int], ...]  # (start, end) of each item in its sentence
    level: str


def find_parallels(chunk: Chunk, tokenizer: Tokenizer | None = None, *,
                   tokens: TokenTable | pd.DataFrame | None = None) -> pd.DataFrame:
    """Return one row per parallel series of a chunk: doc, kind, shared part, items (joined by ``|``),
    their number, the series' text and offsets, its level, and where it stands.

    The rules read word boundaries and tags: from ``tokens`` (the chunk's token rows) when given, else
    the tokenizer tags the sentences that hold a candidate.
    """
    import numpy as np

    tokenizer = get_tokenizer() if tokenizer is None else tokenizer
    if tokens is not None and not isinstance(tokens, TokenTable):
        tokens = TokenTable.from_frame(tokens, tokenizer)
    words = _words_by_sentence(chunk, tokens) if tokens is not None else {}
    rows = []
    for sentence in chunk.sentences:
        text = sentence.text
        if len(text) > SENTENCE_MAX:  # no speech's sentence; the search would cost its length squared
            continue
        for series in series_in_sentence(text, tokenizer, words.get(sentence.index)):
            start, end = series.items[0][0], series.items[-1][1]
            rows.append((series.kind, series.shared, "|".join(text[s:e] for s, e in series.items),
                         len(series.items), text[start:end], sentence.start + start, sentence.start + end,
                         series.level))
    kind, shared, items, n_items, found, starts, ends, level = (list(c) for c in zip(*rows)) if rows \
        else ([] for _ in range(8))
    return chunk.rows(starts, ends, PARALLEL_COLUMNS, kind=kind, shared=shared, items=items,
                      n_items=np.asarray(n_items, dtype=np.int64), text=found, level=level)


def _words_by_sentence(chunk: Chunk, tokens: TokenTable) -> dict[int, list[tuple[int, int, str]]]:
    """Return each sentence's words as (start, end, tag), offsets into the sentence."""
    import numpy as np

    if not len(tokens):
        return {}
    sentence = tokens.sentence
    starts = np.array([chunk.offset + s.start for s in chunk.sentences], dtype=np.int64)
    numbers = np.array([s.index for s in chunk.sentences], dtype=np.int64)
    base = starts[np.searchsorted(numbers, sentence)] if len(numbers) else np.zeros(len(sentence), np.int64)
    keep = tokens.start >= base
    begin, end = (tokens.start - base)[keep].tolist(), (tokens.end - base)[keep].tolist()
    tags, kept = tokens.tags()[keep].tolist(), sentence[keep].tolist()
    words: dict[int, list[tuple[int, int, str]]] = {}
    for number, a, b, tag in zip(kept, begin, end, tags):
        words.setdefault(number, []).append((a, b, tag))
    return words


def series_in_sentence(text: str, tokenizer: Tokenizer,
                       words: list[tuple[int, int, str]] | None = None) -> list[Series]:
    """Return the parallel series of one sentence, at every level, each once, in text order.

    ``words`` are the sentence's (start, end, tag), if known; else the tokenizer tags it when needed.
    """
    sentence = _Sentence(text, tokenizer, words)
    heading = SECTION_NUMBER.match(text)  # 三、疫情就是命令，防控就是责任: the number is no item's
    clauses = sentence.split(heading.end() if heading else 0, len(text), CLAUSE_SEPARATORS)
    found = sentence.in_run(clauses, "clause")
    for start, end in clauses:
        phrases = sentence.split(start, end, PHRASE_SEPARATOR)
        found += sentence.in_run(phrases, "phrase")
        for p_start, p_end in phrases:
            found += sentence.juxtaposed(p_start, p_end)
    return sorted(_distinct(found), key=lambda s: (s.items[0][0], -s.items[-1][1]))


def _content(part: str) -> str:
    return "".join(c for c in part if c not in PUNCTUATION)


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _common_suffix(a: str, b: str) -> str:
    return _common_prefix(a[::-1], b[::-1])[::-1]


def _good_edge(part: str) -> bool:
    """A shared head or tail worth a series: some content, and not a lone function character."""
    content = _content(part)
    return bool(content) and not (len(content) == 1 and content in FUNCTION_CHARACTERS)


def _shape(word: str) -> str:
    """The pattern of repeated characters of a word: 群策群力 and 联防联治 are both ABAC."""
    letters: dict[str, str] = {}
    return "".join(letters.setdefault(c, "ABCDEFGH"[len(letters)]) for c in word)


@lru_cache(maxsize=65536)
def _tags(phrase: str, tokenizer: Tokenizer) -> tuple[tuple[str, str], ...]:
    return tuple(tokenizer.tag(phrase))


class _Sentence:
    """One sentence and the detectors that read it; its words are tagged once, when a rule asks."""

    def __init__(self, text: str, tokenizer: Tokenizer, words: list[tuple[int, int, str]] | None = None):
        self.text, self.tokenizer = text, tokenizer
        self._words = words
        self._bounds: set[int] | None = None

    def at(self, span: tuple[int, int]) -> str:
        return self.text[span[0]:span[1]]

    @property
    def words(self) -> list[tuple[int, int, str]]:
        """The sentence's words: (start, end, tag)."""
        if self._words is None:
            self._words, position = [], 0
            for word, tag in _tags(self.text, self.tokenizer):
                self._words.append((position, position + len(word), tag))
                position += len(word)
        return self._words

    @property
    def bounds(self) -> set[int]:
        """Where the sentence's words begin and end."""
        if self._bounds is None:
            self._bounds = {0} | {e for _, e, _ in self.words} | {s for s, _, _ in self.words}
        return self._bounds

    def between_words(self, item: tuple[int, int]) -> bool:
        return item[0] in self.bounds and item[1] in self.bounds

    def split(self, start: int, end: int, separators: str) -> list[tuple[int, int]]:
        """Return the spans between separators (a bracket's inside is not split; sentence-final
        punctuation and empty pieces are left out)."""
        spans, piece, depth = [], start, 0
        for i in range(start, end + 1):
            c = self.text[i] if i < end else ""
            if c and c in _OPENING:
                depth += 1
            elif c and c in _CLOSING and depth > 0:
                depth -= 1
            if i == end or (c in separators and depth == 0):
                j = i
                while j > piece and self.text[j - 1] in _FINAL:
                    j -= 1
                k = piece
                while j - k > 2 and self.text[k] in _QUOTE_OPENING and self.text[j - 1] in _QUOTE_CLOSING \
                        and not any(c in _QUOTE_OPENING + _QUOTE_CLOSING for c in self.text[k + 1:j - 1]):
                    k, j = k + 1, j - 1  # a wholly quoted item is the words inside (“港人治港”、“澳人治澳”)
                if j > k:
                    spans.append((k, j))
                piece = i + 1
        return spans

    def in_run(self, segments: list[tuple[int, int]], level: str) -> list[Series]:
        """Return the series among consecutive segments of one separator level."""
        if len(segments) < 2:
            return []
        return self.headed(segments, level) + self.tailed(segments, level) + self.aligned(segments, level) \
            + self.units(segments, level) + self.prepositional(segments, level)

    # -- heads ------------------------------------------------------------------------------------

    def headed(self, segments: list[tuple[int, int]], level: str) -> list[Series]:
        """Series whose items share their first characters."""
        found, i = [], 0
        while i < len(segments) - 1:
            first, following = segments[i], segments[i + 1]
            # the first item may start inside its segment, where the next item's head stands
            best, nxt = None, self.at(following)
            p = self.text.find(nxt[0], first[0], first[1])
            while p != -1:
                head = _common_prefix(self.text[p:first[1]], nxt)
                if best is None or len(head) >= len(best[1]):
                    best = (p, head)
                p = self.text.find(nxt[0], p + 1, first[1])
            if best is None or not _good_edge(best[1]):
                i += 1
                continue
            if best[0] != first[0] and best[0] not in self.bounds:
                i += 1  # the first item starts inside a word (总体平稳、稳中有进 has no series of 稳)
                continue
            head, items, j = best[1], [(best[0], first[1]), following], i + 2
            while j < len(segments):
                shared = _common_prefix(head, self.at(segments[j]))
                if not _good_edge(shared) or (len(shared) == 1 and len(head) > 1 and len(items) > 2):
                    break
                head = shared
                items.append(segments[j])
                j += 1
            items = self._trim_last(items) if level != "clause" else items  # a clause is an item whole
            long_items = max(e - s for s, e in items) > SHORT_ITEM
            unequal = len({e - s for s, e in items}) > 1
            series = Series("head", head, tuple(items), level)
            # 省委先后召开…，省委办公厅…: a shared subject of long clauses is no series; a shared verb is
            head_span = (items[0][0], items[0][0] + len(head))
            # 省委先后召开…，省委办公厅…: a shared subject of long items is no series, a shared verb is, and so
            # is a preposition (通过谈判…，通过协商…) or a word before a verb in each (全面建成…、全面推进…)
            subject = long_items and (unequal or level == "clause") and not self.predicative(head_span, nominal=False) \
                and self.nominal(head_span) and not all(self.coarse_at(s + len(head)) == VERB for s, _ in items)
            if not subject and self.plausible(series):
                found.append(series)
                i = j - 1
            else:
                i += 1
        return found

    def _trim_last(self, items: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """End the last item where the others make it plausible: at the others' length when the middle
        ones are of that length (保稳定工作 after 稳增长、促改革 is 保稳定), or before 和/与/及/等/的 …
        when that gives it the others' length (早治疗和集中救治措施 is 早治疗); else it stays whole."""
        start, end = items[-1]
        others = sorted(e - s for s, e in items[:-1])
        typical = others[len(others) // 2]
        middle = {e - s for s, e in items[1:-1]}
        if len(middle) == 1 and end - start > typical == next(iter(middle)):
            return [*items[:-1], (start, start + typical)]
        cut = _CUT.search(self.text, start + 1, end)
        if cut and cut.start() - start == typical:
            end = cut.start()
        return [*items[:-1], (start, end)]

    # -- tails ------------------------------------------------------------------------------------

    def tailed(self, segments: list[tuple[int, int]], level: str) -> list[Series]:
        """Series whose items share their last characters."""
        found, i = [], 0
        while i < len(segments) - 1:
            first, following = segments[i], segments[i + 1]
            a, b = self.at(first), self.at(following)
            b_end, tail = following[1], _common_suffix(a, b)
            if not tail and i + 2 == len(segments):  # the last item may end inside its segment (法治化手段)
                for q in range(len(b) - 1, 1, -1):
                    if (tail := _common_suffix(a, b[:q])):
                        b_end = following[0] + q
                        break
            cut_short = b_end != following[1]
            if not _good_edge(tail) or (cut_short and len(tail) < 2 and tail not in ABSTRACT_SUFFIXES):
                i += 1
                continue
            start = max(first[0], first[1] - (b_end - following[0]))
            while start > first[0] and start not in self.bounds:
                start -= 1  # back to the start of the word a cut fell in (方政府债务风险 -> 地方政府债务风险)
            items, j = [(start, first[1]), (following[0], b_end)], i + 2
            while j < len(segments) and items[-1][1] == segments[j - 1][1]:
                piece = segments[j]
                shared = _common_suffix(tail, self.at(piece))
                if not shared and j == len(segments) - 1:  # ending inside the last segment (便利化的营商环境)
                    at = self.text.find(tail, piece[0], piece[1])
                    if at > piece[0] and (len(tail) >= 2 or tail in ABSTRACT_SUFFIXES):
                        piece, shared = (piece[0], at + len(tail)), tail
                if not _good_edge(shared):
                    break
                tail = shared
                items.append(piece)
                j += 1
            items = self._split_joined(items, tail)
            items = self._drop_governing_verb(items)
            one_character = len(_content(tail)) == 1
            # a one-character tail is of one word, shared by items of one length (重要性、紧迫性), not of
            # phrases (…的合理化，…的社会化和专业化)
            if one_character and (len({e - s for s, e in items}) > 1
                                  or any(_JOINING.search(self.at(item)) for item in items)):
                i += 1
                continue
            series = Series("tail", tail, tuple(items), level)
            if cut_short and len({_KIND_OF.get(kind := self.coarse_at(e - len(tail) - 1), kind) for s, e in items
                                  if e - len(tail) > s and e - len(tail) in self.bounds}) > 1:
                i += 1  # a tail word after words of unlike kinds: 试验区建设、探索建设中国… (a verb's object follows)
                continue
            if self.plausible(series):
                found.append(series)
                i = j - 1
            else:
                i += 1
        return found

    def _drop_governing_verb(self, items: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Start the first item after a verb the others lack, which governs the series (发展|全国各族人民
        大团结、海内外中华儿女大团结)."""
        start, end = items[0]
        first = next(((s, e, tag) for s, e, tag in self.words if s == start), None)
        verb = lambda at: any(s == at and tag.startswith("v") for s, _, tag in self.words)  # noqa: E731
        if first is None or not first[2].startswith("v") or first[1] >= end - 1 or any(verb(s) for s, _ in items[1:]) \
                or end - start <= max(e - s for s, e in items[1:]):
            return items  # only a first item longer than the others carries such a verb
        return [(first[1], end), *items[1:]]

    def _split_joined(self, items: list[tuple[int, int]], tail: str) -> list[tuple[int, int]]:
        """Part a last item that joins two members with 和/与/及 (…、学前教育和老年教育) in two."""
        start, end = items[-1]
        for cut in _JOINERS.finditer(self.at(items[-1])):
            left = (start, start + cut.start())
            if left[1] > left[0] + len(tail) and self.at(left).endswith(tail) and cut.end() + start < end:
                return [*items[:-1], left, (start + cut.end(), end)]
        return items

    # -- frames and structures ---------------------------------------------------------------------

    def aligned(self, segments: list[tuple[int, int]], level: str) -> list[Series]:
        """Frames and structures: runs of whole segments of one length, compared character by character.

        A run may take in the segment before it cut to its length and, at the end of the clauses, the
        one after it, when the cut falls between words and keeps what the run shares: 进一步增强“四个
        意识”、坚定“四个自信”、做到“两个维护” is a frame of three; with one whole segment, a frame of
        two shared characters or more (要严守工作纪律，强化工作作风).
        """
        found, lengths, i = [], [e - s for s, e in segments], 0
        while i < len(segments):
            j = i + 1
            while j < len(segments) and lengths[j] == lengths[i]:
                j += 1
            length, core = lengths[i], list(segments[i:j])
            series = self.classify(core, level) if len(core) >= 2 else None
            if series is not None and series.kind == "structure" and len(core) >= 3:
                framed = self._framed_part(core, level)
                if framed is not None:  # 体现大国担当，发挥表率作用，为各国谋发展，为人类谋福祉，为世界谋进步
                    found.append(framed)
                    rest = [item for item in core if item not in framed.items]
                    series = self.classify(rest, level) if len(rest) >= 2 and rest == core[:len(rest)] else None
            before = [(segments[i - 1][1] - length, segments[i - 1][1])] if i > 0 and lengths[i - 1] > length else []
            after = [(segments[j][0], segments[j][0] + length)] if j == len(segments) - 1 and lengths[j] > length else []
            for wider_items in ([*before, *core, *after], [*before, *core], [*core, *after]):
                if len(wider_items) == len(core) or len(wider_items) < 2:
                    continue
                wider = self.classify(wider_items, level, whole=len(core))
                if wider is None or (series is not None and (wider.kind, wider.shared) != (series.kind, series.shared)):
                    continue
                if len(core) < 2 and not (wider.kind == "frame" and len(_content(wider.shared)) >= 2):
                    continue
                if all(self.between_words(item) for item in wider_items if item not in core):
                    series = wider
                    break
            if series is None and len(core) == 1 and j < len(segments):
                series = self.shaped(segments[i], segments[j], level)
            if series is not None:
                found.append(series)
            i = j
        return found

    def _framed_part(self, items: list[tuple[int, int]], level: str) -> Series | None:
        """The longest run of consecutive items (two or more, ending the run) that share a frame."""
        for start in range(1, len(items) - 1):
            series = self.classify(items[start:], level)
            if series is not None and series.kind == "frame":
                return series
        return None

    def classify(self, items: list[tuple[int, int]], level: str, *, whole: int | None = None) -> Series | None:
        """Say what equal-length items share: a frame, a structure only, or nothing a series needs (a
        head or a tail alone is ``headed``'s and ``tailed``'s)."""
        strings = [self.at(item) for item in items]
        length = len(strings[0])
        shared = [all(s[k] == strings[0][k] for s in strings) for k in range(length)]
        if any(shared):
            lead = next((k for k, same in enumerate(shared) if not same), length)
            trail = next((k for k, same in enumerate(reversed(shared)) if not same), length)
            if lead + trail >= sum(shared) and (_content(strings[0][:lead]) or _content(strings[0][length - trail:])):
                return None
            content = [c for k, c in enumerate(strings[0]) if shared[k] and c not in PUNCTUATION]
            # chance puts a character at the same place in long items: they must share more
            if sum(shared) < max(1, length // (4 if length <= 8 else 3)) or not content:
                return None
            if len(content) == 1 and self.inside_nouns(items, shared.index(True)):
                return None  # one character shared inside unlike nouns: 潜力大、活力足 share no 力
            pattern = _DOTS.sub("…", "".join(c if shared[k] else "…" for k, c in enumerate(strings[0])))
            series = Series("frame", pattern, tuple(items), level)
            return series if self.plausible(series) else None
        if not 2 <= length <= MAX_STRUCTURE_ITEM or any(_content(s) != s for s in strings):
            return None
        if level == "clause" and ((len(items) if whole is None else whole) < 3 or length > MAX_CLAUSE_STRUCTURE_ITEM):
            return None  # equal clauses of a task list are common; a structure of clauses is three short ones
        if len(items) == 2 and length > SHORT_ITEM and len({self.pattern(item) for item in items}) > 1:
            return None  # two long items of one length by chance (贯彻党中央和省委、省政府的决策部署)
        series = Series("structure", "", tuple(items), level)
        return series if self.plausible(series) else None

    def shaped(self, a: tuple[int, int], b: tuple[int, int], level: str) -> Series | None:
        """Two four-character items of one repeated shape (ABAC, AABB, ABAB) at the end of one segment
        and the start of the next: 以群策群力、联防联治之力 holds the structure 群策群力、联防联治."""
        if a[1] - a[0] < 4 or b[1] - b[0] < 4:
            return None
        first, second = (a[1] - 4, a[1]), (b[0], b[0] + 4)
        shape = _shape(self.at(first))
        if shape not in ("ABAC", "AABB", "ABAB") or _shape(self.at(second)) != shape \
                or set(self.at(first)) & set(self.at(second)):
            return None
        series = Series("structure", "", (first, second), level)
        return series if self.plausible(series) else None

    def units(self, segments: list[tuple[int, int]], level: str) -> list[Series]:
        """Runs of short units (``unit``: four characters, then three) with no shared character, one to
        a segment: whole segments, the end of the first (推进强国建设、民族复兴伟业: after 推进) and the
        start of the last (…民族复兴伟业). 栉风沐雨、披荆斩棘; 团结奋斗，开拓创新; 韧性强、潜力大、活力足."""
        found = []
        for size in (4, 3):
            i = 0
            while i < len(segments) - 1:
                first = (segments[i][1] - size, segments[i][1])
                items, j = [first], i + 1
                while j < len(segments):
                    start, end = segments[j]
                    if end - start < size or not self.unit((start, start + size)):
                        break
                    items.append((start, start + size))
                    j += 1
                    if end - start > size:  # the last item: words after it end the run
                        break
                while len(items) > 2 and items[-1] not in segments and not self.alike(items[-2:], segments, level):
                    items.pop()  # a last item cut from its segment must be like the one before it
                characters = [set(self.at(item)) for item in items]
                # items that share a character are a head, tail or frame, found as such; except idioms
                # (令人鼓舞，催人奋进; 添砖加瓦、增光添彩), each one word
                distinct = all(self.one_word(item) for item in items) \
                    or not any(x & y for k, x in enumerate(characters) for y in characters[k + 1:])
                series = Series("structure", "", tuple(items), level)
                if len(items) >= 2 and self.unit(first) and self.alike(items[:2], segments, level) and distinct \
                        and self.plausible(series):
                    found.append(series)
                    i = max(j - 1, i + 1)
                else:
                    i += 1
        return found

    def prepositional(self, segments: list[tuple[int, int]], level: str) -> list[Series]:
        """Three clauses or more that open with the same preposition, each with a verb after it: (必将)为
        世界提供更多机遇，为国际合作注入更强动力，为全人类进步作出更大贡献 (the first may start inside its
        clause; a one-character head that a series of two does not share: 为…，为… may be two purposes of
        one act)."""
        found, i = [], 0
        if level != "clause":
            return found
        opening = lambda at: next((tag for s, e, tag in self.words if s == at and e == at + 1), "") == "p"  # noqa: E731
        while i < len(segments) - 1:
            start = segments[i][0]
            if not opening(start):
                i += 1
                continue
            head, j = self.text[start], i + 1
            while j < len(segments) and self.text[segments[j][0]] == head and opening(segments[j][0]):
                j += 1
            items = list(segments[i:j])
            before = segments[i - 1] if i else None
            inside = self.text.rfind(head, before[0], before[1]) if before else -1
            if inside > before[0] and opening(inside) if before else False:
                items.insert(0, (inside, before[1]))
            if len(items) >= 3 and all(any(self.coarse_at(k) == VERB for k in range(s + 1, e)) for s, e in items):
                found.append(Series("head", head, tuple(items), level))
                i = j
            else:
                i += 1
        return found

    def unit(self, span: tuple[int, int]) -> bool:
        """A short unit: of four characters, one word (an idiom: 栉风沐雨) or two of two (深化改革, 强国建设);
        of three, one word, or two (韧性强, 促消费); between words, with no punctuation, saying something
        (a verb, adjective, adverb or idiom among its words, or a verbal noun)."""
        size = span[1] - span[0]
        if size not in (3, 4) or span[0] < 0 or not self.between_words(span) or _content(self.at(span)) != self.at(span):
            return False
        words = [(s, e, tag) for s, e, tag in self.words if s < span[1] and e > span[0]]
        shape = [e - s for s, e, _ in words]
        return shape in ([4], [2, 2], [3], [1, 2], [2, 1]) and any(
            self.tokenizer.coarse(tag) in (VERB, ADJ, ADV) or tag in ("i", "l", "vn", "an") for _, _, tag in words)

    def alike(self, pair: list[tuple[int, int]], segments: list[tuple[int, int]], level: str) -> bool:
        """Whether two short units make a series: two whole phrases (、), or two idioms; else two of the
        same coarse tags, or (of four characters) that both act (团结奋斗，开拓创新), of which, of phrases,
        one may be cut from its segment; two cut, or a clause cut, are a chance pair (历史要求，符合亿万)."""
        cut = sum(item not in segments for item in pair)
        if (cut == 0 and level == "phrase") or all(self.idiom(item) for item in pair):
            return True  # two idioms side by side are a pair wherever they stand (舍生取义、守望相助的场景)
        four = all(e - s == 4 for s, e in pair)
        classes = {self.classes(item) for item in pair}
        if len(classes) == 1 and level == "phrase" and (cut == 0 or next(iter(classes))[0] == "N"):
            # 强国建设、民族复兴 (a name and an act, twice) in 为推进强国建设、民族复兴作出…; cut from their
            # phrases, only names: acts cut so are verb phrases' edges (增强发展动力、顶住经济…; 狠抓防控措施、落实落地)
            return True
        same = len({self.pattern(item) for item in pair}) == 1 or (four and all(self.acting(item) for item in pair))
        return same and (cut == 0 or (cut == 1 and level == "phrase"))

    def classes(self, span: tuple[int, int]) -> tuple[str, ...]:
        """The words of a span as names (N) and predicates (P: verbs, adjectives, adverbs, verbal and
        adjectival nouns); a span of one word is a fixed phrase (W: 深化改革, 扩大开放)."""
        words = [(s, e, tag) for s, e, tag in self.words if s < span[1] and e > span[0]]
        if len(words) == 1:
            return ("W",)
        return tuple("P" if tag[:1] in "vad" else "N" if tag[:1] in "nr" else tag for _, _, tag in words)

    def inside_nouns(self, items: list[tuple[int, int]], offset: int) -> bool:
        """Whether the character at ``offset`` of each item stands inside a noun, a different one in each."""
        words = [next(((self.text[s:e], tag) for s, e, tag in self.words if s <= a + offset < e), ("", ""))
                 for a, _ in items]
        return len({w for w, _ in words}) == len(words) and all(len(w) > 1 and tag.startswith("n") for w, tag in words)

    def one_word(self, span: tuple[int, int]) -> bool:
        """Whether a span is one word of the tokenizer."""
        return any(s == span[0] and e == span[1] for s, e, _ in self.words)

    def idiom(self, span: tuple[int, int]) -> bool:
        """A span that is one idiom of the dictionary (tag i: 栉风沐雨, 令人鼓舞)."""
        return any(s == span[0] and e == span[1] and tag == "i" for s, e, tag in self.words)

    def acting(self, span: tuple[int, int]) -> bool:
        """Whether a span holds a verb or an adjective, or is an idiom (团结奋斗, 开拓创新)."""
        return any(self.tokenizer.coarse(tag) in (VERB, ADJ) or tag in ("i", "l")
                   for s, e, tag in self.words if s < span[1] and e > span[0])

    # -- juxtaposed words --------------------------------------------------------------------------

    def juxtaposed(self, start: int, end: int) -> list[Series]:
        """Series without separators inside one phrase: 抓紧抓实抓具体, 更复杂更严峻, 责任感紧迫感.

        Each item starts and ends between words (常委会召开会议 holds no series of 会), none starts with
        a function character (的科学性和有效性 is not one), and each says more than its head.
        """
        found, piece = [], self.text[start:end]
        # only a piece in which a character comes back within a few places can hold such a series; a
        # phrase longer than any a speech writes between two commas (text without punctuation) holds
        # none that a reader would see, and would cost time in the square of its length
        if len(piece) > JUXTAPOSED_MAX or not any(piece[k] in piece[k + 2:k + 6] for k in range(len(piece) - 2)):
            return found
        bounds = {b - start for b in self.bounds if start <= b <= end}

        def fits(items: list[tuple[int, int]], head: str = "") -> bool:
            # a head of two characters is a word of its own in each item (城市引领城市群发展 has none)
            whole = len(head) < 2 or all(a + len(head) in bounds for a, _ in items)
            return whole and all(a in bounds and b in bounds and piece[a] not in FUNCTION_CHARACTERS
                                 and _content(piece[a + len(head):b]).strip(FUNCTION_CHARACTERS) for a, b in items)

        for size in (2, 1):  # a head of two characters (融资难融资贵), then of one
            p = 0
            while p + 2 * size < len(piece):
                head, places = piece[p:p + size], [p]
                while (nxt := next((q for q in range(places[-1] + size + 1, min(places[-1] + size + 3, len(piece)))
                                    if piece[q:q + size] == head), None)) is not None:
                    places.append(nxt)
                if len(places) >= 2 and _good_edge(head):
                    widths = [b - a for a, b in zip(places, places[1:])]
                    rest = len(piece) - places[-1]
                    last = rest if rest <= widths[-1] + 1 else widths[-1]
                    items = [*zip(places, places[1:]), (places[-1], places[-1] + last)]
                    series = Series("head", head, tuple((start + a, start + b) for a, b in items), "juxtaposed")
                    acting = all(self.predicative((start + a, start + b), nominal=False) for a, b in items)
                    if last > size and fits(items, head) and acting and self.plausible(series):
                        found.append(series)
                        p = places[-1] + last
                        continue
                p += 1
        for k in range(1, len(piece)):  # a shared suffix of abstract nouns: 责任感紧迫感
            if piece[k] not in ABSTRACT_SUFFIXES:
                continue
            for width in (3, 2, 4):
                items = [(k - width + 1, k + 1), (k + 1, k + width + 1)]
                if items[0][0] >= 0 and items[1][1] <= len(piece) and piece[items[1][1] - 1] == piece[k] \
                        and fits(items):
                    series = Series("tail", piece[k], tuple((start + a, start + b) for a, b in items), "juxtaposed")
                    if self.plausible(series):
                        found.append(series)
                    break
        return found

    # -- what makes a series ----------------------------------------------------------------------

    def plausible(self, series: Series) -> bool:
        """A series, not a list of names nor of figures: see the module docstring for the rule."""
        strings = [self.at(item) for item in series.items]
        if not all(_content(s) for s in strings) or len(set(strings)) < len(strings) or min(map(len, strings)) < 2:
            return False
        if any(s[0] in _EDGE_PUNCTUATION or s[-1] in _EDGE_PUNCTUATION for s in strings):
            return False  # an item cut at a separator (…试验区建设、)
        if series.level == "clause" and series.kind != "frame" \
                and any(PHRASE_SEPARATOR in s and s.count(series.shared) > 1 for s in strings):
            return False  # an item that is a list of its own is no item (特殊教育、继续教育，…教育)
        if series.kind in ("head", "tail", "frame") and self._subject_or_contrast(strings):
            return False
        if any(_DIGIT.search(s) for s in strings) or _FIGURE.search(series.shared) \
                or _NUMERALS.fullmatch(_content(series.shared) or "-"):
            return False
        edge = _content(series.shared)
        if len(edge) == 1 and series.kind in ("head", "tail") and series.level != "juxtaposed" \
                and edge not in ABSTRACT_SUFFIXES and max(map(len, strings)) > SHORT_ITEM:
            return False
        if series.kind == "tail" and edge and edge[-1] in ABSTRACT_SUFFIXES:
            # of abstract nouns (重要性、紧迫性), not two-character words ending alike (活力、着力)
            return min(map(len, strings)) > 2 or all(self.coarse_at(e - 1) in (NOUN, PROPN) for _, e in series.items)
        if series.kind == "frame" and len(strings[0]) <= SHORT_ITEM:
            return True
        if series.kind == "structure" and all(self.pattern(item) in ((NOUN,), (PROPN,), (VERB,), (ADV,))
                                              for item in series.items):
            return False  # one word each, none a quality: a plain list (科学、教育、文化; 和平、发展、合作)
        said = sum(self.predicative(item) for item in series.items)
        head = (series.items[0][0], series.items[0][0] + len(series.shared))
        return said * 2 >= len(strings) or (series.kind == "head" and self.predicative(head, nominal=False))

    @staticmethod
    def _subject_or_contrast(strings: list[str]) -> bool:
        """A subject and its predicate (今天的中国，是…的中国: the others start with the copula, the first
        does not), or a contrast (不是…，而是…): no series."""
        copula = [s.startswith(("是", "就是", "都是")) for s in strings]
        return (not copula[0] and all(copula[1:])) or (strings[0].startswith("不是") and strings[-1].startswith("而是"))

    def nominal(self, span: tuple[int, int]) -> bool:
        """Whether the first word of a span is a noun, a name or a pronoun (what a subject is)."""
        return self.coarse_at(span[0]) in (NOUN, PROPN, PRON)

    def coarse_at(self, position: int) -> str:
        """The coarse tag of the word that holds character ``position``."""
        return next((self.tokenizer.coarse(tag) for s, e, tag in self.words if s <= position < e), "")

    def pattern(self, span: tuple[int, int]) -> tuple[str, ...]:
        """The coarse tags of the words of a span: what a structure's items have alike."""
        return tuple(self.tokenizer.coarse(tag) for s, e, tag in self.words if s < span[1] and e > span[0])

    def predicative(self, span: tuple[int, int], *, nominal: bool = True) -> bool:
        """Whether the words of a span say something: a verb, an adjective, an adverb or an idiom, and
        (with ``nominal``) a verbal or adjectival noun (the tokenizer's tags vn, an)."""
        tags = [tag for s, e, tag in self.words if s < span[1] and e > span[0]]
        return any(self.tokenizer.coarse(tag) in (VERB, ADJ, ADV) or tag in ("i", "l")
                   or (nominal and tag in ("vn", "an")) for tag in tags)


def _distinct(found: list[Series]) -> list[Series]:
    """Each series once: of series of one level over the same items, or whose items lie within
    another's at that level, the most telling kind is kept (a frame before a head: 各负其责、各司其职
    shares 各…其…, more than its head 各)."""
    kept: list[Series] = []
    for series in sorted(found, key=lambda s: (_PRIORITY.index(s.kind), -len(s.items))):
        if any(k.level == series.level and set(series.items) & set(k.items) for k in kept):
            continue
        kept.append(series)
    return kept


register(Measure(
    name="parallels", position=80,
    summary="parallel series (排比): items sharing a head, a tail, a frame or only a structure",
    tables=(Table("parallels", "parallel series: shared part, items joined by |, kind, level, place and offsets",
                  tuple(PARALLEL_COLUMNS), ("parallels",)),),
    parts=("parallels",), tokens=("parallels",),
    analyse=lambda work, want: {"parallels": find_parallels(work.chunk, work.tokenizer, tokens=work.tokens())},
    combine=lambda run, want: {"parallels": run.parts["parallels"]},
))
