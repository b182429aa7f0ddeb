"""Data files: lexicons (slogans, modality markers, word lists, user dictionary, glossary, web
boilerplate, verb grammar) loaded into objects that carry the SHA-256 of their bytes.

Every loader names the file and the line of any mistake (``InputError``), so that a researcher who
extends a lexicon sees at once what to fix. A loaded lexicon is reused until its file changes (the
cache keys on path, size and modification time). The content hash is what a result cache keys on:
two runs with the same hashes give the same results.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path

import yaml

from analysis.errors import InputError
from analysis.settings import data_file

USERDICT = data_file("userdict.txt")
STOPWORDS = data_file("stopwords.txt")
SLOGANS = data_file("slogans.yaml")
MODALITY = data_file("modality.yaml")
NONACTION_VERBS = data_file("nonaction_verbs.txt")
GLOSSARY = data_file("glossary.yaml")
BOILERPLATE = data_file("boilerplate.yaml")
VERB_GRAMMAR = data_file("verb_grammar.yaml")
GRAMMAR_KEYS = ("lexicalised", "manner", "complements")

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
class Category:
    key: str
    zh: str
    en: str


@dataclass(frozen=True)
class Marker:
    word: str
    cls: str
    gloss: str


@dataclass(frozen=True, eq=False)
class Lexicon:
    """A loaded data file: where it came from and the SHA-256 of its bytes.

    Two lexicons of one kind are equal when their bytes are (whatever their paths), so functions can
    cache on them, also on a copy sent to another process.
    """

    path: Path
    sha256: str

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.sha256 == self.sha256

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.sha256))


@dataclass(frozen=True, eq=False)
class WordList(Lexicon):
    """A one-word-a-line list (stopwords, non-action verbs)."""

    words: frozenset[str] = frozenset()

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)

    def __len__(self) -> int:
        return len(self.words)


@dataclass(frozen=True, eq=False)
class UserDictionary(Lexicon):
    """A tokenizer user dictionary: words with an optional frequency and a tag."""

    entries: tuple[UserWord, ...] = ()


@dataclass(frozen=True, eq=False)
class SloganLexicon(Lexicon):
    """Formulations (提法) with their category, variants, gloss and note; categories in file order."""

    categories: tuple[Category, ...] = ()
    slogans: tuple[Slogan, ...] = ()

    def category(self, key: str) -> Category:
        return next(c for c in self.categories if c.key == key)


@dataclass(frozen=True, eq=False)
class MarkerLexicon(Lexicon):
    """Directive modality markers: word, class (obligation, intensity, prohibition) and gloss."""

    markers: tuple[Marker, ...] = ()

    @property
    def words(self) -> frozenset[str]:
        return frozenset(m.word for m in self.markers)

    def get(self, word: str) -> Marker | None:
        return next((m for m in self.markers if m.word == word), None)


@dataclass(frozen=True, eq=False)
class Glossary(Lexicon):
    """English glosses of words (verbs): word -> gloss."""

    glosses: dict[str, str] = field(default_factory=dict)

    def get(self, word: str, default: str | None = None) -> str | None:
        return self.glosses.get(word, default)


@dataclass(frozen=True, eq=False)
class Boilerplate(Lexicon):
    """Web boilerplate that cleaning removes: where a footer starts (searched only in the last
    ``footer_max_chars`` characters of a document), and whole lines of page chrome."""

    footers: tuple[re.Pattern, ...] = ()
    lines: tuple[re.Pattern, ...] = ()
    footer_max_chars: int = 1000
    closing: frozenset[str] = frozenset()  # a corpus's template lines (``cleaning.closing_templates``)


def with_closing(boilerplate: Boilerplate, lines: frozenset[str]) -> Boilerplate:
    """The boilerplate with the template lines found to close a corpus's documents."""
    if not lines:
        return boilerplate
    digest = hashlib.sha256("\n".join(sorted(lines)).encode("utf-8")).hexdigest()
    return Boilerplate(boilerplate.path, _combined(boilerplate.sha256, digest), boilerplate.footers, boilerplate.lines,
                       boilerplate.footer_max_chars, lines)


@dataclass(frozen=True, eq=False)
class VerbGrammar(Lexicon):
    """The reviewed word lists of ``verb_grammar.yaml`` (see its header): lexicalised words, manner
    words and verbs taking verbal complements, which the compound splitter reads."""

    lexicalised: frozenset[str] = frozenset()
    manner: frozenset[str] = frozenset()
    complements: frozenset[str] = frozenset()


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A SafeLoader (libyaml's parser where PyYAML has it: ten times faster) that records each
    mapping's line number under ``__line__``."""

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


def _read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a data file") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 (byte {exc.start})") from None


