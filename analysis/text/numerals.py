"""Chinese numerals: the one place that reads them, for dates (二〇一九年一月二十六日), section numbers
(二十三、) and numbered formulations (四个意识, 两个维护)."""

from __future__ import annotations

DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
NUMERAL_CHARACTERS = "〇零一二两三四五六七八九十"


def chinese_number(text: str) -> int | None:
    """Read a number written in digits (2019) or in Chinese numerals up to 九十九 (一, 十, 十二, 二十,
    二十六, 两) or digit by digit (二〇一九); ``None`` for anything else."""
    if text.isascii() and text.isdigit():
        return int(text)
    if not text or any(c not in DIGITS and c != "十" for c in text):
        return None
    if "十" in text:  # 十, 十二, 二十, 二十六
        tens, _, units = text.partition("十")
        if len(tens) > 1 or len(units) > 1 or "十" in units:
            return None
        return DIGITS.get(tens, 1) * 10 + DIGITS.get(units, 0)
    return int("".join(str(DIGITS[c]) for c in text))
