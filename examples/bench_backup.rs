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

    // Pairs, each timed back to back, alternating which goes first: the machine's drift and
    // any advantage of going second cancel out in the per-pair ratio, whose median is the
    // figure reported. The medians of each side are printed too.
    let mut bare = Vec::new();
    let mut ours = Vec::new();
    let mut ratios = Vec::new();
    for run in 1..=runs {
        let file = work.path().join("bare.dump");
        let dir = work.path().join(format!("backups-{run}"));
        let opts = BackupOptions {
            dir: dir.clone(),
            from_version: Some(1),
            server_version_num: version_num,
            database_size_bytes: Some(db_size),
            // BENCH_PROGRESS=0 measures without `--verbose` and its stderr parsing.
            reporter: std::env::var("BENCH_PROGRESS")
                .map_or(true, |v| v != "0")
                .then(|| schemagate::Reporter::new(schemagate::report::Format::Text)),
            tools: tools.clone(),
            lock_wait_timeout: None,
            scope: schemagate::backup::Scope::full(),
        };
        let time_bare = || {
            let started = Instant::now();
            bare_dump(&pg_dump, &target, &file);
            started.elapsed()
        };
        let time_ours = || {
            let started = Instant::now();
            let info = take_backup(&target, &opts).expect("take_backup");
            (started.elapsed(), info.size_bytes)
        };
        let (bare_time, (our_time, our_size)) = if run % 2 == 1 {
            let b = time_bare();
            (b, time_ours())
        } else {
            let o = time_ours();
            (time_bare(), o)
        };
        let bare_size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        std::fs::remove_file(&file).ok();
        std::fs::remove_dir_all(&dir).ok();
        let ratio = our_time.as_secs_f64() / bare_time.as_secs_f64();
        println!(
            "run {run} ({} first): pg_dump -Fc {:.2}s ({bare_size} bytes), take_backup {:.2}s ({our_size} bytes), {:+.1}%",
            if run % 2 == 1 { "bare" } else { "ours" },
            bare_time.as_secs_f64(),
            our_time.as_secs_f64(),
            (ratio - 1.0) * 100.0
        );
        bare.push(bare_time);
        ours.push(our_time);
        ratios.push(ratio);
    }
    let (b, o) = (median(&mut bare), median(&mut ours));
    ratios.sort_by(f64::total_cmp);
    println!(
        "median: pg_dump -Fc {:.2}s, take_backup {:.2}s; median of per-pair overhead {:+.1}% (range {:+.1}% to {:+.1}%)",
        b.as_secs_f64(),
        o.as_secs_f64(),
        (ratios[ratios.len() / 2] - 1.0) * 100.0,
        (ratios[0] - 1.0) * 100.0,
        (ratios[ratios.len() - 1] - 1.0) * 100.0
    );
    fixed_costs(&pg_dump, &tools, version_num, &target, work.path());
}

/// The steps take_backup adds around pg_dump, each timed on its own (median of 5): what the
/// overhead is made of, independent of pg_dump's own run-to-run noise.
fn fixed_costs(
    pg_dump: &std::path::Path,
    tools: &ToolSearch,
    version_num: u32,
    target: &DumpTarget,
    work: &std::path::Path,
) {
    let pg_restore = tools
        .find("pg_restore", server_major(version_num))
        .expect("pg_restore");
    let file = work.join("fixed.dump");
    bare_dump(pg_dump, target, &file);
    let time = |f: &dyn Fn()| {
        let mut t: Vec<Duration> = (0..5)
            .map(|_| {
                let started = Instant::now();
                f();
                started.elapsed()
            })
            .collect();
        median(&mut t)
    };
    let version = time(&|| {
        std::process::Command::new(pg_dump)
            .arg("--version")
            .output()
            .expect("pg_dump --version");
    });
    let list = time(&|| {
        let out = std::process::Command::new(&pg_restore)
            .arg("--list")
            .arg(&file)
            .output()
            .expect("pg_restore --list");
        assert!(out.status.success());
    });
    let fsync = time(&|| {
        std::fs::File::open(&file)
            .and_then(|f| f.sync_all())
            .expect("fsync");
    });
    println!(
        "fixed costs (median of 5): --version probe {:.1} ms (two per backup), pg_restore --list {:.1} ms, fsync of the finished dump {:.1} ms",
        version.as_secs_f64() * 1000.0,
        list.as_secs_f64() * 1000.0,
        fsync.as_secs_f64() * 1000.0
    );
    std::fs::remove_file(&file).ok();
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
