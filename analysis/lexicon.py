"""Data files: load and validate the project's lexicons (or a user's own).

Every loader names the file and the line of any mistake (``InputError``), so that a researcher who
extends a lexicon sees at once what to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from analysis.errors import InputError

DATA_DIR = Path(__file__).resolve().parent / "data"
USERDICT = DATA_DIR / "userdict.txt"
STOPWORDS = DATA_DIR / "stopwords.txt"
SLOGANS = DATA_DIR / "slogans.yaml"
MODALITY = DATA_DIR / "modality.yaml"
NONACTION_VERBS = DATA_DIR / "nonaction_verbs.txt"
GLOSSARY = DATA_DIR / "glossary.yaml"

# Punctuation that may separate the members of a series slogan (早发现、早报告 ...).
SERIES_SEPARATORS = "，、,；;：:"
_USERDICT_LINE = re.compile(r"^(?P<word>\S+)(?: (?P<freq>\d+))?(?: (?P<tag>[a-z]+))?$")
_LINE_KEY = "__line__"


@dataclass(frozen=True)
class UserWord:
    word: str
    freq: int | None
    tag: str
    line: int


@dataclass(frozen=True)
class Slogan:
    term: str
    category: str
    variants: tuple[str, ...]
    gloss: str
    note: str

    @property
    def forms(self) -> tuple[str, ...]:
        """The canonical form and its variants."""
        return (self.term, *self.variants)


@dataclass(frozen=True)
class Marker:
    word: str
    cls: str
    gloss: str


class _LineLoader(yaml.SafeLoader):
    """A SafeLoader that records each mapping's line number under ``__line__``."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        mapping = super().construct_mapping(node, deep=deep)
        mapping[_LINE_KEY] = node.start_mark.line + 1
        return mapping


