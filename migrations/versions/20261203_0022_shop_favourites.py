"""shops: favourite shops of signed-in shoppers (the heart on a shop)

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03 06:45:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('shop_favourite',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('shop_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['shop_id'], ['shop.id'], name=op.f('fk_shop_favourite_shop_id_shop'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_shop_favourite_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'shop_id', name=op.f('pk_shop_favourite'))
    )
    with op.batch_alter_table('shop_favourite', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shop_favourite_shop_id'), ['shop_id'], unique=False)


def downgrade():
    with op.batch_alter_table('shop_favourite', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shop_favourite_shop_id'))

    op.drop_table('shop_favourite')
