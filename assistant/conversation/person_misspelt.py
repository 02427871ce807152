"""A person's name misspelt where the pitch is aimed, inside words a pattern read as another name's
("should I take DQ to Pryia at Acme?": the pattern's slot holds "dq to pryia at acme", which names the
product and the account already, and the misspelt name in it was never tried as a person).

The word typed with a capital right after one of `names.person_before` ("to", "through", "via"), that
names no account or product and is spelt closely to one person at the account, is that person.
"""

from __future__ import annotations

from assistant.conversation.known_names import KnownNames
from assistant.conversation.resolve import fold, phrase_ending


def aimed_misspelt(question: str, account: str, world: KnownNames) -> tuple[str, str] | None:
    """(the word typed, the one person at the account it spells closely) for a capitalised word after
    `person_before`; None when no such word, or when it fits nobody, or several."""
    typed = [w.strip("?!.,:;\"'()").removesuffix("'s") for w in question.replace("\u2019", "'").split()]
    before, people, found = world.name_params.person_before, world.people(account), {}
    for at, word in enumerate(typed):
        if at == 0 or not word[:1].isupper() or not phrase_ending([fold(w) for w in typed[:at]], before):
            continue
        if world.accounts.mentions(fold(word)) or world.products.mentions(fold(word)):
            continue  # ("to Acme", "through Studio": names of another kind)
        resolution = people.resolve(word)
        if resolution.found and resolution.how == "fuzzy":
            found[resolution.name] = word
    return next((typed_as, name) for name, typed_as in found.items()) if len(found) == 1 else None
