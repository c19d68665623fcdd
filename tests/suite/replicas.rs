//! Replicas starting together: sixteen `schemagate deploy` processes launched at once on one
//! database with fifty pending migrations (the last one outside the transaction). The
//! advisory lock must let exactly one of them apply each migration once, the others find
//! nothing pending and still verify, and every one of them start its app.
//!
//! CI runs one race; scripts/torture.sh repeats it (`SCHEMAGATE_TORTURE_REPLICA_RUNS`), each
//! time on a fresh database.

use std::process::Child;
use std::time::{Duration, Instant};

use crate::support::cli::Project;
use crate::support::torture::{self, REPLICA_RUNS, Tally};
use crate::support::wait_all;

const REPLICAS: usize = 16;
const MIGRATIONS: i32 = 50;

#[test]
fn sixteen_replicas_apply_fifty_migrations_exactly_once_and_all_start_their_app() {
    let runs = torture::count(REPLICA_RUNS, 1);
    let mut tally = Tally::default();
    let started = Instant::now();
    for run in 0..runs {
        race(run, &mut tally);
    }
    eprintln!(
        "torture replicas: runs={runs} processes={} migrations-per-run={MIGRATIONS} {tally} seconds={}",
        runs * REPLICAS,
        started.elapsed().as_secs()
    );
    assert_eq!(tally.get("app-started"), runs * REPLICAS);
}

/// The project: a side-effect table fed by every migration, 49 tables, and an index built
/// concurrently at the end; with the expected schema of all of it.
fn project() -> Project {
    let p = Project::new();
    let mut expected = format!(
        "version = {MIGRATIONS}\n\n[tables.side_effects]\ncolumns = {{ migration = \"text not null\" }}\n"
    );
    for n in 1..MIGRATIONS {
        let sql = format!(
            "{}create table t{n} (id bigserial primary key, name text not null, \
             created_at timestamptz not null default now());\n\
             create index ix_t{n}_name on t{n} (name);\n\
             insert into side_effects (migration) values ('V{n}');\n",
            if n == 1 {
                "create table side_effects (migration text not null);\n"
            } else {
                ""
            }
        );
        p.migration(&format!("V{n}__t{n}.sql"), &sql);
        // t1's concurrently built index is listed too: the check before COMMIT leaves it to
        // the check after the no-transaction migration.
        let concurrent = if n == 1 { ", \"ix_t1_created_at\"" } else { "" };
        expected.push_str(&format!(
            "\n[tables.t{n}]\ncolumns = {{ id = \"bigint not null\", name = \"text not null\", \
             created_at = \"timestamp with time zone not null\" }}\n\
             indexes = [\"t{n}_pkey\", \"ix_t{n}_name\"{concurrent}]\n"
        ));
    }
    p.migration(
        &format!("V{MIGRATIONS}__index_concurrently.sql"),
        &format!(
            "-- schemagate:no-transaction\n\
             create index concurrently ix_t1_created_at on t1 (created_at);\n\
             insert into side_effects (migration) values ('V{MIGRATIONS}');\n"
        ),
    );
    p.file("migrations/expected_schema.toml", &expected);
    std::fs::create_dir(p.path().join("markers")).unwrap();
    p
}

fn race(run: usize, tally: &mut Tally) {
    let p = project();
    let children: Vec<Child> = (0..REPLICAS)
        .map(|i| {
            let marker = format!("replica-{i}");
            let mut args = vec!["deploy", "--lock-wait", "120s"];
            args.extend([
                "--",
                "sh",
                "-c",
                ": > \"markers/$0\"; echo started",
                &marker,
            ]);
            p.schemagate(&args).spawn()
        })
        .collect();
    let outputs = wait_all(children, Duration::from_secs(300));

    let mut all_stderr = String::new();
    for (i, out) in outputs.iter().enumerate() {
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        all_stderr.push_str(&stderr);
        assert_eq!(
            out.status.code(),
            Some(0),
            "run {run}, replica {i}:\n{stdout}\n{stderr}"
        );
        assert!(
            stdout.contains("started"),
            "run {run}, replica {i}:\n{stdout}\n{stderr}"
        );
    }
    let markers = std::fs::read_dir(p.path().join("markers")).unwrap().count();
    assert_eq!(markers, REPLICAS, "run {run}: apps started");
    for _ in 0..markers {
        tally.add("app-started");
    }

    // Each migration was applied by exactly one replica, once; the others found nothing pending.
    for n in 1..MIGRATIONS {
        let line = format!("applied V{n}__t{n}.sql ");
        assert_eq!(
            all_stderr.matches(&line).count(),
            1,
            "run {run}: {line}\n{all_stderr}"
        );
    }
    assert_eq!(
        all_stderr
            .matches(&format!(
                "applied V{MIGRATIONS}__index_concurrently.sql outside"
            ))
            .count(),
        1,
        "run {run}:\n{all_stderr}"
    );
    assert_eq!(
        p.value("select count(*) from refinery_schema_history"),
        MIGRATIONS.to_string(),
        "run {run}: history rows"
    );
    assert_eq!(
        p.applied_versions(),
        (1..=MIGRATIONS).collect::<Vec<_>>(),
        "run {run}"
    );
    let mut tables: Vec<String> = (1..MIGRATIONS).map(|n| format!("t{n}")).collect();
    tables.push("side_effects".into());
    tables.sort();
    assert_eq!(p.user_tables(), tables, "run {run}: each table exists once");
    assert_eq!(
        p.value("select count(*) || '/' || count(distinct migration) from side_effects"),
        format!("{MIGRATIONS}/{MIGRATIONS}"),
        "run {run}: side effects {:?}",
        torture::duplicated_side_effects(&p)
    );
    assert_eq!(
        p.column(
            "select outcome || ' ' || count(*) from schemagate_runs group by outcome order by 1"
        ),
        [
            "applied 1".to_string(),
            format!("nothing-pending {}", REPLICAS - 1)
        ],
        "run {run}: one run row per replica"
    );
    let backups = torture::check_backups(&p.path().join("backups"));
    assert_eq!(
        backups.validated, 1,
        "run {run}: the one backup, taken before applying"
    );
    tally.add("runs-ok");
}
