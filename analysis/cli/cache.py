"""The ``cache`` command: where the result cache is and how big, or clear it."""

from __future__ import annotations

import sys

from analysis.errors import InputError, display_path


def add_commands(sub) -> None:
    p = sub.add_parser("cache", help="the result cache: how big it is, or clear it",
                       description="Tokens and results are kept in a cache (under ANALYSIS_CACHE_DIR, default "
                                   "~/.cache/speech-analysis/results), so a rerun on an unchanged corpus skips the "
                                   "tokenizer. `info` says where it is and how big; `clear` empties it.")
    p.add_argument("action", choices=("info", "clear"))
    p.set_defaults(handler=cmd_cache)



def cmd_cache(args) -> int:
    from analysis.engine.cache import ResultCache

    cache = ResultCache()
    where = display_path(cache.directory)
    if args.action == "clear":
        removed = cache.clear()
        print(f"removed {removed} entries from {where}" if removed is not None
              else f"removed {where}, which could not be opened as a cache", file=sys.stderr)
        return 0
    try:
        entries, volume = len(cache), cache.volume()
    except Exception as exc:  # noqa: BLE001 - a folder that is a file, a database that is not one
        raise InputError(cache.directory, f"the cache cannot be read ({display_path(str(exc))[:120]}): "
                                          "python -m analysis cache clear") from None
    finally:
        cache.close()
    print(f"{where}: {entries} entries, {volume / 1e6:.1f} MB")
    return 0
