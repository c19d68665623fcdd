//! SIGKILL at random moments of a deploy: while it waits for the lock, mid migration, mid
//! verification, mid backup, mid no-transaction migration. Nothing runs in the killed process
//! to clean up, so this is what a lost container, the OOM killer or `kill -9` leaves behind.
//!
//! After every kill: the killed sessions end and the lock is free; no process the deploy
//! started (pg_dump) runs on; every published backup reads back whole; the database is as it
//! was before or fully migrated (or, killed inside a no-transaction migration, part-way
//! through that one file); and the next deploy succeeds, or exits 5 naming that file and
//! succeeds after `repair --yes`. Nothing of the data that was there before is lost.
//!
//! The kill moment is drawn from a window measured on a reference deploy, with a seeded
//! generator: the seed is printed, and `SCHEMAGATE_TORTURE_SEED` (with
//! `SCHEMAGATE_TORTURE_ONLY` for a single round) replays a run. CI kills once per moment;
//! scripts/torture.sh sets `SCHEMAGATE_TORTURE_KILLS` (kills per moment).

use std::time::{Duration, Instant};

use crate::support::cli::Project;
use crate::support::torture::{
    self, Fixture, KILLS, LockHolder, Rng, Tally, advisory_locks, base, check_backups, descendants,
    diff, still_running, table_migrations, wait_for_schemagate_sessions_to_end, wait_for_text,
    wide_tables,
};

const APP: [&str; 4] = ["--", "sh", "-c", ": > app-started"];

/// One kill moment: the database before the deploy, the files, and where the kill window is.
struct Scenario {
    name: &'static str,
    /// Migrations already applied in the template database.
    baseline: Vec<(String, String)>,
    /// Migrations the deploy applies.
    pending: Vec<(String, String)>,
    /// Deploy flags before `--`.
    flags: Vec<&'static str>,
    /// A pause in pg_dump before the real dump (a slow backup).
    slow_dump: Option<Duration>,
    /// Another session holds the migration lock during the deploy, released after the kill.
    hold_lock: bool,
    /// The kill window opens when stderr shows this.
    trigger: &'static str,
    /// A fixed window; otherwise the time from the trigger to the end of a reference deploy.
    window: Option<Duration>,
    /// (stderr text, phase): the phase a kill hit is the last one whose text was printed.
    phases: Vec<(&'static str, &'static str)>,
    /// The no-transaction migration a kill may leave part-way.
    notx_file: Option<&'static str>,
    /// Tables whose rows are compared, besides the schema and the history.
    data: Vec<&'static str>,
}

/// A scenario made ready: its fixture and the kill window.
struct Prepared {
    scenario: Scenario,
    fixture: Fixture,
    window: Duration,
}

impl Scenario {
    fn prepare(self) -> Prepared {
        let fixture = Fixture::new(
            &crate::support::server_url(),
            &self.baseline,
            &self.pending,
            &self.data,
        );
        // A reference deploy, exactly as the rounds run it, measures the window.
        let reference = self.copy(&fixture);
        let mut run = self.deploy(&reference).start();
        let seen = self.hold_lock || wait_for_text(&mut run, self.trigger);
        let opened = Instant::now();
        let (code, _, stderr) = run.finish();
        assert!(
            seen && code == Some(0),
            "{}: reference deploy:\n{stderr}",
            self.name
        );
        let window = self.window.unwrap_or_else(|| opened.elapsed());
        assert_eq!(
            fixture.state(&reference).0,
            Some("fully-migrated"),
            "{}",
            self.name
        );
        Prepared {
            scenario: self,
            fixture,
            window,
        }
    }

    /// A fresh copy of the database before the deploy, with the files.
    fn copy(&self, fixture: &Fixture) -> Project {
        let p = fixture.copy();
        if let Some(pause) = self.slow_dump {
            torture::slow_pg_tools(p.path(), pause);
        }
        p
    }

    fn deploy(&self, p: &Project) -> crate::support::cli::Run {
        let mut args = vec!["deploy"];
        args.extend(&self.flags);
        args.extend(APP);
        let mut run = p.schemagate(&args);
        if self.slow_dump.is_some() {
            let bin = p.path().join("slow-bin");
            run = run.env("SCHEMAGATE_PG_BINDIR", bin.to_str().unwrap());
        }
        run
    }

    fn phase(&self, stderr: &str) -> &'static str {
        self.phases
            .iter()
            .rev()
            .find(|(text, _)| stderr.contains(text))
            .map(|(_, phase)| *phase)
            .unwrap_or("starting")
    }
}

