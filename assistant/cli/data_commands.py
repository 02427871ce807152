"""`coach accounts|catalog|priorities|history ...`: the data the coach reasons over.

Imports are transactions: a bad file changes nothing and the error names the file, row or field.
Human output is rich tables; `--json` prints the same data as JSON for scripts.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from assistant.cli import common

accounts_app = typer.Typer(help="Import, list and show account snapshots.", no_args_is_help=True)
catalog_app = typer.Typer(help="Show or replace the vendor's product catalog.", no_args_is_help=True)
priorities_app = typer.Typer(help="Record the executive priorities customers state (with their source).",
                             no_args_is_help=True)
history_app = typer.Typer(help="Import account history for the quarterly plan and metrics.", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
HISTORY_KINDS = ("contract", "outcomes", "health")


def register(app: typer.Typer) -> None:
    app.add_typer(accounts_app, name="accounts")
    app.add_typer(catalog_app, name="catalog")
    app.add_typer(priorities_app, name="priorities")
    app.add_typer(history_app, name="history")


def _console():
    from rich.console import Console

    return Console()


def _table(title: str | None, *columns: str):
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=False)
    for column in columns:
        table.add_column(column)
    return table


def _num(value) -> str:
    if value is None:
        return "?"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _coach():
    return common.make_coach()


def _warn(lines: list[str]) -> None:
    for line in lines:
        typer.echo(f"warning: {line}", err=True)


# -- accounts ------------------------------------------------------------------------------
@accounts_app.command("import")
def accounts_import(file: Annotated[Path, typer.Argument(help="Accounts as .yaml, .yml, .json or .csv.")]) -> None:
    """Add or update accounts from a file (upsert by name); nothing is kept if any account is bad."""
    with common.user_errors():
        result = _coach().import_accounts(file, user=common.current_user())
    _warn(result.warnings)
    typer.echo(f"{file}: {result.added} added, {result.updated} updated ({result.total} accounts).")


def _utilization(account) -> str:
    shown = [f"{o.utilization:.0%}" for o in account.owns if o.utilization is not None]
    return ", ".join(shown) or "?"


def _known(value) -> str:
    """Unknown facts show as "?", never as zero or "no"."""
    if value is None:
        return "?"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return _num(value) if isinstance(value, (int, float)) else str(value)


def _health(account) -> str:
    h = account.health
    parts = [f"NPS {_num(h.nps)}" if h.nps is not None else "",
             f"CSAT {h.csat}" if h.csat is not None else "",
             f"{h.open_escalations} esc." if h.open_escalations else ""]
    return " ".join(p for p in parts if p) or "?"


@accounts_app.command("list")
def accounts_list(
    owner: Annotated[Optional[str], typer.Option("--owner", help="Only this account manager's book.")] = None,
    json: JsonFlag = False,
) -> None:
    """The accounts in the store, by name."""
    with common.user_errors():
        accounts = _coach().accounts(owner=owner)
        if json:
            common.print_json([a.model_dump(mode="json", exclude_none=True) for a in accounts])
            return
        table = _table(None, "Account", "Owner", "Owns", "Utilization", "Renewal", "Health")
        for a in accounts:
            renewal = " ".join(x for x in (str(a.renewal.date or ""), a.renewal.risk or "") if x)
            table.add_row(a.name, a.owner or "", ", ".join(o.product for o in a.owns), _utilization(a),
                          renewal or "?", _health(a))
    if table.row_count == 0:
        whose = f" owned by {owner}" if owner else ""
        typer.echo(f"No accounts{whose}. Import some with `coach accounts import FILE`.")
        return
    _console().print(table)


def _print_account(console, account) -> None:
    h, r, usage = account.health, account.renewal, account.usage
    console.print(f"[bold]{account.name}[/bold]  owner: {account.owner or '?'}")
    console.print(f"health: NPS {_known(h.nps)}, CSAT {_known(h.csat)}, open escalations "
                  f"{_known(h.open_escalations)}, sentiment {_known(h.sentiment)}   "
                  f"renewal: {_known(r.date)} (risk {_known(r.risk)})")
    owns = _table("Owns", "Product", "Tier", "Used / capacity", "Utilization", "Volume / ceiling",
                  "Annual value", "Since")
    for o in account.owns:
        share = f"{o.utilization:.0%}" if o.utilization is not None else "?"
        volume = f"{_num(o.volume)} / {_num(o.ceiling)}" if o.ceiling else ""
        owns.add_row(o.product, o.tier or "", f"{_num(o.used)} / {_num(o.capacity)}", share, volume,
                     _num(o.annual_value), _known(o.since))
    console.print(owns)
    if account.outcomes:
        outcomes = _table("Outcomes", "Metric", "Target", "Achieved", "Met", "Public", "Case study")
        for o in account.outcomes:
            outcomes.add_row(f"{o.metric} ({o.unit})" if o.unit else o.metric, _num(o.target), _num(o.achieved),
                             _known(o.met), _known(o.public_attribution), _known(o.case_study))
        console.print(outcomes)
    people = _table("Stakeholders", "Name", "Title", "Roles", "Team", "Priorities (source)", "Saw outcome")
    for p in account.stakeholders:
        sources = p.priority_sources
        priorities = "; ".join(f"{x} ({sources[x]})" if x in sources else x for x in p.priorities)
        people.add_row(p.name, p.title or "", ", ".join(p.roles), p.team or "", priorities,
                       _known(p.saw_original_outcome))
    console.print(people)
    if usage.organic_new_users_90d is not None:
        console.print(f"organic new users (90 days): {_num(usage.organic_new_users_90d)}")
    if usage.adjacent_features:
        console.print("adjacent features: " + ", ".join(f"{k} {v:.0%}" for k, v in usage.adjacent_features.items()))
    if account.strategy:
        console.print("strategy: " + "; ".join(f"{e.kind}: {e.detail or ''} ({_strategy_link(e)})"
                                               for e in account.strategy))
    if account.needs_expressed:
        console.print("needs expressed: " + "; ".join(account.needs_expressed))


def _strategy_link(event) -> str:
    # unknown stays unknown: an event without relates_to still counts, and says so
    return f"relates to: {', '.join(event.relates_to)}" if event.relates_to else "link to a use case not on record"


@accounts_app.command("show")
def accounts_show(
    name: Annotated[str, typer.Argument(help="Account name (any case).")],
    json: JsonFlag = False,
) -> None:
    """One account's facts: products, outcomes, strategy, health, renewal and stakeholders."""
    with common.user_errors():
        account = _coach().account(name)
    if json:
        common.print_json(account.model_dump(mode="json", exclude_none=True))
        return
    _print_account(_console(), account)


