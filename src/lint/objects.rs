//! Which tables, columns, schemas and enum types exist, and which hold data from before the
//! run: the picture the lint judges each statement against ([`ExistingObjects`]), and how each
//! statement changes it ([`crate::lint::effects::Effects`]).
//!
//! A deploy starts from the database as it is ([`read_existing`]: the catalog, the session's
//! `search_path`, the current user), a closed world: what the catalog does not have does not
//! exist. Offline (`lint FILES`, `lint --since`, `check`) there is no database, and the world
//! is open ([`ExistingObjects::offline`]): every table, column and enum type the linted files
//! did not create earlier in the same set is assumed to exist and hold data; only what the
//! set created (or the older files built, for `--since`) is known. Created objects are fresh
//! (no data can be lost by dropping them); renames carry data to the new name; drops remove it.
//!
//! Unqualified names resolve as PostgreSQL resolves them: temporary tables first (a temporary
//! table shadows a permanent one of the same name, for the session), then the schemas of the
//! `search_path` in order, as the migrations themselves set it (`SET search_path`). Names are
//! folded and truncated as the server does ([`super::names`]).

use std::collections::{BTreeMap, BTreeSet};

use super::names::split_search_path;

/// A `(schema, table)` pair. Temporary tables live in `pg_temp`. An empty schema marks a name
/// not yet resolved.
pub type TableName = (String, String);

/// The schema of temporary tables, whatever the server calls the session's own.
pub(crate) const TEMP_SCHEMA: &str = "pg_temp";

/// What the lint knows about one column.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Column {
    /// Holds data from before the run.
    data: bool,
    /// Its type in `format_type` spelling, when known.
    ty: Option<String>,
}

/// The tables, columns, schemas and enum types of the database, and whether each holds data
/// from before the run; plus the session's `search_path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingObjects {
    /// `Some(data)`: exists, holding data from before the run or not; `None`: known not to
    /// exist (dropped, renamed away). Anything else is unknown.
    tables: BTreeMap<TableName, Option<bool>>,
    columns: BTreeMap<(String, String, String), Option<Column>>,
    /// `Some(true)`: existed before the run; `Some(false)`: created in it; `None`: dropped.
    schemas: BTreeMap<String, Option<bool>>,
    enums: BTreeMap<TableName, Option<bool>>,
    /// Whether what is unknown is assumed to exist with data (offline), or not to exist.
    open: bool,
    /// The session's search path as set, `$user` unresolved.
    search_path: Vec<String>,
    /// The path a new session starts with (`RESET search_path`).
    initial_search_path: Vec<String>,
    /// The role, for `$user`; unknown offline.
    user: Option<String>,
}

impl Default for ExistingObjects {
    fn default() -> Self {
        let path = vec!["$user".to_string(), "public".to_string()];
        ExistingObjects {
            tables: BTreeMap::new(),
            columns: BTreeMap::new(),
            schemas: BTreeMap::new(),
            enums: BTreeMap::new(),
            open: false,
            search_path: path.clone(),
            initial_search_path: path,
            user: None,
        }
    }
}

impl ExistingObjects {
    /// Nothing exists: a new, empty database (a deploy's bootstrap, `lint --all`). Tables
    /// added with [`insert_table`](Self::insert_table) hold data.
    pub fn new() -> Self {
        Self::default()
    }

    /// Offline: every table, column, schema and enum type not known otherwise is assumed to
    /// exist and hold data, since some database this will run on may have it.
    pub fn offline() -> Self {
        ExistingObjects {
            open: true,
            ..Self::default()
        }
    }

    /// From now on, assume what is not known exists and holds data: after a file the lint
    /// could not read, nothing unknown can be taken to be absent.
    pub(crate) fn assume_unknown(&mut self) {
        self.open = true;
    }

    /// Whether unknown objects are assumed to exist (offline).
    pub fn is_offline(&self) -> bool {
        self.open
    }

    /// Records a table (`schema`, `table`) as existing, with data.
    pub fn insert_table(&mut self, schema: &str, table: &str) {
        self.tables
            .insert((schema.to_string(), table.to_string()), Some(true));
        self.schemas.entry(schema.to_string()).or_insert(Some(true));
    }

    /// Records a column, and its table, as existing, with data.
    pub fn insert_column(&mut self, schema: &str, table: &str, column: &str) {
        self.insert_typed_column(schema, table, column, None);
    }