impl Prepared {
    /// Kill `kills` deploys of this scenario (rounds whose deploy finished before its kill
    /// moment do not count), checking everything after each; print the tally.
    fn torture(self, kills: usize) {
        let name = self.scenario.name;
        let seed = torture::master_seed(&format!("crashes {name}"));
        let mut tally = Tally::default();
        let mut landed = 0;
        let only = std::env::var(torture::ONLY).is_ok();
        let rounds = torture::rounds(kills * 3);
        for round in rounds {
            if landed == kills && !only {
                break;
            }
            if self.round(seed, round, &mut tally) {
                landed += 1;
            }
        }
        eprintln!(
            "torture crashes {name}: seed={seed:#x} kills={landed} window-ms={} {tally}",
            self.window.as_millis()
        );
        assert!(
            only || landed == kills,
            "{name}: only {landed} of {kills} kills landed"
        );
    }

    /// One round; true when the kill landed in schemagate (not before it, not in the app).
    fn round(&self, seed: u64, round: usize, tally: &mut Tally) -> bool {
        let s = &self.scenario;
        let mut rng = Rng::for_round(seed, round);
        let fraction = rng.fraction();
        let offset = self.window.mul_f64(fraction);
        let context = format!(
            "{} round {round} (seed {seed:#x}: kill {fraction:.3} into the window, +{offset:?})",
            s.name
        );
        let p = s.copy(&self.fixture);
        let holder = s.hold_lock.then(|| LockHolder::take(&p.db.url));
        let mut run = s.deploy(&p).start();
        assert!(
            wait_for_text(&mut run, s.trigger),
            "{context}: never saw {:?}:\n{}",
            s.trigger,
            run.stderr_so_far()
        );
        std::thread::sleep(offset);
        let children = descendants(run.pid());
        let alive = !run.exited();
        if alive {
            run.signal(libc::SIGKILL);
        }
        let (code, _, stderr) = run.finish();
        if let Some(h) = holder {
            h.release();
        }
        let app_started = p.path().join("app-started").exists();
        let phase = match (alive, app_started) {
            (false, _) => {
                assert_eq!(code, Some(0), "{context}: ended before the kill:\n{stderr}");
                "finished-before-kill"
            }
            (true, true) => "app-running",
            (true, false) => s.phase(&stderr),
        };
        tally.add(format!("phase:{phase}"));

        // The killed sessions end, and the lock with them.
        wait_for_schemagate_sessions_to_end(&p);
        assert_eq!(advisory_locks(&p), 0, "{context}: the lock is still held");
        // Nothing the dead deploy started runs on.
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = still_running(&children);
            if left.is_empty() {
                break;
            }
            let commands: Vec<String> = left.iter().map(|c| torture::cmdline(c.pid)).collect();
            assert!(
                Instant::now() < deadline,
                "{context}: still running a minute after the kill: {commands:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        let backups = check_backups(&p.path().join("backups"));
        tally.add(format!("backups-validated:{}", backups.validated));
        if backups.without_sidecar > 0 {
            tally.add("dump-without-sidecar");
        }

        let state = match self.fixture.state(&p) {
            (Some(state), _) => state,
            (None, _) if s.notx_file.is_some() => "no-transaction-part-way",
            (None, now) => panic!(
                "{context}: half-applied after a kill in phase {phase}:\n{}\n{stderr}",
                diff(&self.fixture.before, &now)
            ),
        };
        tally.add(format!("state:{state}"));

        // The next deploy finishes the job, or says precisely why it cannot.
        let mut next = vec!["deploy", "--lock-wait", "60s"];
        next.extend(APP);
        let out = p.schemagate(&next).run();
        let next_stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        match (out.status.code(), s.notx_file) {
            (Some(0), _) => tally.add("next-deploy:ok"),
            (Some(5), Some(file)) => {
                assert!(
                    next_stderr.contains(&format!(
                        "{file}: a no-transaction migration failed part-way in an earlier run"
                    )) && next_stderr.contains("schemagate repair"),
                    "{context}: exit 5 without naming {file}:\n{next_stderr}"
                );
                // What a person does: look, remove what a stopped concurrent build left
                // invalid, accept a retry, deploy.
                for index in p.column(
                    "select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid \
                     where not i.indisvalid",
                ) {
                    p.execute(&format!("drop index {index}"));
                    tally.add("invalid-index-dropped");
                }
                p.schemagate(&["repair", "--yes"]).status(0).run();
                p.schemagate(&next).status(0).run();
                tally.add("next-deploy:exit-5-then-repair-ok");
            }
            (code, _) => panic!("{context}: next deploy exited {code:?}:\n{next_stderr}"),
        }
        assert!(p.path().join("app-started").exists(), "{context}: no app");
        let (end, now) = self.fixture.state(&p);
        assert!(
            end == Some("fully-migrated"),
            "{context}: not fully migrated after the next deploy:\n{}",
            diff(&self.fixture.after, &now)
        );
        assert_eq!(
            torture::duplicated_side_effects(&p),
            Vec::<String>::new(),
            "{context}"
        );
        let after_next = check_backups(&p.path().join("backups"));
        if backups.partial > 0 {
            // The killed backup's partial file: the next backup removes it, if there is one.
            tally.add(if after_next.partial == 0 {
                "partial-dump:removed-by-next-backup"
            } else {
                "partial-dump:left"
            });
        }
        tally.add("lost:0");
        alive && !app_started
    }
}

fn kills() -> usize {
    torture::count(KILLS, 1)
}

#[test]
fn sigkill_mid_backup_takes_pg_dump_with_it_and_the_next_backup_removes_the_partial_file() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    // A pg_dump that pauses two minutes before the real dump.
    let bin = torture::slow_pg_tools(p.path(), Duration::from_secs(120));
    let mut args = vec!["deploy"];
    args.extend(APP);
    let run = p
        .schemagate(&args)
        .env("SCHEMAGATE_PG_BINDIR", bin.to_str().unwrap())
        .start();
    let deadline = Instant::now() + Duration::from_secs(60);
    let dump = loop {
        let found = descendants(run.pid())
            .into_iter()
            .find(|c| torture::cmdline(c.pid).contains("--format=custom"));
        if let Some(dump) = found {
            break dump;
        }
        assert!(Instant::now() < deadline, "pg_dump never started");
        std::thread::sleep(Duration::from_millis(20));
    };
    run.signal(libc::SIGKILL);
    let (code, _, _) = run.finish();
    assert_eq!(code, None);
    // The kernel ends it with us; left alone, it would pause for two minutes, then dump.
    let deadline = Instant::now() + Duration::from_secs(60);
    while !still_running(&[dump]).is_empty() {
        assert!(
            Instant::now() < deadline,
            "pg_dump outlived the deploy: {}",
            torture::cmdline(dump.pid)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let backups = check_backups(&p.path().join("backups"));
    assert_eq!((backups.validated, backups.partial), (0, 1));

    // The next backup removes what the dead one left, and publishes its own.
    let mut next = vec!["deploy", "--lock-wait", "60s"];
    next.extend(APP);
    p.schemagate(&next)
        .status(0)
        .stderr_has("removed 1 partial dump(s) left by a backup that did not finish")
        .run();
    let backups = check_backups(&p.path().join("backups"));
    assert_eq!((backups.validated, backups.partial), (1, 0));
    assert_eq!(p.applied_versions(), [1]);
}

#[test]
fn sigkill_mid_migration_stops_the_statement_on_the_server_and_frees_the_lock() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.migration(
        "V2__slow.sql",
        "alter table users add column email text;\nselect pg_sleep(600);\n",
    );
    let before = torture::snapshot(&p, &[]);
    let mut args = vec!["deploy", "--no-backup"];
    args.extend(APP);
    let run = p.schemagate(&args).start();
    let deadline = Instant::now() + Duration::from_secs(60);
    while p.value(
        "select count(*) from pg_stat_activity where application_name = 'schemagate' \
         and query like '%pg_sleep(600)%'",
    ) == "0"
    {
        assert!(Instant::now() < deadline, "the migration never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    run.signal(libc::SIGKILL);
    run.finish();
    if p.server_major() < 14 {
        // PostgreSQL 13 has no client_connection_check_interval (14+; schemagate sets it only
        // where it exists): a backend notices its client is gone only when it next talks to
        // it, so the statement sleeps on, holding users' lock and the migration lock, until
        // it ends or is terminated. That is the server's limit, documented in RELIABILITY.md;
        // ended by hand, the session rolls back like any other.
        std::thread::sleep(Duration::from_secs(3));
        assert_eq!(
            p.value(
                "select count(*) from pg_stat_activity where application_name = 'schemagate' \
                 and query like '%pg_sleep(600)%'"
            ),
            "1",
            "PostgreSQL 13 stopped the statement of a dead client"
        );
        assert_eq!(advisory_locks(&p), 1);
        p.execute(
            "select pg_terminate_backend(pid) from pg_stat_activity \
             where application_name = 'schemagate' and datname = current_database()",
        );
    }
    // The server notices the dead client within a second and rolls back; left alone, the
    // backend would sleep out its ten minutes holding users' lock and the migration lock.
    wait_for_schemagate_sessions_to_end(&p);
    assert_eq!(advisory_locks(&p), 0);
    assert_eq!(torture::snapshot(&p, &[]), before);
    p.execute("set lock_timeout = '5s'; lock table users in access exclusive mode");
}

#[test]
fn sigkill_while_waiting_for_the_lock() {
    Scenario {
        name: "lock-wait",
        baseline: base(),
        pending: table_migrations(2..=6, 0, 0.0),
        flags: vec![],
        slow_dump: None,
        hold_lock: true,
        trigger: "waiting for the migration lock",
        window: Some(Duration::from_millis(1500)),
        phases: vec![("waiting for the migration lock", "lock-wait")],
        notx_file: None,
        data: vec!["customers", "side_effects"],
    }
    .prepare()
    .torture(kills());
}

#[test]
fn sigkill_mid_migration() {
    Scenario {
        name: "migration",
        baseline: base(),
        pending: table_migrations(2..=21, 11, 0.5),
        flags: vec!["--no-backup"],
        slow_dump: None,
        hold_lock: false,
        trigger: "pending:",
        window: None,
        phases: vec![
            ("pending:", "migrating"),
            ("applied V21__", "verifying"),
            ("committed", "after-commit"),
        ],
        notx_file: None,
        data: vec!["customers", "side_effects", "t2", "t21"],
    }
    .prepare()
    .torture(kills());
}

#[test]
fn sigkill_mid_verification() {
    // Verification reads and compares the whole schema: many tables make it long.
    // CI makes do with fewer tables; a kill that comes after the COMMIT finds it migrated.
    let tables = if torture::full_run(KILLS) { 2000 } else { 600 };
    let mut baseline = base();
    baseline.extend(wide_tables(2, tables));
    Scenario {
        name: "verification",
        baseline,
        pending: vec![
            (
                "V10__orders.sql".into(),
                "create table orders (id bigserial primary key, customer_id bigint not null references customers (id), total numeric(10,2) not null);\n\
                 insert into side_effects (migration) values ('V10');\n"
                    .into(),
            ),
            (
                "V11__vip.sql".into(),
                "alter table customers add column vip boolean;\n\
                 insert into side_effects (migration) values ('V11');\n"
                    .into(),
            ),
        ],
        flags: vec!["--no-backup"],
        slow_dump: None,
        hold_lock: false,
        trigger: "applied V11__",
        window: None,
        phases: vec![("applied V11__", "verifying"), ("committed", "after-commit")],
        notx_file: None,
        data: vec!["customers", "side_effects"],
    }
    .prepare()
    .torture(kills());
}

#[test]
fn sigkill_mid_backup() {
    Scenario {
        name: "backup",
        baseline: base(),
        pending: table_migrations(2..=6, 0, 0.0),
        flags: vec![],
        slow_dump: Some(Duration::from_millis(800)),
        hold_lock: false,
        trigger: "pending:",
        window: None,
        phases: vec![
            ("pending:", "backing-up"),
            ("bytes) in ", "migrating"),
            ("applied V6__", "verifying"),
            ("committed", "after-commit"),
        ],
        notx_file: None,
        data: vec!["customers", "side_effects", "t2"],
    }
    .prepare()
    .torture(kills());
}

#[test]
fn sigkill_mid_no_transaction_migration() {
    let notx = "-- schemagate:no-transaction\n\
        insert into side_effects (migration) select 'V2' where not exists (select 1 from side_effects where migration = 'V2');\n\
        select pg_sleep(0.2);\n\
        create index concurrently if not exists ix_customers_name on customers (name);\n\
        select pg_sleep(0.2);\n\
        create index concurrently if not exists ix_side_effects_migration on side_effects (migration);\n\
        select pg_sleep(0.2);\n";
    Scenario {
        name: "no-transaction",
        baseline: base(),
        pending: vec![("V2__indexes.sql".into(), notx.into())],
        flags: vec!["--no-backup"],
        slow_dump: None,
        hold_lock: false,
        trigger: "pending:",
        window: None,
        phases: vec![
            ("pending:", "no-transaction-running"),
            ("outside the transaction (", "after-no-transaction"),
        ],
        notx_file: Some("V2__indexes.sql"),
        data: vec!["customers", "side_effects"],
    }
    .prepare()
    .torture(kills());
}
