"""Errors of the knowledge base, each worded so the user knows which file and what to do next."""

from __future__ import annotations

from assistant.errors import CoachError


class KnowledgeError(CoachError):
    """Base class: any problem the CLI should report as a clear message (exit code 2)."""


class KnowledgeFormatError(KnowledgeError):
    """A framework Markdown file breaks the `## Title {#section-id}` convention."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(
            f"{len(self.problems)} problem(s) in the knowledge files:\n{lines}\n"
            "Every section must start with a heading '## Title {#section-id}' and have text under it."
        )


class DocumentError(KnowledgeError):
    """A user document could not be loaded; the index was not changed."""

    def __init__(self, path: object, problem: str, remedy: str):
        self.path = str(path)
        self.problem = problem
        self.remedy = remedy
        super().__init__(f"{self.path}: {problem}. {remedy} (The knowledge index was not changed.)")


class UnknownSectionError(KnowledgeError, KeyError):
    """A section id was asked for (e.g. cited by a rule) that no knowledge file defines."""

    def __init__(self, missing: list[str], known: list[str]):
        self.missing = list(missing)
        super().__init__(
            f"unknown knowledge section id(s): {', '.join(self.missing)}. "
            f"Known ids: {', '.join(sorted(known))}"
        )

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return self.args[0]


class UnknownDocumentError(KnowledgeError):
    """`remove` was asked for a document that is not in the index."""


class ModelNotFoundError(KnowledgeError):
    """The offline embedding model folder is missing."""
