//! Moving over from Alembic: `scripts/alembic-to-sql`, the adoption of a database Alembic
//! migrated, `scripts/sqlalchemy-expected-schema` and `scripts/alembic-data-check`, against a
//! real Alembic project (tests/fixtures/alembic_project: alembic.ini, env.py, seven revisions,
//! SQLAlchemy models), or a tiny one a test builds for its case ([`AlembicProject::tiny`]), run
//! by a real Alembic in a virtual environment against the test server.
//!
//! The virtual environment is made once per machine under ~/.cache/schemagate (or
//! `SCHEMAGATE_TEST_VENV`), under a file lock so parallel tests and test runs do not race.
//! Without python3 the tests say so and pass; a failing `pip install` fails them.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use crate::support::cli::{Project, binary};
use crate::support::server_url;

/// What the virtual environment holds; a change here makes a new one.
const REQUIREMENTS: &[&str] = &[
    "alembic==1.20.1",
    "sqlalchemy==2.1.9",
    "psycopg2-binary==2.9.13",
];

/// The Python of the shared virtual environment, or `None` when python3 is missing.
fn venv_python() -> Option<PathBuf> {
    static PYTHON: OnceLock<Option<PathBuf>> = OnceLock::new();
    PYTHON.get_or_init(make_venv).clone()
}

fn make_venv() -> Option<PathBuf> {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: python3 not found; the Alembic tests need it (and PyPI) to run");
        return None;
    }
    let dir = match std::env::var_os("SCHEMAGATE_TEST_VENV") {
        Some(dir) => PathBuf::from(dir),
        None => {
            let home = std::env::var_os("HOME").map(PathBuf::from);
            let cache = home.map_or_else(
                || PathBuf::from(env!("CARGO_TARGET_TMPDIR")),
                |h| h.join(".cache/schemagate"),
            );
            cache.join("alembic-venv")
        }
    };
    let parent = dir.parent().unwrap();
    std::fs::create_dir_all(parent).unwrap();
    let lock = File::create(parent.join("alembic-venv.lock")).unwrap();
    lock.lock().unwrap();
    let python = dir.join("bin/python");
    let marker = dir.join(".schemagate-requirements");
    let wanted = REQUIREMENTS.join("\n");
    if std::fs::read_to_string(&marker).ok().as_deref() != Some(wanted.as_str()) {
        let _ = std::fs::remove_dir_all(&dir);
        run_ok(Command::new("python3").arg("-m").arg("venv").arg(&dir));
        run_ok(
            Command::new(&python)
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                ])
                .args(REQUIREMENTS),
        );
        std::fs::write(&marker, wanted).unwrap();
    }
    drop(lock);
    Some(python)
}

fn run_ok(command: &mut Command) -> Output {
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    assert!(
        out.status.success(),
        "{command:?} failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "__pycache__" {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &to.join(&name));
        } else {
            std::fs::copy(entry.path(), to.join(&name)).unwrap();
        }
    }
}

/// A project with the Alembic fixture in it, its database, and the Python that runs it.
struct AlembicProject {
    p: Project,
    python: PathBuf,
}

