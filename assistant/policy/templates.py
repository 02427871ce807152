"""Jinja2 for rule messages, remedies and plan steps: sandboxed, strict, checked at load.

Rule files are data a sales-ops lead edits, so their templates must not reach Python: the
environment is Jinja's ImmutableSandboxedEnvironment (no `__class__`/`__globals__` walks, no
mutating calls) with StrictUndefined, and `template_names` lets the loaders refuse a template
that reads a name the render context does not have, at load time rather than on a verdict.
"""

from __future__ import annotations

from functools import lru_cache

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment


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
    env = ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False,
                                        keep_trailing_newline=False)
    env.filters["num"] = format_number
    return env


# Parsed and compiled once per template text and process: every Coach loads its rules anew (a web
# or Slack worker once, the test suite once per test), and most of them are the same texts.
# A compiled template is immutable and renders in a context of its own, so one serves every caller.
_TEXTS_KEPT = 4096  # a memory bound: the shipped rules have a few hundred templates


@lru_cache(maxsize=_TEXTS_KEPT)
def _parsed(source: str) -> nodes.Template:
    return environment().parse(source)


@lru_cache(maxsize=_TEXTS_KEPT)
def _compiled(source: str) -> jinja2.Template:
    return environment().from_string(source)


class LazyTemplate:
    """Checked for syntax at load (cheap), compiled on first render (the costly part), so a
    command that renders three messages does not pay for compiling sixty."""

    __slots__ = ("source", "_compiled")

    def __init__(self, source: str):
        _parsed(source)  # raises TemplateSyntaxError now, at load (an error is not cached)
        self.source = source
        self._compiled: jinja2.Template | None = None

    def render(self, context: dict) -> str:
        if self._compiled is None:
            self._compiled = _compiled(self.source)
        # A shared context skips copying Jinja's globals into a new dict on every render (a
        # third of a verdict's time); our templates read only the context and filters.
        template = self._compiled
        return template.environment.concat(template.root_render_func(template.new_context(context, shared=True)))


def compile_template(source: str) -> LazyTemplate:
    return LazyTemplate(source)


def _dotted(node) -> str | None:
    parts = []
    while isinstance(node, nodes.Getattr):
        parts.append(node.attr)
        node = node.node
    if isinstance(node, nodes.Name) and node.ctx == "load":
        return ".".join([node.name, *reversed(parts)])
    return None


def template_names(source: str) -> set[str]:
    """The context names a template reads, as dotted paths (`account.name`, `info.sponsor`):
    the longest attribute chain on each free variable; names the template sets itself are left out."""
    return set(_names_read(source))


@lru_cache(maxsize=_TEXTS_KEPT)
def _names_read(source: str) -> frozenset[str]:
    # Once per template text and process, as its parse (walking the tree was half a rules load)
    ast = _parsed(source)  # (only read here)
    assigned = {n.name for n in ast.find_all(nodes.Name) if n.ctx in ("store", "param")}
    found: set[str] = set()
    covered: set[int] = set()
    for node in ast.find_all(nodes.Getattr):
        if id(node) in covered:
            continue
        path = _dotted(node)
        inner = node.node
        while isinstance(inner, nodes.Getattr):
            covered.add(id(inner))
            inner = inner.node
        if path and path.split(".")[0] not in assigned:
            found.add(path)
        if isinstance(inner, nodes.Name):
            covered.add(id(inner))
    for node in ast.find_all(nodes.Name):
        if node.ctx == "load" and id(node) not in covered and node.name not in assigned:
            found.add(node.name)
    return frozenset(name for name in found if not any(other.startswith(name + ".") for other in found))


def check_names(source: str, known: set[str] | frozenset[str]) -> list[str]:
    """Names the template reads whose root is not in `known` (roots such as `account`, `info`)."""
    return sorted(name for name in template_names(source) if name.split(".")[0] not in known)
