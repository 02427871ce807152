"""Facts about the play that the AM's own words reveal ("before quarter end", "bundle it with DQ").

Each match sets play fields (timing_reason, tied_to_renewal, bundled_with) and names the rule it
brings in, so the answer can say which rule applied because of what was said. The phrases are
in the data file's `blockers:` section.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.conversation.phrasebook import Phrasebook


@dataclass
class Revealed:
    id: str
    sets: dict
    rule: str | None
    says: str
    phrase: str  # the AM's words that revealed it
    span: tuple[int, int]
    bundle: str | None = None  # typed product name, resolved later
    resolved: dict = field(default_factory=dict)  # the play fields, once names are resolved

    def describe(self) -> str:
        return self.says.replace("<bundle>", ", ".join(self.resolved.get("bundled_with", [])) or "it")


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _bundle_name(match, text: str, book: Phrasebook) -> tuple[str, int]:
    """The typed product name after "bundle it with", ending before the next stop word."""
    start = match.start("bundle")
    raw = text[start:match.end("bundle")]
    cut = book.word_pattern("name_end").search(" " + raw + " ")
    name = (" " + raw)[:cut.start()].strip() if cut else raw.strip()
    return name, start + len(name)


def find_revealed(text: str, book: Phrasebook) -> list[Revealed]:
    """Every blocker phrase in the text, first in data-file order; one per field it sets."""
    found: list[Revealed] = []
    taken: list[tuple[int, int]] = []
    fields_set: set[str] = set()
    for blocker in book.blockers:
        if fields_set & set(blocker.sets):
            continue
        for pattern in blocker.patterns:
            match = pattern.regex.search(text)
            if not match or _overlaps(match.span(), taken):
                continue
            bundle, end = None, match.end()
            if "bundle" in pattern.regex.groupindex and match.group("bundle"):
                bundle, end = _bundle_name(match, text, book)
            span = (match.start(), end)
            found.append(Revealed(blocker.id, dict(blocker.sets), blocker.rule, blocker.says,
                                  text[span[0]:span[1]], span, bundle))
            taken.append(span)
            fields_set |= set(blocker.sets)
            break
    return sorted(found, key=lambda r: r.span)


def blank_out(text: str, spans: list[tuple[int, int]]) -> str:
    """The text without the given spans (the words already read as play facts)."""
    kept, last = [], 0
    for start, end in sorted(spans):
        kept.append(text[last:start])
        last = end
    kept.append(text[last:])
    return " ".join(" ".join(kept).split())
