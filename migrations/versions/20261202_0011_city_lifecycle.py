"""cities: lifecycle (draft or live), offered languages, privacy contact

The towns that exist already are live (they were public before this revision) and keep offering every
language; a town created from now on starts as a draft (the model's default) until an admin sets it live.

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-02 05:10:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy import Text  # noqa: F401 - autogenerate renders JSONB(astext_type=Text())


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

ALL_LOCALES = '["nl", "en", "fr", "de"]'


def upgrade():
    with op.batch_alter_table('city', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('offered_locales', sa.JSON().with_variant(
            postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=True))
        batch_op.add_column(sa.Column('privacy_contact', sa.String(length=200), nullable=True))
    city = sa.table('city', sa.column('status', sa.String), sa.column('offered_locales', sa.JSON))
    op.execute(city.update().values(status='live'))
    op.execute(city.update().values(offered_locales=sa.text(f"'{ALL_LOCALES}'")))
    with op.batch_alter_table('city', schema=None) as batch_op:
        batch_op.alter_column('status', existing_type=sa.String(length=10), nullable=False)
        batch_op.alter_column('offered_locales', existing_type=sa.JSON().with_variant(
            postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False)


def downgrade():
    with op.batch_alter_table('city', schema=None) as batch_op:
        batch_op.drop_column('privacy_contact')
        batch_op.drop_column('offered_locales')
        batch_op.drop_column('status')
