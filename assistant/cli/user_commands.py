"""`coach users`, `coach tokens` and `coach serve`: who may sign in, API tokens, the web app."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated, Optional

import typer

from assistant.cli import common

users_app = typer.Typer(help="People who sign in to the web app, the API and Slack, and their roles.",
                        no_args_is_help=True)
tokens_app = typer.Typer(help="Bearer tokens for the JSON API (shown once, stored hashed).", no_args_is_help=True)

RoleOpt = typer.Option("--role", help="am (their own accounts), manager (every account, the policy), "
                                      "admin (also imports and users).")
PasswordStdin = typer.Option("--password-stdin", help="Read the password from the first line of standard "
                                                      "input (for scripts) instead of prompting.")


def _coach():
    return common.make_coach()


def _read_password(from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            common.fail("no password on standard input; pipe one line, e.g. `printf '%s\\n' \"$PW\" | coach ...`")
        return line
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


def _when(value: dt.datetime | None) -> str:
    return "-" if value is None else f"{value:%Y-%m-%d %H:%M} UTC"


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="The user's name; for an AM, the `owner` of their accounts.")],
    role: Annotated[str, RoleOpt] = "am",
    no_password: Annotated[bool, typer.Option("--no-password", help="No password: Slack or API token only.")] = False,
    password_stdin: Annotated[bool, PasswordStdin] = False,
) -> None:
    """Add a user with a role; prompts for a password (argon2-hashed)."""
    with common.user_errors():
        coach = _coach()
        password = None if no_password else _read_password(password_stdin)
        user = coach.add_user(name, role, password, user=common.current_user())
    typer.echo(f"added {user.name} ({user.role})")


@users_app.command("passwd")
def users_passwd(name: Annotated[str, typer.Argument(help="The user.")],
                 password_stdin: Annotated[bool, PasswordStdin] = False) -> None:
    """Set a user's password (this also lifts a lock-out)."""
    with common.user_errors():
        coach = _coach()
        coach.user(name)  # an unknown name fails before the password prompt
        user = coach.set_password(name, _read_password(password_stdin), user=common.current_user())
    typer.echo(f"password changed for {user.name}")


@users_app.command("role")
def users_role(name: Annotated[str, typer.Argument(help="The user.")], role: Annotated[str, RoleOpt]) -> None:
    """Change a user's role."""
    with common.user_errors():
        user = _coach().set_role(name, role, user=common.current_user())
    typer.echo(f"{user.name} is now {user.role}")


@users_app.command("unlock")
def users_unlock(name: Annotated[str, typer.Argument(help="The user.")]) -> None:
    """Lift a lock-out after repeated failed sign-ins."""
    with common.user_errors():
        user = _coach().unlock_user(name, user=common.current_user())
    typer.echo(f"{user.name} can sign in again")


@users_app.command("link-slack")
def users_link_slack(name: Annotated[str, typer.Argument(help="The user.")],
                     slack_user_id: Annotated[str, typer.Argument(help="Their Slack member id, e.g. U012ABCDEF; "
                                                                       "'-' removes the link.")]) -> None:
    """Link a user to their Slack member id (the Slack app answers them with their scope)."""
    with common.user_errors():
        user = _coach().link_slack(name, None if slack_user_id == "-" else slack_user_id,
                                  user=common.current_user())
    typer.echo(f"{user.name} -> Slack {user.slack_user_id or '(not linked)'}")


@users_app.command("remove")
def users_remove(name: Annotated[str, typer.Argument(help="The user.")]) -> None:
    """Remove a user and their tokens and sessions (the audit log keeps their name)."""
    with common.user_errors():
        _coach().remove_user(name, user=common.current_user())
    typer.echo(f"removed {name}")


@users_app.command("list")
def users_list(json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False) -> None:
    """Every user with role, Slack link and lock-out."""
    with common.user_errors():
        users = _coach().users()
    if json:
        common.print_json(users)
        return
    for u in users:
        extra = [f"slack {u.slack_user_id}" if u.slack_user_id else "",
                 "" if u.has_password else "no password",
                 f"locked until {_when(u.locked_until)}" if u.locked_until else ""]
        typer.echo("  ".join([f"{u.name} ({u.role})", *[e for e in extra if e]]))


@tokens_app.command("create")
def tokens_create(
    name: Annotated[str, typer.Argument(help="The user the token acts as.")],
    days: Annotated[Optional[int], typer.Option("--days", min=1, max=3650,
                                                help="Lifetime in days (default COACH_API_TOKEN_DAYS, 90).")] = None,
    label: Annotated[Optional[str], typer.Option("--label", help="What the token is for.")] = None,
) -> None:
    """Create an API token; the secret is shown once and only its hash is kept."""
    with common.user_errors():
        created = _coach().create_token(name, days=days, label=label, user=common.current_user())
    info = created.token
    typer.echo(created.secret)
    typer.echo(f"token {info.id} for {info.user}, expires {_when(info.expires_at)}; "
               "copy it now, it is not shown again (use: Authorization: Bearer <token>)", err=True)


@tokens_app.command("list")
def tokens_list(name: Annotated[Optional[str], typer.Argument(help="Only this user's tokens.")] = None) -> None:
    """API tokens (never their secrets): id, user, label, expiry, revoked."""
    with common.user_errors():
        tokens = _coach().tokens(name)
    for t in tokens:
        state = f"revoked {_when(t.revoked_at)}" if t.revoked_at else f"expires {_when(t.expires_at)}"
        typer.echo(f"{t.id}  {t.user}  {t.label or '-'}  {state}")


@tokens_app.command("revoke")
def tokens_revoke(token_id: Annotated[int, typer.Argument(help="The token's id (`coach tokens list`).")]) -> None:
    """Revoke an API token at once."""
    with common.user_errors():
        info = _coach().revoke_token(token_id, user=common.current_user())
    typer.echo(f"token {info.id} of {info.user} revoked")


def serve(
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    host: Annotated[str, typer.Option("--host", help="Address to bind; keep 127.0.0.1 behind a reverse proxy.")]
    = "127.0.0.1",
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Worker processes.")] = 1,
    log_level: Annotated[str, typer.Option("--log-level", help="info, warning, debug.")] = "info",
) -> None:
    """Run the web app and JSON API (uvicorn) on the same store as the CLI."""
    import uvicorn

    from assistant.web.app import check_settings

    with common.user_errors():
        check_settings(common.settings())  # refuse a production start without a real secret key
    # The factory builds the app in each worker from the environment's settings.
    uvicorn.run("assistant.web.app:app_from_environment", factory=True, host=host, port=port,
                workers=workers, log_level=log_level, proxy_headers=True, timeout_graceful_shutdown=20,
                access_log=False)


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
    app.add_typer(tokens_app, name="tokens")
    app.command("serve")(serve)
