"""own routines: the person's own routine documents, synced by client UUID, tombstones kept

Revision ID: b7d41c2e9a10
Revises: 3b9f2c71d0a4
Create Date: 2026-12-01 14:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7d41c2e9a10'
down_revision = '3b9f2c71d0a4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('own_routines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('routine', sa.JSON(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('account_id', 'client_id', name='uq_own_routines_account_client')
    )


def downgrade():
    op.drop_table('own_routines')
