"""Panel members: when (and by whom) their personal details were erased

Revision ID: 0003_member_erasure
Revises: 0002_themes_actions
Create Date: 2026-11-27 04:10:00

Hand-checked: adds two nullable columns to panel_member (existing members are not erased), and
a named foreign key so SQLite's batch mode can drop it again on downgrade.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003_member_erasure'
down_revision = '0002_themes_actions'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('panel_member', schema=None) as batch_op:
        batch_op.add_column(sa.Column('erased_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('erased_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            'fk_panel_member_erased_by_id_user_account', 'user_account', ['erased_by_id'], ['id']
        )


def downgrade():
    with op.batch_alter_table('panel_member', schema=None) as batch_op:
        batch_op.drop_constraint('fk_panel_member_erased_by_id_user_account', type_='foreignkey')
        batch_op.drop_column('erased_by_id')
        batch_op.drop_column('erased_at')
