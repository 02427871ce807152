"""`coach review`: the AM's own email, call plan or talk track, reviewed against the rules.

The text comes from --file or standard input; a thread is several messages separated by a
line of dashes. The answer, in order: the play's verdict, the executive-committee test, the
sentences that break a rule, what is missing, and a suggested rewrite (or the remedy).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from assistant.cli import common

_MAX_BYTES = 200_000  # a long email thread is ~20 KB; this only keeps a wrong file out


def _read_text(file: Optional[Path]) -> str:
    if file is not None:
        try:
            raw = file.read_bytes()
        except OSError as exc:
            common.fail(f"cannot read {file}: {exc.strerror}; pass a text file with --file")
        source = str(file)
    else:
        if sys.stdin.isatty():
            common.fail("no text to review: pass --file FILE or pipe the text on standard input")
        raw = sys.stdin.buffer.read(_MAX_BYTES + 1)
        source = "standard input"
    if len(raw) > _MAX_BYTES:
        common.fail(f"{source} is over {_MAX_BYTES // 1000} KB; review one email or thread at a time")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        common.fail(f"{source} is not UTF-8 text; save the email as plain text and try again")


def review(
    account: Annotated[str, typer.Argument(help="Account name, e.g. \"Acme Corp\".")],
    product: Annotated[str, typer.Argument(help="Catalog product or alias the text is about.")],
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="The text; standard input when left out.")] = None,
    change: Annotated[Optional[str], typer.Option(
        "--change", help="more_capacity|more_seats|more_volume|higher_tier|longer_term|new_product")] = None,
    to: Annotated[Optional[str], typer.Option("--to", help="The person the text is for.")] = None,
    today: Annotated[Optional[dt.datetime], typer.Option(formats=["%Y-%m-%d"], help="Evaluate as of this date.")] = None,
    user: Annotated[Optional[str], typer.Option("--user", help="Who asks, for the audit log (default: your login).")] = None,
    json: Annotated[bool, typer.Option("--json", help="The same answer as JSON.")] = False,
) -> None:
    """Review your own email, call plan or talk track for a play, sentence by sentence."""
    from assistant.render.review_text import render_review

    text = _read_text(file)
    with common.user_errors():
        result = common.make_coach().review(account, product, text, change=change, pitch_to=to,
                                            today=common.day(today), user=user or common.current_user())
    if json:
        common.print_result(result)
        return
    typer.echo(render_review(result))


def register(app: typer.Typer) -> None:
    app.command("review")(review)