# -- catalog -------------------------------------------------------------------------------
@catalog_app.command("show")
def catalog_show(json: JsonFlag = False) -> None:
    """The vendor, its fiscal calendar and the products with their aliases, users and priorities served."""
    with common.user_errors():
        catalog = _coach().catalog()
    if json:
        common.print_json(catalog.model_dump(mode="json", exclude_none=True))
        return
    if not catalog.products:
        typer.echo("The catalog is empty. Import one with `coach catalog import FILE`.")
        return
    vendor = catalog.vendor
    table = _table(f"{vendor.name or 'Catalog'} (fiscal quarter end {vendor.fiscal_quarter_end or '?'})",
                   "Product (aliases)", "Kind, unit, tiers", "Serves", "Used by", "Adjacent features")
    for p in catalog.products:
        name = f"{p.name}\n({', '.join(p.aliases)})" if p.aliases else p.name
        sold = "\n".join(x for x in (p.kind, p.unit or "", ", ".join(p.tiers)) if x)
        table.add_row(name, sold, ", ".join(p.serves), ", ".join(p.used_by), ", ".join(p.adjacent_features))
    _console().print(table)


@catalog_app.command("import")
def catalog_import(file: Annotated[Path, typer.Argument(help="Catalog as .yaml, .yml or .json.")]) -> None:
    """Replace the catalog with the one in FILE (vendor block and products)."""
    with common.user_errors():
        result = _coach().import_catalog(file, user=common.current_user())
    typer.echo(f"{file}: catalog replaced ({result.total} products).")


