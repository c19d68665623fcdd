#!/usr/bin/env bash
# Check .railway/*.ts (Railway Infrastructure as Code) as far as a machine without a Railway
# account can: type-check every file against Railway's published `railway` package (its
# `railway/iac` types), evaluate each the way the Railway CLI does (import it and call its
# default export with an empty context), and check what came out: one service whose start
# command, healthcheck, timeout and restart policy are railway.json's (the legacy Config as Code
# form), references only to resources the file declares, and a backup target that outlives the
# container (a bucket, or a mounted volume with RAILWAY_RUN_UID=0 and no replicas).
#
# Not checked: anything Railway's servers decide (`railway config plan` needs a linked project),
# whether Railway interpolates the ${{...}} in SCHEMAGATE_BACKUP_DIR, and whether the bucket's
# reference names (ENDPOINT, ACCESS_KEY_ID, ...) are the ones Railway provides (taken from its
# storage-buckets documentation).
#
# The packages (railway, typescript, pinned below) are installed once from the npm registry into
# ~/.cache/schemagate/railway-iac. scripts/test.sh runs this, so CI does.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pg-env.sh # ensure_tool
RAILWAY_SDK_VERSION=3.11.0
TYPESCRIPT_VERSION=5.9.3
cache=${XDG_CACHE_HOME:-$HOME/.cache}/schemagate/railway-iac
mkdir -p "$cache"

ensure_tool node nodejs
installed() {
  node -p "require('$cache/node_modules/$1/package.json').version" 2>/dev/null || true
}
if [ "$(installed railway)" != "$RAILWAY_SDK_VERSION" ] || [ "$(installed typescript)" != "$TYPESCRIPT_VERSION" ]; then
  ensure_tool npm npm
  # "type": "module": the emitted files below are ES modules, as railway.ts is for the CLI.
  printf '{ "private": true, "type": "module" }\n' >"$cache/package.json"
  npm install --prefix "$cache" --no-audit --no-fund --loglevel=error \
    "railway@$RAILWAY_SDK_VERSION" "typescript@$TYPESCRIPT_VERSION" >&2
fi

repo=$(pwd)
out="$cache/out"
rm -rf "$out"
# strict, and only syntax that type stripping can erase: the Railway CLI runs the file with
# `node --experimental-strip-types`, which cannot run enums, namespaces or parameter properties.
cat >"$cache/tsconfig.json" <<JSON
{
  "compilerOptions": {
    "strict": true,
    "noUnusedLocals": true,
    "erasableSyntaxOnly": true,
    "verbatimModuleSyntax": true,
    "target": "es2022",
    "module": "esnext",
    "moduleResolution": "bundler",
    "types": [],
    "paths": { "railway/iac": ["$cache/node_modules/railway/dist/iac/index.d.ts"] },
    "rootDir": "$repo/.railway",
    "outDir": "$out",
    "noEmitOnError": true
  },
  "include": ["$repo/.railway/**/*.ts"]
}
JSON
"$cache/node_modules/.bin/tsc" -p "$cache/tsconfig.json"

# The checks run from the cache, where node finds the railway package.
cat >"$cache/check.mjs" <<'JS'
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { validateGraph } from "railway/iac";

const [outDir, repo, sdkVersion] = process.argv.slice(2);
const legacy = JSON.parse(readFileSync(join(repo, "railway.json"), "utf8"));
const errors = [];
const fail = (file, message) => errors.push(`.railway/${file}: ${message}`);

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".js") ? [path] : [];
  });
}

// What the Railway CLI does with the file (src/iac/eval.rs in railwayapp/cli): import it, take
// the default export, call it with an empty context.
async function evaluate(path) {
  const mod = await import(pathToFileURL(path).href);
  const exported = mod.default ?? mod.main ?? mod.Railway ?? mod;
  return typeof exported === "function" ? await exported({}) : exported;
}

const evaluated = {};
for (const path of files(outDir)) {
  const file = relative(outDir, path).replace(/\.js$/, ".ts");
  evaluated[file] = await evaluate(path);
}
for (const required of ["railway.ts", "variants/predeploy-bucket.ts", "variants/start-volume.ts"]) {
  if (!evaluated[required]) fail(required, "missing");
}

