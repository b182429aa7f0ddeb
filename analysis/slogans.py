"""Slogan stage: find the lexicon's formulations (提法) in the cleaned text and count them.

Slogans are matched on the text, not on tokens: jieba cannot keep punctuation inside a word, so a
series such as 早发现、早报告、早隔离、早治疗 can never be one token. Each match keeps its offsets and
the section, paragraph and sentence it stands in.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.lexicon import SERIES_SEPARATORS, SLOGANS, Slogan, load_slogans

if TYPE_CHECKING:
    import pandas as pd

    from analysis.corpus import Speech

MATCH_COLUMNS = ["doc", "term", "category", "start", "end", "matched", "section", "paragraph", "sentence"]
_SEPARATOR = f"[{re.escape(SERIES_SEPARATORS)}]?"


def form_pattern(form: str) -> str:
    """Return the regular expression of one surface form.

    A separator inside the form matches any series separator or none, so 疫情就是命令，防控就是责任
    also matches 疫情就是命令,防控就是责任 and 疫情就是命令防控就是责任.
    """
    parts = re.split(f"[{re.escape(SERIES_SEPARATORS)}]+", form)
    return _SEPARATOR.join(re.escape(p) for p in parts if p)


def compile_slogan(slogan: Slogan) -> re.Pattern:
    """Return one pattern for all forms of a slogan, longest first so the fullest form wins."""
    forms = sorted(slogan.forms, key=len, reverse=True)
    return re.compile("|".join(form_pattern(f) for f in forms))


def load_lexicon(path: Path = SLOGANS) -> tuple[dict[str, dict], tuple[tuple[Slogan, re.Pattern], ...]]:
    """Return the categories and the compiled slogans of a lexicon file (loaded once per file)."""
    return _compiled_lexicon(Path(path).resolve())


@lru_cache(maxsize=4)
def _compiled_lexicon(path: Path) -> tuple[dict[str, dict], tuple[tuple[Slogan, re.Pattern], ...]]:
    categories, slogans = load_slogans(path)
    return categories, tuple((s, compile_slogan(s)) for s in slogans)


def find_slogans(speech: Speech, *, lexicon: Path = SLOGANS) -> pd.DataFrame:
    """Return one row per slogan occurrence: doc, term, category, offsets, matched text and location.

    A slogan is found also where it stands inside a longer listed slogan; two matches of one slogan
    never overlap.
    """
    import pandas as pd

    _, compiled = load_lexicon(lexicon)
    rows = []
    for slogan, pattern in compiled:
        for m in pattern.finditer(speech.text):
            sentence = speech.locate(m.start())
            rows.append((speech.doc_id, slogan.term, slogan.category, speech.offset + m.start(),
                         speech.offset + m.end(), m.group(), speech.section_label(sentence.section),
                         sentence.paragraph, sentence.index))
    frame = pd.DataFrame(rows, columns=MATCH_COLUMNS)
    return frame.sort_values(["start", "end"], ascending=[True, False], ignore_index=True)


def slogan_matches(speeches: list[Speech], *, lexicon: Path = SLOGANS) -> pd.DataFrame:
    """Return the slogan occurrences of several speeches (see ``find_slogans``)."""
    import pandas as pd

    frames = [find_slogans(s, lexicon=lexicon) for s in speeches]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=MATCH_COLUMNS)


def count_slogans(matches: pd.DataFrame, *, lexicon: Path = SLOGANS, include_zero: bool = False) -> pd.DataFrame:
    """Return term, category, count, gloss and category names; sorted by count descending, then term."""
    import pandas as pd

    categories, compiled = load_lexicon(lexicon)
    counts = matches.groupby("term").size()
    rows = [
        {"term": s.term, "category": s.category, "count": int(counts.get(s.term, 0)), "gloss": s.gloss,
         "category_zh": categories[s.category]["zh"], "category_en": categories[s.category]["en"]}
        for s, _ in compiled
    ]
    frame = pd.DataFrame(rows, columns=["term", "category", "count", "gloss", "category_zh", "category_en"])
    if not include_zero:
        frame = frame[frame["count"] > 0]
    return frame.sort_values(["count", "term"], ascending=[False, True], ignore_index=True)


def merge_overlaps(matches: pd.DataFrame) -> pd.DataFrame:
    """Return the matches with overlapping spans of one document merged, keeping the first row of each."""
    ordered = matches.sort_values(["doc", "start", "end"], ascending=[True, True, False])
    keep, last_doc, last_end = [], None, -1
    for doc, start, end in zip(ordered["doc"], ordered["start"], ordered["end"]):
        fresh = doc != last_doc or start >= last_end
        keep.append(fresh)
        last_end = end if fresh else max(last_end, end)
        last_doc = doc
    return ordered[keep]


def count_categories(matches: pd.DataFrame, *, lexicon: Path = SLOGANS) -> pd.DataFrame:
    """Return category, count and names: overlapping matches of one category count once.

    集中救治 inside 集中患者、集中专家、集中资源、集中救治 adds to the slogan's count but not to its
    category's, so a category total counts each stretch of text once.
    """
    import pandas as pd

    categories, _ = load_lexicon(lexicon)
    merged = [merge_overlaps(group) for _, group in matches.groupby("category")]
    counts = pd.concat(merged).groupby("category").size() if merged else pd.Series(dtype=int)
    frame = pd.DataFrame([
        {"category": key, "count": int(counts.get(key, 0)), "category_zh": names["zh"], "category_en": names["en"]}
        for key, names in categories.items()
    ])
    return frame.sort_values(["count", "category"], ascending=[False, True], ignore_index=True)


def kwic(text: str, start: int, end: int, *, window: int = 15) -> tuple[str, str, str]:
    """Return the keyword in context: ``window`` characters left, the match, ``window`` right."""
    left = text[max(0, start - window):start].replace("\n", " ")
    right = text[end:end + window].replace("\n", " ")
    return left, text[start:end], right


def lexicon_frame(*, lexicon: Path = SLOGANS) -> pd.DataFrame:
    """Return the slogan lexicon as a table: term, category, variants, gloss, note."""
    import pandas as pd

    categories, compiled = load_lexicon(lexicon)
    return pd.DataFrame([
        {"term": s.term, "category": categories[s.category]["zh"], "variants": "；".join(s.variants),
         "gloss": s.gloss, "note": s.note}
        for s, _ in compiled
    ])


def kwic_frame(speeches: list[Speech], matches: pd.DataFrame, *, terms: list[str] | None = None,
               window: int = 15) -> pd.DataFrame:
    """Return keyword-in-context lines of slogan matches: doc, section, sentence, left, match, right."""
    import pandas as pd

    texts = {sp.doc_id: sp.text for sp in speeches}
    rows = matches if terms is None else matches[matches["term"].isin(terms)]
    lines = []
    for r in rows.itertuples():
        left, hit, right = kwic(texts[r.doc], r.start, r.end, window=window)
        lines.append({"doc": r.doc, "term": r.term, "section": r.section, "sentence": r.sentence,
                      "start": r.start, "left": left, "match": hit, "right": right})
    return pd.DataFrame(lines, columns=["doc", "term", "section", "sentence", "start", "left", "match", "right"])
