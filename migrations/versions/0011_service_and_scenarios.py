"""Expected service level stored with rosters, the staffing plan of a period, simulations,
what-if scenarios (periods copied from another, never published).

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
        batch.add_column(sa.Column("scenario_of", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("scenario_changes", sa.JSON(), nullable=True))
        batch.create_index(batch.f("ix_planning_periods_scenario_of"), ["scenario_of"])
    with op.batch_alter_table("rosters") as batch:
        batch.add_column(sa.Column("service_level", sa.JSON(), nullable=True))
    op.create_table(
        "roster_simulations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("roster_id", sa.Integer(), nullable=False),
        sa.Column("replications", sa.Integer(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("wall_seconds", sa.Float(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["roster_id"],
            ["rosters.id"],
            name=op.f("fk_roster_simulations_roster_id_rosters"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["api_keys.id"], name=op.f("fk_roster_simulations_created_by_api_keys")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roster_simulations")),
    )
    with op.batch_alter_table("roster_simulations") as batch:
        batch.create_index(batch.f("ix_roster_simulations_roster_id"), ["roster_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("roster_simulations") as batch:
        batch.drop_index(batch.f("ix_roster_simulations_roster_id"))
    op.drop_table("roster_simulations")
    with op.batch_alter_table("rosters") as batch:
        batch.drop_column("service_level")
    with op.batch_alter_table("planning_periods") as batch:
        batch.drop_index(batch.f("ix_planning_periods_scenario_of"))
        batch.drop_column("scenario_changes")
        batch.drop_column("scenario_of")
        batch.drop_column("staffing_plan")
