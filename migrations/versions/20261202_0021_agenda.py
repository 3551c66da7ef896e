"""agenda: events (markets, shopping Sundays, workshops) with RFC 5545 recurrence, and merchants' proposals

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02 18:39:45.474151

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy import Text  # noqa: F401 - autogenerate renders JSONB(astext_type=Text())
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('agenda_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('title', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('description', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('all_day', sa.Boolean(), nullable=False),
    sa.Column('rrule', sa.String(length=300), nullable=True),
    sa.Column('exdates', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('cancelled_dates', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('last_ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('place_name', sa.String(length=120), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('shop_id', sa.Integer(), nullable=True),
    sa.Column('photo_phone_key', sa.String(length=255), nullable=True),
    sa.Column('photo_thumb_key', sa.String(length=255), nullable=True),
    sa.Column('is_free', sa.Boolean(), nullable=False),
    sa.Column('price', sa.String(length=80), nullable=False),
    sa.Column('url', sa.String(length=300), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('proposed_by_id', sa.Integer(), nullable=True),
    sa.Column('review_note', sa.Text(), nullable=False),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('city_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['city_id'], ['city.id'], name=op.f('fk_agenda_event_city_id_city'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'], name=op.f('fk_agenda_event_proposed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['shop_id'], ['shop.id'], name=op.f('fk_agenda_event_shop_id_shop'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_event')),
    sa.UniqueConstraint('uid', name=op.f('uq_agenda_event_uid'))
    )
    with op.batch_alter_table('agenda_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_event_city_id'), ['city_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_event_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_event_last_ends_at'), ['last_ends_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_event_proposed_by_id'), ['proposed_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_event_shop_id'), ['shop_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_event_starts_at'), ['starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_event_status'), ['status'], unique=False)



def downgrade():
    with op.batch_alter_table('agenda_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_event_status'))
        batch_op.drop_index(batch_op.f('ix_agenda_event_starts_at'))
        batch_op.drop_index(batch_op.f('ix_agenda_event_shop_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_event_proposed_by_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_event_last_ends_at'))
        batch_op.drop_index(batch_op.f('ix_agenda_event_kind'))
        batch_op.drop_index(batch_op.f('ix_agenda_event_city_id'))

    op.drop_table('agenda_event')
