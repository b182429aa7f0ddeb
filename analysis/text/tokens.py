"""Token stage: a chunk's words, tags and places, held as columns.

A tokenizer gives ``(word, tag)`` pairs. Each distinct pair gets an integer code in a ``Vocabulary``
(one per tokenizer in a process), so that what depends on the word alone (its length, its coarse
tag, whether it is a marker, how it splits) is decided once per distinct word, and every rule over
tokens is an operation on arrays of codes rather than a Python loop over tokens. A chunk's tokens
are a ``TokenTable``: codes, offsets and places; ``TokenTable.frame()`` is the tokens table, one row
per token. Joined in order, the tokens give back the cleaned text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from analysis.text.compounds import compound_splitter, formulation_forms, merge_formulations, split_compounds
from analysis.text.lexicons import VerbGrammar, load_grammar, load_modality, load_slogans
from analysis.text.tokenizers import (ADJ, ADP, ADV, CCONJ, INTJ, NOUN, NUM, PART, PRON, PROPN, PUNCT, VERB, X,
                                      Tokenizer, get_tokenizer)

if TYPE_CHECKING:
    import pandas as pd

    from analysis.text.documents import Chunk
    from analysis.text.search import Literals

TOKEN_COLUMNS = ["token", "pos", "upos", "doc", "section", "section_index", "subsection", "subsection_index", "paragraph",
                 "sentence", "start", "end"]
PLACE_COLUMNS = TOKEN_COLUMNS[3:10]
# the coarse tags by their code in ``Vocabulary.upos``
COARSE_TAGS = (VERB, NOUN, PROPN, ADJ, ADV, PRON, NUM, ADP, CCONJ, PART, INTJ, PUNCT, X)
UPOS_CODE = {tag: code for code, tag in enumerate(COARSE_TAGS)}
# jieba's posseg tags a lone digit before a full-width point (5．1％) as x, punctuation; rjieba says m
_NUMBER = re.compile(r"[0-9０-９]+([.．][0-9０-９]+)?")


class _RawCodes(dict):
    """A tokenizer's raw pair -> the code of its canonical pair (computed the first time it is seen)."""

    def __init__(self, vocabulary: Vocabulary):
        super().__init__()
        self.vocabulary = vocabulary

    def __missing__(self, pair: tuple[str, str]) -> int:
        word, tag = pair
        tag = self.vocabulary.retags.get(word, tag)
        if tag == "x" and _NUMBER.fullmatch(word):
            tag = "m"
        code = self[pair] = self.vocabulary.code(word, tag)
        return code


class Vocabulary:
    """The distinct ``(word, tag)`` pairs a tokenizer has given in this process, each with a code, and
    columns of what is decided once per pair (``column``)."""

    def __init__(self, tokenizer: Tokenizer):
        self.tokenizer = tokenizer
        self.words: list[str] = []
        self.tags: list[str] = []
        self._codes: dict[tuple[str, str], int] = {}
        self._raw = _RawCodes(self)
        self._columns: dict[Hashable, np.ndarray] = {}
        self._retags: dict[str, str] | None = None
        self._word_ids: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.words)

    @property
    def retags(self) -> dict[str, str]:
        if self._retags is None:
            self._retags = dict(self.tokenizer.retags)
        return self._retags

    def code(self, word: str, tag: str) -> int:
        """The code of a pair (a new one if it is new)."""
        code = self._codes.get((word, tag))
        if code is None:
            code = self._codes[(word, tag)] = len(self.words)
            self.words.append(word)
            self.tags.append(tag)
        return code

    def encode(self, pairs: Iterable[tuple[str, str]]) -> np.ndarray:
        """The codes of a tokenizer's raw pairs, each first given the user dictionary's tag (``retags``)
        and, a number the tokenizer calls punctuation (``x``), the numeral tag ``m``."""
        return np.fromiter(map(self._raw.__getitem__, pairs), dtype=np.int64)

    def column(self, key: Hashable, value: Callable[[str, str], Any], dtype: Any = object) -> np.ndarray:
        """An array over every code so far of ``value(word, tag)``, computed once per code and kept
        under ``key`` (which names the rule and the lexicons it reads)."""
        done = self._columns.get(key)
        have = 0 if done is None else len(done)
        while have < len(self.words):  # ``value`` may add pairs (the pieces of a split word): cover them too
            array = np.fromiter(map(value, self.words[have:], self.tags[have:]), dtype=dtype)
            done = array if done is None else np.concatenate([done, array])
            self._columns[key] = done
            have = len(done)
        return np.empty(0, dtype=dtype) if done is None else done

    def word_array(self) -> np.ndarray:
        return self.column("word", lambda w, t: w)

    def tag_array(self) -> np.ndarray:
        return self.column("tag", lambda w, t: t)

    def lengths(self) -> np.ndarray:
        return self.column("length", lambda w, t: len(w), np.int64)

    def upos(self) -> np.ndarray:
        """The code (in ``COARSE_TAGS``) of each pair's coarse tag."""
        coarse = self.tokenizer.coarse
        return self.column("upos", lambda w, t: UPOS_CODE[coarse(t)], np.int8)

    def word_codes(self) -> np.ndarray:
        """A code per distinct word, whatever its tag (the same word with two tags shares one)."""
        ids = self._word_ids
        return self.column("word_code", lambda w, t: ids.setdefault(w, len(ids)), np.int64)

    def member(self, key: Hashable, words: frozenset[str] | set[str]) -> np.ndarray:
        """Whether each pair's word is one of ``words`` (kept under ``key``)."""
        return self.column(("member", key), lambda w, t: w in words, bool)


