"""The Store: accounts, catalog, executive-priority records, audit log, chat sessions, history.

One SQLAlchemy engine per Store; every public method is its own transaction, so a failed import
leaves nothing half-written. SQLite file under the data directory by default, PostgreSQL (or any
SQLAlchemy URL) through `COACH_DATABASE_URL`. The app is stateless over the store: several
workers can share one PostgreSQL database.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Callable, Iterator

import sqlalchemy as sa

from assistant.config import Settings
from assistant.domain import Account, Catalog
from assistant.importers.errors import ImportProblem
from assistant.importers.history import validate_rows
from assistant.errors import CoachError, describe_validation
from pydantic import ValidationError
from assistant.store import history, log, migrate, schema, versioned
from assistant.store.errors import StoreUnavailable, UnknownAccount, UnknownStakeholder, close_names
from assistant.store.priorities import merge_records, source_label
from assistant.store.serial_writes import SerialWriter

Clock = Callable[[], dt.datetime]


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _database_url(url: str) -> sa.URL:
    parsed = sa.engine.make_url(url)
    # A bare postgresql:// (or Heroku-style postgres://) URL means psycopg 3, the driver we document.
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _create_engine(url: sa.URL) -> sa.Engine:
    engine = sa.create_engine(url)
    if engine.dialect.name == "sqlite":
        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            # SQLAlchemy emits BEGIN itself (below) instead of pysqlite, which begins a
            # transaction only before DML: DDL (migrations) is then transactional too, so a
            # migration killed half-way leaves the file as it was.
            dbapi_connection.isolation_level = None
            # Foreign keys are off by default in SQLite; a busy timeout lets two local
            # processes (CLI and web server) share the file.
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=10000")
            # WAL lets readers and one writer work at once; NORMAL sync keeps every commit
            # durable against a crash of the app (not of the OS) at a fraction of FULL's cost.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        @sa.event.listens_for(engine, "begin")
        def _sqlite_begin(conn):
            # Writers take the write lock up front (BEGIN IMMEDIATE): two processes importing at
            # once queue on busy_timeout instead of failing to upgrade a read lock mid-way.
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")
    return engine


def _upsert_accounts(conn: sa.Connection, table: sa.Table):
    """INSERT that turns into an update when another process inserted the same name meanwhile."""
    if conn.dialect.name not in ("postgresql", "sqlite"):
        return table.insert()
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(table)
    columns = ("name", "owner", "owner_key", "snapshot", "updated_at")
    return statement.on_conflict_do_update(index_elements=["name_key"],
                                           set_={c: statement.excluded[c] for c in columns})


class Store:
    def __init__(self, settings: Settings, *, clock: Clock | None = None):
        self.settings = settings
        self._now = clock or _utcnow
        if settings.database_url is None:
            settings.ensure_data_dir()
        url = _database_url(settings.sqlalchemy_url)
        shown = url.render_as_string(hide_password=True)
        try:
            self.engine = _create_engine(url)
        except ModuleNotFoundError as exc:
            raise StoreUnavailable(f"the database driver for {shown} is not installed ({exc.name}); "
                                   "for PostgreSQL: pip install 'psycopg[binary]'") from None
        # Every write transaction goes through this (same pool, BEGIN IMMEDIATE on SQLite, one at
        # a time per process: serial_writes.py says why).
        self.writer = SerialWriter(self.engine)
        try:
            with migrate.file_lock(url):
                with self.writer.connect() as conn, migrate.startup_lock(conn):
                    migrate.upgrade(conn)
            if versioned.read(self.engine) is None:  # a write only the first time
                with self.writer.begin() as conn:
                    versioned.ensure(conn, self._now())
        except sa.exc.OperationalError as exc:
            raise StoreUnavailable(f"cannot open the store at {shown}: {exc.orig}; "
                                   "check COACH_DATABASE_URL / COACH_DATA_DIR") from None

        # Reads that answers repeat (the catalog, an account, the names), kept per data version.
        self.cache = versioned.VersionedCache(self.engine)

    def now(self) -> dt.datetime:
        """The store's clock (UTC, naive): what it stamps rows with; tests inject one to move time."""
        return self._now()

    @classmethod
    def open(cls, settings: Settings) -> "Store":
        return cls(settings)

    def close(self) -> None:
        if "users" in self.__dict__:  # failed sign-ins counted but not written yet
            self.users.flush_failure_audit()
        self.engine.dispose()

    def after_fork(self) -> None:
        """In a forked child: drop the pooled connections inherited from the parent without
        closing them (they are the parent's; SQLAlchemy's recipe for a fork)."""
        self.engine.dispose(close=False)

    # -- users, API tokens, browser sessions (assistant/store/users.py) ---------------------
    @cached_property
    def users(self):
        from assistant.store.users import Users

        s = self.settings
        return Users(self.engine, self._now, writer=self.writer, min_password_length=s.password_min_length,
                     max_failed_signins=s.max_failed_signins, lockout_s=s.lockout_s,
                     failure_audit_window_s=s.failure_audit_window_s)

    # -- catalog ---------------------------------------------------------------------------
    def data_version(self) -> str | None:
        """Changes with every write to accounts, catalog, priorities or history (versioned.py)."""
        return versioned.read(self.engine)

    def catalog(self) -> Catalog:
        data = self.cache.get("catalog", self._catalog_data)
        return Catalog.model_validate(data) if data is not None else Catalog()

    def _catalog_data(self):
        with self.engine.connect() as conn:
            return conn.execute(sa.select(schema.catalog.c.data).where(schema.catalog.c.id == 1)).scalar()

    def replace_catalog(self, catalog: Catalog) -> None:
        data = catalog.model_dump(mode="json", exclude_none=True)
        with self.writer.begin() as conn:
            conn.execute(schema.catalog.delete())
            conn.execute(schema.catalog.insert().values(id=1, data=data, updated_at=self._now()))
            versioned.bump(conn, self._now())

    # -- start-up markers ------------------------------------------------------------------
    def get_state(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(schema.store_state.c.value).where(schema.store_state.c.key == key)).scalar()

    def set_state(self, key: str, value: str) -> None:
        t = schema.store_state
        with self.writer.begin() as conn:
            if conn.execute(t.update().where(t.c.key == key).values(value=value, updated_at=self._now())).rowcount == 0:
                conn.execute(t.insert().values(key=key, value=value, updated_at=self._now()))

    # -- accounts --------------------------------------------------------------------------
    def _account_row(self, conn: sa.Connection, name: str):
        row = conn.execute(sa.select(schema.accounts).where(schema.accounts.c.name_key == _key(name))).first()
        if row is None:
            names = list(conn.execute(sa.select(schema.accounts.c.name)).scalars())
            raise UnknownAccount(name, close_names(name, names))
        return row

    def _records(self, conn: sa.Connection, account_ids: list[int]) -> dict[int, list[dict]]:
        found: dict[int, list[dict]] = {i: [] for i in account_ids}
        if not account_ids:
            return found
        t = schema.priority_records
        query = sa.select(t).where(t.c.account_id.in_(account_ids)).order_by(t.c.created_at, t.c.id)
        for row in conn.execute(query):
            record = dict(row._mapping)
            record["label"] = source_label(record["source"], record["stated_on"], record["created_at"])
            found[record["account_id"]].append(record)
        return found

    @staticmethod
    def _to_account(row, records: list[dict]) -> Account:
        try:
            account = Account.model_validate(row.snapshot)
        except ValidationError as exc:
            # Stored before today's validation (e.g. a NaN): name the account and the way out.
            raise ImportProblem(f"stored account '{row.name}'", describe_validation(exc) +
                                "; re-import the account with corrected values (`coach accounts import`)") from None
        # (validated just now from the stored document: a model of its own, so no deep copy,
        # which cost about as much as the validation)
        return merge_records(account, records, copy=False)

    def account(self, name: str) -> Account:
        """The account (case-insensitive exact name) with recorded priorities merged in."""
        row, records = self.cache.get(("account", _key(name)), lambda: self._account_data(name))
        return self._to_account(row, records)

    def _account_data(self, name: str) -> tuple:
        with self.engine.connect() as conn:
            row = self._account_row(conn, name)  # an unknown name raises: misses are not cached
            return row, self._records(conn, [row.id])[row.id]

    def account_names(self) -> list[str]:
        return list(self.cache.get("account_names", self._account_names))

    def stakeholder_names(self) -> tuple[tuple[str, str | None, tuple[str, ...]], ...]:
        """(account, its owner, its stakeholders' names) for every account, read once per data
        version: a chat question naming a person and no account looks for them in every account,
        which read and validated each account at every such question."""
        return self.cache.get("stakeholder_names", self._stakeholder_names)

    def _stakeholder_names(self) -> tuple[tuple[str, str | None, tuple[str, ...]], ...]:
        out = []
        for name in self.account_names():
            try:
                account = self.account(name)
            except CoachError:
                continue  # (one that no longer reads, or is gone: nobody is found there)
            out.append((name, account.owner, tuple(p.name for p in account.stakeholders)))
        return tuple(out)

    def _account_names(self) -> tuple[str, ...]:
        with self.engine.connect() as conn:
            query = sa.select(schema.accounts.c.name).order_by(schema.accounts.c.name_key)
            return tuple(conn.execute(query).scalars())

    def owners(self) -> list[str]:
        """The account managers on record, each once, as first written."""
        return list(self.cache.get("owners", self._owners))

    def _owners(self) -> tuple[str, ...]:
        with self.engine.connect() as conn:
            query = (sa.select(schema.accounts.c.owner).where(schema.accounts.c.owner.is_not(None))
                     .order_by(schema.accounts.c.owner_key))
            return tuple(dict.fromkeys(conn.execute(query).scalars()))

    def _owner_filter(self, query, owner: str | None):
        return query if owner is None else query.where(schema.accounts.c.owner_key == _key(owner))

    def accounts(self, owner: str | None = None, batch_size: int = 500) -> Iterator[Account]:
        """Every account (optionally of one owner), by name, read `batch_size` at a time."""
        after = ""
        while True:
            with self.engine.connect() as conn:
                query = self._owner_filter(
                    sa.select(schema.accounts).where(schema.accounts.c.name_key > after), owner)
                rows = conn.execute(query.order_by(schema.accounts.c.name_key).limit(batch_size)).all()
                records = self._records(conn, [row.id for row in rows])
            for row in rows:
                yield self._to_account(row, records[row.id])
            if len(rows) < batch_size:
                return
            after = rows[-1].name_key

    def count_accounts(self, owner: str | None = None) -> int:
        return self.cache.get(("count_accounts", _key(owner) if owner else None), lambda: self._count_accounts(owner))

    def _count_accounts(self, owner: str | None) -> int:
        with self.engine.connect() as conn:
            query = self._owner_filter(sa.select(sa.func.count()).select_from(schema.accounts), owner)
            return conn.execute(query).scalar_one()

    def _check_owned_products(self, conn: sa.Connection, accounts: list[Account]) -> None:
        """Cross-record check: every owned product is in the catalog (when there is one)."""
        data = conn.execute(sa.select(schema.catalog.c.data).where(schema.catalog.c.id == 1)).scalar()
        catalog = Catalog.model_validate(data) if data is not None else Catalog()
        if not catalog.products:
            return
        known = ", ".join(p.name for p in catalog.products)
        for index, account in enumerate(accounts):
            for number, owned in enumerate(account.owns):
                if catalog.find(owned.product) is None:
                    raise ImportProblem("import", f"accounts[{index}] ('{account.name}').owns[{number}].product: "
                                                  f"'{owned.product}' is not in the catalog (products: {known}); "
                                                  "fix the name or import the catalog first")

    def import_accounts(self, accounts: list[Account]) -> dict:
        """Upsert by name in one transaction; returns {"added": n, "updated": m}."""
        seen: dict[str, int] = {}
        for index, account in enumerate(accounts):
            key = _key(account.name)
            if not key:
                raise ImportProblem("import", f"accounts[{index}].name: an account needs a name")
            if len(account.name.strip()) > schema.accounts.c.name.type.length:
                raise ImportProblem("import", f"accounts[{index}].name: longer than "
                                              f"{schema.accounts.c.name.type.length} characters")
            if key in seen:
                raise ImportProblem("import", f"accounts[{index}]: account '{account.name}' appears twice "
                                              f"(also accounts[{seen[key]}])")
            seen[key] = index
        added = updated = 0
        t = schema.accounts
        now = self._now()
        with self.writer.begin() as conn:
            self._check_owned_products(conn, accounts)
            keys = list(seen)
            existing: dict[str, int] = {}
            for start in range(0, len(keys), 500):
                query = sa.select(t.c.name_key, t.c.id).where(t.c.name_key.in_(keys[start:start + 500]))
                existing.update({k: i for k, i in conn.execute(query)})
            inserts = []
            for account in accounts:
                values = {
                    "name": account.name.strip(), "name_key": _key(account.name),
                    "owner": account.owner, "owner_key": _key(account.owner) if account.owner else None,
                    "snapshot": account.model_dump(mode="json", exclude_none=True), "updated_at": now,
                }
                if values["name_key"] in existing:
                    conn.execute(t.update().where(t.c.id == existing[values["name_key"]]).values(**values))
                    updated += 1
                else:
                    inserts.append(values)
            if inserts:
                conn.execute(_upsert_accounts(conn, t), inserts)
                added = len(inserts)
            versioned.bump(conn, now)
        return {"added": added, "updated": updated}

    # -- executive priorities ---------------------------------------------------------------
    def _matching_records(self, conn: sa.Connection, account_id: int, person: str, priority: str) -> list[int]:
        t = schema.priority_records
        rows = conn.execute(sa.select(t.c.id, t.c.person, t.c.priority).where(t.c.account_id == account_id))
        return [row.id for row in rows if _key(row.person) == _key(person) and _key(row.priority) == _key(priority)]

    def add_priority(self, account: str, person: str, priority: str, source: str | None,
                     stated_on: dt.date | None) -> None:
        """Record that `person` stated `priority`; recording it again updates source and date."""
        priority = " ".join((priority or "").split())
        if not priority:
            raise ImportProblem("priority", "the priority is empty; say what the executive wants to achieve")
        t = schema.priority_records
        with self.writer.begin() as conn:
            row = self._account_row(conn, account)
            snapshot = Account.model_validate(row.snapshot)
            stakeholder = snapshot.stakeholder(" ".join(person.split()))
            if stakeholder is None:
                raise UnknownStakeholder(row.name, person, [p.name for p in snapshot.stakeholders])
            values = {"source": (source or "").strip() or None, "stated_on": stated_on, "created_at": self._now()}
            same = self._matching_records(conn, row.id, stakeholder.name, priority)
            if same:
                conn.execute(t.update().where(t.c.id.in_(same)).values(**values))
            else:
                conn.execute(t.insert().values(account_id=row.id, person=stakeholder.name,
                                               priority=priority, **values))
            versioned.bump(conn, self._now())

    def list_priorities(self, account: str | None = None) -> list[dict]:
        t, a = schema.priority_records, schema.accounts
        query = (sa.select(a.c.name.label("account"), a.c.snapshot, t)
                 .join(a, a.c.id == t.c.account_id).order_by(a.c.name_key, t.c.person, t.c.created_at))
        with self.engine.connect() as conn:
            if account is not None:
                query = query.where(t.c.account_id == self._account_row(conn, account).id)
            rows = conn.execute(query).all()
        out = []
        for row in rows:
            snapshot = Account.model_validate(row.snapshot)
            out.append({
                "account": row.account, "person": row.person, "priority": row.priority,
                "source": row.source, "stated_on": row.stated_on, "recorded_at": row.created_at,
                "label": source_label(row.source, row.stated_on, row.created_at),
                "stakeholder_on_record": snapshot.stakeholder(row.person) is not None,
            })
        return out

    def remove_priority(self, account: str, person: str, priority: str) -> bool:
        t = schema.priority_records
        with self.writer.begin() as conn:
            row = self._account_row(conn, account)
            same = self._matching_records(conn, row.id, person, priority)
            if same:
                conn.execute(t.delete().where(t.c.id.in_(same)))
                versioned.bump(conn, self._now())
            return bool(same)

    # -- audit log and chat sessions -------------------------------------------------------
    def audit(self, kind: str, payload: dict, *, user: str | None = None, session_id: str | None = None,
              ruleset_version: str | None = None) -> int:
        """Append one entry; returns its id. Entries are never updated or deleted."""
        with self.writer.begin() as conn:
            return log.append_audit(conn, self._now(), kind, payload, user, session_id, ruleset_version)

    def audit_entries(self, kind: str | None = None, limit: int = 50, *, user: str | None = None,
                      account: str | None = None, since: dt.datetime | None = None,
                      until: dt.datetime | None = None) -> list[dict]:
        """Newest first, filtered by kind (or kind prefix), user, account and time [since, until)."""
        with self.engine.connect() as conn:
            return log.audit_entries(conn, kind, limit, user=user, account=account, since=since, until=until)

    def audit_entry(self, entry_id: int) -> dict | None:
        with self.engine.connect() as conn:
            return log.audit_entry(conn, entry_id)

    def audit_kinds(self) -> list[str]:
        with self.engine.connect() as conn:
            query = sa.select(schema.audit_log.c.kind).distinct().order_by(schema.audit_log.c.kind)
            return list(conn.execute(query).scalars())

    def find_audit(self, *, user: str | None = None, kinds: tuple[str, ...] | None = None,
                   start: dt.datetime | None = None, end: dt.datetime | None = None, limit: int = 50) -> list[dict]:
        """Newest first, filtered by user, kinds and time."""
        with self.engine.connect() as conn:
            return log.audit_entries(conn, None, limit, user=user, kinds=kinds, since=start, until=end)

    def get_session(self, session_id: str) -> dict | None:
        """The session's state, or None when there is none or it has expired (then it is purged)."""
        now = self._now()
        with self.engine.connect() as conn:  # a read; only an expired session needs the write lock
            row = log.session_row(conn, session_id)
        if row is None or row.expires_at > now:
            return None if row is None else row.state
        with self.writer.begin() as conn:
            return log.get_session(conn, session_id, now)

    def save_session(self, session_id: str, user: str | None, state: dict, ttl_s: int) -> None:
        with self.writer.begin() as conn:
            log.save_session(conn, session_id, user, state, ttl_s, self._now())

    # -- history ----------------------------------------------------------------------------
    def _account_ids(self, conn: sa.Connection, names: list[str]) -> dict[str, int]:
        keys = sorted({_key(n) for n in names})
        found: dict[str, int] = {}
        for start in range(0, len(keys), 500):
            query = sa.select(schema.accounts.c.name_key, schema.accounts.c.id).where(
                schema.accounts.c.name_key.in_(keys[start:start + 500]))
            found.update({k: i for k, i in conn.execute(query)})
        return found

    def _import_history(self, kind: str, rows: list, source: str, labels: list[str] | None) -> int:
        plain = [row.model_dump() if hasattr(row, "model_dump") else row for row in rows]
        models = validate_rows(kind, plain, source, labels)
        with self.writer.begin() as conn:
            ids = self._account_ids(conn, [m.account for m in models])
            pairs = []
            for index, model in enumerate(models):
                account_id = ids.get(_key(model.account))
                if account_id is None:
                    names = list(conn.execute(sa.select(schema.accounts.c.name)).scalars())
                    hint = close_names(model.account, names)
                    label = labels[index] if labels else f"row {index + 1}"
                    raise ImportProblem(source, f"{label}, column 'account': no account named '{model.account}'."
                                                + (f" Did you mean: {', '.join(hint)}?" if hint else "")
                                                + " Import the account first (`coach accounts import`).")
                pairs.append((account_id, model.model_dump(exclude={"account"})))
            inserted = history.insert_rows(conn, kind, pairs)
            versioned.bump(conn, self._now())
            return inserted

    def _history(self, kind: str, account: str | None) -> list[dict]:
        with self.engine.connect() as conn:
            account_id = self._account_row(conn, account).id if account is not None else None
            return history.read_rows(conn, kind, account_id)

    def import_contract_events(self, rows: list, source: str = "contract events",
                               labels: list[str] | None = None) -> int:
        return self._import_history("contract", rows, source, labels)

    def contract_events(self, account: str | None = None) -> list[dict]:
        return self._history("contract", account)

    def import_play_outcomes(self, rows: list, source: str = "play outcomes",
                             labels: list[str] | None = None) -> int:
        return self._import_history("outcomes", rows, source, labels)

    def play_outcomes(self, account: str | None = None) -> list[dict]:
        return self._history("outcomes", account)

    def import_health_history(self, rows: list, source: str = "health history",
                              labels: list[str] | None = None) -> int:
        return self._import_history("health", rows, source, labels)

    def health_history(self, account: str | None = None) -> list[dict]:
        return self._history("health", account)
