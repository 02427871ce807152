"""`coach slack --socket` (the Slack app over Socket Mode) and `coach digest`."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Annotated, Optional

import typer

from assistant.cli import common


def slack(
    socket: Annotated[bool, typer.Option("--socket", help="Connect over Socket Mode (needs COACH_SLACK_APP_TOKEN=xapp-...).")] = False,
) -> None:
    """Run the Slack app over Socket Mode. (HTTP mode runs inside `coach serve` at /slack/events.)"""
    if not socket:
        common.fail("HTTP mode runs inside `coach serve` (POST /slack/events); use `coach slack --socket` "
                    "for Socket Mode")
    from assistant.coach import Coach
    from assistant.slack.directory import StorePeople
    from assistant.slack.socket import check_socket_settings, run_socket_mode

    config = common.settings()
    with common.user_errors():
        check_socket_settings(config)
        coach = Coach(config)
        typer.echo("Slack app connected over Socket Mode; Ctrl-C to stop.", err=True)
        try:
            asyncio.run(run_socket_mode(config, coach, StorePeople(coach)))
        except KeyboardInterrupt:
            pass


def digest(
    user: Annotated[Optional[str], typer.Option("--user", help="Only this account manager (a Coach user name).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the digest instead of sending it; nothing is recorded.")] = False,
    today: Annotated[Optional[dt.datetime], typer.Option("--today", formats=["%Y-%m-%d"], help="As of this date.")] = None,
) -> None:
    """Send each account manager a Slack DM with what changed in their book since the last digest
    (run it weekly from cron). Nothing is sent to someone whose book did not change."""
    from assistant.coach import Coach
    from assistant.slack.texts import load_texts

    config = common.settings()
    day = today.date() if today else None
    with common.user_errors():
        coach = Coach(config)
        if dry_run:
            from assistant.slack.blocks import digest_text
            from assistant.slack.directory import StorePeople

            names = [user] if user else [p.name for p in StorePeople(coach).linked()]
            if not names:
                common.fail("no user has a linked Slack account; name one with --user NAME")
            texts = load_texts(config.prompts_dir)
            for name in names:
                result = coach.digest(name, today=day)
                if result.empty:
                    typer.echo(f"{result.owner}: nothing changed since the last digest; nothing would be sent.")
                else:
                    typer.echo(f"To {result.owner}:\n{digest_text(result, texts)}\n")
            return
        if not config.slack_bot_token:
            common.fail("sending the digest needs COACH_SLACK_BOT_TOKEN=xoxb-... (or use --dry-run)")
        from assistant.slack.app import web_client
        from assistant.slack.digest import send_digests
        from assistant.slack.directory import StorePeople

        async def send():
            client = web_client(config)
            try:
                return await send_digests(config, coach, StorePeople(coach), client, only=user, today=day)
            finally:
                await client.aclose()

        outcomes = asyncio.run(send())
    if user and not outcomes:
        common.fail(f"'{user}' has no linked Slack account (coach users link-slack {user} SLACK_ID)")
    for sent in outcomes:
        typer.echo(f"{sent.user}: {sent.status}{f' ({sent.detail})' if sent.detail else ''}")
    if any(s.status == "failed" for s in outcomes):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("slack")(slack)
    app.command("digest")(digest)
