"""Labels: the texts of charts and pages in Chinese, English or both.

Labels are Chinese by default; ``lang="en"`` uses the English glosses of the lexicons and
``lang="both"`` puts them side by side, so the same chart serves a paper in either language.
"""

from __future__ import annotations

from analysis.text.structure import PREAMBLE, chinese_numeral

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
    "keyness": ("关键词（对数似然比）", "Key words (log-likelihood)"),
    "per_10k": ("每万字次数", "per 10,000 characters"),
    "year": ("年份", "year"),
    "log_ratio": ("对数比（Log Ratio）", "Log Ratio"),
    "target": ("目标组", "target"),
    "reference": ("参照组", "reference"),
    "missing": ("缺少该年的文献", "no document that year"),
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


def label(term: str, gloss: str | None, lang: str) -> str:
    """Return the label of a term: the term, its English gloss, or both (the term alone without a gloss)."""
    if lang == "zh" or not isinstance(gloss, str) or not gloss:
        return term
    return gloss if lang == "en" else f"{term}  {gloss}"


def section_name(section: str, lang: str) -> str:
    """Return the name of a section from its label: 一 / part 1, 引言 / preamble."""
    zh = section
    en = text("preamble", "en") if section == PREAMBLE else f"part {chinese_numeral(section)}"
    return {"zh": zh, "en": en, "both": f"{zh} {en}"}[check_lang(lang)]
