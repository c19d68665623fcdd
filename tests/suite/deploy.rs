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
