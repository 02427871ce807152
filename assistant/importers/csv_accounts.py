"""Account facts as CSV (a CRM or spreadsheet export), one row per account; see docs/csv-format.md.

Several rows with the same `name` describe one account: each row may add an owned product, an
outcome, a strategic event and stakeholders (columns prefixed stakeholder_, champion_ or
executive_). Account-level cells may be repeated unchanged or left empty on later rows; a
different value is an error. An empty cell is unknown. Errors name the row, the column and
what was expected; unknown columns are reported as warnings and ignored.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from assistant.domain import Account, Health, Renewal, Stakeholder, StrategicEvent
from assistant.importers import cells
from assistant.importers.cells import CellError, Parser
from assistant.importers.errors import ImportProblem, checked_file, unknown_fields
from assistant.errors import describe_validation

# column -> (path in the account snapshot, parser)
ACCOUNT_COLUMNS: dict[str, tuple[str, Parser]] = {
    "owner": ("owner", cells.text),
    "organic_new_users_90d": ("usage.organic_new_users_90d", cells.number),
    "adjacent_features": ("usage.adjacent_features", cells.feature_shares),
    "nps": ("health.nps", cells.number),
    "csat": ("health.csat", cells.number),
    "open_escalations": ("health.open_escalations", cells.integer),
    "sentiment": ("health.sentiment", cells.choice(cells.literal_values(Health, "sentiment"))),
    "renewal_date": ("renewal.date", cells.date),
    "renewal_risk": ("renewal.risk", cells.choice(cells.literal_values(Renewal, "risk"))),
    "needs_expressed": ("needs_expressed", cells.items),
}


@dataclass(frozen=True)
class Group:
    """Columns that together describe one item of a list in the snapshot (a product, a person...)."""

    target: str                                # the Account list it adds to
    keys: tuple[str, ...]                      # columns that identify the item across rows
    columns: dict[str, tuple[str, Parser]]     # column -> (item field, parser)
    role: str | None = None                    # role implied by the column prefix


def _person(prefix: str, role: str | None) -> Group:
    roles = cells.choices(cells.literal_values(Stakeholder, "roles"))
    return Group("stakeholders", (f"{prefix}_name",), {
        f"{prefix}_name": ("name", cells.text),
        f"{prefix}_title": ("title", cells.text),
        f"{prefix}_team": ("team", cells.text),
        f"{prefix}_roles": ("roles", roles),
        f"{prefix}_priorities": ("priorities", cells.items),
        f"{prefix}_saw_original_outcome": ("saw_original_outcome", cells.boolean),
        f"{prefix}_asked_about": ("asked_about", cells.items),
    }, role)


GROUPS: tuple[Group, ...] = (
    Group("owns", ("product",), {
        "product": ("product", cells.text), "tier": ("tier", cells.text),
        "capacity": ("capacity", cells.number), "used": ("used", cells.number),
        "ceiling": ("ceiling", cells.number), "volume": ("volume", cells.number),
        "annual_value": ("annual_value", cells.number), "since": ("since", cells.date),
    }),
    Group("outcomes", ("outcome_metric",), {
        "outcome_metric": ("metric", cells.text), "outcome_unit": ("unit", cells.text),
        "outcome_target": ("target", cells.number), "outcome_achieved": ("achieved", cells.number),
        "outcome_met": ("met", cells.boolean),
        "outcome_public_attribution": ("public_attribution", cells.boolean),
        "outcome_case_study": ("case_study", cells.boolean),
        "outcome_product": ("product", cells.text),
    }),
    Group("strategy", ("strategy_kind", "strategy_detail"), {
        "strategy_kind": ("kind", cells.choice(cells.literal_values(StrategicEvent, "kind"))),
        "strategy_detail": ("detail", cells.text), "strategy_date": ("date", cells.date),
        "strategy_relates_to": ("relates_to", cells.items),
    }),
    _person("stakeholder", None),
    _person("champion", "champion"),
    _person("executive", "executive"),
)

KNOWN_COLUMNS = {"name", *ACCOUNT_COLUMNS, *(c for g in GROUPS for c in g.columns)}


@dataclass
class _Draft:
    """One account being assembled from its rows."""

    name: str
    first_row: str
    data: dict = field(default_factory=dict)
    items: dict[str, dict[tuple, dict]] = field(default_factory=dict)  # target -> key -> item


def _same(a, b) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.casefold() == b.casefold()
    return a == b


def _put(target: dict, name: str, value, conflict) -> None:
    """Set a field, merging lists and mappings; a different scalar for the same field is a conflict."""
    if name not in target:
        target[name] = value
    elif isinstance(value, list):
        target[name] += [v for v in value if not any(_same(v, old) for old in target[name])]
    elif isinstance(value, dict):
        for key, item in value.items():
            _put(target[name], key, item, conflict)
    elif not _same(target[name], value):
        conflict(target[name], value)


class _Reader:
    def __init__(self, source: str):
        self.source = source
        self.drafts: dict[str, _Draft] = {}

    def fail(self, where: str, column: str, problem: str):
        raise ImportProblem(self.source, f"{where}, column '{column}': {problem}")

    def parse(self, where: str, column: str, cell: str, parser: Parser):
        try:
            return parser(cell)
        except CellError as exc:
            self.fail(where, column, f"expected {exc.expected} (got {cell.strip()!r})")

    def conflict(self, where: str, column: str, account: str):
        def report(old, new):
            self.fail(where, column, f"{new!r} differs from {old!r} given on an earlier row for {account}; "
                                     "repeat a value unchanged or leave the cell empty")
        return report

    def add_row(self, where: str, row: dict[str, str]) -> None:
        name = cells.text(row.get("name") or "")
        if not name:
            self.fail(where, "name", "expected the account name (every row names its account)")
        draft = self.drafts.setdefault(name.casefold(), _Draft(name, where))
        for column, (path, parser) in ACCOUNT_COLUMNS.items():
            cell = row.get(column) or ""
            if cell.strip():
                value = self.parse(where, column, cell, parser)
                *parents, leaf = path.split(".")
                node = draft.data
                for parent in parents:
                    node = node.setdefault(parent, {})
                _put(node, leaf, value, self.conflict(where, column, draft.name))
        for group in GROUPS:
            self.add_item(where, row, group, draft)

    def add_item(self, where: str, row: dict[str, str], group: Group, draft: _Draft) -> None:
        filled = {c: row[c] for c in group.columns if (row.get(c) or "").strip()}
        if not filled:
            return
        missing = [k for k in group.keys[:1] if k not in filled]
        if missing:
            other = next(iter(filled))
            self.fail(where, missing[0], f"is empty but '{other}' is filled; name what the figures are for")
        item: dict = {"roles": [group.role]} if group.role else {}
        for column, cell in filled.items():
            name, parser = group.columns[column]
            _put(item, name, self.parse(where, column, cell, parser), self.conflict(where, column, draft.name))
        key = tuple(cells.text(row.get(k) or "").casefold() for k in group.keys)
        existing = draft.items.setdefault(group.target, {}).get(key)
        if existing is None:
            draft.items[group.target][key] = item
            return
        for name, value in item.items():
            column = next((c for c, (f, _) in group.columns.items() if f == name), group.keys[0])
            _put(existing, name, value, self.conflict(where, column, draft.name))

    def accounts(self) -> tuple[list[Account], list[str]]:
        accounts, warnings = [], []
        for draft in self.drafts.values():
            data = {"name": draft.name, **draft.data}
            for target, found in draft.items.items():
                data[target] = list(found.values())
            where = f"account '{draft.name}' (first on {draft.first_row})"
            try:
                account = Account.model_validate(data)
            except ValidationError as exc:
                raise ImportProblem(self.source, describe_validation(exc, where)) from None
            warnings += [f"{self.source}: unknown field {p} ignored" for p in unknown_fields(account)]
            accounts.append(account)
        return accounts, warnings


def read_accounts_csv(path: Path, max_bytes: int | None = None) -> tuple[list[Account], list[str]]:
    """Every account in the CSV, or an ImportProblem naming the row and column; nothing partial."""
    source = str(path)
    reader_state = _Reader(source)
    warnings: list[str] = []
    checked_file(path, max_bytes)
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            header = [cells.text(h).casefold() for h in next(reader, [])]
            if "name" not in header:
                raise ImportProblem(source, "line 1: the header has no 'name' column (see docs/csv-format.md)")
            doubled = sorted({h for h in header if h and header.count(h) > 1})
            if doubled:
                raise ImportProblem(source, f"line 1: column(s) {', '.join(doubled)} appear more than once")
            warnings += [f"{source}: unknown column '{h}' ignored" for h in header if h and h not in KNOWN_COLUMNS]
            for number, cells_in_row in enumerate(reader, start=1):
                where = f"row {number} (line {reader.line_num})"
                if not any(c.strip() for c in cells_in_row):
                    continue
                if len(cells_in_row) != len(header):
                    raise ImportProblem(source, f"{where}: {len(cells_in_row)} cells, "
                                                f"but the header has {len(header)}")
                reader_state.add_row(where, dict(zip(header, cells_in_row)))
    except FileNotFoundError:
        raise ImportProblem(source, "file not found") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ImportProblem(source, f"cannot be read as a UTF-8 CSV file ({exc})") from None
    accounts, notes = reader_state.accounts()
    if not accounts:
        raise ImportProblem(source, "no account rows after the header")
    return accounts, warnings + notes
