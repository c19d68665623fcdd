//! Deploys through a real PgBouncer (support::pgbouncer) and against a server with few
//! connections: a transaction-mode pooler is recognised and refused before anything changes
//! (or the direct URL is used, while the app keeps the pooled one); nothing runs twice; the
//! pooler's own refusals are named as such, never "unreachable"; replicas waiting for the lock
//! hold no connection, so the leader's `pg_dump` gets one.

use std::process::{Child, Output};
use std::time::{Duration, Instant};

use crate::support::cli::Project;
use crate::support::cluster::Cluster;
use crate::support::pgbouncer::{PgBouncer, PoolMode};
use crate::support::torture;
use crate::support::wait_all;

/// V1 a table, V2 a no-transaction INSERT: what the issue saw run twice.
fn project_on(p: Project) -> Project {
    p.migration(
        "V1__side_effects.sql",
        "create table side_effects (migration text not null);\n",
    );
    p.migration(
        "V2__insert.sql",
        "-- schemagate:no-transaction\ninsert into side_effects (migration) values ('V2');\n",
    );
    std::fs::create_dir(p.path().join("markers")).unwrap();
    p
}

fn project() -> Project {
    project_on(Project::new())
}

/// `n` deploys started at once with DATABASE_URL = `url` (and `env`), each starting an app
/// that leaves a marker; their outputs, in order.
fn deploys(p: &Project, n: usize, url: &str, env: &[(&str, &str)]) -> Vec<Output> {
    let children: Vec<Child> = (0..n)
        .map(|i| {
            let marker = format!("replica-{i}");
            let mut run = p
                .schemagate(&[
                    "deploy",
                    "--lock-wait",
                    "120s",
                    "--",
                    "sh",
                    "-c",
                    ": > \"markers/$0\"; echo \"started with $DATABASE_URL\"",
                    &marker,
                ])
                .env("DATABASE_URL", url);
            for (k, v) in env {
                run = run.env(k, v);
            }
            run.spawn()
        })
        .collect();
    wait_all(children, Duration::from_secs(300))
}

fn text(out: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Every deploy started its app, V2 ran once, one backup was taken.
fn all_started_once(p: &Project, outputs: &[Output], expect_url: &str) {
    let mut stderr = String::new();
    for (i, out) in outputs.iter().enumerate() {
        assert_eq!(out.status.code(), Some(0), "replica {i}:\n{}", text(out));
        assert!(
            String::from_utf8_lossy(&out.stdout).contains(&format!("started with {expect_url}")),
            "replica {i}:\n{}",
            text(out)
        );
        stderr.push_str(&String::from_utf8_lossy(&out.stderr));
    }
    let markers = std::fs::read_dir(p.path().join("markers")).unwrap().count();
    assert_eq!(markers, outputs.len(), "apps started");
    for file in ["V1__side_effects.sql", "V2__insert.sql"] {
        assert_eq!(
            stderr.matches(&format!("applied {file}")).count(),
            1,
            "{file}:\n{stderr}"
        );
    }
    assert_eq!(p.value("select count(*) from side_effects"), "1");
    assert_eq!(p.applied_versions(), [1, 2]);
    assert_eq!(
        p.column(
            "select outcome || ' ' || count(*) from schemagate_runs group by outcome order by 1"
        ),
        [
            "applied 1".to_string(),
            format!("nothing-pending {}", outputs.len() - 1)
        ]
    );
    let backups = torture::check_backups(&p.path().join("backups"));
    assert_eq!(backups.validated, 1, "one backup:\n{stderr}");
    assert_eq!(backups.partial, 0);
}

#[test]
fn a_deploy_through_transaction_pooling_refuses_before_anything_changes() {
    let p = project();
    let bouncer = PgBouncer::builder(PoolMode::Transaction).start();
    p.schemagate(&["deploy"])
        .env("DATABASE_URL", &bouncer.url(&p.db.name))
        .status(2)
        .stderr_has("connection pooler in transaction mode")
        .stderr_has("nothing was changed")
        .stderr_has("--direct-url")
        .stderr_lacks("unreachable")
        .run();
    assert!(p.tables().is_empty(), "{:?}", p.tables());
    assert_eq!(torture::advisory_locks(&p), 0);
    // The commands that read, and `backup` (pg_dump's session settings would stay on a pooled
    // server connection), refuse it the same way.
    for command in ["status", "backup"] {
        p.schemagate(&[command])
            .env("DATABASE_URL", &bouncer.url(&p.db.name))
            .status(2)
            .stderr_has("connection pooler in transaction mode")
            .run();
    }
    assert!(!p.path().join("backups").exists());
}

#[test]
fn session_pooling_and_a_direct_connection_deploy() {
    let p = project();
    let bouncer = PgBouncer::builder(PoolMode::Session).start();
    p.schemagate(&["deploy"])
        .env("DATABASE_URL", &bouncer.url(&p.db.name))
        .status(0)
        .stderr_has("applied V2__insert.sql")
        .run();
    assert_eq!(p.value("select count(*) from side_effects"), "1");
    p.schemagate(&["deploy"])
        .status(0)
        .stderr_has("nothing pending")
        .run();
}

#[test]
fn ten_deploys_through_transaction_pooling_all_refuse_and_nothing_runs() {
    let p = project();
    let bouncer = PgBouncer::builder(PoolMode::Transaction)
        .pool_size(5)
        .start();
    let outputs = deploys(&p, 10, &bouncer.url(&p.db.name), &[]);
    for (i, out) in outputs.iter().enumerate() {
        assert_eq!(out.status.code(), Some(2), "deploy {i}:\n{}", text(out));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("transaction mode") && stderr.contains("--direct-url"),
            "deploy {i}:\n{stderr}"
        );
    }
    assert!(p.tables().is_empty(), "{:?}", p.tables());
    assert_eq!(torture::advisory_locks(&p), 0, "{}", bouncer.log());
    // A direct deploy afterwards is not locked out.
    p.schemagate(&["deploy"]).status(0).run();
    assert_eq!(p.value("select count(*) from side_effects"), "1");
}