@lru_cache(maxsize=8)
def vocabulary(tokenizer: Tokenizer) -> Vocabulary:
    """The vocabulary of a tokenizer in this process (one per tokenizer, kept while it is in use)."""
    return Vocabulary(tokenizer)


@dataclass
class TokenTable:
    """A chunk's tokens as columns: codes into ``vocab``, offsets into the document's cleaned text,
    and the place of each token (``PLACE_COLUMNS``: doc, section, …, sentence)."""

    vocab: Vocabulary
    codes: np.ndarray
    start: np.ndarray
    end: np.ndarray
    places: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.codes)

    @property
    def sentence(self) -> np.ndarray:
        return np.asarray(self.places["sentence"])

    @property
    def doc(self) -> np.ndarray | str:
        """The document of each token (an array), or one document's id for all."""
        return self.places["doc"]

    def words(self) -> np.ndarray:
        return self.vocab.word_array()[self.codes]

    def tags(self) -> np.ndarray:
        return self.vocab.tag_array()[self.codes]

    def upos(self) -> np.ndarray:
        return self.vocab.upos()[self.codes]

    def frame(self, rows: np.ndarray | None = None) -> pd.DataFrame:
        """The tokens table (``TOKEN_COLUMNS``), of all tokens or of ``rows`` (a mask or indices)."""
        import pandas as pd

        pick = (lambda a: a) if rows is None else (lambda a: a[rows])
        codes = pick(self.codes)
        coarse = np.array(COARSE_TAGS, dtype=object)
        columns = {"token": self.vocab.word_array()[codes], "pos": self.vocab.tag_array()[codes],
                   "upos": coarse[self.vocab.upos()[codes]]}
        for name in PLACE_COLUMNS:
            value = self.places[name]
            columns[name] = pick(value) if isinstance(value, np.ndarray) else value
        columns["start"], columns["end"] = pick(self.start), pick(self.end)
        return pd.DataFrame(columns, columns=TOKEN_COLUMNS)

    @classmethod
    def from_frame(cls, tokens: pd.DataFrame, tokenizer: Tokenizer | None = None) -> TokenTable:
        """The columns of a tokens table (as ``frame`` gives, or any with token, pos, doc and sentence)."""
        vocab = vocabulary(get_tokenizer() if tokenizer is None else tokenizer)
        codes = np.fromiter(map(vocab.code, tokens["token"], tokens["pos"]), dtype=np.int64, count=len(tokens))
        places = {name: tokens[name].to_numpy() for name in PLACE_COLUMNS if name in tokens}
        offsets = [tokens[c].to_numpy() if c in tokens else np.zeros(len(tokens), np.int64) for c in ("start", "end")]
        return cls(vocab, codes, *offsets, places)

    def neighbour(self, column: np.ndarray, step: int, blank: Any) -> np.ndarray:
        """Each token's neighbour's value of ``column`` (per token), ``step`` tokens before (1) or after
        (-1), or ``blank`` where that crosses the edge of a sentence (or of a document)."""
        sentence, doc = self.sentence, self.doc
        inside = np.roll(sentence, step) == sentence
        if isinstance(doc, np.ndarray):
            inside &= np.roll(doc, step) == doc
        if step > 0:  # what np.roll brought round from the other end
            inside[:step] = False
        elif step < 0:
            inside[step:] = False
        return np.where(inside, np.roll(column, step), blank)


