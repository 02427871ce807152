"""`coach knowledge ...`: search the framework, manage user documents, rebuild the index."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.cli import common

knowledge_app = typer.Typer(help="Search the expansion framework and manage your own documents.", no_args_is_help=True)


@knowledge_app.command()
def search(
    query: Annotated[str, typer.Argument(help="A question or keywords, e.g. 'when to pitch more seats'")],
    k: Annotated[int, typer.Option("--k", min=1, max=50, help="How many passages to return.")] = 5,
    mode: Annotated[str, typer.Option("--mode", help="hybrid (default), dense or lexical.")] = "hybrid",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Find the framework passages (and your documents) that answer a question."""
    with common.user_errors():
        result = common.make_coach().search(query, k=k, mode=mode, include_search_only=True)
    if as_json:
        common.print_result(result)
        return
    if not result.passages:
        typer.echo("No matching passages.")
        return
    for rank, p in enumerate(result.passages, 1):
        origin = "framework" if p.source == "framework" else "from your documents"
        if p.search_only:
            origin += ", search only"
        typer.echo(f"{rank}. {p.title}  [{p.doc}#{p.section_id}, {origin}]  score={p.score:.4f}")
        snippet = " ".join(p.text.split())
        typer.echo(f"   {snippet[:300]}{'…' if len(snippet) > 300 else ''}\n")


@knowledge_app.command()
def add(
    path: Annotated[Path, typer.Argument(help="A .md, .txt, .html or .pdf file.")],
    name: Annotated[str | None, typer.Option("--name", help="Document name (default: the file name).")] = None,
    search_only: Annotated[bool, typer.Option(
        "--search-only", help="Only `coach knowledge search` returns it; never quoted in answers.")] = False,
) -> None:
    """Add (or update) one of your own documents to the knowledge index."""
    with common.user_errors():
        report = common.make_coach().add_document(path, name=name, search_only=search_only,
                                                  user=common.current_user())
    doc = report.docs[0] if report.docs else path.stem
    typer.echo(f"Added '{doc}'{' (search only)' if search_only else ''}: {report.embedded} section(s) embedded, "
               f"{report.unchanged} unchanged, {report.deleted} removed.")


@knowledge_app.command("list")
def list_docs(
    all_docs: Annotated[bool, typer.Option("--all", help="Also list the built-in framework documents.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """List the documents you added (with --all, the framework documents too)."""
    with common.user_errors():
        docs = common.make_coach().documents(include_framework=all_docs)
    if as_json:
        common.print_json([d.model_dump(mode="json") for d in docs])
        return
    if not docs:
        typer.echo("No documents added yet. Add one with: coach knowledge add PATH")
        return
    for d in docs:
        use = "search only" if d.search_only else "answers"
        typer.echo(f"{d.name}\t{d.source}\t{d.kind}\t{d.sections} section(s)\t{use}\t{d.path}")


@knowledge_app.command()
def remove(doc: Annotated[str, typer.Argument(help="The document name shown by `coach knowledge list`.")]) -> None:
    """Remove one of your documents from the index."""
    with common.user_errors():
        count = common.make_coach().remove_document(doc, user=common.current_user())
    typer.echo(f"Removed '{doc}' ({count} section(s)).")


@knowledge_app.command()
def reindex() -> None:
    """Re-index the framework documents; only new or edited sections are embedded again."""
    with common.user_errors():
        report = common.make_coach().reindex(user=common.current_user())
    typer.echo(f"Framework indexed: {report.embedded} section(s) embedded, {report.unchanged} unchanged, "
               f"{report.deleted} removed.")
