"""Names in a draft that are not on record: invented products, people or companies.

A name is a run of capitalized words. Runs are covered by known phrases (catalog products and
aliases, the vendor, the account, its people, titles, teams, priorities, metrics); what is left
uncovered is unknown unless the rule file allows the word. A capitalized first word of a
sentence is ordinary English, except when it is followed by a comma and is not a common
opener: then it addresses a person ("Sarah, your team ...") and must be known.
"""

from __future__ import annotations

import re

from assistant.domain import Account, Catalog, Verdict

_TOKEN = re.compile(r"[^\W\d_][\w']*|\d[\w.,']*|[^\w\s]")
_POSSESSIVE = re.compile(r"'s?$")


def _key(word: str) -> str:
    return _POSSESSIVE.sub("", word).casefold()


def tokens(text: str) -> list[str]:
    """Words and single punctuation marks, in order ("Board-level" is "Board", "-", "level")."""
    return _TOKEN.findall(text)


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(_key(t) for t in tokens(text) if t[0].isalnum())


def known_phrases(verdict: Verdict, account: Account, catalog: Catalog) -> set[tuple[str, ...]]:
    names: list[str] = [account.name, *account.name.split()]
    if catalog.vendor.name:
        names += [catalog.vendor.name, *catalog.vendor.name.split()]
    for product in catalog.products:
        names += [*product.names(), *product.tiers, product.unit or "", *product.adjacent_features,
                  *product.serves, *product.used_by]
    for person in account.stakeholders:
        names += [person.name, *person.name.split(), person.title or "", person.team or "",
                  *person.priorities, *person.asked_about]
    names += [o.metric for o in account.outcomes] + [e.detail or "" for e in account.strategy]
    names += [*account.needs_expressed, *(o.product for o in account.owns), *(o.tier or "" for o in account.owns)]
    names += [verdict.priority or "", verdict.sponsor or "", verdict.pitch_to or "", verdict.product]
    return {p for p in (_phrase(n) for n in names) if p}


def _capitalized(token: str) -> bool:
    return token[0].isalpha() and token[0].isupper()


def _covered(run: list[str], known: set[tuple[str, ...]], longest: int) -> list[bool]:
    """Greedy longest match of known phrases over the run's words."""
    keys = [_key(t) for t in run]
    covered = [False] * len(run)
    i = 0
    while i < len(run):
        for size in range(min(longest, len(run) - i), 0, -1):
            if tuple(keys[i:i + size]) in known:
                covered[i:i + size] = [True] * size
                i += size
                break
        else:
            i += 1
    return covered


def unknown_names(sentence: str, known: set[tuple[str, ...]], allow: set[str], openers: set[str]) -> list[str]:
    words = tokens(sentence)
    longest = max((len(p) for p in known), default=1)
    first = next((i for i, t in enumerate(words) if t[0].isalpha()), None)
    after_colon = {i + 1 for i, t in enumerate(words) if t == ":"}
    found: list[str] = []
    i = 0
    while i < len(words):
        if not _capitalized(words[i]):
            i += 1
            continue
        start = i
        while i < len(words) and _capitalized(words[i]):
            i += 1
        run = words[start:i]
        covered = _covered(run, known, longest)
        group: list[str] = []
        for offset, (word, is_known) in enumerate(zip(run, covered)):
            position = start + offset
            flagged = not is_known and _key(word) not in allow
            if flagged and (position == first or position in after_colon):
                addressed = position + 1 < len(words) and words[position + 1] == ","
                flagged = addressed and len(run) == 1 and _key(word) not in openers
            if flagged:
                group.append(word)
            elif group:
                found.append(" ".join(group))
                group = []
        if group:
            found.append(" ".join(group))
    return found
