"""fair stands: last_seen_at, when the beneficiary last opened fair mode at that fair

Revision ID: c4e7a1d9b2f6
Revises: b8d2f4a6c0e3
Create Date: 2026-12-07 17:00:00

The organisers' "who is present today" reads it beside the day's sales and hand-overs. A time per
stand, nothing about the visitors; the new role value "organiser" needs no change (users.role is a
VARCHAR(24) without a CHECK constraint).
"""
from alembic import op
import sqlalchemy as sa

import app.db

revision = 'c4e7a1d9b2f6'
down_revision = 'b8d2f4a6c0e3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('fair_stands', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_seen_at', app.db.UTCDateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('fair_stands', schema=None) as batch_op:
        batch_op.drop_column('last_seen_at')
