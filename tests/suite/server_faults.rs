//! PostgreSQL restarting in the middle of a deploy, on a throwaway cluster the test owns:
//! `pg_ctl restart -m fast` (backends terminated, clean shutdown) and `-m immediate` (every
//! process killed, crash recovery on start), mid migration, mid verification and mid backup.
//!
//! The deploy must fail with its documented exit code (3: the connection was lost before a
//! migration ran; 7: the backup failed; 8: the migrations ran and were rolled back), or succeed
//! when the restart came after its COMMIT;
//! the database is never half-applied (history and schema are all or nothing); and the next
//! deploy succeeds. CI restarts once per moment; scripts/torture.sh sets
//! `SCHEMAGATE_TORTURE_RESTARTS` (per moment and mode).

use std::time::{Duration, Instant};

use crate::support::cli::Project;
use crate::support::cluster::Cluster;
use crate::support::torture::{
    self, Fixture, RESTARTS, Rng, Tally, base, check_backups, diff, table_migrations,
    wait_for_text, wide_tables,
};

const APP: [&str; 4] = ["--", "sh", "-c", ": > app-started"];

/// Where in the deploy the restart is aimed.
struct Moment {
    name: &'static str,
    fixture: Fixture,
    flags: Vec<&'static str>,
    slow_dump: Option<Duration>,
    /// The restart window opens when stderr shows this...
    trigger: &'static str,
    /// ...and the restart comes up to this long after.
    spread: Duration,
    /// Exit codes a deploy restarted in this moment may end with.
    allowed: &'static [i32],
    /// (stderr text, phase): the phase hit is the last one whose text was printed.
    phases: Vec<(&'static str, &'static str)>,
}

#[test]
fn server_restarts_mid_deploy_fail_cleanly_and_the_retry_succeeds() {
    let cluster = Cluster::start();
    let server = cluster.url();
    let data = ["customers", "side_effects"];
    let full = torture::full_run(RESTARTS);
    // Verification reads and compares every table: many tables make it long enough to hit.
    // CI makes do with fewer (a restart that comes after the COMMIT is a success).
    let mut wide = base();
    let tables = if full { 2000 } else { 600 };
    wide.extend(wide_tables(2, tables));
    let vip = vec![(
        "V10__vip.sql".to_string(),
        "alter table customers add column vip boolean;\n\
         insert into side_effects (migration) values ('V10');\n"
            .to_string(),
    )];
    // V4 sleeps long enough for the restart to land inside it.
    let inputs = [
        (base(), table_migrations(2..=6, 4, 1.5)),
        (wide, vip),
        (base(), table_migrations(2..=4, 0, 0.0)),
    ];
    // Built side by side: most of the time is the server's.
    let [migration, verification, backup] = std::thread::scope(|scope| {
        let built: Vec<_> = inputs
            .iter()
            .map(|(baseline, pending)| {
                scope.spawn(|| Fixture::new(&server, baseline, pending, &data))
            })
            .collect();
        let built: Vec<Fixture> = built.into_iter().map(|b| b.join().unwrap()).collect();
        <[Fixture; 3]>::try_from(built).ok().unwrap()
    });
    let moments = [
        Moment {
            name: "migration",
            fixture: migration,
            flags: vec!["--no-backup"],
            slow_dump: None,
            trigger: "applied V3__",
            spread: Duration::from_millis(400),
            allowed: &[8],
            phases: vec![
                ("pending:", "migrating"),
                ("applied V6__", "verifying"),
                ("committed", "after-commit"),
            ],
        },
        Moment {
            name: "verification",
            fixture: verification,
            flags: vec!["--no-backup"],
            slow_dump: None,
            trigger: "applied V10__",
            spread: Duration::ZERO,
            // 0: the restart came after the COMMIT.
            allowed: &[8, 0],
            phases: vec![
                ("applied V10__", "verifying"),
                ("committed", "after-commit"),
            ],
        },
        Moment {
            name: "backup",
            fixture: backup,
            flags: vec![],
            slow_dump: Some(Duration::from_millis(800)),
            trigger: "pending:",
            spread: Duration::from_millis(1000),
            // 7: pg_dump lost its connection; 3: the dump finished on the restarted server and
            // the deploy's own connection was gone before a migration ran; 8 and 0: the backup
            // was over (a fast machine dumps this database in a few milliseconds).
            allowed: &[7, 3, 8, 0],
            phases: vec![
                ("pending:", "backing-up"),
                ("bytes) in ", "migrating"),
                ("committed", "after-commit"),
            ],
        },
    ];
    // CI: one restart per moment, the modes taking turns; the full run: every moment in both
    // modes, `SCHEMAGATE_TORTURE_RESTARTS` times.
    let plan: Vec<(&Moment, &str)> = if full {
        let restarts = torture::count(RESTARTS, 1);
        moments
            .iter()
            .flat_map(|m| (0..restarts).flat_map(move |_| [(m, "fast"), (m, "immediate")]))
            .collect()
    } else {
        let modes = ["fast", "immediate"];
        moments
            .iter()
            .zip(modes.iter().cycle())
            .map(|(m, mode)| (m, *mode))
            .collect()
    };
    let seed = torture::master_seed("server faults");
    let mut tally = Tally::default();
    for round in torture::rounds(plan.len()) {
        let (moment, mode) = plan[round];
        restart_once(&cluster, moment, mode, seed, round, &mut tally);
    }
    eprintln!(
        "torture server-faults: seed={seed:#x} restarts={} {tally}",
        tally.get("restarts")
    );
}

