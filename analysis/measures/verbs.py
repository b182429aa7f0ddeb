"""Action verbs and directive modality markers, counted from the tagged tokens.

An action verb is a verb in use: a token tagged as a verb (coarse tag ``VERB``: for jieba ``v``,
``vd``, ``vi``) that stands as a predicate or the head of a verb phrase. A tokenizer gives a word one
tag whatever its use, and many verbs of the genre are as often nouns (经济增长, 稳就业, 科技创新,
支持力度), so each verb token is judged by its neighbours in the sentence (``verb_in_use``):

- it is an action after an adverbial (a directive marker, an adverb, a manner word such as 全面), a
  negation, or a verb taking a verbal complement (继续推进, 得到加强, 加快培育); and before a figure
  when no verb precedes it (国内生产总值增长6.6%);
- it is a noun as the object of a verb or adjective with nothing after it to govern (扩大就业。,
  稳增长、), or before a head noun (提高创新能力), after a noun (科技创新, 经济增长), after 的, or as a
  subject before 是;
- a manner word before a verb (深入推进) is the manner of that verb, not an action of its own;
- words the tokenizer does not know (a bad split such as 检尽 in 应检尽检) are not counted.

The reviewed word lists (markers, manner words, complement-taking verbs, head nouns) are in
``verb_grammar.yaml``; the user dictionary corrects the tags jieba gets wrong for the genre.
Left out: verbs that carry no action (是, 有, 能 ...: ``nonaction_verbs.txt``) and the directive
modality markers (要, 必须 ...: ``modality.yaml``), which are counted as their own class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.text.glosses import glosses
from analysis.text.lexicons import (Glossary, MarkerLexicon, VerbGrammar, WordList, load_glossary, load_grammar,
                                    load_modality, load_nonaction_verbs)
from analysis.text.tokenizers import ADJ, ADV, NOUN, NUM, PRON, PROPN, PUNCT, VERB
from analysis.measures.registry import Measure, RunParts, Table, Work, register
from analysis.measures.words import add_counts, tally
from analysis.text.tokens import TOKEN_COLUMNS, UPOS_CODE, TokenTable

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from analysis.text.tokenizers import Tokenizer

NEGATIONS = frozenset({"不", "没有", "没", "未", "无", "勿", "别", "毫不", "决不", "绝不", "不再"})
COPULAS = frozenset({"是", "为", "成为"})
_OBJECTS = (NOUN, PROPN, PRON, VERB, ADJ, NUM)  # what may follow a verb as its object
_OPENING_QUOTES = frozenset("“‘「『《〈（(")  # an object may open with a quote or a title
# after these a verb is a noun: 的 (…的支持), prepositions that take a noun (把就业摆在, 对监管), and
# light verbs whose object is a verbal noun (进行部署, 作出安排)
_NOMINAL_BEFORE = frozenset({"的", "把", "对", "给", "以", "进行", "作出", "做出"})
_DIRECTIONAL = frozenset({"到", "至", "于", "进"})  # complements of direction: 深入到基层

VERB_COLUMNS = ["verb", "count", "pos", "gloss", "gloss_source"]
MODALITY_COLUMNS = ["marker", "class", "count", "gloss"]


def verb_mask(table: TokenTable, *, nonaction: WordList | None = None, modality: MarkerLexicon | None = None,
              grammar: VerbGrammar | None = None) -> np.ndarray:
    """Whether each token of ``table`` (in text order) is an action verb in use (the rule of the module
    docstring): what depends on a word alone is decided once per distinct word, the rest on arrays."""
    import numpy as np

    nonaction = load_nonaction_verbs() if nonaction is None else nonaction
    modality = load_modality() if modality is None else modality
    grammar = load_grammar() if grammar is None else grammar
    vocab, codes = table.vocab, table.codes
    lookup, coarse = vocab.tokenizer.lookup, vocab.tokenizer.coarse
    left_out = nonaction.words | modality.words
    candidate = vocab.column(("verb candidate", nonaction, modality), lambda w, t: (
        (coarse(t) == VERB or t == "vn") and w not in left_out and lookup(w) is not None), bool)[codes]
    if not candidate.any():
        return candidate
    upos = vocab.upos()[codes]
    verb, adj, noun, propn, punct, num = (UPOS_CODE[t] for t in (VERB, ADJ, NOUN, PROPN, PUNCT, NUM))
    nominal_verb = vocab.column("vn", lambda w, t: t == "vn", bool)[codes]
    # the neighbours within the sentence; punctuation stands for "nothing", -1 for no word
    prev, next_ = table.neighbour(codes, 1, -1), table.neighbour(codes, -1, -1)
    prev_upos, next_upos = table.neighbour(upos, 1, UPOS_CODE[PUNCT]), table.neighbour(upos, -1, UPOS_CODE[PUNCT])

    def among(words: np.ndarray, name: str, group: frozenset[str], *lexicons) -> np.ndarray:
        """Whether each word (a code; -1, no word, is in no group) is one of ``group``."""
        return np.append(vocab.member((name, *lexicons), group), False)[words]

    # a manner word qualifies a verb (深入推进), not a verbal noun: 深入防控疫情第一线 is "go deep into"
    adverbial = (prev_upos == UPOS_CODE[ADV]) \
        | among(prev, "adverbial", modality.words | grammar.complements | NEGATIONS, modality, grammar) \
        | (among(prev, "manner", grammar.manner, grammar) & (upos == verb))
    after_verb = ((prev_upos == verb) | (prev_upos == adj)) & ~adverbial \
        & ~among(prev, "copula or nominal slot", COPULAS | _NOMINAL_BEFORE)
    after_noun = (prev_upos == noun) | (prev_upos == propn)
    noun_slot = among(prev, "nominal slot", _NOMINAL_BEFORE)  # 的突出问题, 把就业摆在, 进行部署
    governs = (np.isin(next_upos, [UPOS_CODE[t] for t in _OBJECTS]) | among(next_, "opening quote", _OPENING_QUOTES)) \
        & ~among(next_, "de", frozenset({"的"}))
    head = among(next_, "head", grammar.heads, grammar)
    figure = next_upos == num
    # 深入推进: the manner of the next verb; 深入到各县, 深入防控疫情第一线: a verb of its own
    manner = among(codes, "manner", grammar.manner, grammar) & (next_upos == verb) \
        & ~among(next_, "directional", _DIRECTIONAL)
    nominalised = among(codes, "nominalised", grammar.nominalised, grammar)
    copula_next = among(next_, "copula", COPULAS)
    use = np.where(noun_slot, False,
          np.where(adverbial, True,
          np.where(after_verb, ~nominalised | (governs & ~head & ~figure),
          np.where(after_noun, ~nominalised | (governs & (next_upos != verb) & ~head) | figure,
                   ~copula_next & ~among(next_, "de", frozenset({"的"})) & ~(nominalised & head)))))
    # a verbal noun (vn: 发展, 改革) is a verb only on strong evidence: after an adverbial with an
    # object of its own (大力发展现代农业), or opening a clause before a verb (。改革完善…; not 我市疫情防控面临)
    strong = (adverbial & governs & ~head) | ((prev_upos == punct) & (next_upos == verb) & ~copula_next)
    use &= ~nominal_verb | strong
    return candidate & use & ~manner


def marker_mask(table: TokenTable, *, modality: MarkerLexicon | None = None) -> np.ndarray:
    """Whether each token of ``table`` is a directive modality marker in use: a marker of the lexicon,
    but not a marker of intensity before 的, which is an adjective (最严格的制度, 扎实的作风)."""
    import numpy as np

    modality = load_modality() if modality is None else modality
    vocab, codes = table.vocab, table.codes
    listed = vocab.member(("markers", modality), modality.words)[codes]
    intensity = vocab.member(("intensity", modality), frozenset(m.word for m in modality.markers
                                                                if m.cls == "intensity"))[codes]
    before_de = np.append(vocab.member("de", frozenset({"的"}))[codes][1:], False)
    return listed & ~(intensity & before_de)


def _marker_columns(frame: pd.DataFrame, modality: MarkerLexicon) -> pd.DataFrame:
    """Marker rows with their class and gloss."""
    markers = {m.word: m for m in modality.markers}
    frame["class"] = [markers[w].cls for w in frame["token"]]
    frame["gloss"] = [markers[w].gloss for w in frame["token"]]
    return frame


def verb_tokens(tokens: pd.DataFrame, *, nonaction: WordList | None = None,
                modality: MarkerLexicon | None = None, grammar: VerbGrammar | None = None,
                tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """Return the token rows that are action verbs in use (see the module docstring for the rule)."""
    return tokens[verb_in_use(tokens, nonaction=nonaction, modality=modality, grammar=grammar, tokenizer=tokenizer)]


def verb_in_use(tokens: pd.DataFrame, *, nonaction: WordList | None = None, modality: MarkerLexicon | None = None,
                grammar: VerbGrammar | None = None, tokenizer: Tokenizer | None = None) -> pd.Series:
    """Return, for each token row (in text order), whether it is an action verb in use."""
    import pandas as pd

    mask = verb_mask(TokenTable.from_frame(tokens, tokenizer), nonaction=nonaction, modality=modality,
                     grammar=grammar)
    return pd.Series(mask, index=tokens.index)


def count_verbs(tokens: pd.DataFrame, *, top: int | None = None, nonaction: WordList | None = None,
                modality: MarkerLexicon | None = None, glossary: Glossary | None = None,
                by: list[str] | None = None) -> pd.DataFrame:
    """Return verb, count, pos (its first tag) and English gloss; sorted by count descending, then verb.

    ``top`` keeps the first rows (of each group with ``by``, e.g. ``["doc"]``, whose columns come first).
    """
    table = TokenTable.from_frame(tokens)
    counts = verb_counts(table, verb_mask(table, nonaction=nonaction, modality=modality), by=by)
    return complete_verb_counts(counts, top=top, glossary=glossary, by=by)


def verb_counts(table: TokenTable, mask: np.ndarray, *, by: list[str] | None = None) -> pd.DataFrame:
    """Return verb, count and pos (its first tag) of the tokens ``mask`` chooses, in the order each
    verb first occurs (what ``complete_verb_counts`` adds up, sorts and glosses)."""
    return tally(table, mask, by=by, per="word", columns={"token": "verb", "count": "count", "pos": "pos"})


def complete_verb_counts(counts: pd.DataFrame, *, top: int | None = None, glossary: Glossary | None = None,
                         by: list[str] | None = None) -> pd.DataFrame:
    """Sort a table of verb counts (verb, count, pos) as ``count_verbs`` does and add the English glosses
    and where each comes from (glossary, CC-CEDICT or, for a word with none, its pinyin)."""
    glossary = load_glossary() if glossary is None else glossary
    by = list(by or [])
    counts = counts.sort_values([*by, "count", "verb"], ascending=[True] * len(by) + [False, True],
                                ignore_index=True)
    if top is not None:
        counts = counts.groupby(by, sort=False).head(top) if by else counts.head(top)
    found = glosses(counts["verb"], glossary=glossary, verb=True)
    counts["gloss"] = [found[v].text for v in counts["verb"]]
    counts["gloss_source"] = [found[v].source for v in counts["verb"]]
    return counts[[*by, *VERB_COLUMNS]].reset_index(drop=True)


def modality_tokens(tokens: pd.DataFrame, *, modality: MarkerLexicon | None = None) -> pd.DataFrame:
    """Return the token rows that are directive modality markers in use, with their class and gloss.

    A marker of intensity before 的 is an adjective (最严格的制度, 扎实的作风), not the manner of an
    action, and is left out. ``tokens`` are token rows in text order.
    """
    modality = load_modality() if modality is None else modality
    mask = marker_mask(TokenTable.from_frame(tokens), modality=modality)
    return _marker_columns(tokens[mask].copy(), modality)


def count_modality(tokens: pd.DataFrame, *, modality: MarkerLexicon | None = None, include_zero: bool = False,
                   by: list[str] | None = None) -> pd.DataFrame:
    """Return marker, class, count, gloss; sorted by count descending, then marker.

    Reads token rows (or ``modality_tokens`` rows); ``by`` counts within groups, as in ``count_verbs``.
    """
    modality = load_modality() if modality is None else modality
    groups = tokens[by].drop_duplicates() if by and include_zero else None
    table = TokenTable.from_frame(tokens)
    mask = marker_mask(table, modality=modality) if "class" not in tokens else None
    return complete_marker_counts(marker_counts(table, mask, by=by), modality=modality,
                                  include_zero=include_zero, by=by, groups=groups)


def marker_counts(table: TokenTable, mask: np.ndarray | None, *, by: list[str] | None = None) -> pd.DataFrame:
    """Return marker and count of the markers ``mask`` chooses (all tokens with ``None``), in the order
    each first occurs (what ``complete_marker_counts`` adds up, completes and sorts)."""
    import numpy as np

    mask = np.ones(len(table), dtype=bool) if mask is None else mask
    return tally(table, mask, by=by, per="word", columns={"token": "marker", "count": "count"})


def complete_marker_counts(counts: pd.DataFrame, *, modality: MarkerLexicon | None = None,
                           include_zero: bool = False, by: list[str] | None = None,
                           groups: pd.DataFrame | None = None) -> pd.DataFrame:
    """Complete a table of marker counts (marker, count) as ``count_modality`` does: class, gloss, zero
    rows with ``include_zero`` (in each of ``groups`` when counting ``by`` groups), sorted."""
    import pandas as pd

    modality = load_modality() if modality is None else modality
    by = list(by or [])
    lex = pd.DataFrame([{"marker": m.word, "class": m.cls, "gloss": m.gloss} for m in modality.markers],
                       columns=["marker", "class", "gloss"])
    if by:
        lex = (counts[by].drop_duplicates() if groups is None else groups).merge(lex, how="cross")
    frame = lex.merge(counts[[*by, "marker", "count"]], on=[*by, "marker"], how="left")
    frame["count"] = frame["count"].fillna(0).astype(int)
    if not include_zero:
        frame = frame[frame["count"] > 0]
    frame = frame.sort_values([*by, "count", "marker"], ascending=[True] * len(by) + [False, True],
                              ignore_index=True)
    return frame[[*by, *MODALITY_COLUMNS]]


def _analyse_verbs(work: Work, want: frozenset[str]) -> dict[str, pd.DataFrame]:
    table, lex = work.tokens(), work.lexicons
    mask = verb_mask(table, nonaction=lex.nonaction, modality=lex.modality, grammar=lex.grammar)
    parts = {}
    if "verb_tokens" in want:
        parts["verb_tokens"] = table.frame(mask)
    if "verb_counts" in want:
        parts["verb_counts"] = verb_counts(table, mask, by=work.by)
    return parts


def _combine_verbs(run: RunParts, want: frozenset[str]) -> dict[str, pd.DataFrame]:
    build = {"verbs": lambda: complete_verb_counts(add_counts(run.parts["verb_counts"], ["verb"], ("pos",)),
                                                   glossary=run.lexicons.glossary),
             "verb_tokens": lambda: run.parts["verb_tokens"]}
    return {name: build[name]() for name in want}


register(Measure(
    name="verbs", position=50,
    summary="action verbs: verbs in use as predicates, judged in their sentence",
    tables=(Table("verbs", "action verb with its count, first tag and English gloss (and where the gloss comes from)",
                  tuple(VERB_COLUMNS), ("verb_counts",)),
            Table("verb_tokens", "occurrence of an action verb: the token's row", tuple(TOKEN_COLUMNS),
                  ("verb_tokens",))),
    parts=("verb_counts", "verb_tokens"), tokens=("verb_counts", "verb_tokens"),
    analyse=_analyse_verbs, combine=_combine_verbs,
))


def _analyse_markers(work: Work, want: frozenset[str]) -> dict[str, pd.DataFrame]:
    table, modality = work.tokens(), work.lexicons.modality
    mask = marker_mask(table, modality=modality)
    parts = {}
    if "modality_tokens" in want:
        parts["modality_tokens"] = _marker_columns(table.frame(mask), modality)
    if "modality_counts" in want:
        parts["modality_counts"] = marker_counts(table, mask, by=work.by)
    return parts


def _combine_markers(run: RunParts, want: frozenset[str]) -> dict[str, pd.DataFrame]:
    build = {"modality": lambda: complete_marker_counts(add_counts(run.parts["modality_counts"], ["marker"]),
                                                        modality=run.lexicons.modality, include_zero=True),
             "modality_tokens": lambda: run.parts["modality_tokens"]}
    return {name: build[name]() for name in want}


register(Measure(
    name="modality", position=60,
    summary="directive modality markers (要, 必须, 坚决 …) in their marker use",
    tables=(Table("modality", "directive marker with its class (obligation, intensity, prohibition), count "
                              "(zeros included) and gloss", tuple(MODALITY_COLUMNS), ("modality_counts",)),
            Table("modality_tokens", "occurrence of a directive marker: the token's row, its class and gloss",
                  (*TOKEN_COLUMNS, "class", "gloss"), ("modality_tokens",))),
    parts=("modality_counts", "modality_tokens"), tokens=("modality_counts", "modality_tokens"),
    analyse=_analyse_markers, combine=_combine_markers,
))