    /// Records a column of type `ty` (`format_type` spelling), and its table, as existing.
    pub fn insert_typed_column(
        &mut self,
        schema: &str,
        table: &str,
        column: &str,
        ty: Option<&str>,
    ) {
        self.insert_table(schema, table);
        self.columns.insert(
            (schema.to_string(), table.to_string(), column.to_string()),
            Some(Column {
                data: true,
                ty: ty.map(str::to_string),
            }),
        );
    }

    /// Records a schema as existing.
    pub fn insert_schema(&mut self, schema: &str) {
        self.schemas.insert(schema.to_string(), Some(true));
    }

    /// Records an enum type as existing (its values are data: rows hold them).
    pub fn insert_enum(&mut self, schema: &str, name: &str) {
        self.enums
            .insert((schema.to_string(), name.to_string()), Some(true));
    }

    /// The session's `search_path` as `SHOW search_path` prints it, and the role `$user`
    /// stands for.
    pub fn set_session(&mut self, search_path: &str, user: Option<&str>) {
        self.initial_search_path = split_search_path(search_path);
        self.search_path = self.initial_search_path.clone();
        self.user = user.map(str::to_string);
    }

    /// Builder form of [`ExistingObjects::insert_table`].
    pub fn with_table(mut self, schema: &str, table: &str) -> Self {
        self.insert_table(schema, table);
        self
    }

    /// Builder form of [`ExistingObjects::insert_column`].
    pub fn with_column(mut self, schema: &str, table: &str, column: &str) -> Self {
        self.insert_column(schema, table, column);
        self
    }

    /// Builder form of [`ExistingObjects::insert_typed_column`].
    pub fn with_typed_column(mut self, schema: &str, table: &str, column: &str, ty: &str) -> Self {
        self.insert_typed_column(schema, table, column, Some(ty));
        self
    }

    /// Builder form of [`ExistingObjects::insert_enum`].
    pub fn with_enum(mut self, schema: &str, name: &str) -> Self {
        self.insert_enum(schema, name);
        self
    }

    /// Whether the table exists and holds data from before the run.
    pub fn has_table(&self, schema: &str, table: &str) -> bool {
        self.table(schema, table) == Some(true)
    }

    /// Whether the column exists and holds data from before the run.
    pub fn has_column(&self, schema: &str, table: &str, column: &str) -> bool {
        self.column(schema, table, column).is_some_and(|c| c.data)
    }

    /// The tables known to exist (those assumed offline are not listed).
    pub fn tables(&self) -> BTreeSet<TableName> {
        self.tables
            .iter()
            .filter(|(_, state)| state.is_some())
            .map(|(name, _)| name.clone())
            .collect()
    }

    /// `Some(data)` when the table exists, `None` when it does not.
    pub(crate) fn table(&self, schema: &str, table: &str) -> Option<bool> {
        if let Some(state) = self.tables.get(&(schema.to_string(), table.to_string())) {
            return *state;
        }
        // Temporary tables belong to the session: none exists before it.
        if !self.open || schema == TEMP_SCHEMA {
            return None;
        }
        match self.schema(schema) {
            Some(true) => Some(true),
            // A schema created in this run holds only what the run created in it.
            _ => None,
        }
    }

    fn column(&self, schema: &str, table: &str, column: &str) -> Option<Column> {
        let key = (schema.to_string(), table.to_string(), column.to_string());
        if let Some(state) = self.columns.get(&key) {
            return state.clone();
        }
        // Offline, a column nobody mentioned may exist in a table that holds data.
        (self.open && self.table(schema, table) == Some(true)).then_some(Column {
            data: true,
            ty: None,
        })
    }

    /// Whether the column exists (with data from before the run or not).
    pub(crate) fn column_exists(&self, schema: &str, table: &str, column: &str) -> bool {
        self.column(schema, table, column).is_some()
    }

    /// The type of a column in `format_type` spelling, when known.
    pub(crate) fn column_type(&self, schema: &str, table: &str, column: &str) -> Option<String> {
        self.column(schema, table, column).and_then(|c| c.ty)
    }

