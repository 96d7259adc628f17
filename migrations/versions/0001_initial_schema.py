"""Initial schema: sites, queues, agents, planning inputs, solves, rosters, absences, keys, audit.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 10:41:37.523126
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sites",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("slot_minutes", sa.Integer(), nullable=False),
        sa.Column("opening_hours", sa.JSON(), nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.Column("weights", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sites")),
    )
    op.create_table(
        "agents",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("site_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("skills", sa.JSON(), nullable=False),
        sa.Column("hourly_cost", sa.Float(), nullable=False),
        sa.Column("contract_min_hours_per_week", sa.Float(), nullable=False),
        sa.Column("contract_max_hours_per_week", sa.Float(), nullable=False),
        sa.Column("aid_cap_hours_per_week", sa.Float(), nullable=True),
        sa.Column("aid_cap_hours_per_day", sa.Float(), nullable=True),
        sa.Column("accepts_changes", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name=op.f("fk_agents_site_id_sites")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agents")),
    )
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agents_site_id"), ["site_id"], unique=False)

    op.create_table(
        "planning_periods",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("availability_closes_at", sa.DateTime(), nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.Column("weights", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_planning_periods_site_id_sites")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planning_periods")),
    )
    with op.batch_alter_table("planning_periods", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_planning_periods_site_id"), ["site_id"], unique=False)

    op.create_table(
        "queues",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("site_id", sa.String(length=64), nullable=False),
        sa.Column("skill", sa.String(length=64), nullable=False),
        sa.Column("priority", sa.Float(), nullable=False),
        sa.Column("countries", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name=op.f("fk_queues_site_id_sites")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queues")),
    )
    with op.batch_alter_table("queues", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_queues_site_id"), ["site_id"], unique=False)

    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("agent_id", sa.String(length=64), nullable=True),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_api_keys_agent_id_agents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_keys_key_hash")),
    )
    op.create_table(
        "availability_windows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.String(length=64), nullable=False),
        sa.Column("start", sa.DateTime(), nullable=False),
        sa.Column("end", sa.DateTime(), nullable=False),
        sa.Column("preferred", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_availability_windows_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["planning_periods.id"],
            name=op.f("fk_availability_windows_period_id_planning_periods"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_availability_windows")),
    )
    with op.batch_alter_table("availability_windows", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_availability_windows_agent_id"), ["agent_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_availability_windows_period_id"), ["period_id"], unique=False
        )

    op.create_table(
        "demand_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("queue_id", sa.String(length=64), nullable=False),
        sa.Column("start", sa.DateTime(), nullable=False),
        sa.Column("required", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["planning_periods.id"],
            name=op.f("fk_demand_series_period_id_planning_periods"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["queue_id"], ["queues.id"], name=op.f("fk_demand_series_queue_id_queues")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_demand_series")),
    )
    with op.batch_alter_table("demand_series", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_demand_series_period_id"), ["period_id"], unique=False)

    op.create_table(
        "absences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.String(length=64), nullable=False),
        sa.Column("start", sa.DateTime(), nullable=False),
        sa.Column("end", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("reported_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("healed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_absences_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["reported_by"], ["api_keys.id"], name=op.f("fk_absences_reported_by_api_keys")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_absences")),
    )
    with op.batch_alter_table("absences", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_absences_agent_id"), ["agent_id"], unique=False)

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_key_id", sa.Integer(), nullable=True),
        sa.Column("actor_role", sa.String(length=16), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_key_id"], ["api_keys.id"], name=op.f("fk_audit_log_actor_key_id_api_keys")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)

    op.create_table(
        "solve_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("solver_status", sa.String(length=16), nullable=True),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("problem", sa.JSON(), nullable=False),
        sa.Column("progress", sa.JSON(), nullable=False),
        sa.Column("objective", sa.Float(), nullable=True),
        sa.Column("bound", sa.Float(), nullable=True),
        sa.Column("kpis", sa.JSON(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"], ["api_keys.id"], name=op.f("fk_solve_runs_created_by_api_keys")
        ),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["planning_periods.id"],
            name=op.f("fk_solve_runs_period_id_planning_periods"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_solve_runs")),
    )
    with op.batch_alter_table("solve_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_solve_runs_period_id"), ["period_id"], unique=False)

    op.create_table(
        "rosters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("solve_run_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("published_by", sa.Integer(), nullable=True),
        sa.Column("kpis", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["planning_periods.id"],
            name=op.f("fk_rosters_period_id_planning_periods"),
        ),
        sa.ForeignKeyConstraint(
            ["published_by"], ["api_keys.id"], name=op.f("fk_rosters_published_by_api_keys")
        ),
        sa.ForeignKeyConstraint(
            ["solve_run_id"], ["solve_runs.id"], name=op.f("fk_rosters_solve_run_id_solve_runs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rosters")),
        sa.UniqueConstraint("period_id", "version", name=op.f("uq_rosters_period_id")),
    )
    with op.batch_alter_table("rosters", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rosters_period_id"), ["period_id"], unique=False)

    op.create_table(
        "roster_shifts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("roster_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.String(length=64), nullable=False),
        sa.Column("start", sa.DateTime(), nullable=False),
        sa.Column("end", sa.DateTime(), nullable=False),
        sa.Column("breaks", sa.JSON(), nullable=False),
        sa.Column("activities", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_roster_shifts_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["roster_id"],
            ["rosters.id"],
            name=op.f("fk_roster_shifts_roster_id_rosters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roster_shifts")),
    )
    with op.batch_alter_table("roster_shifts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_roster_shifts_agent_id"), ["agent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_roster_shifts_roster_id"), ["roster_id"], unique=False)

    op.create_table(
        "absence_impacts",
        sa.Column("absence_id", sa.Integer(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["absence_id"],
            ["absences.id"],
            name=op.f("fk_absence_impacts_absence_id_absences"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["shift_id"],
            ["roster_shifts.id"],
            name=op.f("fk_absence_impacts_shift_id_roster_shifts"),
        ),
        sa.PrimaryKeyConstraint("absence_id", "shift_id", name=op.f("pk_absence_impacts")),
    )


def downgrade() -> None:
    op.drop_table("absence_impacts")
    with op.batch_alter_table("roster_shifts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_roster_shifts_roster_id"))
        batch_op.drop_index(batch_op.f("ix_roster_shifts_agent_id"))

    op.drop_table("roster_shifts")
    with op.batch_alter_table("rosters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rosters_period_id"))

    op.drop_table("rosters")
    with op.batch_alter_table("solve_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_solve_runs_period_id"))

    op.drop_table("solve_runs")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))

    op.drop_table("audit_log")
    with op.batch_alter_table("absences", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_absences_agent_id"))

    op.drop_table("absences")
    with op.batch_alter_table("demand_series", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_demand_series_period_id"))

    op.drop_table("demand_series")
    with op.batch_alter_table("availability_windows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_availability_windows_period_id"))
        batch_op.drop_index(batch_op.f("ix_availability_windows_agent_id"))

    op.drop_table("availability_windows")
    op.drop_table("api_keys")
    with op.batch_alter_table("queues", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_queues_site_id"))

    op.drop_table("queues")
    with op.batch_alter_table("planning_periods", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_planning_periods_site_id"))

    op.drop_table("planning_periods")
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agents_site_id"))

    op.drop_table("agents")
    op.drop_table("sites")
