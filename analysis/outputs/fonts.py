"""Fonts: the one place that decides how Chinese is drawn.

The font comes from PyPI (``noto-cjk-sans-otc``, SIL Open Font License), never from the machine.
It ships a collection of ten faces whose first is Japanese; wordcloud (through Pillow) always takes
the first face of a collection, which would draw 令, 直, 关 ... with Japanese glyph shapes. So the
Simplified Chinese face is saved once as a single-face OpenType file, which wordcloud is given, and
as a TrueType copy, which matplotlib is given (see ``sc_truetype_path``). Both files are derived on
first use into the user's cache directory, never committed.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from analysis.settings import cache_dir

SC_FAMILY = "Noto Sans CJK SC"
# Latin, digits and the minus sign are in the SC face too; DejaVu Sans is matplotlib's own fallback.
FAMILIES = [SC_FAMILY, "DejaVu Sans"]


def collection_path() -> Path:
    """Return the path of the pip-installed Noto Sans CJK collection (.ttc)."""
    import noto_cjk_sans_otc

    return Path(str(noto_cjk_sans_otc.FONT_PATH))


@lru_cache(maxsize=1)
def sc_font_path() -> Path:
    """Return a single-face OpenType file of Noto Sans CJK SC, saving it from the collection on first use."""
    from fontTools.ttLib import TTCollection

    target = cache_dir() / f"NotoSansCJKsc-Regular-{version('noto-cjk-sans-otc')}.otf"
    if _intact(target):
        return target
    collection = TTCollection(str(collection_path()))
    faces = [f for f in collection.fonts if f["name"].getDebugName(1) == SC_FAMILY]
    if not faces:
        raise RuntimeError(f"{collection_path()}: no {SC_FAMILY} face in the collection")
    import io

    buffer = io.BytesIO()
    faces[0].recalcTimestamp = False  # the same bytes on every machine
    faces[0].save(buffer)
    return _save(target, buffer.getvalue())


# What matplotlib gets, in TrueType outlines: Latin and its punctuation, general punctuation, symbols,
# CJK punctuation, CJK Unified Ideographs with Extension A, full-width forms.
TRUETYPE_RANGES = [(0x20, 0x24F), (0x2000, 0x206F), (0x2100, 0x22FF), (0x2460, 0x25FF),
                   (0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF)]


@lru_cache(maxsize=1)
def sc_truetype_path() -> Path:
    """Return the SC face with TrueType (quadratic) outlines, made from the OpenType file on first use.

    Noto Sans CJK has PostScript (CFF) outlines. matplotlib embeds a font in a PDF either as Type 3
    (CJK characters become drawings, so the PDF text cannot be searched or copied) or as Type 42,
    which must be TrueType: CFF data there is rejected by strict PDF readers. So matplotlib is given
    this TrueType copy of the characters a Chinese speech uses (about 28,000 glyphs; converting them
    takes half a minute once, then the file is reused).
    """
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont

    target = cache_dir() / f"NotoSansCJKsc-Regular-{version('noto-cjk-sans-otc')}-truetype.ttf"
    if _intact(target):
        return target
    source = TTFont(str(sc_font_path()))
    cmap = {u: g for u, g in source.getBestCmap().items() if any(a <= u <= b for a, b in TRUETYPE_RANGES)}
    order = [".notdef", *sorted(set(cmap.values()) - {".notdef"}, key=source.getGlyphID)]
    glyph_set = source.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        # cubic -> quadratic curves within 1 unit of 1000 per em; TrueType winds contours the other way
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    names = source["name"]
    builder = FontBuilder(source["head"].unitsPerEm, isTTF=True)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap(cmap)
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({n: source["hmtx"][n] for n in order})
    hhea = source["hhea"]
    builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent, lineGap=hhea.lineGap)
    builder.setupNameTable({
        "copyright": names.getDebugName(0), "familyName": SC_FAMILY, "styleName": "Regular",
        "uniqueFontIdentifier": f"{SC_FAMILY} Regular TrueType", "fullName": f"{SC_FAMILY} Regular",
        "psName": "NotoSansCJKsc-Regular", "version": names.getDebugName(5),
        "licenseDescription": names.getDebugName(13), "licenseInfoURL": names.getDebugName(14),
    })
    os2 = source["OS/2"]
    builder.setupOS2(
        sTypoAscender=os2.sTypoAscender, sTypoDescender=os2.sTypoDescender, sTypoLineGap=os2.sTypoLineGap,
        usWinAscent=os2.usWinAscent, usWinDescent=os2.usWinDescent, fsType=os2.fsType,
        usWeightClass=os2.usWeightClass, sxHeight=os2.sxHeight, sCapHeight=os2.sCapHeight,
        ulUnicodeRange1=os2.ulUnicodeRange1, ulUnicodeRange2=os2.ulUnicodeRange2,
        ulCodePageRange1=os2.ulCodePageRange1,
    )
    builder.setupPost()
    builder.font["head"].created = builder.font["head"].modified = source["head"].created
    builder.font.recalcTimestamp = False  # the same bytes on every machine
    import io

    buffer = io.BytesIO()
    builder.save(buffer)
    return _save(target, buffer.getvalue())


def _save(target: Path, data: bytes) -> Path:
    """Write a derived font and, beside it, the SHA-256 that ``_intact`` checks it against."""
    import hashlib

    from analysis.outputs.export import write_atomic

    write_atomic(target, data)
    write_atomic(target.with_name(target.name + ".sha256"), hashlib.sha256(data).hexdigest() + "\n")
    return target


def _loads(data: bytes) -> bool:
    """Whether fontTools reads every table of a font's bytes."""
    import io

    from fontTools.ttLib import TTFont

    try:
        font = TTFont(io.BytesIO(data))
        for tag in font.keys():
            font[tag]
        return True
    except Exception:  # noqa: BLE001 - a damaged font fails in many ways
        return False


