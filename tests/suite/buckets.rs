//! Backups in object storage (issue 19, part 1), through the CLI against the real
//! S3-compatible server (support::s3): `--backup-dir s3://bucket/prefix` with the credentials
//! a Railway bucket injects; the backup complete and verified in the bucket before anything is
//! applied, listed and restored from there (the journey_templates incident included); and a
//! missing bucket, a wrong key, an upload cut off and a full staging disk each refused with
//! exit 7, nothing applied and nothing left in the bucket that looks like a backup.

use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, ObjectStoreExt};

use crate::support::cli::{Project, Run};
use crate::support::cut_proxy::CutProxy;
use crate::support::s3::S3Server;

/// Every object name in `bucket`, sorted.
fn objects(s3: &S3Server, bucket: &str) -> Vec<String> {
    let store = s3.store(bucket);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let listed = store
            .list_with_delimiter(Some(&ObjectPath::from("bk")))
            .await
            .unwrap();
        let mut names: Vec<String> = listed
            .objects
            .iter()
            .map(|o| o.location.to_string())
            .collect();
        names.sort();
        names
    })
}

/// `run` with the environment a Railway bucket gives (for this server and `bucket`).
fn with_bucket(mut run: Run, s3: &S3Server, bucket: &str) -> Run {
    for (key, value) in s3.env(bucket) {
        run = run.env(key, &value);
    }
    run
}

fn templates_project() -> Project {
    let p = Project::new();
    p.migration(
        "V1__users.sql",
        "create table users (id bigserial primary key, email text not null);",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.execute(
        "insert into users (email) select 'u' || g || '@example.com' from generate_series(1, 250) g;
         create table journey_templates (id int primary key, name text not null);
         insert into journey_templates values (1, 'onboarding'), (2, 'winback'), (3, 'churn');",
    );
    p.migration(
        "V2__drop_templates.sql",
        "-- squawk-ignore ban-drop-table\nDROP TABLE journey_templates;\n",
    );
    p
}

#[test]
fn a_dropped_table_is_recovered_from_a_bucket_backup() {
    let s3 = S3Server::shared();
    let bucket = s3.bucket();
    let p = templates_project();
    let deploy = p
        .schemagate(&["deploy"])
        .env("SCHEMAGATE_BACKUP_DIR", "s3:///bk");
    with_bucket(deploy, s3, &bucket)
        .status(0)
        .stderr_has(&format!("backup s3://{bucket}/bk/"))
        .stderr_has("uploaded and verified")
        .never_shows(&s3.secret_access_key)
        .run();
    assert_eq!(p.user_tables(), ["users"]);
    let names = objects(s3, &bucket);
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names[0].ends_with(".dump") && names[1] == format!("{}.json", names[0]));
    let name = names[0].strip_prefix("bk/").unwrap().to_string();
    let url = format!("s3://{bucket}/bk/{name}");
    // The run log names the bucket object, not a path on the container's disk.
    assert_eq!(
        p.value("select backup_file from schemagate_runs order by id desc limit 1"),
        url
    );

    let list = p.schemagate(&["backups", "--backup-dir", &format!("s3://{bucket}/bk")]);
    with_bucket(list, s3, &bucket)
        .status(0)
        .stdout_has(&url)
        .stdout_has("v1")
        .run();

    let restore = p.schemagate(&["restore", &url, "--table", "journey_templates", "--yes"]);
    with_bucket(restore, s3, &bucket)
        .status(0)
        .never_shows(&s3.secret_access_key)
        .run();
    assert_eq!(
        p.column("select name from journey_templates order by id"),
        ["onboarding", "winback", "churn"]
    );
    assert_eq!(p.applied_versions(), [1, 2]);

    // By its bare name too, with --backup-dir the bucket; whole, into another database.
    let other = Project::new();
    let restore = p.schemagate(&[
        "restore",
        &name,
        "--yes",
        "--backup-dir",
        &format!("s3://{bucket}/bk"),
        "--database-url",
        &other.db.url,
    ]);
    with_bucket(restore, s3, &bucket).status(0).run();
    assert_eq!(other.value("select count(*) from journey_templates"), "3");
    assert_eq!(other.value("select count(*) from users"), "250");
    assert_eq!(other.applied_versions(), [1]);
    // The backup of the state before that restore went into the bucket too, sidecar and all.
    let names = objects(s3, &bucket);
    let pre: Vec<&String> = names
        .iter()
        .filter(|n| n.contains(&other.db.name) && n.ends_with("-pre-restore.dump"))
        .collect();
    assert_eq!(pre.len(), 1, "{names:?}");
    assert!(names.contains(&format!("{}.json", pre[0])), "{names:?}");
}

