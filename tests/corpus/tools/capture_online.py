"""Run a project's Alembic history online on an empty database, one revision at a time, and
write down the statements chosen revisions sent (less reads and alembic_version), with their
parameters rendered as literals: the SQL for revisions offline mode cannot print.

    python capture.py PROJECT DBURL OUTDIR REV...
"""
import datetime
import decimal
import json
import os
import re
import sys
import uuid

from sqlalchemy import event
from sqlalchemy.engine import Engine

CAPTURE = {"on": None}


def literal(v):
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float, decimal.Decimal)):
        return repr(v) if not isinstance(v, decimal.Decimal) else str(v)
    if isinstance(v, (dict, list)):
        v = json.dumps(v)
    if isinstance(v, (datetime.datetime, datetime.date, uuid.UUID)):
        v = str(v)
    if isinstance(v, bytes):
        return "'\\x" + v.hex() + "'::bytea"
    return "'" + str(v).replace("'", "''") + "'"


def render(cursor, statement, params):
    if params is None or (isinstance(params, (list, tuple, dict)) and len(params) == 0):
        return statement
    if hasattr(cursor, "mogrify"):
        out = cursor.mogrify(statement, params)
        return out.decode() if isinstance(out, bytes) else out
    # asyncpg: $1 style
    return re.sub(r"\$(\d+)", lambda m: literal(params[int(m.group(1)) - 1]), statement)


def before(conn, cursor, statement, parameters, context, executemany):
    out = CAPTURE["on"]
    if out is None:
        return
    head = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
    if "alembic_version" in statement:
        return
    writes = head in ("INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "DROP", "COMMENT",
                      "TRUNCATE", "GRANT", "SET", "DO") or (
        head == "WITH" and re.search(r"\b(INSERT|UPDATE|DELETE)\b", statement, re.I))
    if not writes:
        return
    if executemany:
        for p in parameters:
            out.append(render(cursor, statement, p))
    else:
        out.append(render(cursor, statement, parameters))


event.listen(Engine, "before_cursor_execute", before)


def upgrader(project, url):
    if project == "prefect":
        os.environ["PREFECT_API_DATABASE_CONNECTION_URL"] = url.replace("postgresql://", "postgresql+asyncpg://")
        import anyio
        from prefect.server.database.alembic_commands import alembic_upgrade
        from prefect.utilities.asyncutils import run_sync_in_worker_thread

        def up(rev):
            anyio.run(run_sync_in_worker_thread, alembic_upgrade, rev)
        return up
    if project == "mlflow":
        import sqlalchemy
        from alembic import command
        from mlflow.store.db.utils import _get_alembic_config
        from mlflow.store.tracking.dbmodels.initial_models import Base as InitialBase
        url = url.replace("postgresql://", "postgresql+psycopg2://")
        engine = sqlalchemy.create_engine(url)
        captured = []
        CAPTURE["on"] = captured
        InitialBase.metadata.create_all(engine)
        CAPTURE["on"] = None
        with open("/tmp/corpus/mlflow-initial.sql", "w") as f:
            for s in captured:
                f.write(s.strip().rstrip(";") + ";\n\n")

        def up(rev):
            config = _get_alembic_config(url)
            with engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, rev)
        return up
    if project == "airflow":
        os.environ["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = url.replace("postgresql://", "postgresql+psycopg2://")
        from alembic import command
        from alembic.config import Config
        import airflow
        ini = os.path.join(os.path.dirname(airflow.__file__), "alembic.ini")

        def up(rev):
            command.upgrade(Config(ini), rev)
        return up
    raise SystemExit(f"unknown project {project}")


def main():
    project, url, outdir, *revs = sys.argv[1:]
    os.makedirs(outdir, exist_ok=True)
    up = upgrader(project, url)
    from alembic.script import ScriptDirectory  # noqa
    for rev in revs:
        parent = os.environ.get(f"PARENT_{rev}")
        if parent:
            up(parent)
        captured = []
        CAPTURE["on"] = captured
        try:
            up(rev)
        finally:
            CAPTURE["on"] = None
        with open(os.path.join(outdir, rev + ".sql"), "w") as f:
            for s in captured:
                s = s.strip()
                f.write(s + ("" if s.endswith(";") else ";") + "\n\n")
        print(f"{rev}: {len(captured)} statements", file=sys.stderr)


if __name__ == "__main__":
    main()
