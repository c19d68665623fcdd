// Variant: schemagate in the start command, backups on a Railway volume (what works with
// today's schemagate, before object-storage backups).
//   railway config plan --file .railway/variants/start-volume.ts
// Railway's volume caveats apply: one volume per service, no replicas, and "a small amount of
// downtime when re-deploying a service that has a volume attached, even if there is a
// healthcheck endpoint configured" (only one deployment may have the volume mounted).
import { defineRailway, postgres, project, service, volume } from "railway/iac";

export default defineRailway(() => {
  const db = postgres("postgres");
  const data = volume("schemagate-data", { sizeMB: 5120 });

  const web = service("web", {
    build: { builder: "DOCKERFILE", dockerfilePath: "Dockerfile" },
    start: "schemagate deploy --expand-env -- hypercorn main:app --bind [::]:${PORT:-8000}",
    healthcheck: "/health",
    healthcheckTimeout: 600,
    deploy: { restartPolicyType: "ON_FAILURE", restartPolicyMaxRetries: 3 },
    volumeMounts: { "/data": data },
    env: {
      DATABASE_URL: db.env.DATABASE_URL,
      SCHEMAGATE_BACKUP_DIR: "/data/backups",
      // Railway mounts volumes owned by root; an image whose user is not root (schemagate's
      // runs as 10001) cannot create /data/backups there. Railway's documented way out is to
      // run the container as root. Without it: exit 7, "could not create backup directory
      // /data/backups: Permission denied", nothing applied, with a hint naming this variable.
      RAILWAY_RUN_UID: "0",
    },
  });

  return project("app", { resources: [db, data, web] });
});