#[test]
fn ten_deploys_with_a_direct_url_apply_once_and_the_apps_keep_the_pooled_url() {
    let p = project();
    let bouncer = PgBouncer::builder(PoolMode::Transaction)
        .pool_size(5)
        .start();
    let pooled = bouncer.url(&p.db.name);
    let outputs = deploys(&p, 10, &pooled, &[("DATABASE_DIRECT_URL", &p.db.url)]);
    all_started_once(&p, &outputs, &pooled);
    assert_eq!(torture::advisory_locks(&p), 0);
}

#[test]
fn ten_replicas_through_session_pooling_with_a_pool_of_five_all_start() {
    let p = project();
    // A short query_wait_timeout: a pg_dump queued behind replicas holding every server
    // connection fails within the test rather than after PgBouncer's default two minutes.
    let bouncer = PgBouncer::builder(PoolMode::Session)
        .pool_size(5)
        .setting("query_wait_timeout", "20")
        .start();
    let pooled = bouncer.url(&p.db.name);
    let outputs = deploys(&p, 10, &pooled, &[]);
    all_started_once(&p, &outputs, &pooled);
    assert_eq!(torture::advisory_locks(&p), 0);
}

#[test]
fn twenty_replicas_on_a_server_with_max_connections_twelve_all_start() {
    let cluster = Cluster::start();
    let admin = Project::on(&cluster.url(), None);
    admin.execute("alter system set max_connections = 12");
    cluster.restart("fast");
    let p = project_on(Project::on(&cluster.url(), None));
    assert_eq!(p.value("show max_connections"), "12");
    let outputs = deploys(&p, 20, &p.db.url.clone(), &[]);
    all_started_once(&p, &outputs, &p.db.url);
}

#[test]
fn a_full_pool_is_the_poolers_refusal_not_an_unreachable_database() {
    let p = project();
    let bouncer = PgBouncer::builder(PoolMode::Session)
        .pool_size(1)
        .setting("query_wait_timeout", "1")
        .start();
    let url = bouncer.url(&p.db.name);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // One client holds the only server connection for its session.
    let holder = runtime.block_on(async {
        let c = crate::support::connect(&url).await;
        c.simple_query("select 1").await.unwrap();
        c
    });
    p.schemagate(&["status", "--wait", "3s"])
        .env("DATABASE_URL", &url)
        .status(2)
        .stderr_has("query_wait_timeout")
        .stderr_has("pool")
        .stderr_lacks("unreachable")
        .run();
    drop(holder);
}

/// A pooler that does not reset a server connection between clients (PgBouncer's
/// `server_reset_query` emptied) leaves a session advisory lock on it; the next client given
/// that connection must not take the lock for its own.
#[test]
fn a_migration_lock_left_on_a_pooled_session_is_not_taken_for_ours() {
    let p = project();
    let bouncer = PgBouncer::builder(PoolMode::Session)
        .pool_size(1)
        .setting("server_reset_query", "")
        .start();
    let url = bouncer.url(&p.db.name);
    let key = schemagate::lock::key("refinery_schema_history");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let (c, task) = crate::support::connect_with_task(&url).await;
        c.simple_query(&format!("select pg_advisory_lock({key})"))
            .await
            .unwrap();
        drop(c);
        let _ = task.await;
    });
    p.schemagate(&["deploy"])
        .env("DATABASE_URL", &url)
        .status(2)
        .stderr_has("already held the migration lock")
        .stderr_has("--direct-url")
        .run();
    assert!(p.tables().is_empty(), "{:?}", p.tables());
}

