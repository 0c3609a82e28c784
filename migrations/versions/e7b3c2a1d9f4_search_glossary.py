"""search glossary: the shop's crafts and products in fr / ar / en / Moroccan Latin spellings, seeded

Revision ID: e7b3c2a1d9f4
Revises: 062609a2d20a
Create Date: 2026-12-07 13:35:00

"""
from alembic import op
import sqlalchemy as sa

from app.catalog import glossary

revision = 'e7b3c2a1d9f4'
down_revision = '062609a2d20a'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        'glossary_entries',
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('spellings', sa.Text(), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_glossary_entries')),
        sa.UniqueConstraint('name', name=op.f('uq_glossary_entries_name')),
    )
    op.bulk_insert(table, glossary.seed_rows())


def downgrade():
    op.drop_table('glossary_entries')
