"""Labels: the texts of charts and pages in Chinese, English or both.

Labels are Chinese by default; ``lang="en"`` uses the English glosses of the lexicons and
``lang="both"`` puts them side by side, so the same chart serves a paper in either language.
"""

from __future__ import annotations

import re

from typing import TYPE_CHECKING

from analysis.errors import display_path
from analysis.text.structure import PREAMBLE, chinese_numeral

if TYPE_CHECKING:
    import pandas as pd

LANGS = ("zh", "en", "both")

TEXT = {
    "slogans": ("提法出现次数", "Slogan frequency"),
    "verbs": ("高频行动动词", "Most frequent action verbs"),
    "modality": ("指令性情态词", "Directive modality markers"),
    "wordcloud": ("实词词云", "Content words"),
    "dispersion": ("提法在讲话中的分布", "Where the slogans occur"),
    "dispersion_terms": ("在讲话中的分布", "Where they occur"),
    "heatmap": ("各部分提法密度（每千字）", "Slogans per 1,000 characters by section"),
    "count": ("次数", "count"),
    "position": ("在讲话中的位置（字符）", "position in the speech (characters)"),
    "section": ("部分", "section"),
    "category": ("类别", "category"),
    "rate": ("每千字次数", "per 1,000 characters"),
    "preamble": ("引言", "preamble"),
    "lengths": ("各部分篇幅", "Length of each section"),
    "characters": ("字数", "characters"),
    "obligation": ("义务", "obligation"),
    "intensity": ("强度", "intensity"),
    "prohibition": ("禁止", "prohibition"),
    "trend": ("提法的使用频率（每万字）", "Use of the terms per 10,000 characters"),
    "term_heatmap": ("各年份的使用频率（每万字）", "Per 10,000 characters, by year"),
    "unit_heatmap": ("各部分的使用频率（每万字）", "Per 10,000 characters, by section"),
    "keyness": ("关键词：对数比（按对数似然比 G2 选出）", "Key words: Log Ratio (chosen by log-likelihood G2)"),
    "per_10k": ("每万字次数", "per 10,000 characters"),
    "year": ("年份", "year"),
    "log_ratio": ("对数比（Log Ratio）", "Log Ratio"),
    "target": ("目标组", "target"),
    "reference": ("参照组", "reference"),
    "later_half": ("（后一半）", "(the later half)"),
    "earlier_half": ("（前一半）", "(the earlier half)"),
    "the_others": ("（其余）", "(the others)"),
    "missing": ("缺少该年的文献", "no document that year"),
    "absent_categories": ("本文没有出现的类别", "categories not in this text"),
    "no_slogans": ("词表中的提法都没有出现", "no slogan of the lexicon occurs here"),
    "nothing": ("这里没有出现", "none occurs here"),
}

