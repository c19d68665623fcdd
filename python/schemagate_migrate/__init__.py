"""schemagate's Alembic tools as commands of the `schemagate-migrate` wheel.

The wheel puts three commands on PATH: `schemagate` (the Rust binary itself) and the two
scripts a team moving over from Alembic runs with its app's Python, `alembic-to-sql` and
`sqlalchemy-expected-schema`. The modules beside this file are links to scripts/ in the
repository, so the commands and `python scripts/...` run the same code.
"""

import sys


def run_alembic_to_sql():
    """The `alembic-to-sql` command: scripts/alembic-to-sql."""
    from . import alembic_to_sql

    sys.exit(alembic_to_sql.main(sys.argv[1:]))


def run_sqlalchemy_expected_schema():
    """The `sqlalchemy-expected-schema` command: scripts/sqlalchemy-expected-schema."""
    from . import sqlalchemy_expected_schema

    sys.exit(sqlalchemy_expected_schema.main(sys.argv[1:]))
