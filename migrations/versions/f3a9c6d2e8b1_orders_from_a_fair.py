"""orders from a fair: orders.fair_id (the fair whose stand QR code the order came from)

Revision ID: f3a9c6d2e8b1
Revises: d9d00723e21f
Create Date: 2026-12-07 16:05:00

The new delivery method value "stand" needs no change: delivery_method is a VARCHAR(24) without
a CHECK constraint (str_enum, native_enum=False).
"""
from alembic import op
import sqlalchemy as sa


revision = 'f3a9c6d2e8b1'
down_revision = 'd9d00723e21f'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fair_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_orders_fair_id'), ['fair_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_orders_fair_id_fairs'), 'fairs', ['fair_id'], ['id'],
                                    ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_orders_fair_id_fairs'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_orders_fair_id'))
        batch_op.drop_column('fair_id')
