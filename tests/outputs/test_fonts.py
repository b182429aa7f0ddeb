"""Fonts: the Simplified Chinese face, from a pip package, for matplotlib and wordcloud alike."""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
import numpy as np
from fontTools.ttLib import TTCollection, TTFont
from matplotlib import font_manager
from PIL import Image, ImageDraw, ImageFont

from analysis.outputs.fonts import SC_FAMILY, collection_path, sc_font_path, sc_truetype_path, use_chinese_font

import pytest

pytestmark = pytest.mark.draws


def test_the_collection_comes_from_pip_and_its_first_face_is_japanese():
    assert "site-packages" in str(collection_path()) or "dist-packages" in str(collection_path())
    faces = [f["name"].getDebugName(1) for f in TTCollection(str(collection_path()), lazy=True).fonts]
    assert faces[0] == "Noto Sans CJK JP"  # what wordcloud would take from the collection
    assert SC_FAMILY in faces


def test_wordcloud_gets_a_single_face_simplified_chinese_file():
    path = sc_font_path()
    assert path.suffix == ".otf"
    assert TTFont(str(path))["name"].getDebugName(1) == SC_FAMILY
    assert ImageFont.truetype(str(path), 40).getname() == (SC_FAMILY, "Regular")  # Pillow's face 0


def _draw(font: ImageFont.FreeTypeFont, char: str) -> np.ndarray:
    image = Image.new("L", (120, 120), 0)
    ImageDraw.Draw(image).text((10, 0), char, font=font, fill=255)
    return np.asarray(image) > 127


def test_sc_glyph_shapes_differ_from_the_japanese_face():
    # 令 and 直 are drawn differently in Japanese and Simplified Chinese; the file given to wordcloud
    # must draw them like the SC face of the collection, not like face 0.
    sc_file = ImageFont.truetype(str(sc_font_path()), 100)
    jp_face = ImageFont.truetype(str(collection_path()), 100, index=0)
    sc_index = [f["name"].getDebugName(1) for f in TTCollection(str(collection_path()), lazy=True).fonts].index(SC_FAMILY)
    sc_face = ImageFont.truetype(str(collection_path()), 100, index=sc_index)
    for char in "令直":
        assert (_draw(sc_file, char) == _draw(sc_face, char)).all()
        assert (_draw(sc_file, char) != _draw(jp_face, char)).sum() > 50


def test_matplotlib_uses_the_sc_face_in_truetype_outlines(speech):
    use_chinese_font()
    found = font_manager.findfont(font_manager.FontProperties(family=mpl.rcParams["font.family"]))
    assert Path(found).resolve() == sc_truetype_path().resolve()  # the session links the derived file
    font = TTFont(found)
    assert font["name"].getDebugName(1) == SC_FAMILY
    assert "glyf" in font and "CFF " not in font  # TrueType: embeddable as text in PDF (Type 42)
    cmap = font.getBestCmap()
    needed = set(speech.text) - {"\n"} | set("0123456789−-.,%")
    assert {c for c in needed if ord(c) not in cmap} == set()


def test_a_missing_glyph_is_an_error_in_the_test_suite(tmp_path):
    # pyproject's filterwarnings turns the missing-glyph warning into an error: this proves it catches tofu.
    import matplotlib.pyplot as plt
    import pytest

    fig, ax = plt.subplots()
    ax.set_title("疫情", family="DejaVu Sans")
    with pytest.raises(UserWarning, match="missing from font"):
        fig.savefig(tmp_path / "tofu.png")
    plt.close(fig)
