"""figures: stamps by town and time, for the daily rollup (it reads a town's stamps one day or period at a time)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 16:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('stamp', schema=None) as batch_op:
        batch_op.create_index('ix_stamp_city_id_created_at', ['city_id', 'created_at'], unique=False)


def downgrade():
    with op.batch_alter_table('stamp', schema=None) as batch_op:
        batch_op.drop_index('ix_stamp_city_id_created_at')
