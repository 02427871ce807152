"""`coach check`, `coach plays` and `coach policy test`: the deterministic heart, from the shell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from assistant.cli import common

policy_app = typer.Typer(help="Test and compare the policy (rules/).", no_args_is_help=True)

Change = typer.Option("--change", help="more_capacity|more_seats|more_volume|higher_tier|longer_term|new_product")


def check(
    account: Annotated[str, typer.Argument(help="Account name, e.g. \"Acme Corp\".")],
    product: Annotated[str, typer.Argument(help="Catalog product or alias, e.g. \"Data Quality\".")],
    change: Annotated[Optional[str], Change] = None,
    to: Annotated[Optional[str], typer.Option("--to", help="The person it would be pitched to.")] = None,
    amount: Annotated[Optional[float], typer.Option(help="Proposed annual value.")] = None,
    date: Annotated[Optional[dt.datetime], typer.Option("--date", formats=["%Y-%m-%d"], help="Proposed date.")] = None,
    reason: Annotated[str, typer.Option("--reason", help="Timing reason: customer_milestone|customer_request|"
                                        "capacity_constraint|quarter_end|quota|unspecified")] = "unspecified",
    tied_to_renewal: Annotated[bool, typer.Option("--tied-to-renewal", help="The offer is tied to the renewal.")] = False,
    bundle: Annotated[Optional[list[str]], typer.Option("--bundle", help="Another product pitched in the same offer.")] = None,
    sponsor: Annotated[Optional[str], typer.Option(help="The executive sponsor, if known.")] = None,
    priority: Annotated[Optional[str], typer.Option(help="The executive priority it advances, if known.")] = None,
    what_if: Annotated[Optional[list[str]], typer.Option("--what-if", help="Changed fact, e.g. utilization=0.9.")] = None,
    today: Annotated[Optional[dt.datetime], typer.Option(formats=["%Y-%m-%d"], help="Evaluate as of this date.")] = None,
    json: Annotated[bool, typer.Option("--json", help="The same answer as JSON.")] = False,
) -> None:
    """Should this play be run? Verdict, motion, reasons with evidence, remedies and the plan."""
    from assistant.render.verdict_text import render_verdict

    with common.user_errors():
        result = common.make_coach().check(
            account, product, change=change, pitch_to=to, amount=amount, proposed_date=common.day(date, "--date"),
            timing_reason=reason, tied_to_renewal=tied_to_renewal, bundled_with=bundle or (), sponsor=sponsor,
            advances_priority=priority, what_ifs=what_if or (), today=common.day(today), user=common.current_user())
    if json:
        common.print_result(result)
        return
    verdict, what_if = result.verdict, result.what_if
    typer.echo(render_verdict(verdict, result.headline))
    if what_if is not None:
        typer.echo("")
        typer.echo(f"What if {', '.join(what_if.changes)}: {verdict.verdict.value.upper()} today → "
                   f"{what_if.verdict.verdict.value.upper()} on the changed facts")
        typer.echo(render_verdict(what_if.verdict, heading=False))


def plays(
    account: Annotated[str, typer.Argument(help="Account name.")],
    today: Annotated[Optional[dt.datetime], typer.Option(formats=["%Y-%m-%d"])] = None,
    what_if: Annotated[Optional[list[str]], typer.Option("--what-if", help="Changed fact, e.g. timing_reason=quota.")] = None,
    json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Every sensible play for the account (each product, each change), best first; with
    --what-if, every play's verdict on the changed facts too."""
    with common.user_errors():
        result = common.make_coach().plays(account, what_ifs=what_if or (), today=common.day(today),
                                           user=common.current_user())
    if json:
        common.print_result(result)
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    shown = [(f"Plays for {result.account}", result.plays)]
    if result.what_if is not None:
        shown.append((f"What if {', '.join(result.what_if.changes)}: plays for {result.account} on the changed facts",
                       result.what_if.plays))
    for title, verdicts in shown:
        console.print(title, soft_wrap=True, highlight=False)
        table = Table()
        for column in ("verdict", "product", "change", "motion", "signals", "blockers"):
            table.add_column(column)
        for v in verdicts:
            table.add_row(v.verdict.value, v.product, v.change, v.motion.value.replace("_", "-"),
                          ", ".join(r.code for r in v.signals()) or "-",
                          ", ".join(r.code for r in v.blockers()) or "-")
        console.print(table)
    for skipped in result.what_if.not_applied if result.what_if is not None else ():
        console.print(f"{skipped.what_if} left out for {skipped.product} ({skipped.change}): {skipped.reason}")


def policy_test(
    directory: Annotated[Path, typer.Argument(help="A folder of scenario files (or one file).")],
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show every verdict's reasons.")] = False,
    json: Annotated[bool, typer.Option("--json", help="The results as JSON.")] = False,
) -> None:
    """Run scenario files and report each as passed or failed, with what differed."""
    with common.user_errors():
        result = common.make_coach().policy_test(directory)
    if json:
        common.print_result(result)
        raise typer.Exit(1 if result.failed else 0)
    for scenario in result.scenarios:
        typer.echo(f"{'PASS' if scenario.passed else 'FAIL'} {scenario.scenario_id} ({Path(scenario.path).name})")
        for problem in scenario.problems:
            typer.echo(f"    {problem}")
        for warning in scenario.warnings:
            typer.echo(f"    warning: {warning}")
        if verbose and scenario.verdict:
            typer.echo(f"    {scenario.verdict}: {', '.join(scenario.codes)}")
    unchecked = sum(1 for s in result.scenarios if s.drafts_unchecked)
    if unchecked:
        typer.echo(f"note: the drafts: sections of {unchecked} file(s) were NOT checked "
                   "(draft approval is not installed)")
    typer.echo(f"scenarios: {result.passed} passed, {result.failed} failed")
    raise typer.Exit(1 if result.failed else 0)


def register(app: typer.Typer) -> None:
    app.command("check")(check)
    app.command("plays")(plays)
    policy_app.command("test")(policy_test)
    app.add_typer(policy_app, name="policy")
