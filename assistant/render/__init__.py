"""Renderers: one answer object, several surfaces (text, JSON, HTML, Slack)."""
