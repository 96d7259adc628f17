"""Agents" requests after publication, the open shifts they free and take, site policies.

Revision ID: 0009_agent_requests
Revises: 0008_celery
Create Date: 2026-12-02 20:49:25.413199
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_agent_requests"
down_revision: str | None = "0008_celery"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "request_policies",
        sa.Column("site_id", sa.String(length=64), nullable=False),
        sa.Column("policy", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_request_policies_site_id_sites")
        ),
        sa.PrimaryKeyConstraint("site_id", name=op.f("pk_request_policies")),
    )
    op.create_table(
        "open_shifts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.DateTime(), nullable=False),
        sa.Column("end", sa.DateTime(), nullable=False),
        sa.Column("breaks", sa.JSON(), nullable=False),
        sa.Column("activities", sa.JSON(), nullable=False),
        sa.Column("freed_by_request_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("taken_by", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["planning_periods.id"],
            name=op.f("fk_open_shifts_period_id_planning_periods"),
        ),
        sa.ForeignKeyConstraint(
            ["taken_by"], ["agents.id"], name=op.f("fk_open_shifts_taken_by_agents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_open_shifts")),
    )
    with op.batch_alter_table("open_shifts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_open_shifts_period_id"), ["period_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_open_shifts_status"), ["status"], unique=False)

    op.create_table(
        "agent_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("agent_id", sa.String(length=64), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("start", sa.DateTime(), nullable=False),
        sa.Column("end", sa.DateTime(), nullable=False),
        sa.Column("open_shift_id", sa.Integer(), nullable=True),
        sa.Column("colleague_id", sa.String(length=64), nullable=True),
        sa.Column("their_start", sa.DateTime(), nullable=True),
        sa.Column("their_end", sa.DateTime(), nullable=True),
        sa.Column("candidates", sa.JSON(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("decision", sa.String(length=2000), nullable=False),
        sa.Column("impact", sa.JSON(), nullable=False),
        sa.Column("roster_id", sa.Integer(), nullable=True),
        sa.Column("absence_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["absence_id"], ["absences.id"], name=op.f("fk_agent_requests_absence_id_absences")
        ),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_agent_requests_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["colleague_id"], ["agents.id"], name=op.f("fk_agent_requests_colleague_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["api_keys.id"], name=op.f("fk_agent_requests_created_by_api_keys")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["api_keys.id"], name=op.f("fk_agent_requests_decided_by_api_keys")
        ),
        sa.ForeignKeyConstraint(
            ["open_shift_id"],
            ["open_shifts.id"],
            name=op.f("fk_agent_requests_open_shift_id_open_shifts"),
        ),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["planning_periods.id"],
            name=op.f("fk_agent_requests_period_id_planning_periods"),
        ),
        sa.ForeignKeyConstraint(
            ["roster_id"], ["rosters.id"], name=op.f("fk_agent_requests_roster_id_rosters")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agent_requests")),
    )
    with op.batch_alter_table("agent_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agent_requests_agent_id"), ["agent_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_agent_requests_period_id"), ["period_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_agent_requests_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("agent_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agent_requests_status"))
        batch_op.drop_index(batch_op.f("ix_agent_requests_period_id"))
        batch_op.drop_index(batch_op.f("ix_agent_requests_agent_id"))

    op.drop_table("agent_requests")
    with op.batch_alter_table("open_shifts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_open_shifts_status"))
        batch_op.drop_index(batch_op.f("ix_open_shifts_period_id"))

    op.drop_table("open_shifts")
    op.drop_table("request_policies")
