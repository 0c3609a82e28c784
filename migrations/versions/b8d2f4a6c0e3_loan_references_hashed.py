"""loan references kept as a keyed hash and their last 3 characters, never in clear

Revision ID: b8d2f4a6c0e3
Revises: f3a9c6d2e8b1
Create Date: 2026-12-07 16:20:00

Each existing reference is hashed here (HMAC-SHA256 under CIN_HMAC_KEY, as
app/verification/cin.py does; the algorithm is copied so that this migration keeps working
whatever the code becomes), then the clear column is dropped. There is no way back: the
downgrade refuses.
"""
import hashlib
import hmac

from alembic import op
import sqlalchemy as sa
from flask import current_app

revision = 'b8d2f4a6c0e3'
down_revision = 'f3a9c6d2e8b1'
branch_labels = None
depends_on = None

TABLES = ('microcredit_records', 'verification_requests')


def _hash_existing(table: str, secret: bytes) -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.text(f'SELECT id, loan_reference FROM {table}')).all()  # noqa: S608
    values = [{'b_id': row_id, 'digest': hmac.digest(secret, b'loan-ref:' + (ref or '').strip().encode(),
                                                       hashlib.sha256).hex() if (ref or '').strip() else '',
               'end': (ref or '').strip()[-3:]} for row_id, ref in rows]
    if values:
        connection.execute(sa.text(f'UPDATE {table} SET loan_reference_hmac = :digest, '  # noqa: S608
                                   'loan_reference_end = :end WHERE id = :b_id'), values)


def upgrade():
    secret = current_app.config['CIN_HMAC_KEY'].encode('utf-8')
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('loan_reference_hmac', sa.String(length=64), nullable=True))
            batch_op.add_column(sa.Column('loan_reference_end', sa.String(length=3), nullable=True))
        _hash_existing(table, secret)
    with op.batch_alter_table('microcredit_records', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_microcredit_records_institution'), type_='unique')
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('loan_reference_hmac', existing_type=sa.String(length=64), nullable=False)
            batch_op.alter_column('loan_reference_end', existing_type=sa.String(length=3), nullable=False)
            batch_op.drop_column('loan_reference')
    with op.batch_alter_table('microcredit_records', schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_microcredit_records_institution'),
                                          ['institution', 'loan_reference_hmac'])


def downgrade():
    raise NotImplementedError("loan references were replaced by their keyed hash: restore a backup instead")
