"""The Slack app: the coach where account managers already talk.

Modules: app (the Bolt AsyncApp and its listeners: routing only), blocks (Coach results as
Block Kit, pure), limits (Block Kit's limits: fit, split, check), texts (prompts/slack/slack.yaml),
replies ("Thinking…" then the answer in place), workers (Coach calls in worker processes),
people (Slack user -> Coach user and scope), directory (People from the users table), http
(POST /slack/events in the web app), socket (Socket Mode), digest (the weekly DM).
"""
