//! `deploy`: the gate from a fresh database to the exec of the app.

use crate::support::cli::Project;

#[test]
fn fresh_database_applies_everything_then_starts_the_app() {
    let p = Project::new();
    p.migration(
        "V1__users.sql",
        "create table users (id bigserial primary key, email text not null);",
    );
    p.migration(
        "V2__posts.sql",
        "create table posts (id bigserial primary key, user_id bigint references users(id));",
    );
    p.schemagate(&[
        "deploy",
        "--no-backup",
        "--",
        "sh",
        "-c",
        "echo app started",
    ])
    .status(0)
    .stdout_has("app started")
    .stderr_has("applied V1__users.sql")
    .stderr_has("applied V2__posts.sql")
    .run();
    assert_eq!(p.user_tables(), ["posts", "users"]);
    assert_eq!(p.applied_versions(), [1, 2]);

    // The second deploy finds nothing pending and still starts the app.
    p.schemagate(&["deploy", "--", "sh", "-c", "echo again"])
        .status(0)
        .stdout_has("again")
        .stderr_has("nothing pending")
        .run();
    assert_eq!(p.value("select count(*) from schemagate_runs"), "2");
}

#[test]
fn dry_run_changes_nothing() {
    let p = Project::new();
    p.migration(
        "V1__users.sql",
        "create table users (id bigint primary key);",
    );
    p.migration(
        "V2__posts.sql",
        "create table posts (id bigint primary key);",
    );
    p.schemagate(&["deploy", "--dry-run", "--", "sh", "-c", "echo started"])
        .status(0)
        .stderr_has("V1__users.sql")
        .stderr_has("V2__posts.sql")
        .stdout_lacks("started")
        .run();
    assert!(p.tables().is_empty(), "tables: {:?}", p.tables());
    assert_eq!(
        p.value("select to_regclass('schemagate_runs') is null"),
        "t",
        "dry run created schemagate_runs"
    );
}

#[test]
fn sql_error_in_the_third_of_five_rolls_back_all_five() {
    let p = Project::new();
    p.migration("V1__a.sql", "create table a (id int);");
    p.migration("V2__b.sql", "create table b (id int);");
    p.migration(
        "V3__broken.sql",
        "create table c (id int);\n\n    selec x;\n",
    );
    p.migration("V4__d.sql", "create table d (id int);");
    p.migration("V5__e.sql", "create table e (id int);");
    p.schemagate(&["deploy", "--no-backup", "--", "sh", "-c", "echo started"])
        .status(8)
        .stderr_has("V3__broken.sql:3:5")
        .stderr_has("syntax error at or near \"selec\"")
        .stdout_lacks("started")
        .run();
    assert!(p.user_tables().is_empty(), "tables: {:?}", p.user_tables());
    assert!(p.applied_versions().is_empty());
    // The failed run is recorded all the same.
    assert_eq!(
        p.value("select count(*) from schemagate_runs where outcome not in ('applied', 'nothing-pending')"),
        "1"
    );
}

#[test]
fn the_app_starts_only_after_success_and_a_missing_app_exits_10() {
    let p = Project::new();
    p.migration("V1__a.sql", "create table a (id int);");
    p.migration(
        "V2__bad.sql",
        "create table b (id int); select * from nowhere;",
    );
    p.schemagate(&["deploy", "--no-backup", "--", "sh", "-c", "echo started"])
        .status(8)
        .stdout_lacks("started")
        .stderr_has("V2__bad.sql")
        .stderr_has("relation \"nowhere\" does not exist")
        .run();
    assert!(p.user_tables().is_empty());

    std::fs::remove_file(p.path().join("migrations/V2__bad.sql")).unwrap();
    p.schemagate(&[
        "deploy",
        "--no-backup",
        "--",
        "/nonexistent/schemagate-test-app",
        "--flag",
    ])
    .status(10)
    .stderr_has("could not start")
    .stderr_has("/nonexistent/schemagate-test-app")
    .stderr_has("the migrations stay applied")
    .run();
    assert_eq!(p.user_tables(), ["a"]);
    assert_eq!(p.applied_versions(), [1]);
}

/// The app for the `--expand-env` tests: prints each argument it got as `<arg>`.
const PRINT_ARGS: [&str; 4] = ["sh", "-c", "printf '<%s>\\n' \"$@\"", "sh"];

#[test]
fn expand_env_fills_app_arguments_like_a_shell_and_only_when_asked() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    let args = [
        "[::]:${SG_TEST_PORT:-8000}",
        "${SG_TEST_HOST:-0.0.0.0}",
        "--name=${SG_TEST_NAME}",
        "${SG_TEST_EMPTY:-fallback}",
        "<${SG_TEST_EMPTY}>",
    ];
    let run = |flags: &[&str]| {
        let mut argv = vec!["deploy", "--no-backup"];
        argv.extend_from_slice(flags);
        argv.push("--");
        argv.extend_from_slice(&PRINT_ARGS);
        argv.extend_from_slice(&args);
        p.schemagate(&argv)
            .env("SG_TEST_PORT", "8123")
            .env("SG_TEST_NAME", "web")
            .env("SG_TEST_EMPTY", "")
    };

    // Without the flag the app gets its arguments as written (a shell, if any, expands them).
    run(&[])
        .status(0)
        .stdout_has(
            "<[::]:${SG_TEST_PORT:-8000}>\n<${SG_TEST_HOST:-0.0.0.0}>\n<--name=${SG_TEST_NAME}>",
        )
        .run();

    // With it: a set variable wins over its default, an unset or empty one takes the default,
    // ${VAR} alone is replaced by its value (empty included).
    run(&["--expand-env"])
        .status(0)
        .stdout_has("<[::]:8123>\n<0.0.0.0>\n<--name=web>\n<fallback>\n<<>>\n")
        .run();
}