def pack_tagged(pairs: list[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """A tokenizer's raw output in a compact form for the cache: word lengths, tag codes, tag names
    (the words are slices of the chunk's text, which the cache does not need to keep twice)."""
    if not pairs:
        return np.zeros(0, np.int32), np.zeros(0, np.int16), ()
    words, tags = zip(*pairs)
    names, codes = np.unique(np.array(tags, dtype=object), return_inverse=True)
    lengths = np.fromiter(map(len, words), dtype=np.int32, count=len(words))
    return lengths, codes.astype(np.int16), tuple(names)


def unpack_tagged(text: str, packed: tuple[np.ndarray, np.ndarray, tuple[str, ...]]) -> list[tuple[str, str]]:
    """The raw pairs ``pack_tagged`` packed, from the chunk's text."""
    lengths, codes, names = packed
    ends = np.cumsum(lengths).tolist()
    starts = [0, *ends[:-1]]
    tags = [names[c] for c in codes.tolist()]
    return [(text[a:b], t) for a, b, t in zip(starts, ends, tags)]


def token_table(chunk: Chunk, tokenizer: Tokenizer | None = None, *, markers: frozenset[str] | None = None,
                grammar: VerbGrammar | None = None, forms: frozenset[str] | None = None,
                tagged: list[tuple[str, str]] | None = None, search: Literals | None = None) -> TokenTable:
    """Return a chunk's tokens as columns (see ``tokenize_chunk`` for what is merged and split).
    ``tagged`` is the tokenizer's raw output for the chunk when a cache kept it; ``search`` the strings
    the chunk is searched for, ``forms`` among them (``search.lexicon_literals``)."""
    tokenizer = get_tokenizer() if tokenizer is None else tokenizer
    codes = tag_codes(chunk.text, tokenizer=tokenizer, markers=markers, grammar=grammar, forms=forms, tagged=tagged,
                      search=search)
    vocab = vocabulary(tokenizer)
    lengths = vocab.lengths()[codes]
    end = np.cumsum(lengths)
    start = end - lengths
    return TokenTable(vocab, codes, chunk.offset + start, chunk.offset + end, chunk.place(start))


def tokenize_chunk(chunk: Chunk, tokenizer: Tokenizer | None = None, *, markers: frozenset[str] | None = None,
                   grammar: VerbGrammar | None = None, forms: frozenset[str] | None = None,
                   tagged: list[tuple[str, str]] | None = None) -> pd.DataFrame:
    """Return one row per token of a chunk: token, pos, upos, doc, section, section_index, subsection,
    subsection_index, paragraph, sentence, start, end (offsets into the document's cleaned text).

    Formulations of the slogan lexicon (``forms``) are one token each; compounds that hide a directive
    marker (``markers``, the bundled modality lexicon's by default) or a verb are split
    (``analysis.text.compounds``, by the rules of ``grammar``). ``tagged`` is the tokenizer's output
    for the chunk when a cache kept it."""
    return token_table(chunk, tokenizer, markers=markers, grammar=grammar, forms=forms, tagged=tagged).frame()


def tag_codes(text: str, *, tokenizer: Tokenizer, markers: frozenset[str] | None = None,
              grammar: VerbGrammar | None = None, forms: frozenset[str] | None = None,
              tagged: list[tuple[str, str]] | None = None, search: Literals | None = None) -> np.ndarray:
    """The codes (in the tokenizer's ``vocabulary``) of the tokens of ``text``: the tokenizer's, with
    the formulations of ``forms`` one token each and compounds split."""
    markers = load_modality().words if markers is None else markers
    grammar = load_grammar() if grammar is None else grammar
    forms = formulation_forms(load_slogans()) if forms is None else forms
    vocab = vocabulary(tokenizer)
    codes = vocab.encode(tokenizer.tag_raw(text) if tagged is None else tagged)
    codes = merge_formulations(codes, text, forms, vocab, search)
    return split_compounds(codes, vocab, compound_splitter(tokenizer, frozenset(markers), grammar, forms))


def tag_text(text: str, *, tokenizer: Tokenizer | None = None, markers: frozenset[str] | None = None,
             grammar: VerbGrammar | None = None, forms: frozenset[str] | None = None,
             tagged: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """Return ``(token, tag)`` pairs of ``text`` in order: the tokenizer's (or ``tagged``, its output
    kept from an earlier run), with the formulations of ``forms`` (the bundled lexicon's by default)
    one token each and compounds split as ``tokenize_chunk`` says; joined, the tokens give back ``text``."""
    tokenizer = get_tokenizer() if tokenizer is None else tokenizer
    codes = tag_codes(text, tokenizer=tokenizer, markers=markers, grammar=grammar, forms=forms, tagged=tagged)
    vocab = vocabulary(tokenizer)
    return list(zip(vocab.word_array()[codes].tolist(), vocab.tag_array()[codes].tolist()))
