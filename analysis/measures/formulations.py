"""Formulations found without a lexicon: numbered formulations (数字略语), quoted expressions, titles.

**Numbered formulations** are found by pattern, quoted or not, in three shapes:

1. a numeral, a classifier and a word: 四个意识, 两个维护, 八项规定, 三大攻坚战, 五位一体, 四方责任
   (classifiers 个 大 项 位 方 条 种; the word is the longest word of the tokenizer's dictionary,
   two to four characters, that follows; in quotes, the quoted text);
2. numerals alternating with characters: 一带一路, 三严三实, 两学一做, 三去一降一补, 一国两制 (with two
   characters each only in quotes: “两不愁三保障”; not a repetition such as 一步一步);
3. a numeral and one character, when quoted: “六稳”, “六保”, “四风”, “三农”.

The rule against quantities and ordinals: the numeral starts a word (not 第一, 统一, 之一, 十九, 2千),
it is not 一 in shape 1 (一个, 一大批 count, they do not number), the character after it is not a unit
of time or measure (年 天 次 级 段 千 万 余 多 点 …), the word is not a generic one (方面 问题 时期
阶段 …), and shape 2 is not an idiom of the dictionary (一心一意, 四面八方). So 两千余例, 三天,
一段时间, 第一时间 and 一级响应 are not formulations.

An **expansion** is what the text gives next to a formulation at its first use: a bracket after it
(五位一体（经济、政治、文化、社会、生态文明建设）), a list introduced by 即 or a colon after it (as
many members as the numeral says), a list of exactly as many items after it and a verb (压实“四方责任”，
落实属地责任、部门责任、单位责任、个人责任), a list of as many items as its numeral right before it
(属地、部门、单位、个人四方责任; never the 这 before the formulation), the members the sentences after
it count off (要做到四个坚持。一是坚持守望相助。二是…), or the phrase it is the 简称 of.

**Quoted expressions** are what stands inside “…”, 「…」, ‘…’ or ASCII quotes (1 to 20 characters,
no sentence inside); **titles** what stands inside 《…》.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.measures.registry import Measure, RunParts, Table, register
from analysis.text.numerals import chinese_number
from analysis.text.lexicons import SERIES_SEPARATORS, SloganLexicon, load_slogans
from analysis.text.tokenizers import ADP, ADV, CCONJ, NOUN, PART, PRON, PUNCT, VERB, Tokenizer, get_tokenizer

if TYPE_CHECKING:
    import pandas as pd

    from analysis.text.documents import Chunk

OCCURRENCE_COLUMNS = ["doc", "term", "kind", "quoted", "start", "end", "expansion", "section", "section_index", "subsection", "subsection_index",
                      "paragraph", "sentence"]
CANDIDATE_COLUMNS = [*OCCURRENCE_COLUMNS, "longer", "longer_end", "longer_expansion"]
FORMULATION_COLUMNS = ["term", "kind", "count", "in_lexicon", "expansion", "quoted", "documents", "first_doc",
                       "first_start"]
KINDS = ("numbered", "quoted", "title")
NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
CLASSIFIERS = "个大项位方条种"
# what a count of things is made of, not a formulation: units after the numeral ...
UNITS = set("年月日天周旬时分秒岁代届次回遍趟级段层期批组名人口户家例起件所座元角斤吨米里亩千万亿百十余多几半成倍点号")
# ... units of time as the word after a classifier (两个月, 三个小时) ...
TIME_UNITS = set("年月日天周时分秒岁")
# ... and generic words after the classifier
GENERIC = {"方面", "问题", "时期", "阶段", "部分", "过程", "原因", "月", "小时", "星期", "世纪", "年代", "时候", "地方",
           "环节", "层面", "层次", "步骤", "因素", "特点", "条件", "重点", "方向", "领域", "百分点", "国家", "城市",
           "单位", "项目", "企业", "工作", "任务", "目标", "事情", "同志", "人", "县", "省", "市"}
# nouns a formulation governs, never part of it (八项规定精神, 四个全面战略布局, 两学一做学习教育)
GOVERNED = {"精神", "工作", "建设", "战略", "布局", "要求", "思想", "理论", "方针", "政策", "目标", "任务", "问题",
            "活动", "教育", "学习", "成果", "实施", "落实", "情况", "方面", "原则性"}
# a numeral after these is an ordinal or part of a larger number (第一, 十九, 2千)
NOT_BEFORE = set("第一二两三四五六七八九十百千零〇○0123456789０１２３４５６７８９")
_QUOTES = [("“", "”"), ("「", "」"), ("‘", "’"), ('"', '"')]
_TITLE = re.compile(r"《([^《》\n]{1,40})》")
_HAN = r"(?:(?![一二两三四五六七八九十])[\u4e00-\u9fff])"
# numerals each with one character (一带一路, 三去一降一补), else each with two (两不愁三保障)
_COMPOUNDS = [re.compile(rf"(?:[一二两三四五六七八九十]{_HAN}{{{n}}}){{2,3}}") for n in (1, 2)]
# a numeral that may start a formulation: not after 第 or another figure, and followed by a character that
# is no unit (what ``numbered_at`` checks first, found here in one pass rather than numeral by numeral)
_NUMERAL = re.compile(f"(?<![{re.escape(''.join(sorted(NOT_BEFORE)))}])[{''.join(NUMERALS)}]"
                      f"(?=[^{re.escape(''.join(sorted(UNITS)))}\n])")
# a number (a numeral but 一, or one with 十) and a word of one to five characters (“十九连丰”, “三公经费”)
_NUMBER_AND_WORD = re.compile(r"((?:[一二两三四五六七八九]?十[一二三四五六七八九]?)|[二两三四五六七八九])"
                              r"((?![一二两三四五六七八九十])[\u4e00-\u9fff]{1,5})")
_NUMERAL_SPLIT = re.compile("[一二两三四五六七八九十]")
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]+")
_BRACKET = re.compile(r"[（(]([^（）()\n]{2,80})[）)]")
_INTRODUCED = re.compile(r"(?:，?即|，也就是|：|:)([^。；！？\n]{2,120})")
_FIGURE_OR_NUMBERED = re.compile(rf"\d|[{''.join(NUMERALS)}][{CLASSIFIERS}]")
_JOINED_LAST = re.compile(r"[和与及]$")
_SENTENCE_END = re.compile(r"[。！？；]")
_ORDINALS = "一二三四五六七八九十"
_LIST_AFTER = re.compile(r"[，,]([\u4e00-\u9fff]{1,2})((?:[\u4e00-\u9fff]{1,12}、)+[\u4e00-\u9fff]{1,12})(?=[，。；！？\n]|$)")
_QUOTE_PATTERNS = [re.compile(re.escape(opening) + r"([^\n" + re.escape(opening + closing) + r"。！？]{1,20})"
                              + re.escape(closing)) for opening, closing in _QUOTES]
_NUMBERED = re.compile(rf"[{''.join(NUMERALS)}](?:[{CLASSIFIERS}][\u4e00-\u9fff]{{2,4}}|[\u4e00-\u9fff])")


def _numeral_starts_word(text: str, i: int, tokenizer: Tokenizer) -> bool:
    """Whether the numeral at ``i`` begins a word: not after 第 or another figure, and not inside a word of
    the dictionary with the character before it (统一, 之一, 进一步)."""
    if i == 0:
        return True
    if text[i - 1] in NOT_BEFORE:
        return False
    return not (tokenizer.lookup(text[i - 1:i + 1]) or tokenizer.lookup(text[i - 1:i + 2]))


def numbered_at(text: str, i: int, tokenizer: Tokenizer, *, quoted: str | None = None) -> tuple[str, str] | None:
    """Return the numbered formulation that starts at ``text[i]`` (a numeral), and the longer one it may
    be (``""`` if none), or ``None``.

    ``quoted`` is the quoted text it stands alone in, if it does (its extent is then the quote's). The
    longer one is the formulation with the noun that follows it (四项基本 and 四项基本原则): which of the
    two a run uses is decided over all its documents (``resolve_formulations``).
    """
    nxt = text[i + 1:i + 2]
    if text[i] not in NUMERALS or not nxt or not _numeral_starts_word(text, i, tokenizer):
        return None
    if quoted and quoted[0] == text[i] and _quoted_numbered(quoted):
        return quoted, ""  # “六稳”, “十二五”, “十九连丰”, “十四个坚持”, “三公经费”, “三股势力”
    if nxt in UNITS:
        return None  # (a unit after the numeral also rules out the alternating shape: 一年一度)
    # numerals with one character each (一带一路); with two each only in quotes (“两不愁三保障”)
    compound = _COMPOUNDS[0].match(text, i) or (_COMPOUNDS[1].match(text, i) if quoted else None)
    if compound:
        term = quoted if quoted and quoted.startswith(compound.group()) else compound.group()
        parts = _NUMERAL_SPLIT.split(term)[1:]
        if tokenizer.lookup(term) in ("i", "m", "mq") or tokenizer.lookup(compound.group()) in ("i", "m", "mq"):
            return None  # an idiom (一心一意, 四面八方)
        if not set("".join(parts)) & (UNITS | set(CLASSIFIERS)) and len(set(parts)) == len(parts):
            return term, ""  # not a unit (一年一度), a classifier (一个一个) or a repetition (一步一步)
    if nxt in CLASSIFIERS and text[i] != "一":
        if quoted and quoted.startswith(text[i:i + 2]) and len(quoted) >= 4:
            word, following = quoted[2:], ""
        else:
            word, following = _word_after(text, i + 2, tokenizer)

        def valid(word: str) -> bool:
            numeral_first = word[:1] in NUMERALS and not (quoted or tokenizer.lookup(word))  # 两个一百年: 一百年
            return 2 <= len(word) <= 5 and word not in GENERIC and not numeral_first and word[0] not in TIME_UNITS \
                and bool(_HAN_WORD.fullmatch(word))

        if valid(word):
            longer = text[i:i + 2] + word + following if following and valid(word + following) else ""
            return text[i:i + 2] + word, longer
        return None
    if not quoted and tokenizer.lookup(text[i:i + 2]) == "j" and _token_at(text, i, tokenizer) == text[i:i + 2]:
        return text[i:i + 2], ""  # the dictionary's abbreviation, a word where it stands: 四化, 五保
    return None


def _quoted_numbered(quoted: str) -> bool:
    """Whether a whole quotation is a numbered formulation: a numeral and one character (“六稳”), a plan's
    number (“七五”, “十二五”), or a number (one numeral but 一, or one with 十: 十九, 二十) and a word of one to
    five characters that starts with no unit (“十九连丰”, “十四个坚持”, “三公经费”; not “一把手”, not a year
    such as “九二共识”)."""
    if len(quoted) == 2 or (len(quoted) == 3 and all(c in NUMERALS for c in quoted)):
        return True
    shape = _NUMBER_AND_WORD.fullmatch(quoted)
    return bool(shape) and shape.group(2)[0] not in UNITS - set(CLASSIFIERS)


def _token_at(text: str, i: int, tokenizer: Tokenizer) -> str:
    """The token the tokenizer reads at ``text[i]`` in its clause (``""`` if none starts there)."""
    start = max([text.rfind(c, 0, i) for c in "，。；！？、：\n"] + [i - 8, -1]) + 1
    at = start
    for word, _ in tokenizer.tag(text[start:i + 8]):
        if at == i:
            return word
        at += len(word)
    return ""


def _word_after(text: str, j: int, tokenizer: Tokenizer) -> tuple[str, str]:
    """Return the word that follows a numeral and its classifier, the longest word of the dictionary
    there (two to five characters), and, where it is of two characters, the noun after it that a
    formulation may hold (四项基本原则), unless that noun is one a formulation governs (八项规定精神,
    四个全面战略布局: ``GOVERNED``); ``""`` for none."""
    word = next((text[j:j + n] for n in (5, 4, 3, 2) if tokenizer.lookup(text[j:j + n])), "")
    if len(word) == 2:
        following = next((text[j + 2:j + 2 + n] for n in (3, 2) if tokenizer.lookup(text[j + 2:j + 2 + n])), "")
        if following and following not in GOVERNED and tokenizer.coarse(tokenizer.lookup(following)) == NOUN:
            return word, following
    return word, ""


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of the content of every quotation of 1 to 20 characters without a sentence."""
    return sorted(m.span(1) for pattern in _QUOTE_PATTERNS for m in pattern.finditer(text))


def find_formulations(chunk: Chunk, tokenizer: Tokenizer | None = None,
                      lexicon: SloganLexicon | None = None) -> pd.DataFrame:
    """Return one row per occurrence of a numbered formulation, a quoted expression or a title:
    doc, term, kind, whether it is quoted, offsets, an expansion given next to it, and where it stands
    (the chunk read as a whole run: see ``resolve_formulations``)."""
    forms = lexicon_forms(load_slogans() if lexicon is None else lexicon)
    return resolve_formulations(find_candidates(chunk, tokenizer), forms)


def find_candidates(chunk: Chunk, tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """The rows of ``find_formulations`` before a document's numbered formulations are resolved: each
    with the longer formulation it may be (``longer``, its ``longer_end`` and ``longer_expansion``)."""
    tokenizer = get_tokenizer() if tokenizer is None else tokenizer
    text = chunk.text
    quotes = {start: text[start:end] for start, end in _quoted_spans(text)}
    hits: list[tuple[str, str, bool, int, int, str]] = []
    numbered_starts = set()
    covered = 0  # the end of the last formulation found: a numeral inside it (一降 of 三去一降一补) starts none
    for m in _NUMERAL.finditer(text):
        i = m.start()
        if i < covered:
            continue
        quoted = quotes.get(i)
        found = numbered_at(text, i, tokenizer, quoted=quoted)
        if found:
            term, longer = found
            hits.append((term, "numbered", quoted == term, i, i + len(term), longer))
            numbered_starts.add(i)
            covered = i + len(term)
    for start, content in quotes.items():
        if start not in numbered_starts and content.strip(SERIES_SEPARATORS + " "):
            hits.append((content, "quoted", True, start, start + len(content), ""))
    hits += [(m.group(1), "title", False, m.start(1), m.end(1), "") for m in _TITLE.finditer(text)]
    hits.sort(key=lambda h: (h[3], -h[4]))
    expansions = [expansion_at(text, s, e, term, tokenizer) if kind == "numbered" else ""
                  for term, kind, _, s, e, _ in hits]
    longer = [expansion_at(text, s, s + len(alt), alt, tokenizer) if alt else "" for _, _, _, s, _, alt in hits]
    return chunk.rows([h[3] for h in hits], [h[4] for h in hits], CANDIDATE_COLUMNS, term=[h[0] for h in hits],
                      kind=[h[1] for h in hits], quoted=[h[2] for h in hits], expansion=expansions,
                      longer=[h[5] for h in hits], longer_end=[chunk.offset + h[3] + len(h[5]) for h in hits],
                      longer_expansion=longer)


def resolve_formulations(candidates: pd.DataFrame, forms: set[str] | frozenset[str] = frozenset()) -> pd.DataFrame:
    """The rows of ``find_candidates`` of whole documents (all the chunks of each), each numbered
    formulation in one form across the run, so that a formulation is the same string in every document:
    the longer form (四项基本原则) wherever the text gives it, if the lexicon's ``forms`` list it or every
    occurrence of the shorter (四项基本) in the run is followed by the same noun, twice or more; the
    shorter otherwise. Decided over the run, not the chunk, so that a chunked run equals a whole one."""
    if candidates.empty:
        return candidates.reindex(columns=OCCURRENCE_COLUMNS)
    frame = candidates.copy()
    numbered = frame["kind"] == "numbered"
    groups = frame[numbered].groupby("term", sort=False)["longer"]
    always = groups.transform(lambda longer: len(longer) >= 2 and longer.iloc[0] != "" and (longer == longer.iloc[0]).all())
    listed = frame.loc[numbered, "longer"].map(lambda form: bool(form) and _normal(form) in forms)
    uses = always.astype(bool) | listed
    longer = frame.index.isin(uses[uses].index)
    frame.loc[longer, "term"] = frame.loc[longer, "longer"]
    frame.loc[longer, "end"] = frame.loc[longer, "longer_end"]
    frame.loc[longer, "expansion"] = frame.loc[longer, "longer_expansion"]
    return frame[OCCURRENCE_COLUMNS].reset_index(drop=True)


def numeral_value(term: str) -> int | None:
    """Return how many things a numbered formulation of shape 1 or 3 counts (四个意识: 4)."""
    return chinese_number(term[0]) if term and not any(c.fullmatch(term) for c in _COMPOUNDS) else None


def expansion_at(text: str, start: int, end: int, term: str, tokenizer: Tokenizer | None = None) -> str:
    """Return what the text gives next to a formulation as its expansion, or ""."""
    tokenizer = get_tokenizer() if tokenizer is None else tokenizer
    after = end + (1 if text[end:end + 1] in "”」’\"" else 0)
    bracket = _BRACKET.match(text[after:after + 90])
    if bracket and not bracket.group(1).startswith("简称"):
        return bracket.group(1)
    count = numeral_value(term)
    introduced = _INTRODUCED.match(text[after:after + 130])
    if introduced:
        if count:  # as many members as the numeral says, in a 、 list or a ， list
            for separator in ("、", "，"):
                members = introduced.group(1).split(separator)
                if len(members) >= count and all(members[:count]):
                    return separator.join(members[:count])
        else:  # a 、 list up to the clause's end
            clause = introduced.group(1).split("，")[0]
            if "、" in clause:
                return clause
    if count and count >= 2:  # its members counted off after it: 要做到四个坚持。一是坚持守望相助。二是…
        counted = _counted_off(text, after, count)
        if counted:
            return counted
    if count and count >= 2:  # a list right after it and a verb: 压实“四方责任”，落实属地责任、部门责任…
        listed = _LIST_AFTER.match(text[after:after + 130])
        if listed and tokenizer.coarse(tokenizer.lookup(listed.group(1)) or "x") == VERB:
            members = listed.group(2).split("、")
            if len(members) == count and _list_items(members, tokenizer) == members:
                return "、".join(members)
    before = start - (1 if start and text[start - 1] in "“「‘\"" else 0)
    ahead = text[max(0, before - 13 * (count or 0)):before]
    # what stands between the list and the formulation: 讲学习、讲政治、讲正气的“三讲”; …改革开放这两个基本点;
    # …必须坚持胸怀天下。这“六个必须坚持”
    ahead = re.sub("(?:的|等|[。；]?(?:这|这些))$", "", ahead)
    if count and count >= 2:
        items = re.search(r"((?:[\u4e00-\u9fff“”]{1,12}、){%d}[\u4e00-\u9fff“”]{1,12})$" % (count - 1), ahead)
        if items:
            listed = _list_items(items.group(1).split("、"), tokenizer)
            if listed:
                return "、".join(listed)
    return _abbreviated(text[max(0, start - 70):end + 2], term)


def _counted_off(text: str, after: int, count: int) -> str:
    """The members of a formulation of ``count`` that the sentences right after it count off (一是…。
    二是…。), each its first clause; ``""`` unless all are there, in order, the first within a few
    characters of the formulation's sentence end."""
    end = _SENTENCE_END.search(text, after, after + 12)
    members, at = [], end.end() if end else -1
    for k in range(1, count + 1):
        opening = re.compile(rf"\s*{_ORDINALS[k - 1]}是")
        found = opening.match(text, at) if k == 1 else opening.search(text, at, at + 800)
        if at < 0 or not found:
            return ""
        clause = re.match(r"[^。；，！？\n]{2,40}", text[found.end():])
        if not clause:
            return ""
        members.append(clause.group())
        at = found.end() + clause.end()
    return "、".join(members)


def _abbreviated(window: str, term: str) -> str:
    """The phrase of ``window`` that ``term`` is the 简称 of: the clause (2 to 60 characters without
    ，。；：！？) before （简称“TERM or ，简称TERM; the leftmost such clause, as long as it can be."""
    ends = []  # where each clause may end: before a bracket or comma followed by 简称 and the term
    at = window.find("简称")
    while at >= 0:
        after = at + 2 + (window[at + 2:at + 3] in ("“", "「"))
        if at and window[at - 1] in "（(，" and window.startswith(term, after):
            ends.append(at - 1)
        at = window.find("简称", at + 1)
    starts = {end: max(end - 60, max(window.rfind(c, 0, end) for c in "，。；：！？\n") + 1) for end in ends}
    starts = {end: start for end, start in starts.items() if end - start >= 2}
    if not starts:
        return ""
    first = min(starts.values())
    return window[first:max(end for end, start in starts.items() if start <= first and end - first >= 2)]


def _list_items(items: list[str], tokenizer: Tokenizer) -> list[str] | None:
    """Return the items of a list that names a formulation's members, or ``None`` if it is none.

    Where every item starts with the same word, it belongs to each (坚持四项基本原则、坚持改革开放). Else
    the first item may start with what governs the list (加强工业、燃煤、机动车…; 我们统筹国际、国内…):
    its leading words go while it is longer than the others or they are verbs, adverbs or function
    words. The other items name things: none starts with a verb (…两种资源、开拓国内国外 is not a list
    of 两个市场) and none holds a figure.
    """
    first, others = items[0], items[1:]
    if any(re.fullmatch(r"[一二三四五六七八九十]+|\d+", item) for item in items):
        return None  # a section's number (二、深刻理解“两个结合”), not a member
    heads = {tokenizer.tag(item)[0][0] for item in others if item}
    head = next(iter(heads)) if len(heads) == 1 else ""
    if len(head) >= 2 and head in first and not any(re.search(r"\d", item) for item in items):
        # every member starts with the same word, which belongs to each: (必须)坚持四项基本原则、坚持改革开放
        return None if _JOINED_LAST.search(items[-1]) else [first[first.index(head):], *others]
    longest = max(map(len, others))
    words = tokenizer.tag(first)
    while len(words) > 1 and tokenizer.coarse(words[0][1]) != PUNCT and (
            len("".join(w for w, _ in words)) > longest or tokenizer.coarse(words[0][1]) in (VERB, ADV, ADP, PRON,
                                                                                             PART, CCONJ)):
        words = words[1:]
    first = "".join(w for w, _ in words)
    for item in [first, *others]:
        tags = tokenizer.tag(item)
        if not tags or tokenizer.coarse(tags[0][1]) == VERB or _FIGURE_OR_NUMBERED.search(item):
            return None  # an action, not a member; or a figure or another numbered formulation (两个阶级)
    if _JOINED_LAST.search(items[-1]):
        return None  # …邓小平理论和“三个代表”: the formulation is the list's last member, not its expansion
    if "等" in items[-1]:
        return None  # …北京、上海、广东、陕西等省市公开“三公经费”: a list of other things
    return [first, *others]


def count_formulations(occurrences: pd.DataFrame, lexicon: SloganLexicon | None = None) -> pd.DataFrame:
    """Return one row per formulation: term, kind, count, whether the lexicon lists it, its expansion
    (the first one given), how often it is quoted, in how many documents, and where it first occurs.

    Sorted by kind (numbered, quoted, title), then count (most first), then term.
    """
    import pandas as pd

    lexicon = load_slogans() if lexicon is None else lexicon
    listed = lexicon_forms(lexicon)
    rows = []
    for (term, kind), group in occurrences.groupby(["term", "kind"], sort=False):
        expansions = [e for e in group["expansion"] if e]
        rows.append({"term": term, "kind": kind, "count": len(group), "in_lexicon": is_listed(term, listed),
                     "expansion": expansions[0] if expansions else "", "quoted": int(group["quoted"].sum()),
                     "documents": group["doc"].nunique(), "first_doc": group["doc"].iloc[0],
                     "first_start": int(group["start"].iloc[0])})
    frame = pd.DataFrame(rows, columns=FORMULATION_COLUMNS)
    frame["_kind"] = frame["kind"].map({k: i for i, k in enumerate(KINDS)})
    frame = frame.sort_values(["_kind", "count", "term"], ascending=[True, False, True], ignore_index=True)
    return frame.drop(columns="_kind")


def is_listed(term: str, forms: set[str]) -> bool:
    """Whether a lexicon lists ``term``: as a form, or as a part of one of two characters or more
    (两个市场 of 两个市场、两种资源, 扫黄 of 扫黄打非)."""
    term = _normal(term)
    return term in forms or (len(term) >= 2 and any(term in form for form in forms))


def lexicon_coverage(formulations: pd.DataFrame, *, min_documents: int = 1) -> pd.DataFrame:
    """Return, for numbered and quoted formulations found in at least ``min_documents`` documents, how
    many the lexicon lists: kind, formulations, listed, share, occurrences, listed_occurrences,
    share_of_occurrences (from a ``count_formulations`` table)."""
    import pandas as pd

    rows = []
    for kind in ("numbered", "quoted"):
        found = formulations[(formulations["kind"] == kind) & (formulations["documents"] >= min_documents)]
        listed = found[found["in_lexicon"].astype(bool)]
        rows.append({"kind": kind, "formulations": len(found), "listed": len(listed),
                     "share": round(len(listed) / len(found), 3) if len(found) else 0.0,
                     "occurrences": int(found["count"].sum()), "listed_occurrences": int(listed["count"].sum()),
                     "share_of_occurrences": round(listed["count"].sum() / found["count"].sum(), 3)
                     if len(found) else 0.0})
    return pd.DataFrame(rows)


def _normal(form: str) -> str:
    return re.sub(f"[{re.escape(SERIES_SEPARATORS)}]", "", form)


def lexicon_forms(lexicon: SloganLexicon) -> set[str]:
    """Return every form of a slogan lexicon, separators removed (as a match ignores them)."""
    return {_normal(form) for slogan in lexicon.slogans for form in slogan.forms}


def candidates(formulations: pd.DataFrame, *, kinds: tuple[str, ...] = ("numbered", "quoted"),
               min_count: int = 1) -> pd.DataFrame:
    """Return the formulations a lexicon does not list yet, worth a person's review: of ``kinds``,
    seen at least ``min_count`` times, most frequent first."""
    chosen = formulations[formulations["kind"].isin(kinds) & ~formulations["in_lexicon"]
                          & (formulations["count"] >= min_count)]
    return chosen.sort_values(["count", "term"], ascending=[False, True], ignore_index=True)




def _combine(run: RunParts, want: frozenset[str]) -> dict[str, pd.DataFrame]:
    matches = resolve_formulations(run.parts["formulation_matches"], lexicon_forms(run.lexicons.slogans))
    return {name: count_formulations(matches, run.lexicons.slogans) if name == "formulations" else matches
            for name in want}


register(Measure(
    name="formulations", position=70,
    summary="numbered formulations, quoted expressions and titles, found without a lexicon",
    tables=(Table("formulations", "numbered formulation, quoted expression or title with its count, whether the "
                                  "lexicon lists it, its expansion, how often quoted, in how many documents, where "
                                  "first", tuple(FORMULATION_COLUMNS), ("formulation_matches",)),
            Table("formulation_matches", "occurrence of a formulation, with its expansion, place and offsets",
                  tuple(OCCURRENCE_COLUMNS), ("formulation_matches",))),
    parts=("formulation_matches",),
    analyse=lambda work, want: {"formulation_matches": find_candidates(work.chunk, work.tokenizer)},
    combine=lambda run, want: _combine(run, want),
))
