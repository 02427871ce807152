"""The web app and JSON API: `create_app(settings)` in assistant/web/app.py."""
