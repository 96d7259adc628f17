"""Service settings: one pydantic-settings object read from ``HOMESHORE_*`` variables.

Defaults suit a laptop (an SQLite file beside the checkout). Outside ``development`` the
settings refuse values that are only safe locally, so a production deployment cannot start
on a throw-away database by accident.
"""

from __future__ import annotations

import secrets
from datetime import time
from functools import lru_cache
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything the service reads from its environment (see docs/configuration.md)."""

    model_config = SettingsConfigDict(env_prefix="HOMESHORE_", env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = Field(
        default="development", description="`production` refuses an SQLite database."
    )
    database_url: str = Field(
        default="sqlite:///./homeshore.sqlite3",
        description="SQLAlchemy URL, e.g. postgresql+psycopg://user@host:5432/homeshore.",
    )
    database_echo: bool = Field(default=False, description="Log every SQL statement.")
    database_pool_size: int = Field(
        default=20,
        ge=1,
        le=200,
        description="Database connections each server process keeps open. Requests beyond "
        "it open and close a connection of their own (up to as many again), which costs more "
        "than the request on PostgreSQL; the whole service holds at most twice this per "
        "process, within the server's max_connections.",
    )
    availability_cutoff_hours: float = Field(
        default=72.0,
        ge=0,
        le=24 * 60,
        description="Agents may change availability until this long before a period starts, "
        "unless the period sets its own closing time.",
    )
    max_request_bytes: int = Field(
        default=2_000_000, ge=1024, description="Larger request bodies are refused with 413."
    )
    max_windows_per_agent: int = Field(
        default=200, ge=1, le=10_000, description="Availability windows per agent and period."
    )
    solver_processes: int = Field(
        default=1, ge=1, le=64, description="Solves that may run at once (one process each)."
    )
    solver_niceness: int = Field(
        default=10,
        ge=0,
        le=19,
        description="How much lower than the API's the solver processes' CPU priority is, "
        "so a long solve never slows down answers.",
    )
    solve_time_limit_seconds: float = Field(
        default=60.0, gt=0, le=3600, description="Default time limit of a solve."
    )
    max_solve_time_limit_seconds: float = Field(
        default=600.0, gt=0, le=3600, description="Largest time limit a manager may ask for."
    )
    replan_time_limit_seconds: float = Field(
        default=30.0, gt=0, le=3600, description="Time limit of every re-plan solve."
    )
    replan_grace_seconds: float = Field(
        default=60.0,
        gt=0,
        le=3600,
        description="How long past its time limit any solve (a manager's or a re-plan) may run "
        "before its process is killed and the run marked failed.",
    )
    run_lease_seconds: float = Field(
        default=60.0,
        ge=2,
        le=3600,
        description="A queued or running solve whose executing process has not renewed its "
        "heartbeat for this long is marked failed (the process died) and, for a re-plan, "
        "its absences are re-planned at once.",
    )
    replan_debounce_seconds: float = Field(
        default=60.0,
        ge=0,
        le=3600,
        description="A re-plan starts this long after the latest absence reported for a period, "
        "so absences reported together give one solve.",
    )
    replan_max_delay_seconds: float = Field(
        default=300.0,
        ge=0,
        le=86_400,
        description="...but never later than this after the first absence still waiting.",
    )
    replan_retry_seconds: float = Field(
        default=600.0, ge=0, le=86_400, description="Wait after a failed re-plan before retrying."
    )
    replan_horizon_days: int = Field(
        default=28, ge=1, le=366, description="The nightly job re-plans periods starting within."
    )
    nightly_replan_time: time = Field(
        default=time(2, 30), description="Local time (jobs_time_zone) of the nightly re-plan."
    )
    publish_cutoff_hours: float = Field(
        default=48.0,
        ge=0,
        le=24 * 60,
        description="From this long before a period starts, its newest verified draft is "
        "published automatically.",
    )
    auto_publish: bool = Field(default=True, description="Run the publication job at all.")
    publish_check_seconds: float = Field(
        default=300.0, gt=0, le=86_400, description="How often the publication job runs."
    )
    outbox_send_seconds: float = Field(
        default=30.0, gt=0, le=86_400, description="How often the outbox job runs."
    )
    solve_run_retention_days: int = Field(
        default=30, ge=1, le=3650, description="Unpublished solve runs older than this go."
    )
    jobs_time_zone: str = Field(default="UTC", description="Time zone of cron-like job times.")
    absence_watch_seconds: float = Field(
        default=15.0, gt=0, le=3600, description="How often the worker looks for new absences."
    )
    webhook_url: str | None = Field(
        default=None, description="POST each outbox message here (JSON); unset: record only."
    )
    webhook_timeout_seconds: float = Field(default=10.0, gt=0, le=120)
    webhook_max_attempts: int = Field(default=8, ge=1, le=100)
    webhook_retry_base_seconds: float = Field(
        default=30.0, gt=0, le=86_400, description="Retry n waits base * 2**(n-1)."
    )
    scheduler_lease_seconds: float = Field(
        default=30.0,
        ge=2,
        le=3600,
        description="SQLite only: a worker that stops renewing loses the scheduler after this.",
    )
    solve_backend: Literal["local", "celery"] = Field(
        default="local",
        description="Where solves run: `local`, a process pool inside each server or "
        "scheduler process (HOMESHORE_SOLVER_PROCESSES); `celery`, on `homeshore solve-worker` "
        "processes fed through the broker.",
    )
    broker_url: SecretStr = Field(
        default=SecretStr("amqp://guest:guest@127.0.0.1:5672//"),
        description="The RabbitMQ broker of the solve workers (celery backend only).",
    )
    solve_queue: str = Field(
        default="homeshore.solves",
        min_length=1,
        max_length=200,
        description="The durable, prioritised queue that carries solve tasks (celery backend): "
        "re-plans after absences first, then managers' solves, then the nightly batch.",
    )
    solve_retries: int = Field(
        default=2,
        ge=0,
        le=20,
        description="A run whose worker died (no heartbeat) is executed again at most this "
        "many times before it is failed with the reason (celery backend).",
    )
    worker_concurrency: int = Field(
        default=1,
        ge=1,
        le=64,
        description="Solves one `homeshore solve-worker` runs at once (one solver process each).",
    )
    worker_solver_threads: int = Field(
        default=0,
        ge=0,
        le=64,
        description="CP-SAT threads per solve on a worker; 0 shares the machine's cores "
        "among the worker's concurrent solves, so they do not fight for cores.",
    )
    session_secret: SecretStr | None = Field(
        default=None,
        description="Signs the web pages' session cookies. Required in production; elsewhere a "
        "random secret per process (sessions end when the server restarts).",
    )
    session_hours: float = Field(
        default=12.0, gt=0, le=24 * 30, description="How long a web session lasts after login."
    )
    behind_tls: bool = Field(
        default=False,
        description="Clients reach the service over https (TLS at a proxy or in uvicorn): "
        "session cookies are then always marked Secure. Required in production.",
    )
    host: str = Field(default="127.0.0.1", description="Address `homeshore serve` binds.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `homeshore serve` binds.")
    server_workers: int = Field(
        default=1,
        ge=1,
        le=64,
        description="Server processes `homeshore serve` starts on the one port; use several "
        "with PostgreSQL (SQLite admits one writer at a time, so more processes only queue).",
    )

    @model_validator(mode="after")
    def _safe_outside_development(self) -> Settings:
        if self.environment == "production" and self.database_url.startswith("sqlite"):
            raise ValueError(
                "HOMESHORE_DATABASE_URL must name a server database (PostgreSQL) in production"
            )
        if self.session_secret is None or not self.session_secret.get_secret_value():
            if self.environment == "production":
                raise ValueError("HOMESHORE_SESSION_SECRET must be set in production")
            self.session_secret = SecretStr(secrets.token_urlsafe(32))
        elif len(self.session_secret.get_secret_value()) < 32:
            raise ValueError("HOMESHORE_SESSION_SECRET must be at least 32 characters")
        if self.environment == "production" and not self.behind_tls:
            raise ValueError(
                "HOMESHORE_BEHIND_TLS must be true in production: API keys and session "
                "cookies must not travel over plain http"
            )
        return self


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
