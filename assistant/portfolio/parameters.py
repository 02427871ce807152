"""The portfolio's parameters: rules/portfolio.yaml plus focus_share/focus_min and the
dissatisfaction floors from rules/parameters.yaml. Validated at load, with the file and key named.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ConfigDict, Field, ValidationError

from assistant.errors import describe_validation
from assistant.policy.errors import RuleLoadError
from assistant.policy.rules import RuleSet, read_rules_file
from assistant.strict import StrictModel

PORTFOLIO_FILE = "portfolio.yaml"


class _Strict(StrictModel):
    model_config = ConfigDict(frozen=True)  # and strict, like every file format we define


class Layer(_Strict):
    name: str
    prefixes: tuple[str, ...] = Field(min_length=1)
    # Non-negative weights keep the score monotone: a new signal can only raise it.
    weight: float = Field(ge=0)

    def matches(self, code: str) -> bool:
        return code.startswith(self.prefixes)


class Density(_Strict):
    layers: tuple[Layer, ...] = Field(min_length=1)


class FollowUp(_Strict):
    window_days: int = Field(gt=0)
    nps_drop_points: float = Field(gt=0)


class Run(_Strict):
    batch_size: int = Field(gt=0)
    parallel_from: int = Field(ge=1)
    chunk_size: int = Field(gt=0)
    max_workers: int = Field(ge=1)
    rule_cache_entries: int = Field(ge=1)


class _File(_Strict):
    density: Density
    followup: FollowUp
    run: Run


class PortfolioParams(_Strict):
    density: Density
    followup: FollowUp
    run: Run
    focus_share: float = Field(ge=0, le=1)
    focus_min: int = Field(ge=0)
    nps_floor: float
    csat_floor: float
    code_layers: dict[str, int] = Field(default_factory=dict)  # signal code -> layer index (at load)

    def layer_of(self, code: str) -> int:
        found = self.code_layers.get(code)
        if found is not None:
            return found
        for index, layer in enumerate(self.density.layers):
            if layer.matches(code):
                return index
        raise KeyError(code)

    @property
    def layer_names(self) -> tuple[str, ...]:
        return tuple(layer.name for layer in self.density.layers)


def _check_layers(density: Density, reason_codes: dict, where: str) -> None:
    """Every signal code of the vocabulary belongs to exactly one layer, so none is silently dropped."""
    for code, entry in reason_codes.items():
        if entry.get("kind") != "signal":
            continue
        owners = [layer.name for layer in density.layers if layer.matches(code)]
        if len(owners) != 1:
            found = f"layers {owners}" if owners else "no layer"
            raise RuleLoadError(where, "density.layers",
                                f"signal code '{code}' matches {found}; it must match exactly one prefix")


def load_portfolio_params(ruleset: RuleSet, path: Path | None = None) -> PortfolioParams:
    path = Path(path or ruleset.directory / PORTFOLIO_FILE)
    try:
        parsed = _File.model_validate(read_rules_file(path))
    except ValidationError as exc:
        problems = describe_validation(exc)
        raise RuleLoadError(str(path), None, problems) from None
    _check_layers(parsed.density, ruleset.reason_codes, str(path))
    params = ruleset.params
    missing = [k for k in ("focus_share", "focus_min", "nps_floor", "csat_floor") if k not in params]
    if missing:
        raise RuleLoadError(str(ruleset.directory / "parameters.yaml"), None,
                            f"missing parameter(s) {', '.join(missing)} (the portfolio needs them)")
    try:
        layers = {code: index for code, entry in ruleset.reason_codes.items() if entry.get("kind") == "signal"
                  for index, layer in enumerate(parsed.density.layers) if layer.matches(code)}
        return PortfolioParams(density=parsed.density, followup=parsed.followup, run=parsed.run, code_layers=layers,
                               **{k: params[k] for k in ("focus_share", "focus_min", "nps_floor", "csat_floor")})
    except ValidationError as exc:
        problems = describe_validation(exc)
        raise RuleLoadError(str(ruleset.directory / "parameters.yaml"), None, problems) from None