    /// `Some(true)` when the schema existed before the run, `Some(false)` when the run
    /// created it, `None` when it does not exist.
    fn schema(&self, schema: &str) -> Option<bool> {
        if let Some(state) = self.schemas.get(schema) {
            return *state;
        }
        if schema == TEMP_SCHEMA {
            return Some(false);
        }
        if self.open || schema == "public" {
            return Some(true);
        }
        self.tables
            .iter()
            .any(|((s, _), state)| s == schema && state.is_some())
            .then_some(true)
    }

    /// `Some(data)` when the enum type exists, `None` when it does not.
    pub(crate) fn enum_type(&self, schema: &str, name: &str) -> Option<bool> {
        if let Some(state) = self.enums.get(&(schema.to_string(), name.to_string())) {
            return *state;
        }
        (self.open && self.schema(schema) == Some(true)).then_some(true)
    }

    /// Whether any table of the schema holds data from before the run.
    pub(crate) fn has_data_in_schema(&self, schema: &str) -> bool {
        if self.open && self.schema(schema) == Some(true) {
            return true;
        }
        self.tables
            .iter()
            .any(|((s, _), state)| s == schema && *state == Some(true))
    }

    /// The schemas an unqualified name is looked up in, in order: the session's temporary
    /// schema first unless the path places it, then the path, `$user` as the role's schema.
    fn lookup_path(&self) -> Vec<String> {
        let mut path: Vec<String> = Vec::new();
        if !self
            .search_path
            .iter()
            .any(|s| s == TEMP_SCHEMA || s.starts_with("pg_temp_"))
        {
            path.push(TEMP_SCHEMA.to_string());
        }
        for entry in &self.search_path {
            let schema = match entry.as_str() {
                "$user" => match &self.user {
                    Some(user) => user.clone(),
                    None => continue,
                },
                s if s.starts_with("pg_temp_") => TEMP_SCHEMA.to_string(),
                s => s.to_string(),
            };
            // The implicit system schema holds no table of ours.
            if schema != "pg_catalog" && !path.contains(&schema) {
                path.push(schema);
            }
        }
        path
    }

    /// The schema a `CREATE` without one puts its object in: the first schema of the path
    /// that exists (never the temporary one).
    pub(crate) fn creation_schema(&self) -> String {
        self.lookup_path()
            .into_iter()
            .filter(|s| s != TEMP_SCHEMA)
            .find(|s| self.schema(s).is_some())
            .unwrap_or_else(|| "public".to_string())
    }

    /// Gives an unqualified table name (empty schema) the schema PostgreSQL would find it
    /// in. A name found nowhere on the path goes, in a database the lint read, to the first
    /// other schema that has such a table (the cautious reading: the session's path may not
    /// be the one the lint was told), else to the path's first schema.
    pub(crate) fn resolve_table(&self, name: &mut TableName) {
        if name.0.starts_with("pg_temp_") {
            name.0 = TEMP_SCHEMA.to_string();
        }
        if !name.0.is_empty() {
            return;
        }
        let path = self.lookup_path();
        if let Some(schema) = path.iter().find(|s| self.table(s, &name.1).is_some()) {
            name.0 = schema.clone();
            return;
        }
        if let Some(((schema, _), _)) = self
            .tables
            .iter()
            .find(|((s, t), state)| t == &name.1 && state.is_some() && s != TEMP_SCHEMA)
        {
            name.0 = schema.clone();
            return;
        }
        name.0 = self.creation_schema();
    }

    /// Gives an unqualified enum type name the schema PostgreSQL would find it in.
    pub(crate) fn resolve_type(&self, name: &mut TableName) {
        if !name.0.is_empty() {
            return;
        }
        let path = self.lookup_path();
        name.0 = path
            .iter()
            .filter(|s| *s != TEMP_SCHEMA)
            .find(|s| self.enum_type(s, &name.1).is_some())
            .cloned()
            .unwrap_or_else(|| self.creation_schema());
    }

    /// Creates a table with its columns (name and type); `data`: whether it holds data from
    /// before the run (a history file replayed as applied) or is fresh.
    pub(crate) fn create_table(
        &mut self,
        table: &TableName,
        columns: &[(String, Option<String>)],
        data: bool,
    ) {
        self.forget_columns(table);
        self.tables.insert(table.clone(), Some(data));
        for (column, ty) in columns {
            self.columns.insert(
                (table.0.clone(), table.1.clone(), column.clone()),
                Some(Column {
                    data,
                    ty: ty.clone(),
                }),
            );
        }
    }