# -- priorities ----------------------------------------------------------------------------
@priorities_app.command("add")
def priorities_add(
    account: Annotated[str, typer.Argument(help="Account name.")],
    person: Annotated[str, typer.Argument(help="The stakeholder who stated it (must be on the account).")],
    priority: Annotated[str, typer.Argument(help="The priority in their words, e.g. \"data trust\".")],
    source: Annotated[Optional[str], typer.Option(
        "--source", help="Where it was stated, e.g. \"QBR 2026-04-10\".")] = None,
    date: Annotated[Optional[dt.datetime], typer.Option(
        "--date", formats=["%Y-%m-%d"], help="When it was stated (YYYY-MM-DD).")] = None,
) -> None:
    """Record an executive's stated priority; verdicts then show where it came from."""
    with common.user_errors():
        stored = _coach().add_priority(account, person, priority, source=source, stated_on=common.day(date, "--date"),
                                       user=common.current_user())
        person = stored.stakeholder(person).name
    said = f", source: {source}" if source else ""
    typer.echo(f"Recorded: {person} ({stored.name}) states '{priority}'{said}.")


@priorities_app.command("list")
def priorities_list(
    account: Annotated[Optional[str], typer.Argument(help="Only this account.")] = None,
    json: JsonFlag = False,
) -> None:
    """Recorded executive priorities with their sources."""
    with common.user_errors():
        records = _coach().priorities(account)
    if json:
        common.print_json(records)
        return
    if not records:
        typer.echo("No priorities recorded. Add one with "
                   "`coach priorities add ACCOUNT PERSON PRIORITY --source ...`.")
        return
    table = _table(None, "Account", "Person", "Priority", "Source")
    for r in records:
        note = "" if r.stakeholder_on_record else " (no longer a stakeholder on record)"
        table.add_row(r.account, r.person + note, r.priority, r.label)
    _console().print(table)


@priorities_app.command("remove")
def priorities_remove(
    account: Annotated[str, typer.Argument(help="Account name.")],
    person: Annotated[str, typer.Argument(help="The stakeholder.")],
    priority: Annotated[str, typer.Argument(help="The recorded priority.")],
) -> None:
    """Remove a recorded priority."""
    with common.user_errors():
        _coach().remove_priority(account, person, priority, user=common.current_user())
    typer.echo(f"Removed: {person} '{priority}' ({account}).")


# -- history -------------------------------------------------------------------------------
@history_app.command("import")
def history_import(
    file: Annotated[Path, typer.Argument(help="A CSV file (columns in docs/csv-format.md).")],
    kind: Annotated[str, typer.Option("--kind", help="contract | outcomes | health")],
) -> None:
    """Import contract events, play outcomes or health readings; rows already stored are skipped."""
    if kind not in HISTORY_KINDS:
        common.fail(f"--kind must be one of: {', '.join(HISTORY_KINDS)} (got '{kind}')")
    with common.user_errors():
        result = _coach().import_history(file, kind, user=common.current_user())
    typer.echo(f"{file}: {result.added} new {kind} rows imported ({result.unchanged} already stored).")


@history_app.command("show")
def history_show(
    kind: Annotated[str, typer.Option("--kind", help="contract | outcomes | health")],
    account: Annotated[Optional[str], typer.Argument(help="Only this account.")] = None,
    json: JsonFlag = False,
) -> None:
    """The stored history of one kind, oldest first."""
    if kind not in HISTORY_KINDS:
        common.fail(f"--kind must be one of: {', '.join(HISTORY_KINDS)} (got '{kind}')")
    with common.user_errors():
        rows = _coach().history(kind, account)
    if json:
        common.print_json(rows)
        return
    if not rows:
        typer.echo(f"No {kind} history stored.")
        return
    table = _table(None, *type(rows[0]).model_fields)
    for row in rows:
        table.add_row(*("" if v is None else (_num(v) if isinstance(v, float) else str(v))
                        for v in row.model_dump().values()))
    _console().print(table)
