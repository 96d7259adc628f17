"""Locked roster shifts: a planner's "keep this shift" for the next solve around them.

Revision ID: 0012_roster_locks
Revises: 0011_service_and_scenarios
Create Date: 2026-12-03 09:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_roster_locks"
down_revision: str | None = "0011_service_and_scenarios"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("roster_shifts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("locked", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("roster_shifts", schema=None) as batch_op:
        batch_op.drop_column("locked")
