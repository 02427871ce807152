"""`coach policy diff`: what a proposed rules folder or parameter file would do to the book."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from assistant.cli import common

FORMATS = ("table", "markdown", "json")


def diff_command(
    rules: Annotated[Optional[Path], typer.Option("--rules", help="The proposed rules folder "
                                                  "(default: today's, with --params).")] = None,
    params: Annotated[Optional[Path], typer.Option("--params", help="A parameters file whose values override "
                                                   "the proposed folder's parameters.yaml (any subset).")] = None,
    format: Annotated[str, typer.Option("--format", help="table | markdown | json")] = "table",
    today: Annotated[Optional[dt.datetime], typer.Option(formats=["%Y-%m-%d"], help="Evaluate as of this date.")] = None,
    owner: Annotated[Optional[str], typer.Option(help="Only this account manager's book.")] = None,
    limit: Annotated[int, typer.Option(min=-1, help="Moved plays listed in table/markdown (-1: all).")] = 50,
    workers: Annotated[Optional[int], typer.Option(min=1, help="Processes to use (default: one per CPU).")] = None,
) -> None:
    """Evaluate every play of every account under today's rules and the proposed ones; show what moves."""
    from assistant.policy.diff import default_workers, diff_book
    from assistant.policy.diff_report import print_table, render_json, render_markdown
    from assistant.policy.rules import load_ruleset

    if format not in FORMATS:
        common.fail(f"--format must be one of {', '.join(FORMATS)}, not '{format}'")
    if rules is None and params is None:
        common.fail("give --rules OTHER_RULES_DIR and/or --params FILE: the proposal to compare with today's rules")
    if params is not None and not params.is_file():
        common.fail(f"parameters file not found: {params}")
    settings = common.settings()
    when = common.day(today, "--today") or dt.date.today()
    with common.user_errors():
        current = load_ruleset(settings.rules_dir)
        proposed = load_ruleset(rules or settings.rules_dir, params_file=params)
        store = common.open_store(settings)
        owner = common.owner(store, owner, settings)
        catalog = store.catalog()
        total = store.count_accounts(owner)
        accounts = store.accounts(owner=owner, batch_size=500)
        processes = workers or (default_workers() if total > 500 else 1)
        if sys.stdout.isatty() and format == "table":
            report = _with_progress(current, proposed, accounts, catalog, when, total, processes)
        else:
            report = diff_book(current, proposed, accounts, catalog, when, workers=processes)
    if format == "json":
        typer.echo(render_json(report))
    elif format == "markdown":
        typer.echo(render_markdown(report, limit), nl=False)
    else:
        from rich.console import Console

        print_table(report, Console(), limit)


def _with_progress(current, proposed, accounts, catalog, when, total, processes):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from assistant.policy.diff import diff_book

    columns = (TextColumn("evaluating the book"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    # no refresh thread (auto_refresh=False): worker processes are forked while the bar is shown
    with Progress(*columns, transient=True, auto_refresh=False) as progress:
        task = progress.add_task("accounts", total=total)

        def advance(n: int) -> None:
            progress.advance(task, n)
            progress.refresh()

        return diff_book(current, proposed, accounts, catalog, when, workers=processes, on_progress=advance)


def register(app: typer.Typer) -> None:
    from assistant.cli.policy_commands import policy_app

    policy_app.command("diff")(diff_command)
