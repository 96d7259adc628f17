"""``homeshore compare-scenarios PERIOD_ID`` reads the same comparison as the API."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from api.auth.keys import CLI_ACTOR
from api.cli.main import main
from api.db.database import Database
from api.db.engine import make_engine
from api.db.models import PlanningPeriod
from api.scenarios.schemas import ScenarioChanges, ScenarioCreate
from api.scenarios.service import create_scenario

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo-week" / "problem.json"


def test_compare_scenarios_lists_the_baseline_and_its_scenarios(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("HOMESHORE_DATABASE_URL", url)
    assert main(["db", "upgrade"]) == 0
    assert main(["db", "load-problem", str(DEMO)]) == 0
    engine = make_engine(url)
    with Database(engine).session(write=True) as session:
        period_id = session.scalars(select(PlanningPeriod.id)).one()
        changes = ScenarioChanges(hourly_cost_by_country={"FR": 30.0})
        create_scenario(session, CLI_ACTOR, period_id, ScenarioCreate(name="dear", changes=changes))
    engine.dispose()
    capsys.readouterr()

    assert main(["compare-scenarios", str(period_id)]) == 0
    printed = capsys.readouterr().out
    assert f"baseline period {period_id}" in printed
    assert "scenario period" in printed and "'dear'" in printed
    assert printed.count("no roster yet: solve it first") == 2

    assert main(["compare-scenarios", "4242"]) == 2
    assert "no period 4242" in capsys.readouterr().err
