"""The verb stage. Counts marked HAND were checked by reading the speech."""

from __future__ import annotations

from analysis.verbs import VERB_TAGS, count_modality, count_verbs, verb_tokens

# HAND: the speech's 14 most frequent action verbs (ties at 2 follow), each counted by reading.
TOP_VERBS = [
    ("加强", 10),  # 10 times, all verbs (加强防控知识宣传, 加强源头防控 ...)
    ("落实", 8),   # 8 times; 3 of them in 贯彻落实
    ("做好", 6),
    ("发生", 4),   # 湖北省武汉市发生的; 疫情发生后; 疫情发生，; 陆续发生
    ("增强", 4),
    ("强化", 4),
    ("部署", 4),   # 6 occurrences less the 2 inside the formula 决策部署
    ("作出", 3),   # 作出重要指示 ×2, 作出重要批示
    ("召开", 3),
    ("救治", 3),   # 6 occurrences less the 3 inside 集中救治
    ("深入", 3),
    ("贯彻", 3),   # the three 贯彻落实
    ("进行", 3),
    ("集中", 3),   # 集中患者、集中专家、集中资源 (集中救治 is its own term)
]


def test_top_verbs_hand_checked(tokens):
    verbs = count_verbs(tokens, top=14)
    assert list(zip(verbs["verb"], verbs["count"])) == TOP_VERBS


def test_fifteenth_verb_is_a_tie_at_two(tokens):
    verbs = count_verbs(tokens)
    assert verbs["count"].iloc[14] == 2
    # HAND: 提高 (提高思想认识; 提高疫情防控的科学性) and 完善 (完善应对方案; 完善诊疗方案).
    counts = dict(zip(verbs["verb"], verbs["count"]))
    assert counts["提高"] == 2 and counts["完善"] == 2


def test_verbs_without_action_and_modality_markers_are_not_action_verbs(tokens):
    verbs = set(count_verbs(tokens)["verb"])
    assert not verbs & {"是", "有", "能", "要", "不能", "决不能", "例"}
    # 要求 is tagged vn (the noun "requirement" in 按照……的要求) and 工作/防控 are vn: not counted.
    assert not verbs & {"要求", "工作", "防控"}
    assert set(verb_tokens(tokens)["pos"]) <= VERB_TAGS


def test_directive_modality_markers_hand_checked(tokens):
    counts = dict(zip(*count_modality(tokens)[["marker", "count"]].T.values))
    # HAND: 要 as a directive, 16 times (not in 重要, 主要, 要求, 要道).
    assert counts["要"] == 16
    assert counts["进一步"] == 4   # 进一步增强 ×2, 进一步增强责任感紧迫感, 进一步加强
    assert counts["坚决"] == 3     # 坚决把疫情防控工作; 坚决打赢; 坚决遏制
    assert counts["必须"] == 1     # 必须引起高度重视
    assert counts["切实"] == 1     # 切实用各级干部的辛苦指数
    assert counts["不能"] == 2 and counts["决不能"] == 1 and counts["不可"] == 2
    assert counts["严格"] == 2     # 严格隔离; 严格控制
    assert "务必" not in counts
