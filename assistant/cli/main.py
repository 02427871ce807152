"""The `coach` console script: registers each command group's Typer app.

Command modules import their heavy dependencies inside the command functions, so that
`coach check` starts without torch, Chroma or LangChain.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="coach",
    help="Expansion Coach: which expansion plays are allowed for an account, why, and how to say it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    from assistant.cli import policy_commands

    policy_commands.register(app)
    from assistant.cli import policy_diff_commands
    policy_diff_commands.register(app)

    from assistant.cli import data_commands

    data_commands.register(app)

    from assistant.cli import portfolio_commands

    portfolio_commands.register(app)

    from assistant.cli import draft_commands

    draft_commands.register(app)

    from assistant.cli import review_commands

    review_commands.register(app)

    from assistant.cli import conversation_commands

    conversation_commands.register(app)

    from assistant.cli import user_commands

    user_commands.register(app)

    from assistant.cli import demo_commands

    demo_commands.register(app)

    from assistant.cli import audit_commands

    audit_commands.register(app)
    from assistant.cli import slack_commands

    slack_commands.register(app)

    from assistant.cli.knowledge_commands import knowledge_app

    app.add_typer(knowledge_app, name="knowledge")


_register()

if __name__ == "__main__":
    app()
