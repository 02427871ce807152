"""`coach ask` and `coach chat`: ask in plain words, with follow-ups in a session."""

from __future__ import annotations

import datetime as dt
import sys
import uuid
from typing import Annotated, Iterator, Optional

import typer

from assistant.cli import common

HISTORY_FILE = "chat_history"

SessionOpt = typer.Option("--session", help="Session id: the same id continues a conversation (follow-ups).")
UserOpt = typer.Option("--user", help="Who is asking (default: your login name); logged with each answer.")
TodayOpt = typer.Option("--today", formats=["%Y-%m-%d"], help="Answer as of this date.")


def ask(
    question: Annotated[str, typer.Argument(help='A question, e.g. "should I pitch Data Quality to Acme?"')],
    json: Annotated[bool, typer.Option("--json", help="The whole answer object as JSON.")] = False,
    session: Annotated[Optional[str], SessionOpt] = None,
    user: Annotated[Optional[str], UserOpt] = None,
    today: Annotated[Optional[dt.datetime], TodayOpt] = None,
) -> None:
    """Ask one question in plain words; pass --session to follow up on an earlier one."""
    with common.user_errors():
        answer = common.make_coach().ask(question, session_id=session, user=user or common.current_user(),
                                         today=common.day(today))
    if json:
        common.print_result(answer)
        return
    typer.echo(answer.text)
    if session is None:
        typer.echo(f"(follow up with: coach ask --session {answer.session_id} \"why not?\")", err=True)


def _lines_from_stdin() -> Iterator[str]:
    for line in sys.stdin:
        yield line.rstrip("\n")


def _lines_from_prompt(history_path) -> Iterator[str]:
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory

    prompt = PromptSession(history=FileHistory(str(history_path)))
    while True:
        try:
            yield prompt.prompt("you> ")
        except KeyboardInterrupt:  # Ctrl-C drops the line being typed; Ctrl-D (EOFError) leaves
            continue
        except EOFError:
            return


def chat(
    session: Annotated[Optional[str], SessionOpt] = None,
    user: Annotated[Optional[str], UserOpt] = None,
    today: Annotated[Optional[dt.datetime], TodayOpt] = None,
) -> None:
    """A chat session: ask, then follow up ("why not?", "draft it", "what about Borealis?").
    Every line goes through Coach.ask, as in `coach ask`, the web chat and Slack: the same
    audit, access scope and refusals; the session id keeps the follow-ups together."""
    with common.user_errors():
        coach = common.make_coach()
        who, day = user or common.current_user(), common.day(today)
        session = session or uuid.uuid4().hex
        interactive = sys.stdin.isatty()
        history = coach.settings.ensure_data_dir() / HISTORY_FILE if interactive else None
        lines = _lines_from_prompt(history) if interactive else _lines_from_stdin()
        leave = {word.casefold() for word in coach.leave_words()}
        typer.echo(f"Expansion Coach chat (session {session}). "
                   "Type 'help' for examples, 'quit' or Ctrl-D to leave.")
        for line in lines:
            text = line.strip()
            if not text:
                continue
            if text.casefold() in leave:
                break
            if not interactive:
                typer.echo(f"you> {text}")  # piped input: echo it so the transcript reads as a conversation
            answer = coach.ask(text, session_id=session, user=who, today=day)
            typer.echo(answer.text)
            typer.echo("")
    typer.echo("Bye.")


def register(app: typer.Typer) -> None:
    app.command("ask")(ask)
    app.command("chat")(chat)
