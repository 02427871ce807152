"""The coach's wording (prompts/wording.yaml), rendered with strict Jinja2: one file for every
sentence a user reads, whichever interface shows it: the verdict headlines of `coach check`
(render/verdict_text.py) and of answers in a conversation, and the conversation's replies.
Reason-code labels stay with the codes they name (rules/reason_codes.yaml).

Wording is data like the phrase patterns: changing how the coach says something never needs
a code change, and a template that names an unknown variable fails instead of printing a gap.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from assistant.yaml_io import DataFileError, read_yaml

from assistant.errors import CoachError
from assistant.policy.templates import compile_template

WORDING_FILE = "wording.yaml"


class WordingError(CoachError):
    """The wording file is missing, unreadable, or a sentence in it cannot be rendered."""


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = str(value)
    return out


class Replies:
    """Each sentence is parsed on first use (a `coach check` says one headline, not eighty
    replies); `check_all` parses every one, and a test calls it."""

    def __init__(self, path: Path, raw: dict[str, str]):
        self.path, self.raw = path, raw
        self._templates: dict = {}

    def _template(self, key: str):
        if key not in self._templates:
            if key not in self.raw:
                raise WordingError(f"{self.path}: no reply '{key}'")
            try:
                self._templates[key] = compile_template(self.raw[key])
            except jinja2.TemplateSyntaxError as exc:
                raise WordingError(f"{self.path}: reply '{key}': {exc.message}") from None
        return self._templates[key]

    def say(self, key: str, **context) -> str:
        template = self._template(key)
        try:
            return " ".join(template.render(dict(context)).split())
        except jinja2.UndefinedError as exc:
            raise WordingError(f"{self.path}: reply '{key}': {exc.message}") from None

    def has(self, key: str) -> bool:
        return key in self.raw

    def check_all(self) -> None:
        """Parse every sentence: a syntax error anywhere is a WordingError naming its key."""
        for key in self.raw:
            self._template(key)


@lru_cache(maxsize=8)
def _load(path: Path, mtime: float) -> Replies:
    try:
        raw = _flatten(read_yaml(path) or {})
    except DataFileError as exc:
        raise WordingError(f"{path}: cannot read the wording file: {exc.problem}") from None
    return Replies(path, raw)


def load_replies(prompts_dir: Path) -> Replies:
    path = Path(prompts_dir) / WORDING_FILE
    try:
        mtime = path.stat().st_mtime
    except OSError:
        raise WordingError(f"{path}: the wording file is missing") from None
    return _load(path, mtime)
