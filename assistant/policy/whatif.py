"""`--what-if NAME=VALUE`: parse hypothetical changes and apply them to a copy of an account/play.

The store's records are never touched: every call deep-copies first. Names and values are
checked up front, and an error lists what is accepted (names, allowed values, ranges).
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Sequence

from assistant.domain import Account, Catalog, Play
from assistant.errors import CoachError
from assistant.policy.lift_config import LiftConfig, load_lift_config
from assistant.policy.mutators import MUTATORS, Mutator, NotApplicable, Target, find_mutator

_TRUE, _FALSE = ("true", "yes", "1"), ("false", "no", "0")


class WhatIfError(CoachError):
    """A what-if that cannot be understood or does not fit the account."""


def accepted_names() -> list[str]:
    return sorted(MUTATORS)


def _number(mutator: Mutator, raw: str, config: LiftConfig):
    spec = config.changes.get(mutator.name)
    low, high = spec.range if spec and spec.range else (None, None)
    text = raw.strip()
    try:
        # "90%" means 0.9 where the name is a share (range up to 1)
        value = float(text[:-1]) / 100 if text.endswith("%") and high == 1 else float(text)
    except ValueError:
        raise WhatIfError(f"{mutator.name} needs a number" + (f" from {low:g} to {high:g}" if low is not None else "")
                          + f", not '{raw}'") from None
    if low is not None and not low <= value <= high:
        raise WhatIfError(f"{mutator.name} must be from {low:g} to {high:g}, not {value:g}")
    return int(value) if spec and spec.step and float(spec.step).is_integer() and value.is_integer() else value


def parse_value(mutator: Mutator, raw: str, config: LiftConfig, account: Account | None = None):
    """The typed value of `raw` for this change, or a WhatIfError saying what is accepted."""
    text = raw.strip()
    if mutator.kind == "number":
        return _number(mutator, text, config)
    if mutator.kind == "bool":
        if text.casefold() in _TRUE + _FALSE:
            return text.casefold() in _TRUE
        raise WhatIfError(f"{mutator.name} must be true or false, not '{raw}'")
    if mutator.kind == "enum":
        match = next((v for v in mutator.domain if v.casefold() == text.casefold()), None)
        if match is None:
            raise WhatIfError(f"{mutator.name} must be one of {', '.join(mutator.domain)}, not '{raw}'")
        return match
    if mutator.kind == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise WhatIfError(f"{mutator.name} needs a date as YYYY-MM-DD, not '{raw}'") from None
    if mutator.kind == "name" and account is not None:
        person = account.stakeholder(text)
        if person is None:
            known = ", ".join(p.name for p in account.stakeholders) or "none on record"
            raise WhatIfError(f"{mutator.name}: '{raw}' is not a stakeholder of {account.name} (stakeholders: {known})")
        return person.name
    if not text:
        raise WhatIfError(f"{mutator.name} needs a value")
    return text


def parse_what_if(expression: str, config: LiftConfig | None = None,
                  account: Account | None = None) -> tuple[str, object]:
    """'renewal.risk=low' -> ('renewal.risk', 'low'), with the value typed and checked."""
    config = config or load_lift_config()
    name, sep, raw = expression.partition("=")
    if not sep or not name.strip():
        raise WhatIfError(f"a what-if is NAME=VALUE, e.g. utilization=0.9, not '{expression}'; "
                          f"names: {', '.join(accepted_names())}")
    mutator = find_mutator(name)
    if mutator is None:
        raise WhatIfError(f"unknown what-if '{name.strip()}'; accepted names: {', '.join(accepted_names())}")
    return mutator.name, parse_value(mutator, raw, config, account)


def format_what_if(name: str, value) -> str:
    """The NAME=VALUE text that parse_what_if reads back to the same change."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, float):
        text = repr(value)
    else:
        text = str(value)
    return f"{name}={text}"


def apply_changes(account: Account, play: Play, changes: Iterable[tuple[str, object]], *,
                  catalog: Catalog | None = None, config: LiftConfig | None = None,
                  today: dt.date | None = None) -> tuple[Account, Play]:
    """Apply already-typed (name, value) changes to copies of `account` and `play`."""
    target = Target(account.model_copy(deep=True), play.model_copy(deep=True), catalog,
                    config or load_lift_config(), today)
    for name, value in changes:
        try:
            MUTATORS[name].apply(target, value)
        except NotApplicable as exc:
            raise WhatIfError(f"{name}: {exc}") from None
    return target.account, target.play


def apply_what_ifs(account: Account, play: Play, expressions: Sequence[str], *,
                   catalog: Catalog | None = None, config: LiftConfig | None = None,
                   today: dt.date | None = None) -> tuple[Account, Play]:
    """Parse every `NAME=VALUE` and return changed copies; the originals are left as they are.

    Pass the catalog where you have it: changes about the played product (utilization,
    adjacent_share, executive_priority, ...) resolve it through the catalog's names and aliases.
    """
    config = config or load_lift_config()
    parsed = [parse_what_if(text, config, account) for text in expressions]
    return apply_changes(account, play, parsed, catalog=catalog, config=config, today=today)
