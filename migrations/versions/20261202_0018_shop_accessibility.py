"""shops: accessibility as the merchant keeps it (step-free entrance, door width, toilet, seating, quiet
hours, assistance dogs); NULL = not given

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 18:45:00

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('shop', schema=None) as batch_op:
        batch_op.add_column(sa.Column('step_free', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('door_width_cm', sa.SmallInteger(), nullable=True))
        batch_op.add_column(sa.Column('accessible_toilet', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('seating', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('quiet_hours', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True))
        batch_op.add_column(sa.Column('assistance_dogs', sa.Boolean(), nullable=True))
        batch_op.create_check_constraint('ck_shop_door_width_cm', 'door_width_cm BETWEEN 50 AND 300')


def downgrade():
    with op.batch_alter_table('shop', schema=None) as batch_op:
        batch_op.drop_constraint('ck_shop_door_width_cm', type_='check')
        batch_op.drop_column('assistance_dogs')
        batch_op.drop_column('quiet_hours')
        batch_op.drop_column('seating')
        batch_op.drop_column('accessible_toilet')
        batch_op.drop_column('door_width_cm')
        batch_op.drop_column('step_free')
