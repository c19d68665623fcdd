//! What the reliability tests (replicas, crashes, server faults) share: how many rounds to run,
//! a seeded random generator so a failing round can be replayed, a snapshot of everything a
//! deploy may change, and the checks made after every fault (no schemagate session left, the
//! lock free, no process of the dead run still going, every published backup readable).
//!
//! Each test runs a small slice by default, so CI exercises every scenario; scripts/torture.sh
//! sets the counts below for the full runs and prints the summaries they end with.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::cli::Project;

/// Rounds of the replica race (`SCHEMAGATE_TORTURE_REPLICA_RUNS`).
pub const REPLICA_RUNS: &str = "SCHEMAGATE_TORTURE_REPLICA_RUNS";
/// SIGKILLs per crash moment (`SCHEMAGATE_TORTURE_KILLS`).
pub const KILLS: &str = "SCHEMAGATE_TORTURE_KILLS";
/// Server restarts per moment and mode (`SCHEMAGATE_TORTURE_RESTARTS`).
pub const RESTARTS: &str = "SCHEMAGATE_TORTURE_RESTARTS";
/// The master seed (`SCHEMAGATE_TORTURE_SEED`, decimal or 0x-hex); random when unset.
pub const SEED: &str = "SCHEMAGATE_TORTURE_SEED";
/// Replay only this round of the seed (`SCHEMAGATE_TORTURE_ONLY`).
pub const ONLY: &str = "SCHEMAGATE_TORTURE_ONLY";

/// The count in `var`, or `default` (the CI slice).
pub fn count(var: &str, default: usize) -> usize {
    match std::env::var(var) {
        Ok(v) => v
            .parse()
            .unwrap_or_else(|_| panic!("{var}={v:?} is not a count")),
        Err(_) => default,
    }
}

/// Whether `var` is set: a full run of scripts/torture.sh rather than the CI slice.
pub fn full_run(var: &str) -> bool {
    std::env::var_os(var).is_some()
}

/// The rounds to run out of `0..n`: all of them, or the one `SCHEMAGATE_TORTURE_ONLY` names.
pub fn rounds(n: usize) -> Vec<usize> {
    match std::env::var(ONLY) {
        Ok(v) => vec![
            v.parse()
                .unwrap_or_else(|_| panic!("{ONLY}={v:?} is not a round number")),
        ],
        Err(_) => (0..n).collect(),
    }
}

/// The master seed of a test, printed so that a failure can be replayed with the same one.
pub fn master_seed(test: &str) -> u64 {
    let seed = match std::env::var(SEED) {
        Ok(v) => {
            let parsed = match v.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16),
                None => v.parse(),
            };
            parsed.unwrap_or_else(|_| panic!("{SEED}={v:?} is not a number"))
        }
        Err(_) => SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64 ^ u64::from(std::process::id()))
            .unwrap_or(1),
    };
    eprintln!("{test}: seed {seed:#x} (replay: {SEED}={seed:#x}, one round: {ONLY}=N)");
    seed
}

/// SplitMix64: small, fast, and the same sequence for the same seed on every machine.
pub struct Rng(u64);

