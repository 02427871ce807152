"""Each parameter's declared type and range (rules/parameter_types.yaml), checked at load.

The declarations are data next to the parameters, so a new threshold gets its range in the
same change; parameters.yaml and every `--params` proposal are checked against them.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from assistant.errors import describe_validation
from assistant.policy.errors import RuleLoadError
from assistant.strict import StrictModel

TYPES_FILE = "parameter_types.yaml"


class ParameterType(StrictModel):
    type: Literal["number", "integer", "text", "texts"]
    min: float | None = None
    max: float | None = None

    def expected(self) -> str:
        noun = {"number": "a number", "integer": "a whole number", "text": "a text",
                "texts": "a list of texts"}[self.type]
        if self.min is not None and self.max is not None:
            return f"{noun} from {self.min:g} to {self.max:g}"
        if self.min is not None:
            return f"{noun} of at least {self.min:g}"
        if self.max is not None:
            return f"{noun} of at most {self.max:g}"
        return noun

    def accepts(self, value) -> bool:
        if self.type == "text":
            return isinstance(value, str)
        if self.type == "texts":
            return isinstance(value, list) and all(isinstance(v, str) for v in value)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return False
        if self.type == "integer" and not float(value).is_integer():
            return False
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


def load_parameter_types(path: Path, read_yaml) -> dict[str, ParameterType]:
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise RuleLoadError(str(path), None, "expected a mapping of parameter names to {type, min, max}")
    types = {}
    for name, entry in raw.items():
        try:
            types[str(name)] = ParameterType.model_validate(entry)
        except ValidationError as exc:
            raise RuleLoadError(str(path), None, f"parameter '{name}': {describe_validation(exc)}") from None
    return types


def check_parameter_types(path: Path, params: dict, types: dict[str, ParameterType]) -> None:
    """Every parameter is declared and its value has the declared type and range."""
    for name, value in params.items():
        declared = types.get(name)
        if declared is None:
            raise RuleLoadError(str(path), None, f"parameter '{name}' has no declared type; "
                                f"add it to rules/{TYPES_FILE} (e.g. {name}: {{type: number, min: 0, max: 1}})")
        if not declared.accepts(value):
            raise RuleLoadError(str(path), None, f"parameter '{name}': {value!r} is not {declared.expected()} "
                                f"(declared in rules/{TYPES_FILE})")
