//! What a connection pooler says, as opposed to PostgreSQL: its own refusals, the errors of a
//! server session shared with other clients, and what to do about them. Plain words about
//! errors, so that the error type and the connector can use them without the probe in
//! [`super`] (which needs both).

/// How to give schemagate a session of its own while the app keeps the pooled URL.
pub const DIRECT_URL_HINT: &str = "give schemagate a direct (or session-mode) URL with --direct-url, DATABASE_DIRECT_URL or direct_url in schemagate.toml, and keep DATABASE_URL for the app: Supabase's port 5432 instead of 6543, Neon's host without -pooler, Railway's DATABASE_URL rather than a PgBouncer service's";

/// What to do about a pooler's refusal or a session it shared.
pub const POOLER_HINT: &str = "a pooler in transaction mode cannot carry a deploy: give schemagate a direct URL (--direct-url, DATABASE_DIRECT_URL or direct_url in schemagate.toml); a full pool: raise its size (PgBouncer's default_pool_size) or --wait";

/// What a pooler says when it, not PostgreSQL, refused or broke a request: its own errors
/// (PgBouncer's `query_wait_timeout`, `server_login_retry`, `max_client_conn`) and those of a
/// session shared with other clients (a prepared statement another client made, or lost).
/// `None` for anything else.
pub fn pooler_problem(err: &(dyn std::error::Error + 'static)) -> Option<String> {
    let db = crate::pg_error::db_error(err)?;
    let message = db.message();
    let lower = message.to_lowercase();
    let own = [
        "query_wait_timeout",
        "server_login_retry",
        "server login has been failing",
        "no more connections allowed",
        "pgbouncer cannot connect to server",
        "client_login_timeout",
        "max_client_conn",
    ];
    if own.iter().any(|m| lower.contains(m)) {
        return Some(format!("the connection pooler refused: {message}"));
    }
    let shared = (lower.starts_with("prepared statement \"")
        && (lower.ends_with("already exists") || lower.ends_with("does not exist")))
        || (lower.starts_with("bind message supplies") && lower.contains("parameters"));
    shared.then(|| {
        format!(
            "{message}: the server session is shared with other clients, as through a connection pooler in transaction mode"
        )
    })
}

/// Whether waiting can help with [`pooler_problem`]'s `problem`: a full pool or a server the
/// pooler cannot log in to yet can free up; a shared session cannot.
pub fn is_transient_text(problem: &str) -> bool {
    let lower = problem.to_lowercase();
    [
        "query_wait_timeout",
        "server_login_retry",
        "server login has been failing",
        "no more connections allowed",
        "pgbouncer cannot connect to server",
    ]
    .iter()
    .any(|m| lower.contains(m))
}

/// [`is_transient_text`] of an error's server message.
pub fn is_transient(err: &(dyn std::error::Error + 'static)) -> bool {
    crate::pg_error::db_error(err).is_some_and(|db| is_transient_text(db.message()))
}
