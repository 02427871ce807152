"""Expansion Coach: which expansion plays are allowed for an account, why, and how to say it."""

__version__ = "0.1.0"
