//! The S3-compatible server the tests start (support::s3, moto) answers the `object_store`
//! crate as S3 does: objects put, read, listed and deleted; a missing bucket and a wrong key
//! refused with S3's own error codes; an upload cut off part-way (support::cut_proxy) or
//! interrupted by the server going away leaves no object behind. Each test has its own bucket.

use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutMode, PutPayload};

use crate::support::cut_proxy::CutProxy;
use crate::support::s3::S3Server;

const MIB: usize = 1024 * 1024;

/// `len` bytes that differ from one position to the next.
fn bytes(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 7 % 251) as u8).collect()
}

#[tokio::test]
async fn objects_are_put_read_listed_and_deleted() {
    let s3 = S3Server::shared();
    let bucket = s3.bucket();
    let store = s3.store(&bucket);
    let dump = Path::from("backups/app-20261206T000000Z-v7.dump");
    let sidecar = Path::from("backups/app-20261206T000000Z-v7.dump.json");
    let body = bytes(300_000);
    store
        .put(&dump, PutPayload::from(body.clone()))
        .await
        .unwrap();
    store
        .put(&sidecar, PutPayload::from("{\"schema_version\": 7}"))
        .await
        .unwrap();
    store
        .put(&Path::from("elsewhere/x"), PutPayload::from("x"))
        .await
        .unwrap();

    let read = store.get(&dump).await.unwrap().bytes().await.unwrap();
    assert_eq!(read.as_ref(), body.as_slice());
    assert_eq!(store.head(&dump).await.unwrap().size, body.len() as u64);

    let listed = store
        .list_with_delimiter(Some(&Path::from("backups")))
        .await
        .unwrap();
    let mut names: Vec<String> = listed
        .objects
        .iter()
        .map(|o| o.location.to_string())
        .collect();
    names.sort();
    assert_eq!(names, [dump.to_string(), sidecar.to_string()]);

    // Create-only: an object that exists is not replaced.
    let err = store
        .put_opts(&dump, PutPayload::from("other"), PutMode::Create.into())
        .await
        .unwrap_err();
    assert!(
        matches!(err, object_store::Error::AlreadyExists { .. }),
        "{err:?}"
    );

    store.delete(&dump).await.unwrap();
    let err = store.get(&dump).await.unwrap_err();
    assert!(
        matches!(err, object_store::Error::NotFound { .. }),
        "{err:?}"
    );
    let listed = store
        .list_with_delimiter(Some(&Path::from("backups")))
        .await
        .unwrap();
    assert_eq!(listed.objects.len(), 1);
}

#[tokio::test]
async fn a_missing_bucket_is_refused_as_no_such_bucket() {
    let s3 = S3Server::shared();
    let store = s3.store("sg-no-such-bucket");
    let err = store
        .put(&Path::from("a"), PutPayload::from("x"))
        .await
        .unwrap_err();
    // object_store says NotFound for a missing bucket as for a missing object: S3's code in
    // the message tells them apart.
    assert!(
        matches!(err, object_store::Error::NotFound { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("NoSuchBucket"), "{err}");
    let err = store.get(&Path::from("a")).await.unwrap_err();
    assert!(
        matches!(err, object_store::Error::NotFound { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("NoSuchBucket"), "{err}");
}

#[tokio::test]
async fn a_wrong_key_or_secret_is_refused() {
    let s3 = S3Server::shared();
    let bucket = s3.bucket();
    s3.store(&bucket)
        .put(&Path::from("a"), PutPayload::from("x"))
        .await
        .unwrap();
    let wrong_id = s3
        .builder(&s3.endpoint, &bucket)
        .with_access_key_id("AKIAWRONGWRONGWRONG1")
        .build()
        .unwrap();
    let err = wrong_id.get(&Path::from("a")).await.unwrap_err();
    assert!(
        matches!(err, object_store::Error::PermissionDenied { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("InvalidAccessKeyId"), "{err}");
    let wrong_secret = s3
        .builder(&s3.endpoint, &bucket)
        .with_secret_access_key("not-the-secret")
        .build()
        .unwrap();
    let err = wrong_secret
        .put(&Path::from("b"), PutPayload::from("x"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, object_store::Error::PermissionDenied { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("SignatureDoesNotMatch"), "{err}");
    // Neither reached the bucket.
    let store = s3.store(&bucket);
    assert!(matches!(
        store.head(&Path::from("b")).await,
        Err(object_store::Error::NotFound { .. })
    ));
    assert!(!err.to_string().contains(&s3.secret_access_key));
}

#[tokio::test]
async fn a_single_put_cut_off_part_way_leaves_no_object() {
    let s3 = S3Server::shared();
    let bucket = s3.bucket();
    let proxy = CutProxy::start(s3.addr());
    let through = s3.store_at(&proxy.endpoint(), &bucket);
    let direct = s3.store(&bucket);
    let location = Path::from("backups/cut.dump");

    proxy.cut_after(256 * 1024);
    let err = through
        .put(&location, PutPayload::from(bytes(2 * MIB)))
        .await
        .unwrap_err();
    assert!(proxy.has_cut(), "{err}");
    assert!(
        matches!(
            direct.head(&location).await,
            Err(object_store::Error::NotFound { .. })
        ),
        "a cut-off PUT left an object"
    );

    // Passing again, the same upload completes.
    proxy.pass();
    through
        .put(&location, PutPayload::from(bytes(2 * MIB)))
        .await
        .unwrap();
    assert_eq!(direct.head(&location).await.unwrap().size, (2 * MIB) as u64);
}

#[tokio::test]
async fn a_multipart_upload_cut_off_after_its_first_part_leaves_no_object() {
    let s3 = S3Server::shared();
    let bucket = s3.bucket();
    let proxy = CutProxy::start(s3.addr());
    let through = s3.store_at(&proxy.endpoint(), &bucket);
    let direct = s3.store(&bucket);
    let location = Path::from("backups/multipart.dump");

    // S3 parts are 5 MiB at least (but the last).
    let mut upload = through.put_multipart(&location).await.unwrap();
    upload
        .put_part(PutPayload::from(bytes(5 * MIB)))
        .await
        .unwrap();
    proxy.cut_after(MIB as u64);
    let err = upload
        .put_part(PutPayload::from(bytes(5 * MIB)))
        .await
        .unwrap_err();
    assert!(proxy.has_cut(), "{err}");
    // Completing now fails as well (the proxy refuses new connections while cut).
    assert!(upload.complete().await.is_err());
    assert!(
        matches!(
            direct.head(&location).await,
            Err(object_store::Error::NotFound { .. })
        ),
        "an interrupted multipart upload left an object"
    );
    // The parts already sent stay on the server until the upload is aborted.
    upload.abort().await.unwrap_err();
    proxy.pass();
    upload.abort().await.unwrap();
}

#[tokio::test]
async fn a_server_that_goes_away_mid_upload_fails_the_upload() {
    let s3 = S3Server::start();
    let bucket = s3.bucket();
    let store = s3.store(&bucket);
    let mut upload = store
        .put_multipart(&Path::from("backups/gone.dump"))
        .await
        .unwrap();
    upload
        .put_part(PutPayload::from(bytes(5 * MIB)))
        .await
        .unwrap();
    s3.kill();
    let err = upload
        .put_part(PutPayload::from(bytes(MIB)))
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("error sending request")
            || err.to_string().contains("Connection refused")
            || err.to_string().contains("connect"),
        "{err}"
    );
    assert!(upload.complete().await.is_err());
}