# jieba's part-of-speech tags (the ICTCLAS set it inherits), explained for readers of the tables.
POS_NAMES = {
    "a": ("形容词", "adjective"), "ad": ("副形词", "adjective used as an adverb"),
    "ag": ("形容词性语素", "adjectival morpheme"), "an": ("名形词", "adjective used as a noun"),
    "b": ("区别词", "non-predicate adjective"), "c": ("连词", "conjunction"), "d": ("副词", "adverb"),
    "df": ("副词", "adverb"), "dg": ("副语素", "adverbial morpheme"), "e": ("叹词", "interjection"),
    "eng": ("英文", "English word"), "f": ("方位词", "locality word"), "g": ("语素", "morpheme"),
    "h": ("前缀", "prefix"), "i": ("成语", "idiom"), "j": ("简称略语", "abbreviation"), "k": ("后缀", "suffix"),
    "l": ("习用语", "fixed expression"), "m": ("数词", "numeral"), "mg": ("数语素", "numeral morpheme"),
    "mq": ("数量词", "numeral with classifier"), "n": ("名词", "noun"), "ng": ("名语素", "nominal morpheme"),
    "nr": ("人名", "person's name"), "nrfg": ("人名", "person's name"), "nrt": ("音译人名", "transliterated name"),
    "ns": ("地名", "place name"), "nt": ("机构团体名", "organisation"), "nz": ("其他专名", "other proper noun"),
    "o": ("拟声词", "onomatopoeia"), "p": ("介词", "preposition"), "q": ("量词", "classifier"),
    "r": ("代词", "pronoun"), "rg": ("代语素", "pronominal morpheme"), "rr": ("人称代词", "personal pronoun"),
    "rz": ("指示代词", "demonstrative pronoun"), "s": ("处所词", "place word"), "t": ("时间词", "time word"),
    "tg": ("时语素", "time morpheme"), "u": ("助词", "particle"), "ud": ("助词“得”", "particle 得"),
    "ug": ("助词“过”", "particle 过"), "uj": ("助词“的”", "particle 的"), "ul": ("助词“了”", "particle 了"),
    "uv": ("助词“地”", "particle 地"), "uz": ("助词“着”", "particle 着"), "v": ("动词", "verb"),
    "vd": ("副动词", "verb used as an adverb"), "vg": ("动语素", "verbal morpheme"),
    "vi": ("不及物动词", "intransitive verb"), "vn": ("名动词", "verb used as a noun"),
    "vq": ("动词", "verb"), "x": ("标点、符号或未登录字", "punctuation, symbol or unknown"),
    "y": ("语气词", "modal particle"), "yg": ("语气语素", "modal morpheme"), "z": ("状态词", "descriptive word"),
    "zg": ("状态语素", "descriptive morpheme"),
}

# the rows of pandas' describe(), named for readers
STATISTICS = {
    "count": ("个数", "count"), "mean": ("平均", "mean"), "std": ("标准差", "standard deviation"),
    "min": ("最小", "minimum"), "25%": ("下四分位", "lower quartile"), "50%": ("中位数", "median"),
    "75%": ("上四分位", "upper quartile"), "max": ("最大", "maximum"),
}


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is one of ``LANGS``; raise ``ValueError`` otherwise."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return lang


def text(key: str, lang: str) -> str:
    """Return a chart text in ``lang`` (``both``: Chinese, then English)."""
    zh, en = TEXT[key]
    return {"zh": zh, "en": en, "both": f"{zh}  {en}"}[check_lang(lang)]


def title(key: str, lang: str) -> str:
    """Return a chart title in ``lang``; with ``both``, the English on a second line so it fits."""
    zh, en = TEXT[key]
    return f"{zh}\n{en}" if check_lang(lang) == "both" else text(key, lang)


def shown_of(shown: int, total: int, lang: str) -> str:
    """Say that a chart draws the first ``shown`` of ``total`` items (the CSV tables hold them all)."""
    zh, en = f"最常见的 {shown} 个（共 {total} 个）", f"the {shown} most frequent of {total}"
    return {"zh": zh, "en": en, "both": f"{zh}  {en}"}[check_lang(lang)]


def label(term: str, gloss: str | None, lang: str) -> str:
    """Return the label of a term: the term, its English gloss, or both (the term alone without a gloss)."""
    if lang == "zh" or not isinstance(gloss, str) or not gloss:
        return term
    return gloss if lang == "en" else f"{term}  {gloss}"


def label_list(terms, glosses, lang: str) -> list[str]:
    """The labels of several terms (``label``), none given twice: in English, two words of one gloss
    (推动 and 促进 both "promote") each carry their pinyin ("promote (tuīdòng)", "promote (cùjìn)")."""
    from collections import Counter

    from analysis.text.glosses import pinyin

    terms = list(terms)
    glosses = [glosses.get(t) for t in terms] if isinstance(glosses, dict) else list(glosses)
    out = [label(t, g, lang) for t, g in zip(terms, glosses)]
    repeated = Counter(out)
    return [f"{name} ({pinyin(t)})" if repeated[name] > 1 and name != t else name for name, t in zip(out, terms)]


def pos_name(tag: str, lang: str = "both") -> str:
    """Return what a part-of-speech tag means (``n``: 名词 noun); an unknown tag is returned as it is."""
    if tag not in POS_NAMES:
        return tag
    zh, en = POS_NAMES[tag]
    return {"zh": zh, "en": en, "both": f"{zh} {en}"}[check_lang(lang)]


