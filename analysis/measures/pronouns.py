"""Person: who a speech says "we" and "you" to, counted from its personal pronouns and forms of address.

A speech to cadres speaks as 我们 (the speaker with the audience, or the Party), seldom as 我, and
addresses 同志们 or 大家; who is "we" is a classic question of political discourse analysis. Each token
that is one of the words below counts once: 我们 in 今天我们召开, 我 in 下面我讲几点意见, not 我 inside
the words 自我 or 我市 (a word of its own to the tokenizer); 同志们, which the tokenizer cuts into 同志
and 们, counts where the two stand together.

This module is also the example of a measure in one file: it declares its table, what it needs (the
tokens) and a command of its own (``python -m analysis pronouns``), and the engine, the cache, the
report, the command line and the docs take it from there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.measures.registry import Command, Measure, RunParts, Table, Work, register
from analysis.measures.words import add_counts, tally

if TYPE_CHECKING:
    import pandas as pd

# word -> (person, number): personal pronouns and the forms of address of a speech
PERSONS = {
    "我": ("first", "singular"), "我们": ("first", "plural"), "咱们": ("first", "plural"),
    "你": ("second", "singular"), "您": ("second", "singular"), "你们": ("second", "plural"),
    "大家": ("second", "plural"), "同志们": ("second", "plural"),
    "他": ("third", "singular"), "她": ("third", "singular"), "他们": ("third", "plural"), "她们": ("third", "plural"),
}
COLUMNS = ["pronoun", "person", "number", "count"]


def _analyse(work: Work, want: frozenset[str]) -> dict[str, pd.DataFrame]:
    import numpy as np
    import pandas as pd

    table = work.tokens()
    vocab, codes = table.vocab, table.codes
    whole = vocab.member("person", frozenset(PERSONS))[codes]
    # 同志们 is 同志 and 们 to the tokenizer: a stem before 们 counts as the plural
    stems = frozenset(w[:-1] for w in PERSONS if w.endswith("们") and w[:-1] not in PERSONS)
    plural = vocab.member("person stem", stems)[codes] & np.append(vocab.member("们", frozenset({"们"}))[codes][1:],
                                                                    False)
    joined = tally(table, plural, per="word").assign(token=lambda f: f["token"] + "们")
    counts = pd.concat([tally(table, whole, per="word"), joined], ignore_index=True)
    return {"pronoun_counts": counts[["token", "count"]]}


def _combine(run: RunParts, want: frozenset[str]) -> dict[str, pd.DataFrame]:
    import pandas as pd

    counts = dict(zip(*add_counts(run.parts["pronoun_counts"], ["token"])[["token", "count"]].T.values)) \
        if len(run.parts["pronoun_counts"]) else {}
    rows = [(word, person, number, int(counts.get(word, 0))) for word, (person, number) in PERSONS.items()]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return {"pronouns": frame.sort_values(["count", "pronoun"], ascending=[False, True], ignore_index=True)}


register(Measure(
    name="pronouns",
    summary="personal pronouns and forms of address: who the speech says we and you to",
    tables=(Table("pronouns", "personal pronoun or form of address with its person, number and count (zeros "
                              "included)", tuple(COLUMNS), ("pronoun_counts",)),),
    parts=("pronoun_counts",), tokens=("pronoun_counts",), analyse=_analyse, combine=_combine,
    command=Command("pronouns", "pronouns", "count personal pronouns and forms of address (pronoun,person,number,count)"),
))