def _intact(target: Path) -> bool:
    """Whether a derived font in the cache is there and whole (its bytes match the SHA-256 saved with
    it); a damaged one is made again, with a warning."""
    import hashlib
    import warnings

    if not target.is_file():
        return False
    stamp = target.with_name(target.name + ".sha256")
    data = target.read_bytes()
    if not stamp.is_file() and _loads(data):  # made by an earlier version, which kept no checksum
        _save(target, data)
        return True
    try:
        if stamp.read_text(encoding="utf-8").strip() == hashlib.sha256(data).hexdigest():
            return True
    except OSError:
        pass
    warnings.warn(f"{target}: the cached font is damaged or incomplete; making it again (about 40 s)", stacklevel=3)
    return False


def use_chinese_font() -> Path:
    """Make the SC face matplotlib's default family (registered once); return its file.

    Called by every plot function, so that a chart is right even after rcParams were reset. Text is
    drawn as it is written: a ``$`` in a title (US$5亿…US$3亿) is a dollar sign, not TeX mathematics.
    """
    import matplotlib as mpl

    path = _register_with_matplotlib()
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["font.sans-serif"] = FAMILIES
    mpl.rcParams["axes.unicode_minus"] = True
    mpl.rcParams["pdf.fonttype"] = 42  # TrueType in the PDF: its text stays text
    mpl.rcParams["text.parse_math"] = False
    return path


@lru_cache(maxsize=1)
def _register_with_matplotlib() -> Path:
    from matplotlib import font_manager

    path = sc_truetype_path()
    font_manager.fontManager.addfont(str(path))
    return path


@lru_cache(maxsize=1)
def _drawable_codes() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(str(sc_truetype_path()), lazy=True).getBestCmap())


def drawable(text: str) -> str:
    """Return ``text`` with the characters the chart font has no glyph for (a Latin letter with an
    ogonek in a file name, say) as ``?``, so a chart never draws an empty box for them."""
    codes = _drawable_codes()
    return "".join(c if c.isspace() or ord(c) in codes else "?" for c in text)
