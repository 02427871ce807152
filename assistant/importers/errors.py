"""Import errors name the file, the row or field, and what was expected."""

from __future__ import annotations

from assistant.errors import CoachError


class ImportProblem(CoachError):
    def __init__(self, source: str, problem: str):
        super().__init__(f"{source}: {problem}")
        self.source, self.problem = source, problem


def checked_file(path, max_bytes: int | None = None):
    """The path when it is a readable file within the size limit; an ImportProblem otherwise."""
    from assistant.yaml_io import DEFAULT_MAX_BYTES, DataFileError, check_file

    try:
        return check_file(path, max_bytes or DEFAULT_MAX_BYTES)
    except DataFileError as exc:
        raise ImportProblem(exc.source, exc.problem) from None


def unknown_fields(model, prefix: str = "") -> list[str]:
    """Paths of fields the snapshot carried that the models do not know (typos, richer exports)."""
    from pydantic import BaseModel

    found = [f"{prefix}.{key}".lstrip(".") for key in (model.model_extra or {})]
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            if isinstance(item, BaseModel):
                suffix = f"[{index}]" if isinstance(value, list) else ""
                found += unknown_fields(item, f"{prefix}.{name}{suffix}")
    return found
