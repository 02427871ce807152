"""Load rules/lifts.yaml: which changes move which fact, their ranges and their wording.

Kept apart from the rule loader so that a proposed rules folder without its own lifts.yaml
still gets lifts (the project's default file is used), and so what-if parsing can validate
values without loading a rule set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jinja2
from assistant.yaml_io import DataFileError, read_yaml

from assistant.config import data_folder
from assistant.policy.errors import RuleLoadError
from assistant.policy.templates import LazyTemplate, compile_template


@dataclass(frozen=True)
class ChangeSpec:
    name: str
    text: LazyTemplate
    range: tuple[float, float] | None = None
    step: float | None = None
    direction: str | None = None  # up | down: the only way a lift may move a number
    range_days: int | None = None


@dataclass(frozen=True)
class LiftConfig:
    max_changes: int
    placeholders: dict[str, LazyTemplate]
    facts: dict[str, tuple[str, ...]]
    fixed: frozenset[str]
    changes: dict[str, ChangeSpec] = field(default_factory=dict)
    path: str = ""

    def placeholder(self, key: str, **context) -> str:
        return self.placeholders[key].render(context)


def _spec(path: Path, name: str, raw: dict) -> ChangeSpec:
    if not isinstance(raw, dict) or "text" not in raw:
        raise RuleLoadError(str(path), name, "each change needs at least a `text` template")
    bounds = raw.get("range")
    if bounds is not None and (len(bounds) != 2 or bounds[0] >= bounds[1]):
        raise RuleLoadError(str(path), name, "`range` must be [low, high] with low < high")
    if raw.get("direction") not in (None, "up", "down"):
        raise RuleLoadError(str(path), name, "`direction` must be up or down")
    try:
        text = compile_template(raw["text"])
    except jinja2.TemplateSyntaxError as exc:
        raise RuleLoadError(str(path), name, f"template syntax error: {exc}") from None
    return ChangeSpec(name, text, tuple(bounds) if bounds else None, raw.get("step"),
                      raw.get("direction"), raw.get("range_days"))


@lru_cache(maxsize=8)
def _load(path: Path) -> LiftConfig:
    try:
        raw = read_yaml(path) or {}
    except DataFileError as exc:
        raise RuleLoadError(str(path), None, f"cannot read lift definitions: {exc.problem}") from None
    changes = {name: _spec(path, name, spec) for name, spec in (raw.get("changes") or {}).items()}
    facts = {fact: tuple(names) for fact, names in (raw.get("facts") or {}).items()}
    for fact, names in facts.items():
        unknown = [n for n in names if n not in changes]
        if unknown:
            raise RuleLoadError(str(path), fact, f"unknown change(s) {unknown}; defined: {', '.join(changes)}")
    try:
        placeholders = {k: compile_template(v) for k, v in (raw.get("placeholders") or {}).items()}
    except jinja2.TemplateSyntaxError as exc:
        raise RuleLoadError(str(path), "placeholders", f"template syntax error: {exc}") from None
    return LiftConfig(int((raw.get("search") or {}).get("max_changes", 1)), placeholders, facts,
                      frozenset(raw.get("fixed") or ()), changes, str(path))


def load_lift_config(rules_dir: Path | None = None) -> LiftConfig:
    """The lifts.yaml of `rules_dir` when it has one, else the project's default."""
    candidate = Path(rules_dir) / "lifts.yaml" if rules_dir is not None else None
    default = data_folder("rules") / "lifts.yaml"
    return _load((candidate if candidate is not None and candidate.is_file() else default).resolve())
