"""indexes in the catalogue's order: the newest products with their id, a gallery by position

Revision ID: a7c3e9f1b5d2
Revises: c4e7a1d9b2f6
Create Date: 2026-12-07 22:10:00

"""
from alembic import op

revision = 'a7c3e9f1b5d2'
down_revision = 'c4e7a1d9b2f6'
branch_labels = None
depends_on = None

# (table, index, columns before, columns after)
CHANGES = [
    ("products", "ix_products_status_published_at", ["status", "published_at"], ["status", "published_at", "id"]),
    ("products", "ix_products_category_status_published_at", ["category_id", "status", "published_at"],
     ["category_id", "status", "published_at", "id"]),
    ("product_images", "ix_product_images_product_id", ["product_id"], ["product_id", "position"]),
]


def upgrade():
    for table, index, _, after in CHANGES:
        op.drop_index(index, table_name=table)
        op.create_index(index, table, after)


def downgrade():
    for table, index, before, _ in CHANGES:
        op.drop_index(index, table_name=table)
        op.create_index(index, table, before)
