#!/usr/bin/env python3
"""Turns the raw results of scripts/bench.sh (one directory) into Markdown for BENCHMARKS.md.

Input files, all written by bench.sh: `meta` (key=value lines), `noop_N.json` and
`cold_N_K.json` (hyperfine exports), `noopmem_N_TOOL` and `coldmem_N_TOOL_K` (GNU time %M,
KiB), and optionally `verify.md` (examples/bench_verify.rs) and `backup.txt`
(scripts/bench-backup.sh).
"""

import json
import statistics
import sys
from pathlib import Path

LABELS = {
    "select1": "`psql -c 'select 1'` (floor)",
    "floor": "`psql -1 -f` all files (floor)",
    "schemagate": "**schemagate deploy** (verifying)",
    "sqlx": "`sqlx migrate run`",
    "refinery": "`refinery migrate`",
    "dbmate": "`dbmate up`",
    "alembic": "`alembic upgrade head`",
}
ORDER = ["select1", "floor", "schemagate", "sqlx", "refinery", "dbmate", "alembic"]


def ms(seconds):
    v = seconds * 1000
    return f"{v:.1f} ms" if v < 100 else f"{v:,.0f} ms"


def mib(kib):
    return f"{kib / 1024:.1f} MiB"


def ratio(x):
    return f"{x:.2f}" if x < 10 else f"{x:.0f}"


def met(ok):
    return "**met**" if ok else "**not met**"


def last_number(path):
    lines = [line for line in path.read_text().split() if line.strip().isdigit()]
    return int(lines[-1])


def read_meta(directory):
    meta = {}
    for line in (directory / "meta").read_text().splitlines():
        key, _, value = line.partition("=")
        meta[key] = value
    return meta


def noop_rows(directory, n):
    """tool -> (median s, min s, max s, median peak KiB)"""
    data = json.loads((directory / f"noop_{n}.json").read_text())
    rows = {}
    for r in data["results"]:
        tool = r["command"]
        mem = [int(x) for x in (directory / f"noopmem_{n}_{tool}").read_text().split() if x.isdigit()]
        rows[tool] = (r["median"], r["min"], r["max"], statistics.median(mem))
    return rows


def cold_rows(directory, n, rounds):
    times, mems = {}, {}
    for k in range(1, rounds + 1):
        for r in json.loads((directory / f"cold_{n}_{k}.json").read_text())["results"]:
            tool = r["command"]
            times.setdefault(tool, []).append(r["times"][0])
            mems.setdefault(tool, []).append(last_number(directory / f"coldmem_{n}_{tool}_{k}"))
    return {
        t: (statistics.median(v), min(v), max(v), statistics.median(mems[t])) for t, v in times.items()
    }


