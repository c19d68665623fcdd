//! The corpus of real projects' migration histories (tests/corpus; its README says where each
//! came from and how it was recorded), deployed by the real binary:
//!
//! - each converted Alembic history deploys to a new database in ONE deploy, and the schema it
//!   leaves (`pg_dump --schema-only`, normalized by scripts/normalize-schema-dump) equals the
//!   one the project's own `alembic upgrade head` built when the corpus was recorded
//!   (`reference_schema.sql`), so CI needs none of those projects' Python packages;
//! - a database at a middle Alembic revision (built by the first K converted files, recorded as
//!   Alembic at revision K, schemagate's history gone) is adopted, the rest applied, and it
//!   ends identical;
//! - the rows the migrations themselves write (seed rows, background-update queues) equal the
//!   ones the project's own tool wrote (`reference_data.sql`);
//! - the large plain-SQL history bootstraps a new database without one lint refusal.
//!
//! The comparison runs this machine's pg_dump for the server's major and python3 (standard
//! library only) for the normalizer: the same script normalized the references.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::support::cli::Project;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// The version of a `V{n}__name.sql` file name.
fn version_of(name: &str) -> Option<i32> {
    name.strip_prefix('V')?.split_once("__")?.0.parse().ok()
}

/// Copy `tests/corpus/<project>/migrations` into the project's `migrations/`: the files up to
/// version `up_to` (all when `None`), and the Alembic mapping when `mapping`; the number of
/// migration files copied.
fn copy_migrations(p: &Project, project: &str, up_to: Option<i32>, mapping: bool) -> usize {
    let from = corpus().join(project).join("migrations");
    let mut copied = 0;
    for entry in std::fs::read_dir(&from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        let wanted = match version_of(&name) {
            Some(v) => up_to.is_none_or(|k| v <= k),
            None => mapping && name == "alembic_revisions.toml",
        };
        if wanted {
            std::fs::copy(entry.path(), p.path().join("migrations").join(&name)).unwrap();
            copied += usize::from(name.ends_with(".sql"));
        }
    }
    copied
}

/// The normalized `pg_dump --schema-only` of the project's database.
fn schema(p: &Project) -> String {
    dump(p, "--schema-only")
}

/// The normalized `pg_dump --data-only --inserts` of the project's database: the rows the
/// migrations wrote, sorted, timestamps masked.
fn data(p: &Project) -> String {
    dump(p, "--data-only --inserts")
}

/// `pg_dump` of the project's database with `what`, normalized by scripts/normalize-schema-dump.
fn dump(p: &Project, what: &str) -> String {
    let pg_dump = schemagate::backup::ToolSearch::from_env()
        .find("pg_dump", p.server_major())
        .unwrap_or_else(|e| panic!("no pg_dump for this server: {e}"));
    let dump = Command::new(&pg_dump)
        .args(what.split(' '))
        .args(["--no-owner", "--dbname", &p.db.url])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", pg_dump.display()));
    assert!(
        dump.status.success(),
        "pg_dump failed: {}",
        String::from_utf8_lossy(&dump.stderr)
    );
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/normalize-schema-dump");
    let mut normalize = Command::new("python3")
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run python3 {}: {e}", script.display()));
    let mut stdin = normalize.stdin.take().unwrap();
    let writer = std::thread::spawn(move || std::io::Write::write_all(&mut stdin, &dump.stdout));
    let out = normalize.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success(), "normalize-schema-dump failed");
    String::from_utf8(out.stdout).unwrap()
}

/// The PostgreSQL major the references were recorded on (pg_dump 15.20, server 15.20). Another
/// major's pg_dump prints some things differently, so there the deploys still run and must
/// succeed, and only the text comparison is left out.
const REFERENCE_MAJOR: u32 = 15;

/// Fail with the entries only one side has, when the schema differs from the reference.
fn assert_reference_schema(p: &Project, project: &str) {
    assert_reference(p, project, "reference_schema.sql", schema);
}

