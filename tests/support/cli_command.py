"""The click command of a Typer app, built once per app for the in-process CLI tests.

`typer.testing.CliRunner.invoke(app, ...)` calls `typer.main.get_command(app)` every time; for
`coach` that rebuild is most of an in-process invocation. A click command is meant to be run
many times (each `main()` makes a fresh context), so reusing the build runs exactly the command
the console script runs; only the repeated construction goes.
"""

from __future__ import annotations

import weakref

import typer.main
import typer.testing


def built_once(patch) -> None:
    """Make Typer's CliRunner reuse one command per app (undone when `patch` is undone)."""
    build = typer.main.get_command
    if getattr(typer.testing, "_get_command", None) is not build:
        return  # another Typer layout: keep its own behaviour (slower, same results)
    built: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def get_command(app):
        if app not in built:
            built[app] = build(app)
        return built[app]

    patch.setattr(typer.testing, "_get_command", get_command)
