//! Moving over from Alembic: `scripts/alembic-to-sql`, the adoption of a database Alembic
//! migrated, and `scripts/sqlalchemy-expected-schema`, against a real Alembic project
//! (tests/fixtures/alembic_project: alembic.ini, env.py, seven revisions, SQLAlchemy models) run
//! by a real Alembic in a virtual environment.
//!
//! The virtual environment is made once per machine under ~/.cache/schemagate (or
//! `SCHEMAGATE_TEST_VENV`), under a file lock so parallel tests and test runs do not race.
//! Without python3 the tests say so and pass; a failing `pip install` fails them.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use crate::support::cli::Project;

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

impl AlembicProject {
    fn new() -> Option<AlembicProject> {
        let python = venv_python()?;
        let p = Project::new();
        copy_tree(&repo().join("tests/fixtures/alembic_project"), p.path());
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

    /// Add a revision file to alembic/versions.
    fn revision(&self, id: &str, down: &str, message: &str, upgrade: &str) {
        self.p.file(
            &format!("alembic/versions/{id}.py"),
            &format!(
                "\"\"\"{message}\n\nRevision ID: {id}\n\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n\n\
                 revision = \"{id}\"\ndown_revision = \"{down}\"\nbranch_labels = None\ndepends_on = None\n\n\n\
                 def upgrade() -> None:\n{upgrade}\n\n\ndef downgrade() -> None:\n    pass\n"
            ),
        );
    }
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
        out.stderr.contains("V8__recreate_journey_templates_if_missing.sql: revision 1a0000000008's upgrade() failed in offline mode"),
        "{}",
        out.stderr
    );
    let v8 = a.read("migrations/V8__recreate_journey_templates_if_missing.sql");
    assert!(
        v8.contains("-- WARNING: upgrade() failed in offline mode"),
        "{v8}"
    );
    assert!(v8.contains("RAISE EXCEPTION"), "{v8}");
    a.p.schemagate(&["deploy", "--no-backup"])
        .status(8)
        .stderr_has("V8__recreate_journey_templates_if_missing.sql: Alembic revision 1a0000000008 could not be converted offline")
        .run();
    assert!(
        a.p.applied_versions().is_empty(),
        "the failed deploy left history"
    );
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
        out.stderr.contains("warning: table journey_templates is defined in app.models.journey_template, which importing app.models does not load"),
        "{}",
        out.stderr
    );
    let expected = a.read("migrations/expected_schema.toml");
    for line in [
        "version = 7",
        "[tables.journey_templates]",
        "columns = { id = \"integer not null\", email = \"character varying(255) not null\", created_at = \"timestamp with time zone not null\", nickname = \"text null\" }",
        "indexes = [\"ix_users_email\", \"ix_users_nickname\", \"users_pkey\"]",
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
