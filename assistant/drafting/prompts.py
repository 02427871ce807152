"""The Jinja2 templates in prompts/: strict (an unknown name is an error), loaded from disk."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import jinja2


def quoted_json(value) -> str:
    """JSON for a fenced data block; backticks are escaped so data can never close the fence."""
    return json.dumps(value, indent=2, ensure_ascii=False, default=str).replace("`", "\\u0060")


def sentence_start(text: str) -> str:
    """Upper-case only the first letter ("data trust" -> "Data trust", "EU rollout" stays)."""
    return text[:1].upper() + text[1:] if text else text


@lru_cache(maxsize=8)
def environment(prompts_dir: str) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(prompts_dir), undefined=jinja2.StrictUndefined,
                             autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.filters["quoted_json"] = quoted_json
    env.filters["sentence_start"] = sentence_start
    return env


def template(prompts_dir: Path, name: str) -> jinja2.Template:
    return environment(str(prompts_dir)).get_template(name)


def render(prompts_dir: Path, name: str, **values) -> str:
    return template(prompts_dir, name).render(**values).strip()


def render_block(prompts_dir: Path, name: str, block: str, **values) -> str:
    """One `{% block %}` of a template, e.g. one part of a talk track."""
    tpl = template(prompts_dir, name)
    if block not in tpl.blocks:
        raise jinja2.TemplateError(f"{name} has no block '{block}'")
    return "".join(tpl.blocks[block](tpl.new_context(values))).strip()
