"""Load the policy from `rules/`: parameters, reason codes, motion plans and CEL rules.

Everything is validated and compiled once, at load: an unknown fact name, a CEL syntax error,
an unknown reason code or an uncited knowledge section fails with the file, the rule id and
the problem. The rule-set version is a content hash of every file under `rules/`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

import jinja2
from pydantic import ValidationError

from assistant.errors import describe_validation
from assistant.policy import cel_runtime as cel
from assistant.policy.cel_source import STRING_LITERAL, specialised
from assistant.policy.errors import RuleLoadError
from assistant.policy.parameter_types import TYPES_FILE, check_parameter_types, load_parameter_types
from assistant.policy.facts import FACT_ROOTS, FACT_SCHEMA
from assistant.policy.templates import LazyTemplate, check_names, compile_template, template_names
from assistant.strict import StrictModel
from assistant.yaml_io import DataFileError, read_yaml

EFFECTS = ("signal", "note", "prepare", "intervene", "hold")
# What a rule's message and remedy can read besides facts and params (engine.template_info).
TEMPLATE_INFO_KEYS = frozenset({"account", "product", "pitch_to", "serves", "used_by", "champions",
                                "bundled_with", "sponsor", "priority", "sponsor_basis", "priority_basis"})
# What a motion plan step can read (engine._plan).
PLAN_STEP_NAMES = frozenset({"account", "product", "sponsor", "priority", "champion", "used_by", "amount"})
MOTIONS = ("upsell", "cross_sell")
# Names a condition may use besides facts: the parameters and the codes fired in earlier phases.
SPECIAL_ROOTS = frozenset({"params", "fired"})
_DOTTED_NAME = re.compile(r"(?<![\w.])([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)")
_MACRO_VARIABLE = re.compile(r"\.(?:exists|all|exists_one|map|filter)\(\s*([A-Za-z_]\w*)\s*,")
_CEL_WORDS = frozenset({"has", "true", "false", "null", "in", "size", "int", "double", "string", "bool",
                        "type", "duration", "timestamp", "matches"})


class ReasonCodeSpec(StrictModel):
    """One entry of reason_codes.yaml: an unquoted comma in a flow mapping would split the label
    into stray keys, so anything but `kind` and `label` is an error."""

    kind: Literal["signal", "blocker", "note", "draft"]
    label: str


def _reason_codes(path: Path) -> dict[str, dict]:
    codes = read_rules_file(path)
    if not isinstance(codes, dict) or not codes:
        raise RuleLoadError(str(path), None, "expected a mapping of reason codes to {kind, label}")
    for code, entry in codes.items():
        try:
            ReasonCodeSpec.model_validate(entry)
        except ValidationError as exc:
            raise RuleLoadError(str(path), code, describe_validation(exc)) from None
    return codes


class RuleSpec(StrictModel):
    """One rule as written in a rule file."""

    id: str
    code: str
    motions: list[Literal["upsell", "cross_sell"]]
    effect: Literal["signal", "note", "prepare", "intervene", "hold"]
    when: str
    message: str
    evidence: list[str] = []
    remedy: str | None = None
    cites: list[str]
    phase: int | None = None


class LoadedFromSpec:
    """A rule or check as loaded from its file: its id and reason code are its spec's."""

    spec: RuleSpec  # or any spec with `id` and `code` (a draft check's)

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def code(self) -> str:
        return self.spec.code


@dataclass
class Rule(LoadedFromSpec):
    spec: RuleSpec
    file: str
    program: object
    message: LazyTemplate
    remedy: LazyTemplate | None
    phase: int


@dataclass
class MotionPlan:
    label: LazyTemplate
    steps: list[LazyTemplate]
    cites: list[str]


@dataclass
class RuleSet:
    rules: list[Rule]
    params: dict
    reason_codes: dict[str, dict]
    motions: dict[str, MotionPlan]
    version: str
    directory: Path
    phases: list[int] = field(default_factory=list)

    def rules_for(self, motion: str, phase: int) -> list[Rule]:
        return [r for r in self.rules if r.phase == phase and motion in r.spec.motions]


