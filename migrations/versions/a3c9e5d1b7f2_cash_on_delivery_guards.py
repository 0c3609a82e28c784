"""cash on delivery guards: keyed hashes of the delivery and client addresses on orders, blocked numbers

Revision ID: a3c9e5d1b7f2
Revises: 5a7c2e9d1f03
Create Date: 2026-12-07 16:10:00

"""
from alembic import op
import sqlalchemy as sa

import app.db

revision = 'a3c9e5d1b7f2'
down_revision = '5a7c2e9d1f03'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('address_key', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('client_key', sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_orders_address_key'), ['address_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_orders_client_key'), ['client_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_orders_phone'), ['phone'], unique=False)
    op.create_table(
        'blocked_phones',
        sa.Column('phone', sa.String(length=20), nullable=False),
        sa.Column('reason', sa.String(length=255), nullable=False),
        sa.Column('blocked_by_id', sa.Integer(), nullable=True),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('created_at', app.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('updated_at', app.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['blocked_by_id'], ['users.id'], name=op.f('fk_blocked_phones_blocked_by_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_blocked_phones')),
        sa.UniqueConstraint('phone', name=op.f('uq_blocked_phones_phone')),
    )


def downgrade():
    op.drop_table('blocked_phones')
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_orders_phone'))
        batch_op.drop_index(batch_op.f('ix_orders_client_key'))
        batch_op.drop_index(batch_op.f('ix_orders_address_key'))
        batch_op.drop_column('client_key')
        batch_op.drop_column('address_key')
