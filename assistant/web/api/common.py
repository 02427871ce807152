"""Request models shared by the API routers (strict: unknown fields are a 422 naming them)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Change = Literal["more_capacity", "more_seats", "more_volume", "higher_tier", "longer_term", "new_product"]
TimingReason = Literal["customer_milestone", "customer_request", "capacity_constraint", "quarter_end", "quota",
                       "unspecified"]
Name = Field(min_length=1, max_length=200)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PlayRequest(Strict):
    """A play on the account in the path."""

    product: str = Field(min_length=1, max_length=200, description="A catalog product or alias")
    change: Change | None = None
    pitch_to: str | None = Field(None, max_length=200)
    amount: float | None = Field(None, ge=0, le=1e12)
    today: dt.date | None = None


class CheckRequest(PlayRequest):
    proposed_date: dt.date | None = None
    timing_reason: TimingReason | None = None
    tied_to_renewal: bool | None = None
    bundled_with: list[str] = Field(default_factory=list, max_length=10)
    sponsor: str | None = Field(None, max_length=200)
    advances_priority: str | None = Field(None, max_length=300)
    what_ifs: list[str] = Field(default_factory=list, max_length=20,
                                description='Changed facts, e.g. "utilization=0.9", "renewal.risk=low"')


def play_options(body: PlayRequest) -> dict:
    return body.model_dump(exclude={"product", "today"}, exclude_none=True)
