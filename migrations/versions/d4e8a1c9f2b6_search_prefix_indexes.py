"""search: FTS5 prefix indexes up to six letters (a prefix of a frequent word reads one doclist)

Revision ID: d4e8a1c9f2b6
Revises: 4d9d317b309f
Create Date: 2026-12-07 13:10:00

"""
from alembic import op

from app.catalog import search

revision = 'd4e8a1c9f2b6'
down_revision = '4d9d317b309f'
branch_labels = None
depends_on = None


def upgrade():
    search.recreate(op.get_bind())


def downgrade():
    pass  # the wider prefix index answers the same queries as the old one