/// Fail with the rows only one side has, when the data differs from the reference.
fn assert_reference_data(p: &Project, project: &str) {
    assert_reference(p, project, "reference_data.sql", data);
}

fn assert_reference(p: &Project, project: &str, file: &str, dump: fn(&Project) -> String) {
    let major = p.server_major();
    if major != REFERENCE_MAJOR {
        eprintln!(
            "{project}: not compared with {file} on PostgreSQL {major}: it was recorded on {REFERENCE_MAJOR}"
        );
        return;
    }
    let reference = std::fs::read_to_string(corpus().join(project).join(file)).unwrap();
    let got = dump(p);
    if got == reference {
        return;
    }
    let entries = |text: &str| -> Vec<String> { text.split("\n\n").map(str::to_string).collect() };
    let (want, have) = (entries(&reference), entries(&got));
    let only = |a: &[String], b: &[String]| -> String {
        a.iter()
            .filter(|e| !b.contains(e))
            .map(|e| format!("  {}", e.replace('\n', "\n  ")))
            .collect::<Vec<_>>()
            .join("\n")
    };
    panic!(
        "{project}: the database differs from {file}\n--- only in the reference (what the project's own tool built):\n{}\n--- only in what schemagate built:\n{}",
        only(&want, &have),
        only(&have, &want)
    );
}

/// The whole converted history in one deploy on a new database, then the schema comparison,
/// and the rows the migrations wrote when `rows`.
fn deploys_in_one_deploy(project: &str, rows: bool) {
    let p = Project::new();
    let n = copy_migrations(&p, project, None, true);
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    assert_eq!(p.applied_versions(), (1..=n as i32).collect::<Vec<_>>());
    assert_reference_schema(&p, project);
    if rows {
        assert_reference_data(&p, project);
    }
}

/// The Alembic revision the mapping gives version `k`.
fn revision_at(project: &str, k: i32) -> String {
    let path = corpus()
        .join(project)
        .join("migrations/alembic_revisions.toml");
    let mapping: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let revisions = mapping["revisions"].as_table().unwrap();
    revisions
        .iter()
        .find(|(_, r)| r["version"].as_integer() == Some(i64::from(k)))
        .map(|(id, _)| id.clone())
        .unwrap_or_else(|| panic!("{}: no revision has version {k}", path.display()))
}