def table(rows_by_n, floor):
    out = [
        "| N | tool | median | min - max | vs floor | vs schemagate | peak RSS (median) |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for n, rows in rows_by_n.items():
        base, sg = rows[floor][0], rows["schemagate"][0]
        for tool in [t for t in ORDER if t in rows]:
            med, lo, hi, mem = rows[tool]
            out.append(
                f"| {n} | {LABELS[tool]} | {ms(med)} | {ms(lo)} - {ms(hi)} | "
                f"{ratio(med / base)} | {ratio(med / sg)} | {mib(mem)} |"
            )
    return "\n".join(out)


def main():
    directory = Path(sys.argv[1])
    meta = read_meta(directory)
    sizes = [int(n) for n in meta["sizes"].split()]
    rounds, runs, mem_runs = int(meta["rounds"]), int(meta["runs"]), int(meta["mem_runs"])
    peers = meta["peers"].split()
    seconds = int(meta["duration_s"])  # from the first database to the report; installs excluded
    took = f"{seconds} s" if seconds < 120 else f"{seconds / 60:.0f} min"

    run = f"run of {meta['date']}"
    print(f"### Machine and tools: {run}\n")
    flag = f" --backup={meta['backup']}" if meta.get("backup") else ""
    print(f"- Command: `scripts/bench.sh{flag} {' '.join(map(str, sizes))}`.")
    print(f"- Machine: {meta['cores']} cores ({meta['cpu']}), {meta['memory']}, {meta['kernel']}; "
          f"load average {meta['load_start']} at the start, {meta['load_end']} at the end; "
          f"the whole run took {took}.")
    print(f"- PostgreSQL {meta['server']} at {meta['server_address']} over TCP, `sslmode=disable` "
          f"for every tool (the server has TLS on); psql: `{meta['psql']}`.")
    tools = [f"schemagate {meta['schemagate']}, release build", f"hyperfine {meta['hyperfine']}"]
    tools += [meta[p] for p in peers]
    print(f"- Tools: {'; '.join(tools)}.")
    print("- Transactions, as each tool does by default: schemagate and alembic apply everything "
          "in one transaction, dbmate, sqlx and refinery one transaction per migration; the floor "
          "uses `psql -1`.")
    print()

    noop = {n: noop_rows(directory, n) for n in sizes}
    print(f"### No-op deploy: {run}\n")
    print(f"hyperfine, 3 warm-ups then {runs} runs per tool, median wall time of the whole process; "
          f"peak RSS: GNU time `%M`, median of {mem_runs} more runs. \"vs schemagate\" is the tool's "
          "time divided by schemagate's.\n")
    print(table(noop, "select1"))
    print()
    # On a loaded machine the fastest run is the steadiest estimate of a tool's own cost, so
    # the ratio of the minimums is given beside the ratio of the medians the targets use.
    if "sqlx" in peers:
        r = {n: noop[n]["schemagate"][0] / noop[n]["sqlx"][0] for n in sizes}
        lo = {n: noop[n]["schemagate"][1] / noop[n]["sqlx"][1] for n in sizes}
        print(f"- Target schemagate / sqlx within 1.5x: "
              f"{', '.join(f'{r[n]:.2f} at N={n}' for n in sizes)}: {met(all(v <= 1.5 for v in r.values()))} "
              f"(minimums: {', '.join(f'{lo[n]:.2f}' for n in sizes)}).")
    if "alembic" in peers:
        r = {n: noop[n]["alembic"][0] / noop[n]["schemagate"][0] for n in sizes}
        lo = {n: noop[n]["alembic"][1] / noop[n]["schemagate"][1] for n in sizes}
        print(f"- Target at least 30x faster than alembic: "
              f"{', '.join(f'{r[n]:.0f}x at N={n}' for n in sizes)}: {met(all(v >= 30 for v in r.values()))} "
              f"(minimums: {', '.join(f'{lo[n]:.0f}x' for n in sizes)}).")
    for n in sizes:
        if f"noop_checked_{n}" in meta:
            print(f"- Checked at N={n}: {meta[f'noop_checked_{n}']}.")
    print()

    cold = {n: cold_rows(directory, n, rounds) for n in sizes}
    print(f"### Cold apply: {run}\n")
    print(f"One fresh database per tool and round, {rounds} rounds (plus one untimed warm-up), "
          "the tools' order rotated each round; hyperfine, one run per database, median over the "
          "rounds; peak RSS from GNU time `%M` around the same runs.\n")
    print(table(cold, "floor"))
    print()
    r = {n: cold[n]["schemagate"][0] / cold[n]["floor"][0] for n in sizes}
    lo = {n: cold[n]["schemagate"][1] / cold[n]["floor"][1] for n in sizes}
    print(f"- Target schemagate within 1.2x of the floor: "
          f"{', '.join(f'{r[n]:.2f} at N={n}' for n in sizes)}: {met(all(v <= 1.2 for v in r.values()))} "
          f"(minimums: {', '.join(f'{lo[n]:.2f}' for n in sizes)}).")
    for key, value in meta.items():
        if key.startswith("retried_"):
            _, what, n, which = key.split("_", 3)
            if what == "cold":
                print(f"- Round {which} at N={n} was run again on fresh databases, after: `{value.strip()}`.")
            else:
                print(f"- The warm-up of {which} at N={n} was run again, after: `{value.strip()}`.")
    for n in sizes:
        print(f"- Checked at N={n}: every database of every tool (warm-up included) holds N tables, "
              f"N-1 foreign keys, N checks, N indexes and N history entries (`{meta[f'cold_checked_{n}']}`).")
    print()

    print(f"### Binary size and peak memory: {run}\n")
    big = max(sizes)
    print("| release binary | size |")
    print("|---|---:|")
    print(f"| as built (`target/release/schemagate`) | {int(meta['binary_size']) / 1e6:.1f} MB |")
    print(f"| stripped | {int(meta['binary_size_stripped']) / 1e6:.1f} MB |")
    print(f"| peak RSS, cold apply of {big} migrations (median) | {mib(cold[big]['schemagate'][3])} |")
    print(f"| peak RSS, no-op deploy at N={big} (median) | {mib(noop[big]['schemagate'][3])} |")
    print()

    verify = directory / "verify.md"
    if verify.exists():
        print(f"### Verification at scale: {run}\n")
        print("`examples/bench_verify.rs`: introspection (one round trip) and comparison with the "
              "snapshot, tables of 20 columns, 10 runs each, median.\n")
        print(verify.read_text().strip())
        print()

    backup = directory / "backup.txt"
    if backup.exists():
        print(f"### Backup step: {run}\n")
        print("`scripts/bench-backup.sh` (schemagate's `take_backup` against a bare `pg_dump -Fc`, "
              "alternated, same run):\n")
        print("```")
        print(backup.read_text().strip())
        print("```")


if __name__ == "__main__":
    main()