#[test]
fn retention_in_a_bucket_deletes_only_schemagate_backups() {
    let s3 = S3Server::shared();
    let bucket = s3.bucket();
    let store = s3.store(&bucket);
    let p = Project::new();
    p.migration("V1__a.sql", "create table a (id int);");
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    let db = p.value("select current_database()");
    // Someone else's objects under the prefix: a dump without a sidecar (not a complete
    // backup), and a file of another name. Neither is listed, neither is deleted.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let orphan = format!("bk/{db}-20200101T000000Z-v0.dump");
    runtime.block_on(async {
        store
            .put(&ObjectPath::from(orphan.as_str()), "x".into())
            .await
            .unwrap();
        store
            .put(&ObjectPath::from("bk/notes.txt"), "x".into())
            .await
            .unwrap();
    });
    for (version, sql) in [
        (2, "create table b (id int);"),
        (3, "create table c (id int);"),
    ] {
        p.migration(&format!("V{version}__t.sql"), sql);
        let deploy = p.schemagate(&[
            "deploy",
            "--backup-dir",
            &format!("s3://{bucket}/bk"),
            "--keep-backups",
            "1",
        ]);
        with_bucket(deploy, s3, &bucket).status(0).run();
    }
    let names = objects(s3, &bucket);
    let dumps: Vec<&String> = names
        .iter()
        .filter(|n| n.ends_with(".dump") && **n != orphan)
        .collect();
    assert_eq!(dumps.len(), 1, "{names:?}");
    assert!(dumps[0].ends_with("-v2.dump"), "{names:?}");
    assert!(names.contains(&orphan), "{names:?}");
    assert!(names.contains(&"bk/notes.txt".to_string()), "{names:?}");
    let list = p.schemagate(&[
        "backups",
        "--json",
        "--backup-dir",
        &format!("s3://{bucket}/bk"),
    ]);
    let out = with_bucket(list, s3, &bucket).status(0).run();
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");

    // `backup` by hand: printed as its URL, and pruned the same way.
    let backup = p.schemagate(&[
        "backup",
        "--backup-dir",
        &format!("s3://{bucket}/bk"),
        "--keep-backups",
        "1",
    ]);
    with_bucket(backup, s3, &bucket)
        .status(0)
        .stdout_has(&format!("s3://{bucket}/bk/{db}-"))
        .run();
    let names = objects(s3, &bucket);
    let dumps: Vec<&String> = names
        .iter()
        .filter(|n| n.ends_with(".dump") && **n != orphan)
        .collect();
    assert_eq!(dumps.len(), 1, "{names:?}");
    assert!(dumps[0].ends_with("-v3.dump"), "{names:?}");
}

/// A deploy whose backup cannot reach the bucket: exit 7, V2 not applied, nothing in the
/// bucket that looks like a backup (no sidecar).
fn refused(p: &Project, run: Run, says: &[&str]) {
    let mut run = run
        .status(7)
        .stderr_has("backup failed, nothing was applied");
    for text in says {
        run = run.stderr_has(text);
    }
    run.run();
    assert_eq!(p.applied_versions(), [1]);
    assert!(p.user_tables().contains(&"journey_templates".to_string()));
}

#[test]
fn a_missing_bucket_is_refused_before_the_dump() {
    let s3 = S3Server::shared();
    let p = templates_project();
    let deploy = p.schemagate(&["deploy", "--backup-dir", "s3://sg-no-such-bucket/bk"]);
    refused(
        &p,
        with_bucket(deploy, s3, "ignored"),
        &["NoSuchBucket", "bucket sg-no-such-bucket does not exist"],
    );
}

