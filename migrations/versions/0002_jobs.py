"""Jobs: re-plans and their absences, the outbox, the scheduler lease, APScheduler's job store.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 11:18:12.569429
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "apscheduler_jobs",
        sa.Column("id", sa.Unicode(length=191), nullable=False),
        sa.Column("next_run_time", sa.Float(precision=25), nullable=True),
        sa.Column("job_state", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_apscheduler_jobs")),
    )
    with op.batch_alter_table("apscheduler_jobs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_apscheduler_jobs_next_run_time"), ["next_run_time"], unique=False
        )

    op.create_table(
        "scheduler_leases",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("holder", sa.String(length=128), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_scheduler_leases")),
    )
    op.create_table(
        "outbox_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("roster_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("gave_up_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_outbox_messages_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["roster_id"],
            ["rosters.id"],
            name=op.f("fk_outbox_messages_roster_id_rosters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_messages")),
    )
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_messages_agent_id"), ["agent_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_outbox_messages_next_attempt_at"), ["next_attempt_at"], unique=False
        )

    op.create_table(
        "replans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("solve_run_id", sa.Integer(), nullable=False),
        sa.Column("base_roster_id", sa.Integer(), nullable=False),
        sa.Column("trigger", sa.String(length=16), nullable=False),
        sa.Column("inputs_digest", sa.String(length=64), nullable=False),
        sa.Column("replan_from", sa.DateTime(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=True),
        sa.Column("coverage_before", sa.Float(), nullable=True),
        sa.Column("coverage_after", sa.Float(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["base_roster_id"], ["rosters.id"], name=op.f("fk_replans_base_roster_id_rosters")
        ),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["planning_periods.id"],
            name=op.f("fk_replans_period_id_planning_periods"),
        ),
        sa.ForeignKeyConstraint(
            ["solve_run_id"],
            ["solve_runs.id"],
            name=op.f("fk_replans_solve_run_id_solve_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_replans")),
        sa.UniqueConstraint("solve_run_id", name=op.f("uq_replans_solve_run_id")),
    )
    with op.batch_alter_table("replans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_replans_period_id"), ["period_id"], unique=False)

    op.create_table(
        "roster_notifications",
        sa.Column("roster_id", sa.Integer(), nullable=False),
        sa.Column("messages", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["roster_id"],
            ["rosters.id"],
            name=op.f("fk_roster_notifications_roster_id_rosters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("roster_id", name=op.f("pk_roster_notifications")),
    )
    op.create_table(
        "replan_absences",
        sa.Column("replan_id", sa.Integer(), nullable=False),
        sa.Column("absence_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["absence_id"],
            ["absences.id"],
            name=op.f("fk_replan_absences_absence_id_absences"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["replan_id"],
            ["replans.id"],
            name=op.f("fk_replan_absences_replan_id_replans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("replan_id", "absence_id", name=op.f("pk_replan_absences")),
    )


def downgrade() -> None:
    op.drop_table("replan_absences")
    op.drop_table("roster_notifications")
    with op.batch_alter_table("replans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_replans_period_id"))

    op.drop_table("replans")
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_messages_next_attempt_at"))
        batch_op.drop_index(batch_op.f("ix_outbox_messages_agent_id"))

    op.drop_table("outbox_messages")
    op.drop_table("scheduler_leases")
    with op.batch_alter_table("apscheduler_jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_apscheduler_jobs_next_run_time"))

    op.drop_table("apscheduler_jobs")
