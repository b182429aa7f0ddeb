"""Compound splitting: the listed markers and verbs that a tokenizer's dictionary hides in longer words.

jieba's dictionary holds many phrases as single words: 切实加强, 大力发展, 全面落实, 要以, 既要, 二要.
Counted as they come, the directive marker or the verb inside them is lost (the 2019 Government Work
Report hides a sixth of its 大力 and a dozen 要 this way). Patching the user dictionary word by word
does not carry to the next text, so a token is split by two general rules, both checked against the
tokenizer's own dictionary:

1. **A listed marker inside a word** (要, 大力, 严格 …) is split off when the word is not in the
   tokenizer's dictionary (党要, 地要: guesses of its HMM for unknown words), or when what stands
   beside it is a function word (既要, 也要, 二要, 在…中要: an adverb, conjunction, numeral, locative or
   preposition of one character), a preposition, verb, adjective or adverb of one character after it
   (要以, 要过紧日子, 要强监管), or a
   dictionary word of two characters or more (要带头, 切实加强, 竭尽全力), unless the marker's
   characters belong to a lexicalised word (重要, 只要, 首要, 不可避免: ``verb_grammar.yaml``).
2. **An adverbial and a verb** (全面落实, 认真落实, 深入开展), **a verb and its verbal complement**
   (继续加强, 加以解决), or **two coordinated verbs** (贯彻执行, 推广应用) are split in two words,
   each a dictionary word, the second a verb.

The parts take the tag the dictionary gives them. Joined, the tokens still give back the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from itertools import accumulate
from functools import lru_cache
from typing import TYPE_CHECKING

from analysis.text.lexicons import SERIES_SEPARATORS

if TYPE_CHECKING:
    from analysis.text.lexicons import SloganLexicon, VerbGrammar
    from analysis.text.tokenizers import Tokenizer

# tags (jieba's) of the one-character function words a marker may be split from
FUNCTION_TAGS = frozenset({"d", "c", "m", "f", "p", "r", "ad"})
# tags of the one-character words a marker may be split from when they follow it (要以, 要过, 要强)
AFTER_TAGS = frozenset({"p", "v", "ug", "a", "d"})
ADVERB_TAGS = frozenset({"d", "ad", "df"})
VERB_TAGS = frozenset({"v", "vn", "vd"})
PROPER_TAGS = frozenset({"ns", "nt", "nrt", "nrfg"})  # place and organisation names stay whole


class CompoundSplitter:
    """Split the tokens of a tagged text by the rules of the module docstring (decisions cached by word)."""

    def __init__(self, tokenizer: Tokenizer, markers: frozenset[str], grammar: VerbGrammar,
                 forms: frozenset[str] = frozenset()):
        self.tokenizer = tokenizer
        self.markers = tuple(sorted(markers, key=lambda m: (-len(m), m)))
        self.marker_set = frozenset(markers)
        self.grammar = grammar
        self.listed = (frozenset(e.word for e in tokenizer.userdict.entries if e.freq != 0)
                       if tokenizer.userdict else frozenset()) | forms
        self._parts: dict[tuple[str, str], tuple[tuple[str, str], ...] | None] = {}

    def split(self, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Return ``(word, tag)`` pairs with compounds split; the words join to the same text."""
        out: list[tuple[str, str]] = []
        for pair in pairs:
            if len(pair[0]) < 2:
                out.append(pair)
                continue
            parts = self._parts.get(pair, False)
            if parts is False:
                parts = self._parts[pair] = self.parts(*pair)
            if parts:
                out.extend(parts)
            else:
                out.append(pair)
        return out

    def parts(self, word: str, tag: str) -> tuple[tuple[str, str], ...] | None:
        """The parts a token splits into, with their dictionary tags, or ``None`` to keep it whole."""
        if word in self.marker_set or word in self.grammar.lexicalised or word in self.listed:
            return None  # a word the user dictionary or the lexicon lists is kept as it is (集中救治, 三严三实)
        pieces = self._around_marker(word) or (None if tag in PROPER_TAGS else self._two_words(word))
        if pieces is None:
            return None
        return tuple((p, self._tag(p)) for p in pieces if p)

    def _tag(self, word: str) -> str:
        return self.tokenizer.lookup(word) or "x"

    def _around_marker(self, word: str) -> tuple[str, ...] | None:
        unknown = self.tokenizer.lookup(word) is None  # a guess of the HMM (党要, 地要): no word to respect
        for marker in self.markers:
            at = word.find(marker)
            while at >= 0:
                left, right = word[:at], word[at + len(marker):]
                if not self._inside_lexicalised(word, at, at + len(marker)) and (unknown or (
                        self._beside(left, before=True) and self._beside(right, before=False))):
                    return left, marker, right
                at = word.find(marker, at + 1)
        return None

    def _inside_lexicalised(self, word: str, start: int, end: int) -> bool:
        """Whether characters ``start:end`` of ``word`` belong to a lexicalised word in it (要 of 迫切要求)."""
        for lexical in self.grammar.lexicalised:
            at = word.find(lexical)
            while at >= 0:
                if at < end and start < at + len(lexical) and lexical != word[start:end]:
                    return True
                at = word.find(lexical, at + 1)
        return False

    def _beside(self, part: str, *, before: bool) -> bool:
        """Whether ``part`` may stand beside a marker split off: nothing, a function character, or a word."""
        if not part:
            return True
        tag = self.tokenizer.lookup(part)
        if len(part) == 1:
            return tag in (FUNCTION_TAGS if before else AFTER_TAGS)
        return tag is not None

    def _two_words(self, word: str) -> tuple[str, str] | None:
        grammar = self.grammar
        for k in range(2, len(word) - 1):
            first, second = word[:k], word[k:]
            first_tag, second_tag = self.tokenizer.lookup(first), self.tokenizer.lookup(second)
            if first_tag is None or second_tag not in VERB_TAGS:
                continue
            if first in grammar.manner or first_tag in ADVERB_TAGS or first in grammar.complements \
                    or (first_tag == "v" and second_tag == "v"):
                return first, second
        return None


