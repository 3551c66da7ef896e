"""imports: a shop the city imported has no owner until its merchant claims it; a trail remembers the
GPX file it came from (so the same file imported again finds it instead of making a second one)

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-02 05:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('shop', schema=None) as batch_op:
        batch_op.alter_column('owner_id', existing_type=sa.Integer(), nullable=True)

    with op.batch_alter_table('trail', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_digest', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_trail_city_id_source_digest'), ['city_id', 'source_digest'])


def downgrade():
    with op.batch_alter_table('trail', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_trail_city_id_source_digest'), type_='unique')
        batch_op.drop_column('source_digest')

    # Unclaimed imported shops cannot keep a NOT NULL owner: remove them before going back.
    op.execute("DELETE FROM shop WHERE owner_id IS NULL")
    with op.batch_alter_table('shop', schema=None) as batch_op:
        batch_op.alter_column('owner_id', existing_type=sa.Integer(), nullable=False)
