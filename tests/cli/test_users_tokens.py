"""`coach users` and `coach tokens` through the real console script."""

from __future__ import annotations

import getpass
import json
import os

from assistant.config import Settings
from assistant.store import Store


def test_users_add_passwd_link_and_list(coach, coach_env):
    added = coach("users", "add", "Jordan Blake", "--role", "am", "--password-stdin", input="first password 1\n")
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "added Jordan Blake (am)"
    again = coach("users", "add", "jordan blake", "--password-stdin", input="first password 1\n")
    assert again.returncode == 2 and again.stderr.startswith("error: A user named 'jordan blake' already exists")
    bad_role = coach("users", "add", "Pat", "--role", "boss", "--no-password")
    assert bad_role.returncode == 2 and "Unknown role 'boss': use one of am, manager, admin" in bad_role.stderr
    short = coach("users", "passwd", "Jordan Blake", "--password-stdin", input="short\n")
    assert short.returncode == 2 and "too short" in short.stderr
    assert coach("users", "passwd", "Jordan Blake", "--password-stdin", input="second password 2\n").returncode == 0
    assert coach("users", "link-slack", "Jordan Blake", "U0123ABC").stdout.strip() == "Jordan Blake -> Slack U0123ABC"
    unknown = coach("users", "passwd", "Jordon", "--password-stdin", input="second password 2\n")
    assert unknown.returncode == 2 and "No user named 'Jordon'. Users: Jordan Blake." in unknown.stderr
    listing = coach("users", "list")
    assert listing.stdout.strip() == "Jordan Blake (am)  slack U0123ABC"
    as_json = json.loads(coach("users", "list", "--json").stdout)  # the UserRecord schema: no id, no hash
    assert [sorted(u) for u in as_json] == [["created_at", "has_password", "locked_until", "name", "role",
                                             "slack_user_id"]]
    assert as_json[0]["has_password"] is True and as_json[0]["slack_user_id"] == "U0123ABC"
    # Each change is audited with who ran the command (the login name), never the password.
    logged = coach("audit", "list", "--kind", "user", "--json")
    entries = json.loads(logged.stdout)
    assert [(e["kind"], e["payload"]["name"]) for e in entries] == [
        ("user.slack", "Jordan Blake"), ("user.password", "Jordan Blake"), ("user.add", "Jordan Blake")]
    assert {e["user"] for e in entries} == {getpass.getuser()}
    assert "first password 1" not in logged.stdout and "second password 2" not in logged.stdout

    store = Store(Settings(data_dir=os.path.join(coach_env["COACH_DATA_DIR"]), load_demo=False))
    try:
        assert store.users.authenticate("Jordan Blake", "second password 2").name == "Jordan Blake"
    finally:
        store.close()


def test_tokens_are_shown_once_and_can_be_revoked(coach, coach_env):
    assert coach("users", "add", "Morgan Reyes", "--role", "manager", "--no-password").returncode == 0
    created = coach("tokens", "create", "Morgan Reyes", "--days", "30", "--label", "ci")
    assert created.returncode == 0, created.stderr
    secret = created.stdout.strip()
    assert secret.startswith("coach_") and len(secret) > 40
    assert "copy it now, it is not shown again" in created.stderr
    listing = coach("tokens", "list")
    assert "Morgan Reyes  ci  expires" in listing.stdout and secret not in listing.stdout
    token_id = listing.stdout.split()[0]
    assert "revoked" in coach("tokens", "revoke", token_id).stdout
    assert "revoked" in coach("tokens", "list", "Morgan Reyes").stdout
    missing = coach("tokens", "revoke", "999")
    assert missing.returncode == 2 and "No API token with id 999" in missing.stderr
    database = open(os.path.join(coach_env["COACH_DATA_DIR"], "coach.sqlite"), "rb").read()
    assert secret.encode() not in database
