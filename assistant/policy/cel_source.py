"""CEL source text helpers: string literals, and parameters written in as literals.

Conditions are compiled with their parameter values in place (`params.saturation` becomes
`0.85`), so no evaluation has to convert the parameters into CEL values: that conversion was
a fifth of the cost of evaluating one play.
"""

from __future__ import annotations

import json
import re

STRING_LITERAL = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_PARAM = re.compile(r"(?<![\w.])params\.(\w+)")


def cel_literal(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return repr(value)  # 0 stays an int and 0.85 a double, as when read from params
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cel_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))}: {cel_literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"parameter value {value!r} cannot be written as a CEL literal")


def specialised(source: str, params: dict) -> str:
    """`params.x` -> its value as a CEL literal; string literals are left untouched."""
    out, at = [], 0
    for literal in STRING_LITERAL.finditer(source):
        out.append(_PARAM.sub(lambda m: cel_literal(params[m.group(1)]), source[at:literal.start()]))
        out.append(literal.group(0))
        at = literal.end()
    out.append(_PARAM.sub(lambda m: cel_literal(params[m.group(1)]), source[at:]))
    return "".join(out)
