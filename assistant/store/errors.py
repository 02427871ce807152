"""Store errors a user can act on: each names what was not found and what to try instead."""

from __future__ import annotations

import difflib

from assistant.errors import CoachError


# How alike a typed name and a stored one must be to be offered as "did you mean".
_SIMILAR = 0.75


def _similarity(key: str, candidate: str) -> float:
    """Best match of `key` against the whole name, its same-length prefix, or any of its words."""
    parts = [candidate, candidate[:len(key)], *candidate.split()]
    return max(difflib.SequenceMatcher(None, key, part).ratio() for part in parts)


def close_names(name: str, names: list[str], limit: int = 5) -> list[str]:
    """Names that look like `name`, most alike first; a name that starts with it always counts."""
    key = " ".join(name.split()).casefold()
    if not key:
        return []
    scored = []
    for candidate in names:
        folded = candidate.casefold()
        score = 1.0 if folded.startswith(key) else _similarity(key, folded)
        if score >= _SIMILAR:
            scored.append((-score, folded, candidate))
    return [candidate for _, _, candidate in sorted(scored)[:limit]]


class UnknownAccount(CoachError):
    def __init__(self, name: str, candidates: list[str]):
        hint = f" Did you mean: {', '.join(candidates)}?" if candidates else ""
        super().__init__(f"No account named '{name}'.{hint} (`coach accounts list` shows all)")
        self.name, self.candidates = name, candidates


class UnknownStakeholder(CoachError):
    def __init__(self, account: str, person: str, known: list[str]):
        names = ", ".join(known) if known else "none on record"
        super().__init__(
            f"'{person}' is not a stakeholder of {account} (stakeholders: {names}); "
            "add the person to the account snapshot and re-import it with `coach accounts import`.")
        self.account, self.person, self.known = account, person, known


class StoreUnavailable(CoachError):
    """The database cannot be reached or its driver is missing."""
