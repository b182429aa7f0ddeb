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
from analysis.text.tokenizers import ADJ, ADV, NOUN, NUM, PRON, PROPN, PUNCT, VERB, get_tokenizer

if TYPE_CHECKING:
    import pandas as pd

    from analysis.text.tokenizers import Tokenizer

NEGATIONS = frozenset({"不", "没有", "没", "未", "无", "勿", "别", "毫不", "决不", "绝不", "不再"})
COPULAS = frozenset({"是", "为", "成为"})
_OBJECTS = frozenset({NOUN, PROPN, PRON, VERB, ADJ, NUM})  # what may follow a verb as its object
_OPENING_QUOTES = frozenset("“‘「『《〈（(")  # an object may open with a quote or a title
# after these a verb is a noun: 的 (…的支持), prepositions that take a noun (把就业摆在, 对监管), and
# light verbs whose object is a verbal noun (进行部署, 作出安排)
_NOMINAL_BEFORE = frozenset({"的", "把", "对", "给", "以", "进行", "作出", "做出"})
_DIRECTIONAL = frozenset({"到", "至", "于", "进"})  # complements of direction: 深入到基层

VERB_COLUMNS = ["verb", "count", "pos", "gloss", "gloss_source"]
MODALITY_COLUMNS = ["marker", "class", "count", "gloss"]


