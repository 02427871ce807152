"""`coach plan` (the quarterly expansion plan over a book) and `coach metrics` (expansion revenue,
NRR and GRR, paired with retention and satisfaction)."""

from __future__ import annotations

import datetime as dt
import sys
from contextlib import contextmanager
from enum import Enum
from typing import Annotated, Optional

import typer

from assistant.cli import common


class PlanFormat(str, Enum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"


class MetricsFormat(str, Enum):
    table = "table"
    json = "json"


Owner = typer.Option("--owner", help="Only this account manager's book (the accounts' `owner`).")
Day = dict(formats=["%Y-%m-%d"])


def _day(value: dt.datetime | None, option: str = "--today") -> dt.date | None:
    return common.day(value, option)


@contextmanager
def _progress_bar(label: str):
    """A rich progress bar on stderr while stdout is a terminal; otherwise nothing is drawn."""
    if not sys.stdout.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def plan(
    owner: Annotated[Optional[str], Owner] = None,
    format: Annotated[PlanFormat, typer.Option("--format", help="table | markdown | csv | json")] = PlanFormat.table,
    today: Annotated[Optional[dt.datetime], typer.Option(help="Plan as of this date (default: today).", **Day)] = None,
    workers: Annotated[Optional[int], typer.Option(min=1, help="Worker processes (default: by book size).")] = None,
) -> None:
    """The quarterly plan: accounts ranked by signal density, this quarter's focus list, and the
    accounts not to push, each with its blockers and remedies."""
    with common.user_errors():
        coach = common.make_coach()
        with _progress_bar("Ranking accounts") as progress:
            result = coach.plan(owner=owner, today=_day(today), workers=workers, user=common.current_user(),
                                progress=progress)
    _show_plan(result, format)


def _show_plan(result, format: PlanFormat) -> None:
    from assistant.render import plan_text

    if format is PlanFormat.json:
        common.print_result(result)
    elif format is PlanFormat.csv:
        plan_text.write_plan_csv(result, sys.stdout)
    elif format is PlanFormat.markdown:
        sys.stdout.write(plan_text.plan_markdown(result))
    else:
        _plan_tables(result)


def _plan_tables(result) -> None:
    from rich.console import Console
    from rich.table import Table

    from assistant.render.plan_text import SECTION_TITLES

    console = Console()
    who = f" for {result.owner}" if result.owner else ""
    console.print(f"[bold]Quarterly expansion plan{who}[/bold], {result.today.isoformat()}: {result.book_size} "
                  f"accounts, focus on the top {result.focus_size} with a play to pitch "
                  f"(rule set {result.ruleset_version})")
    owners = result.owner is None  # one AM's plan need not repeat the owner on every row
    for section, entries in (("focus", result.focus), ("later", result.later)):
        if not entries:
            console.print(f"{SECTION_TITLES[section]}: none")
            continue
        table = Table(title=f"{SECTION_TITLES[section]} ({len(entries)})", title_justify="left",
                      show_lines=True)
        for column in ("rank", "account", *(["owner"] if owners else []), "score", "signals", "best play"):
            table.add_column(column, no_wrap=column in ("rank", "score", "signals"))
        for entry in entries:
            best = entry.best_play
            table.add_row(str(entry.rank), entry.account, *([entry.owner or ""] if owners else []),
                          f"{entry.score:g}", "\n".join(entry.signals),
                          f"{best.product}\n{best.motion.replace('_', '-')}, {best.change}")
        console.print(table)
    table = Table(title=f"{SECTION_TITLES['blocked']} ({len(result.blocked)})", title_justify="left",
                  show_lines=True)
    for column in ("rank", "account", *(["owner"] if owners else []), "best play", "blockers and remedies"):
        table.add_column(column, no_wrap=column == "rank", ratio=3 if column.startswith("blockers") else None)
    for entry in result.blocked:
        best = f"{entry.best_play.product}\n{entry.best_play.verdict}" if entry.best_play else "-"
        table.add_row(str(entry.rank), entry.account, *([entry.owner or ""] if owners else []), best,
                      "\n".join(f"[bold]{b.code}[/bold]: {b.remedy or '-'}" for b in entry.blockers))
    console.print(table)


def metrics(
    start: Annotated[Optional[dt.datetime], typer.Option("--from", help="First day of the period "
                                                         "(default: one year before --to).", **Day)] = None,
    end: Annotated[Optional[dt.datetime], typer.Option("--to", help="Last day of the period (default: today).",
                                                       **Day)] = None,
    owner: Annotated[Optional[str], Owner] = None,
    format: Annotated[MetricsFormat, typer.Option("--format", help="table | json")] = MetricsFormat.table,
    today: Annotated[Optional[dt.datetime], typer.Option(help="Judge follow-up windows as of this date "
                                                         "(default: today).", **Day)] = None,
    limit: Annotated[int, typer.Option(min=0, help="Expansions with a problem listed in the table.")] = 20,
) -> None:
    """Expansion revenue, NRR and GRR for a period, and which expansions were followed by churn,
    an NPS drop or an escalation (revenue from accounts that later churned is shown apart)."""
    if start and end and end < start:
        common.fail(f"--to {_day(end, '--to')} is before --from {_day(start, '--from')}")
    with common.user_errors():
        result = common.make_coach().metrics(start=_day(start, "--from"), end=_day(end, "--to"), owner=owner,
                                             today=_day(today), limit=limit, user=common.current_user())
    if format is MetricsFormat.json:
        common.print_result(result)
    else:
        _metrics_tables(result.model_dump(mode="json", by_alias=True), limit)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _metrics_tables(data: dict, limit: int) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    r, period = data["revenue"], data["period"]
    who = f" for {data['owner']}" if data["owner"] else ""
    table = Table(title=f"Expansion metrics{who}, {period['from']} to {period['to']}", title_justify="left")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for label, value in (("starting ARR (cohort)", f"{r['starting_arr']:,.0f}"),
                         ("ending ARR (cohort)", f"{r['ending_arr']:,.0f}"),
                         ("expansion revenue", f"{r['expansion']:,.0f}"),
                         ("contraction (cohort)", f"{r['contraction']:,.0f}"),
                         ("churned ARR (cohort)", f"{r['churned']:,.0f}"),
                         ("new-logo revenue", f"{r['new_logo']:,.0f}"),
                         ("net revenue retention", _pct(r["nrr"])), ("gross revenue retention", _pct(r["grr"])),
                         ("cohort accounts / churned", f"{r['cohort_accounts']} / {r['churned_accounts']}")):
        table.add_row(label, value)
    console.print(table)

    status = Table(title=f"Expansion revenue by what followed (window {data['followup_window_days']} days, "
                         f"as of {data['as_of']})", title_justify="left")
    for column in ("status", "expansions", "revenue", "meaning"):
        status.add_column(column, justify="right" if column in ("expansions", "revenue") else "left")
    meanings = {"retained": "success: no churn or dissatisfaction in the window",
                "pending": "window still open, nothing wrong yet",
                "dissatisfied": "NPS drop, score below the floor or escalation in the window",
                "churned": "account churned later: NOT counted as success"}
    for name, entry in data["expansion_by_status"].items():
        status.add_row(name, str(entry["count"]), f"{entry['amount']:,.0f}", meanings[name])
    console.print(status)

    if data["plays"]:
        plays = Table(title="Play outcomes in the period", title_justify="left")
        for column in ("motion", "won", "lost", "deferred", "win rate", "won amount"):
            plays.add_column(column, justify="left" if column == "motion" else "right")
        for motion, s in data["plays"].items():
            plays.add_row(motion.replace("_", "-"), str(s["won"]), str(s["lost"]), str(s["deferred"]),
                          _pct(s["win_rate"]), f"{s['won_amount']:,.0f}")
        console.print(plays)

    flagged = [e for e in data["expansions"] if e["status"] in ("churned", "dissatisfied")]
    if flagged:
        flagged.sort(key=lambda e: -e["amount"])
        shown = Table(title=f"Expansions followed by churn or dissatisfaction ({len(flagged)}, "
                            f"largest {min(limit, len(flagged))})", title_justify="left")
        for column in ("account", "date", "product", "amount", "status", "what followed"):
            shown.add_column(column, justify="right" if column == "amount" else "left")
        for e in flagged[:limit]:
            what = [f"churn {e['churn_date']}" + (" (in window)" if e["churn_in_window"] else "")] if e["churn_date"] else []
            what += [label for flag, label in (("nps_drop", "NPS drop"), ("below_floor", "score below floor"),
                                               ("escalation", "escalation")) if e[flag]]
            shown.add_row(e["account"], e["date"], e["product"] or "-", f"{e['amount']:,.0f}", e["status"],
                          ", ".join(what))
        console.print(shown)


def register(app: typer.Typer) -> None:
    app.command("plan")(plan)
    app.command("metrics")(metrics)
