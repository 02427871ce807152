"""Jinja2 for rule messages, remedies and plan steps: strict, compiled once at load."""

from __future__ import annotations

from functools import lru_cache

import jinja2


def format_number(value) -> str:
    """Numbers as a person reads them in evidence: 0.92, 1,000, 4,200,000."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if float(value).is_integer():
        return f"{int(value):,}"
    if abs(value) < 10:
        return f"{value:.2f}"
    return f"{value:,.1f}"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False)
    env.filters["num"] = format_number
    return env


class LazyTemplate:
    """Checked for syntax at load (cheap), compiled on first render (the costly part), so a
    command that renders three messages does not pay for compiling sixty."""

    __slots__ = ("source", "_compiled")

    def __init__(self, source: str):
        environment().parse(source)  # raises TemplateSyntaxError now, at load
        self.source = source
        self._compiled: jinja2.Template | None = None

    def render(self, context: dict) -> str:
        if self._compiled is None:
            self._compiled = environment().from_string(self.source)
        # A shared context skips copying Jinja's globals into a new dict on every render (a
        # third of a verdict's time); our templates read only the context and filters.
        template = self._compiled
        return template.environment.concat(template.root_render_func(template.new_context(context, shared=True)))


def compile_template(source: str) -> LazyTemplate:
    return LazyTemplate(source)
