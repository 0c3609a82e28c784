"""photo upload keys: the portal's offline queue never adds a photo twice

Revision ID: c1a5e0f3b7d2
Revises: 8150560be023
Create Date: 2026-12-07 12:45:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c1a5e0f3b7d2'
down_revision = '8150560be023'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('product_images', schema=None) as batch_op:
        batch_op.add_column(sa.Column('upload_key', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_product_images_upload_key'), ['product_id', 'upload_key'])


def downgrade():
    with op.batch_alter_table('product_images', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_product_images_upload_key'), type_='unique')
        batch_op.drop_column('upload_key')