fn restart_once(
    cluster: &Cluster,
    m: &Moment,
    mode: &str,
    seed: u64,
    round: usize,
    tally: &mut Tally,
) {
    let mut rng = Rng::for_round(seed, round);
    let fraction = rng.fraction();
    let offset = m.spread.mul_f64(fraction);
    let context = format!(
        "{} round {round}, -m {mode} (seed {seed:#x}: restart {fraction:.3} into the window, +{offset:?})",
        m.name
    );
    let p = m.fixture.copy();
    let mut args = vec!["deploy"];
    args.extend(&m.flags);
    args.extend(APP);
    let mut run = p.schemagate(&args);
    if let Some(pause) = m.slow_dump {
        let bin = torture::slow_pg_tools(p.path(), pause);
        run = run.env("SCHEMAGATE_PG_BINDIR", bin.to_str().unwrap());
    }
    let mut run = run.start();
    assert!(
        wait_for_text(&mut run, m.trigger),
        "{context}: never saw {:?}:\n{}",
        m.trigger,
        run.stderr_so_far()
    );
    std::thread::sleep(offset);
    let printed = run.stderr_so_far();
    cluster.restart(mode);
    tally.add("restarts");
    let deadline = Instant::now() + Duration::from_secs(120);
    while !run.exited() {
        if Instant::now() > deadline {
            run.signal(libc::SIGKILL);
            panic!("{context}: the deploy hung after the restart");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let (code, _, stderr) = run.finish();
    let phase = m
        .phases
        .iter()
        .rev()
        .find(|(text, _)| printed.contains(text))
        .map(|(_, phase)| *phase)
        .unwrap_or("starting");
    let code = code.unwrap_or_else(|| panic!("{context}: killed by a signal:\n{stderr}"));
    assert!(
        m.allowed.contains(&code),
        "{context}: exit {code} after a restart in phase {phase}:\n{stderr}"
    );
    tally.add(format!("{}:{mode}:exit-{code}", m.name));

    // All or nothing: as before after a failure, fully migrated after a success; either after
    // a connection lost during COMMIT, which the message says.
    let (state, now) = m.fixture.state(&p);
    let expected = if code == 0 {
        "fully-migrated"
    } else {
        "as-before"
    };
    let commit_unknown = stderr.contains("the connection was lost during COMMIT");
    // A precise message for each: what failed, and that nothing was applied.
    let says = match code {
        3 => vec!["database query failed while"],
        7 => vec!["backup failed, nothing was applied"],
        8 if commit_unknown => vec!["rolled back: not known"],
        8 => vec![
            "hint: the connection to the server was lost",
            "rolled back: none of the",
        ],
        _ => vec![],
    };
    for text in says {
        assert!(
            stderr.contains(text),
            "{context}: exit {code} without {text:?}:\n{stderr}"
        );
    }
    if commit_unknown {
        tally.add("commit-outcome-unknown");
    }
    assert!(
        state == Some(expected) || (commit_unknown && state.is_some()),
        "{context}: exit {code} but the database is not {expected}:\n{}\n{stderr}",
        diff(
            if code == 0 {
                &m.fixture.after
            } else {
                &m.fixture.before
            },
            &now
        )
    );
    check_backups(&p.path().join("backups"));
    retry(&p, m, &context);
    tally.add("retry-ok");
}

/// The next deploy, on the server that came back: it finishes the job.
fn retry(p: &Project, m: &Moment, context: &str) {
    let mut args = vec!["deploy", "--lock-wait", "60s"];
    args.extend(APP);
    p.schemagate(&args).status(0).run();
    assert!(p.path().join("app-started").exists(), "{context}: no app");
    let (state, now) = m.fixture.state(p);
    assert!(
        state == Some("fully-migrated"),
        "{context}: not fully migrated after the retry:\n{}",
        diff(&m.fixture.after, &now)
    );
    check_backups(&p.path().join("backups"));
}
