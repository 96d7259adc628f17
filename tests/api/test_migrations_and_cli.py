"""Migrations match the models; the db, users and settings entry points behave."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from pydantic import ValidationError
from sqlalchemy import Engine, func, select

import api.db.models  # noqa: F401
from api.cli.main import main
from api.db.base import Base
from api.db.database import Database
from api.db.engine import make_engine
from api.db.migrate import downgrade, pending_reason, upgrade
from api.db.models import Agent, ApiKey, AvailabilityWindow, PlanningPeriod
from api.settings import Settings

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo-week" / "problem.json"


def test_migrations_create_exactly_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_migrations_go_down_and_up_again(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    upgrade(engine)
    downgrade(engine, "base")
    with engine.connect() as connection:
        tables = connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
        assert [t for (t,) in tables if t != "alembic_version"] == []
    upgrade(engine)
    engine.dispose()


def test_production_refuses_sqlite() -> None:
    with pytest.raises(ValidationError, match="PostgreSQL"):
        Settings(environment="production", database_url="sqlite:///x.sqlite3")


def test_cli_upgrades_loads_the_demo_and_mints_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if not DEMO.is_file():
        pytest.skip(f"demo fixture {DEMO} is absent")
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("HOMESHORE_DATABASE_URL", url)
    assert main(["db", "upgrade"]) == 0
    assert main(["db", "load-problem", str(DEMO)]) == 0
    assert "150 agents" in capsys.readouterr().out
    assert main(["db", "load-problem", str(DEMO), "--if-empty"]) == 0
    assert "nothing loaded" in capsys.readouterr().out
    assert main(["db", "load-problem", str(DEMO)]) == 1
    assert main(["users", "create-key", "--role", "agent", "--agent-id", "a0001"]) == 0
    secret = capsys.readouterr().out.strip().splitlines()[-1]
    assert main(["users", "create-key", "--role", "agent", "--agent-id", "nobody"]) == 2
    engine = make_engine(url)
    with Database(engine).session() as session:
        assert session.scalar(select(func.count()).select_from(Agent)) == 150
        assert session.scalar(select(func.count()).select_from(AvailabilityWindow)) > 0
        [key] = session.scalars(select(ApiKey)).all()
        assert key.agent_id == "a0001"
        assert secret not in key.key_hash and len(key.key_hash) == 64
    engine.dispose()


def test_the_demo_loads_next_monday_with_availability_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What ``make serve`` loads: a period an agent can still give availability for today."""
    if not DEMO.is_file():
        pytest.skip(f"demo fixture {DEMO} is absent")
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    monkeypatch.setenv("HOMESHORE_DATABASE_URL", url)
    assert main(["db", "upgrade"]) == 0
    assert main(["db", "load-problem", str(DEMO), "--demo"]) == 0
    engine = make_engine(url)
    with Database(engine).session() as session:
        [period] = session.scalars(select(PlanningPeriod)).all()
        today = datetime.now(ZoneInfo("Europe/Paris")).date()
        assert period.first_day.weekday() == 0 and 0 < (period.first_day - today).days <= 7
        assert period.availability_closes_at > datetime.now(UTC)
        earliest = session.scalar(select(func.min(AvailabilityWindow.start)))
        assert earliest is not None and earliest.date() >= period.first_day
    engine.dispose()


def test_the_server_refuses_an_unmigrated_database(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    assert "run `homeshore db upgrade`" in (pending_reason(engine) or "")
    upgrade(engine)
    assert pending_reason(engine) is None
    engine.dispose()


def test_the_verdict_migration_converts_existing_rosters(tmp_path: Path) -> None:
    """Rosters stored before 0004 kept their verdict in the KPI blob; after it, in columns.
    A roster whose blob never said ``ok`` counts as unverified (it cannot be published)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(engine, "0003")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO sites (id, name, time_zone, slot_minutes, opening_hours, rules, weights,"
            " created_at) VALUES ('s', 'S', 'UTC', 30, '[]', '{}', '{}', '2030-01-01 00:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO planning_periods (id, site_id, name, first_day, days,"
            " availability_closes_at, rules, weights, created_at) VALUES (1, 's', '',"
            " '2030-01-07', 7, '2030-01-01 00:00:00', '{}', '{}', '2030-01-01 00:00:00')"
        )
        for roster_id, kpis in (
            (1, '{"ok": true, "violation_count": 0}'),
            (2, '{"ok": false, "violation_count": 3}'),
            (3, "{}"),
        ):
            connection.exec_driver_sql(
                "INSERT INTO rosters (id, period_id, kpis, created_at) VALUES"
                f" ({roster_id}, 1, '{kpis}', '2030-01-01 00:00:00')"
            )
    upgrade(engine)
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT id, verified_ok, violation_count FROM rosters ORDER BY id"
        ).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [(1, 1, 0), (2, 0, 3), (3, 0, 0)]