def read_text_file(path: Path) -> str:
    """Return a UTF-8 data file's text, or raise ``InputError`` naming it."""
    return _decode(path, _read_bytes(path))


def read_yaml(path: Path) -> dict:
    """Parse a YAML data file into a dict (mappings carry their line under ``__line__``)."""
    return _parse_yaml(path, read_text_file(path))


MAX_YAML_DEPTH = 50  # the package's data nest 4 deep; PyYAML's C parser crashes at some 100,000
_BRACKET = re.compile(r"[\[\]{}]")
_DASHES = re.compile(r"(?:-[ \t]+)+")


def yaml_depth(text: str) -> tuple[int, int]:
    """Return how deep a YAML text nests, at most (blocks by indentation, a ``- - item`` as two, and
    brackets), and the line where it is deepest: a bound found without parsing, which recurses."""
    deepest, where, flow, indents = 0, 0, 0, []
    for n, line in enumerate(text.splitlines(), 1):
        body = line.lstrip(" ")
        block = len(indents)
        if body and not body.startswith("#") and flow == 0:
            indent = len(line) - len(body)
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
            dashes = _DASHES.match(body)
            block = len(indents) + (dashes[0].count("-") if dashes else 0)
        for bracket in _BRACKET.finditer(line):
            flow = flow + 1 if bracket[0] in "[{" else max(flow - 1, 0)
            if block + flow > deepest:
                deepest, where = block + flow, n
        if block > deepest:
            deepest, where = block, n
    return deepest, where


