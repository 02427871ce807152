"""Account snapshots in the scenario format's `account:` shape, YAML or JSON, one or many.

Accepted shapes: a single account mapping; `{account: {...}}` (a scenario file); `{accounts: [...]}`;
a list of accounts; or several YAML documents of any of these.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from assistant.domain import Account
from assistant.importers.errors import ImportProblem, unknown_fields
from assistant.errors import describe_validation
from assistant.importers.yamlfile import read_documents


def _account_entries(doc, source: str) -> list[tuple[str, dict]]:
    if isinstance(doc, list):
        return [(f"accounts[{i}]", entry) for i, entry in enumerate(doc)]
    if isinstance(doc, dict):
        if "accounts" in doc:
            entries = doc["accounts"]
            if not isinstance(entries, list):
                raise ImportProblem(source, "'accounts' must be a list of account mappings")
            return [(f"accounts[{i}]", entry) for i, entry in enumerate(entries)]
        if "account" in doc:
            return [("account", doc["account"])]
        if "products" in doc or "vendor" in doc:
            raise ImportProblem(source, "this looks like a catalog file ('products'/'vendor'); import it with "
                                        "`coach catalog import` (nothing was changed)")
        return [("account", doc)]
    raise ImportProblem(source, f"expected an account mapping or a list of them, got {type(doc).__name__}")


def parse_account(data, source: str, where: str = "account") -> tuple[Account, list[str]]:
    if not isinstance(data, dict):
        raise ImportProblem(source, f"{where}: expected a mapping of account fields")
    try:
        account = Account.model_validate(data)
    except ValidationError as exc:
        raise ImportProblem(source, describe_validation(exc, where)) from None
    warnings = [f"{source}: unknown field {where}.{path} ignored" for path in unknown_fields(account)]
    return account, warnings


def read_accounts(path: Path, max_bytes: int | None = None) -> tuple[list[Account], list[str]]:
    """Every account in the file, or an ImportProblem naming the first bad one; nothing partial."""
    source = str(path)
    accounts, warnings, names = [], [], set()
    for doc in read_documents(Path(path), max_bytes):
        for where, entry in _account_entries(doc, source):
            account, notes = parse_account(entry, source, where)
            key = account.name.casefold()
            if key in names:
                raise ImportProblem(source, f"{where}: account '{account.name}' appears twice in the file")
            names.add(key)
            accounts.append(account)
            warnings += notes
    if not accounts:
        raise ImportProblem(source, "no account found")
    return accounts, warnings
