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
    if format not in FORMATS:
        common.fail(f"--format must be one of {', '.join(FORMATS)}, not '{format}'")
    if rules is None and params is None:
        common.fail("give --rules OTHER_RULES_DIR and/or --params FILE: the proposal to compare with today's rules")
    if params is not None and not params.is_file():
        common.fail(f"parameters file not found: {params}")
    coach = common.make_coach()
    options = dict(rules_dir=rules, params=params, owner=owner, limit=limit, today=common.day(today),
                   workers=workers, user=common.current_user())
    with common.user_errors():
        if sys.stdout.isatty() and format == "table":
            result = _with_progress(coach, options)
        else:
            result = coach.policy_diff(**options)
    if format == "json":
        common.print_result(result)
    elif format == "markdown":
        from assistant.render.policy_diff import render_markdown

        typer.echo(render_markdown(result, limit), nl=False)
    else:
        _print_table(result, limit)


def _with_progress(coach, options):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    total = coach.count_accounts(options["owner"])
    columns = (TextColumn("evaluating the book"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    # no refresh thread (auto_refresh=False): worker processes are forked while the bar is shown
    with Progress(*columns, transient=True, auto_refresh=False) as progress:
        task = progress.add_task("accounts", total=total)

        def advance(n: int) -> None:
            progress.advance(task, n)
            progress.refresh()

        return coach.policy_diff(**options, progress=advance)


def _print_table(diff, limit: int) -> None:
    from rich.console import Console
    from rich.table import Table

    from assistant.render import policy_diff as text

    console = Console()
    for line in text.summary_lines(diff):
        console.print(line)
    verdicts = Table(title="Verdicts")
    for column in ("verdict", "today", "proposed"):
        verdicts.add_column(column, justify="left" if column == "verdict" else "right")
    for v, a, b in text.verdict_counts(diff):
        verdicts.add_row(v, str(a), str(b))
    console.print(verdicts)
    codes = text.code_counts(diff)
    if codes:
        table = Table(title="Reason codes")
        for column in ("code", "appeared", "disappeared"):
            table.add_column(column, justify="left" if column == "code" else "right")
        for c, a, d in codes:
            table.add_row(c, str(a), str(d))
        console.print(table)
    moves, hidden = text.shown_moves(diff, limit)
    if moves:
        table = Table(title="Verdicts that move")
        for column in text.MOVE_HEADERS:
            table.add_column(column)
        for move in moves:
            table.add_row(*text.move_row(move))
        console.print(table)
    if hidden:
        console.print(text.more_line(hidden))
    for error in diff.errors[:20]:
        console.print(f"could not evaluate: {error}")


def register(app: typer.Typer) -> None:
    from assistant.cli.policy_commands import policy_app

    policy_app.command("diff")(diff_command)