/// A database Alembic would have left at revision K: the first K files deployed, then
/// schemagate's own tables dropped and Alembic's version table written. Then the whole
/// directory with the mapping (and `policy` as schemagate.toml, when given): the deploy adopts
/// 1..K and applies the rest.
fn adopted_at(project: &str, k: i32, policy: Option<&str>) {
    let p = Project::new();
    copy_migrations(&p, project, Some(k), false);
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    assert_eq!(p.applied_versions(), (1..=k).collect::<Vec<_>>());
    let revision = revision_at(project, k);
    p.execute(&format!(
        "DROP TABLE refinery_schema_history; DROP TABLE schemagate_runs;
         CREATE TABLE alembic_version (version_num varchar(32) NOT NULL,
             CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
         INSERT INTO alembic_version VALUES ('{revision}');"
    ));
    let n = copy_migrations(&p, project, None, true);
    if let Some(policy) = policy {
        p.file("schemagate.toml", policy);
    }
    let range = if k == 1 {
        "version 1".to_string()
    } else {
        format!("versions 1 to {k}")
    };
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has(&format!(
            "alembic_version says revision {revision}, which migrations/alembic_revisions.toml maps to version {k}"
        ))
        .stderr_has(&format!("recorded {range} as applied without running them"))
        .stderr_lacks(&format!("applied V{k}__"))
        .run();
    assert_eq!(p.applied_versions(), (1..=n as i32).collect::<Vec<_>>());
    assert_reference_schema(&p, project);
}

// Apache Airflow (apache-airflow-core 3.3.2): 124 revisions, no no-transaction revision.

/// What a team adopting Airflow's history mid-way reviews and allows: the later revisions drop,
/// rename and retype tables and columns of existing tables and delete rows without WHERE
/// (Airflow 3's own restructuring), none of which a database that has them can skip.
const AIRFLOW_REVIEWED: &str = "[lint]\nban-drop-column = \"warn\"\nban-drop-table = \"warn\"\nban-delete-without-where = \"warn\"\nrenaming-table = \"warn\"\nrenaming-column = \"warn\"\nchanging-column-type = \"warn\"\n";

#[test]
fn airflow_deploys_in_one_deploy_to_the_schema_alembic_built() {
    deploys_in_one_deploy("airflow", false);
}

#[test]
fn airflow_rows_the_history_writes_equal_what_alembic_wrote() {
    deploys_in_one_deploy("airflow", true);
}

#[test]
fn airflow_adopted_at_revision_40_ends_identical() {
    adopted_at("airflow", 40, Some(AIRFLOW_REVIEWED));
}

#[test]
fn airflow_adopted_at_revision_90_ends_identical() {
    adopted_at("airflow", 90, Some(AIRFLOW_REVIEWED));
}

#[test]
fn airflow_adopted_at_revision_118_ends_identical() {
    adopted_at("airflow", 118, None);
}

// Prefect (prefect 3.9.1, PostgreSQL history): 120 revisions, 24 of them no-transaction
// (autocommit blocks, CREATE INDEX CONCURRENTLY).

/// What a team adopting Prefect's history mid-way reviews and allows: later revisions drop
/// columns and tables of existing tables (V32, V100, V106) and empty the v1 concurrency limits
/// after moving them (V110).
const PREFECT_REVIEWED: &str = "[lint]\nban-drop-column = \"warn\"\nban-drop-table = \"warn\"\nban-delete-without-where = \"warn\"\n";

#[test]
fn prefect_deploys_in_one_deploy_to_the_schema_alembic_built() {
    deploys_in_one_deploy("prefect", true);
}

#[test]
fn prefect_adopted_at_revision_60_ends_identical() {
    adopted_at("prefect", 60, Some(PREFECT_REVIEWED));
}

#[test]
fn prefect_adopted_at_revision_100_ends_identical() {
    adopted_at("prefect", 100, Some(PREFECT_REVIEWED));
}

#[test]
fn prefect_adopted_at_revision_112_ends_identical() {
    adopted_at("prefect", 112, None);
}

// MLflow (mlflow-skinny 3.18.0): 70 revisions after the tables MLflow creates itself.

/// What a team adopting MLflow's history mid-way reviews and allows: V43 renames a column of an
/// existing table and V66 drops one. Type changes stay denied (the default).
const MLFLOW_REVIEWED: &str = "[lint]\nrenaming-column = \"warn\"\nban-drop-column = \"warn\"\n";

#[test]
fn mlflow_deploys_in_one_deploy_to_the_schema_alembic_built() {
    deploys_in_one_deploy("mlflow", true);
}

#[test]
fn mlflow_adopted_at_revision_30_ends_identical() {
    adopted_at("mlflow", 30, Some(MLFLOW_REVIEWED));
}

#[test]
fn mlflow_adopted_at_revision_55_ends_identical() {
    adopted_at("mlflow", 55, Some(MLFLOW_REVIEWED));
}

/// A mid-history adoption with type changes reviewed too: the adoption itself, on 25 pending
/// revisions of a real history (the adoptions at 30 and 55 show the default policy passes the
/// type changes PostgreSQL makes without a rewrite).
#[test]
fn mlflow_adopted_at_revision_45_with_type_changes_reviewed_ends_identical() {
    let reviewed = format!("{MLFLOW_REVIEWED}changing-column-type = \"warn\"\n");
    adopted_at("mlflow", 45, Some(&reviewed));
}

#[test]
fn mlflow_adopted_at_revision_67_ends_identical() {
    adopted_at("mlflow", 67, None);
}

// Argilla (argilla-server 2.8.0): 24 revisions.

#[test]
fn argilla_deploys_in_one_deploy_to_the_schema_alembic_built() {
    deploys_in_one_deploy("argilla", true);
}

#[test]
fn argilla_adopted_at_revision_10_ends_identical() {
    adopted_at("argilla", 10, None);
}

#[test]
fn argilla_adopted_at_revision_20_ends_identical() {
    adopted_at("argilla", 20, None);
}

// Synapse (matrix-synapse 1.90.0): 217 plain SQL files, the schema history of a database at
// schema 54 upgraded to 80, in synapse's own order (tests/corpus/README.md).

#[test]
fn synapse_bootstraps_a_new_database_without_one_annotation_or_lint_refusal() {
    let p = Project::new();
    let n = copy_migrations(&p, "synapse", None, false);
    assert!(n > 200, "only {n} synapse files");
    let dir = p.path().join("migrations");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(
            !text.contains("squawk-ignore"),
            "an annotation in the corpus"
        );
    }
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_lacks("(deny)")
        .stderr_lacks("lint refused")
        .run();
    assert_eq!(p.applied_versions(), (1..=n as i32).collect::<Vec<_>>());
    assert_reference_schema(&p, "synapse");
    assert_reference_data(&p, "synapse");
}

