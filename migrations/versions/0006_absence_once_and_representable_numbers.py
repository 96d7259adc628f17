"""One absence per agent, start, end and reason; stored weights and costs the solver can use.

An absence posted twice (a retried request) was stored twice; the unique constraint makes
a repeat find the first instead (POST /absences answers it with 200). Weights above
1,000,000 and hourly costs below 0.01, which the API accepted before, made every solve of
their period fail; they are brought to the nearest value the solver represents.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 18:30:00.000000
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MAX_WEIGHT = 1_000_000.0  # solver.problem.MAX_WEIGHT when this migration was written
MIN_HOURLY_COST = 0.01  # solver.problem.MIN_HOURLY_COST

_absences = sa.table(
    "absences",
    sa.column("id", sa.Integer),
    sa.column("agent_id", sa.String),
    sa.column("start", sa.DateTime),
    sa.column("end", sa.DateTime),
    sa.column("reason", sa.String),
)


def _remove_repeated_absences() -> None:
    keys = (_absences.c.agent_id, _absences.c.start, _absences.c.end, _absences.c.reason)
    first = sa.select(sa.func.min(_absences.c.id)).group_by(*keys)
    op.execute(sa.delete(_absences).where(_absences.c.id.not_in(first.scalar_subquery())))


def _clamp_weights(table_name: str) -> None:
    table = sa.table(table_name, sa.column("id"), sa.column("weights", sa.JSON))
    connection = op.get_bind()
    for row_id, weights in connection.execute(sa.select(table.c.id, table.c.weights)).all():
        clamped: dict[str, Any] = {
            name: min(value, MAX_WEIGHT) if isinstance(value, int | float) else value
            for name, value in (weights or {}).items()
        }
        if clamped != weights:
            connection.execute(sa.update(table).where(table.c.id == row_id).values(weights=clamped))


def upgrade() -> None:
    _remove_repeated_absences()
    with op.batch_alter_table("absences", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            batch_op.f("uq_absences_agent_id"), ["agent_id", "start", "end", "reason"]
        )
    _clamp_weights("sites")
    _clamp_weights("planning_periods")
    agents = sa.table("agents", sa.column("hourly_cost", sa.Float))
    op.execute(
        sa.update(agents)
        .where(agents.c.hourly_cost < MIN_HOURLY_COST)
        .values(hourly_cost=MIN_HOURLY_COST)
    )


def downgrade() -> None:
    with op.batch_alter_table("absences", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_absences_agent_id"), type_="unique")
