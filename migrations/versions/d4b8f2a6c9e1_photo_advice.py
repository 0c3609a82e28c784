"""photo advice: measures of each image, and the photo as taken behind an automatic correction

Revision ID: d4b8f2a6c9e1
Revises: d4e8a1c9f2b6
Create Date: 2026-12-07 13:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'd4b8f2a6c9e1'
down_revision = 'd4e8a1c9f2b6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('images', schema=None) as batch_op:
        batch_op.add_column(sa.Column('measures', sa.JSON(), nullable=False, server_default='{}'))
    with op.batch_alter_table('product_images', schema=None) as batch_op:
        batch_op.add_column(sa.Column('uncorrected_image_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_product_images_uncorrected_image_id_images'), 'images',
                                    ['uncorrected_image_id'], ['id'])


def downgrade():
    with op.batch_alter_table('product_images', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_product_images_uncorrected_image_id_images'), type_='foreignkey')
        batch_op.drop_column('uncorrected_image_id')
    with op.batch_alter_table('images', schema=None) as batch_op:
        batch_op.drop_column('measures')