def verb_tokens(tokens: pd.DataFrame, *, nonaction: WordList | None = None,
                modality: MarkerLexicon | None = None, grammar: VerbGrammar | None = None,
                tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """Return the token rows that are action verbs in use (see the module docstring for the rule)."""
    return tokens[verb_in_use(tokens, nonaction=nonaction, modality=modality, grammar=grammar, tokenizer=tokenizer)]


def verb_in_use(tokens: pd.DataFrame, *, nonaction: WordList | None = None, modality: MarkerLexicon | None = None,
                grammar: VerbGrammar | None = None, tokenizer: Tokenizer | None = None) -> pd.Series:
    """Return, for each token row (in text order), whether it is an action verb in use."""
    import numpy as np
    import pandas as pd

    nonaction = load_nonaction_verbs() if nonaction is None else nonaction
    modality = load_modality() if modality is None else modality
    grammar = load_grammar() if grammar is None else grammar
    tokenizer = get_tokenizer() if tokenizer is None else tokenizer
    word, upos = tokens["token"].to_numpy(), tokens["upos"].to_numpy()
    nominal_verb = tokens["pos"].to_numpy() == "vn"
    candidate = ((upos == VERB) | nominal_verb) & ~tokens["token"].isin(nonaction.words | modality.words).to_numpy()
    if not candidate.any():
        return pd.Series(candidate, index=tokens.index)
    # words are compared as codes of their distinct values: a lookup per word type, not per token
    codes, types = pd.factorize(word)
    looked_up = set(word[candidate])
    candidate &= np.fromiter((w in looked_up and tokenizer.lookup(w) is not None for w in types), dtype=bool,
                             count=len(types))[codes]

    # the neighbours within the sentence; punctuation stands for "nothing"
    same = tokens["sentence"].to_numpy()
    doc = tokens["doc"].to_numpy()

    def neighbour(column: np.ndarray, step: int, blank) -> np.ndarray:
        """The value of the token ``step`` before (1) or after (-1), or ``blank`` across a sentence's edge."""
        inside = (np.roll(same, step) == same) & (np.roll(doc, step) == doc)
        inside[0 if step > 0 else -1] = False
        return np.where(inside, np.roll(column, step), blank)

    prev_word, next_word = neighbour(codes, 1, -1), neighbour(codes, -1, -1)  # -1: no word
    prev_upos, next_upos = neighbour(upos, 1, PUNCT), neighbour(upos, -1, PUNCT)

    def among(words: np.ndarray, group) -> np.ndarray:
        """Whether each word (a code; -1, no word, is in no group) is one of ``group``."""
        member = np.fromiter((t in group for t in types), dtype=bool, count=len(types))
        return np.append(member, False)[words]

    # a manner word qualifies a verb (深入推进), not a verbal noun: 深入防控疫情第一线 is "go deep into"
    adverbial = (prev_upos == ADV) | among(prev_word, modality.words | grammar.complements | NEGATIONS) \
        | (among(prev_word, grammar.manner) & (upos == VERB))
    after_verb = ((prev_upos == VERB) | (prev_upos == ADJ)) & ~adverbial & ~among(prev_word, COPULAS | _NOMINAL_BEFORE)
    after_noun = (prev_upos == NOUN) | (prev_upos == PROPN)
    noun_slot = among(prev_word, _NOMINAL_BEFORE)  # 的突出问题, 把就业摆在, 进行部署
    governs = (pd.Series(next_upos).isin(_OBJECTS).to_numpy() | among(next_word, _OPENING_QUOTES)) \
        & ~among(next_word, {"的"})
    head = among(next_word, grammar.heads)
    figure = next_upos == NUM
    # 深入推进: the manner of the next verb; 深入到各县, 深入防控疫情第一线: a verb of its own
    manner = among(codes, grammar.manner) & (next_upos == VERB) & ~among(next_word, _DIRECTIONAL)

    nominalised = among(codes, grammar.nominalised)
    use = np.where(noun_slot, False,
          np.where(adverbial, True,
          np.where(after_verb, ~nominalised | (governs & ~head & ~figure),
          np.where(after_noun, ~nominalised | (governs & (next_upos != VERB) & ~head) | figure,
                   ~among(next_word, COPULAS | {"的"}) & ~(nominalised & head)))))
    # a verbal noun (vn: 发展, 改革) is a verb only on strong evidence: after an adverbial with an
    # object of its own (大力发展现代农业), or opening a clause before a verb (。改革完善…; not 我市疫情防控面临)
    strong = (adverbial & governs & ~head) | ((prev_upos == PUNCT) & (next_upos == VERB) & ~among(next_word, COPULAS))
    use &= ~nominal_verb | strong
    return pd.Series(candidate & use & ~manner, index=tokens.index)


def count_verbs(tokens: pd.DataFrame, *, top: int | None = None, nonaction: WordList | None = None,
                modality: MarkerLexicon | None = None, glossary: Glossary | None = None,
                by: list[str] | None = None) -> pd.DataFrame:
    """Return verb, count, pos (its first tag) and English gloss; sorted by count descending, then verb.

    ``top`` keeps the first rows (of each group with ``by``, e.g. ``["doc"]``, whose columns come first).
    """
    return summarise_verbs(tally_verbs(tokens, nonaction=nonaction, modality=modality, by=by), top=top,
                           glossary=glossary, by=by)


def tally_verbs(tokens: pd.DataFrame, *, nonaction: WordList | None = None, modality: MarkerLexicon | None = None,
                grammar: VerbGrammar | None = None, tokenizer: Tokenizer | None = None,
                by: list[str] | None = None) -> pd.DataFrame:
    """Return verb, count and pos (its first tag) in the order each verb first occurs (what
    ``count_verbs`` sorts and glosses), from token rows in text order."""
    verbs = verb_tokens(tokens, nonaction=nonaction, modality=modality, grammar=grammar, tokenizer=tokenizer)
    return tally_verb_rows(verbs, by=by)


def tally_verb_rows(verbs: pd.DataFrame, *, by: list[str] | None = None) -> pd.DataFrame:
    """Return verb, count and pos of rows already chosen by ``verb_tokens``, in first-seen order."""
    return (verbs.groupby([*(by or []), "token"], sort=False).agg(count=("token", "size"), pos=("pos", "first"))
            .reset_index().rename(columns={"token": "verb"}))


def summarise_verbs(counts: pd.DataFrame, *, top: int | None = None, glossary: Glossary | None = None,
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
    markers = {m.word: m for m in modality.markers}
    listed = tokens["token"].isin(markers)
    following = tokens["token"].shift(-1, fill_value="")
    intensity = tokens["token"].map(lambda w: w in markers and markers[w].cls == "intensity")
    rows = tokens[listed & ~(intensity & (following == "的"))].copy()
    rows["class"] = rows["token"].map(lambda w: markers[w].cls)
    rows["gloss"] = rows["token"].map(lambda w: markers[w].gloss)
    return rows


def count_modality(tokens: pd.DataFrame, *, modality: MarkerLexicon | None = None, include_zero: bool = False,
                   by: list[str] | None = None) -> pd.DataFrame:
    """Return marker, class, count, gloss; sorted by count descending, then marker.

    Reads token rows (or ``modality_tokens`` rows); ``by`` counts within groups, as in ``count_verbs``.
    """
    modality = load_modality() if modality is None else modality
    groups = tokens[by].drop_duplicates() if by and include_zero else None
    return summarise_modality(tally_modality(tokens, modality=modality, by=by), modality=modality,
                              include_zero=include_zero, by=by, groups=groups)


def tally_modality(tokens: pd.DataFrame, *, modality: MarkerLexicon | None = None,
                   by: list[str] | None = None) -> pd.DataFrame:
    """Return marker and count of the markers that occur (what ``count_modality`` completes and sorts),
    from token rows in text order or the rows ``modality_tokens`` chose."""
    modality = load_modality() if modality is None else modality
    hits = tokens if "class" in tokens else modality_tokens(tokens, modality=modality)
    counts = hits.groupby([*(by or []), "token"], sort=False).size().rename("count")
    return counts.reset_index().rename(columns={"token": "marker"})


def summarise_modality(counts: pd.DataFrame, *, modality: MarkerLexicon | None = None, include_zero: bool = False,
                       by: list[str] | None = None, groups: pd.DataFrame | None = None) -> pd.DataFrame:
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
