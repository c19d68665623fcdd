// Variant: schemagate as Railway's pre-deploy command, backups in a Railway bucket.
//   railway config plan --file .railway/variants/predeploy-bucket.ts
// The pre-deploy command runs once per deploy, in a separate container with no volume, before
// the new deployment's containers start; a non-zero exit stops the deploy and Railway does not
// retry it. The app's start command is the app alone. Backups go to the bucket, so they outlive
// that container (a backup written to its disk would be thrown away), and the service needs no
// volume, so it can run replicas. Needs a schemagate with object-storage backups.
import { bucket, defineRailway, postgres, project, ref, service } from "railway/iac";

export default defineRailway(() => {
  const db = postgres("postgres");
  const backups = bucket("backups", { region: "iad" });

  const web = service("web", {
    build: { builder: "DOCKERFILE", dockerfilePath: "Dockerfile" },
    preDeploy: "schemagate deploy",
    // The app alone: by the time it starts, the migrations are applied and verified.
    start: "hypercorn main:app --bind [::]:8000",
    healthcheck: "/health",
    healthcheckTimeout: 300,
    deploy: { restartPolicyType: "ON_FAILURE", restartPolicyMaxRetries: 3 },
    replicas: 2,
    env: {
      DATABASE_URL: db.env.DATABASE_URL,
      PORT: "8000",
      // `--backup-dir s3://<bucket>/schemagate`; see .railway/railway.ts.
      SCHEMAGATE_BACKUP_DIR: `s3://\${{${backups.name}.BUCKET}}/schemagate`,
      AWS_ENDPOINT_URL: ref(backups, "ENDPOINT"),
      AWS_ACCESS_KEY_ID: ref(backups, "ACCESS_KEY_ID"),
      AWS_SECRET_ACCESS_KEY: ref(backups, "SECRET_ACCESS_KEY"),
      AWS_DEFAULT_REGION: ref(backups, "REGION"),
      AWS_S3_BUCKET_NAME: ref(backups, "BUCKET"),
      AWS_S3_URL_STYLE: "virtual",
    },
  });

  return project("app", { resources: [db, backups, web] });
});