impl Rng {
    /// The generator of round `round` under `master`: each round replays on its own.
    pub fn for_round(master: u64, round: usize) -> Rng {
        let mut r = Rng(master ^ (round as u64).wrapping_mul(0xa076_1d64_78bd_642f));
        r.next();
        r
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn fraction(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Everything a deploy may change, as sorted lines: tables, columns, indexes (with validity),
/// constraints, enum labels, the history (without its timestamps) and the content of the
/// tables named in `data` (row count and a digest). schemagate's run log is left out: it is
/// written by failed runs too.
pub fn snapshot(p: &Project, data: &[&str]) -> Vec<String> {
    let mut lines = p.column(
        "select format('column %s.%s %s %s', c.relname, a.attname, format_type(a.atttypid, a.atttypmod), \
                a.attnotnull) \
         from pg_attribute a join pg_class c on c.oid = a.attrelid \
         where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and a.attnum > 0 \
           and not a.attisdropped and c.relname <> 'schemagate_runs' \
         union all \
         select format('index %s valid=%s %s', c.relname, i.indisvalid, pg_get_indexdef(i.indexrelid)) \
         from pg_index i join pg_class c on c.oid = i.indexrelid \
         where c.relnamespace = 'public'::regnamespace and c.relname not like 'schemagate_runs%' \
         union all \
         select format('constraint %s.%s %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) \
         from pg_constraint where connamespace = 'public'::regnamespace \
           and conrelid <> coalesce(to_regclass('schemagate_runs'), 0) \
         union all \
         select format('enum %s %s %s', t.typname, e.enumsortorder, e.enumlabel) \
         from pg_enum e join pg_type t on t.oid = e.enumtypid \
         order by 1",
    );
    if p.value("select to_regclass('refinery_schema_history') is not null") == "t" {
        lines.extend(p.column(
            "select format('history %s %s %s', version, name, checksum) \
             from refinery_schema_history order by version",
        ));
    }
    for table in data {
        if p.value(&format!("select to_regclass('{table}') is not null")) == "t" {
            lines.push(format!(
                "rows {table} {}",
                p.value(&format!(
                    "select count(*) || ' ' || coalesce(md5(string_agg(t::text, ',' order by t::text)), '') \
                     from {table} t"
                ))
            ));
        }
    }
    lines
}

/// The side effects that ran more than once (`migration xN`): must be none.
pub fn duplicated_side_effects(p: &Project) -> Vec<String> {
    p.column(
        "select migration || ' x' || count(*) from side_effects group by migration \
         having count(*) > 1 order by 1",
    )
}

/// Wait (up to a minute) until no session of schemagate (or of its pg_dump) is left on the
/// project's database: the server ends a dead client's backend when it next talks to it.
pub fn wait_for_schemagate_sessions_to_end(p: &Project) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let left = p.column(
            "select pid || ' ' || state || ' ' || left(query, 60) from pg_stat_activity \
             where datname = current_database() and application_name = 'schemagate'",
        );
        if left.is_empty() {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "schemagate sessions still there after a minute: {left:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Advisory locks held on the project's database.
pub fn advisory_locks(p: &Project) -> usize {
    p.value(
        "select count(*) from pg_locks where locktype = 'advisory' \
         and database = (select oid from pg_database where datname = current_database())",
    )
    .parse()
    .unwrap()
}

/// What the backup directory held after a fault.
#[derive(Debug, Default, Clone, Copy)]
pub struct Backups {
    /// Published dumps (`*.dump`), each read back with `pg_restore --list`.
    pub validated: usize,
    /// Published dumps without their sidecar.
    pub without_sidecar: usize,
    /// Hidden partial files (`.*.part`) left behind.
    pub partial: usize,
}

/// Check every published dump in `dir`: `pg_restore --list` must read it whole, and its
/// sidecar, when there is one, must give its size. Panics on the first bad one.
pub fn check_backups(dir: &Path) -> Backups {
    let mut seen = Backups::default();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return seen;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.ends_with(".part") {
            seen.partial += 1;
            continue;
        }
        if !name.ends_with(".dump") {
            continue;
        }
        let path = entry.path();
        let out = Command::new(pg_restore())
            .arg("--list")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{} looks like a finished backup but pg_restore cannot read it: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let size = entry.metadata().unwrap().len();
        let sidecar = dir.join(format!("{name}.json"));
        match std::fs::read_to_string(&sidecar) {
            Ok(json) => {
                let v: serde_json::Value = serde_json::from_str(&json)
                    .unwrap_or_else(|e| panic!("{}: {e}", sidecar.display()));
                assert_eq!(v["size_bytes"], size, "{}", sidecar.display());
            }
            Err(_) => seen.without_sidecar += 1,
        }
        seen.validated += 1;
    }
    seen
}

/// The newest pg_restore here: it reads the archives of every pg_dump the tests use.
fn pg_restore() -> String {
    super::newest_pg_client_dir()
        .join("pg_restore")
        .display()
        .to_string()
}

/// A process and its start time (so a reused pid is not mistaken for it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proc {
    pub pid: u32,
    start: u64,
}

/// Every descendant of `pid` now (children, grandchildren, ...), from the parent pids in
/// /proc (the kernel here has no /proc/PID/task/TID/children).
pub fn descendants(pid: u32) -> Vec<Proc> {
    let parents: Vec<(u32, u32, u64)> = std::fs::read_dir("/proc")
        .map(|d| {
            d.flatten()
                .filter_map(|e| {
                    let child: u32 = e.file_name().to_str()?.parse().ok()?;
                    let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
                    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
                    Some((
                        child,
                        fields.get(1)?.parse().ok()?,
                        fields.get(19)?.parse().ok()?,
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut out = Vec::new();
    let mut queue = vec![pid];
    while let Some(p) = queue.pop() {
        for &(child, parent, start) in &parents {
            if parent == p {
                out.push(Proc { pid: child, start });
                queue.push(child);
            }
        }
    }
    out
}

/// The ones of `procs` still running (zombies count as ended).
pub fn still_running(procs: &[Proc]) -> Vec<Proc> {
    procs
        .iter()
        .copied()
        .filter(|p| {
            let stat = std::fs::read_to_string(format!("/proc/{}/stat", p.pid)).unwrap_or_default();
            start_time(p.pid) == Some(p.start) && !matches!(state(&stat), Some('Z' | 'X'))
        })
        .collect()
}

/// The command line of a process, for failure messages.
pub fn cmdline(pid: u32) -> String {
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .map(|b| String::from_utf8_lossy(&b).replace('\0', " "))
        .unwrap_or_default()
}

fn state(stat: &str) -> Option<char> {
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

fn start_time(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Field 22, counted after the parenthesised command name (which may hold spaces).
    stat.rsplit_once(')')?
        .1
        .split_whitespace()
        .nth(19)?
        .parse()
        .ok()
}

/// Wait until the output of `running` contains `text` or the process ends; returns whether
/// the text was seen. Polls every 2 ms: the kill moments are chosen relative to this.
pub fn wait_for_text(running: &mut super::cli::Running, text: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if running.stderr_so_far().contains(text) {
            return true;
        }
        if running.exited() {
            return running.stderr_so_far().contains(text);
        }
        assert!(
            Instant::now() < deadline,
            "never saw {text:?}:\n{}",
            running.stderr_so_far()
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Counts of named outcomes, printed in a stable order for RELIABILITY.md.
#[derive(Debug, Default)]
pub struct Tally(std::collections::BTreeMap<String, usize>);

impl Tally {
    /// Count one more `what`.
    pub fn add(&mut self, what: impl Into<String>) {
        *self.0.entry(what.into()).or_default() += 1;
    }

    /// How many `what` were counted.
    pub fn get(&self, what: &str) -> usize {
        self.0.get(what).copied().unwrap_or(0)
    }
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|(k, v)| format!("{k}={v}")).collect();
        f.write_str(&parts.join(" "))
    }
}

/// A directory for `SCHEMAGATE_PG_BINDIR` whose `pg_dump` waits `pause` before it execs the
/// real one (the dump itself is real), and whose `pg_restore` is the real one. The pause is
/// many short sleeps, so a sleep orphaned by a killed wrapper ends at once.
pub fn slow_pg_tools(dir: &Path, pause: Duration) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("slow-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let real = real_pg_bindir();
    let steps = pause.as_millis() / 50;
    for tool in ["pg_dump", "pg_restore"] {
        let pause = if tool == "pg_dump" {
            format!(
                "case \"$1\" in --version) ;; *) i=0; while [ $i -lt {steps} ]; do sleep 0.05; i=$((i+1)); done ;; esac\n"
            )
        } else {
            String::new()
        };
        let path = bin.join(tool);
        std::fs::write(
            &path,
            format!("#!/bin/sh\n{pause}exec {}/{tool} \"$@\"\n", real.display()),
        )
        .unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    bin
}

/// The directory of the newest pg_dump here (on PATH or under `/usr/lib/postgresql/*/bin`):
/// it dumps every server the tests use (scripts/pg-matrix.sh puts the client of the major it
/// tests on PATH).
pub fn real_pg_bindir() -> std::path::PathBuf {
    super::newest_pg_client_dir()
}

/// Another session holding schemagate's migration lock until dropped.
pub struct LockHolder {
    _client: tokio_postgres::Client,
    _runtime: tokio::runtime::Runtime,
}

impl LockHolder {
    /// Take the lock on the database at `url`.
    pub fn take(url: &str) -> LockHolder {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let key = schemagate::lock::key("refinery_schema_history");
        let client = runtime.block_on(super::connect(url));
        runtime
            .block_on(client.execute("select pg_advisory_lock($1)", &[&key]))
            .unwrap();
        LockHolder {
            _client: client,
            _runtime: runtime,
        }
    }

    /// Release the lock by closing the session (the runtime's end closes the socket).
    pub fn release(self) {
        drop(self);
    }
}

/// The first migration of the fault scenarios: data that must survive every fault.
pub const BASE: &str = "create table side_effects (migration text not null);\n\
    create table customers (id bigserial primary key, email text not null unique, name text);\n\
    insert into customers (email, name)\n\
    select 'c' || g || '@example.com', 'customer ' || g from generate_series(1, 2000) g;\n\
    insert into side_effects (migration) values ('V1');\n";

/// `V1__base.sql`.
pub fn base() -> Vec<(String, String)> {
    vec![("V1__base.sql".to_string(), BASE.to_string())]
}

/// Migrations `range`, each adding a table filled from `customers` and a column to
/// `customers`, recording its side effect, and pausing (`slow` pauses `slow_seconds`, the
/// others 30 ms).
pub fn table_migrations(
    range: std::ops::RangeInclusive<i32>,
    slow: i32,
    slow_seconds: f64,
) -> Vec<(String, String)> {
    range
        .map(|n| {
            let sleep = if n == slow { slow_seconds } else { 0.03 };
            let sql = format!(
                "create table t{n} (id bigserial primary key, customer_id bigint not null references customers (id), note text);\n\
                 insert into t{n} (customer_id, note) select id, 'note ' || id from customers where id % 7 = {};\n\
                 alter table customers add column c{n} int;\n\
                 insert into side_effects (migration) values ('V{n}');\n\
                 select pg_sleep({sleep});\n",
                n % 7
            );
            (format!("V{n}__t{n}.sql"), sql)
        })
        .collect()
}

/// Migrations `first..` creating `n` tables of five columns, 500 to a migration: verification
/// reads and compares all of them, which makes it long. (Each table takes locks until its
/// transaction ends; thousands in one transaction overflow PostgreSQL's shared lock table.)
pub fn wide_tables(first: i32, n: usize) -> Vec<(String, String)> {
    (0..n.div_ceil(500))
        .map(|chunk| {
            let from = chunk * 500 + 1;
            let to = (from + 499).min(n);
            let sql = format!(
                "do $$ begin for i in {from}..{to} loop execute format(\
                 'create table wide_%s (id bigint primary key, a int not null, b int, c timestamptz, d boolean)', i); \
                 end loop; end $$;\n"
            );
            let version = first + chunk as i32;
            (format!("V{version}__wide_{from}_{to}.sql"), sql)
        })
        .collect()
}

/// A database state to start faulted deploys from, and what they must end in: a template
/// database with `baseline` applied, the files (all migrations and the expected schema, as
/// `snapshot` writes it from the migrated database), and snapshots before and after.
pub struct Fixture {
    pub server: String,
    pub template: Project,
    pub files: Vec<(String, String)>,
    pub before: Vec<String>,
    pub after: Vec<String>,
    pub data: Vec<&'static str>,
}

impl Fixture {
    /// Build it on the server at `server`; `data` are the tables whose rows are compared.
    pub fn new(
        server: &str,
        baseline: &[(String, String)],
        pending: &[(String, String)],
        data: &[&'static str],
    ) -> Fixture {
        // One deploy (one transaction) per baseline migration.
        let template = Project::on(server, None);
        for (name, sql) in baseline {
            template.migration(name, sql);
            template
                .schemagate(&["deploy", "--no-backup"])
                .status(0)
                .run();
        }
        let before = snapshot(&template, data);
        let mut fixture = Fixture {
            server: server.to_string(),
            template,
            files: baseline
                .iter()
                .chain(pending)
                .map(|(n, s)| (format!("migrations/{n}"), s.clone()))
                .collect(),
            before,
            after: Vec::new(),
            data: data.to_vec(),
        };
        let migrated = fixture.copy();
        migrated
            .schemagate(&["deploy", "--no-backup"])
            .status(0)
            .run();
        migrated
            .schemagate(&["snapshot", "--from-live"])
            .status(0)
            .run();
        let expected = "migrations/expected_schema.toml";
        fixture.files.push((
            expected.to_string(),
            std::fs::read_to_string(migrated.path().join(expected)).unwrap(),
        ));
        fixture.after = snapshot(&migrated, data);
        assert_ne!(fixture.before, fixture.after, "the deploy changes nothing");
        fixture
    }

    /// A fresh copy of the template database, in a project holding the files.
    pub fn copy(&self) -> Project {
        let p = Project::on(&self.server, Some(&self.template.db.name));
        for (name, text) in &self.files {
            p.file(name, text);
        }
        p
    }

    /// `as-before` or `fully-migrated`, or None when the database is neither.
    pub fn state(&self, p: &Project) -> (Option<&'static str>, Vec<String>) {
        let now = snapshot(p, &self.data);
        let state = if now == self.before {
            Some("as-before")
        } else if now == self.after {
            Some("fully-migrated")
        } else {
            None
        };
        (state, now)
    }
}

/// The lines of `b` that `a` lacks (+) and the reverse (-).
pub fn diff(a: &[String], b: &[String]) -> String {
    let mut out: Vec<String> = b
        .iter()
        .filter(|l| !a.contains(l))
        .map(|l| format!("+ {l}"))
        .collect();
    out.extend(
        a.iter()
            .filter(|l| !b.contains(l))
            .map(|l| format!("- {l}")),
    );
    out.join("\n")
}