def _read(path: Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None


def read_yaml(path: Path) -> dict:
    """Parse a YAML data file into a dict (mappings carry their line under ``__line__``)."""
    try:
        data = yaml.load(_read(path), Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise InputError(path, f"bad YAML: {exc.problem}", line=line) from None
    except yaml.YAMLError as exc:
        raise InputError(path, f"bad YAML: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(path, "expected a YAML mapping at the top level")
    return data


def load_wordlist(path: Path) -> list[str]:
    """Return the words of a one-word-a-line list (``#`` comments and blank lines skipped)."""
    words: list[str] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(_read(path).splitlines(), 1):
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if " " in word or "\t" in word:
            raise InputError(path, f"one word a line, found {word!r}", line=n)
        if word in seen:
            raise InputError(path, f"duplicate word {word!r} (first on line {seen[word]})", line=n)
        seen[word] = n
        words.append(word)
    return words


def word_set(path: Path) -> frozenset[str]:
    """Return the words of a one-word-a-line list as a set, read once per file."""
    return _word_set(Path(path).resolve())


@lru_cache(maxsize=8)
def _word_set(path: Path) -> frozenset[str]:
    return frozenset(load_wordlist(path))


def load_userdict(path: Path = USERDICT) -> list[UserWord]:
    """Return the entries of a jieba user dictionary (``word [freq] tag``), each with its tag."""
    entries: list[UserWord] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(_read(path).splitlines(), 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        m = _USERDICT_LINE.match(text)
        if not m:
            raise InputError(path, f"expected 'word [freq] tag', found {text!r}", line=n)
        if not m["tag"]:
            raise InputError(path, f"{m['word']!r} has no part-of-speech tag (jieba would tag it x)", line=n)
        if re.search(r"[^\w]", m["word"]):
            raise InputError(path, f"{m['word']!r} holds punctuation, which a jieba word cannot", line=n)
        if m["word"] in seen:
            raise InputError(path, f"duplicate word {m['word']!r} (first on line {seen[m['word']]})", line=n)
        seen[m["word"]] = n
        entries.append(UserWord(m["word"], int(m["freq"]) if m["freq"] else None, m["tag"], n))
    return entries


def _fields(path: Path, entry, required: tuple[str, ...], what: str) -> dict:
    if not isinstance(entry, dict):
        raise InputError(path, f"each {what} must be a mapping, found {entry!r}")
    line = entry.get(_LINE_KEY)
    for name in required:
        value = entry.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise InputError(path, f"{what} is missing the field {name!r}", line=line)
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise InputError(path, f"{what}: the field {name!r} must be text, found {value!r}", line=line)
    return entry


def _check_form(path: Path, form, line: int) -> str:
    """A form that cleaning could never produce cannot match: reject it at load."""
    if not isinstance(form, str):
        raise InputError(path, f"form {form!r} is not a string", line=line)
    if not form.strip(SERIES_SEPARATORS + " "):
        raise InputError(path, f"form {form!r} has no characters to match", line=line)
    if re.search(r"\s", form):
        raise InputError(path, f"form {form!r} holds whitespace, which cleaning removes: it cannot match", line=line)
    return form


def load_slogans(path: Path = SLOGANS) -> tuple[dict[str, dict], list[Slogan]]:
    """Return the categories (key -> {zh, en}) and the slogans of a slogan lexicon."""
    data = read_yaml(path)
    categories = data.get("categories")
    if not isinstance(categories, dict) or not categories:
        raise InputError(path, "needs a 'categories' mapping")
    cats = {}
    for key, value in categories.items():
        if key == _LINE_KEY:
            continue
        _fields(path, value, ("zh", "en"), f"category {key!r}")
        cats[key] = {"zh": value["zh"], "en": value["en"]}
    entries = data.get("slogans")
    if not isinstance(entries, list) or not entries:
        raise InputError(path, "needs a non-empty 'slogans' list")
    slogans: list[Slogan] = []
    seen: dict[str, tuple[str, int]] = {}
    for entry in entries:
        e = _fields(path, entry, ("term", "category", "gloss", "note"), "slogan")
        line = e[_LINE_KEY]
        if e["category"] not in cats:
            raise InputError(path, f"{e['term']!r}: unknown category {e['category']!r}", line=line)
        variants = e.get("variants") or []
        if not isinstance(variants, list):
            raise InputError(path, f"{e['term']!r}: variants must be a list", line=line)
        for form in (e["term"], *variants):
            _check_form(path, form, line)
            if form in seen:
                first_term, first_line = seen[form]
                kind = "duplicate term" if form == e["term"] and first_term == form else "form listed twice"
                raise InputError(path, f"{kind} {form!r} (first on line {first_line})", line=line)
            seen[form] = (e["term"], line)
        slogans.append(Slogan(e["term"], e["category"], tuple(variants), str(e["gloss"]), str(e["note"])))
    return cats, slogans


def load_modality(path: Path = MODALITY) -> list[Marker]:
    """Return the directive modality markers: word, class and gloss."""
    data = read_yaml(path)
    entries = data.get("markers")
    if not isinstance(entries, list) or not entries:
        raise InputError(path, "needs a non-empty 'markers' list")
    markers: list[Marker] = []
    seen: dict[str, int] = {}
    for entry in entries:
        e = _fields(path, entry, ("word", "class", "gloss"), "marker")
        if e["word"] in seen:
            raise InputError(path, f"duplicate marker {e['word']!r} (first on line {seen[e['word']]})",
                             line=e[_LINE_KEY])
        seen[e["word"]] = e[_LINE_KEY]
        markers.append(Marker(str(e["word"]), str(e["class"]), str(e["gloss"])))
    return markers


def load_glossary(path: Path = GLOSSARY) -> dict[str, str]:
    """Return the English glosses of verbs: word -> gloss."""
    verbs = read_yaml(path).get("verbs")
    if not isinstance(verbs, dict):
        raise InputError(path, "needs a 'verbs' mapping of word: gloss")
    verbs.pop(_LINE_KEY, None)
    for word, gloss in verbs.items():
        if not isinstance(gloss, str) or not gloss.strip():
            raise InputError(path, f"{word!r} has no gloss")
    return dict(verbs)