def read_rules_file(path: Path):
    """A YAML file of the rules folder, or a RuleLoadError naming it (a missing one says the
    folder must contain it)."""
    try:
        return read_yaml(path)
    except DataFileError as exc:
        if exc.problem == "file not found":
            raise RuleLoadError(str(path), None, "file not found; the rules folder must contain it") from None
        raise RuleLoadError(str(path), None, exc.problem) from None


# Conditions compiled and read once per text and process, as templates are (templates.py): every
# Coach loads its rules anew (a web or Slack worker once, the test suite once per test), and the
# texts are mostly the same. A compiled program keeps no state between runs: each runs in its own
# Context. A syntax error is not kept: it is raised at every load.
_CONDITIONS_KEPT = 4096  # a memory bound: the shipped rules have a few hundred conditions


@lru_cache(maxsize=_CONDITIONS_KEPT)
def _compiled_condition(source: str):
    return cel.compile(source)


def referenced_names(expression: str) -> set[str]:
    """Dotted names a CEL expression reads, minus macro variables, keywords and method calls."""
    return set(_referenced_names(expression))


@lru_cache(maxsize=_CONDITIONS_KEPT)
def _referenced_names(expression: str) -> frozenset[str]:
    source = STRING_LITERAL.sub('""', expression)
    macro_vars = set(_MACRO_VARIABLE.findall(source))
    names = set()
    for match in _DOTTED_NAME.finditer(source):
        name = match.group(1)
        end = match.end(1)
        parts = name.split(".")
        if end < len(source) and source[end] == "(":
            parts = parts[:-1]  # a call: foo.startsWith(...) reads foo
        if not parts or parts[0] in macro_vars or parts[0] in _CEL_WORDS:
            continue
        names.add(".".join(parts))
    return frozenset(names)


def _check_names(rule: RuleSpec, file: str, params: dict, names: set[str]) -> None:
    for name in sorted(names):
        root = name.split(".")[0]
        if root == "params":
            key = name.split(".")[1] if "." in name else None
            if key is None:
                raise RuleLoadError(file, rule.id, "read parameters by name (params.NAME), not 'params' as a whole")
            if key not in params:
                raise RuleLoadError(file, rule.id, f"unknown parameter '{name}' (parameters.yaml has: "
                                    f"{', '.join(sorted(params))})")
        elif root == "fired":
            continue
        elif root not in FACT_ROOTS or name not in FACT_SCHEMA and not any(
                f.startswith(name + ".") for f in FACT_SCHEMA):
            raise RuleLoadError(file, rule.id, f"unknown fact '{name}'; known facts: "
                                "see FACT_SCHEMA in assistant/policy/facts.py")


def _compile_rule(spec: RuleSpec, file: str, params: dict, codes: dict, sections: set[str] | None) -> Rule:
    kind = codes.get(spec.code, {}).get("kind")
    if kind is None:
        raise RuleLoadError(file, spec.id, f"unknown reason code '{spec.code}' (see reason_codes.yaml)")
    expected = {"signal": "signal", "note": "note"}.get(spec.effect, "blocker")
    if kind != expected:
        raise RuleLoadError(file, spec.id, f"code '{spec.code}' is a {kind}, but effect '{spec.effect}' makes a {expected}")
    try:
        _compiled_condition(spec.when)  # the source as written: syntax errors name the rule's own text
    except ValueError as exc:
        raise RuleLoadError(file, spec.id, f"CEL syntax error in 'when': {exc}") from None
    _check_names(spec, file, params, referenced_names(spec.when))
    program = _compiled_condition(specialised(spec.when, params))
    for path in spec.evidence:
        _check_names(spec, file, params, {path})
    if sections is not None:
        missing = [c for c in spec.cites if c not in sections]
        if missing:
            raise RuleLoadError(file, spec.id, f"cites unknown knowledge section(s) {missing}")
    if not spec.cites:
        raise RuleLoadError(file, spec.id, "cites no knowledge section; every rule must cite at least one")
    try:
        message = compile_template(spec.message)
        remedy = compile_template(spec.remedy) if spec.remedy else None
    except jinja2.TemplateSyntaxError as exc:
        raise RuleLoadError(file, spec.id, f"template syntax error: {exc}") from None
    for field_name, source in (("message", spec.message), ("remedy", spec.remedy)):
        if source:
            _check_template_names(spec, file, params, field_name, source)
    _check_condition_type(spec, file, program)
    if expected == "blocker" and remedy is None:
        raise RuleLoadError(file, spec.id, "a blocker needs a remedy")
    uses_fired = "fired" in referenced_names(spec.when)
    phase = spec.phase or (1 if spec.effect == "signal" else 2)
    if uses_fired and phase < 2:
        raise RuleLoadError(file, spec.id, "a rule reading 'fired' needs phase 2 or later")
    return Rule(spec, file, program, message, remedy, phase)


