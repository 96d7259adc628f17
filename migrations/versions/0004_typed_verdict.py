"""The verifier's verdict as columns of rosters, and a heartbeat on solve runs.

``rosters.verified_ok`` and ``rosters.violation_count`` replace the ``ok`` and
``violation_count`` keys of the KPI blob as what the publication gates read; existing rows
are converted from those keys (a roster without them counts as unverified).
``solve_runs.heartbeat_at`` is renewed by whatever executes a run, so a run whose process
died is recognised by a stale heartbeat instead of staying "running" forever.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 18:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

rosters = sa.table(
    "rosters",
    sa.column("id", sa.Integer),
    sa.column("kpis", sa.JSON),
    sa.column("verified_ok", sa.Boolean),
    sa.column("violation_count", sa.Integer),
)


def upgrade() -> None:
    with op.batch_alter_table("rosters", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("verified_ok", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("violation_count", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("solve_runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("heartbeat_at", sa.DateTime(), nullable=True))
    connection = op.get_bind()
    for row in connection.execute(sa.select(rosters.c.id, rosters.c.kpis)).all():
        kpis = row.kpis or {}
        connection.execute(
            rosters.update()
            .where(rosters.c.id == row.id)
            .values(
                verified_ok=kpis.get("ok") is True,
                violation_count=int(kpis.get("violation_count") or 0),
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("solve_runs", schema=None) as batch_op:
        batch_op.drop_column("heartbeat_at")
    with op.batch_alter_table("rosters", schema=None) as batch_op:
        batch_op.drop_column("violation_count")
        batch_op.drop_column("verified_ok")
