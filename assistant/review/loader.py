"""Load rules/review/review.yaml once: patterns compiled, codes, sections and fix templates
checked, so a bad file fails at start with the file and the entry named."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.yaml_io import DataFileError, read_yaml
from pydantic import ValidationError

from assistant.approval.errors import DraftRulesError
from assistant.errors import describe_validation
from assistant.policy.templates import LazyTemplate, compile_template
from assistant.review import spec as s

REVIEW_FILE = Path("review") / "review.yaml"
# A review finding may carry a draft reason code, or a policy blocker code the text reveals.
_CODE_KINDS = ("draft", "blocker")


class ReviewRulesError(DraftRulesError):
    """rules/review is invalid; the message names the file, the entry and the problem."""


@dataclass
class ReviewRules:
    spec: s.ReviewFile
    file: str
    separator: re.Pattern
    salutation: re.Pattern
    closing: re.Pattern
    line_ends: re.Pattern
    list_item: re.Pattern
    not_claims: list[re.Pattern]
    checks: list  # review-only validators (assistant.review.checks)
    fixes: dict[str, LazyTemplate]
    version: str


def _compile(pattern: str, file: str, entry: str, flags: int = re.IGNORECASE) -> re.Pattern:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise ReviewRulesError(file, entry, f"bad regular expression {pattern!r}: {exc}") from None


def _parse(path: Path) -> s.ReviewFile:
    try:
        raw = read_yaml(path)
    except DataFileError as exc:
        raise ReviewRulesError(str(path), None, exc.problem) from None
    try:
        return s.ReviewFile.model_validate(raw or {})
    except ValidationError as exc:
        raise ReviewRulesError(str(path), None, describe_validation(exc)) from None


def load_review_rules(rules_dir: Path, codes: dict, sections: set[str] | None = None) -> ReviewRules:
    """`codes`: reason_codes.yaml as loaded by the draft checks; `sections`: known knowledge ids.
    A gate check kind without a scope in `gate_scopes` gets `default_scope`, so a new kind in
    rules/drafts works in reviews at once (tests/review/test_rules.py asks for an explicit one)."""
    from assistant.review.checks import build_check

    path = Path(rules_dir) / REVIEW_FILE
    file = str(path)
    spec = _parse(path)
    allowed = {c for c, e in codes.items() if isinstance(e, dict) and e.get("kind") in _CODE_KINDS}
    checks = []
    seen: set[str] = set()
    for entry in spec.checks:
        if entry.id in seen:
            raise ReviewRulesError(file, entry.id, "duplicate check id")
        seen.add(entry.id)
        if entry.code not in allowed:
            raise ReviewRulesError(file, entry.id, f"unknown code '{entry.code}' (a draft or blocker code "
                                   "of reason_codes.yaml)")
        if sections is not None and (missing := [c for c in entry.cites if c not in sections]):
            raise ReviewRulesError(file, entry.id, f"cites unknown knowledge section(s) {missing}")
        try:
            checks.append(build_check(entry, file))
        except re.error as exc:
            raise ReviewRulesError(file, entry.id, f"bad regular expression: {exc}") from None
    for code in spec.exec_committee.fails_on_codes:
        if code not in allowed:
            raise ReviewRulesError(file, "exec_committee", f"unknown code '{code}'")
    if sections is not None and (missing := [c for c in spec.exec_committee.cites if c not in sections]):
        raise ReviewRulesError(file, "exec_committee", f"cites unknown knowledge section(s) {missing}")
    fixes = {}
    for key, source in spec.fixes.items():
        try:
            fixes[key] = compile_template(" ".join(source.split()))
        except Exception as exc:  # a Jinja syntax error, named with its fix key
            raise ReviewRulesError(file, f"fixes.{key}", f"bad template: {exc}") from None
    needed = {c.code for c in checks} | set(spec.missing_parts) | {"draft.contradicts_verdict"}
    if missing_fixes := sorted(needed - set(fixes)):
        raise ReviewRulesError(file, "fixes", f"no fix for {missing_fixes}")
    return ReviewRules(
        spec=spec, file=file,
        separator=_compile(spec.message_separator, file, "message_separator", re.MULTILINE),
        salutation=_compile(spec.salutation, file, "salutation"),
        closing=_compile(spec.closing, file, "closing"),
        line_ends=_compile(spec.wrapped_lines.ends, file, "wrapped_lines.ends"),
        list_item=_compile(spec.wrapped_lines.list_item, file, "wrapped_lines.list_item"),
        not_claims=[_compile(p, file, "not_claims") for p in spec.not_claims],
        checks=checks, fixes=fixes, version=hashlib.sha256(path.read_bytes()).hexdigest()[:12],
    )
