"""actor pages: (actor, document) and (actor, event) indexes

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    # The two-column indexes replace the actor_id ones, whose work they do too.
    with op.batch_alter_table("actor_mentions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_actor_mentions_actor_id_document_id", ["actor_id", "document_id"], unique=False
        )
        batch_op.drop_index("ix_actor_mentions_actor_id")
    with op.batch_alter_table("event_actors", schema=None) as batch_op:
        batch_op.create_index(
            "ix_event_actors_actor_id_event_id", ["actor_id", "event_id"], unique=False
        )
        batch_op.drop_index("ix_event_actors_actor_id")


def downgrade() -> None:
    with op.batch_alter_table("event_actors", schema=None) as batch_op:
        batch_op.create_index("ix_event_actors_actor_id", ["actor_id"], unique=False)
        batch_op.drop_index("ix_event_actors_actor_id_event_id")
    with op.batch_alter_table("actor_mentions", schema=None) as batch_op:
        batch_op.create_index("ix_actor_mentions_actor_id", ["actor_id"], unique=False)
        batch_op.drop_index("ix_actor_mentions_actor_id_document_id")
