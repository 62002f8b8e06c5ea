"""function checks: the weekly Patient-Specific Functional Scale, synced per account

Revision ID: 3b9f2c71d0a4
Revises: e0ce6c702652
Create Date: 2026-12-01 14:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3b9f2c71d0a4'
down_revision = 'e0ce6c702652'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('function_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('taken_at', sa.DateTime(), nullable=False),
    sa.Column('activities', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('account_id', 'client_id', name='uq_function_checks_account_client')
    )
    with op.batch_alter_table('function_checks', schema=None) as batch_op:
        batch_op.create_index('ix_function_checks_account_taken', ['account_id', 'taken_at', 'client_id'], unique=False)


def downgrade():
    with op.batch_alter_table('function_checks', schema=None) as batch_op:
        batch_op.drop_index('ix_function_checks_account_taken')
    op.drop_table('function_checks')
