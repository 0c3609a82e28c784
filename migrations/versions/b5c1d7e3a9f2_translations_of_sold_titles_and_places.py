"""translations of sold titles, fair venues and descriptions, pickup points

Revision ID: b5c1d7e3a9f2
Revises: 8bf150ff82ff
Create Date: 2026-12-07 13:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b5c1d7e3a9f2'
down_revision = '8bf150ff82ff'
branch_labels = None
depends_on = None

# (table, column): existing rows get an empty dict, i.e. "shown in the original language".
COLUMNS = (
    ("order_lines", "title_i18n"),
    ("fairs", "venue_i18n"),
    ("fairs", "description_i18n"),
    ("pickup_points", "name_i18n"),
    ("pickup_points", "address_i18n"),
)


def upgrade():
    for table, column in COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column(column, sa.JSON(), nullable=False, server_default=sa.text("'{}'")))


def downgrade():
    for table, column in reversed(COLUMNS):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column(column)