@lru_cache(maxsize=8)
def compound_splitter(tokenizer: Tokenizer, markers: frozenset[str], grammar: VerbGrammar,
                      forms: frozenset[str] = frozenset()) -> CompoundSplitter:
    """The splitter for a tokenizer, a set of markers, a verb grammar and the formulations kept whole
    (built once, then reused)."""
    return CompoundSplitter(tokenizer, markers, grammar, forms)


def formulation_forms(lexicon: SloganLexicon) -> frozenset[str]:
    """The forms of a slogan lexicon that can stand as one word: those without punctuation or spaces
    (三严三实, 高质量发展; not 疫情就是命令，防控就是责任, which is matched on the text)."""
    return frozenset(form for slogan in lexicon.slogans for form in slogan.forms
                     if len(form) >= 2 and not any(c in SERIES_SEPARATORS or c.isspace() for c in form))


@lru_cache(maxsize=8)
def _forms_pattern(forms: frozenset[str]) -> re.Pattern | None:
    """One pattern for all forms, longest first, so a match is the longest form at its place."""
    if not forms:
        return None
    return re.compile("|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f))))


def merge_formulations(pairs: list[tuple[str, str]], forms: frozenset[str], tokenizer: Tokenizer) -> list[tuple[str, str]]:
    """Make each formulation of ``forms`` one token (三严三实, 高质量发展, 两个确保), whatever the tokenizer cut.

    The words inside a formulation are merged; a word that crosses its edge is cut there (要过|紧日子
    -> 要|过紧日子), its pieces taking their dictionary tag. A formulation takes the tag the tokenizer's
    dictionary gives it (改革开放 nz), else ``nz``. Done after tokenizing, so that a changed lexicon
    never forces the text to be tokenized again.
    """
    pattern = _forms_pattern(forms)
    if pattern is None or not pairs:
        return pairs
    text = "".join(w for w, _ in pairs)
    spans = [m.span() for m in pattern.finditer(text)]
    if not spans:
        return pairs
    ends = list(accumulate(len(w) for w, _ in pairs))
    # the tokens each formulation touches, [first, last], joined into one run where two share a token
    runs: list[tuple[int, int, list[tuple[int, int]]]] = []
    for s, e in spans:
        first, last = bisect.bisect_right(ends, s), bisect.bisect_left(ends, e)
        if runs and first <= runs[-1][1]:
            runs[-1] = (runs[-1][0], max(runs[-1][1], last), [*runs[-1][2], (s, e)])
        else:
            runs.append((first, last, [(s, e)]))
    out: list[tuple[str, str]] = []
    copied = 0
    for first, last, inside in runs:  # every other token is copied as it is
        out.extend(pairs[copied:first])
        out.extend(_recut(pairs, text, ends, first, last, inside, tokenizer))
        copied = last + 1
    out.extend(pairs[copied:])
    return out


def _recut(pairs: list[tuple[str, str]], text: str, ends: list[int], first: int, last: int,
           spans: list[tuple[int, int]], tokenizer: Tokenizer) -> Iterator[tuple[str, str]]:
    """Cut the tokens ``first`` to ``last`` again so that each formulation of ``spans`` is one token."""
    edges = [ends[first - 1] if first else 0, *ends[first:last + 1]]
    cuts = {b for b in edges if not any(s < b < e for s, e in spans)} | {edge for span in spans for edge in span}
    original = {(a, b): pairs[first + n][1] for n, (a, b) in enumerate(zip(edges, edges[1:]))}
    ordered = sorted(cuts)
    for a, b in zip(ordered, ordered[1:]):
        word = text[a:b]
        if (a, b) in original:
            yield word, original[(a, b)]
        elif (a, b) in spans:
            yield word, tokenizer.lookup(word) or "nz"
        else:  # a piece of a word cut at a formulation's edge takes its dictionary tag, else the word's
            yield word, tokenizer.lookup(word) or pairs[first + bisect.bisect_right(edges, a) - 1][1]
