"""Cleaning: the footer goes, ASCII punctuation in Chinese becomes full width, whitespace is normalised."""

from __future__ import annotations

import re

import pytest

from analysis.text.cleaning import clean_text
from tests.expected import FOOTER_LINES


def test_footer_is_removed_and_recorded(speech):
    # HAND: the last three lines of the file are the site's copyright, complaint address and ICP record.
    assert len(speech.removed) == FOOTER_LINES
    assert speech.removed[0].startswith("Copyright")
    assert "640661@qq.com" in speech.removed[1]
    assert "ICP备" in speech.removed[2]
    for marker in ("Copyright", "wanshu", "ICP", "qq.com", "版权所有", "投诉"):
        assert marker not in speech.text
    assert speech.text.endswith("增强群众自我防病意识和社会信心。")


def test_ascii_punctuation_in_chinese_is_full_width(speech):
    assert not re.search(r"[\u4e00-\u9fff][,:;!?]|[,:;!?][\u4e00-\u9fff]", speech.text)
    assert speech.salutation == "同志们："
    assert "时间不等人！疫情不等人！" in speech.text
    assert "1月25日，中共中央" in speech.text


@pytest.mark.parametrize("raw, cleaned", [
    ("数字3,000不变", "数字3,000不变"),            # a thousands separator between digits stays
    ("会议在10:30开始,请准时", "会议在10:30开始，请准时"),
    ("同志们:\r\n大家好!", "同志们：\n大家好！"),   # CRLF and ASCII marks
    ("  　第一段  \n\n\n第 二 段", "第一段\n第二段"),  # indentation, blank lines, spaces between CJK
    ("use English words, as is", "use English words, as is"),
])
def test_clean_text_cases(raw, cleaned):
    assert clean_text(raw)[0] == cleaned
