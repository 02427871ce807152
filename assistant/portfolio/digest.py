"""The digest: what changed in an AM's book since the last one.

The book's state is the verdict of every candidate play of every account the AM owns; the
digest compares it with the state saved when the last digest was sent:
- a play that became pitchable (it was not `pitch` before), with the signals behind it;
- a play that became blocked (now `intervene` or `hold`, before `pitch` or `prepare`), with why
  and the remedy;
- an account whose renewal is within `renewal_window_days` (rules/digest.yaml) while an
  expansion is held back, told once per renewal date.
Nothing else is news, so an unchanged book gives an empty digest (and no message is sent).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable

from assistant.yaml_io import DataFileError, read_yaml
from pydantic import Field, ValidationError

from assistant.domain import Account, Verdict
from assistant.errors import CoachError, InvalidInput, describe_validation
from assistant.policy.errors import RuleLoadError
from assistant.strict import StrictModel

DIGEST_FILE = "digest.yaml"
PITCHABLE = {"pitch"}
BLOCKED = {"intervene", "hold"}
WAS_OPEN = {"pitch", "prepare"}


class DigestParams(StrictModel):
    renewal_window_days: int = Field(ge=0)


def load_digest_params(rules_dir: Path) -> DigestParams:
    path = Path(rules_dir) / DIGEST_FILE
    try:
        return DigestParams.model_validate(read_yaml(path) or {})
    except DataFileError as exc:
        raise RuleLoadError(str(path), None, exc.problem) from None
    except ValidationError as exc:
        raise RuleLoadError(str(path), None, describe_validation(exc)) from None


class PlayChange(StrictModel):
    account: str
    product: str
    change: str
    verdict: str
    before: str | None = None  # the verdict at the last digest (None: not seen then)
    signals: list[str] = Field(default_factory=list)  # what made it pitchable
    why: list[str] = Field(default_factory=list)  # what blocks it
    remedies: list[str] = Field(default_factory=list)


class RenewalNotice(StrictModel):
    account: str
    date: dt.date
    held_back: list[str] = Field(default_factory=list)  # "Product (change): verdict"


class Digest(StrictModel):
    """`Coach.digest`'s result (assistant.results.DigestResult; docs/schema/digest.json)."""

    owner: str
    today: dt.date
    since: dt.datetime | None = None  # when the last digest was sent (None: this is the first)
    became_pitchable: list[PlayChange] = Field(default_factory=list)
    became_blocked: list[PlayChange] = Field(default_factory=list)
    renewals: list[RenewalNotice] = Field(default_factory=list)
    state: dict = Field(default_factory=dict)  # to save once the digest is delivered

    @property
    def empty(self) -> bool:
        return not (self.became_pitchable or self.became_blocked or self.renewals)


def _play_key(verdict: Verdict) -> str:
    return f"{verdict.account}|{verdict.product}|{verdict.change}"


def _dedupe(items: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


def build_digest(owner: str, book: list[tuple[Account, list[Verdict]]], previous: dict | None,
                 since: dt.datetime | None, today: dt.date, params: DigestParams) -> Digest:
    """Compare the book (each account with the verdicts of its candidate plays) with `previous`."""
    before: dict[str, str] = (previous or {}).get("plays", {})
    told: set[str] = set((previous or {}).get("renewals", []))
    digest = Digest(owner=owner, today=today, since=since)
    plays: dict[str, str] = {}
    for account, verdicts in book:
        for verdict in verdicts:
            key, now = _play_key(verdict), verdict.verdict.value
            plays[key] = now
            was = before.get(key)
            common = dict(account=verdict.account, product=verdict.product, change=verdict.change,
                          verdict=now, before=was)
            if now in PITCHABLE and was not in PITCHABLE:
                digest.became_pitchable.append(PlayChange(**common, signals=[r.message for r in verdict.signals()]))
            elif now in BLOCKED and was in WAS_OPEN:
                blockers = verdict.blockers()
                digest.became_blocked.append(PlayChange(**common, why=_dedupe(r.message for r in blockers),
                                                        remedies=_dedupe(r.remedy for r in blockers)))
        renewal = account.renewal.date
        if renewal is None or not (today <= renewal <= today + dt.timedelta(days=params.renewal_window_days)):
            continue
        held = [f"{v.product} ({v.change}): {v.verdict.value}" for v in verdicts if v.verdict.value != "pitch"]
        notice_key = f"{account.name}|{renewal.isoformat()}"
        if held and notice_key not in told:
            digest.renewals.append(RenewalNotice(account=account.name, date=renewal, held_back=held))
        if held:
            told.add(notice_key)
    digest.state = {"plays": plays, "renewals": sorted(told)}
    return digest


def check_owner(owner: str) -> str:
    if not owner or not owner.strip():
        raise CoachError("the digest needs an account manager's name (--user NAME)")
    return owner.strip()