/// The expected schema that scripts/sqlalchemy-expected-schema wrote from the project's models
/// (recorded with the corpus, tests/corpus/README.md) holds on the database the converted
/// history builds: the deploy verifies it before COMMIT, and `verify` agrees afterwards.
fn expected_schema_from_the_models_verifies(project: &str) {
    let p = Project::new();
    let n = copy_migrations(&p, project, None, true);
    std::fs::copy(
        corpus().join(project).join("expected_schema.toml"),
        p.path().join("migrations/expected_schema.toml"),
    )
    .unwrap();
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    assert_eq!(p.applied_versions(), (1..=n as i32).collect::<Vec<_>>());
    p.schemagate(&["verify"])
        .status(0)
        .stdout_has("the database matches")
        .run();
}

#[test]
fn argilla_expected_schema_from_the_models_verifies() {
    expected_schema_from_the_models_verifies("argilla");
}

/// Airflow's models and its history disagree on four names: the models' naming convention
/// (`"pk": "%(table_name)s_pkey"`) names asset_pkey, asset_alias_pkey,
/// asset_alias_asset_event_pkey and asset_event_pkey, but V42 renamed the dataset tables and
/// PostgreSQL kept dataset_pkey and the rest, as Airflow's own `alembic upgrade` leaves them
/// (reference_schema.sql). The verification names exactly those four and refuses (exit 9); with
/// them left out of the file, the rest of what the models say verifies.
#[test]
fn airflow_expected_schema_from_the_models_verifies_but_for_the_primary_keys_v42_kept() {
    let p = Project::new();
    let n = copy_migrations(&p, "airflow", None, true);
    let expected = std::fs::read_to_string(corpus().join("airflow/expected_schema.toml")).unwrap();
    p.file("migrations/expected_schema.toml", &expected);
    let kept = [
        ("asset", "asset_pkey"),
        ("asset_alias", "asset_alias_pkey"),
        ("asset_alias_asset_event", "asset_alias_asset_event_pkey"),
        ("asset_event", "asset_event_pkey"),
    ];
    let mut refused = p.schemagate(&["deploy", "--no-backup"]).status(9);
    for (table, index) in kept {
        refused = refused.stderr_has(&format!("  missing index {index} on table {table}\n"));
    }
    let out = refused.stderr_has("verification failed, rolled back").run();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let findings = stderr
        .lines()
        .filter(|l| l.starts_with("  missing "))
        .count();
    assert_eq!(findings, kept.len(), "{stderr}");
    let mut without = expected.clone();
    for (_, index) in kept {
        without = without.replace(&format!("\"{index}\", "), "");
    }
    p.file("migrations/expected_schema.toml", &without);
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    assert_eq!(p.applied_versions(), (1..=n as i32).collect::<Vec<_>>());
    // Warnings only: the tables the history keeps and the models do not have (the old
    // Flask-AppBuilder tables, _xcom_archive).
    p.schemagate(&["verify"])
        .status(0)
        .stdout_has("warning: unmanaged table ab_user (not in the expected schema)")
        .stdout_lacks("missing")
        .run();
}

