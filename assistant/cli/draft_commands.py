"""`coach draft` and `coach qbr`: approved talk tracks from the shell.

A talk track is shown only after the rules approved it (assistant.talk_tracks.gate); when the
verdict is not `pitch`, the command shows the remedy plan and why no pitch is drafted.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from assistant.cli import common

Today = typer.Option(formats=["%Y-%m-%d"], help="Evaluate as of this date.")


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
    from assistant.render.talk_track_text import render_talk_track

    with common.user_errors():
        result = common.make_coach().draft(account, product, change=change, pitch_to=to, amount=amount,
                                           today=common.day(today), user=common.current_user())
    if json:
        common.print_result(result)
        return
    typer.echo(render_talk_track(result))


def qbr(
    account: Annotated[str, typer.Argument(help="Account name.")],
    format: Annotated[str, typer.Option("--format", help="markdown or json.")] = "markdown",
    today: Annotated[Optional[dt.datetime], Today] = None,
) -> None:
    """A QBR talk track: outcomes, value realized, priorities, and what comes next."""
    if format not in ("markdown", "json"):
        common.fail(f"--format must be markdown or json, not {format!r}")
    with common.user_errors():
        result = common.make_coach().qbr(account, today=common.day(today), user=common.current_user())
    if format == "json":
        common.print_result(result)
        return
    typer.echo(result.markdown, nl=False)


def register(app: typer.Typer) -> None:
    app.command("draft")(draft)
    app.command("qbr")(qbr)
