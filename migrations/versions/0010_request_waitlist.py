"""Requests: a decision's reasons as codes and parameters (rendered in the reader's language).

Rows decided before keep their English ``decision`` text and get an empty list: readers fall
back to that text. The waitlist itself needs no column (a status, ordered by id).

Revision ID: 0010_request_waitlist
Revises: 0009_agent_requests
Create Date: 2026-12-03 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_request_waitlist"
down_revision: str | None = "0009_agent_requests"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("agent_requests") as batch:
        batch.add_column(sa.Column("reasons", sa.JSON(), nullable=True))
    op.execute("UPDATE agent_requests SET reasons = '[]'")
    with op.batch_alter_table("agent_requests") as batch:
        batch.alter_column("reasons", existing_type=sa.JSON(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("agent_requests") as batch:
        batch.drop_column("reasons")
