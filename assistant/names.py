"""Names the user gives resolve exactly, by a known alias, or by a typo-level match that is stated.

Anything else is an UnknownName error listing the closest known names (RapidFuzz), so a guess
never reaches a verdict or a draft: "Robert Vence" is read as "Robert Vance" (one letter, and the
answer says so), "Bob" is an error. How far a typo may go is data (rules/names.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Literal, Mapping

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from assistant.errors import CoachError
from assistant.yaml_io import read_yaml

How = Literal["exact", "alias", "typo"]


@dataclass(frozen=True)
class NameMatching:
    """Defaults mirror rules/names.yaml, the file `load_name_matching` reads."""

    max_edits: int = 1
    max_edits_long: int = 2
    long_from: int = 12
    limit: int = 5
    min_score: float = 55

    def edits_allowed(self, key: str) -> int:
        return self.max_edits_long if len(key) >= self.long_from else self.max_edits


@lru_cache(maxsize=8)
def load_name_matching(rules_dir: Path) -> NameMatching:
    path = Path(rules_dir) / "names.yaml"
    if not path.is_file():
        return NameMatching()
    raw = read_yaml(path) or {}
    typo, candidates = raw.get("typo") or {}, raw.get("candidates") or {}
    try:
        return NameMatching(int(typo.get("max_edits", 1)), int(typo.get("max_edits_long", 2)),
                            int(typo.get("long_from", 12)), int(candidates.get("limit", 5)),
                            float(candidates.get("min_score", 55)))
    except (TypeError, ValueError) as exc:
        raise CoachError(f"{path}: {exc}; expected whole numbers (min_score: 0-100)") from None


@dataclass(frozen=True)
class Resolved:
    given: str
    name: str
    how: How

    def note(self, what: str) -> str | None:
        """What the answer states when the name was not taken as typed."""
        if self.how == "typo":
            return f"{what} '{self.given}' read as '{self.name}' (closest known name, a typo apart)"
        if self.how == "alias":
            return None  # aliases are names on record, e.g. "DQ" for Data Quality
        return None


class UnknownName(CoachError):
    def __init__(self, what: str, given: str, candidates: list[str], where: str = "", known: int | None = None,
                 ambiguous: bool = False):
        if ambiguous:
            text = f"'{given}' could be several {what}s{where}: {', '.join(candidates)}; type the full name"
        else:
            closest = f" Closest: {', '.join(candidates)}." if candidates else (
                " None on record." if known == 0 else "")
            text = f"No {what} named '{given}'{where}.{closest}"
        super().__init__(text)
        self.what, self.given, self.candidates = what, given, candidates


def key(name: str) -> str:
    return " ".join(str(name).split()).casefold()


def closest(given: str, names: Iterable[str], matching: NameMatching = NameMatching()) -> list[str]:
    """Known names most like `given`, best first (at most `limit`, each above `min_score`)."""
    pool = list(dict.fromkeys(names))
    found = process.extract(key(given), {n: key(n) for n in pool}, scorer=fuzz.WRatio,
                            limit=matching.limit, score_cutoff=matching.min_score)
    return [name for _, _, name in found]


def resolve(given: str, names: Iterable[str], what: str, *, aliases: Mapping[str, str] | None = None,
            where: str = "", matching: NameMatching = NameMatching()) -> Resolved:
    """`given` as one of `names` (or an alias of one), or UnknownName with the closest candidates."""
    canonical = list(dict.fromkeys(names))
    wanted = key(given)
    if not wanted:
        raise UnknownName(what, given, [], where, len(canonical))
    by_key = {key(n): n for n in canonical}
    if wanted in by_key:
        return Resolved(given, by_key[wanted], "exact")
    alias_keys = {key(a): target for a, target in (aliases or {}).items()}
    if wanted in alias_keys:
        return Resolved(given, alias_keys[wanted], "alias")
    everything = {**by_key, **alias_keys}
    allowed = matching.edits_allowed(wanted)
    near = sorted({everything[k] for k in everything if OSA.distance(wanted, k, score_cutoff=allowed) <= allowed})
    if len(near) == 1:
        return Resolved(given, near[0], "typo")
    if len(near) > 1:
        raise UnknownName(what, given, near, where, ambiguous=True)
    return _unknown(given, canonical, list(alias_keys), what, where, matching)


def _unknown(given, canonical, alias_list, what, where, matching) -> UnknownName:
    raise UnknownName(what, given, closest(given, canonical, matching), where, len(canonical))
