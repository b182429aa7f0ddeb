"""Action verbs, counted from the tagged tokens.

An action verb is a verb in use: a token used as a verb where it stands. jieba gives a word one tag
whatever its use, and many verbs of the genre are as often nouns (推动高质量发展, 稳就业, 科技创新, 经济复苏),
so the decision is the context tagger's (``analysis.text.tagging``): a model of a token's word and tag and
those of its neighbours, distilled from Baidu's LAC, which reads 发展 in 坚持和发展中国特色社会主义 as a verb
and in 推动高质量发展 as a noun. On top of it:

- the object of a light verb is the action (得到**加强**, 予以**重视**, 加以**解决**), whatever its tag;
- a word the tokenizer tags an adverb (d, ad: 深入推进, 不断) is the manner of a verb, not one;
- verbs that carry no action (是, 有, 能, and the light verbs themselves: ``nonaction_verbs.txt``) and the
  directive modality markers (要, 必须 …: ``modality.yaml``), counted as their own class
  (``analysis.measures.markers``), are left out;
- words the tokenizer does not know (a bad split such as 检尽 in 应检尽检) are not counted, nor the words of
  a term quoted as a whole (at most eight characters in quotation marks: “两个结合”, “结合”).

How it was measured against reading, on texts of four kinds annotated blind, is ``python -m analysis
validate`` (docs/accuracy.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.text.glosses import glosses
from analysis.text.lexicons import (Glossary, MarkerLexicon, WordList, load_glossary, load_modality,
                                    load_nonaction_verbs)
from analysis.text.tagging import ContextModel, verbal
from analysis.measures.markers import in_short_quotes
from analysis.measures.registry import Measure, RunParts, Table, Work, register
from analysis.measures.words import add_counts, tally
from analysis.text.tokens import TOKEN_COLUMNS, TokenTable

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from analysis.text.tokenizers import Tokenizer

LIGHT_VERBS = frozenset({"得到", "予以", "加以"})  # their object is the action: 得到加强, 予以重视
_VERBAL_TAGS = frozenset({"v", "vn", "vd", "vi"})
_ADVERB_TAGS = frozenset({"d", "ad"})  # a word the tokenizer tags an adverb is the manner of a verb

VERB_COLUMNS = ["verb", "count", "pos", "gloss", "gloss_source"]


def verb_mask(table: TokenTable, *, nonaction: WordList | None = None, modality: MarkerLexicon | None = None,
              model: ContextModel | None = None) -> np.ndarray:
    """Whether each token of ``table`` (in text order) is an action verb in use (the rule of the module
    docstring): what depends on a word alone is decided once per distinct word, the rest on arrays."""
    import numpy as np

    nonaction = load_nonaction_verbs() if nonaction is None else nonaction
    modality = load_modality() if modality is None else modality
    vocab, codes = table.vocab, table.codes
    lookup = vocab.tokenizer.lookup
    left_out = nonaction.words | modality.words
    candidate = vocab.column(("action candidate", nonaction, modality), lambda w, t: (
        w not in left_out and t not in _ADVERB_TAGS and lookup(w) is not None), bool)[codes]
    if not candidate.any():
        return candidate
    after_light = np.append(vocab.member("light verbs", LIGHT_VERBS), False)[table.neighbour(codes, 1, -1)]
    verbal_tag = vocab.column("verbal tag", lambda w, t: t in _VERBAL_TAGS, bool)[codes]
    # the words of a term quoted as a whole (“两个结合”, “结合”) name it: no action
    return candidate & (verbal(table, model) | (after_light & verbal_tag)) & ~in_short_quotes(table)


def verb_tokens(tokens: pd.DataFrame, *, nonaction: WordList | None = None,
                modality: MarkerLexicon | None = None, tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """Return the token rows that are action verbs in use (see the module docstring for the rule)."""
    return tokens[verb_in_use(tokens, nonaction=nonaction, modality=modality, tokenizer=tokenizer)]


def verb_in_use(tokens: pd.DataFrame, *, nonaction: WordList | None = None, modality: MarkerLexicon | None = None,
                tokenizer: Tokenizer | None = None) -> pd.Series:
    """Return, for each token row (in text order), whether it is an action verb in use."""
    import pandas as pd

    mask = verb_mask(TokenTable.from_frame(tokens, tokenizer), nonaction=nonaction, modality=modality)
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


def _analyse_verbs(work: Work, want: frozenset[str]) -> dict[str, pd.DataFrame]:
    table, lex = work.tokens(), work.lexicons
    mask = verb_mask(table, nonaction=lex.nonaction, modality=lex.modality)
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
    summary="action verbs: verbs in use, as the context tagger reads each token in its sentence",
    tables=(Table("verbs", "action verb with its count, first tag and English gloss (and where the gloss comes from)",
                  tuple(VERB_COLUMNS), ("verb_counts",)),
            Table("verb_tokens", "occurrence of an action verb: the token's row", tuple(TOKEN_COLUMNS),
                  ("verb_tokens",))),
    parts=("verb_counts", "verb_tokens"), tokens=("verb_counts", "verb_tokens"),
    analyse=_analyse_verbs, combine=_combine_verbs,
))
