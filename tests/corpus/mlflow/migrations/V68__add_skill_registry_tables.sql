-- alembic-to-sql: Alembic revision e7d1f4b2a9c6 (add skill registry tables)
-- revises: dc11669786a5
-- from: mlflow/store/db_migrations/versions/e7d1f4b2a9c6_add_skill_registry_tables.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind (in _get_json_type()): the statements it sends through the
--   connection are here, but whatever its Python decides from what it reads (rows, inspect(),
--   has_table) happens only online; check this file against the revision

CREATE TABLE skills (
    workspace VARCHAR(63) DEFAULT 'default' NOT NULL, 
    organization VARCHAR(64) DEFAULT '' NOT NULL, 
    name VARCHAR(128) NOT NULL, 
    description TEXT, 
    icons JSON, 
    search_text TEXT, 
    created_by VARCHAR(256), 
    last_updated_by VARCHAR(256), 
    created_at BIGINT NOT NULL, 
    last_updated_at BIGINT NOT NULL, 
    CONSTRAINT skills_pk PRIMARY KEY (workspace, organization, name)
);

CREATE TABLE skill_versions (
    workspace VARCHAR(63) DEFAULT 'default' NOT NULL, 
    organization VARCHAR(64) DEFAULT '' NOT NULL, 
    name VARCHAR(128) NOT NULL, 
    version INTEGER NOT NULL, 
    source_type VARCHAR(20), 
    source VARCHAR(2048), 
    ref VARCHAR(2048), 
    subpath VARCHAR(2048), 
    digest VARCHAR(64), 
    status VARCHAR(20) DEFAULT 'active' NOT NULL, 
    created_by VARCHAR(256), 
    last_updated_by VARCHAR(256), 
    created_at BIGINT NOT NULL, 
    last_updated_at BIGINT NOT NULL, 
    CONSTRAINT skill_versions_pk PRIMARY KEY (workspace, organization, name, version), 
    CONSTRAINT skill_versions_skill_fkey FOREIGN KEY(workspace, organization, name) REFERENCES skills (workspace, organization, name) ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE skill_tags (
    workspace VARCHAR(63) DEFAULT 'default' NOT NULL, 
    organization VARCHAR(64) DEFAULT '' NOT NULL, 
    name VARCHAR(128) NOT NULL, 
    key VARCHAR(250) NOT NULL, 
    value TEXT, 
    CONSTRAINT skill_tags_pk PRIMARY KEY (workspace, organization, name, key), 
    CONSTRAINT skill_tags_skill_fkey FOREIGN KEY(workspace, organization, name) REFERENCES skills (workspace, organization, name) ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE skill_version_tags (
    workspace VARCHAR(63) DEFAULT 'default' NOT NULL, 
    organization VARCHAR(64) DEFAULT '' NOT NULL, 
    name VARCHAR(128) NOT NULL, 
    version INTEGER NOT NULL, 
    key VARCHAR(250) NOT NULL, 
    value TEXT, 
    CONSTRAINT skill_version_tags_pk PRIMARY KEY (workspace, organization, name, version, key), 
    CONSTRAINT skill_version_tags_version_fkey FOREIGN KEY(workspace, organization, name, version) REFERENCES skill_versions (workspace, organization, name, version) ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE skill_aliases (
    workspace VARCHAR(63) DEFAULT 'default' NOT NULL, 
    organization VARCHAR(64) DEFAULT '' NOT NULL, 
    name VARCHAR(128) NOT NULL, 
    alias VARCHAR(256) NOT NULL, 
    version INTEGER NOT NULL, 
    CONSTRAINT skill_aliases_pk PRIMARY KEY (workspace, organization, name, alias), 
    CONSTRAINT skill_aliases_skill_fkey FOREIGN KEY(workspace, organization, name) REFERENCES skills (workspace, organization, name) ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX ix_skill_versions_latest_lookup ON skill_versions (workspace, organization, name, status, version);

CREATE INDEX ix_skill_versions_digest ON skill_versions (workspace, organization, name, digest);
