"""A queue's language: the caller notice is told to callers in it.

Existing queues get the language their id starts with when it is one the notice speaks
(``fr-support`` -> ``fr``, ``en_sales`` -> ``en``), English otherwise; the API applies the
same rule to a queue created without a language (``api.caller_notice.sentences``).

Revision ID: 0007_caller_notice
Revises: 0006
Create Date: 2026-12-02 21:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_caller_notice"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LANGUAGES = ("en", "fr")  # api.caller_notice.sentences.LANGUAGES when this was written


def upgrade() -> None:
    with op.batch_alter_table("queues", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=8), nullable=False, server_default="en")
        )
    queues = sa.table("queues", sa.column("id", sa.String), sa.column("language", sa.String))
    for language in LANGUAGES:
        starts = sa.or_(
            queues.c.id == language,
            queues.c.id.like(f"{language}-%"),
            queues.c.id.like(f"{language}\\_%", escape="\\"),
        )
        op.execute(sa.update(queues).where(starts).values(language=language))


def downgrade() -> None:
    with op.batch_alter_table("queues", schema=None) as batch_op:
        batch_op.drop_column("language")
