"""figures: anonymous page-view and trail events, the daily rollups the dashboard reads, and the city's
own people counters (counting points, hourly counts, the vendors' push tokens)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 10:16:40.574328

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    
    op.create_table('counting_point',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('city_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['city_id'], ['city.id'], name=op.f('fk_counting_point_city_id_city'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_counting_point')),
    sa.UniqueConstraint('city_id', 'code', name=op.f('uq_counting_point_city_id_code'))
    )
    with op.batch_alter_table('counting_point', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_counting_point_city_id'), ['city_id'], unique=False)

    op.create_table('figure_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('page', sa.String(length=40), nullable=False),
    sa.Column('hour', sa.DateTime(timezone=True), nullable=False),
    sa.Column('city_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['city_id'], ['city.id'], name=op.f('fk_figure_event_city_id_city'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_figure_event'))
    )
    with op.batch_alter_table('figure_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_figure_event_city_id'), ['city_id'], unique=False)
        batch_op.create_index('ix_figure_event_city_id_hour', ['city_id', 'hour'], unique=False)

    op.create_table('figure_rollup',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grain', sa.String(length=5), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('metric', sa.String(length=20), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('people', sa.Integer(), nullable=True),
    sa.Column('city_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['city_id'], ['city.id'], name=op.f('fk_figure_rollup_city_id_city'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_figure_rollup')),
    sa.UniqueConstraint('city_id', 'grain', 'start', 'metric', 'key', name=op.f('uq_figure_rollup_city_id_grain_start_metric_key'))
    )
    with op.batch_alter_table('figure_rollup', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_figure_rollup_city_id'), ['city_id'], unique=False)
        batch_op.create_index('ix_figure_rollup_read', ['city_id', 'metric', 'grain', 'start'], unique=False)

    op.create_table('figure_rollup_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('through', sa.Date(), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('city_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['city_id'], ['city.id'], name=op.f('fk_figure_rollup_run_city_id_city'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_figure_rollup_run')),
    sa.UniqueConstraint('city_id', name=op.f('uq_figure_rollup_run_city_id'))
    )
    with op.batch_alter_table('figure_rollup_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_figure_rollup_run_city_id'), ['city_id'], unique=False)

    op.create_table('footfall_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=80), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('city_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['city_id'], ['city.id'], name=op.f('fk_footfall_token_city_id_city'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_footfall_token_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_footfall_token')),
    sa.UniqueConstraint('digest', name=op.f('uq_footfall_token_digest'))
    )
    with op.batch_alter_table('footfall_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_footfall_token_city_id'), ['city_id'], unique=False)

    op.create_table('footfall_count',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('hour', sa.DateTime(timezone=True), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['point_id'], ['counting_point.id'], name=op.f('fk_footfall_count_point_id_counting_point'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_footfall_count')),
    sa.UniqueConstraint('point_id', 'hour', name=op.f('uq_footfall_count_point_id_hour'))
    )


def downgrade():
    
    op.drop_table('footfall_count')
    with op.batch_alter_table('footfall_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_footfall_token_city_id'))

    op.drop_table('footfall_token')
    with op.batch_alter_table('figure_rollup_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_figure_rollup_run_city_id'))

    op.drop_table('figure_rollup_run')
    with op.batch_alter_table('figure_rollup', schema=None) as batch_op:
        batch_op.drop_index('ix_figure_rollup_read')
        batch_op.drop_index(batch_op.f('ix_figure_rollup_city_id'))

    op.drop_table('figure_rollup')
    with op.batch_alter_table('figure_event', schema=None) as batch_op:
        batch_op.drop_index('ix_figure_event_city_id_hour')
        batch_op.drop_index(batch_op.f('ix_figure_event_city_id'))

    op.drop_table('figure_event')
    with op.batch_alter_table('counting_point', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_counting_point_city_id'))

    op.drop_table('counting_point')

