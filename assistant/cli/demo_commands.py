"""`coach demo`: the main job over the demo portfolio, with no keys and no network.

The quarterly plan for the whole book, then three plays explained end to end: a capacity
upsell that is pitched (with its approved talk track), a cross-sell, and an account in an
adoption gap with what would lift it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from assistant.cli import common

# (account, product, change): the worked examples, all accounts of the shipped demo portfolio.
EXAMPLES = (("Acme Corp", "Data Platform", "more_capacity"), ("Acme Corp", "Data Quality", None),
            ("Borealis Freight", "Data Platform", "more_capacity"))


def demo(
    today: Annotated[Optional[dt.datetime], typer.Option(formats=["%Y-%m-%d"], help="Run as of this date.")] = None,
) -> None:
    """Run the demo portfolio: the quarterly plan and three plays explained end to end."""
    from assistant.render.plan_text import plan_markdown
    from assistant.render.talk_track_text import render_talk_track
    from assistant.render.verdict_text import render_verdict

    day = common.day(today)
    user = common.current_user()
    with common.user_errors():
        settings = common.settings()
        coach = common.make_coach(settings)
        known = {n.casefold() for n in coach.account_names()}
        missing = [name for name in {e[0] for e in EXAMPLES} if name.casefold() not in known]
        if missing:
            common.fail(f"the demo accounts ({', '.join(missing)}) are not in the store at {settings.sqlalchemy_url}; "
                        "point COACH_DATA_DIR at an empty folder to get a fresh demo store")
        catalog = coach.catalog()
        typer.echo(f"Demo portfolio of {catalog.vendor.name or 'the vendor'}: {coach.count_accounts()} accounts, "
                   f"data in {settings.data_dir}\n")
        typer.echo(plan_markdown(coach.plan(today=day, user=user)))
        for account_name, product, change in EXAMPLES:
            checked = coach.check(account_name, product, change=change, today=day, user=user)
            typer.echo("=" * 100)
            typer.echo(render_verdict(checked.verdict, checked.headline))
            typer.echo("")
            typer.echo(render_talk_track(coach.draft(account_name, product, change=change, today=day, user=user)))
            typer.echo("")


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
