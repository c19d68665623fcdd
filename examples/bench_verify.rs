//! Benchmark: introspection plus comparison at scale (tables of 20 columns; by default 2,000
//! and 10,000 tables).
//!
//! Creates one fresh database per size on the server at `TEST_DATABASE_URL`, snapshots it,
//! then times `introspect` + `verify` against that snapshot ten times and prints the medians
//! as a Markdown table. The databases are all created first and dropped at the end. Run with
//! `cargo run --release --example bench_verify [-- TABLES...]`; `scripts/bench.sh` does.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use schemagate::schema::{ExpectedSchema, QualifiedName, introspect};
use schemagate::verify::verify;
use tokio_postgres::{Client, NoTls};

const DEFAULT_SIZES: [usize; 2] = [2_000, 10_000];
const COLUMNS: usize = 20;
const RUNS: usize = 10;
/// Issue 3: introspection plus comparison of 2,000 tables of 20 columns in under 300 ms.
const TARGET_TABLES: usize = 2_000;
const TARGET: Duration = Duration::from_millis(300);

fn server_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

fn database_url(name: &str) -> String {
    let server = server_url();
    match server.rfind('/') {
        Some(slash) if slash > "postgres://".len() => format!("{}/{name}", &server[..slash]),
        _ => format!("{server}/{name}"),
    }
}

async fn connect(url: &str) -> Result<Client, tokio_postgres::Error> {
    let (client, connection) = tokio_postgres::connect(url, NoTls).await?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    Ok(client)
}

/// DDL for tables `range`: an id primary key, 19 columns of mixed types, one extra index.
fn ddl(range: std::ops::Range<usize>) -> String {
    let types = [
        "text not null",
        "varchar(255)",
        "integer",
        "bigint not null default 0",
        "timestamptz not null default now()",
        "boolean",
        "numeric(10,2)",
        "jsonb",
        "uuid",
        "text[]",
    ];
    let mut sql = String::new();
    for t in range {
        let columns: Vec<String> = (1..COLUMNS)
            .map(|c| format!("c{c} {}", types[c % types.len()]))
            .collect();
        sql.push_str(&format!(
            "CREATE TABLE t{t} (id bigserial PRIMARY KEY, {});\nCREATE INDEX ix_t{t}_c1 ON t{t} (c1);\n",
            columns.join(", ")
        ));
    }
    sql
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sizes = sizes()?;
    let admin = connect(&server_url()).await?;
    let version: String = admin.query_one("SHOW server_version", &[]).await?.get(0);
    let names: Vec<String> = sizes
        .iter()
        .map(|n| format!("sg_bench_{}_{n}", std::process::id()))
        .collect();
    for name in &names {
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await?;
    }
    let result = run(&names, &sizes).await;
    for name in &names {
        admin
            .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await?;
    }
    let rows = result?;
    println!("PostgreSQL {version}, {RUNS} runs each, median\n");
    println!("| tables | columns | introspect | verify | total |");
    println!("|---:|---:|---:|---:|---:|");
    for &(tables, introspect_time, verify_time) in &rows {
        println!(
            "| {} | {} | {} | {} | {} |",
            thousands(tables),
            thousands(tables * COLUMNS),
            shown(introspect_time),
            shown(verify_time),
            shown(introspect_time + verify_time)
        );
    }
    if let Some((_, introspect_time, verify_time)) =
        rows.iter().find(|(tables, ..)| *tables == TARGET_TABLES)
    {
        let total = *introspect_time + *verify_time;
        println!(
            "\nTarget (issue 3): {} tables under {} ms: {}, {}.",
            thousands(TARGET_TABLES),
            TARGET.as_millis(),
            shown(total),
            if total < TARGET { "met" } else { "not met" }
        );
    }
    Ok(())
}

/// Table counts from the command line, or the defaults.
fn sizes() -> Result<Vec<usize>, Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        return Ok(DEFAULT_SIZES.to_vec());
    }
    args.iter()
        .map(|a| match a.parse::<usize>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(format!(
                "bench_verify: '{a}' is not a table count (usage: bench_verify [TABLES...])"
            )
            .into()),
        })
        .collect()
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// "147.7 ms", or "1,061 ms" once the decimal no longer matters.
fn shown(duration: Duration) -> String {
    let ms = ms(duration);
    if ms < 1000.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{} ms", thousands(ms.round() as usize))
    }
}

async fn run(
    names: &[String],
    sizes: &[usize],
) -> Result<Vec<(usize, Duration, Duration)>, Box<dyn std::error::Error>> {
    let mut rows = Vec::new();
    for (name, &tables) in names.iter().zip(sizes) {
        let client = connect(&database_url(name)).await?;
        // A multi-statement batch is one implicit transaction; chunks keep its locks within
        // the default max_locks_per_transaction.
        for start in (0..tables).step_by(100) {
            client
                .batch_execute(&ddl(start..tables.min(start + 100)))
                .await?;
        }
        client.batch_execute("ANALYZE").await?;
        let live = introspect(&client).await?;
        let expected = ExpectedSchema::from_schema(&live, Some(1), &[]);
        let ignored: BTreeSet<QualifiedName> = BTreeSet::new();
        let mut introspect_times = Vec::new();
        let mut verify_times = Vec::new();
        for _ in 0..RUNS {
            let start = Instant::now();
            let after = introspect(&client).await?;
            let introspected = Instant::now();
            let result = verify(Some(&expected), Some(&live), &after, &ignored, &ignored);
            verify_times.push(introspected.elapsed());
            introspect_times.push(introspected - start);
            assert!(
                result.findings.is_empty(),
                "benchmark schema should verify clean"
            );
        }
        rows.push((tables, median(introspect_times), median(verify_times)));
    }
    Ok(rows)
}