/// Prefect 3.9.1's models define neither the `deployment_version` table its V104 creates nor
/// the `deployment.version_id` column pointing at it: the verification passes and names both
/// as unmanaged, and nothing the models state is missing.
#[test]
fn prefect_expected_schema_from_the_models_verifies() {
    let p = Project::new();
    let n = copy_migrations(&p, "prefect", None, true);
    std::fs::copy(
        corpus().join("prefect/expected_schema.toml"),
        p.path().join("migrations/expected_schema.toml"),
    )
    .unwrap();
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    assert_eq!(p.applied_versions(), (1..=n as i32).collect::<Vec<_>>());
    let out = p
        .schemagate(&["verify"])
        .status(0)
        .stdout_has("warning: unmanaged table deployment_version (not in the expected schema)")
        .stdout_has("warning: unmanaged column deployment.version_id (not in the expected schema)")
        .stdout_lacks("missing")
        .run();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
}

/// Offline lint of each whole history (`lint --all`, a fresh bootstrap: nothing exists before
/// the first file) refuses nothing: the lint's false refusals on real histories stay at zero.
#[test]
fn every_corpus_history_passes_lint_all() {
    for project in ["airflow", "prefect", "mlflow", "argilla", "synapse"] {
        let dir = corpus().join(project);
        let files = migration_files(&dir.join("migrations"));
        crate::support::cli::Run::new(&dir, &["lint", "--all"])
            .status(0)
            .stdout_has(&format!(
                "{files} file(s), judged as the bootstrap of a new, empty database: lint passed"
            ))
            .run();
    }
}

/// The migration files in `dir`.
fn migration_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name().into_string().unwrap();
            version_of(&name).is_some()
        })
        .count()
}

/// The pull-request gate agrees with the deploy on real histories: a branch that adds the
/// revisions after K to a repository holding the first K (`lint --since`, offline, what the
/// older files create assumed to hold data) passes exactly where the deploy adopting a database
/// at K passes, with the same policy; and refuses where that deploy needs the reviewed policy.
#[test]
fn lint_since_agrees_with_the_deploy_at_each_adoption_point() {
    let cases: [(&str, i32, Option<&str>); 8] = [
        ("airflow", 118, None),
        ("airflow", 90, Some(AIRFLOW_REVIEWED)),
        ("prefect", 112, None),
        ("mlflow", 67, None),
        ("mlflow", 55, Some(MLFLOW_REVIEWED)),
        ("mlflow", 30, None),
        ("argilla", 10, None),
        ("argilla", 20, None),
    ];
    for (project, k, policy) in cases {
        let p = Project::new();
        copy_migrations(&p, project, Some(k), false);
        let git = |args: &[&str]| {
            let out = Command::new("git")
                .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
                .args(args)
                .current_dir(p.path())
                .output()
                .unwrap();
            assert!(out.status.success(), "git {args:?}");
        };
        git(&["init", "-q", "-b", "main"]);
        git(&["add", "."]);
        git(&["commit", "-qm", "base"]);
        let n = copy_migrations(&p, project, None, false);
        let new = n - k as usize;
        if let Some(policy) = policy {
            p.schemagate(&["lint", "--since", "main"]).status(6).run();
            p.file("schemagate.toml", policy);
        }
        p.schemagate(&["lint", "--since", "main"])
            .status(0)
            .stdout_has(&format!(
                "{new} file(s) added or changed since main, judged against the {k} older one(s): lint passed"
            ))
            .run();
    }
}