    /// Removes what is known about a table's columns; offline, a table known to the run has
    /// only the columns the run gave it.
    fn forget_columns(&mut self, table: &TableName) {
        self.columns
            .retain(|(s, t, _), _| !(s == &table.0 && t == &table.1));
    }

    pub(crate) fn drop_table(&mut self, table: &TableName) {
        self.forget_columns(table);
        self.tables.insert(table.clone(), None);
    }

    pub(crate) fn rename_table(&mut self, from: &TableName, to: &TableName) {
        let state = self.table(&from.0, &from.1);
        // Whatever was called `to` before is gone or never existed: PostgreSQL refuses the
        // rename otherwise.
        self.forget_columns(to);
        let moved: Vec<_> = self
            .columns
            .iter()
            .filter(|((s, t, _), _)| s == &from.0 && t == &from.1)
            .map(|((_, _, c), state)| (c.clone(), state.clone()))
            .collect();
        for (column, column_state) in moved {
            self.columns
                .insert((to.0.clone(), to.1.clone(), column), column_state);
        }
        self.drop_table(from);
        self.tables.insert(to.clone(), state);
    }

    /// Adds a column; `data` as for [`create_table`](Self::create_table).
    pub(crate) fn add_column(
        &mut self,
        table: &TableName,
        column: &str,
        ty: Option<String>,
        data: bool,
    ) {
        self.columns.insert(
            (table.0.clone(), table.1.clone(), column.to_string()),
            Some(Column { data, ty }),
        );
    }

    pub(crate) fn drop_column(&mut self, table: &TableName, column: &str) {
        self.columns
            .insert((table.0.clone(), table.1.clone(), column.to_string()), None);
    }

    pub(crate) fn rename_column(&mut self, table: &TableName, from: &str, to: &str) {
        let state = self.column(&table.0, &table.1, from);
        self.drop_column(table, from);
        self.columns
            .insert((table.0.clone(), table.1.clone(), to.to_string()), state);
    }

    pub(crate) fn retype_column(&mut self, table: &TableName, column: &str, ty: Option<String>) {
        let key = (table.0.clone(), table.1.clone(), column.to_string());
        let data = self.has_column(&table.0, &table.1, column);
        self.columns.insert(key, Some(Column { data, ty }));
    }

    /// `CREATE SCHEMA`: without `IF NOT EXISTS` it succeeds only when the schema is new.
    pub(crate) fn create_schema(&mut self, schema: &str, data: bool, if_not_exists: bool) {
        if !if_not_exists || self.schema(schema).is_none() {
            self.schemas.insert(schema.to_string(), Some(data));
        }
    }

    pub(crate) fn drop_schema(&mut self, schema: &str) {
        let gone: Vec<TableName> = self
            .tables
            .keys()
            .filter(|(s, _)| s == schema)
            .cloned()
            .collect();
        for table in gone {
            self.drop_table(&table);
        }
        self.enums.retain(|(s, _), _| s != schema);
        self.schemas.insert(schema.to_string(), None);
    }

    pub(crate) fn create_enum(&mut self, name: &TableName, data: bool) {
        self.enums.insert(name.clone(), Some(data));
    }

    pub(crate) fn drop_type(&mut self, name: &TableName) {
        self.enums.insert(name.clone(), None);
    }

    /// `SET search_path`: `None` for `RESET` / `DEFAULT`.
    pub(crate) fn set_search_path(&mut self, path: Option<Vec<String>>) {
        self.search_path = path.unwrap_or_else(|| self.initial_search_path.clone());
    }

    /// A session ended (between deploys, when older files are replayed as history): its
    /// temporary tables are gone and the next session starts with the initial path.
    pub(crate) fn end_session(&mut self) {
        self.tables.retain(|(s, _), _| s != TEMP_SCHEMA);
        self.columns.retain(|(s, _, _), _| s != TEMP_SCHEMA);
        self.search_path = self.initial_search_path.clone();
    }
}

