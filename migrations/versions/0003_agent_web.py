"""Web interface: which published rosters each agent last saw, and their calendar feed token.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seen_roster_ids", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("calendar_feed_hash", sa.String(length=64), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_agents_calendar_feed_hash"), ["calendar_feed_hash"], unique=True
        )


def downgrade() -> None:
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agents_calendar_feed_hash"))
        batch_op.drop_column("calendar_feed_hash")
        batch_op.drop_column("seen_roster_ids")