def _parse_yaml(path: Path, text: str) -> dict:
    depth, line = yaml_depth(text)
    if depth > MAX_YAML_DEPTH:
        raise InputError(path, f"YAML nested {depth} deep: at most {MAX_YAML_DEPTH}", line=line)
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise InputError(path, f"bad YAML: {exc.problem}", line=line) from None
    except yaml.YAMLError as exc:
        raise InputError(path, f"bad YAML: {exc}") from None
    except (ValueError, TypeError) as exc:  # a value PyYAML cannot build: date: 2019-02-30, a list as a key
        raise InputError(path, f"bad YAML value: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(path, "expected a YAML mapping at the top level")
    return data


def parse_wordlist(path: Path, text: str) -> list[str]:
    """Return the words of a one-word-a-line list (``#`` comments and blank lines skipped)."""
    words: list[str] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(text.splitlines(), 1):
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


def parse_userdict(path: Path, text: str) -> list[UserWord]:
    """Return the entries of a user dictionary (``word [freq] tag``), each with its tag."""
    entries: list[UserWord] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(text.splitlines(), 1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        m = _USERDICT_LINE.match(entry)
        if not m:
            raise InputError(path, f"expected 'word [freq] tag', found {entry!r}", line=n)
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
    if re.search(r"[\x00-\x1f\x7f\u200b-\u200d\u2060\ufeff]", form):
        raise InputError(path, f"form {form!r} holds a control or zero-width character, which cleaning removes: "
                               "it cannot match", line=line)
    if re.search(r"[!?]", form):
        raise InputError(path, f"form {form!r} holds ASCII ! or ?, which cleaning makes full width next to "
                               "Chinese: write ！ or ？", line=line)
    if re.search(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]", form):
        raise InputError(path, f"form {form!r} holds full-width digits or letters, which cleaning makes ASCII: "
                               "write them in ASCII", line=line)
    return form


def _folded(form: str) -> str:
    """A form as it matches: any series separator, or none, between its parts."""
    return re.sub(f"[{re.escape(SERIES_SEPARATORS)}]", "", form)


def parse_slogans(path: Path, text: str) -> tuple[tuple[Category, ...], tuple[Slogan, ...]]:
    """Return the categories and the slogans of a slogan lexicon's text."""
    data = _parse_yaml(path, text)
    categories = data.get("categories")
    if not isinstance(categories, dict) or not categories:
        raise InputError(path, "needs a 'categories' mapping")
    cats: list[Category] = []
    for key, value in categories.items():
        if key == _LINE_KEY:
            continue
        _fields(path, value, ("zh", "en"), f"category {key!r}")
        cats.append(Category(str(key), str(value["zh"]), str(value["en"])))
    keys = {c.key for c in cats}
    entries = data.get("slogans")
    if not isinstance(entries, list) or not entries:
        raise InputError(path, "needs a non-empty 'slogans' list")
    slogans: list[Slogan] = []
    seen: dict[str, tuple[str, int, str]] = {}
    for entry in entries:
        e = _fields(path, entry, ("term", "category", "gloss", "note"), "slogan")
        line = e[_LINE_KEY]
        if e["category"] not in keys:
            raise InputError(path, f"{e['term']!r}: unknown category {e['category']!r}", line=line)
        variants = e.get("variants") or []
        if not isinstance(variants, list):
            raise InputError(path, f"{e['term']!r}: variants must be a list", line=line)
        for form in (e["term"], *variants):
            _check_form(path, form, line)
            key = _folded(form)
            if key in seen:
                first_term, first_line, first_form = seen[key]
                kind = "duplicate term" if form == e["term"] and first_term == form else "form listed twice"
                same = "" if first_form == form else f" (the same as {first_form!r} once punctuation is folded)"
                raise InputError(path, f"{kind} {form!r}{same} (first on line {first_line})", line=line)
            seen[key] = (e["term"], line, form)
        slogans.append(Slogan(str(e["term"]), str(e["category"]), tuple(variants), str(e["gloss"]), str(e["note"])))
    return tuple(cats), tuple(slogans)


def parse_modality(path: Path, text: str) -> tuple[Marker, ...]:
    """Return the directive modality markers of a marker lexicon's text: word, class and gloss."""
    entries = _parse_yaml(path, text).get("markers")
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
    return tuple(markers)


def parse_glossary(path: Path, text: str) -> dict[str, str]:
    """Return the English glosses of a glossary's text: word -> gloss."""
    verbs = _parse_yaml(path, text).get("verbs")
    if not isinstance(verbs, dict):
        raise InputError(path, "needs a 'verbs' mapping of word: gloss")
    verbs.pop(_LINE_KEY, None)
    for word, gloss in verbs.items():
        if not isinstance(gloss, str) or not gloss.strip():
            raise InputError(path, f"{word!r} has no gloss")
    return {str(k): v for k, v in verbs.items()}


def parse_grammar(path: Path, text: str) -> dict[str, frozenset[str]]:
    """Return the word lists of a verb grammar's text, by key (each a list of words)."""
    data = _parse_yaml(path, text)
    lists = {}
    for key in GRAMMAR_KEYS:
        words = data.get(key)
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() and not re.search(r"\s", w)
                                                  for w in words):
            raise InputError(path, f"'{key}' must be a list of words (no spaces)")
        lists[key] = frozenset(words)
    return lists


def parse_boilerplate(path: Path, text: str) -> tuple[tuple[re.Pattern, ...], tuple[re.Pattern, ...], int]:
    """Return the footer patterns, the whole-line patterns and the largest footer size of a boilerplate file."""
    data = _parse_yaml(path, text)
    compiled = {}
    for key in ("footers", "lines"):
        entries = data.get(key) or []
        if not isinstance(entries, list):
            raise InputError(path, f"'{key}' must be a list of regular expressions")
        compiled[key] = []
        for i, pattern in enumerate(entries, 1):
            try:
                compiled[key].append(re.compile(pattern, re.MULTILINE))
            except (re.error, TypeError) as exc:
                raise InputError(path, f"{key} pattern {i} ({pattern!r}) is not a regular expression: {exc}") from None
    limit = data.get("footer_max_chars", 1000)
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise InputError(path, f"footer_max_chars must be a positive whole number, found {limit!r}")
    return tuple(compiled["footers"]), tuple(compiled["lines"]), limit


def _load(kind: type, path: Path | str | None, default: Path) -> Lexicon:
    path = Path(default if path is None else path).resolve()
    try:
        stat = path.stat()
        version = (stat.st_size, stat.st_mtime_ns)
    except OSError:
        version = None  # _cached reports the problem with the file's name
    return _cached(kind, path, version)


@lru_cache(maxsize=32)
def _cached(kind: type, path: Path, version) -> Lexicon:
    data = _read_bytes(path)
    sha256 = hashlib.sha256(data).hexdigest()
    text = _decode(path, data)
    if kind is WordList:
        return WordList(path, sha256, frozenset(parse_wordlist(path, text)))
    if kind is UserDictionary:
        return UserDictionary(path, sha256, tuple(parse_userdict(path, text)))
    if kind is SloganLexicon:
        categories, slogans = parse_slogans(path, text)
        return SloganLexicon(path, sha256, categories, slogans)
    if kind is MarkerLexicon:
        return MarkerLexicon(path, sha256, parse_modality(path, text))
    if kind is Glossary:
        return Glossary(path, sha256, parse_glossary(path, text))
    if kind is Boilerplate:
        return Boilerplate(path, sha256, *parse_boilerplate(path, text))
    if kind is VerbGrammar:
        return VerbGrammar(path, sha256, **parse_grammar(path, text))
    raise TypeError(f"not a lexicon type: {kind!r}")


def load_slogans(path: Path | str | None = None) -> SloganLexicon:
    """Load a slogan lexicon (the bundled ``slogans.yaml`` by default)."""
    return _load(SloganLexicon, path, SLOGANS)


def load_modality(path: Path | str | None = None) -> MarkerLexicon:
    """Load a modality-marker lexicon (the bundled ``modality.yaml`` by default)."""
    return _load(MarkerLexicon, path, MODALITY)


def load_stopwords(path: Path | str | None = None) -> WordList:
    """Load a stopword list (the bundled ``stopwords.txt`` by default)."""
    return _load(WordList, path, STOPWORDS)


def load_nonaction_verbs(path: Path | str | None = None) -> WordList:
    """Load the list of verbs that carry no action (the bundled ``nonaction_verbs.txt`` by default)."""
    return _load(WordList, path, NONACTION_VERBS)


def load_userdict(path: Path | str | None = None) -> UserDictionary:
    """Load a tokenizer user dictionary (the bundled ``userdict.txt`` by default)."""
    return _load(UserDictionary, path, USERDICT)


def load_glossary(path: Path | str | None = None) -> Glossary:
    """Load a glossary of English glosses (the bundled ``glossary.yaml`` by default)."""
    return _load(Glossary, path, GLOSSARY)


def load_boilerplate(path: Path | str | None = None) -> Boilerplate:
    """Load the web-boilerplate patterns (the bundled ``boilerplate.yaml`` by default)."""
    return _load(Boilerplate, path, BOILERPLATE)


def with_userdict(extra: Path | str, base: UserDictionary | None = None) -> UserDictionary:
    """The bundled user dictionary (or ``base``) with the words of ``extra`` added; a word in both takes
    the entry of ``extra`` (its tag, its frequency)."""
    base = load_userdict() if base is None else base
    own = load_userdict(extra)
    words = {entry.word for entry in own.entries}
    entries = tuple(e for e in base.entries if e.word not in words) + own.entries
    return UserDictionary(own.path, _combined(base.sha256, own.sha256), entries)


def with_boilerplate(extra: Path | str, base: Boilerplate | None = None) -> Boilerplate:
    """The bundled boilerplate patterns (or ``base``) with those of ``extra`` added."""
    base = load_boilerplate() if base is None else base
    own = load_boilerplate(extra)
    return Boilerplate(own.path, _combined(base.sha256, own.sha256), base.footers + own.footers,
                       base.lines + own.lines, max(base.footer_max_chars, own.footer_max_chars), base.closing)


def _combined(*digests: str) -> str:
    return hashlib.sha256("+".join(digests).encode("ascii")).hexdigest()


def load_grammar(path: Path | str | None = None) -> VerbGrammar:
    """Load the verb grammar's word lists (the bundled ``verb_grammar.yaml`` by default)."""
    return _load(VerbGrammar, path, VERB_GRAMMAR)


@dataclass(frozen=True, eq=False)
class Lexicons:
    """Every data file a run uses. ``Lexicons.load()`` gives the bundled ones, any of them replaced."""

    slogans: SloganLexicon
    modality: MarkerLexicon
    stopwords: WordList
    nonaction: WordList
    userdict: UserDictionary
    glossary: Glossary
    boilerplate: Boilerplate
    grammar: VerbGrammar

    @classmethod
    def load(cls, *, slogans=None, modality=None, stopwords=None, nonaction=None, userdict=None,
             glossary=None, boilerplate=None, grammar=None) -> Lexicons:
        """Load the bundled data files, or the files given instead (paths or loaded objects)."""
        def pick(value, loader):
            return value if isinstance(value, Lexicon) else loader(value)

        return cls(pick(slogans, load_slogans), pick(modality, load_modality), pick(stopwords, load_stopwords),
                   pick(nonaction, load_nonaction_verbs), pick(userdict, load_userdict),
                   pick(glossary, load_glossary), pick(boilerplate, load_boilerplate), pick(grammar, load_grammar))

    def hashes(self) -> dict[str, str]:
        """Return the content hash of each data file, by field name."""
        return {f.name: getattr(self, f.name).sha256 for f in fields(self)}
