"""names of cities and crafts in each language: what stands write in French, translated by staff

Revision ID: d9d00723e21f
Revises: a3c9e5d1b7f2
Create Date: 2026-12-07 15:51:11.501914

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'd9d00723e21f'
down_revision = 'a3c9e5d1b7f2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('reference_names',
    sa.Column('kind', sa.Enum('city', 'region', 'craft', name='namekind', native_enum=False, length=24), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('name_i18n', sa.JSON(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reference_names')),
    sa.UniqueConstraint('kind', 'name', name=op.f('uq_reference_names_kind'))
    )


def downgrade():
    op.drop_table('reference_names')
