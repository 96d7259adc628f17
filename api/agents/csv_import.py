"""Agents from a CSV file, all or nothing: every bad row named by line and column.

Columns (header row, names case-insensitive, order free): ``id``, ``site_id``, ``name``,
``time_zone``, ``country``, ``skills`` (separated by ``;`` or ``|``), ``hourly_cost``,
``contract_min``, ``contract_max``, and optionally ``aid_cap_week``, ``aid_cap_day`` (empty:
none) and ``accepts_changes`` (``yes``/``no``, default yes). Each row becomes the
``AgentCreate`` the API takes and goes through ``service.create_agent``, so the file is
refused exactly where ``POST /agents`` would refuse its rows.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from api.agents import service
from api.agents.schemas import AgentCreate
from api.agents.typed_body import agent_body
from api.auth.keys import Principal
from api.db.models import Agent
from api.errors import FieldIssue, InvalidInput, ServiceError

REQUIRED = (
    "id",
    "site_id",
    "time_zone",
    "country",
    "skills",
    "hourly_cost",
    "contract_max",
)
MAX_ROWS = 10_000


def _body(cells: dict[str, str]) -> dict[str, Any]:
    skills = [s.strip() for s in cells["skills"].replace("|", ";").split(";") if s.strip()]
    consent = cells.get("accepts_changes", "yes").strip().lower() not in ("no", "false", "0", "non")
    return {"id": cells["id"], "site_id": cells["site_id"], **agent_body(cells, skills, consent)}


def parse_agents_csv(text: str) -> list[tuple[int, AgentCreate]]:
    """(line, agent) for every row; raises InvalidInput naming each bad row's fields."""
    try:
        return _parse(text)
    except csv.Error as exc:  # a NUL byte, an unterminated quote at the end...
        raise InvalidInput([FieldIssue("file", f"not readable as CSV: {exc}")]) from exc


def _parse(text: str) -> list[tuple[int, AgentCreate]]:
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(reader, [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InvalidInput([FieldIssue("file.header", f"missing columns: {', '.join(missing)}")])
    issues: list[FieldIssue] = []
    agents: list[tuple[int, AgentCreate]] = []
    seen: dict[str, int] = {}
    for line, record in enumerate(reader, start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(agents) + len(issues) >= MAX_ROWS:
            issues.append(FieldIssue("file", f"more than {MAX_ROWS} rows"))
            break
        if len(record) != len(header):
            issues.append(
                FieldIssue(
                    f"file.line[{line}]", f"expected {len(header)} fields, found {len(record)}"
                )
            )
            continue
        cells = dict(zip(header, (c.strip() for c in record), strict=True))
        if cells["id"] in seen:
            issues.append(
                FieldIssue(
                    f"file.line[{line}].id", f"{cells['id']} repeats line {seen[cells['id']]}"
                )
            )
            continue
        seen[cells["id"]] = line
        try:
            agents.append((line, AgentCreate.model_validate(_body(cells))))
        except ValidationError as exc:
            issues += [
                FieldIssue(
                    f"file.line[{line}]." + ".".join(str(p) for p in e["loc"]), str(e["msg"])
                )
                for e in exc.errors()
            ]
    if issues:
        raise InvalidInput(issues)
    if not agents:
        raise InvalidInput([FieldIssue("file", "no agent rows after the header")])
    return agents


def import_agents(session: Session, actor: Principal, text: str) -> list[Agent]:
    """Create every agent of the file, or none (an error on any row refuses the file)."""
    created: list[Agent] = []
    issues: list[FieldIssue] = []
    for line, body in parse_agents_csv(text):
        try:
            with session.begin_nested():
                created.append(service.create_agent(session, actor, body))
        except ServiceError as exc:
            issues += [FieldIssue(f"file.line[{line}].{i.field}", i.reason) for i in exc.issues]
    if issues:
        raise InvalidInput(issues)
    return created
