"""Comments: whether a risk flag came from the learnt second reader

Revision ID: 0004_risk_learnt
Revises: 0003_member_erasure
Create Date: 2026-11-27 14:05:00

Hand-checked: adds one boolean column with a server default of false. Comments stored before
it read as flagged by matched words, including any the learnt reader flagged (their reason is
then a whole sentence rather than a phrase); a migration does not run the risk check again,
`flask rescreen-risk` does, and labels them.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004_risk_learnt'
down_revision = '0003_member_erasure'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('risk_learnt', sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_column('risk_learnt')
