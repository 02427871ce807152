"""The one strict pydantic base: for data we define the shape of (rule, draft-check, portfolio and
phrasebook files, scenario expectations, import rows, the result models), an unknown field is a
typo to report, never data to keep. Account snapshots are the exception on purpose (domain.py):
a richer snapshot still loads, and its unknown fields become warnings."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
