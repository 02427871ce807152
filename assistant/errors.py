"""The project's base error: its message is shown to the user as it is (one line, exit 2)."""

from __future__ import annotations


class CoachError(Exception):
    """Base class: the message is shown to the user as it is."""