#[test]
fn a_wrong_key_is_refused_and_never_shown() {
    let s3 = S3Server::shared();
    let bucket = s3.bucket();
    let p = templates_project();
    let deploy = p.schemagate(&["deploy", "--backup-dir", &format!("s3://{bucket}/bk")]);
    let deploy = with_bucket(deploy, s3, &bucket)
        .env("AWS_SECRET_ACCESS_KEY", "wrong-secret-wrong-secret")
        .never_shows("wrong-secret-wrong-secret")
        .never_shows(&s3.secret_access_key);
    refused(
        &p,
        deploy,
        &[
            "SignatureDoesNotMatch",
            "check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
        ],
    );
    let deploy = p.schemagate(&["deploy", "--backup-dir", &format!("s3://{bucket}/bk")]);
    let deploy = with_bucket(deploy, s3, &bucket).env("AWS_ACCESS_KEY_ID", "AKIAWRONGWRONGWRONG1");
    refused(&p, deploy, &["InvalidAccessKeyId"]);
    assert_eq!(objects(s3, &bucket), Vec::<String>::new());
}

/// Rows enough for a dump of several MiB that does not compress away (md5 text).
fn big_rows(p: &Project, mib: u32) {
    p.execute(&format!(
        "create table blobs (id int, body text);
         insert into blobs select g, string_agg(md5(g::text || '-' || i::text), '')
           from generate_series(1, {rows}) g, generate_series(1, 32) i group by g;",
        rows = mib * 1024
    ));
}

#[test]
fn an_upload_cut_off_part_way_applies_nothing_and_leaves_no_backup() {
    let s3 = S3Server::shared();
    let bucket = s3.bucket();
    let p = templates_project();
    // Over one part (8 MiB): a multipart upload.
    big_rows(&p, 24);
    let proxy = CutProxy::start(s3.addr());
    let deploy = p.schemagate(&["deploy", "--backup-dir", &format!("s3://{bucket}/bk")]);
    let deploy = with_bucket(deploy, s3, &bucket).env("AWS_ENDPOINT_URL", &proxy.endpoint());
    // Past the listing that checks access, into the dump's upload.
    proxy.cut_after(3 * 1024 * 1024);
    refused(&p, deploy, &["could not upload"]);
    assert!(proxy.has_cut());
    let names = objects(s3, &bucket);
    assert!(
        !names.iter().any(|n| n.ends_with(".json")),
        "a sidecar after a cut upload: {names:?}"
    );
    assert!(
        names.is_empty(),
        "an object left by a cut upload: {names:?}"
    );

    // The same deploy, passing: applied, and the backup complete in the bucket.
    proxy.pass();
    let deploy = p.schemagate(&["deploy", "--backup-dir", &format!("s3://{bucket}/bk")]);
    with_bucket(deploy, s3, &bucket)
        .env("AWS_ENDPOINT_URL", &proxy.endpoint())
        .status(0)
        .run();
    assert_eq!(p.applied_versions(), [1, 2]);
    assert_eq!(objects(s3, &bucket).len(), 2);
}

/// A 2 MiB tmpfs of its own, unmounted on drop (the tests run as root here; see
/// docs/test-infrastructure.md).
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount() -> SmallDisk {
        let dir = tempfile::tempdir().unwrap();
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=2M", "tmpfs"])
            .arg(dir.path())
            .status()
            .unwrap();
        assert!(
            status.success(),
            "mounting a 2 MiB tmpfs failed: this test needs root (or CAP_SYS_ADMIN)"
        );
        SmallDisk { dir }
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.dir.path())
            .status();
    }
}

