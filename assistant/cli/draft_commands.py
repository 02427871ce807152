"""`coach draft` and `coach qbr`: approved talk tracks from the shell.

A talk track is shown only after the rules approved it (assistant.approval.gate); when the
verdict is not `pitch`, the command shows the remedy plan and why no pitch is drafted.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from assistant.cli import common

Today = typer.Option(formats=["%Y-%m-%d"], help="Evaluate as of this date.")
_PART_TITLES = (("outcome_anchor", "Outcome anchor"), ("next_step", "Next step"), ("ask", "Ask"))


def render_talk_track(result) -> str:
    """Plain text for a TalkTrack or a NoDraft (assistant.approval.gate)."""
    label = f"{result.account}: {result.product} ({result.motion.replace('_', '-')})"
    if result.kind == "no_draft":
        lines = [f"No talk track for {label}: the verdict is {result.verdict.upper()}, so no pitch is drafted.",
                 "", "Why:", *[f"- {line}" for line in result.why]]
        if result.remedies:
            lines += ["", "Remedy plan:", *[f"- {step}" for step in result.remedies]]
        return "\n".join(lines)
    lines = [f"Talk track for {label}",
             f"Drafted by {result.drafter_name}; passed approval (rules {result.approval.ruleset_version}).", ""]
    for number, (key, title) in enumerate(_PART_TITLES, start=1):
        lines += [f"{number}. {title}", f"   {getattr(result.parts, key)}"]
    if result.notes:
        lines += ["", "Notes:", *[f"- {note}" for note in result.notes]]
    return "\n".join(lines)


def draft(
    account: Annotated[str, typer.Argument(help="Account name, e.g. \"Acme Corp\".")],
    product: Annotated[str, typer.Argument(help="Catalog product or alias, e.g. \"Data Quality\".")],
    change: Annotated[Optional[str], typer.Option(
        "--change", help="more_capacity|more_seats|more_volume|higher_tier|longer_term|new_product")] = None,
    to: Annotated[Optional[str], typer.Option("--to", help="The person the talk track is for.")] = None,
    amount: Annotated[Optional[float], typer.Option(help="Proposed annual value.")] = None,
    today: Annotated[Optional[dt.datetime], Today] = None,
    json: Annotated[bool, typer.Option("--json", help="The same answer as JSON.")] = False,
) -> None:
    """Draft the talk track for a play (three parts, approved by the rules), or say why not."""
    from assistant.approval.gate import produce_talk_track
    from assistant.coach import Coach
    from assistant.domain import Play

    with common.user_errors():
        settings = common.settings()
        coach = Coach(settings)
        record, notes = coach.find_account(account)
        catalog = coach.catalog()
        play = common.validated(lambda: Play(product=product, change=change, amount=amount, pitch_to=to))
        play, play_notes = coach.resolve_play(record, catalog, play)
        notes += play_notes
        verdict = coach.evaluate(record, catalog, play, common.day(today, "--today") or dt.date.today())
        verdict.name_notes = notes
        result = produce_talk_track(verdict, record, catalog, settings, audit=coach.store.audit)
    if json:
        common.print_json({**result.model_dump(mode="json"), "name_notes": notes})
        return
    for note in notes:
        typer.echo(f"Note: {note}")
    typer.echo(render_talk_track(result))


def qbr(
    account: Annotated[str, typer.Argument(help="Account name.")],
    format: Annotated[str, typer.Option("--format", help="markdown or json.")] = "markdown",
    today: Annotated[Optional[dt.datetime], Today] = None,
) -> None:
    """A QBR talk track: outcomes, value realized, priorities, and what comes next."""
    if format not in ("markdown", "json"):
        common.fail(f"--format must be markdown or json, not {format!r}")
    from assistant.coach import Coach
    from assistant.drafting.qbr import qbr_talk_track

    with common.user_errors():
        settings = common.settings()
        coach = Coach(settings)
        when = common.day(today, "--today") or dt.date.today()
        record, _ = coach.find_account(account)
        verdicts = coach.plays(record.name, when)
        result = qbr_talk_track(record, verdicts, coach.catalog(), settings, audit=coach.store.audit, today=when)
    if format == "json":
        common.print_json(result.model_dump(mode="json"))
        return
    typer.echo(result.markdown(settings.prompts_dir), nl=False)


def register(app: typer.Typer) -> None:
    app.command("draft")(draft)
    app.command("qbr")(qbr)