def _check_template_names(rule: RuleSpec, file: str, params: dict, field_name: str, source: str) -> None:
    """An undefined name in a message fails here, at load, not on the verdict that renders it."""
    roots = FACT_ROOTS | SPECIAL_ROOTS | {"info"}
    for name in sorted(template_names(source)):
        root, _, rest = name.partition(".")
        if root not in roots:
            raise RuleLoadError(file, rule.id, f"{field_name} template reads undefined name '{name}' "
                                f"(templates can read facts, params.NAME and info.{{{', '.join(sorted(TEMPLATE_INFO_KEYS))}}})")
        if root == "info":
            key = rest.split(".")[0]
            if key not in TEMPLATE_INFO_KEYS:
                raise RuleLoadError(file, rule.id, f"{field_name} template reads undefined name '{name}' "
                                    f"(info has: {', '.join(sorted(TEMPLATE_INFO_KEYS))})")
        elif root != "fired":
            _check_names(rule, file, params, {name})


def _check_condition_type(rule: RuleSpec, file: str, program) -> None:
    """A condition that reads no fact is evaluated now: it must give true or false.

    Conditions that read facts are checked when they run (engine: a non-boolean result is an
    error naming the rule); a constant condition such as `"yes"` or `1 / 0` is caught here.
    """
    if referenced_names(rule.when) - {"fired"}:
        return
    try:
        result = program.execute(cel.Context({"fired": []}))
    except Exception as exc:  # noqa: BLE001 - the CEL runtime's errors are not one class
        raise RuleLoadError(file, rule.id, f"condition 'when' cannot be evaluated: {exc}") from None
    if not isinstance(result, bool):
        raise RuleLoadError(file, rule.id, f"condition 'when' gives {type(result).__name__} {result!r}, "
                            "not true or false")


def _check_params(path: Path, params: dict, base: dict | None = None) -> None:
    """Parameters are finite numbers, strings or lists of strings; an override keeps the base's type."""
    import math

    for name, value in params.items():
        ok = (isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)) \
            or isinstance(value, str) \
            or (isinstance(value, list) and all(isinstance(v, str) for v in value))
        if not ok:
            raise RuleLoadError(str(path), None, f"parameter '{name}': {value!r} is not a finite number, "
                                "a text or a list of texts")
        if base is not None and name in base:
            was = base[name]
            same = (isinstance(was, (int, float)) and isinstance(value, (int, float)) and not isinstance(value, bool)) \
                or type(was) is type(value)
            if not same:
                raise RuleLoadError(str(path), None, f"parameter '{name}': {value!r} is a {type(value).__name__}, "
                                    f"but parameters.yaml has a {type(was).__name__} ({was!r})")


