//! Times schemagate's `take_backup` against a bare `pg_dump -Fc` of the same database,
//! alternating the two so cache and load affect both alike; prints the medians. Driven by
//! `scripts/bench-backup.sh`.

use std::time::{Duration, Instant};

use schemagate::backup::{BackupOptions, DumpTarget, ToolSearch, server_major, take_backup};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, host, port, user, dbname, runs] = &args[..] else {
        eprintln!("usage: bench_backup HOST PORT USER DBNAME RUNS");
        std::process::exit(2);
    };
    let runs: usize = runs.parse().expect("RUNS is a number");
    let target = DumpTarget {
        host: host.clone(),
        port: port.parse().expect("PORT is a number"),
        user: user.clone(),
        password: None,
        dbname: dbname.clone(),
        sslmode: "prefer".into(),
        sslrootcert: None,
    };
    let (version_num, db_size) = server_facts(&target);
    let tools = ToolSearch::from_env();
    let pg_dump = tools
        .find("pg_dump", server_major(version_num))
        .expect("pg_dump");
    let work = tempfile::tempdir().expect("temp dir");
    println!(
        "database {dbname}: {:.2} GB, server_version_num {version_num}",
        db_size as f64 / 1e9
    );

    // One untimed dump first so both sides start with the tables in the page cache.
    let warm = work.path().join("warm.dump");
    bare_dump(&pg_dump, &target, &warm);
    std::fs::remove_file(&warm).ok();

    let mut bare = Vec::new();
    let mut ours = Vec::new();
    for run in 1..=runs {
        let file = work.path().join("bare.dump");
        let started = Instant::now();
        bare_dump(&pg_dump, &target, &file);
        let bare_time = started.elapsed();
        let bare_size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        std::fs::remove_file(&file).ok();

        let dir = work.path().join(format!("backups-{run}"));
        let opts = BackupOptions {
            dir: dir.clone(),
            from_version: Some(1),
            server_version_num: version_num,
            database_size_bytes: Some(db_size),
            // BENCH_PROGRESS=0 measures without `--verbose` and its stderr parsing.
            progress: std::env::var("BENCH_PROGRESS").map_or(true, |v| v != "0"),
            tools: tools.clone(),
        };
        let started = Instant::now();
        let info = take_backup(&target, &opts).expect("take_backup");
        let our_time = started.elapsed();
        std::fs::remove_dir_all(&dir).ok();
        println!(
            "run {run}: pg_dump -Fc {:.2}s ({bare_size} bytes), take_backup {:.2}s ({} bytes)",
            bare_time.as_secs_f64(),
            our_time.as_secs_f64(),
            info.size_bytes
        );
        bare.push(bare_time);
        ours.push(our_time);
    }
    let (b, o) = (median(&mut bare), median(&mut ours));
    println!(
        "median: pg_dump -Fc {:.2}s, take_backup {:.2}s, overhead {:+.1}%",
        b.as_secs_f64(),
        o.as_secs_f64(),
        (o.as_secs_f64() / b.as_secs_f64() - 1.0) * 100.0
    );
}

fn bare_dump(pg_dump: &std::path::Path, target: &DumpTarget, file: &std::path::Path) {
    let status = std::process::Command::new(pg_dump)
        .args(["-Fc", "-f"])
        .arg(file)
        .env("PGHOST", &target.host)
        .env("PGPORT", target.port.to_string())
        .env("PGUSER", &target.user)
        .env("PGDATABASE", &target.dbname)
        .status()
        .expect("run pg_dump");
    assert!(status.success(), "pg_dump failed");
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn server_facts(target: &DumpTarget) -> (u32, u64) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut config = tokio_postgres::Config::new();
        config.host(&target.host).port(target.port).user(&target.user).dbname(&target.dbname);
        let (client, conn) = config.connect(tokio_postgres::NoTls).await.expect("connect");
        tokio::spawn(conn);
        let row = client
            .query_one(
                "SELECT current_setting('server_version_num')::int, pg_database_size(current_database())",
                &[],
            )
            .await
            .expect("query");
        (row.get::<_, i32>(0) as u32, row.get::<_, i64>(1) as u64)
    })
}
