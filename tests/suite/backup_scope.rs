//! `backup_scope = "touched"` (issue 19, part 2): the backup before a deploy holds the whole
//! schema and the rows of exactly the tables the pending migrations can change, with the
//! tables cascading foreign keys and `TRUNCATE ... CASCADE` reach; it falls back to a full
//! backup, saying why, whenever it cannot be sure; `plan` shows it, the sidecar records it, and
//! the journey_templates incident is recoverable from it.

use std::path::{Path, PathBuf};

use crate::support::cli::Project;

/// The `.dump` files in `dir`, sorted by name.
fn dumps(dir: &Path) -> Vec<PathBuf> {
    let mut list: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    list.retain(|p| p.extension().is_some_and(|e| e == "dump"));
    list.sort();
    list
}

/// The tables whose rows the archive holds (`TABLE DATA` entries), as `schema.table`.
fn data_in(p: &Project, dump: &Path) -> Vec<String> {
    let dir = crate::support::pg_client_dir(p.server_major());
    let out = std::process::Command::new(dir.join("pg_restore"))
        .arg("--list")
        .arg(dump)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let mut tables: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_once(" TABLE DATA "))
        .map(|(_, rest)| {
            let w: Vec<&str> = rest.split_whitespace().collect();
            format!("{}.{}", w[0], w[1])
        })
        .collect();
    tables.sort();
    tables
}