/// What a script printed.
struct Script {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

/// The env.py of a tiny project: as Flask-Migrate's template writes it, with `literal_binds`
/// offline and the driver's own paramstyle (psycopg2: pyformat, which doubles `%`), the URL
/// from DATABASE_URL when set. `{models}` is the code that sets `target_metadata`.
const TINY_ENV_PY: &str = r#"import os

from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config
url = os.environ.get("DATABASE_URL")
if url:
    config.set_main_option("sqlalchemy.url", url.replace("postgresql://", "postgresql+psycopg2://", 1))

{models}


def run_migrations_offline():
    context.configure(url=config.get_main_option("sqlalchemy.url"),
                      target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    connectable = engine_from_config(config.get_section(config.config_ini_section, {}),
                                     prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
"#;

impl AlembicProject {
    /// The fixture project, with its seven revisions and models.
    fn new() -> Option<AlembicProject> {
        let python = venv_python()?;
        let p = Project::new();
        copy_tree(&repo().join("tests/fixtures/alembic_project"), p.path());
        Some(AlembicProject { p, python })
    }

    /// A tiny project for one case: the fixture's alembic.ini, [`TINY_ENV_PY`] with `models`
    /// setting `target_metadata`, an empty `app` package, no revisions (add them with
    /// [`AlembicProject::revision`], the first with `down` empty).
    fn tiny(models: &str) -> Option<AlembicProject> {
        let python = venv_python()?;
        let p = Project::new();
        let fixture = repo().join("tests/fixtures/alembic_project");
        std::fs::copy(fixture.join("alembic.ini"), p.path().join("alembic.ini")).unwrap();
        p.file("alembic/env.py", &TINY_ENV_PY.replace("{models}", models));
        p.file("alembic/versions/.keep", "");
        p.file("app/__init__.py", "");
        Some(AlembicProject { p, python })
    }

    fn python(&self, args: &[&str]) -> Command {
        let mut command = Command::new(&self.python);
        command
            .current_dir(self.p.path())
            .args(args)
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .env_remove("PYTHONPATH")
            // Offline conversion needs no server: prove it by giving none.
            .env_remove("DATABASE_URL");
        command
    }

    fn script(&self, name: &str, args: &[&str]) -> Script {
        let path = repo().join("scripts").join(name);
        let mut all = vec![path.to_str().unwrap()];
        all.extend_from_slice(args);
        let out = self.python(&all).output().unwrap();
        Script {
            status: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// `alembic-to-sql --alembic-ini alembic.ini --out migrations ARGS`.
    fn to_sql(&self, args: &[&str]) -> Script {
        let mut all = vec!["--alembic-ini", "alembic.ini", "--out", "migrations"];
        all.extend_from_slice(args);
        self.script("alembic-to-sql", &all)
    }

    /// The real `alembic` command against `url`.
    fn alembic(&self, url: &str, args: &[&str]) {
        let mut all = vec!["-m", "alembic"];
        all.extend_from_slice(args);
        run_ok(self.python(&all).env("DATABASE_URL", url));
    }

    fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.p.path().join(relative))
            .unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    fn migration_files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.p.path().join("migrations"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort_by_key(|n| {
            n.strip_prefix('V')
                .and_then(|r| r.split("__").next())
                .and_then(|v| v.parse::<i32>().ok())
                .unwrap_or(i32::MAX)
        });
        names
    }

    /// Add a revision file to alembic/versions (`down` empty: the first revision). `upgrade`
    /// is the body of upgrade(), indented; `op`, `context` and `sa` are imported.
    fn revision(&self, id: &str, down: &str, message: &str, upgrade: &str) {
        let down = if down.is_empty() {
            "None".to_string()
        } else {
            format!("\"{down}\"")
        };
        self.p.file(
            &format!("alembic/versions/{id}.py"),
            &format!(
                "\"\"\"{message}\n\nRevision ID: {id}\n\"\"\"\nfrom alembic import context, op\nimport sqlalchemy as sa\n\n\
                 revision = \"{id}\"\ndown_revision = {down}\nbranch_labels = None\ndepends_on = None\n\n\n\
                 def upgrade() -> None:\n{upgrade}\n\n\ndef downgrade() -> None:\n    pass\n"
            ),
        );
    }

    /// `alembic-data-check ARGS` on the test server with the binary under test: for each
    /// revision it checks, the rows Alembic writes online against the rows the converted file
    /// writes through schemagate.
    fn data_check(&self, args: &[&str]) -> Script {
        let server = server_url();
        let schemagate = binary();
        let mut all = vec![
            "--server-url",
            &server,
            "--schemagate",
            schemagate.to_str().unwrap(),
        ];
        all.extend_from_slice(args);
        self.script("alembic-data-check", &all)
    }

    /// `sqlalchemy-expected-schema ARGS`, which must succeed.
    fn expected_schema(&self, args: &[&str]) -> Script {
        let out = self.script("sqlalchemy-expected-schema", args);
        assert_eq!(out.status, Some(0), "{}\n{}", out.stdout, out.stderr);
        out
    }
}

/// The data check ran, and found the same rows for each (file, revision) and checked nothing
/// else.
fn same_rows(out: &Script, checked: &[(&str, &str)]) {
    let expected: String = checked
        .iter()
        .map(|(file, revision)| {
            format!("{file} (revision {revision}): same rows online and converted\n")
        })
        .collect();
    assert_eq!(
        (out.status, out.stdout.as_str()),
        (Some(0), expected.as_str()),
        "{}",
        out.stderr
    );
}

fn converted(a: &AlembicProject) -> Script {
    let out = a.to_sql(&[]);
    assert_eq!(out.status, Some(0), "{}\n{}", out.stdout, out.stderr);
    out
}

/// `schemagate snapshot --from-live` of `p`'s database (tables, columns, types, nullability,
/// indexes, enums), without the version line, and what it leaves out: every constraint and
/// column default, as PostgreSQL prints them.
fn live_schema(p: &Project, into: &str) -> String {
    p.schemagate(&["snapshot", "--from-live", "--output", into])
        .status(0)
        .run();
    let snapshot = std::fs::read_to_string(p.path().join(into)).unwrap();
    let mut text: Vec<String> = snapshot
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("version ="))
        .map(str::to_string)
        .collect();
    text.extend(p.column(
        "SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) \
         FROM pg_constraint WHERE conrelid <> 0 AND connamespace::regnamespace::text IN ('public', 'billing') \
         AND conrelid::regclass::text NOT IN ('refinery_schema_history', 'schemagate_runs') \
         UNION ALL SELECT adrelid::regclass || '.' || attname || ' default ' || pg_get_expr(adbin, adrelid) \
         FROM pg_attrdef JOIN pg_attribute ON attrelid = adrelid AND attnum = adnum \
         WHERE adrelid::regclass::text NOT IN ('refinery_schema_history', 'schemagate_runs') ORDER BY 1",
    ));
    text.join("\n")
}

#[test]
fn the_converted_history_deploys_the_schema_alembic_builds() {
    let Some(a) = AlembicProject::new() else {
        return;
    };
    let out = converted(&a);
    assert_eq!(
        a.migration_files(),
        [
            "V1__create_users.sql",
            "V2__add_billing_cycle_enum_and_subscriptions.sql",
            "V3__add_nickname_to_users.sql",
            "V4__backfill_nicknames.sql",
            "V5__create_journey_templates.sql",
            "V6__billing_schema_and_invoices.sql",
            "V7__index_nicknames_concurrently.sql",
            "alembic_revisions.toml",
        ]
    );
    assert!(
        out.stdout
            .contains("V3__add_nickname_to_users.sql  <- 1a0000000003"),
        "{}",
        out.stdout
    );
    // The data migration goes through op.get_bind(): its SQL is there, with a warning.
    assert!(
        out.stderr.contains(
            "V4__backfill_nicknames.sql (revision 1a0000000004): upgrade() calls get_bind"
        ),
        "{}",
        out.stderr
    );
    let v4 = a.read("migrations/V4__backfill_nicknames.sql");
    assert!(v4.contains("UPDATE users SET nickname"), "{v4}");
    let v1 = a.read("migrations/V1__create_users.sql");
    assert!(
        v1.starts_with(
            "-- alembic-to-sql: Alembic revision 1a0000000001 (create users)\n-- revises: base"
        ),
        "{v1}"
    );
    for file in a.migration_files().iter().filter(|f| f.ends_with(".sql")) {
        let sql = a.read(&format!("migrations/{file}"));
        let body: String = sql.lines().filter(|l| !l.starts_with("--")).collect();
        for bookkeeping in ["alembic_version", "BEGIN;", "COMMIT;"] {
            assert!(
                !body.contains(bookkeeping),
                "{file} has {bookkeeping}:\n{sql}"
            );
        }
    }
    // An autocommit block in upgrade() (CREATE INDEX CONCURRENTLY) makes a no-transaction file.
    let v7 = a.read("migrations/V7__index_nicknames_concurrently.sql");
    assert!(
        v7.contains(
            "\n-- schemagate:no-transaction\n\nCREATE INDEX CONCURRENTLY ix_users_nickname"
        ),
        "{v7}"
    );
    let mapping = a.read("migrations/alembic_revisions.toml");
    assert!(
        mapping.contains("version_table = \"alembic_version\""),
        "{mapping}"
    );
    assert!(
        mapping.contains("\"1a0000000003\" = { version = 3, down_revisions = [\"1a0000000002\"] }"),
        "{mapping}"
    );

    a.p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("applied V7__index_nicknames_concurrently.sql outside the transaction")
        .run();
    assert_eq!(a.p.applied_versions(), [1, 2, 3, 4, 5, 6, 7]);

    // The same history run by Alembic itself, on another database.
    let by_alembic = Project::new();
    a.alembic(&by_alembic.db.url, &["upgrade", "head"]);
    by_alembic.execute("DROP TABLE alembic_version");
    let ours = live_schema(&a.p, "ours.toml");
    let theirs = live_schema(&by_alembic, "theirs.toml");
    assert_eq!(ours, theirs, "the schemas differ");
    for object in [
        "subscriptions subscriptions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id)",
        "users.created_at default now()",
        "[tables.\"billing.invoices\"]",
        "\"ix_users_email\", \"ix_users_nickname\"",
        "nickname = \"text null\"",
        "[enums.billing_cycle]",
        "[enums.\"billing.invoice_status\"]",
    ] {
        assert!(ours.contains(object), "{object} missing from\n{ours}");
    }

    // A second run refuses to overwrite; --force replaces only its own files.
    let again = a.to_sql(&[]);
    assert_eq!(again.status, Some(2), "{}", again.stderr);
    assert!(
        again
            .stderr
            .contains("migrations/V1__create_users.sql exists (pass --force to replace it)"),
        "{}",
        again.stderr
    );
    assert_eq!(a.to_sql(&["--force"]).status, Some(0));
    a.p.migration("V2__by_hand.sql", "select 1;");
    let refused = a.to_sql(&["--force"]);
    assert_eq!(refused.status, Some(2), "{}", refused.stderr);
    assert!(
        refused.stderr.contains(
            "migrations/V2__by_hand.sql exists and was not written by alembic-to-sql (not replaced, even with --force)"
        ),
        "{}",
        refused.stderr
    );
}

#[test]
fn a_database_alembic_took_to_a_middle_revision_is_adopted_and_the_rest_applied() {
    let Some(a) = AlembicProject::new() else {
        return;
    };
    a.alembic(&a.p.db.url, &["upgrade", "1a0000000003"]);
    a.p.execute(
        "INSERT INTO users (email) VALUES ('ann@example.com');
         INSERT INTO subscriptions (user_id, cycle, price) VALUES (1, 'yearly', 120.00);",
    );
    let created_at = a.p.value("SELECT created_at::text FROM users");
    converted(&a);

    let adopt = "alembic_version says revision 1a0000000003, which migrations/alembic_revisions.toml maps to version 3";
    a.p.schemagate(&["plan"])
        .status(0)
        .stderr_has(&format!("dry run: would adopt the Alembic database: {adopt}; would record versions 1 to 3 as applied without running them"))
        .stdout_has("4 pending migration(s), in order:\n  V4__backfill_nicknames.sql")
        .run();
    a.p.schemagate(&["deploy", "--dry-run"])
        .status(0)
        .stderr_has("dry run: would adopt the Alembic database")
        .stderr_has("dry run: would apply V4__backfill_nicknames.sql")
        .stderr_lacks("would apply V3__")
        .run();
    assert!(
        a.p.applied_versions().is_empty(),
        "plan or dry run changed the history"
    );
    assert_eq!(
        a.p.value("SELECT count(*) FROM users WHERE nickname IS NULL"),
        "1"
    );

    a.p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has(&format!("adopted the Alembic database: {adopt}; recorded versions 1 to 3 as applied without running them"))
        .stderr_has("4 pending: V4__backfill_nicknames.sql, V5__create_journey_templates.sql, V6__billing_schema_and_invoices.sql, V7__index_nicknames_concurrently.sql")
        .stderr_lacks("applied V1__")
        .stderr_lacks("applied V3__")
        .run();
    assert_eq!(a.p.applied_versions(), [1, 2, 3, 4, 5, 6, 7]);
    // Nothing ran twice, the rows are the same rows, and the backfill ran on them.
    assert_eq!(
        a.p.column("SELECT id || ' ' || email || ' ' || nickname FROM users"),
        ["1 ann@example.com ann"]
    );
    assert_eq!(a.p.value("SELECT created_at::text FROM users"), created_at);
    assert_eq!(
        a.p.value("SELECT cycle || ' ' || price FROM subscriptions"),
        "yearly 120.00"
    );
    assert_eq!(
        a.p.value("SELECT to_regclass('billing.invoices') IS NOT NULL"),
        "t"
    );

    a.p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("nothing pending")
        .stderr_lacks("adopt")
        .run();
}

#[test]
fn an_alembic_revision_the_mapping_does_not_list_is_exit_5_and_changes_nothing() {
    let Some(a) = AlembicProject::new() else {
        return;
    };
    a.alembic(&a.p.db.url, &["upgrade", "head"]);
    converted(&a);
    // A revision made on another branch, deployed from there with Alembic.
    a.p.execute("UPDATE alembic_version SET version_num = 'ffff00000007'");
    let tables = a.p.user_tables();
    for command in [&["plan"][..], &["deploy", "--no-backup"][..]] {
        a.p.schemagate(command)
            .status(5)
            .stderr_has("Alembic revision ffff00000007: the database was migrated by Alembic to this revision, and migrations/alembic_revisions.toml does not list it")
            .stderr_has("hint: the database ran an Alembic revision these files do not have")
            .run();
    }
    assert_eq!(
        a.p.user_tables(),
        tables,
        "the failed deploy changed the tables"
    );
    assert!(a.p.applied_versions().is_empty());
}

#[test]
fn without_the_mapping_a_database_alembic_built_is_named_before_everything_runs_again() {
    let Some(a) = AlembicProject::new() else {
        return;
    };
    a.alembic(&a.p.db.url, &["upgrade", "head"]);
    converted(&a);
    std::fs::remove_file(a.p.path().join("migrations/alembic_revisions.toml")).unwrap();
    a.p.schemagate(&["deploy", "--no-backup"])
        .status(8)
        .stderr_has("warning: this database was migrated by Alembic (alembic_version is at 1a0000000007) and has no schemagate history, but migrations/alembic_revisions.toml is missing")
        .stderr_has("hint: write the mapping with scripts/alembic-to-sql")
        .stderr_has("relation \"users\" already exists")
        .run();
    assert!(a.p.applied_versions().is_empty());
}

#[test]
fn a_branched_history_is_refused_with_the_command_that_merges_it() {
    let Some(a) = AlembicProject::new() else {
        return;
    };
    let column = |name: &str| {
        format!("    op.add_column(\"users\", sa.Column(\"{name}\", sa.Text(), nullable=True))")
    };
    a.revision("1a000000008a", "1a0000000007", "branch a", &column("col_a"));
    a.revision("1a000000008b", "1a0000000007", "branch b", &column("col_b"));
    let out = a.to_sql(&[]);
    assert_eq!(out.status, Some(1), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("the Alembic history has 2 heads (1a000000008a, 1a000000008b)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("hint: merge the heads first, then run this again:\n  alembic merge heads -m \"merge heads\"\n"),
        "{}",
        out.stderr
    );
    assert!(a.migration_files().is_empty(), "{:?}", a.migration_files());

    // The command it gives, as given; then the conversion goes through.
    a.alembic(
        "postgresql://localhost/unused",
        &["merge", "heads", "-m", "merge heads"],
    );
    let out = converted(&a);
    let files = a.migration_files();
    assert_eq!(
        &files[7..],
        [
            "V8__branch_a.sql",
            "V9__branch_b.sql",
            "V10__merge_heads.sql",
            "alembic_revisions.toml"
        ],
        "{}",
        out.stdout
    );
    let merge = a.read("migrations/V10__merge_heads.sql");
    assert!(
        merge.contains("-- revises: 1a000000008a, 1a000000008b"),
        "{merge}"
    );
    a.p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    assert_eq!(a.p.applied_versions(), (1..=10).collect::<Vec<_>>());

    // A database on the first branch only adopts (versions 1 to 8 are what it ran); one on
    // the second branch only does not, and nothing changes.
    let first = Project::new();
    a.alembic(&first.db.url, &["upgrade", "1a000000008a"]);
    copy_tree(
        &a.p.path().join("migrations"),
        &first.path().join("migrations"),
    );
    first
        .schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("recorded versions 1 to 8 as applied")
        .run();
    assert_eq!(first.applied_versions(), (1..=10).collect::<Vec<_>>());
    let second = Project::new();
    a.alembic(&second.db.url, &["upgrade", "1a000000008b"]);
    copy_tree(
        &a.p.path().join("migrations"),
        &second.path().join("migrations"),
    );
    second
        .schemagate(&["deploy", "--no-backup"])
        .status(5)
        .stderr_has("Alembic revision 1a000000008b: cannot adopt the database: version 8 (revision 1a000000008a) comes before version 9 but was never applied to this database")
        .stderr_has("hint: bring the database to the Alembic head first (`alembic upgrade heads`)")
        .run();
    assert!(second.applied_versions().is_empty());
}

#[test]
fn a_revision_that_cannot_run_offline_gets_a_file_that_stops_the_deploy() {
    let Some(a) = AlembicProject::new() else {
        return;
    };
    // The incident's recovery revision: it asks the live database which tables exist.
    a.revision(
        "1a0000000008",
        "1a0000000007",
        "recreate journey templates if missing",
        "    inspector = sa.inspect(op.get_bind())\n    if \"journey_templates\" not in inspector.get_table_names():\n        op.execute(\"CREATE TABLE journey_templates (id uuid PRIMARY KEY)\")",
    );
    let out = a.to_sql(&[]);
    assert_eq!(out.status, Some(1), "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("1 revision(s) need their SQL written by hand; each file ends in a statement that stops any deploy which runs it, until the SQL above it is complete:\n  V8__recreate_journey_templates_if_missing.sql  (revision 1a0000000008, alembic/versions/1a0000000008.py)\n    why: upgrade() failed in offline mode (NoInspectionAvailable:"),
        "{}",
        out.stderr
    );
    // What the revision does in Python, for whoever writes its SQL.
    assert!(
        out.stderr.contains("    upgrade() does:\n      inspector = sa.inspect(op.get_bind())\n      if 'journey_templates' not in inspector.get_table_names():\n        op.execute('CREATE TABLE journey_templates (id uuid PRIMARY KEY)')\n"),
        "{}",
        out.stderr
    );
    let v8 = a.read("migrations/V8__recreate_journey_templates_if_missing.sql");
    assert!(
        v8.contains("-- WARNING: upgrade() failed in offline mode"),
        "{v8}"
    );
    assert!(v8.contains("RAISE EXCEPTION"), "{v8}");
    // V7 runs outside a transaction, so the deploy runs in three steps in version order: V1 to
    // V6, V7, then V8, which stops it. The first two steps stay applied, and the message says so.
    a.p.schemagate(&["deploy", "--no-backup"])
        .status(8)
        .stderr_has("V8__recreate_journey_templates_if_missing.sql: Alembic revision 1a0000000008 could not be converted offline")
        .stderr_has("stay applied (committed before the failure); not applied: V8__recreate_journey_templates_if_missing.sql")
        .run();
    assert_eq!(a.p.applied_versions(), [1, 2, 3, 4, 5, 6, 7]);
}

#[test]
fn the_expected_schema_from_the_models_verifies_and_rolls_back_a_dropped_model() {
    let Some(a) = AlembicProject::new() else {
        return;
    };
    converted(&a);
    // The database first, the file after: deploy checks the expected schema before COMMIT,
    // before V7's no-transaction CREATE INDEX CONCURRENTLY has run, so on a fresh database
    // built in one run ix_users_nickname is not there yet at that check.
    a.p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    let out = a.script(
        "sqlalchemy-expected-schema",
        &["--metadata", "app.models:Base"],
    );
    assert_eq!(out.status, Some(0), "{}", out.stderr);
    // journey_templates's model is not imported by app.models, as in the incident.
    assert!(
        out.stderr.contains("warning: table journey_templates is defined in app.models.journey_template, which env.py does not load"),
        "{}",
        out.stderr
    );
    let expected = a.read("migrations/expected_schema.toml");
    for line in [
        "version = 7",
        "[tables.journey_templates]",
        "columns = { id = \"integer not null\", email = \"character varying(255) not null\", created_at = \"timestamp with time zone not null\", nickname = \"text null\" }",
        "indexes = [\"ix_users_email\", \"ix_users_nickname\"]\n",
        "[tables.\"billing.invoices\"]",
        "status = \"billing.invoice_status not null\"",
        "[enums.billing_cycle]\nvalues = [\"monthly\", \"yearly\"]",
        "tags = \"text[] null\"",
    ] {
        assert!(expected.contains(line), "{line} missing from\n{expected}");
    }
    // PostgreSQL names the unnamed unique constraint; the models cannot know it. No defaults.
    assert!(!expected.contains("_key"), "{expected}");
    assert!(!expected.contains("now()"), "{expected}");

    a.p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("nothing pending")
        .stderr_lacks("unmanaged")
        .stderr_lacks("expected schema")
        .run();
    a.p.schemagate(&["verify", "--strict"])
        .status(0)
        .stdout_has("the database matches migrations/expected_schema.toml")
        .run();
    a.p.schemagate(&["check"])
        .status(0)
        .stdout_has("check passed: 7 migrations build exactly migrations/expected_schema.toml")
        .run();

    // An intended-looking drop passes the lint, and the models still say the table must exist.
    a.p.migration(
        "V8__drop_journey_templates.sql",
        "-- squawk-ignore ban-drop-table\nDROP TABLE journey_templates;\n",
    );
    a.p.schemagate(&["deploy", "--no-backup"])
        .status(9)
        .stderr_has("verification failed, rolled back, nothing was applied")
        .stderr_has("journey_templates")
        .run();
    assert_eq!(a.p.applied_versions(), [1, 2, 3, 4, 5, 6, 7]);
    assert_eq!(
        a.p.value("SELECT to_regclass('journey_templates') IS NOT NULL"),
        "t"
    );
}

#[test]
fn percent_signs_in_written_values_are_stored_as_alembic_stores_them_online() {
    // env.py as Flask-Migrate writes it: psycopg2's pyformat paramstyle, which makes
    // SQLAlchemy double every % for the driver to undo; offline, nothing undoes it.
    let Some(a) = AlembicProject::tiny("target_metadata = None") else {
        return;
    };
    a.revision(
        "2a0000000001",
        "",
        "notes with percent signs",
        "    notes = op.create_table(\"notes\", sa.Column(\"id\", sa.Integer, primary_key=True), sa.Column(\"body\", sa.Text))\n    \
         op.bulk_insert(notes, [{\"id\": 1, \"body\": \"50% done {% if x %}\"}, {\"id\": 2, \"body\": \"100%%\"}])\n    \
         op.execute(\"INSERT INTO notes (id, body) VALUES (3, 'LIKE ''a%''')\")\n    \
         op.execute(sa.text(\"UPDATE notes SET body = body || ' (even)' WHERE id % 2 = 0\"))",
    );
    converted(&a);
    let v1 = a.read("migrations/V1__notes_with_percent_signs.sql");
    for sql in [
        "VALUES (1, '50% done {% if x %}');",
        "VALUES (2, '100%%');",
        "VALUES (3, 'LIKE ''a%''');",
        "WHERE id % 2 = 0;",
    ] {
        assert!(v1.contains(sql), "{sql} missing from\n{v1}");
    }
    same_rows(
        &a.data_check(&[]),
        &[("V1__notes_with_percent_signs.sql", "2a0000000001")],
    );
}

#[test]
fn bound_parameters_are_written_as_the_values_alembic_sends_online() {
    let Some(a) = AlembicProject::tiny("target_metadata = None") else {
        return;
    };
    a.revision(
        "2b0000000001",
        "",
        "items",
        "    items = op.create_table(\"items\", sa.Column(\"id\", sa.Integer, primary_key=True), sa.Column(\"name\", sa.Text), \
         sa.Column(\"qty\", sa.Integer), sa.Column(\"price\", sa.Numeric(10, 2)), sa.Column(\"due\", sa.Date), \
         sa.Column(\"ref\", sa.Uuid), sa.Column(\"note\", sa.Text))\n    \
         op.bulk_insert(items, [{\"id\": 1, \"name\": \"one\"}, {\"id\": 2, \"name\": \"two\"}, {\"id\": 3, \"name\": \"three\"}])",
    );
    // As in the scheduler's history: a backfill through the connection, then NOT NULL, which
    // fails on a database with rows if the backfill wrote NULL.
    a.revision(
        "2b0000000002",
        "2b0000000001",
        "backfill items",
        "    import datetime, decimal, uuid\n    \
         conn = op.get_bind()\n    \
         conn.execute(sa.text(\"UPDATE items SET qty = :qty WHERE qty IS NULL\"), {\"qty\": 0})\n    \
         conn.execute(sa.text(\"UPDATE items SET note = :note WHERE id = :id\"), {\"note\": \"it's 5% off\", \"id\": 1})\n    \
         conn.execute(sa.text(\"UPDATE items SET price = :price, due = :due, ref = :ref WHERE id IN :ids\")\
         .bindparams(sa.bindparam(\"ids\", expanding=True)), \
         {\"price\": decimal.Decimal(\"9.95\"), \"due\": datetime.date(2026, 12, 1), \"ref\": uuid.UUID(int=7), \"ids\": [2, 3]})\n    \
         table = sa.table(\"items\", sa.column(\"id\"), sa.column(\"name\"), sa.column(\"qty\"))\n    \
         conn.execute(table.insert(), [{\"id\": 4, \"name\": \"four\", \"qty\": 4}, {\"id\": 5, \"name\": None, \"qty\": 5}])\n    \
         conn.execute(table.update().where(table.c.id == sa.bindparam(\"item\")), {\"item\": 4, \"qty\": 40})\n    \
         op.alter_column(\"items\", \"qty\", nullable=False)",
    );
    // Typed values SQLAlchemy has no literal for, or prints other than the driver sends them:
    // JSON (None is JSON null, not SQL NULL, unless none_as_null), an empty array.
    a.revision(
        "2b0000000003",
        "2b0000000002",
        "typed values",
        "    from sqlalchemy.dialects import postgresql\n    \
         t = op.create_table(\"typed\", sa.Column(\"id\", sa.Integer, primary_key=True), sa.Column(\"doc\", postgresql.JSONB), \
         sa.Column(\"raw\", sa.JSON(none_as_null=True)), sa.Column(\"tags\", postgresql.ARRAY(sa.Text)), \
         sa.Column(\"color\", sa.Enum(\"red\", \"blue\", name=\"color\")))\n    \
         op.bulk_insert(t, [{\"id\": 1, \"doc\": {\"a\": [1, \"it's 5%\"]}, \"raw\": None, \"tags\": [\"x\", \"y'z\"], \"color\": \"red\"}, \
         {\"id\": 2, \"doc\": None, \"raw\": {\"k\": None}, \"tags\": [], \"color\": \"blue\"}])",
    );
    converted(&a);
    let v3 = a.read("migrations/V3__typed_values.sql");
    for sql in [
        "VALUES (1, '{\"a\": [1, \"it''s 5%\"]}', NULL, ARRAY['x', 'y''z'], 'red');",
        "VALUES (2, 'null', '{\"k\": null}', '{}', 'blue');",
    ] {
        assert!(v3.contains(sql), "{sql} missing from\n{v3}");
    }
    let v2 = a.read("migrations/V2__backfill_items.sql");
    for sql in [
        "UPDATE items SET qty = 0 WHERE qty IS NULL;",
        "UPDATE items SET note = 'it''s 5% off' WHERE id = 1;",
        "UPDATE items SET price = 9.95, due = '2026-12-01', ref = '00000000-0000-0000-0000-000000000007' WHERE id IN (2, 3);",
        "INSERT INTO items (id, name, qty) VALUES (5, NULL, 5);",
        "UPDATE items SET qty=40 WHERE items.id = 4;",
    ] {
        assert!(v2.contains(sql), "{sql} missing from\n{v2}");
    }
    same_rows(
        &a.data_check(&[]),
        &[
            ("V1__items.sql", "2b0000000001"),
            ("V2__backfill_items.sql", "2b0000000002"),
            ("V3__typed_values.sql", "2b0000000003"),
        ],
    );
}

#[test]
fn a_bound_value_offline_mode_cannot_print_stops_its_revision() {
    let Some(a) = AlembicProject::tiny("target_metadata = None") else {
        return;
    };
    a.revision(
        "2c0000000001",
        "",
        "docs",
        "    op.create_table(\"docs\", sa.Column(\"id\", sa.Integer, primary_key=True), sa.Column(\"body\", sa.Text), sa.Column(\"blob\", sa.LargeBinary))",
    );
    let cases = [
        (
            "2c0000000002",
            "a dict",
            "    op.get_bind().execute(sa.text(\"UPDATE docs SET body = :body\"), {\"body\": {\"a\": 1}})",
            "parameter :body holds a dict value and has no SQL type, so offline mode cannot print it as the driver sends it in: UPDATE docs SET body = :body",
        ),
        (
            "2c0000000003",
            "bytes",
            "    op.get_bind().execute(sa.text(\"UPDATE docs SET blob = :blob\"), {\"blob\": b\"\\x00\\\\\"})",
            "parameter :blob holds bytes, which offline mode cannot print as the driver sends them",
        ),
        (
            "2c0000000004",
            "a missing value",
            "    op.get_bind().execute(sa.text(\"UPDATE docs SET body = :body\"), {\"bdy\": \"x\"})",
            "parameter :body has no value (online: \"A value is required for bind parameter 'body'\")",
        ),
    ];
    let mut down = "2c0000000001";
    for (id, message, upgrade, _) in &cases {
        a.revision(id, down, message, upgrade);
        down = id;
    }
    let out = a.to_sql(&[]);
    assert_eq!(out.status, Some(1), "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stderr
            .contains("\nalembic-to-sql: 3 revision(s) need their SQL written by hand;"),
        "{}",
        out.stderr
    );
    for (n, (id, message, _, why)) in cases.iter().enumerate() {
        let file = format!("V{}__{}.sql", n + 2, message.replace(' ', "_"));
        assert!(
            out.stderr.contains(&format!(
                "  {file}  (revision {id}, alembic/versions/{id}.py)\n    why: upgrade() failed in offline mode ({why}"
            )),
            "{file}: {}",
            out.stderr
        );
        let sql = a.read(&format!("migrations/{file}"));
        assert!(
            sql.ends_with(&format!("DO $$ BEGIN RAISE EXCEPTION '{file}: Alembic revision {id} could not be converted offline; write its SQL by hand'; END $$;\n")),
            "{sql}"
        );
    }
    a.p.schemagate(&["deploy", "--no-backup"])
        .status(8)
        .stderr_has("V2__a_dict.sql: Alembic revision 2c0000000002 could not be converted offline")
        .run();
    assert!(a.p.applied_versions().is_empty());
}

#[test]
fn a_revision_with_its_own_offline_branch_needs_hand_written_sql() {
    let Some(a) = AlembicProject::tiny("target_metadata = None") else {
        return;
    };
    a.revision(
        "2d0000000001",
        "",
        "counters",
        "    t = op.create_table(\"counters\", sa.Column(\"id\", sa.Integer, primary_key=True), sa.Column(\"n\", sa.Integer))\n    \
         op.bulk_insert(t, [{\"id\": 1}, {\"id\": 2}])",
    );
    // Offline it does nothing; online it computes each row's value in Python.
    a.revision(
        "2d0000000002",
        "2d0000000001",
        "number the counters",
        "    if context.is_offline_mode():\n        return\n    \
         conn = op.get_bind()\n    \
         for row in conn.execute(sa.text(\"SELECT id FROM counters\")).fetchall():\n        \
         conn.execute(sa.text(\"UPDATE counters SET n = :n WHERE id = :id\"), {\"n\": row.id * 10, \"id\": row.id})",
    );
    // Offline it prints something else than it does online, and asks through as_sql.
    a.revision(
        "2d0000000003",
        "2d0000000002",
        "double the counters",
        "    if op.get_context().as_sql:\n        op.execute(\"UPDATE counters SET n = 0\")\n    else:\n        \
         op.execute(\"UPDATE counters SET n = n * 2\")",
    );
    let out = a.to_sql(&[]);
    assert_eq!(out.status, Some(1), "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains(
            "\nalembic-to-sql: 2 revision(s) need their SQL written by hand; each file ends in a statement that stops any deploy which runs it, until the SQL above it is complete:\n  \
             V2__number_the_counters.sql  (revision 2d0000000002, alembic/versions/2d0000000002.py)\n    \
             why: upgrade() tests context.is_offline_mode(): what it does offline is not what it does online, so the SQL offline mode prints is not the revision\n    \
             upgrade() does:\n      \
             if context.is_offline_mode():\n        return\n      \
             conn = op.get_bind()\n      \
             for row in conn.execute(sa.text('SELECT id FROM counters')).fetchall():\n        \
             conn.execute(sa.text('UPDATE counters SET n = :n WHERE id = :id'), {'n': row.id * 10, 'id': row.id})\n  \
             V3__double_the_counters.sql  (revision 2d0000000003, alembic/versions/2d0000000003.py)\n    \
             why: upgrade() reads as_sql (whether it runs offline)"
        ),
        "{}",
        out.stderr
    );
    let v3 = a.read("migrations/V3__double_the_counters.sql");
    assert!(
        v3.contains("-- What upgrade() does, for writing its SQL by hand:\n--   if op.get_context().as_sql:\n--     op.execute('UPDATE counters SET n = 0')\n--   else:\n--     op.execute('UPDATE counters SET n = n * 2')\n"),
        "{v3}"
    );
    assert!(
        v3.ends_with("UPDATE counters SET n = 0;\n\n-- Stops any deploy that runs this file until the SQL above is complete.\nDO $$ BEGIN RAISE EXCEPTION 'V3__double_the_counters.sql: Alembic revision 2d0000000003 could not be converted offline; write its SQL by hand'; END $$;\n"),
        "{v3}"
    );
    a.p.schemagate(&["deploy", "--no-backup"])
        .status(8)
        .stderr_has("V2__number_the_counters.sql: Alembic revision 2d0000000002 could not be converted offline")
        .run();
    assert!(a.p.applied_versions().is_empty());

    // The SQL written by hand, then checked against what the revisions write online.
    a.p.migration(
        "V2__number_the_counters.sql",
        "-- Written by hand for Alembic revision 2d0000000002.\nUPDATE counters SET n = id * 10;\n",
    );
    a.p.migration(
        "V3__double_the_counters.sql",
        "-- Written by hand for Alembic revision 2d0000000003.\nUPDATE counters SET n = n * 2;\n",
    );
    same_rows(
        &a.data_check(&["--all"]),
        &[
            ("V1__counters.sql", "2d0000000001"),
            ("V2__number_the_counters.sql", "2d0000000002"),
            ("V3__double_the_counters.sql", "2d0000000003"),
        ],
    );
    a.p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    assert_eq!(
        a.p.column("SELECT id || ' ' || n FROM counters ORDER BY id"),
        ["1 20", "2 40"]
    );
}

#[test]
fn the_data_check_finds_a_converted_file_that_writes_other_rows() {
    let Some(a) = AlembicProject::new() else {
        return;
    };
    converted(&a);
    // The backfill (V4) has rows to fill only if the database had users before it.
    a.p.file(
        "seed.sql",
        "INSERT INTO users (email) VALUES ('ann@example.com'), ('bob@example.org');",
    );
    let seed = ["--seed", "1a0000000004=seed.sql"];
    same_rows(
        &a.data_check(&seed),
        &[("V4__backfill_nicknames.sql", "1a0000000004")],
    );

    let path = a.p.path().join("migrations/V4__backfill_nicknames.sql");
    let v4 = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, v4.replace("split_part(email, '@', 1)", "email")).unwrap();
    let out = a.data_check(&seed);
    assert_eq!(out.status, Some(1), "{}\n{}", out.stdout, out.stderr);
    // created_at defaults to now(): compared as NULL or not, since two runs cannot agree.
    assert_eq!(
        out.stdout,
        "V4__backfill_nicknames.sql (revision 1a0000000004): DIFFERS\n  \
         public.users: rows differ\n    \
         2 row(s) only online, 2 only converted; for example:\n    \
         online:    {\"id\": \"1\", \"email\": \"ann@example.com\", \"nickname\": \"ann\", \"created_at\": \"false\"}\n    \
         online:    {\"id\": \"2\", \"email\": \"bob@example.org\", \"nickname\": \"bob\", \"created_at\": \"false\"}\n    \
         converted: {\"id\": \"1\", \"email\": \"ann@example.com\", \"nickname\": \"ann@example.com\", \"created_at\": \"false\"}\n    \
         converted: {\"id\": \"2\", \"email\": \"bob@example.org\", \"nickname\": \"bob@example.org\", \"created_at\": \"false\"}\n",
        "{}",
        out.stderr
    );
}

#[test]
fn a_primary_key_name_the_models_do_not_state_is_not_required() {
    let Some(a) =
        AlembicProject::tiny("from app.models import Base\ntarget_metadata = Base.metadata")
    else {
        return;
    };
    a.p.file(
        "app/models.py",
        "from sqlalchemy import PrimaryKeyConstraint\n\
         from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column\n\n\n\
         class Base(DeclarativeBase):\n    pass\n\n\n\
         class Renamed(Base):\n    __tablename__ = \"b\"\n    id: Mapped[int] = mapped_column(primary_key=True)\n\n\n\
         class Named(Base):\n    __tablename__ = \"c\"\n    __table_args__ = (PrimaryKeyConstraint(\"id\", name=\"c_primary\"),)\n    \
         id: Mapped[int] = mapped_column()\n",
    );
    a.revision(
        "2e0000000001",
        "",
        "create a",
        "    op.create_table(\"a\", sa.Column(\"id\", sa.Integer, primary_key=True))",
    );
    a.revision(
        "2e0000000002",
        "2e0000000001",
        "rename a to b",
        "    op.rename_table(\"a\", \"b\")",
    );
    a.revision(
        "2e0000000003",
        "2e0000000002",
        "create c",
        "    op.create_table(\"c\", sa.Column(\"id\", sa.Integer), sa.PrimaryKeyConstraint(\"id\", name=\"c_primary\"))",
    );
    converted(&a);
    a.p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    // ALTER TABLE ... RENAME keeps the constraint's name, on Alembic's database as on ours.
    assert_eq!(
        a.p.value(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'b'::regclass AND contype = 'p'"
        ),
        "a_pkey"
    );
    a.expected_schema(&["--metadata", "app.models:Base"]);
    let expected = a.read("migrations/expected_schema.toml");
    assert!(
        expected.contains("[tables.b]\ncolumns = { id = \"integer not null\" }\n\n[tables.c]\ncolumns = { id = \"integer not null\" }\nindexes = [\"c_primary\"]\n"),
        "{expected}"
    );
    a.p.schemagate(&["verify", "--strict"])
        .status(0)
        .stdout_has("the database matches migrations/expected_schema.toml")
        .run();
}

#[test]
fn the_model_import_warning_follows_what_env_py_leaves_in_target_metadata() {
    // env.py loads every model through the app's own import function, which the models
    // package itself does not call; one model is loaded lazily, by a plugin, and by nothing
    // env.py runs.
    let Some(a) = AlembicProject::tiny(
        "from app.models import Base\nfrom app.registry import load_models\n\nload_models()\ntarget_metadata = Base.metadata",
    ) else {
        return;
    };
    a.p.file(
        "app/models/__init__.py",
        "from app.models.base import Base\n",
    );
    a.p.file(
        "app/models/base.py",
        "from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n",
    );
    for name in ["accounts", "projects", "tasks"] {
        a.p.file(
            &format!("app/models/{name}.py"),
            &format!(
                "from sqlalchemy.orm import Mapped, mapped_column\n\nfrom app.models.base import Base\n\n\n\
                 class Model(Base):\n    __tablename__ = \"{name}\"\n    id: Mapped[int] = mapped_column(primary_key=True)\n"
            ),
        );
    }
    a.p.file(
        "app/registry.py",
        "import importlib\n\nMODELS = [\"accounts\", \"projects\", \"tasks\"]\n\n\n\
         def load_models():\n    for name in MODELS:\n        importlib.import_module(f\"app.models.{name}\")\n",
    );
    a.p.file("app/plugins/__init__.py", "");
    a.p.file(
        "app/plugins/audit.py",
        "from sqlalchemy.orm import Mapped, mapped_column\n\nfrom app.models.base import Base\n\n\n\
         class AuditEntry(Base):\n    __tablename__ = \"audit_entries\"\n    id: Mapped[int] = mapped_column(primary_key=True)\n",
    );
    a.revision("2f0000000001", "", "nothing yet", "    pass");
    let out = a.expected_schema(&["--metadata", "app.models:Base"]);
    let warnings: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.contains("warning"))
        .collect();
    assert_eq!(
        warnings,
        [
            "sqlalchemy-expected-schema: warning: table audit_entries is defined in app.plugins.audit, which env.py does not load: Alembic's autogenerate cannot see this model and writes DROP TABLE audit_entries into the next revision; import app.plugins.audit where env.py (or what it imports) loads the models. It is in the expected schema, so a deploy that drops it is rolled back"
        ],
        "{}",
        out.stderr
    );
    let expected = a.read("migrations/expected_schema.toml");
    for table in ["accounts", "audit_entries", "projects", "tasks"] {
        assert!(
            expected.contains(&format!("[tables.{table}]")),
            "{table} missing from\n{expected}"
        );
    }
}

#[test]
fn what_the_models_create_only_for_other_dialects_is_not_required_on_postgresql() {
    let Some(a) =
        AlembicProject::tiny("from app.models import Base\ntarget_metadata = Base.metadata")
    else {
        return;
    };
    a.p.file(
        "app/models.py",
        r#"from sqlalchemy import DDL, BigInteger, Computed, Identity, Index, Integer, String, UniqueConstraint, event
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


def not_sqlite(ddl, target, bind, dialect, **kw):
    return dialect.name != "sqlite"


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_name_sqlite", "name").ddl_if(dialect="sqlite"),
        Index("ix_events_name_pg", "name").ddl_if(dialect="postgresql"),
        Index("ix_events_code_not_sqlite", "code").ddl_if(callable_=not_sqlite),
        UniqueConstraint("code", name="uq_events_code_sqlite").ddl_if(dialect="sqlite"),
        UniqueConstraint("code", "name", name="uq_events_code_name"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"), Identity(), primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    code: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(10).with_variant(postgresql.ENUM("a", "b", name="event_kind"), "postgresql"))
    double_id: Mapped[int] = mapped_column(BigInteger, Computed("id * 2"), nullable=True)


event.listen(Event.__table__, "after_create",
             DDL("CREATE INDEX ix_events_name_code ON events (name, code)").execute_if(dialect="postgresql"))
event.listen(Event.__table__, "after_create",
             DDL("CREATE INDEX ix_events_code_sqlite ON events (code)").execute_if(dialect="sqlite"))
"#,
    );
    // The database as create_all() builds it on PostgreSQL.
    let url =
        a.p.db
            .url
            .replacen("postgres://", "postgresql+psycopg2://", 1);
    let out = a
        .python(&[
            "-c",
            "import sys, sqlalchemy as sa\nfrom app.models import Base\nBase.metadata.create_all(sa.create_engine(sys.argv[1]))",
            &url,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    a.expected_schema(&["--metadata", "app.models:Base"]);
    let expected = a.read("migrations/expected_schema.toml");
    assert!(
        expected.contains("[tables.events]\ncolumns = { id = \"bigint not null\", name = \"character varying(50) not null\", code = \"character varying(20) not null\", kind = \"event_kind not null\", double_id = \"bigint null\" }\nindexes = [\"ix_events_code_not_sqlite\", \"ix_events_name_code\", \"ix_events_name_pg\", \"uq_events_code_name\"]\n\n[enums.event_kind]\nvalues = [\"a\", \"b\"]\n"),
        "{expected}"
    );
    a.p.schemagate(&["verify", "--strict"])
        .status(0)
        .stdout_has("the database matches migrations/expected_schema.toml")
        .run();
}

#[test]
fn the_converted_files_are_the_same_wherever_the_converter_runs() {
    let Some(a) = AlembicProject::new() else {
        return;
    };
    converted(&a);
    // From a directory below the project, as from a monorepo's other corner: the paths in
    // the files are the project's, not the working directory's.
    std::fs::create_dir(a.p.path().join("tools")).unwrap();
    let script = repo().join("scripts/alembic-to-sql");
    let out = a
        .python(&[
            script.to_str().unwrap(),
            "--alembic-ini",
            "../alembic.ini",
            "--out",
            "../elsewhere",
        ])
        .current_dir(a.p.path().join("tools"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let here = a.migration_files();
    for file in &here {
        let ours = a.read(&format!("migrations/{file}"));
        let theirs = a.read(&format!("elsewhere/{file}"));
        assert_eq!(ours, theirs, "{file} differs");
    }
    let v1 = a.read("migrations/V1__create_users.sql");
    assert!(
        v1.contains("\n-- from: alembic/versions/1a0000000001_create_users.py\n"),
        "{v1}"
    );
}

#[test]
fn a_tables_indexes_are_written_in_the_same_order_by_every_conversion() {
    // op.create_table creates the indexes of `index=True` columns by iterating a set of
    // objects hashed by address: their order changed from one conversion to the next, and a
    // file converted again was "edited". They are written by name.
    let Some(a) = AlembicProject::tiny("target_metadata = None") else {
        return;
    };
    let names = ["zeta", "alpha", "kappa", "delta", "omega", "beta"];
    let columns: String = names
        .iter()
        .map(|n| format!(", sa.Column(\"{n}\", sa.Integer, index=True)"))
        .collect();
    a.revision(
        "3a0000000001",
        "",
        "indexed",
        &format!(
            "    op.create_table(\"t\", sa.Column(\"id\", sa.Integer, primary_key=True){columns})"
        ),
    );
    converted(&a);
    let v1 = a.read("migrations/V1__indexed.sql");
    let mut sorted = names;
    sorted.sort_unstable();
    let expected = sorted
        .iter()
        .map(|n| format!("CREATE INDEX ix_t_{n} ON t ({n});"))
        .collect::<Vec<_>>()
        .join("\n\n");
    assert!(v1.ends_with(&format!("{expected}\n")), "{v1}");
}

#[test]
fn a_value_python_computes_when_the_revision_runs_is_named_for_reading() {
    // As Airflow's first revision: rows whose created_at is datetime.now() when upgrade() runs.
    let Some(a) = AlembicProject::tiny("target_metadata = None") else {
        return;
    };
    a.revision(
        "3b0000000001",
        "",
        "log templates",
        "    import datetime\n    \
         t = op.create_table(\"log_template\", sa.Column(\"id\", sa.Integer, primary_key=True), \
         sa.Column(\"filename\", sa.Text), sa.Column(\"created_at\", sa.DateTime(timezone=True)))\n    \
         op.bulk_insert(t, [{\"id\": 1, \"filename\": \"{% if x %}a{% endif %}.log\", \
         \"created_at\": datetime.datetime.now(tz=datetime.timezone.utc)}])",
    );
    let out = converted(&a);
    assert!(
        out.stderr.contains("alembic-to-sql: warning: V1__log_templates.sql (revision 3b0000000001): upgrade() calls now(): a value it computes when it runs is in this file as computed at conversion, where each online run computed its own (and converting again writes another); check the values this file writes\n"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("1 converted file(s) to read against their revision (the warnings above):\n  V1__log_templates.sql  (revision 3b0000000001, alembic/versions/3b0000000001.py)\n"),
        "{}",
        out.stderr
    );
    let v1 = a.read("migrations/V1__log_templates.sql");
    assert!(v1.contains("-- WARNING: upgrade() calls now():"), "{v1}");
    // The data check sees it too: the two runs stored two different times.
    let check = a.data_check(&[]);
    assert_eq!(check.status, Some(1), "{}\n{}", check.stdout, check.stderr);
    assert!(
        check
            .stdout
            .starts_with("V1__log_templates.sql (revision 3b0000000001): DIFFERS\n  public.log_template: rows differ\n"),
        "{}",
        check.stdout
    );
    // Leaving the column out, the rows are the same.
    same_rows(
        &a.data_check(&["--ignore-column", "log_template.created_at"]),
        &[("V1__log_templates.sql", "3b0000000001")],
    );
}

#[test]
fn the_data_check_starts_from_what_the_app_creates_before_alembic() {
    // As MLflow: the app's create_all() makes the first tables, then Alembic runs.
    let Some(a) = AlembicProject::tiny("target_metadata = None") else {
        return;
    };
    a.p.file(
        "initial.sql",
        "CREATE TABLE settings (key text PRIMARY KEY, value text DEFAULT '100%');",
    );
    a.revision(
        "3c0000000001",
        "",
        "default settings",
        "    op.execute(\"INSERT INTO settings (key) VALUES ('progress')\")\n    \
         op.execute(\"UPDATE settings SET value = value || ' done' WHERE key LIKE 'prog%'\")",
    );
    converted(&a);
    same_rows(
        &a.data_check(&["--initial-sql", "initial.sql"]),
        &[("V1__default_settings.sql", "3c0000000001")],
    );
    let out = a.data_check(&[]);
    assert_eq!(out.status, Some(1), "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout.starts_with("V1__default_settings.sql (revision 3c0000000001): FAILED: alembic upgrade 3c0000000001 (online) failed:"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("relation \"settings\" does not exist"),
        "{}",
        out.stdout
    );
}

/// A project converted by hand (no Python needed): four revisions, `aaa1` to `ddd4`, mapped to
/// versions 1 to 4, and a database Alembic took to `bbb2` (versions 1 and 2's tables, and its
/// version table).
fn converted_by_hand() -> Project {
    let p = Project::new();
    p.migration(
        "V1__users.sql",
        "create table users (id int primary key);\n",
    );
    p.migration(
        "V2__posts.sql",
        "create table posts (id int primary key);\n",
    );
    p.migration("V3__tags.sql", "create table tags (id int primary key);\n");
    p.migration(
        "V4__notes.sql",
        "create table notes (id int primary key);\n",
    );
    p.file(
        "migrations/alembic_revisions.toml",
        "[revisions]\n\
         aaa1 = { version = 1 }\n\
         bbb2 = { version = 2, down_revisions = [\"aaa1\"] }\n\
         ccc3 = { version = 3, down_revisions = [\"bbb2\"] }\n\
         ddd4 = { version = 4, down_revisions = [\"ccc3\"] }\n",
    );
    p.execute(
        "create table users (id int primary key);
         create table posts (id int primary key);
         insert into users values (1);
         create table alembic_version (version_num varchar(32) not null,
             constraint alembic_version_pkc primary key (version_num));
         insert into alembic_version values ('bbb2');",
    );
    p
}

fn alembic_at(p: &Project) -> Vec<String> {
    p.column("select version_num from alembic_version order by 1")
}

#[test]
fn each_deploy_keeps_alembic_version_at_the_newest_applied_revision() {
    let p = converted_by_hand();
    p.schemagate(&["plan"])
        .status(0)
        .stdout_has("alembic_version: moves to revision ddd4 with them")
        .run();
    p.schemagate(&["deploy", "--dry-run"])
        .status(0)
        .stderr_has("dry run: alembic_version would move to revision ddd4 with them")
        .run();
    assert_eq!(alembic_at(&p), ["bbb2"]);
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("adopted the Alembic database: alembic_version says revision bbb2")
        .stderr_has("applied V4__notes.sql")
        .stderr_has("alembic_version moved to revision ddd4, in step with the history")
        .run();
    assert_eq!(p.applied_versions(), [1, 2, 3, 4]);
    // The old image's `alembic upgrade head` finds itself at head: nothing to run again.
    assert_eq!(alembic_at(&p), ["ddd4"]);

    // A migration written after the switch has no revision: Alembic stays at the last one.
    p.migration("V5__after_the_switch.sql", "create table later (id int);\n");
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_lacks("alembic_version moved")
        .run();
    assert_eq!(alembic_at(&p), ["ddd4"]);
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("nothing pending")
        .run();
}

#[test]
fn a_failed_deploy_leaves_alembic_version_where_it_was() {
    let p = converted_by_hand();
    p.migration(
        "V4__notes.sql",
        "create table notes (id int primary key);\nselect 1/0;\n",
    );
    p.schemagate(&["deploy", "--no-backup"])
        .status(8)
        .stderr_has("division by zero")
        .stderr_lacks("alembic_version moved")
        .run();
    // The adoption was committed on its own; V3 and V4 rolled back together, and Alembic's
    // table with them.
    assert_eq!(p.applied_versions(), [1, 2]);
    assert_eq!(alembic_at(&p), ["bbb2"]);
    assert_eq!(
        p.value("select to_regclass('tags') is null"),
        "t",
        "V3 was rolled back"
    );
}

#[test]
fn status_and_lint_on_a_database_not_yet_switched_say_it_will_be_adopted() {
    let p = converted_by_hand();
    let adopt = "not yet switched from Alembic: alembic_version says revision bbb2, which migrations/alembic_revisions.toml maps to version 2; the next deploy adopts it, recording versions 1 to 2 as applied without running them";
    p.schemagate(&["status"])
        .status(0)
        .stdout_has(&format!(
            "applied: 0\n  {adopt}\npending: 2\n  V3__tags.sql\n  V4__notes.sql"
        ))
        .run();
    p.schemagate(&["lint"])
        .status(0)
        .stderr_has(adopt)
        .stdout_has("2 pending migration(s)")
        .run();
    assert!(
        p.applied_versions().is_empty(),
        "status or lint changed the history"
    );
}

#[test]
fn a_lint_refusal_after_the_adoption_says_the_adoption_was_kept() {
    let p = converted_by_hand();
    p.migration("V3__tags.sql", "drop table posts;\n");
    p.schemagate(&["deploy", "--no-backup"])
        .status(6)
        .stderr_has("adopted the Alembic database")
        .stderr_has("lint refused 1 statement(s), no migration was applied (the adoption of the Alembic database, which recorded versions up to 2 as applied, was committed and is kept)")
        .stderr_lacks("nothing was changed")
        .run();
    assert_eq!(p.applied_versions(), [1, 2]);
    assert_eq!(alembic_at(&p), ["bbb2"]);
}

#[test]
fn after_the_switch_the_old_images_alembic_upgrade_head_runs_nothing_again() {
    let Some(a) = AlembicProject::new() else {
        return;
    };
    a.alembic(&a.p.db.url, &["upgrade", "1a0000000003"]);
    converted(&a);
    a.p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("adopted the Alembic database")
        .stderr_has("alembic_version moved to revision 1a0000000007, in step with the history")
        .run();
    assert_eq!(
        a.p.column("SELECT version_num FROM alembic_version"),
        ["1a0000000007"]
    );
    // A rollback to the previous image: its start command runs `alembic upgrade head`, which
    // re-ran revisions 4 to 7 and failed on the first CREATE TABLE while Alembic stayed at 3.
    let tables = a.p.user_tables();
    a.alembic(&a.p.db.url, &["upgrade", "head"]);
    assert_eq!(a.p.user_tables(), tables);
    assert_eq!(
        a.p.column("SELECT version_num FROM alembic_version"),
        ["1a0000000007"]
    );
    // And forward again: nothing pending.
    a.p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("nothing pending")
        .run();
}

#[test]
fn a_value_computed_in_a_function_upgrade_calls_is_named_for_reading() {
    // As MLflow's dc11669786a5: upgrade() calls a function of its module that stamps the jobs
    // it cancels with time.time(), so the converted file holds the time of the conversion.
    let Some(a) = AlembicProject::tiny("target_metadata = None") else {
        return;
    };
    a.revision(
        "3d0000000001",
        "",
        "jobs",
        "    import time\n    \
         op.create_table(\"jobs\", sa.Column(\"id\", sa.Integer, primary_key=True), \
         sa.Column(\"status\", sa.Integer), sa.Column(\"last_update_time\", sa.BigInteger, \
         default=lambda: int(time.time() * 1000)))",
    );
    a.p.file(
        "alembic/versions/3d0000000002.py",
        "\"\"\"cancel running jobs\n\nRevision ID: 3d0000000002\n\"\"\"\nimport time\n\n\
         from alembic import op\nimport sqlalchemy as sa\n\n\
         revision = \"3d0000000002\"\ndown_revision = \"3d0000000001\"\n\
         branch_labels = None\ndepends_on = None\n\n\n\
         def _stamp():\n    return int(time.time() * 1000)\n\n\n\
         def _cancel_running_jobs():\n    jobs = sa.table(\"jobs\", sa.column(\"status\"), \
         sa.column(\"last_update_time\"))\n    \
         op.execute(jobs.update().where(jobs.c.status == 1).values(status=5, \
         last_update_time=_stamp()))\n\n\n\
         def upgrade():\n    _cancel_running_jobs()\n\n\n\
         def downgrade():\n    pass\n",
    );
    let out = converted(&a);
    assert!(
        out.stderr.contains("alembic-to-sql: warning: V2__cancel_running_jobs.sql (revision 3d0000000002): upgrade() calls time() (in _stamp(), which upgrade() calls through _cancel_running_jobs()): a value it computes when it runs is in this file as computed at conversion"),
        "{}",
        out.stderr
    );
    // A lambda is not called by the conversion: the model's default computes its own time.
    assert!(!out.stderr.contains("V1__jobs.sql"), "{}", out.stderr);
    let v2 = a.read("migrations/V2__cancel_running_jobs.sql");
    assert!(
        v2.contains("-- WARNING: upgrade() calls time() (in _stamp()"),
        "{v2}"
    );
    // With a running job at that revision, the data check sees the two times differ.
    a.p.file("seed.sql", "INSERT INTO jobs VALUES (1, 1, 0), (2, 3, 0);");
    let check = a.data_check(&["--seed", "3d0000000002=seed.sql"]);
    assert_eq!(check.status, Some(1), "{}\n{}", check.stdout, check.stderr);
    assert!(
        check.stdout.starts_with(
            "V2__cancel_running_jobs.sql (revision 3d0000000002): DIFFERS\n  public.jobs: rows differ\n    1 row(s) only online, 1 only converted"
        ),
        "{}",
        check.stdout
    );
    // A seed that does not fit the table at that revision is named with PostgreSQL's error,
    // as that revision's failure, not a traceback.
    a.p.file(
        "bad-seed.sql",
        "INSERT INTO jobs (id, job_name) VALUES (1, 'a');",
    );
    let check = a.data_check(&["--seed", "3d0000000002=bad-seed.sql"]);
    assert_eq!(
        (check.status, check.stdout.as_str()),
        (
            Some(1),
            "V2__cancel_running_jobs.sql (revision 3d0000000002): FAILED: --seed bad-seed.sql: column \"job_name\" of relation \"jobs\" does not exist\n"
        ),
        "{}",
        check.stderr
    );
}

#[test]
fn alembic_version_moves_even_after_a_migration_emptied_the_search_path() {
    let p = converted_by_hand();
    // As a file pasted from pg_dump: the session's search_path emptied, every name qualified.
    p.migration(
        "V3__tags.sql",
        "SELECT pg_catalog.set_config('search_path', '', false);\n\
         CREATE TABLE public.tags (id integer PRIMARY KEY);\n",
    );
    p.migration(
        "V4__notes.sql",
        "CREATE TABLE public.notes (id integer PRIMARY KEY);\n",
    );
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("alembic_version moved to revision ddd4")
        .run();
    assert_eq!(alembic_at(&p), ["ddd4"]);
}
