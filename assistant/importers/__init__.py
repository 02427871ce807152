"""Readers for snapshots, scenarios, catalogs and CSV exports; each returns validated models."""
