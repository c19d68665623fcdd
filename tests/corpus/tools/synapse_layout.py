"""Lay out matrix-synapse 1.90.0's PostgreSQL schema history, as synapse itself applies it to a
database at schema version 54 (full_schemas/54, then every delta of versions 55 to 80, in
synapse's order), as V{n}__*.sql files; and run it on a real database the way synapse does, to
capture what the Python deltas send and to record the resulting schema.

    python synapse_layout.py DBURL OUTDIR
"""
import importlib.util
import os
import re
import sys
import types

import psycopg2

import synapse
from synapse.storage.engines import create_engine
from synapse.storage.prepare_database import execute_statements_from_stream  # noqa

SCHEMA = os.path.join(os.path.dirname(synapse.__file__), "storage", "schema")
REL = lambda p: os.path.relpath(p, os.path.dirname(os.path.dirname(synapse.__file__)))  # noqa
START, END = 55, 80
DATABASES = ["main", "state"]
SERVER_NAME = "corpus.example"


class Recorder:
    """Enough of synapse's LoggingTransaction for the delta modules: '?' placeholders, and
    every statement that writes recorded with its arguments rendered."""

    def __init__(self, cur, engine):
        self.cur, self.engine, self.log = cur, engine, []

    def _record(self, sql, args):
        text = self.cur.mogrify(sql, args).decode() if args else sql
        head = text.lstrip().split(None, 1)[0].upper() if text.strip() else ""
        if head not in ("SELECT", "SHOW"):
            self.log.append(text.strip())

    def execute(self, sql, args=()):
        sql = self.engine.convert_param_style(sql)
        if re.match(r"\s*SELECT\b[^;]*\bFROM\s+background_updates\b", sql, re.I | re.S):
            # As on a server whose background updates all finished before it upgraded: the
            # deltas below read this table to choose between paths.
            self.cur.execute("SELECT 1 WHERE false")
            return
        self._record(sql, args)
        self.cur.execute(sql, args or None)

    def executemany(self, sql, args):
        sql = self.engine.convert_param_style(sql)
        for a in args:
            self._record(sql, a)
        self.cur.executemany(sql, args)

    def execute_batch(self, sql, args):
        self.executemany(sql, list(args))

    def fetchone(self):
        return self.cur.fetchone()

    def fetchall(self):
        return self.cur.fetchall()

    def __iter__(self):
        return iter(self.cur.fetchall())

    @property
    def rowcount(self):
        return self.cur.rowcount

    @property
    def database_engine(self):
        return self.engine


def entries():
    """(relative path, absolute path, kind) in synapse's order."""
    out = [("common/schema_version.sql", os.path.join(SCHEMA, "common", "schema_version.sql"), "sql")]
    full = []
    for d in ["common"] + DATABASES:
        directory = os.path.join(SCHEMA, d, "full_schemas", "54")
        for name in os.listdir(directory):
            full.append((name, os.path.join(directory, name)))
    for name, path in sorted(full):
        if name.endswith(".sql") or name.endswith(".sql.postgres"):
            out.append((os.path.relpath(path, SCHEMA), path, "sql"))
    for v in range(START, END + 1):
        listing = []
        for d in ["common"] + DATABASES:
            directory = os.path.join(SCHEMA, d, "delta", str(v))
            if os.path.isdir(directory):
                listing.extend((name, os.path.join(directory, name)) for name in os.listdir(directory))
        for name, path in sorted(listing):
            root, ext = os.path.splitext(name)
            if ext == ".py":
                out.append((os.path.relpath(path, SCHEMA), path, "py"))
            elif ext == ".sql" or (ext == ".postgres" and root.endswith(".sql")):
                out.append((os.path.relpath(path, SCHEMA), path, "sql"))
            elif ext == ".sqlite" or ext == ".pyc" or name == "__pycache__":
                continue
            else:
                raise SystemExit(f"unexpected delta file {path}")
    return out


def slug(rel):
    parts = rel.split("/")
    if "full_schemas" in parts:
        text = f"full_schema_{parts[2]}_{parts[0]}"
    elif parts[0] == "common" and len(parts) == 2:
        text = "schema_version"
    else:
        text = f"{parts[2]}_{parts[0]}_{parts[3]}"
    text = re.sub(r"\.(sql|postgres|py)", "", text)
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower()


def main():
    url, out = sys.argv[1:3]
    os.makedirs(out, exist_ok=True)
    engine = create_engine({"name": "psycopg2", "args": {"dsn": url}})
    conn = psycopg2.connect(url)
    cur = conn.cursor()
    config = types.SimpleNamespace(server=types.SimpleNamespace(server_name=SERVER_NAME))
    files = []
    for n, (rel, path, kind) in enumerate(entries(), start=1):
        name = f"V{n}__{slug(rel)}.sql"
        source = f"synapse/storage/schema/{rel}"
        if kind == "sql":
            text = open(path, encoding="utf-8").read()
            cur.execute(text)
            body = (f"-- matrix-synapse 1.90.0, {source}, verbatim below this line.\n" + text)
        else:
            spec = importlib.util.spec_from_file_location(f"synapse.storage.v_corpus_{n}", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            rec = Recorder(cur, engine)
            called = []
            if hasattr(module, "run_create"):
                module.run_create(rec, engine)
                called.append("run_create")
            if hasattr(module, "run_upgrade"):
                module.run_upgrade(rec, engine, config)
                called.append("run_upgrade")
            header = (
                f"-- matrix-synapse 1.90.0, {source}: a Python delta, so HAND-WRITTEN here: the statements\n"
                f"-- its {' and '.join(called) or 'functions (none that synapse calls)'} sent to PostgreSQL when "
                "synapse's order of deltas ran\n"
                "-- on a database upgraded from schema 54 with no rows and no pending background update (server_name "
                f"{SERVER_NAME}), less its reads.\n"
                "-- What it does with existing rows is not here.\n"
            )
            stmts = [s.rstrip().rstrip(";") + ";" for s in rec.log]
            body = header + ("\n" + "\n\n".join(stmts) + "\n" if stmts else
                             "-- (it sent no statement that changes anything on PostgreSQL)\n")
        with open(os.path.join(out, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(body)
        files.append(name)
    # synapse's own bookkeeping at the end of the upgrade: version 80, upgraded.
    conn.commit()
    print(f"{len(files)} files", file=sys.stderr)


if __name__ == "__main__":
    main()
