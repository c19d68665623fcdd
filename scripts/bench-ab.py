#!/usr/bin/env python3
"""Two schemagate builds side by side, interleaved, so a change is measured against its parent
in one run on the same (shared, noisy) machine:

    scripts/bench-ab.py OLD_BINARY NEW_BINARY [N] [ROUNDS]

N migrations (default 500), each creating a table of ten mixed columns with a foreign key to
the previous one, a check constraint and an index (the workload of scripts/bench.sh). Measured,
each round running both builds in a random order:
  - the no-op deploy (nothing pending, verifying against an expected schema file), on one
    database built once;
  - the cold apply of all N on a fresh database (one per build and round, all created before
    the first measurement and dropped at the end: dropping a just-filled database slows
    whatever runs next).
Prints the medians of the wall time and of schemagate's own CPU time (user + system, which a
loaded machine disturbs much less than the wall time), the ratio new/old, and the machine and date, for BENCHMARKS.md. Uses
TEST_DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres) with
sslmode=disable, as bench.sh does.
"""

import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time

SERVER = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def url_of(db):
    base, _, query = SERVER.partition("?")
    base = base.rsplit("/", 1)[0]
    return f"{base}/{db}?sslmode=disable"


def psql(sql, db="postgres"):
    subprocess.run(
        ["psql", url_of(db), "-qtAX", "-v", "ON_ERROR_STOP=1", "-c", sql],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def workload(directory, n):
    os.makedirs(directory)
    for i in range(1, n + 1):
        fk = f", parent_id bigint references t{i - 1}(id)" if i > 1 else ", parent_id bigint"
        sql = (
            f"create table t{i} (id bigserial primary key, name text not null, "
            f"email varchar(255), amount numeric(12,2) default 0 check (amount >= 0), "
            f"created_at timestamptz not null default now(), flag boolean, "
            f"payload jsonb, code char(8), score double precision{fk});\n"
            f"create index ix_t{i}_name on t{i} (name);\n"
        )
        with open(os.path.join(directory, f"V{i}__t{i}.sql"), "w") as f:
            f.write(sql)


def timed(binary, project, db):
    env = dict(os.environ, DATABASE_URL=url_of(db))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(
        [binary, "deploy", "--no-backup"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        sys.exit(f"{binary} failed on {db}:\n{out.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed * 1000, cpu * 1000


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    old, new = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 500
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    tag = f"ab{os.getpid()}"
    project = tempfile.mkdtemp(prefix="schemagate-ab-")
    workload(os.path.join(project, "migrations"), n)
    noop_db = f"{tag}_noop"
    cold = [f"{tag}_cold_{side}_{r}" for r in range(rounds) for side in ("old", "new")]
    for db in [noop_db] + cold:
        psql(f"create database {db}")
    try:
        timed(new, project, noop_db)
        subprocess.run(
            [new, "snapshot", "--from-live"],
            cwd=project,
            env=dict(os.environ, DATABASE_URL=url_of(noop_db)),
            check=True,
            stderr=subprocess.DEVNULL,
        )
        times = {"noop": {"old": [], "new": []}, "cold": {"old": [], "new": []}}
        cpu = {"noop": {"old": [], "new": []}, "cold": {"old": [], "new": []}}
        for r in range(rounds):
            for kind in ("noop", "cold"):
                sides = ["old", "new"]
                random.shuffle(sides)
                for side in sides:
                    binary = old if side == "old" else new
                    db = noop_db if kind == "noop" else f"{tag}_cold_{side}_{r}"
                    wall, used = timed(binary, project, db)
                    times[kind][side].append(wall)
                    cpu[kind][side].append(used)
        print(f"scripts/bench-ab.py, N={n}, {rounds} rounds, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
              f"{platform.node()} ({os.cpu_count()} cores)")
        print()
        print("| measure | old median ms | new median ms | new/old |")
        print("|---|---|---|---|")
        for kind, label in (("noop", "no-op deploy"), ("cold", f"cold apply of {n}")):
            for series, what in ((times, "wall"), (cpu, "CPU of schemagate")):
                o = statistics.median(series[kind]["old"])
                w = statistics.median(series[kind]["new"])
                print(f"| {label}, {what} | {o:.1f} | {w:.1f} | {w / o:.3f} |")
    finally:
        for db in [noop_db] + cold:
            psql(f"drop database if exists {db}")


if __name__ == "__main__":
    main()