#[test]
fn expand_env_with_an_unset_variable_and_no_default_exits_2_before_anything_runs() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    let mut argv = vec!["deploy", "--expand-env", "--"];
    argv.extend_from_slice(&PRINT_ARGS);
    argv.push("--bind=[::]:${SG_TEST_UNSET_PORT}");
    p.schemagate(&argv)
        .status(2)
        .stderr_has(
            "the app argument \"--bind=[::]:${SG_TEST_UNSET_PORT}\" uses ${SG_TEST_UNSET_PORT}, which is not set",
        )
        .stderr_has("hint: set SG_TEST_UNSET_PORT, or give a default: ${SG_TEST_UNSET_PORT:-value}")
        .stdout_lacks("<")
        .run();
    // Refused before connecting: no migration, no history, no run log, no backup directory.
    assert!(p.tables().is_empty(), "{:?}", p.tables());
    assert!(!p.path().join("backups").exists());
}

#[test]
fn config_file_env_and_flag_choose_the_migrations_directory_in_that_order() {
    let p = Project::new();
    p.file("schemagate.toml", "migrations = \"db/migrations\"\n");
    p.file(
        "db/migrations/V1__from_file.sql",
        "create table from_file (id int);",
    );
    p.file(
        "env_migrations/V1__from_env.sql",
        "create table from_env (id int);",
    );
    p.file(
        "flag_migrations/V1__from_flag.sql",
        "create table from_flag (id int);",
    );

    // Nothing is applied: `plan` shows which directory was chosen.
    p.schemagate(&["plan"])
        .status(0)
        .stdout_has("V1__from_file.sql")
        .run();
    p.schemagate(&["plan"])
        .env("SCHEMAGATE_MIGRATIONS", "env_migrations")
        .status(0)
        .stdout_has("V1__from_env.sql")
        .stdout_lacks("V1__from_file.sql")
        .run();
    p.schemagate(&["--migrations", "flag_migrations", "plan"])
        .env("SCHEMAGATE_MIGRATIONS", "env_migrations")
        .status(0)
        .stdout_has("V1__from_flag.sql")
        .stdout_lacks("V1__from_env.sql")
        .run();
    p.schemagate(&["plan", "--migrations", "flag_migrations"])
        .env("SCHEMAGATE_MIGRATIONS", "env_migrations")
        .status(0)
        .stdout_has("V1__from_flag.sql")
        .run();

    p.schemagate(&["--wait", "5s", "deploy", "--no-backup"])
        .status(0)
        .stderr_has("applied V1__from_file.sql")
        .run();
    p.schemagate(&["deploy", "--wait", "5s", "--no-backup"])
        .status(0)
        .stderr_has("nothing pending")
        .run();
    assert_eq!(p.user_tables(), ["from_file"]);
}

#[test]
fn unknown_key_in_the_config_file_is_a_usage_error() {
    let p = Project::new();
    p.file(
        "schemagate.toml",
        "migrations = \"migrations\"\nwiat = \"5s\"\n",
    );
    p.migration("V1__a.sql", "create table a (id int);");
    p.schemagate(&["deploy", "--no-backup"])
        .status(2)
        .stderr_has("schemagate.toml")
        .stderr_has("wiat")
        .stderr_has("line 2")
        .run();
    assert!(p.tables().is_empty());
}

#[test]
fn missing_migrations_directory_is_a_usage_error() {
    let p = Project::new();
    std::fs::remove_dir(p.path().join("migrations")).unwrap();
    p.schemagate(&["deploy", "--no-backup"])
        .status(2)
        .stderr_has("migrations")
        .run();
    assert!(p.tables().is_empty());
}

#[test]
fn durations_out_of_range_are_usage_errors_before_anything_runs() {
    let p = Project::new();
    p.migration("V1__a.sql", "create table a (id int);");
    p.schemagate(&["--wait", "9999999999999999999h", "deploy", "--no-backup"])
        .status(2)
        .stderr_has("--wait")
        .stderr_lacks("panicked")
        .run();
    p.schemagate(&["deploy", "--no-backup", "--statement-timeout", "600h"])
        .status(2)
        .stderr_has("--statement-timeout: at most 2147483647ms")
        .run();
    p.schemagate(&["deploy", "--no-backup"])
        .env("SCHEMAGATE_LOCK_TIMEOUT", "700h")
        .status(2)
        .stderr_has("SCHEMAGATE_LOCK_TIMEOUT")
        .run();
    assert!(p.tables().is_empty());
}

#[test]
fn nothing_pending_over_100_applied_migrations_is_fast() {
    let p = Project::new();
    for n in 1..=100 {
        p.migration(
            &format!("V{n}__t{n}.sql"),
            &format!("create table t{n} (id int);\n"),
        );
    }
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    let start = std::time::Instant::now();
    p.schemagate(&["deploy", "--", "sh", "-c", "echo started"])
        .status(0)
        .stdout_has("started")
        .stderr_has("nothing pending")
        .run();
    // "well under a second" in the issue; a generous bound so a loaded CI machine passes.
    let took = start.elapsed();
    assert!(took < std::time::Duration::from_secs(3), "took {took:?}");
    assert_eq!(p.applied_versions().len(), 100);
}