fn sidecar(dump: &Path) -> serde_json::Value {
    let mut path = dump.as_os_str().to_owned();
    path.push(".json");
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// `plan --json --backup-scope touched`: the scope object.
fn planned_scope(p: &Project) -> serde_json::Value {
    let out = p
        .schemagate(&["plan", "--json", "--backup-scope", "touched"])
        .run();
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    plan["backup_scope"].clone()
}

fn users_project() -> Project {
    let p = Project::new();
    p.migration(
        "V1__users.sql",
        "create table users (id bigserial primary key, email text not null);",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.execute(
        "insert into users (email) select 'u' || g || '@example.com' from generate_series(1, 250) g",
    );
    p
}

#[test]
fn a_dropped_table_is_recovered_from_a_touched_backup() {
    let p = users_project();
    p.execute(
        "create table journey_templates (id int primary key, name text not null);
         insert into journey_templates values (1, 'onboarding'), (2, 'winback'), (3, 'churn');",
    );
    p.migration(
        "V2__drop_templates.sql",
        "-- squawk-ignore ban-drop-table\nDROP TABLE journey_templates;\n",
    );
    p.schemagate(&["plan", "--backup-scope", "touched"])
        .status(0)
        .stdout_has("scope touched: the schema and the rows of public.journey_templates")
        .run();
    p.schemagate(&["deploy", "--backup-dir", "bk"])
        .env("SCHEMAGATE_BACKUP_SCOPE", "touched")
        .status(0)
        .stderr_has("backup scope: touched: the schema and the rows of public.journey_templates")
        .run();
    assert_eq!(p.user_tables(), ["users"]);
    let files = dumps(&p.path().join("bk"));
    assert_eq!(files.len(), 1, "{files:?}");
    let dump = &files[0];
    // The rows of the dropped table and schemagate's own tables; not the users' rows.
    assert_eq!(
        data_in(&p, dump),
        [
            "public.journey_templates",
            "public.refinery_schema_history",
            "public.schemagate_runs"
        ]
    );
    assert_eq!(
        sidecar(dump)["touched_tables"],
        serde_json::json!(["public.journey_templates"])
    );

    // Restored whole, a scoped backup restores its tables, and says so; users are untouched.
    p.execute("delete from users where id > 200");
    p.schemagate(&["restore", dump.to_str().unwrap(), "--yes"])
        .status(0)
        .stderr_has("this backup is scoped (backup_scope = touched)")
        .run();
    assert_eq!(
        p.column("select name from journey_templates order by id"),
        ["onboarding", "winback", "churn"]
    );
    assert_eq!(p.value("select count(*) from users"), "200");
    assert_eq!(p.applied_versions(), [1, 2]);
    // A table whose rows it does not hold is refused rather than restored empty.
    p.schemagate(&[
        "restore",
        dump.to_str().unwrap(),
        "--table",
        "users",
        "--yes",
    ])
    .status(7)
    .stderr_has("table public.users's rows are not in this backup")
    .run();
    assert_eq!(p.value("select count(*) from users"), "200");
}

#[test]
fn migrations_that_change_no_rows_need_the_schema_only() {
    let p = users_project();
    p.migration(
        "V2__additive.sql",
        "create table posts (id bigint primary key, user_id bigint references users (id));
         alter table users add column nickname text;
         create index users_email on users (email);",
    );
    assert_eq!(
        planned_scope(&p),
        serde_json::json!({"scope": "touched", "tables": []})
    );
    p.schemagate(&["deploy", "--backup-dir", "bk", "--backup-scope", "touched"])
        .status(0)
        .stderr_has("backup scope: touched: the schema only")
        .run();
    let files = dumps(&p.path().join("bk"));
    assert_eq!(
        data_in(&p, &files[0]),
        ["public.refinery_schema_history", "public.schemagate_runs"]
    );
    assert_eq!(sidecar(&files[0])["touched_tables"], serde_json::json!([]));
    // The default stays full: every table's rows, no scope in the sidecar.
    p.migration("V3__more.sql", "create table more (id int);");
    p.schemagate(&["deploy", "--backup-dir", "full"])
        .status(0)
        .stderr_lacks("backup scope")
        .run();
    let files = dumps(&p.path().join("full"));
    assert!(data_in(&p, &files[0]).contains(&"public.users".to_string()));
    assert!(sidecar(&files[0]).get("touched_tables").is_none());
}

#[test]
fn cascading_foreign_keys_and_truncate_cascade_are_followed() {
    let p = users_project();
    p.execute(
        "create table parent (id int primary key);
         create table child (id int primary key, parent_id int references parent on delete cascade);
         create table grandchild (id int, child_id int references child on delete set null);
         create table bystander (id int, parent_id int references parent);
         create table emptied (id int primary key);
         create table refers (id int, emptied_id int references emptied);
         create table refers_more (id int primary key);
         alter table refers add constraint refers_pk primary key (id);
         create table refers_deep (refers_id int references refers);
         create table unrelated (id int);",
    );
    p.migration(
        "V2__prune.sql",
        "delete from parent where id = 1;\n\
         -- squawk-ignore ban-truncate-cascade\n\
         truncate emptied cascade;\n",
    );
    assert_eq!(
        planned_scope(&p),
        serde_json::json!({"scope": "touched", "tables": [
            "public.child", "public.emptied", "public.grandchild", "public.parent",
            "public.refers", "public.refers_deep",
        ]})
    );
}

#[test]
fn each_uncertainty_falls_back_to_a_full_backup_and_says_why() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "",
            "do $$ begin delete from users; end $$;",
            "a DO block",
        ),
        (
            "create procedure purge() language sql as 'delete from users';",
            "call purge();",
            "CALL purge",
        ),
        (
            "create function purge_old() returns int language sql as 'delete from users returning 1';",
            "select purge_old();",
            "calls purge_old(), which is not built in",
        ),
        (
            "create function audit() returns trigger language plpgsql as 'begin return new; end';
             create trigger users_audit before update on users for each row execute function audit();",
            "update users set email = email where id = 1;",
            "table public.users has triggers (users_audit)",
        ),
        (
            "create function audit() returns trigger language plpgsql as 'begin return new; end';",
            "create trigger users_audit before update on users for each row execute function audit();
             update users set email = email where id = 1;",
            "create a trigger and change rows it may fire on",
        ),
        (
            "create table users_log (id int);
             create rule users_copy as on delete to users do also insert into users_log values (old.id);",
            "delete from users where id = 1;",
            "table public.users has rules (users_copy)",
        ),
        (
            "",
            "-- schemagate:no-transaction\ncreate index concurrently users_email on users (email);",
            "V2__t.sql runs outside a transaction",
        ),
        (
            "",
            "delete from users where id = 1;\nthis is not sql;",
            "V2__t.sql:2: a statement the parser cannot read",
        ),
    ];
    for (setup, migration, reason) in cases {
        let p = users_project();
        if !setup.is_empty() {
            p.execute(setup);
        }
        p.migration("V2__t.sql", migration);
        let scope = planned_scope(&p);
        assert_eq!(scope["scope"], "full", "{migration}: {scope}");
        let fallback = scope["fallback"].as_str().unwrap_or_default();
        assert!(fallback.contains(reason), "{migration}: {fallback}");
    }
}
