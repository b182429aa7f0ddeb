"""The context tagger: whether a token is used as a verb where it stands, read from its neighbours.

jieba gives a word one tag from its dictionary, whatever its use: 发展 is ``vn`` in 推动高质量发展 (a
noun, the object of 推动) and in 坚持和发展中国特色社会主义 (a verb) alike. Baidu's LAC, a BiGRU-CRF
tagger trained on a large corpus, reads the context and tells the two apart, but it is some 30 times
slower than rjieba and brings a 30 MB model. So LAC is the *teacher*: ``tools/train_context.py`` ran it
over the 52 Government Work Reports and fitted a logistic model to its decisions on jieba's own tokens
(is LAC's token the same word, tagged ``v``?). The model reads a token's word and tag and those of its
neighbours in the sentence (two on each side), and its weights are a data file
(``analysis/data/verb_context.tsv``, with a header saying how it was made and how often it agrees with
LAC on reports it was not fitted on). Scoring is a few array operations per token: it costs about
what counting the tokens does.

A token is verbal where its score is above zero (``verbal``). What counts as an *action* verb on top of
that (not 是 or 有, not a directive marker) is decided in ``analysis.measures.verbs``.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.errors import InputError
from analysis.settings import data_file

if TYPE_CHECKING:
    import numpy as np

    from analysis.text.tokens import TokenTable

MODEL_FILE = "verb_context.tsv"
NONE = "<none>"  # the word or tag beyond the edge of a sentence
# what a token's features are made of: its word or tag (w, t), or a neighbour's (offset -2 … 2)
PARTS = (("w", 0), ("t", 0), ("w", -1), ("t", -1), ("t", -2), ("w", 1), ("t", 1), ("t", 2))
TEMPLATES: dict[str, tuple[tuple[str, int], ...]] = {
    "w": (("w", 0),), "t": (("t", 0),),
    "p1": (("w", -1),), "p1t": (("t", -1),), "p2t": (("t", -2),),
    "n1": (("w", 1),), "n1t": (("t", 1),), "n2t": (("t", 2),),
    "w,n1t": (("w", 0), ("t", 1)), "p1t,w": (("t", -1), ("w", 0)), "p1,w": (("w", -1), ("w", 0)),
    "w,n1": (("w", 0), ("w", 1)), "p1t,n1t": (("t", -1), ("t", 1)), "t,n1t": (("t", 0), ("t", 1)),
    "p1t,t": (("t", -1), ("t", 0)),
}
# the tags of the tokens the model was fitted on and decides (jieba's: verbs, adjectives, adverbs, nouns)
CANDIDATE_TAGS = frozenset({"v", "vn", "vd", "vi", "a", "ad", "an", "n", "d"})
_MULTIPLIERS = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F)  # odd: each part's place in a feature changes its key


def stable_hash(text: str) -> int:
    """A 64-bit hash of a string, the same in every process and on every machine."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def _key(template: str, part_hashes: list) -> int | np.ndarray:
    """A feature's key: its template's hash and its parts' hashes, mixed (on ints or uint64 arrays)."""
    import numpy as np

    key = np.uint64(stable_hash(f"template:{template}"))
    with np.errstate(over="ignore"):
        for multiplier, part in zip(_MULTIPLIERS, part_hashes):
            key = key ^ (np.asarray(part, dtype=np.uint64) * np.uint64(multiplier))
    return key


def part_values(table: TokenTable) -> dict[tuple[str, int], np.ndarray]:
    """The vocabulary codes of each part of every token's features (-1 beyond its sentence)."""
    codes = table.codes
    out = {}
    for kind, offset in PARTS:
        out[(kind, offset)] = codes if offset == 0 else table.neighbour(codes, -offset, -1)
    return out


def part_strings(table: TokenTable, kind: str, codes: np.ndarray) -> list[str]:
    """The words (``w``) or tags (``t``) of vocabulary codes, ``NONE`` for -1 (what training reads)."""
    names = table.vocab.word_array() if kind == "w" else table.vocab.tag_array()
    return [NONE if c < 0 else names[c] for c in codes]


def _part_hashes(table: TokenTable, kind: str, codes: np.ndarray) -> np.ndarray:
    import numpy as np

    vocab = table.vocab
    per_code = vocab.column(("context hash", kind), lambda w, t: stable_hash(f"{kind}:{w if kind == 'w' else t}"),
                            np.uint64)
    return np.where(codes >= 0, per_code[np.maximum(codes, 0)], np.uint64(stable_hash(f"{kind}:{NONE}")))


@dataclass(frozen=True)
class ContextModel:
    """The weights of the context tagger's features, by key (sorted), and its bias."""

    keys: np.ndarray
    weights: np.ndarray
    bias: float
    source: str

    def scores(self, table: TokenTable) -> np.ndarray:
        """Each token's score: above zero, the teacher would have tagged it a verb."""
        import numpy as np

        parts = part_values(table)
        hashes = {part: _part_hashes(table, part[0], codes) for part, codes in parts.items()}
        total = np.full(len(table.codes), self.bias)
        for template, spec in TEMPLATES.items():
            keys = _key(template, [hashes[part] for part in spec])
            at = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
            total += np.where(self.keys[at] == keys, self.weights[at], 0.0)
        return total


def verbal(table: TokenTable, model: ContextModel | None = None) -> np.ndarray:
    """Whether each token is used as a verb in its context (only a token of ``CANDIDATE_TAGS`` can be)."""
    model = load_context_model() if model is None else model
    candidate = table.vocab.column("context candidate", lambda w, t: t in CANDIDATE_TAGS, bool)[table.codes]
    if not candidate.any():
        return candidate
    return candidate & (model.scores(table) > 0)


def read_model(path: Path) -> ContextModel:
    """Read the weights of a context model: a header of ``#`` lines, then rows of template, its one or
    two parts, and weight (the template ``bias`` has no part)."""
    import numpy as np

    keys, weights, bias = [], [], 0.0
    try:
        text = path.read_text(encoding="utf-8")
        while text.startswith("#"):  # the header (a part may be a line break, quoted: read as CSV)
            text = text.split("\n", 1)[1] if "\n" in text else ""
        for row in csv.reader(io.StringIO(text), delimiter="\t"):
            if not row:
                continue
            template, *values, weight = row
            if template == "bias":
                bias = float(weight)
                continue
            spec = TEMPLATES[template]
            keys.append(_key(template, [stable_hash(f"{kind}:{value}") for (kind, _), value in zip(spec, values)]))
            weights.append(float(weight))
    except (KeyError, ValueError) as exc:
        raise InputError(path, f"not a context model ({exc})") from None
    order = np.argsort(np.array(keys, dtype=np.uint64))
    return ContextModel(np.array(keys, dtype=np.uint64)[order], np.array(weights)[order], bias, path.name)


@lru_cache(maxsize=1)
def load_context_model() -> ContextModel:
    """The context tagger the package ships."""
    return read_model(data_file(MODEL_FILE))
