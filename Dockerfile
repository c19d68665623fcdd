# syntax=docker/dockerfile:1
#
# schemagate with pg_dump/pg_restore for PostgreSQL 16, 17 and 18 side by side.
#
#   docker build -t schemagate .
#   docker run --rm -e DATABASE_URL -v "$PWD/migrations:/app/migrations:ro" -v backups:/data \
#     schemagate deploy
#
# An app image takes the binary with
#   COPY --from=schemagate /usr/local/bin/schemagate /usr/local/bin/schemagate
# (README.md, "Where it runs"). The build stage's commands are scripts/build-release.sh, which CI
# runs too. No build machine here has a Docker engine or reaches a registry: scripts/image-check.sh
# (also in CI) builds the runtime stage with buildah over a debootstrap base, with Debian's
# postgresql-client-15 standing in for PostgreSQL's apt repository, and runs it.

# ---- build: dependencies in their own layer, then the source --------------------------------
FROM rust:1.95-bookworm AS build
WORKDIR /build
COPY scripts/build-release.sh scripts/build-release.sh
COPY Cargo.toml Cargo.lock ./
# Every dependency, built against a stub crate: this layer is reused until Cargo.toml or
# Cargo.lock change, so a source change rebuilds only schemagate itself.
RUN scripts/build-release.sh deps
COPY src src
RUN scripts/build-release.sh app /out/schemagate

# ---- the PostgreSQL apt repository's signing key, checked against its fingerprint -----------
FROM debian:bookworm-slim AS pgdg-key
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates curl gnupg; \
    rm -rf /var/lib/apt/lists/*
# https://wiki.postgresql.org/wiki/Apt: the key is ACCC4CF8, fingerprint B97B 0AFC AA1A 47F0
# 44F2 44A0 7FCC 7D46 ACCC 4CF8. Refuse a file that holds anything else.
RUN set -eux; \
    curl -fsSL -o /apt.postgresql.org.asc https://www.postgresql.org/media/keys/ACCC4CF8.asc; \
    gpg --batch --show-keys --with-colons /apt.postgresql.org.asc \
      | awk -F: -v want=B97B0AFCAA1A47F044F244A07FCC7D46ACCC4CF8 \
          '$1 == "pub" { n++; next } $1 == "fpr" && !seen { fpr = $10; seen = 1 } END { exit !(n == 1 && fpr == want) }'

# ---- runtime ----------------------------------------------------------------------------------
FROM debian:bookworm-slim
# The majors whose pg_dump is installed. schemagate picks the one matching the server, or the
# lowest newer one (pg_dump refuses servers newer than itself), from /usr/lib/postgresql/*/bin.
ARG PG_MAJORS="16 17 18"
COPY --from=pgdg-key /apt.postgresql.org.asc /usr/share/postgresql-common/pgdg/apt.postgresql.org.asc
# Ends by checking the layout schemagate looks for (src/backup/pg_tools.rs): a bin directory
# per major, each pg_dump and pg_restore reporting that major.
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates; \
    echo "deb [signed-by=/usr/share/postgresql-common/pgdg/apt.postgresql.org.asc] https://apt.postgresql.org/pub/repos/apt bookworm-pgdg main" \
      > /etc/apt/sources.list.d/pgdg.list; \
    apt-get update; \
    apt-get install -y --no-install-recommends $(for v in $PG_MAJORS; do echo "postgresql-client-$v"; done); \
    rm -rf /var/lib/apt/lists/*; \
    for v in $PG_MAJORS; do \
      for tool in pg_dump pg_restore; do \
        "/usr/lib/postgresql/$v/bin/$tool" --version | grep -q "(PostgreSQL) $v\."; \
      done; \
    done

COPY --from=build /out/schemagate /usr/local/bin/schemagate
RUN schemagate --version

# A non-root user, and a backup directory it can write. Mount a volume at /data to keep the
# backups; a platform that mounts volumes as root (Railway) needs RAILWAY_RUN_UID=0 for that.
RUN set -eux; \
    groupadd --system --gid 10001 schemagate; \
    useradd --system --uid 10001 --gid schemagate --home-dir /app --create-home \
      --shell /usr/sbin/nologin schemagate; \
    install -d -o schemagate -g schemagate -m 0700 /data /data/backups
ENV SCHEMAGATE_BACKUP_DIR=/data/backups
WORKDIR /app
USER 10001:10001
ENTRYPOINT ["schemagate"]
CMD ["--help"]