def _load_motions(path: Path) -> dict[str, MotionPlan]:
    raw = read_rules_file(path) or {}
    if not isinstance(raw, dict):
        raise RuleLoadError(str(path), None, "expected a mapping of motion to its label and steps")
    plans = {}
    for motion in MOTIONS:
        entry = raw.get(motion)
        if not isinstance(entry, dict) or not entry.get("steps"):
            raise RuleLoadError(str(path), None, f"motion '{motion}' needs a label and steps")
        for source in [entry.get("label", motion), *entry["steps"]]:
            if not isinstance(source, str):
                raise RuleLoadError(str(path), motion, f"expected text for a label or step, got {source!r}")
            unknown = check_names(source, PLAN_STEP_NAMES)
            if unknown:
                raise RuleLoadError(str(path), motion, f"step reads undefined name(s) {unknown} "
                                    f"(steps can read: {', '.join(sorted(PLAN_STEP_NAMES))})")
        plans[motion] = MotionPlan(compile_template(entry.get("label", motion)),
                                   [compile_template(s) for s in entry["steps"]], entry.get("cites", []))
    return plans


def ruleset_version(directory: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*.yaml") if p.is_file()):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _known_sections(knowledge_dir: Path | None) -> set[str] | None:
    if knowledge_dir is None:
        return None
    from assistant.knowledge.sections import load_sections

    return set(load_sections(knowledge_dir))


def _overrides(path: Path, params: dict) -> dict:
    """A proposed parameters file: any subset of parameters.yaml, each key one it defines."""
    overrides = read_rules_file(path)
    if not isinstance(overrides, dict):
        raise RuleLoadError(str(path), None, "expected a mapping of parameter names to values")
    unknown = sorted(set(overrides) - set(params))
    if unknown:
        raise RuleLoadError(str(path), None, f"unknown parameter(s) {unknown}; parameters.yaml defines: "
                            f"{', '.join(sorted(params))}")
    return overrides


def load_ruleset(directory: Path, knowledge_dir: Path | None = None, params_file: Path | None = None) -> RuleSet:
    """Load and validate every rule under `directory`; `params_file` overrides some parameters."""
    directory = Path(directory)
    if not directory.is_dir():
        raise RuleLoadError(str(directory), None, "rules folder not found; set COACH_RULES_DIR")
    params_path = directory / "parameters.yaml"
    params = read_rules_file(params_path)
    if not isinstance(params, dict):
        raise RuleLoadError(str(params_path), None, "expected a mapping of parameter names to values")
    _check_params(params_path, params)
    types = load_parameter_types(directory / TYPES_FILE, read_rules_file)
    check_parameter_types(params_path, params, types)
    if params_file is not None:
        overrides = _overrides(Path(params_file), params)
        _check_params(Path(params_file), overrides, params)
        check_parameter_types(Path(params_file), overrides, types)
        params = {**params, **overrides}
    codes = _reason_codes(directory / "reason_codes.yaml")
    sections = _known_sections(knowledge_dir)
    rules: list[Rule] = []
    seen: set[str] = set()
    rule_files = sorted((directory / "policy").glob("*.yaml"))
    if not rule_files:
        raise RuleLoadError(str(directory / "policy"), None, "no rule files (*.yaml) found")
    for path in rule_files:
        entries = read_rules_file(path)
        if entries is None or entries == []:
            raise RuleLoadError(str(path), None, "the rules file is empty; add rules or remove the file")
        if not isinstance(entries, list):
            raise RuleLoadError(str(path), None, "expected a list of rules")
        for index, entry in enumerate(entries):
            rule_id = entry.get("id") if isinstance(entry, dict) else None
            try:
                spec = RuleSpec.model_validate(entry)
            except ValidationError as exc:
                problems = describe_validation(exc)
                raise RuleLoadError(str(path), rule_id or f"#{index + 1}", problems) from None
            if spec.id in seen:
                raise RuleLoadError(str(path), spec.id, "duplicate rule id")
            seen.add(spec.id)
            rules.append(_compile_rule(spec, str(path), params, codes, sections))
    motions = _load_motions(directory / "motions.yaml")
    if sections is not None:
        for motion, plan in motions.items():
            missing = [c for c in plan.cites if c not in sections]
            if missing:
                raise RuleLoadError(str(directory / "motions.yaml"), motion, f"cites unknown section(s) {missing}")
    version = ruleset_version(directory)
    if params_file is not None:
        version = hashlib.sha256((version + Path(params_file).read_text()).encode()).hexdigest()[:12]
    return RuleSet(rules, params, codes, motions, version, directory, sorted({r.phase for r in rules}))
