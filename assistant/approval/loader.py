"""Load `rules/drafts/*.yaml` into DraftChecks, validated once at start.

Errors name the file and the check: an unknown option or check kind, a reason code that is not
a `draft` code in reason_codes.yaml, a bad regular expression, an unknown knowledge section, a
draft code no check covers, or a missing or repeated vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from assistant.yaml_io import DataFileError, read_yaml
from pydantic import ValidationError

from assistant.errors import describe_validation
from assistant.approval.checks import VALIDATORS as _BASIC, PatternError
from assistant.approval.readability import Readable
from assistant.approval.errors import DraftRulesError
from assistant.approval.numbers import NumberReader
from assistant.approval.spec import CHECK_KINDS, DraftRuleFile, Drafting, Vocabulary
from assistant.policy.rules import LoadedFromSpec

VALIDATORS = {**_BASIC, "readable": Readable}


@dataclass
class LoadedCheck(LoadedFromSpec):
    spec: object
    file: str
    validator: object


@dataclass
class DraftChecks:
    checks: list[LoadedCheck]
    vocabulary: Vocabulary
    reader: NumberReader
    sentence_break: re.Pattern
    drafting: Drafting
    version: str
    directory: Path
    codes: dict[str, dict] = field(default_factory=dict)

    def prepare(self) -> None:
        """Load what the checks load lazily (the readability word list) before a deadline starts."""
        for check in self.checks:
            getattr(check.validator, "prepare", lambda: None)()


def _read(path: Path):
    try:
        return read_yaml(path)
    except DataFileError as exc:
        raise DraftRulesError(str(path), None, exc.problem) from None


def _parse(path: Path) -> DraftRuleFile:
    raw = _read(path) or {}
    if not isinstance(raw, dict):
        raise DraftRulesError(str(path), None, "expected a mapping with 'checks:', 'vocabulary:' or 'drafting:'")
    for index, entry in enumerate(raw.get("checks") or []):
        kind = entry.get("check") if isinstance(entry, dict) else None
        if kind not in CHECK_KINDS:
            name = entry.get("id") if isinstance(entry, dict) else None
            raise DraftRulesError(str(path), name or f"#{index + 1}",
                                  f"unknown check kind {kind!r} (one of: {', '.join(CHECK_KINDS)})")
    try:
        return DraftRuleFile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = first["loc"]
        check = None
        if len(loc) >= 2 and loc[0] == "checks":
            entry = raw["checks"][loc[1]]
            check = entry.get("id") or f"#{loc[1] + 1}"
        problems = describe_validation(exc)
        raise DraftRulesError(str(path), check, problems) from None


def _known_sections(knowledge_dir: Path | None) -> set[str] | None:
    if knowledge_dir is None:
        return None
    from assistant.knowledge.sections import load_sections

    return set(load_sections(knowledge_dir))


def load_draft_checks(rules_dir: Path, knowledge_dir: Path | None = None, *, slot_words: bool = True) -> DraftChecks:
    """Every check under `rules_dir/drafts`; with `knowledge_dir`, cited sections must exist.
    `slot_words=False` leaves the slot word list unread (the script that writes it)."""
    from assistant.policy.rules import ruleset_version

    rules_dir = Path(rules_dir)
    folder = rules_dir / "drafts"
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise DraftRulesError(str(folder), None, "no draft rule files (*.yaml) found")
    codes = _read(rules_dir / "reason_codes.yaml") if (rules_dir / "reason_codes.yaml").is_file() else None
    if not isinstance(codes, dict):
        raise DraftRulesError(str(rules_dir / "reason_codes.yaml"), None, "missing or not a mapping of codes")
    draft_codes = {code for code, entry in codes.items() if isinstance(entry, dict) and entry.get("kind") == "draft"}
    sections = _known_sections(knowledge_dir)
    vocabulary, vocabulary_file, drafting = None, None, None
    loaded: list[LoadedCheck] = []
    seen: dict[str, str] = {}
    for path in files:
        parsed = _parse(path)
        if parsed.vocabulary is not None:
            if vocabulary is not None:
                raise DraftRulesError(str(path), None, f"a second vocabulary (the first is in {vocabulary_file})")
            vocabulary, vocabulary_file = parsed.vocabulary, str(path)
        if parsed.drafting is not None:
            if drafting is not None:
                raise DraftRulesError(str(path), None, "a second 'drafting:' section")
            drafting = parsed.drafting
            if sections is not None and (missing := [c for c in drafting.prompt_passages if c not in sections]):
                raise DraftRulesError(str(path), "drafting", f"prompt_passages: unknown knowledge section(s) {missing}")
        for spec in parsed.checks:
            if spec.id in seen:
                raise DraftRulesError(str(path), spec.id, f"duplicate check id (also in {seen[spec.id]})")
            seen[spec.id] = str(path)
            if spec.code not in draft_codes:
                raise DraftRulesError(str(path), spec.id, f"unknown draft reason code '{spec.code}' "
                                      f"(reason_codes.yaml has kind 'draft' for: {', '.join(sorted(draft_codes))})")
            if sections is not None and (missing := [c for c in spec.cites if c not in sections]):
                raise DraftRulesError(str(path), spec.id, f"cites unknown knowledge section(s) {missing}")
            try:
                validator = VALIDATORS[spec.check](spec)
            except PatternError as exc:
                raise DraftRulesError(str(path), spec.id, str(exc)) from None
            loaded.append(LoadedCheck(spec, str(path), validator))
    if vocabulary is None:
        raise DraftRulesError(str(folder), None, "no 'vocabulary:' section in any draft rule file")
    if drafting is None:
        raise DraftRulesError(str(folder), None, "no 'drafting:' section in any draft rule file")
    uncovered = sorted(draft_codes - {c.code for c in loaded})
    if uncovered:
        raise DraftRulesError(str(folder), None, f"no check for draft reason code(s) {uncovered}")
    try:
        sentence_break = re.compile(vocabulary.sentence_break)
        reader = NumberReader(vocabulary)
    except re.error as exc:
        raise DraftRulesError(vocabulary_file, "vocabulary", f"bad regular expression: {exc}") from None
    if slot_words:
        drafting = _with_slot_words(drafting, folder, next((c.spec for c in loaded if c.spec.check == "readable"), None))
    return DraftChecks(loaded, vocabulary, reader, sentence_break, drafting, ruleset_version(rules_dir),
                       rules_dir, codes)


_SLOT_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")  # (compiled once: the list has thousands of words)


def _with_slot_words(drafting: Drafting, folder: Path, readable) -> Drafting:
    """`drafting` with its slot word list read from its file, and the words a clause may not
    end on taken from the readability check (one list for the grammar and the gate)."""
    words = drafting.slots.words
    if words is None:
        return drafting
    path = folder / words.file
    where = f"drafting: slots: words: file {words.file!r}"
    if not path.is_file():
        raise DraftRulesError(str(path), "drafting",
                              f"{where} does not exist: write it with scripts/write_slot_words.py")
    listed, bad = _slot_word_list(path.read_text(encoding="utf-8"), drafting.slots.max_word_chars)
    if bad or not listed:
        raise DraftRulesError(str(path), "drafting", f"{where}: " + (
            f"not lowercase words of at most {drafting.slots.max_word_chars} letters: {list(bad[:5])}" if bad else "no words"))
    never_last: frozenset[str] = frozenset()
    if readable is not None:
        never_last = _never_last(listed, tuple(readable.dangling_endings), tuple(readable.stranding),
                                 tuple(readable.dangling_suffixes))
    slots = drafting.slots.model_copy(update={"words": words.model_copy(update={
        "listed": listed, "never_last": never_last})})
    return drafting.model_copy(update={"slots": slots})


# The slot word list (some 15,000 words) is read, checked and searched for endings once per file
# text and process, not at every load: every Coach loads its draft checks (a web or Slack worker
# once, the test suite once per test), and this was about half of a load's time.
@lru_cache(maxsize=4)
def _slot_word_list(text: str, max_chars: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the listed words, those that are not lowercase words of at most `max_chars` letters)."""
    listed = tuple(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))
    return listed, tuple(w for w in listed if not _SLOT_WORD.fullmatch(w) or len(w) > max_chars)


@lru_cache(maxsize=4)
def _never_last(listed: tuple[str, ...], endings: tuple[str, ...], stranding: tuple[str, ...],
                suffixes: tuple[str, ...]) -> frozenset[str]:
    """The words a slot clause may not end on: the readability check's dangling endings and
    stranding prepositions, and every listed word with a dangling suffix."""
    return frozenset({w.casefold() for w in [*endings, *stranding]} | {w for w in listed if w.endswith(suffixes)})
