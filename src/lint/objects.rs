//! Which tables and columns may hold data: the database as it was before the run
//! ([`ExistingObjects`], read from `pg_catalog`) and how each pending statement changes that
//! picture (created objects are fresh, renames carry data to the new name, drops remove it).
//! The lint uses it to refuse a drop, rename or retype only when it touches data that
//! existed before the run. Unquoted identifiers fold to lower case. `search_path` is not
//! known, so an unqualified name means `public`, unless `public` has no such table and
//! another schema does: then it means that one (the cautious reading, since it may hold data).

use std::collections::BTreeSet;

use squawk_syntax::ast::{self, AstNode};
use squawk_syntax::{SyntaxKind, SyntaxNode};

/// A `(schema, table)` pair.
pub type TableName = (String, String);

/// The tables and columns that exist before the run, outside the system schemas.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExistingObjects {
    tables: BTreeSet<(String, String)>,
    columns: BTreeSet<(String, String, String)>,
}

impl ExistingObjects {
    /// No objects: a fresh database, or `lint --all` replaying the whole history.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a table (`schema`, `table`) as existing.
    pub fn insert_table(&mut self, schema: &str, table: &str) {
        self.tables.insert((schema.to_string(), table.to_string()));
    }

    /// Records a column, and its table, as existing.
    pub fn insert_column(&mut self, schema: &str, table: &str, column: &str) {
        self.insert_table(schema, table);
        self.columns
            .insert((schema.to_string(), table.to_string(), column.to_string()));
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

    /// Whether the table exists.
    pub fn has_table(&self, schema: &str, table: &str) -> bool {
        self.tables
            .contains(&(schema.to_string(), table.to_string()))
    }

    /// Whether the column exists.
    pub fn has_column(&self, schema: &str, table: &str, column: &str) -> bool {
        self.columns
            .contains(&(schema.to_string(), table.to_string(), column.to_string()))
    }

    /// The existing tables.
    pub fn tables(&self) -> &BTreeSet<(String, String)> {
        &self.tables
    }

    fn remove_table(&mut self, t: &TableName) {
        self.tables.remove(t);
        self.columns.retain(|(s, n, _)| !(s == &t.0 && n == &t.1));
    }

    fn rename_table(&mut self, from: &TableName, to: &TableName) {
        // Whatever was called `to` before is gone or never existed: PostgreSQL refuses the
        // rename otherwise.
        self.remove_table(to);
        if self.tables.remove(from) {
            self.tables.insert(to.clone());
            let moved: Vec<_> = self
                .columns
                .iter()
                .filter(|(s, n, _)| s == &from.0 && n == &from.1)
                .cloned()
                .collect();
            for (s, n, c) in moved {
                self.columns.remove(&(s, n, c.clone()));
                self.columns.insert((to.0.clone(), to.1.clone(), c));
            }
        }
    }

    fn has_data_in_schema(&self, schema: &str) -> bool {
        self.tables.iter().any(|(s, _)| s == schema)
    }
}

/// Reads the existing tables and columns (ordinary and partitioned tables, outside
/// `pg_catalog`, `information_schema` and the `pg_*` schemas) in one catalog query.
pub async fn read_existing(
    client: &impl tokio_postgres::GenericClient,
) -> Result<ExistingObjects, tokio_postgres::Error> {
    let rows = client
        .query(
            "SELECT n.nspname::text, c.relname::text, a.attname::text
               FROM pg_catalog.pg_class c
               JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
               LEFT JOIN pg_catalog.pg_attribute a
                      ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
              WHERE c.relkind IN ('r', 'p')
                AND n.nspname <> 'information_schema'
                AND n.nspname NOT LIKE 'pg\\_%'",
            &[],
        )
        .await?;
    let mut existing = ExistingObjects::new();
    for row in rows {
        let schema: String = row.get(0);
        let table: String = row.get(1);
        match row.get::<_, Option<String>>(2) {
            Some(column) => existing.insert_column(&schema, &table, &column),
            None => existing.insert_table(&schema, &table),
        }
    }
    Ok(existing)
}

/// What one statement drops, renames, retypes or empties, and what it creates.
#[derive(Debug, Default)]
pub(crate) struct Effects {
    pub dropped_tables: Vec<TableName>,
    pub renamed_tables: Vec<(TableName, TableName)>,
    pub emptied_tables: Vec<TableName>,
    pub dropped_columns: Vec<(TableName, String)>,
    pub renamed_columns: Vec<(TableName, String, String)>,
    pub retyped_columns: Vec<(TableName, String)>,
    pub dropped_schemas: Vec<String>,
    /// Tables created, with their columns, and whether `IF NOT EXISTS` was given.
    pub created_tables: Vec<(TableName, Vec<String>, bool)>,
    /// Columns added, and whether `IF NOT EXISTS` was given.
    pub added_columns: Vec<(TableName, String, bool)>,
    /// The table an `ALTER TABLE` or `CREATE INDEX` locks.
    pub locked_table: Option<TableName>,
}

impl Effects {
    /// Reads the effects of one top-level statement node.
    pub(crate) fn of(node: &SyntaxNode) -> Effects {
        let mut fx = Effects::default();
        let Some(stmt) = ast::Stmt::cast(node.clone()) else {
            return fx;
        };
        match stmt {
            ast::Stmt::CreateTable(ct) => {
                if let Some(name) = ct.table_name().and_then(|n| qualified(n.syntax())) {
                    let columns = ct
                        .table_arg_list()
                        .map(|list| {
                            list.args()
                                .filter_map(|arg| match arg {
                                    ast::TableArg::Column(col) => {
                                        col.name().and_then(|n| ident(n.syntax()))
                                    }
                                    _ => None,
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    fx.created_tables
                        .push((name, columns, ct.if_not_exists().is_some()));
                }
            }
            ast::Stmt::AlterTable(at) => {
                let Some(table) = at.table_relation_name().and_then(|n| qualified(n.syntax()))
                else {
                    return fx;
                };
                fx.locked_table = Some(table.clone());
                for action in at.actions() {
                    match action {
                        ast::AlterTableAction::AddColumn(add) => {
                            if let Some(c) = add.column_name().and_then(|n| ident(n.syntax())) {
                                fx.added_columns.push((
                                    table.clone(),
                                    c,
                                    add.if_not_exists().is_some(),
                                ));
                            }
                        }
                        ast::AlterTableAction::DropColumn(drop) => {
                            if let Some(c) = drop.column_name_ref().and_then(|n| ident(n.syntax()))
                            {
                                fx.dropped_columns.push((table.clone(), c));
                            }
                        }
                        ast::AlterTableAction::RenameColumn(rename) => {
                            let from = rename.column_name_ref().and_then(|n| ident(n.syntax()));
                            let to = rename.column_name().and_then(|n| ident(n.syntax()));
                            if let (Some(from), Some(to)) = (from, to) {
                                fx.renamed_columns.push((table.clone(), from, to));
                            }
                        }
                        ast::AlterTableAction::AlterColumn(alter) => {
                            if let Some(ast::AlterColumnOption::SetType(_)) = alter.option()
                                && let Some(c) =
                                    alter.column_name_ref().and_then(|n| ident(n.syntax()))
                            {
                                fx.retyped_columns.push((table.clone(), c));
                            }
                        }
                        ast::AlterTableAction::TableRenameTo(rename) => {
                            if let Some(new) =
                                rename.table_name().and_then(|n| ident_last(n.syntax()))
                            {
                                // RENAME TO never moves a table to another schema.
                                fx.renamed_tables
                                    .push((table.clone(), (table.0.clone(), new)));
                            }
                        }
                        _ => {}
                    }
                }
            }
            ast::Stmt::CreateIndex(ci) => {
                fx.locked_table = ci.table_relation_name().and_then(|n| qualified(n.syntax()));
            }
            ast::Stmt::DropTable(dt) => {
                fx.dropped_tables = dt
                    .table_name_refs()
                    .filter_map(|n| qualified(n.syntax()))
                    .collect();
            }
            ast::Stmt::Truncate(t) => {
                if let Some(list) = t.table_list() {
                    fx.emptied_tables = list
                        .table_relation_names()
                        .filter_map(|n| qualified(n.syntax()))
                        .collect();
                }
            }
            ast::Stmt::Delete(d) => {
                if d.where_clause_or_current_of().is_none()
                    && let Some(name) = d.relation_name().and_then(|n| qualified(n.syntax()))
                {
                    fx.emptied_tables.push(name);
                }
            }
            ast::Stmt::DropSchema(ds) => {
                fx.dropped_schemas = ds.schema_refs().filter_map(|n| ident(n.syntax())).collect();
            }
            _ => {}
        }
        fx
    }

    /// Gives every unqualified name (empty schema) a schema: a created table goes to
    /// `public`; any other reference goes to `public` when `state` has it there, else to the
    /// first schema in `state` holding a table of that name, else to `public`.
    pub(crate) fn resolve(&mut self, state: &ExistingObjects) {
        let lookup = |t: &mut TableName| {
            if !t.0.is_empty() {
                return;
            }
            t.0 = if state.has_table("public", &t.1) {
                "public".to_string()
            } else {
                state
                    .tables
                    .iter()
                    .find(|(_, name)| name == &t.1)
                    .map_or_else(|| "public".to_string(), |(schema, _)| schema.clone())
            };
        };
        for (t, _, _) in &mut self.created_tables {
            if t.0.is_empty() {
                t.0 = "public".to_string();
            }
        }
        self.dropped_tables.iter_mut().for_each(lookup);
        self.emptied_tables.iter_mut().for_each(lookup);
        for (from, to) in &mut self.renamed_tables {
            lookup(from);
            to.0 = from.0.clone();
        }
        for (t, _) in &mut self.dropped_columns {
            lookup(t);
        }
        for (t, _) in &mut self.retyped_columns {
            lookup(t);
        }
        for (t, _, _) in &mut self.renamed_columns {
            lookup(t);
        }
        for (t, _, _) in &mut self.added_columns {
            lookup(t);
        }
        if let Some(t) = &mut self.locked_table {
            lookup(t);
        }
    }

    /// Whether a finding of `rule` on this statement touches data that existed before the
    /// run, judged against `state` (the objects holding pre-run data just before this
    /// statement). `None` when the statement's targets could not be resolved: the caller
    /// then keeps the finding's level.
    pub(crate) fn touches_existing_data(
        &self,
        rule: &str,
        state: &ExistingObjects,
    ) -> Option<bool> {
        let any_table = |tables: &mut dyn Iterator<Item = &TableName>| -> Option<bool> {
            let mut seen = false;
            let mut hit = false;
            for t in tables {
                seen = true;
                hit |= state.has_table(&t.0, &t.1);
            }
            seen.then_some(hit)
        };
        let any_column = |cols: &mut dyn Iterator<Item = (&TableName, &String)>| -> Option<bool> {
            let mut seen = false;
            let mut hit = false;
            for (t, c) in cols {
                seen = true;
                hit |= state.has_column(&t.0, &t.1, c);
            }
            seen.then_some(hit)
        };
        match rule {
            "ban-drop-table" => any_table(&mut self.dropped_tables.iter()),
            "renaming-table" => any_table(&mut self.renamed_tables.iter().map(|(from, _)| from)),
            "ban-truncate" | "ban-truncate-cascade" | "ban-delete-without-where" => {
                any_table(&mut self.emptied_tables.iter())
            }
            "ban-drop-column" => any_column(&mut self.dropped_columns.iter().map(|(t, c)| (t, c))),
            "renaming-column" => {
                any_column(&mut self.renamed_columns.iter().map(|(t, from, _)| (t, from)))
            }
            "changing-column-type" => {
                any_column(&mut self.retyped_columns.iter().map(|(t, c)| (t, c)))
            }
            "ban-drop-schema" => {
                let mut it = self.dropped_schemas.iter().peekable();
                it.peek()?;
                Some(it.any(|s| state.has_data_in_schema(s)))
            }
            _ => None,
        }
    }

    /// Whether the table this statement locks held data before the run; `None` when the
    /// statement locks no table schemagate can name.
    pub(crate) fn locks_existing_table(&self, state: &ExistingObjects) -> Option<bool> {
        self.locked_table
            .as_ref()
            .map(|t| state.has_table(&t.0, &t.1))
    }

    /// Applies this statement to `state`, the objects holding pre-run data: created objects
    /// are fresh, renames carry data along, drops remove it.
    pub(crate) fn apply(&self, state: &mut ExistingObjects) {
        for (table, _, if_not_exists) in &self.created_tables {
            if !(*if_not_exists && state.has_table(&table.0, &table.1)) {
                state.remove_table(table);
            }
        }
        for (table, column, if_not_exists) in &self.added_columns {
            if !(*if_not_exists && state.has_column(&table.0, &table.1, column)) {
                state
                    .columns
                    .remove(&(table.0.clone(), table.1.clone(), column.clone()));
            }
        }
        for (table, column) in &self.dropped_columns {
            state
                .columns
                .remove(&(table.0.clone(), table.1.clone(), column.clone()));
        }
        for (table, from, to) in &self.renamed_columns {
            let had = state
                .columns
                .remove(&(table.0.clone(), table.1.clone(), from.clone()));
            let to_key = (table.0.clone(), table.1.clone(), to.clone());
            if had {
                state.columns.insert(to_key);
            } else {
                state.columns.remove(&to_key);
            }
        }
        for (from, to) in &self.renamed_tables {
            state.rename_table(from, to);
        }
        for table in &self.dropped_tables {
            state.remove_table(table);
        }
        for schema in &self.dropped_schemas {
            let gone: Vec<_> = state
                .tables
                .iter()
                .filter(|(s, _)| s == schema)
                .cloned()
                .collect();
            for t in gone {
                state.remove_table(&t);
            }
        }
    }
}

/// The identifier parts of a (possibly qualified) name node, folded as PostgreSQL does.
fn parts(node: &SyntaxNode) -> Vec<String> {
    let mut parts = vec![String::new()];
    for token in node
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| !t.kind().is_trivia())
    {
        match token.kind() {
            SyntaxKind::DOT => parts.push(String::new()),
            SyntaxKind::L_PAREN | SyntaxKind::R_PAREN | SyntaxKind::STAR => {}
            SyntaxKind::ONLY_KW if parts.len() == 1 && parts[0].is_empty() => {}
            _ => {
                if let Some(last) = parts.last_mut() {
                    last.push_str(&fold_identifier(token.text()));
                }
            }
        }
    }
    parts
}

/// `"Foo"` keeps its case (and `""` becomes `"`); `Foo` folds to `foo`.
fn fold_identifier(text: &str) -> String {
    match text
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    {
        Some(inner) => inner.replace("\"\"", "\""),
        None => text.to_lowercase(),
    }
}

fn qualified(node: &SyntaxNode) -> Option<TableName> {
    let mut p = parts(node);
    let name = p.pop().filter(|n| !n.is_empty())?;
    // An empty schema marks an unqualified name; `Effects::resolve` picks its schema.
    let schema = p.pop().unwrap_or_default();
    Some((schema, name))
}

fn ident_last(node: &SyntaxNode) -> Option<String> {
    parts(node).pop().filter(|n| !n.is_empty())
}

fn ident(node: &SyntaxNode) -> Option<String> {
    ident_last(node)
}

#[cfg(test)]
mod tests {
    use super::*;
    use squawk_syntax::SourceFile;

    fn effects(sql: &str) -> Effects {
        let parse = SourceFile::parse(sql);
        let node = parse.syntax_node().children().next().unwrap();
        let mut fx = Effects::of(&node);
        fx.resolve(&ExistingObjects::new().with_table("app", "only_in_app"));
        fx
    }

    #[test]
    fn reads_names() {
        let fx = effects("DROP TABLE IF EXISTS billing.\"Invoices\", Users CASCADE;");
        assert_eq!(
            fx.dropped_tables,
            vec![
                ("billing".into(), "Invoices".into()),
                ("public".into(), "users".into())
            ]
        );
        let fx = effects("ALTER TABLE ONLY t RENAME COLUMN a TO b;");
        assert_eq!(
            fx.renamed_columns,
            vec![(("public".into(), "t".into()), "a".into(), "b".into())]
        );
        let fx = effects("ALTER TABLE s.t RENAME TO u;");
        assert_eq!(
            fx.renamed_tables,
            vec![(("s".into(), "t".into()), ("s".into(), "u".into()))]
        );
        let fx = effects("CREATE TABLE t (id int, \"Name\" text, PRIMARY KEY (id));");
        assert_eq!(
            fx.created_tables[0].1,
            vec!["id".to_string(), "Name".into()]
        );
        let fx = effects("ALTER TABLE t ALTER COLUMN c TYPE bigint, DROP COLUMN d;");
        assert_eq!(fx.retyped_columns.len(), 1);
        assert_eq!(fx.dropped_columns.len(), 1);
        let fx = effects("TRUNCATE TABLE a, b;");
        assert_eq!(fx.emptied_tables.len(), 2);
        let fx = effects("DELETE FROM a WHERE id = 1;");
        assert!(fx.emptied_tables.is_empty());
        let fx = effects("DROP TABLE only_in_app;");
        assert_eq!(
            fx.dropped_tables,
            vec![("app".into(), "only_in_app".into())]
        );
    }

    #[test]
    fn renames_carry_data() {
        let mut state = ExistingObjects::new().with_column("public", "a", "x");
        effects("ALTER TABLE a RENAME TO b;").apply(&mut state);
        assert!(state.has_column("public", "b", "x"));
        assert!(!state.has_table("public", "a"));
        let fx = effects("DROP TABLE b;");
        assert_eq!(
            fx.touches_existing_data("ban-drop-table", &state),
            Some(true)
        );
        effects("CREATE TABLE a (y int);").apply(&mut state);
        let fx = effects("DROP TABLE a;");
        assert_eq!(
            fx.touches_existing_data("ban-drop-table", &state),
            Some(false)
        );
    }
}
