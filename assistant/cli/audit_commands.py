"""`coach audit list|show`: read the audit log (every answer, verdict, draft, plan, diff and import)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from assistant.cli import common

audit_app = typer.Typer(help="Read the audit log: who asked what, the answer, and the rule-set version.",
                        no_args_is_help=True)
Day = {"formats": ["%Y-%m-%d"]}


def _summary(entry: dict) -> str:
    """One line about the payload: the verdict, the draft's outcome, the file imported..."""
    payload = entry.get("payload") or {}
    verdict = payload.get("verdict")
    if isinstance(verdict, dict):
        verdict = verdict.get("verdict")
    parts = [str(payload[k]) for k in ("product", "file", "question", "kind") if isinstance(payload.get(k), str)]
    if isinstance(verdict, str):
        parts.append(verdict)
    if "approved" in payload:
        parts.append("approved" if payload["approved"] else "rejected")
    text = " · ".join(parts)
    return text if len(text) <= 80 else text[:79] + "…"


def _plain(entry: dict) -> dict:
    out = dict(entry)
    out["at"] = entry["at"].isoformat(timespec="seconds") if entry.get("at") else None
    out["account"] = out.pop("account_key", None)
    return out


@audit_app.command("list")
def audit_list(
    user: Annotated[Optional[str], typer.Option("--user", help="Only entries of this user.")] = None,
    account: Annotated[Optional[str], typer.Option("--account", help="Only entries about this account.")] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", help="A kind (verdict, draft, ...) or its prefix "
                                                "(import matches import.history).")] = None,
    since: Annotated[Optional[dt.datetime], typer.Option("--from", help="From this day (UTC).", **Day)] = None,
    until: Annotated[Optional[dt.datetime], typer.Option("--to", help="Up to and including this day.", **Day)] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="At most this many, newest first.")] = 50,
    json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Audit entries, newest first."""
    first, last = common.day(since, "--from"), common.day(until, "--to")
    if first and last and last < first:
        common.fail(f"--to {last} is before --from {first}")
    with common.user_errors():
        coach = common.make_coach()
        if kind is not None:
            known = coach.audit_kinds()
            if not any(k == kind or k.startswith(kind + ".") for k in known):
                common.fail(f"no audit entries of kind '{kind}' (kinds on record: {', '.join(known) or 'none'})")
        entries = coach.audit_entries(
            kind, limit, user=user, account=account,
            since=dt.datetime.combine(first, dt.time()) if first else None,
            until=dt.datetime.combine(last + dt.timedelta(days=1), dt.time()) if last else None)
    if json:
        common.print_json([_plain(e) for e in entries])
        return
    if not entries:
        typer.echo("No audit entries match.")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=None)
    for column in ("id", "at (UTC)", "kind", "user", "account", "rules", "summary"):
        table.add_column(column, no_wrap=column in ("id", "at (UTC)"))
    for e in entries:
        table.add_row(str(e["id"]), e["at"].isoformat(sep=" ", timespec="seconds"), e["kind"], e["user"] or "",
                      e["account_key"] or "", e["ruleset_version"] or "", _summary(e))
    Console().print(table)


@audit_app.command("show")
def audit_show(
    entry_id: Annotated[int, typer.Argument(help="The entry's id (from `coach audit list`).", min=1)],
    json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """One entry in full: when, who, the rule-set version and the payload (question, answer, facts)."""
    with common.user_errors():
        entry = common.make_coach().audit_entry(entry_id)
    if entry is None:
        common.fail(f"no audit entry {entry_id} (`coach audit list` shows the newest)")
    plain = _plain(entry)
    if json:
        common.print_json(plain)
        return
    typer.echo(f"#{plain['id']} {plain['kind']} at {plain['at']} UTC")
    typer.echo(f"user: {plain['user'] or '?'} · session: {plain['session_id'] or '-'} · "
               f"account: {plain['account'] or '-'} · rule set: {plain['ruleset_version'] or '-'}")
    typer.echo(common.json_text(plain["payload"]))


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")