#[test]
fn a_full_staging_disk_applies_nothing_and_uploads_nothing() {
    let s3 = S3Server::shared();
    let bucket = s3.bucket();
    let p = templates_project();
    big_rows(&p, 6);
    let disk = SmallDisk::mount();
    let deploy = p.schemagate(&["deploy", "--backup-dir", &format!("s3://{bucket}/bk")]);
    let deploy = with_bucket(deploy, s3, &bucket).env("TMPDIR", disk.dir.path().to_str().unwrap());
    refused(&p, deploy, &["No space left on device"]);
    assert_eq!(objects(s3, &bucket), Vec::<String>::new());
    // Nothing left in staging.
    assert_eq!(std::fs::read_dir(disk.dir.path()).unwrap().count(), 0);

    // What a backup killed outright left (its process gone) is removed by the next one, which
    // then fits; a running process's staging is not touched.
    let tmp = disk.dir.path();
    let abandoned = tmp.join("schemagate-staging-2147483646-1");
    std::fs::create_dir(&abandoned).unwrap();
    std::fs::write(abandoned.join("x.dump"), vec![7u8; 1536 * 1024]).unwrap();
    let running = tmp.join(format!("schemagate-staging-{}-1", std::process::id()));
    std::fs::create_dir(&running).unwrap();
    p.execute("drop table blobs");
    let deploy = p.schemagate(&["deploy", "--backup-dir", &format!("s3://{bucket}/bk")]);
    with_bucket(deploy, s3, &bucket)
        .env("TMPDIR", tmp.to_str().unwrap())
        .status(0)
        .run();
    assert!(!abandoned.exists());
    assert!(running.exists());
    assert_eq!(objects(s3, &bucket).len(), 2);
}

#[test]
fn bad_bucket_settings_and_missing_backups_are_refused_clearly() {
    let s3 = S3Server::shared();
    let bucket = s3.bucket();
    let p = templates_project();
    // `s3://` with no bucket and no AWS_S3_BUCKET_NAME: a usage error, before connecting.
    p.schemagate(&["deploy", "--backup-dir", "s3://"])
        .env_remove("AWS_S3_BUCKET_NAME")
        .status(2)
        .stderr_has("--backup-dir: s3:// names no bucket and AWS_S3_BUCKET_NAME is not set")
        .run();
    let deploy = p.schemagate(&["deploy", "--backup-dir", &format!("s3://{bucket}/bk")]);
    refused(
        &p,
        with_bucket(deploy, s3, &bucket).env("AWS_S3_URL_STYLE", "sideways"),
        &["AWS_S3_URL_STYLE must be path or virtual, got \"sideways\""],
    );
    // A backup that is not there, or whose upload never finished (no sidecar): nothing restored.
    let store = s3.store(&bucket);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        store
            .put(
                &ObjectPath::from("bk/app-20260101T000000Z-v1.dump"),
                "partial".into(),
            )
            .await
            .unwrap();
    });
    for name in [
        "nope-20260101T000000Z-v1.dump",
        "app-20260101T000000Z-v1.dump",
    ] {
        let restore = p.schemagate(&["restore", &format!("s3://{bucket}/bk/{name}"), "--yes"]);
        with_bucket(restore, s3, &bucket)
            .status(7)
            .stderr_has("no such backup in the bucket")
            .run();
    }
    assert_eq!(p.applied_versions(), [1]);
}

#[test]
fn pg_dump_never_sees_the_bucket_credentials() {
    use std::os::unix::fs::PermissionsExt;
    let s3 = S3Server::shared();
    let bucket = s3.bucket();
    let p = templates_project();
    // pg_dump and pg_restore wrapped: each writes its environment down, then runs the real one.
    let real = crate::support::pg_client_dir(p.server_major());
    let wrappers = p.path().join("wrapped");
    std::fs::create_dir(&wrappers).unwrap();
    for tool in ["pg_dump", "pg_restore"] {
        let path = wrappers.join(tool);
        std::fs::write(
            &path,
            format!(
                "#!/bin/sh\nenv >> {env}\nexec {real} \"$@\"\n",
                env = p.path().join("seen-env").display(),
                real = real.join(tool).display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let deploy = p
        .schemagate(&["deploy", "--backup-dir", &format!("s3://{bucket}/bk")])
        .env("SCHEMAGATE_PG_BINDIR", wrappers.to_str().unwrap());
    with_bucket(deploy, s3, &bucket).status(0).run();
    let seen = std::fs::read_to_string(p.path().join("seen-env")).unwrap();
    assert!(seen.contains("PGDATABASE="), "the wrappers ran: {seen}");
    assert!(
        !seen.contains(&s3.secret_access_key),
        "a tool saw the secret"
    );
    assert!(!seen.contains("AWS_"), "a tool saw an AWS_ variable");
}
