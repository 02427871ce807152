"""The base of every result model: strict (an unknown field is a bug, not data)."""

from __future__ import annotations

from pydantic import ConfigDict

from assistant.strict import StrictModel


class Result(StrictModel):
    """Base of the results defined here: an unknown field is a bug, not data."""

    model_config = ConfigDict(populate_by_name=True)
