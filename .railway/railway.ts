// Railway Infrastructure as Code for an app that migrates with schemagate in its start command,
// with the backups in a Railway bucket. `railway config plan` shows what this would change,
// `railway config apply` applies it (docs/railway.md). Two other variants, checked the same way:
//   variants/predeploy-bucket.ts   schemagate as the pre-deploy command, backups in a bucket
//   variants/start-volume.ts       start command, backups on a volume (no replicas; downtime)
// scripts/check-railway.sh type-checks all three against Railway's `railway` package and checks
// that this file's start command is the one in railway.json (the legacy Config as Code form,
// which Railway stopped reading on 2026-12-01).
//
// Bucket backups (`s3://...`) need a schemagate with object-storage backups; a build without
// them refuses an s3:// backup directory (exit 2) before connecting: use
// variants/start-volume.ts with it.
import { bucket, defineRailway, postgres, project, ref, service } from "railway/iac";

export default defineRailway(() => {
  const db = postgres("postgres");
  const backups = bucket("backups", { region: "iad" });

  const web = service("web", {
    // The app's own Dockerfile, which copies schemagate in (README.md, "In your app's image").
    build: { builder: "DOCKERFILE", dockerfilePath: "Dockerfile" },
    // A Dockerfile start command runs without a shell, so nobody expands $PORT but schemagate
    // (--expand-env, in the app's arguments only).
    start: "schemagate deploy --expand-env -- hypercorn main:app --bind [::]:${PORT:-8000}",
    // Railway sends traffic to the new deployment only once /health answers 200; the old one
    // keeps serving while schemagate waits for the database (60s), the lock (300s), backs up
    // and migrates, and keeps serving if it refuses.
    healthcheck: "/health",
    healthcheckTimeout: 600,
    deploy: {
      // A database still starting or a lock held by another deploy clears up on a retry; a
      // refusal (exit 5, 6, 9) repeats identically, so a few retries, not forever.
      restartPolicyType: "ON_FAILURE",
      restartPolicyMaxRetries: 3,
    },
    // No volume, so replicas are allowed: the advisory lock lets one migrate while the others
    // wait, then verify and start.
    replicas: 2,
    env: {
      DATABASE_URL: db.env.DATABASE_URL,
      // The same as `--backup-dir s3://<bucket>/schemagate`, as a variable so that Railway
      // fills in the bucket's S3 name (its display name plus a hash); Railway expands ${{...}}
      // in variables, not in a Dockerfile start command.
      SCHEMAGATE_BACKUP_DIR: `s3://\${{${backups.name}.BUCKET}}/schemagate`,
      // What Railway's AWS SDK preset injects, from the bucket's credentials.
      AWS_ENDPOINT_URL: ref(backups, "ENDPOINT"),
      AWS_ACCESS_KEY_ID: ref(backups, "ACCESS_KEY_ID"),
      AWS_SECRET_ACCESS_KEY: ref(backups, "SECRET_ACCESS_KEY"),
      AWS_DEFAULT_REGION: ref(backups, "REGION"),
      AWS_S3_BUCKET_NAME: ref(backups, "BUCKET"),
      // Buckets created since Railway moved to virtual-hosted URLs; an older bucket's
      // Credentials tab may say "path".
      AWS_S3_URL_STYLE: "virtual",
    },
  });

  return project("app", { resources: [db, backups, web] });
});