/// The leader's `pg_dump` finds no free connection (its role's `CONNECTION LIMIT` reached:
/// SQLSTATE 53300, as "too many clients" is) and tries again within `--wait` rather than
/// failing the deploy; the test frees the connection once the deploy says it is waiting.
#[test]
fn the_backup_waits_for_a_free_connection_within_wait() {
    let p = project();
    let role = format!("{}_limited", p.db.name);
    p.execute(&format!(
        "create role {role} login connection limit 2; alter database {} owner to {role}",
        p.db.name
    ));
    let url = p.db.url.replacen("postgres@", &format!("{role}@"), 1);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // One of the role's two connections is taken; the deploy gets the other.
    let (holder, task) = runtime.block_on(crate::support::connect_with_task(&url));
    let deploy = p
        .schemagate(&["deploy", "--wait", "120s"])
        .env("DATABASE_URL", &url)
        .start();
    deploy.wait_for_stderr("backup: waiting for a connection");
    drop(holder);
    runtime.block_on(async { task.await.unwrap() });
    let (status, _, stderr) = deploy.finish();
    assert_eq!(status, Some(0), "{stderr}");
    assert!(stderr.contains("too many connections for role"), "{stderr}");
    assert_eq!(p.value("select count(*) from side_effects"), "1");
    assert_eq!(
        torture::check_backups(&p.path().join("backups")).validated,
        1
    );
    drop(p);
    let admin = Project::new();
    admin.execute(&format!("drop role {role}"));
}

/// Through a session pooler that does not reset server connections (`server_reset_query`
/// emptied), the next client of the connection a deploy used finds nothing the deploy left:
/// no prepared statement, no lock, not the setting a migration made.
#[test]
fn a_deploy_leaves_nothing_on_a_pooled_session() {
    let p = project();
    // A session setting made by a no-transaction migration outlives it on the session.
    p.migration(
        "V3__settings.sql",
        "-- schemagate:no-transaction\nset statement_timeout = '7min';\n",
    );
    let bouncer = PgBouncer::builder(PoolMode::Session)
        .pool_size(1)
        .setting("server_reset_query", "")
        .start();
    let url = bouncer.url(&p.db.name);
    p.schemagate(&["deploy", "--no-backup"])
        .env("DATABASE_URL", &url)
        .status(0)
        .stderr_has("applied V2__insert.sql")
        .run();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let left = runtime.block_on(async {
        let c = crate::support::connect(&url).await;
        let rows = c
            .simple_query(
                "select (select count(*) from pg_prepared_statements) || ' ' || \
                 (select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()) || ' ' || \
                 current_setting('statement_timeout')",
            )
            .await
            .unwrap();
        rows.into_iter()
            .find_map(|m| match m {
                tokio_postgres::SimpleQueryMessage::Row(r) => r.get(0).map(str::to_owned),
                _ => None,
            })
            .unwrap()
    });
    assert_eq!(
        left,
        "0 0 0",
        "{}\n{}",
        bouncer.log(),
        p.value("select string_agg(version::text, ',') from refinery_schema_history")
    );
}

/// A pooler that refuses the login itself (PgBouncer's `max_client_conn` reached) is waited for
/// within `--wait`, then named as the pooler's refusal, not as an unreachable database.
#[test]
fn a_pooler_refusing_the_login_is_named_as_such() {
    let p = project();
    let bouncer = PgBouncer::builder(PoolMode::Session)
        .setting("max_client_conn", "1")
        .start();
    let url = bouncer.url(&p.db.name);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // The one client slot; the probe PgBouncer's start made may not have been let go yet.
    let deadline = Instant::now() + Duration::from_secs(60);
    let holder = loop {
        match runtime.block_on(tokio_postgres::connect(&url, tokio_postgres::NoTls)) {
            Ok((client, connection)) => {
                runtime.spawn(connection);
                break client;
            }
            Err(e) => assert!(Instant::now() < deadline, "{e:?}\n{}", bouncer.log()),
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    p.schemagate(&["status", "--wait", "1s"])
        .env("DATABASE_URL", &url)
        .status(2)
        .stderr_has("the connection pooler refused: no more connections allowed")
        .stderr_lacks("unreachable")
        .run();
    drop(holder);
}

/// A deploy that finds the lock held waits without a connection of its own: between its polls
/// the server has no schemagate session; once the lock is free it applies.
#[test]
fn a_replica_waiting_for_the_lock_holds_no_connection() {
    let p = project();
    let holder = torture::LockHolder::take(&p.db.url);
    let mut deploy = p.schemagate(&["deploy", "--lock-wait", "120s"]).start();
    deploy.wait_for_stderr("waiting for the migration lock");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let sessions = p.value(
            "select count(*) from pg_stat_activity \
             where datname = current_database() and application_name = 'schemagate'",
        );
        if sessions == "0" {
            break;
        }
        assert!(!deploy.exited(), "{}", deploy.stderr_so_far());
        assert!(
            Instant::now() < deadline,
            "the waiting deploy kept its connection: {sessions}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!deploy.exited(), "{}", deploy.stderr_so_far());
    holder.release();
    let (status, _, stderr) = deploy.finish();
    assert_eq!(status, Some(0), "{stderr}");
    assert_eq!(p.value("select count(*) from side_effects"), "1");
}
