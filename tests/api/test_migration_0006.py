"""Migration 0006 repairs what the API used to accept: repeated absences, a weight of 1e308
that bricked a period, a cost too small for the solver; then a repeat is refused."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import MetaData, insert, select
from sqlalchemy.exc import IntegrityError

from api.db.database import Database
from api.db.migrate import downgrade, upgrade
from api.db.models import Absence, Agent, PlanningPeriod, Site
from tests.api.databases import fresh_database

START = datetime(2030, 1, 8, 7, tzinfo=UTC)
END = datetime(2030, 1, 8, 11, tzinfo=UTC)


def test_0006_removes_repeats_and_brings_numbers_into_range(tmp_path: Path) -> None:
    with fresh_database(tmp_path) as (_url, engine):
        downgrade(engine, "0005")  # the revision before 0006
        database = Database(engine)
        weights = {"unmet_demand": 1e308, "overstaffing": 1.0}
        # Rows written as the schema stood at 0005 (reflected): the models describe the
        # newest schema, whose later columns a 0005 table does not have.
        tables = MetaData()
        tables.reflect(engine)
        now = datetime.now(UTC)
        with engine.begin() as connection:

            def add(table: str, **values: object) -> None:
                if "created_at" in tables.tables[table].c:
                    values.setdefault("created_at", now)
                values = {**_defaults(tables, table), **values}
                connection.execute(insert(tables.tables[table]).values(**values))

            add(
                "sites",
                id="s",
                time_zone="UTC",
                slot_minutes=30,
                opening_hours=[],
                rules={},
                weights=weights,
            )
            add(
                "agents",
                id="a1",
                site_id="s",
                time_zone="UTC",
                country="FR",
                skills=["fr"],
                hourly_cost=1e-320,
                contract_max_hours_per_week=20,
            )
            add(
                "planning_periods",
                site_id="s",
                first_day=date(2030, 1, 7),
                days=7,
                availability_closes_at=START,
                rules={},
                weights=weights,
            )
            for reason in ("ill", "ill", "doctor"):
                add("absences", agent_id="a1", start=START, end=END, reason=reason)

        upgrade(engine)

        with database.session(write=True) as session:
            reasons = sorted(a.reason for a in session.scalars(select(Absence)))
            assert reasons == ["doctor", "ill"]
            site = session.get(Site, "s")
            assert site is not None and site.weights == {"unmet_demand": 1e6, "overstaffing": 1.0}
            period = session.scalars(select(PlanningPeriod)).one()
            assert period.weights["unmet_demand"] == 1e6
            agent = session.get(Agent, "a1")
            assert agent is not None and agent.hourly_cost == 0.01
        with pytest.raises(IntegrityError), database.session(write=True) as session:
            session.add(Absence(agent_id="a1", start=START, end=END, reason="ill"))
            session.flush()


def _defaults(tables: MetaData, name: str) -> dict[str, object]:
    """The models' Python-side defaults for the 0005 table's other NOT NULL columns (the
    ORM fills them when it inserts; a Core insert on the reflected table does not)."""
    model = {
        "sites": Site,
        "agents": Agent,
        "planning_periods": PlanningPeriod,
        "absences": Absence,
    }[name]
    values: dict[str, object] = {}
    for column in tables.tables[name].c:
        mapped = model.__table__.c.get(column.name)
        default = getattr(mapped, "default", None)
        if column.nullable or mapped is None or default is None or column.name == "created_at":
            continue
        if getattr(default, "is_scalar", False):
            values[column.name] = default.arg
        elif getattr(default, "is_callable", False):
            values[column.name] = default.arg(None)
    return values