for (const [file, project] of Object.entries(evaluated)) {
  const resources = project.resources ?? [];
  // The graph the CLI compiles, as far as references and mounts go, and the SDK's own check.
  const edges = resources.flatMap((r) => [
    ...Object.entries(r.variables ?? {})
      .filter(([, v]) => v.type === "reference")
      .map(([key, v]) => ({ from: r.address, to: v.resource, type: "variable", key })),
    ...Object.values(r.volumeAttachments ?? {}).map((a) => ({ from: r.address, to: a.volume, type: "mount", key: a.mountPath })),
  ]);
  const graph = { version: 1, project: { name: project.name }, environments: [], resources, edges };
  for (const e of validateGraph(graph)) fail(file, e);

  const services = resources.filter((r) => r.type === "service");
  if (services.length !== 1) {
    fail(file, `expected one service, found ${services.length}`);
    continue;
  }
  const [web] = services;
  const deploy = web.deploy ?? {};
  const vars = Object.fromEntries(
    Object.entries(web.variables ?? {}).map(([k, v]) => [k, v.type === "literal" ? v.value : v]),
  );
  const value = (name) => (typeof vars[name] === "string" ? vars[name] : undefined);
  if (deploy.healthcheckPath !== legacy.deploy.healthcheckPath) {
    fail(file, `healthcheck ${deploy.healthcheckPath} is not railway.json's ${legacy.deploy.healthcheckPath}`);
  }
  if (!(deploy.healthcheckTimeout >= 300)) fail(file, `healthcheckTimeout ${deploy.healthcheckTimeout}: under 300s`);
  if (deploy.restartPolicyType !== "ON_FAILURE" || !(deploy.restartPolicyMaxRetries >= 1 && deploy.restartPolicyMaxRetries <= 10)) {
    fail(file, "restart policy: ON_FAILURE with 1 to 10 retries, so a refusal does not loop");
  }
  if (web.build?.builder !== legacy.build.builder || web.build?.dockerfilePath !== legacy.build.dockerfilePath) {
    fail(file, "build is not railway.json's");
  }
  if (vars.DATABASE_URL?.type !== "reference") fail(file, "DATABASE_URL is not a reference to the database");

  const schemagateInPreDeploy = (deploy.preDeployCommand ?? []).some((c) => c.startsWith("schemagate deploy"));
  if (schemagateInPreDeploy) {
    if ((deploy.startCommand ?? "").includes("schemagate")) fail(file, "schemagate both in the pre-deploy and the start command");
  } else if (deploy.startCommand !== legacy.deploy.startCommand) {
    fail(file, `start command differs from railway.json's:\n  ${deploy.startCommand}\n  ${legacy.deploy.startCommand}`);
  }

  const backupDir = value("SCHEMAGATE_BACKUP_DIR") ?? "";
  const mounts = Object.values(web.volumeAttachments ?? {});
  if (backupDir.startsWith("s3://")) {
    const bucket = resources.find((r) => r.type === "bucket");
    if (!bucket) fail(file, "an s3:// backup directory and no bucket");
    for (const [name, output] of [
      ["AWS_ENDPOINT_URL", "ENDPOINT"],
      ["AWS_ACCESS_KEY_ID", "ACCESS_KEY_ID"],
      ["AWS_SECRET_ACCESS_KEY", "SECRET_ACCESS_KEY"],
      ["AWS_DEFAULT_REGION", "REGION"],
      ["AWS_S3_BUCKET_NAME", "BUCKET"],
    ]) {
      const v = vars[name];
      if (v?.type !== "reference" || v.resource !== bucket?.address || v.output !== output) {
        fail(file, `${name} is not the bucket's ${output}`);
      }
    }
    if (!["virtual", "path"].includes(value("AWS_S3_URL_STYLE"))) fail(file, "AWS_S3_URL_STYLE is not virtual or path");
    if (bucket && backupDir !== `s3://\${{${bucket.name}.BUCKET}}/schemagate`) {
      fail(file, `SCHEMAGATE_BACKUP_DIR ${backupDir} does not name the bucket ${bucket.name}`);
    }
  } else if (schemagateInPreDeploy) {
    fail(file, "the pre-deploy container has no volume: its backups must go to a bucket");
  } else {
    const mount = mounts.find((m) => backupDir.startsWith(m.mountPath + "/"));
    if (!mount) fail(file, `backup directory ${backupDir || "(default)"} is on no mounted volume`);
    // Railway mounts volumes as root (its volume reference: RAILWAY_RUN_UID=0).
    if (value("RAILWAY_RUN_UID") !== "0") fail(file, "a volume for the backups without RAILWAY_RUN_UID=0");
    // "Replicas cannot be used with volumes."
    if ((deploy.numReplicas ?? 1) > 1 || deploy.multiRegionConfig) fail(file, "replicas with a volume");
  }
}

if (errors.length) {
  console.error(errors.join("\n"));
  process.exit(1);
}
const names = Object.keys(evaluated).sort();
console.log(`check-railway: ${names.map((n) => ".railway/" + n).join(", ")}: type-checked against railway@${sdkVersion}, evaluated as the Railway CLI does, start command = railway.json's`);
JS
node "$cache/check.mjs" "$out" "$repo" "$RAILWAY_SDK_VERSION"
