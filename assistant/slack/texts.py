"""What the Slack app says around the coach's answers: prompts/slack/slack.yaml, strict Jinja2."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2 import meta as jinja2meta
from assistant.yaml_io import DataFileError, read_yaml

from assistant.errors import CoachError
from assistant.strict import StrictModel

TEXTS_FILE = Path("slack") / "slack.yaml"
_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False)


class _File(StrictModel):
    texts: dict[str, str]
    buttons: dict[str, str]
    marks: dict[str, str]
    qbr_max_messages: int


class SlackTexts:
    def __init__(self, path: Path, data: _File):
        self.path, self.buttons, self.marks = path, data.buttons, data.marks
        self.qbr_max_messages = data.qbr_max_messages
        try:
            self._templates = {key: _ENV.from_string(text) for key, text in data.texts.items()}
        except jinja2.TemplateSyntaxError as exc:
            raise CoachError(f"{path}: template error: {exc}") from None
        # Texts without a variable ("Thinking…", said in every ack) are rendered once.
        self._fixed = {key: self._templates[key].render().strip() for key, text in data.texts.items()
                       if not jinja2meta.find_undeclared_variables(_ENV.parse(text))}

    def say(self, key: str, **context) -> str:
        if not context and key in self._fixed:
            return self._fixed[key]
        template = self._templates.get(key)
        if template is None:
            raise CoachError(f"{self.path}: no text '{key}'")
        return template.render(**context).strip()

    def button(self, name: str) -> str:
        return self.buttons[name]

    def mark(self, kind: str) -> str:
        return self.marks.get(kind, "")


@lru_cache(maxsize=8)
def load_texts(prompts_dir: Path) -> SlackTexts:
    path = Path(prompts_dir) / TEXTS_FILE
    try:
        raw = read_yaml(path)
        return SlackTexts(path, _File.model_validate(raw))
    except DataFileError as exc:
        raise CoachError(f"{path}: cannot read the Slack texts ({exc.problem})") from None
    except ValueError as exc:
        raise CoachError(f"{path}: not a valid Slack texts file ({exc})") from None
