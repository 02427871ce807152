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
    from assistant.coach import Coach
    from assistant.domain import Play
    from assistant.render.verdict_text import render_verdict

    def build() -> Play:
        return Play(product=product, change=change, amount=amount, pitch_to=to,
                    proposed_date=common.day(date, "--date"), timing_reason=reason,
                    tied_to_renewal=tied_to_renewal, bundled_with=bundle or [], sponsor=sponsor,
                    advances_priority=priority)

    with common.user_errors():
        coach = Coach(common.settings())
        verdict, changed = coach.check(account, common.validated(build), common.day(today, "--today"),
                                       what_ifs=what_if)
    if json:
        payload = verdict.model_dump(mode="json")
        if changed is not None:
            payload = {"today": payload, "what_if": changed.model_dump(mode="json"), "changes": what_if}
        common.print_json(payload)
        return
    typer.echo(render_verdict(verdict))
    if changed is not None:
        typer.echo("")
        typer.echo(f"What if {', '.join(what_if)}: {verdict.verdict.value.upper()} today → "
                   f"{changed.verdict.value.upper()} on the changed facts")
        typer.echo(render_verdict(changed, heading=False))


def plays(
    account: Annotated[str, typer.Argument(help="Account name.")],
    today: Annotated[Optional[dt.datetime], typer.Option(formats=["%Y-%m-%d"])] = None,
    json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Every sensible play for the account (each product, each change), best first."""
    from assistant.coach import Coach

    with common.user_errors():
        verdicts = Coach(common.settings()).plays(account, common.day(today, "--today"))
    if json:
        common.print_json([v.model_dump(mode="json", exclude={"facts"}) for v in verdicts])
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Plays for {verdicts[0].account}" if verdicts else "Plays")
    for column in ("verdict", "product", "change", "motion", "signals", "blockers"):
        table.add_column(column)
    for v in verdicts:
        table.add_row(v.verdict.value, v.product, v.change, v.motion.value.replace("_", "-"),
                      ", ".join(r.code for r in v.signals()) or "-",
                      ", ".join(r.code for r in v.blockers()) or "-")
    Console().print(table)


def policy_test(
    directory: Annotated[Path, typer.Argument(help="A folder of scenario files (or one file).")],
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show every verdict's reasons.")] = False,
) -> None:
    """Run scenario files and report each as passed or failed, with what differed."""
    from assistant.scenarios import run_scenario, scenario_files

    with common.user_errors():
        files = scenario_files(directory)
        runner = _ScenarioRunner(common.settings())
        results = [run_scenario(path, runner.evaluate, runner.default_catalog(), runner.draft_checker())
                   for path in files]
    unchecked = 0
    for result in results:
        typer.echo(f"{'PASS' if result.passed else 'FAIL'} {result.scenario_id} ({Path(result.path).name})")
        for problem in result.problems:
            typer.echo(f"    {problem}")
        for warning in result.warnings:
            typer.echo(f"    warning: {warning}")
        if verbose and result.verdict:
            typer.echo(f"    {result.verdict.verdict.value}: {', '.join(result.verdict.codes)}")
        if not result.drafts_checked and result.verdict is not None and _has_drafts(result.path):
            unchecked += 1
    if unchecked:
        typer.echo(f"note: the drafts: sections of {unchecked} file(s) were NOT checked "
                   "(draft approval is not installed)")
    failed = sum(1 for r in results if not r.passed)
    typer.echo(f"scenarios: {len(results) - failed} passed, {failed} failed")
    raise typer.Exit(1 if failed else 0)


def _has_drafts(path: str) -> bool:
    from assistant.scenarios import read_scenario

    return bool(read_scenario(Path(path))[0].drafts)


class _ScenarioRunner:
    """Evaluates scenarios; opens the store only when a scenario relies on the default catalog."""

    def __init__(self, settings):
        from assistant.coach import Coach

        self.coach = Coach(settings)

    def evaluate(self, account, catalog, play, today):
        from assistant.policy.engine import evaluate

        return evaluate(self.coach.ruleset, account, catalog, play, today)

    def default_catalog(self):
        return _LazyCatalog(self.coach)

    def draft_checker(self):
        try:
            from assistant.approval.scenarios import draft_checker
        except ImportError:
            return None
        return draft_checker(self.coach.settings)


class _LazyCatalog:
    """Stands in for the store's catalog until a scenario without its own catalog needs it."""

    def __init__(self, coach):
        self._coach = coach

    def model_copy(self, **kwargs):
        return self._coach.catalog().model_copy(**kwargs)


def register(app: typer.Typer) -> None:
    app.command("check")(check)
    app.command("plays")(plays)
    policy_app.command("test")(policy_test)
    app.add_typer(policy_app, name="policy")
