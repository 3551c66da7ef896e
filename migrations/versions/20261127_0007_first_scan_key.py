"""accounts: first_scan_key, so a browser's racing or re-sent first scans make one anonymous shopper

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 14:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('first_scan_key', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_users_first_scan_key'), ['first_scan_key'])


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_users_first_scan_key'), type_='unique')
        batch_op.drop_column('first_scan_key')
