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
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from analysis.text.lexicons import SERIES_SEPARATORS
from analysis.text.search import literals

if TYPE_CHECKING:
    import numpy as np

    from analysis.text.lexicons import SloganLexicon, VerbGrammar
    from analysis.text.tokenizers import Tokenizer
    from analysis.text.search import Literals
    from analysis.text.tokens import Vocabulary

# tags (jieba's) of the one-character function words a marker may be split from
FUNCTION_TAGS = frozenset({"d", "c", "m", "f", "p", "r", "ad"})
# tags of the one-character words a marker may be split from when they follow it (要以, 要过, 要强)
AFTER_TAGS = frozenset({"p", "v", "ug", "a", "d"})
ADVERB_TAGS = frozenset({"d", "ad", "df"})
VERB_TAGS = frozenset({"v", "vn", "vd"})
PROPER_TAGS = frozenset({"ns", "nt", "nrt", "nrfg"})  # place and organisation names stay whole


class CompoundSplitter:
    """Split the tokens of a tagged text by the rules of the module docstring (decided once per word and tag)."""

    def __init__(self, tokenizer: Tokenizer, markers: frozenset[str], grammar: VerbGrammar,
                 forms: frozenset[str] = frozenset()):
        self.tokenizer = tokenizer
        self.markers = tuple(sorted(markers, key=lambda m: (-len(m), m)))
        self.marker_set = frozenset(markers)
        self._marker_starts = frozenset(m[0] for m in markers)  # a word without one of these holds no marker
        self.grammar = grammar
        self.listed = (frozenset(e.word for e in tokenizer.userdict.entries if e.freq != 0)
                       if tokenizer.userdict else frozenset()) | forms

    def split(self, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Return ``(word, tag)`` pairs with compounds split; the words join to the same text."""
        out: list[tuple[str, str]] = []
        for pair in pairs:
            parts = self.parts(*pair) if len(pair[0]) > 1 else None
            out.extend(parts or (pair,))
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
        if self._marker_starts.isdisjoint(word):
            return None
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
            second_tag = self.tokenizer.lookup(second)
            if second_tag not in VERB_TAGS:  # (looked up first: most words end in no verb)
                continue
            first_tag = self.tokenizer.lookup(first)
            if first_tag is None:
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


@lru_cache(maxsize=8)
def formulation_forms(lexicon: SloganLexicon) -> frozenset[str]:
    """The forms of a slogan lexicon that can stand as one word: those without punctuation or spaces
    (三严三实, 高质量发展; not 疫情就是命令，防控就是责任, which is matched on the text)."""
    return frozenset(form for slogan in lexicon.slogans for form in slogan.forms
                     if len(form) >= 2 and not any(c in SERIES_SEPARATORS or c.isspace() for c in form))


def merge_formulations(codes: np.ndarray, text: str, forms: frozenset[str], vocab: Vocabulary,
                       search: Literals | None = None) -> np.ndarray:
    """Make each formulation of ``forms`` one token (三严三实, 高质量发展, 两个确保), whatever the tokenizer cut.

    ``codes`` are the codes (in ``vocab``) of the tokens of ``text``. The words inside a formulation
    are merged; a word that crosses its edge is cut there (要过|紧日子 -> 要|过紧日子), its pieces taking
    their dictionary tag. A formulation takes the tag the tokenizer's dictionary gives it (改革开放 nz),
    else ``nz``. Done after tokenizing, so that a changed lexicon never forces the text to be tokenized
    again. ``search``: the strings a chunk is searched for, of which ``forms`` are a part (one pass over
    the text serves the slogans too). Returns the codes of the tokens after merging.
    """
    import numpy as np

    if not forms or not len(codes):
        return codes
    search = literals(forms) if search is None else search
    spans = np.array(search.leftmost_longest(text, forms), dtype=np.int64).reshape(-1, 2)
    if not len(spans):
        return codes
    lengths = vocab.lengths()[codes]
    ends = np.cumsum(lengths)
    first = np.searchsorted(ends, spans[:, 0], side="right")
    last = np.searchsorted(ends, spans[:, 1], side="left")
    # a formulation that is one token already needs nothing (matches never overlap, so no other shares it)
    whole = (first == last) & (ends[last] - lengths[last] == spans[:, 0]) & (ends[last] == spans[:, 1])
    # the tokens each other formulation touches, [first, last], joined into one run where two share a token
    runs: list[tuple[int, int, list[tuple[int, int]]]] = []
    for (s, e), a, b in zip(spans[~whole].tolist(), first[~whole].tolist(), last[~whole].tolist()):
        if runs and a <= runs[-1][1]:
            runs[-1] = (runs[-1][0], max(runs[-1][1], b), [*runs[-1][2], (s, e)])
        else:
            runs.append((a, b, [(s, e)]))
    if not runs:
        return codes
    pieces: list[np.ndarray] = []
    copied = 0
    for a, b, inside in runs:  # every other token is copied as it is
        pieces.append(codes[copied:a])
        edges = [int(ends[a - 1]) if a else 0, *ends[a:b + 1].tolist()]
        pieces.append(np.array([vocab.code(w, t) for w, t in _recut(codes[a:b + 1], text, edges, inside, vocab)],
                               dtype=np.int64))
        copied = b + 1
    pieces.append(codes[copied:])
    return np.concatenate(pieces)


def _recut(codes: np.ndarray, text: str, edges: list[int], spans: list[tuple[int, int]],
           vocab: Vocabulary) -> Iterator[tuple[str, str]]:
    """Cut the tokens of ``codes`` (whose edges in ``text`` are ``edges``) again so that each
    formulation of ``spans`` is one token."""
    lookup = vocab.tokenizer.lookup
    tags = [vocab.tags[c] for c in codes.tolist()]
    cuts = {b for b in edges if not any(s < b < e for s, e in spans)} | {edge for span in spans for edge in span}
    original = {(a, b): tags[n] for n, (a, b) in enumerate(zip(edges, edges[1:]))}
    ordered = sorted(cuts)
    for a, b in zip(ordered, ordered[1:]):
        word = text[a:b]
        if (a, b) in original:
            yield word, original[(a, b)]
        elif (a, b) in spans:
            yield word, lookup(word) or "nz"
        else:  # a piece of a word cut at a formulation's edge takes its dictionary tag, else the word's
            yield word, lookup(word) or tags[bisect.bisect_right(edges, a) - 1]


def split_compounds(codes: np.ndarray, vocab: Vocabulary, splitter: CompoundSplitter) -> np.ndarray:
    """The codes of the tokens after splitting the compounds ``splitter`` splits (decided once per
    distinct word and tag; the pieces of a token stand in its place, in order)."""
    import numpy as np

    def pieces(word: str, tag: str) -> tuple[int, ...]:
        parts = splitter.parts(word, tag) if len(word) > 1 else None
        return tuple(vocab.code(w, t) for w, t in parts) if parts else ()

    table = vocab.column(("split", splitter), pieces)
    sizes = vocab.column(("split-size", splitter), lambda w, t: len(table[vocab.code(w, t)]), np.int64)
    if not len(codes):
        return codes
    size = sizes[codes]
    at = np.flatnonzero(size)
    if not len(at):
        return codes
    kept = np.maximum(size, 1)
    out = np.repeat(codes, kept)
    first = np.cumsum(kept) - kept  # where each token's pieces begin in ``out``
    n = size[at]
    within = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
    out[np.repeat(first[at], n) + within] = np.concatenate([table[c] for c in codes[at].tolist()])
    return out
