"""Solve runs claimed by workers: how many times, and by whom.

With solves on Celery workers the run row is the idempotency key: a worker claims a run
with a conditional update that counts ``attempts`` (a run whose worker died is retried a
bounded number of times) and names itself in ``claimed_by``. Existing runs were never
claimed by a worker: 0 attempts, no claimant.

Revision ID: 0008_celery
Revises: 0007_caller_notice
Create Date: 2026-12-02 21:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_celery"
down_revision: str | None = "0007_caller_notice"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("solve_runs") as batch:
        batch.add_column(sa.Column("attempts", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("claimed_by", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("solve_runs") as batch:
        batch.drop_column("claimed_by")
        batch.drop_column("attempts")