/// Reads the database as a deploy's session sees it: tables (ordinary and partitioned, outside
/// `pg_catalog`, `information_schema` and the `pg_*` schemas) with their columns and types,
/// the schemas, the enum types, the session's `search_path` and role. One catalog query.
pub async fn read_existing(
    client: &impl tokio_postgres::GenericClient,
) -> Result<ExistingObjects, tokio_postgres::Error> {
    let rows = client
        .query(
            "SELECT 'c', n.nspname::text, c.relname::text, a.attname::text,
                    format_type(a.atttypid, a.atttypmod)
               FROM pg_catalog.pg_class c
               JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
               LEFT JOIN pg_catalog.pg_attribute a
                      ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
              WHERE c.relkind IN ('r', 'p')
                AND n.nspname <> 'information_schema'
                AND n.nspname NOT LIKE 'pg\\_%'
             UNION ALL
             SELECT 'e', n.nspname::text, t.typname::text, NULL, NULL
               FROM pg_catalog.pg_type t
               JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
              WHERE t.typtype = 'e'
             UNION ALL
             SELECT 's', n.nspname::text, NULL, NULL, NULL
               FROM pg_catalog.pg_namespace n
              WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
             UNION ALL
             SELECT 'p', current_setting('search_path'), current_user::text, NULL, NULL",
            &[],
        )
        .await?;
    let mut existing = ExistingObjects::new();
    for row in rows {
        let kind: &str = row.get(0);
        let first: String = row.get(1);
        let second: Option<String> = row.get(2);
        match (kind, second) {
            ("c", Some(table)) => match row.get::<_, Option<String>>(3) {
                Some(column) => existing.insert_typed_column(
                    &first,
                    &table,
                    &column,
                    row.get::<_, Option<String>>(4).as_deref(),
                ),
                None => existing.insert_table(&first, &table),
            },
            ("e", Some(name)) => existing.insert_enum(&first, &name),
            ("s", _) => existing.insert_schema(&first),
            ("p", user) => existing.set_session(&first, user.as_deref()),
            _ => {}
        }
    }
    Ok(existing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(s: &str, t: &str) -> TableName {
        (s.to_string(), t.to_string())
    }

    #[test]
    fn offline_everything_unknown_holds_data() {
        let mut state = ExistingObjects::offline();
        assert!(state.has_table("public", "journey_templates"));
        assert!(state.has_column("public", "users", "secret"));
        state.create_table(&name("public", "fresh"), &[("id".into(), None)], false);
        assert!(!state.has_table("public", "fresh"));
        assert!(!state.has_column("public", "fresh", "other"));
        state.drop_table(&name("public", "users"));
        assert_eq!(state.table("public", "users"), None);
        state.create_schema("tmp", false, false);
        assert_eq!(state.table("tmp", "t"), None);
        // Temporary tables never exist before the session.
        assert_eq!(state.table(TEMP_SCHEMA, "t"), None);
    }

    #[test]
    fn temporary_tables_shadow_and_the_path_decides() {
        let mut state = ExistingObjects::new().with_table("public", "journey_templates");
        let mut t = name("", "journey_templates");
        state.resolve_table(&mut t);
        assert_eq!(t, name("public", "journey_templates"));
        state.create_table(&name(TEMP_SCHEMA, "journey_templates"), &[], false);
        let mut t = name("", "journey_templates");
        state.resolve_table(&mut t);
        assert_eq!(t, name(TEMP_SCHEMA, "journey_templates"));
        state.drop_table(&t);
        let mut t = name("", "journey_templates");
        state.resolve_table(&mut t);
        assert_eq!(t, name("public", "journey_templates"));

        let mut state = ExistingObjects::new()
            .with_column("public", "users", "id")
            .with_column("app", "users", "secret");
        state.set_search_path(Some(vec!["app".into(), "public".into()]));
        let mut t = name("", "users");
        state.resolve_table(&mut t);
        assert_eq!(t, name("app", "users"));
        state.set_search_path(None);
        let mut t = name("", "users");
        state.resolve_table(&mut t);
        assert_eq!(t, name("public", "users"));
    }

    #[test]
    fn renames_carry_data() {
        let mut state = ExistingObjects::new().with_column("public", "a", "x");
        state.rename_table(&name("public", "a"), &name("public", "b"));
        assert!(state.has_column("public", "b", "x"));
        assert!(!state.has_table("public", "a"));
        let mut state = ExistingObjects::offline();
        state.rename_table(&name("public", "a"), &name("public", "b"));
        assert!(state.has_column("public", "b", "anything"));
        assert_eq!(state.table("public", "a"), None);
    }
}