def statistic_name(name: str, lang: str = "both") -> str:
    """Return the name of a summary statistic (``50%``: 中位数 median); others as they are."""
    if name not in STATISTICS:
        return name
    zh, en = STATISTICS[name]
    return {"zh": zh, "en": en, "both": f"{zh} {en}"}[check_lang(lang)]


def em_width(text: str) -> float:
    """Return how wide ``text`` is in ems: one for a CJK character, about 0.62 for others (an estimate
    on the wide side, so that what is placed by it never touches)."""
    import unicodedata

    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.62 for c in text)


def wrap(text: str, width: float) -> str:
    """Return ``text`` broken into lines of about ``width`` ems: at spaces or before a bracket
    （2023-10-18） where it can, else between characters, never before closing punctuation."""
    import re

    pieces = [p for p in re.split(r"(?<= )|(?=[（(])", text) if p]
    units: list[str] = []
    for piece in pieces:
        units.extend([piece] if em_width(piece) <= width else list(piece))
    lines: list[str] = []
    line = ""
    for unit in units:
        if line and em_width(line + unit) > width and unit[0] not in "）)》」”’、，。：；！？":
            lines.append(line.rstrip())
            line = ""
        line += unit
    if line:
        lines.append(line.rstrip())
    return "\n".join(lines)


def shorten(text: str, limit: int) -> str:
    """Return ``text`` cut to ``limit`` characters with an ellipsis (for chart labels, never tables)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def section_name(section: str, lang: str) -> str:
    """Return the name of a section or sub-section from its label: 一 / part 1, 三（一） / part 3.1,
    （二） / sub-part 2, 引言 / preamble."""
    zh = section
    top, _, sub = section.partition("（")
    sub = sub.rstrip("）")
    if section == PREAMBLE:
        en = text("preamble", "en")
    elif sub:
        en = f"part {chinese_numeral(top)}.{chinese_numeral(sub)}" if top else f"sub-part {chinese_numeral(sub)}"
    else:
        en = f"part {chinese_numeral(section)}"
    return {"zh": zh, "en": en, "both": f"{zh} {en}"}[check_lang(lang)]


_CJK_RUN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uff20]+")


def english_name(name: str) -> str:
    """A speech's name with no Chinese, for an English chart: ``52 篇文献 52 documents, 1954–2025`` keeps its
    English; a Chinese title keeps its date (``市委书记…讲话（2020-01-26）`` is ``speech of 2020-01-26``)
    or, without one, its document id; "" when nothing is left."""
    kept = " ".join(_CJK_RUN.sub(" ", name).split()).strip(" ·,()")
    kept = re.sub(r"^(\d+) \1\b", r"\1", kept)  # 52 篇文献 52 documents: the number once
    if kept and not re.fullmatch(r"[\d\-–/.]+", kept):
        return kept
    return f"speech of {kept}" if kept else ""


def speech_name(documents: pd.DataFrame, doc: str | None = None) -> str:
    """Return how a page or a chart names its text, from the documents table: a speech's title and
    date, or ``N 篇文献 N documents, first–last year`` for several.

    ``doc`` names one document of several; its id comes first, as titles repeat across a corpus
    (every Government Work Report is 政府工作报告).
    """
    if doc is None and len(documents) != 1:
        years = sorted(int(y) for y in documents["year"].dropna()) if "year" in documents else []
        span = f", {years[0]}–{years[-1]}" if years and years[0] != years[-1] else f", {years[0]}" if years else ""
        return f"{len(documents)} 篇文献 {len(documents)} documents{span}"
    row = documents.iloc[0] if doc is None else documents[documents["doc"] == doc].iloc[0]
    title = str(row["title"]) if row["title"] else ""
    name = title or str(row.get("file") or row["doc"])  # a speech without a title line: its file
    date = f"（{row['date']}）" if row["date"] else ""
    prefix = f"{row['doc']} · " if title and doc is not None and len(documents) > 1 else ""
    return display_path(f"{prefix}{name}{date}")  # a control character in a file name, escaped
