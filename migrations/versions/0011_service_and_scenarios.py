"""Expected service level stored with rosters, the staffing plan of a period.

Revision ID: 0011_service_and_scenarios
Revises: 0010_request_waitlist
Create Date: 2026-12-03 08:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_service_and_scenarios"
down_revision: str | None = "0010_request_waitlist"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("planning_periods") as batch:
        batch.add_column(sa.Column("staffing_plan", sa.JSON(), nullable=True))
    with op.batch_alter_table("rosters") as batch:
        batch.add_column(sa.Column("service_level", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("rosters") as batch:
        batch.drop_column("service_level")
    with op.batch_alter_table("planning_periods") as batch:
        batch.drop_column("staffing_plan")
