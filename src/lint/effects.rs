//! What one statement does to tables, columns, schemas, enum types and the session: what it
//! drops, renames, retypes, empties or rewrites, what it creates, and how it changes the
//! `search_path` or the prepared statements. Read from the parsed statement alone
//! ([`Effects::of`]), then given schemas ([`Effects::resolve`]) and applied
//! ([`Effects::apply`]) against the [`ExistingObjects`] of the run so far.
//!
//! Data changes are found wherever they run, not only at the top: a `DELETE` inside a
//! `WITH`, in `EXPLAIN ANALYZE`, in `COPY (...) TO`, a `MERGE ... THEN DELETE`, and the
//! statement of a `PREPARE` (which runs at `EXECUTE`). A condition that does not tell rows
//! apart (`WHERE true`, `WHERE 1=1`) is no condition ([`super::conditions`]).

use squawk_syntax::ast::{self, AstNode};
use squawk_syntax::{SyntaxKind, SyntaxNode};

use super::conditions::{Selects, selects};
use super::names::{identifier, parts};
use super::objects::{ExistingObjects, TEMP_SCHEMA, TableName};
use crate::schema::expected::normalize_type;

/// A table created by the statement.
#[derive(Debug, Clone)]
pub(crate) struct CreatedTable {
    pub name: TableName,
    /// Its columns and their types (`format_type` spelling), as far as the statement says.
    pub columns: Vec<(String, Option<String>)>,
    pub if_not_exists: bool,
}

/// A column given a new type by `ALTER COLUMN ... TYPE`.
#[derive(Debug, Clone)]
pub(crate) struct Retype {
    pub table: TableName,
    pub column: String,
    /// The new type in `format_type` spelling; `None` when a `USING` or `COLLATE` makes it
    /// more than a change of type.
    pub plain_to: Option<String>,
    /// The new type as written, normalised, for the picture of the run.
    pub to: Option<String>,
}

/// A statement that removes every row of a table, or rewrites every row: the table and the
/// words for what happens.
#[derive(Debug, Clone)]
pub(crate) struct WholeTable {
    pub table: TableName,
    pub message: String,
    /// The columns an `UPDATE` sets.
    pub columns: Vec<String>,
}

/// What one top-level statement does.
#[derive(Debug, Default, Clone)]
pub(crate) struct Effects {
    pub dropped_tables: Vec<TableName>,
    pub renamed_tables: Vec<(TableName, TableName)>,
    /// Tables a `TRUNCATE` empties.
    pub truncated: Vec<TableName>,
    /// `TRUNCATE ... CASCADE`: it also empties every table that references these.
    pub truncate_cascade: bool,
    /// `DELETE`s (and `MERGE ... DELETE`s) whose condition takes every row.
    pub deleted_all: Vec<WholeTable>,
    /// Every table a `DELETE` or `MERGE ... DELETE` removes rows from, whatever the condition.
    pub deletes_from: Vec<TableName>,
    /// `UPDATE`s whose condition takes every row.
    pub updated_all: Vec<WholeTable>,
    pub dropped_columns: Vec<(TableName, String)>,
    pub renamed_columns: Vec<(TableName, String, String)>,
    pub retyped_columns: Vec<Retype>,
    pub dropped_schemas: Vec<String>,
    /// Schemas created, and whether `IF NOT EXISTS` was given.
    pub created_schemas: Vec<(String, bool)>,
    pub created_tables: Vec<CreatedTable>,
    /// Columns added, with their type, and whether `IF NOT EXISTS` was given.
    pub added_columns: Vec<(TableName, String, Option<String>, bool)>,
    /// The table an `ALTER TABLE` or `CREATE INDEX` locks.
    pub locked_table: Option<TableName>,
    pub created_enums: Vec<TableName>,
    pub dropped_types: Vec<TableName>,
    /// `ALTER TYPE ... RENAME VALUE`: the type, the old label, the new one.
    pub renamed_enum_values: Vec<(TableName, String, String)>,
    /// `SET search_path`: the new path, or `None` for `RESET` / `DEFAULT`.
    pub search_path: Option<Option<Vec<String>>>,
    /// `PREPARE name AS ...`: the name and what the statement does when executed.
    pub prepared: Option<(String, Box<Effects>)>,
    /// `EXECUTE name`.
    pub executes: Option<String>,
    /// `DEALLOCATE name` (`None`: `DEALLOCATE ALL`).
    pub deallocates: Option<Option<String>>,
    /// What the lint cannot see into: a `DO` block, `CALL`, a function call.
    pub opaque: Option<&'static str>,
}

/// The first child node of `kind`.
fn child(node: &SyntaxNode, kind: SyntaxKind) -> Option<SyntaxNode> {
    node.children().find(|n| n.kind() == kind)
}

fn has_token(node: &SyntaxNode, kind: SyntaxKind) -> bool {
    node.children_with_tokens().any(|e| e.kind() == kind)
}

fn qualified(node: &SyntaxNode) -> Option<TableName> {
    let mut p = parts(node);
    let name = p.pop().filter(|n| !n.is_empty())?;
    // An empty schema marks an unqualified name; `Effects::resolve` picks its schema.
    let schema = p.pop().unwrap_or_default();
    Some((schema, name))
}

fn ident(node: &SyntaxNode) -> Option<String> {
    parts(node).pop().filter(|n| !n.is_empty())
}

/// A type as written, in `format_type` spelling.
fn type_of(node: &SyntaxNode) -> String {
    normalize_type(&node.text().to_string())
}

/// The text of a string literal node, unquoted.
fn string_literal(node: &SyntaxNode) -> Option<String> {
    let token = node
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .find(|t| t.kind() == SyntaxKind::STRING)?;
    let text = token.text();
    text.strip_prefix('\'')
        .and_then(|t| t.strip_suffix('\''))
        .map(|t| t.replace("''", "'"))
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
                if let Some(mut name) = ct.table_name().and_then(|n| qualified(n.syntax())) {
                    if ct.persistence().is_some_and(|p| {
                        has_token(p.syntax(), SyntaxKind::TEMP_KW)
                            || has_token(p.syntax(), SyntaxKind::TEMPORARY_KW)
                    }) {
                        name.0 = TEMP_SCHEMA.to_string();
                    }
                    let columns = ct
                        .table_arg_list()
                        .map(|list| {
                            list.args()
                                .filter_map(|arg| match arg {
                                    ast::TableArg::Column(col) => {
                                        let name = col.name().and_then(|n| ident(n.syntax()))?;
                                        Some((name, col.ty().map(|t| type_of(t.syntax()))))
                                    }
                                    _ => None,
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    fx.created_tables.push(CreatedTable {
                        name,
                        columns,
                        if_not_exists: ct.if_not_exists().is_some(),
                    });
                }
            }
            ast::Stmt::CreateTableAs(ct) => {
                if let Some(mut name) = ct.table_name().and_then(|n| qualified(n.syntax())) {
                    if ct.persistence().is_some_and(|p| {
                        has_token(p.syntax(), SyntaxKind::TEMP_KW)
                            || has_token(p.syntax(), SyntaxKind::TEMPORARY_KW)
                    }) {
                        name.0 = TEMP_SCHEMA.to_string();
                    }
                    fx.created_tables.push(CreatedTable {
                        name,
                        columns: Vec::new(),
                        if_not_exists: ct.if_not_exists().is_some(),
                    });
                }
                data_changes(node, &mut fx);
            }
            ast::Stmt::AlterTable(at) => {
                let Some(table) = at.table_relation_name().and_then(|n| qualified(n.syntax()))
                else {
                    return fx;
                };
                fx.locked_table = Some(table.clone());
                for action in at.actions() {
                    fx.alter_table_action(&table, action);
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
                    fx.truncated = list
                        .table_relation_names()
                        .filter_map(|n| qualified(n.syntax()))
                        .collect();
                }
                fx.truncate_cascade = t
                    .drop_behavior()
                    .is_some_and(|b| has_token(b.syntax(), SyntaxKind::CASCADE_KW));
            }
            ast::Stmt::DropSchema(ds) => {
                fx.dropped_schemas = ds.schema_refs().filter_map(|n| ident(n.syntax())).collect();
            }
            ast::Stmt::CreateSchema(cs) => {
                if let Some(name) = child(node, SyntaxKind::NAMED_SCHEMA).and_then(|n| ident(&n)) {
                    fx.created_schemas
                        .push((name, cs.if_not_exists().is_some()));
                }
            }
            ast::Stmt::CreateType(ct) => {
                if child(node, SyntaxKind::ENUM_TYPE).is_some()
                    && let Some(name) = ct.type_name().and_then(|n| qualified(n.syntax()))
                {
                    fx.created_enums.push(name);
                }
            }
            ast::Stmt::DropType(_) => {
                fx.dropped_types = node
                    .children()
                    .filter(|n| n.kind() == SyntaxKind::TYPE_NAME_REF)
                    .filter_map(|n| qualified(&n))
                    .collect();
            }
            ast::Stmt::AlterType(at) => {
                if let (Some(name), Some(rename)) = (
                    at.type_name_ref().and_then(|n| qualified(n.syntax())),
                    child(node, SyntaxKind::RENAME_VALUE),
                ) {
                    let labels: Vec<String> = rename
                        .children()
                        .filter(|n| n.kind() == SyntaxKind::LITERAL)
                        .filter_map(|n| string_literal(&n))
                        .collect();
                    if let [from, to] = labels.as_slice() {
                        fx.renamed_enum_values
                            .push((name, from.clone(), to.clone()));
                    }
                }
            }
            ast::Stmt::Set(_) => fx.search_path = set_search_path(node),
            ast::Stmt::Reset(_) => {
                let words: Vec<String> = node
                    .descendants_with_tokens()
                    .filter_map(|e| e.into_token())
                    .map(|t| t.text().to_ascii_lowercase())
                    .collect();
                if words.iter().any(|w| w == "search_path" || w == "all") {
                    fx.search_path = Some(None);
                }
            }
            ast::Stmt::Prepare(p) => {
                let name = p.name().and_then(|n| ident(n.syntax()));
                if let (Some(name), Some(inner)) = (name, p.stmt()) {
                    let mut inner_fx = Effects::default();
                    data_changes(inner.syntax(), &mut inner_fx);
                    fx.prepared = Some((name, Box::new(inner_fx)));
                }
            }
            ast::Stmt::Execute(e) => {
                fx.executes = e.prepared_statement_ref().and_then(|n| ident(n.syntax()));
            }
            ast::Stmt::Deallocate(d) => {
                fx.deallocates = Some(d.prepared_statement_ref().and_then(|n| ident(n.syntax())));
            }
            ast::Stmt::Do(_) => fx.opaque = Some("a DO block"),
            ast::Stmt::Call(_) => fx.opaque = Some("CALL"),
            // What runs later, or never, changes nothing now.
            ast::Stmt::CreateFunction(_)
            | ast::Stmt::CreateProcedure(_)
            | ast::Stmt::CreateRule(_)
            | ast::Stmt::CreateTrigger(_)
            | ast::Stmt::CreateView(_)
            | ast::Stmt::CreateMaterializedView(_) => {}
            ast::Stmt::Explain(_) => {
                if child(node, SyntaxKind::EXPLAIN_ANALYZE).is_some()
                    || node
                        .text()
                        .to_string()
                        .to_ascii_lowercase()
                        .contains("analyze")
                {
                    data_changes(node, &mut fx);
                }
            }
            _ => {
                if let Some(path) = set_config_search_path(node) {
                    fx.search_path = Some(Some(path));
                } else if node.kind() == SyntaxKind::SELECT
                    && node
                        .descendants()
                        .any(|n| n.kind() == SyntaxKind::CALL_EXPR)
                {
                    fx.opaque = Some("a function call");
                }
                data_changes(node, &mut fx);
            }
        }
        fx
    }

    fn alter_table_action(&mut self, table: &TableName, action: ast::AlterTableAction) {
        match action {
            ast::AlterTableAction::AddColumn(add) => {
                if let Some(c) = add.column_name().and_then(|n| ident(n.syntax())) {
                    self.added_columns.push((
                        table.clone(),
                        c,
                        add.ty().map(|t| type_of(t.syntax())),
                        add.if_not_exists().is_some(),
                    ));
                }
            }
            ast::AlterTableAction::DropColumn(drop) => {
                if let Some(c) = drop.column_name_ref().and_then(|n| ident(n.syntax())) {
                    self.dropped_columns.push((table.clone(), c));
                }
            }
            ast::AlterTableAction::RenameColumn(rename) => {
                let from = rename.column_name_ref().and_then(|n| ident(n.syntax()));
                let to = rename.column_name().and_then(|n| ident(n.syntax()));
                if let (Some(from), Some(to)) = (from, to) {
                    self.renamed_columns.push((table.clone(), from, to));
                }
            }
            ast::AlterTableAction::AlterColumn(alter) => {
                if let Some(ast::AlterColumnOption::SetType(set)) = alter.option()
                    && let Some(c) = alter.column_name_ref().and_then(|n| ident(n.syntax()))
                {
                    let to = set.ty().map(|t| type_of(t.syntax()));
                    let plain = set.using_expr().is_none() && set.collate().is_none();
                    self.retyped_columns.push(Retype {
                        table: table.clone(),
                        column: c,
                        plain_to: to.clone().filter(|_| plain),
                        to,
                    });
                }
            }
            ast::AlterTableAction::TableRenameTo(rename) => {
                if let Some(new) = rename.table_name().and_then(|n| ident(n.syntax())) {
                    // RENAME TO never moves a table to another schema.
                    self.renamed_tables
                        .push((table.clone(), (table.0.clone(), new)));
                }
            }
            _ => {}
        }
    }

    /// Gives every unqualified name (empty schema) the schema PostgreSQL would use, against
    /// `state` (the run just before this statement): a created object goes to the first
    /// schema of the path; any other name to where the path finds it.
    pub(crate) fn resolve(&mut self, state: &ExistingObjects) {
        let find = |t: &mut TableName| state.resolve_table(t);
        for created in &mut self.created_tables {
            if created.name.0.is_empty() {
                created.name.0 = state.creation_schema();
            }
        }
        for name in &mut self.created_enums {
            if name.0.is_empty() {
                name.0 = state.creation_schema();
            }
        }
        self.dropped_types
            .iter_mut()
            .for_each(|t| state.resolve_type(t));
        for (t, _, _) in &mut self.renamed_enum_values {
            state.resolve_type(t);
        }
        self.dropped_tables.iter_mut().for_each(find);
        self.truncated.iter_mut().for_each(find);
        self.deletes_from.iter_mut().for_each(find);
        for w in self.deleted_all.iter_mut().chain(&mut self.updated_all) {
            find(&mut w.table);
        }
        for (from, to) in &mut self.renamed_tables {
            find(from);
            to.0 = from.0.clone();
        }
        for (t, _) in &mut self.dropped_columns {
            find(t);
        }
        for r in &mut self.retyped_columns {
            find(&mut r.table);
        }
        for (t, _, _) in &mut self.renamed_columns {
            find(t);
        }
        for (t, _, _, _) in &mut self.added_columns {
            find(t);
        }
        if let Some(t) = &mut self.locked_table {
            find(t);
        }
    }

    /// Whether a finding of `rule` on this statement touches data that existed before the
    /// run, judged against `state` (the run just before this statement). `None` when the
    /// statement's targets could not be named: the caller then keeps the finding's level.
    pub(crate) fn touches_existing_data(
        &self,
        rule: &str,
        state: &ExistingObjects,
    ) -> Option<bool> {
        fn any<'a>(
            mut names: impl Iterator<Item = &'a TableName>,
            state: &ExistingObjects,
        ) -> Option<bool> {
            let first = names.next()?;
            let hit = state.has_table(&first.0, &first.1);
            Some(hit | names.any(|t| state.has_table(&t.0, &t.1)))
        }
        fn any_column<'a>(
            mut columns: impl Iterator<Item = (&'a TableName, &'a String)>,
            state: &ExistingObjects,
        ) -> Option<bool> {
            let (t, c) = columns.next()?;
            let hit = state.has_column(&t.0, &t.1, c);
            Some(hit | columns.any(|(t, c)| state.has_column(&t.0, &t.1, c)))
        }
        match rule {
            "ban-drop-table" => any(self.dropped_tables.iter(), state),
            "renaming-table" => any(self.renamed_tables.iter().map(|(from, _)| from), state),
            "ban-truncate" | "ban-truncate-cascade" => any(self.truncated.iter(), state),
            "ban-delete-without-where" => any(self.deleted_all.iter().map(|w| &w.table), state),
            // Setting every row of columns the run added is a backfill: nothing is overwritten.
            "ban-update-without-where" => {
                let mut seen = false;
                let mut hit = false;
                for w in &self.updated_all {
                    seen = true;
                    hit |= state.has_table(&w.table.0, &w.table.1)
                        && (w.columns.is_empty()
                            || w.columns
                                .iter()
                                .any(|c| state.has_column(&w.table.0, &w.table.1, c)));
                }
                seen.then_some(hit)
            }
            "ban-drop-column" => {
                any_column(self.dropped_columns.iter().map(|(t, c)| (t, c)), state)
            }
            "renaming-column" => any_column(
                self.renamed_columns.iter().map(|(t, from, _)| (t, from)),
                state,
            ),
            "changing-column-type" => any_column(
                self.retyped_columns.iter().map(|r| (&r.table, &r.column)),
                state,
            ),
            "renaming-enum-value" => {
                let mut it = self.renamed_enum_values.iter().peekable();
                it.peek()?;
                Some(it.any(|(t, _, _)| state.enum_type(&t.0, &t.1) == Some(true)))
            }
            "ban-drop-schema" => {
                let mut it = self.dropped_schemas.iter().peekable();
                it.peek()?;
                Some(it.any(|s| state.has_data_in_schema(s)))
            }
            _ => None,
        }
    }

    /// When every column this statement retypes goes from a known type to one PostgreSQL
    /// reaches without rewriting the table or losing a value (binary-coercible, or a wider
    /// limit), the changes in words (`email: character varying(100) -> text`).
    pub(crate) fn harmless_retypes(&self, state: &ExistingObjects) -> Option<String> {
        let mut words = Vec::new();
        for r in &self.retyped_columns {
            let to = r.plain_to.as_deref()?;
            let from = state.column_type(&r.table.0, &r.table.1, &r.column)?;
            if !keeps_every_value_without_rewrite(&from, to) {
                return None;
            }
            words.push(format!("{}: {from} -> {to}", r.column));
        }
        (!words.is_empty()).then(|| words.join(", "))
    }

    /// Whether the table this statement locks held data before the run; `None` when the
    /// statement locks no table schemagate can name.
    pub(crate) fn locks_existing_table(&self, state: &ExistingObjects) -> Option<bool> {
        self.locked_table
            .as_ref()
            .map(|t| state.has_table(&t.0, &t.1))
    }

    /// Applies this statement to `state`. `fresh`: objects it creates hold no data from
    /// before the run (a pending file); otherwise they do (an older file replayed as applied
    /// history, offline).
    pub(crate) fn apply(&self, state: &mut ExistingObjects, fresh: bool) {
        let data = !fresh;
        for (schema, if_not_exists) in &self.created_schemas {
            state.create_schema(schema, data, *if_not_exists);
        }
        for created in &self.created_tables {
            let (s, t) = &created.name;
            if !(created.if_not_exists && state.table(s, t).is_some()) {
                state.create_table(&created.name, &created.columns, data);
            }
        }
        for (table, column, ty, if_not_exists) in &self.added_columns {
            if !(*if_not_exists && state.column_exists(&table.0, &table.1, column)) {
                state.add_column(table, column, ty.clone(), data);
            }
        }
        for (table, column) in &self.dropped_columns {
            state.drop_column(table, column);
        }
        for (table, from, to) in &self.renamed_columns {
            state.rename_column(table, from, to);
        }
        for r in &self.retyped_columns {
            state.retype_column(&r.table, &r.column, r.to.clone());
        }
        for (from, to) in &self.renamed_tables {
            state.rename_table(from, to);
        }
        for table in &self.dropped_tables {
            state.drop_table(table);
        }
        for schema in &self.dropped_schemas {
            state.drop_schema(schema);
        }
        for name in &self.created_enums {
            state.create_enum(name, data);
        }
        for name in &self.dropped_types {
            state.drop_type(name);
        }
        if let Some(path) = &self.search_path {
            state.set_search_path(path.clone());
        }
    }

    /// Adds what `other` (a prepared statement being executed) does to this statement.
    pub(crate) fn absorb(&mut self, other: &Effects) {
        self.deleted_all.extend(other.deleted_all.iter().cloned());
        self.deletes_from.extend(other.deletes_from.iter().cloned());
        self.updated_all.extend(other.updated_all.iter().cloned());
    }
}

/// Whether PostgreSQL changes a column from `from` to `to` (both in `format_type` spelling)
/// without rewriting the table and without changing or refusing any value: the same type,
/// `varchar` widened or made unlimited or `text`, `text` to unlimited `varchar`, `varbit`
/// widened or unlimited, `numeric` with more precision and the same scale or unconstrained.
/// (ALTER TABLE, "Notes": a binary-coercible change needs no rewrite; the length checks of a
/// wider limit always pass.)
pub(crate) fn keeps_every_value_without_rewrite(from: &str, to: &str) -> bool {
    if from == to {
        return true;
    }
    fn split(ty: &str) -> (&str, Option<Vec<u32>>) {
        match ty.split_once('(') {
            Some((name, rest)) => {
                let args = rest
                    .trim_end_matches(')')
                    .split(',')
                    .map(|a| a.trim().parse().ok())
                    .collect::<Option<Vec<u32>>>();
                (name.trim(), args)
            }
            None => (ty.trim(), Some(Vec::new())),
        }
    }
    let (from_name, Some(from_args)) = split(from) else {
        return false;
    };
    let (to_name, Some(to_args)) = split(to) else {
        return false;
    };
    let widened = |from: &[u32], to: &[u32]| match (from, to) {
        (_, []) => true,
        ([a], [b]) => b >= a,
        _ => false,
    };
    match (from_name, to_name) {
        ("character varying", "character varying") | ("bit varying", "bit varying") => {
            widened(&from_args, &to_args)
        }
        ("character varying", "text") => true,
        ("text", "character varying") => to_args.is_empty(),
        ("numeric", "numeric") => match (from_args.as_slice(), to_args.as_slice()) {
            (_, []) => true,
            ([p], [q]) => q >= p,
            ([p], [q, 0]) => q >= p,
            ([p, s], [q, t]) => q >= p && s == t,
            _ => false,
        },
        _ => false,
    }
}

/// `SET [SESSION | LOCAL] search_path ...` / `SET SCHEMA '...'`: the new path, or `None`
/// for `DEFAULT`; not a path change at all: `None` outside.
fn set_search_path(node: &SyntaxNode) -> Option<Option<Vec<String>>> {
    if let Some(value) = child(node, SyntaxKind::SET_SCHEMA_VALUE) {
        return Some(string_literal(&value).map(|s| vec![s]));
    }
    let config = child(node, SyntaxKind::SET_CONFIG)?;
    let parameter = child(&config, SyntaxKind::CONFIG_PARAMETER_REF)?;
    if ident(&parameter).as_deref() != Some("search_path") {
        return None;
    }
    let value = child(&config, SyntaxKind::TO_CONFIG_VALUE)?;
    if has_token(&value, SyntaxKind::DEFAULT_KW) {
        return Some(None);
    }
    let mut path = Vec::new();
    for item in value.children() {
        match item.kind() {
            // A quoted string is one schema name, whatever it holds (`'app, public'` is a
            // schema called "app, public", as PostgreSQL reads it).
            SyntaxKind::LITERAL => path.extend(string_literal(&item)),
            _ => path.extend(
                item.descendants_with_tokens()
                    .filter_map(|e| e.into_token())
                    .filter(|t| !t.kind().is_trivia())
                    .map(|t| identifier(t.text(), '\\'))
                    .next(),
            ),
        }
    }
    Some(Some(path))
}

/// `SELECT set_config('search_path', 'app, public', ...)` with constant arguments: the path
/// (the value is a list, as `SHOW` prints it).
fn set_config_search_path(node: &SyntaxNode) -> Option<Vec<String>> {
    if node.kind() != SyntaxKind::SELECT {
        return None;
    }
    node.descendants()
        .filter(|n| n.kind() == SyntaxKind::CALL_EXPR)
        .find_map(|call| {
            let name = call.first_child()?;
            let name = parts(&name).pop()?;
            if name != "set_config" {
                return None;
            }
            let args: Vec<Option<String>> = child(&call, SyntaxKind::ARG_LIST)?
                .children()
                .map(|arg| string_literal(&arg))
                .collect();
            match args.as_slice() {
                [Some(parameter), Some(value), ..] if parameter == "search_path" => {
                    Some(super::names::split_search_path(value))
                }
                _ => None,
            }
        })
}

/// The expression of a `WHERE` clause, or `None` when there is none. `WHERE CURRENT OF`
/// tells rows apart.
fn where_condition(node: &SyntaxNode) -> Option<Selects> {
    if child(node, SyntaxKind::WHERE_CURRENT_OF).is_some() {
        return Some(Selects::SomeRows);
    }
    let clause = child(node, SyntaxKind::WHERE_CLAUSE)?;
    Some(
        clause
            .children()
            .next()
            .map_or(Selects::SomeRows, |e| selects(&e)),
    )
}

/// Words for a condition that takes every row.
fn whole_table_words(verb: &str, selected: Option<Selects>, context: &str) -> Option<String> {
    let how = match selected {
        None => format!("{verb} without WHERE"),
        Some(Selects::EveryRow) => format!("{verb} whose WHERE is always true"),
        Some(Selects::AllOrNothing) => {
            format!("{verb} whose WHERE does not depend on the row (every row or none)")
        }
        Some(Selects::SomeRows | Selects::NoRow) => return None,
    };
    let effect = if verb == "UPDATE" {
        "rewrites every row of the table"
    } else {
        "empties the table"
    };
    Some(format!("{how}{context} {effect}"))
}

/// Finds every `DELETE`, `UPDATE` and `MERGE` in a statement, at any depth (a `WITH`, an
/// `EXPLAIN ANALYZE`, a `COPY`), and records what each does to its table.
fn data_changes(node: &SyntaxNode, fx: &mut Effects) {
    let context = |n: &SyntaxNode| {
        if n.ancestors().any(|a| a.kind() == SyntaxKind::WITH_TABLE) {
            " (inside WITH)"
        } else {
            ""
        }
    };
    for n in node.descendants() {
        match n.kind() {
            SyntaxKind::DELETE => {
                let Some(table) = child(&n, SyntaxKind::RELATION_NAME).and_then(|r| qualified(&r))
                else {
                    continue;
                };
                fx.deletes_from.push(table.clone());
                if let Some(message) = whole_table_words("DELETE", where_condition(&n), context(&n))
                {
                    fx.deleted_all.push(WholeTable {
                        table,
                        message,
                        columns: Vec::new(),
                    });
                }
            }
            SyntaxKind::UPDATE => {
                let Some(table) = child(&n, SyntaxKind::RELATION_NAME).and_then(|r| qualified(&r))
                else {
                    continue;
                };
                if let Some(message) = whole_table_words("UPDATE", where_condition(&n), context(&n))
                {
                    let columns = child(&n, SyntaxKind::SET_CLAUSE)
                        .map(|set| {
                            set.descendants()
                                .filter(|c| c.kind() == SyntaxKind::COLUMN_NAME_REF)
                                .filter(|c| {
                                    !c.ancestors()
                                        .take_while(|a| a != &set)
                                        .any(|a| a.kind() == SyntaxKind::SET_EXPR)
                                })
                                .filter_map(|c| ident(&c))
                                .collect()
                        })
                        .unwrap_or_default();
                    fx.updated_all.push(WholeTable {
                        table,
                        message,
                        columns,
                    });
                }
            }
            SyntaxKind::MERGE => merge(&n, fx),
            _ => {}
        }
    }
}

/// `MERGE INTO t USING s ON cond WHEN ... THEN DELETE`: a delete action whose condition does
/// not tell rows apart takes every row (`WHEN MATCHED` with an always-true or row-blind
/// `ON`; `WHEN NOT MATCHED BY SOURCE` with an `ON` that is never true or row-blind).
fn merge(node: &SyntaxNode, fx: &mut Effects) {
    let Some(table) = child(node, SyntaxKind::TABLE_RELATION_NAME).and_then(|r| qualified(&r))
    else {
        return;
    };
    let on = child(node, SyntaxKind::USING_ON_CLAUSE)
        .and_then(|u| child(&u, SyntaxKind::ON_CLAUSE))
        .and_then(|on| on.children().next())
        .map_or(Selects::SomeRows, |e| selects(&e));
    let actions = [
        SyntaxKind::MERGE_DELETE,
        SyntaxKind::MERGE_UPDATE,
        SyntaxKind::MERGE_INSERT,
    ];
    let mut deletes = false;
    let mut takes_all = false;
    for when in node.children() {
        let Some(action) = when.children().find(|c| actions.contains(&c.kind())) else {
            continue;
        };
        if action.kind() != SyntaxKind::MERGE_DELETE {
            continue;
        }
        deletes = true;
        // `WHEN ... AND cond THEN DELETE`: a condition that tells rows apart limits it.
        let limited = when
            .children()
            .filter(|c| !actions.contains(&c.kind()))
            .any(|c| selects(&c) == Selects::SomeRows || selects(&c) == Selects::NoRow);
        let selected = if when.kind() == SyntaxKind::MERGE_WHEN_NOT_MATCHED_SOURCE {
            match on {
                Selects::NoRow => Selects::EveryRow,
                Selects::EveryRow | Selects::AllOrNothing => Selects::AllOrNothing,
                Selects::SomeRows => Selects::SomeRows,
            }
        } else {
            on
        };
        takes_all |= !limited && matches!(selected, Selects::EveryRow | Selects::AllOrNothing);
    }
    if deletes {
        fx.deletes_from.push(table.clone());
    }
    if takes_all {
        fx.deleted_all.push(WholeTable {
            table,
            message: "MERGE ... THEN DELETE whose condition does not tell the table's rows apart empties the table".into(),
            columns: Vec::new(),
        });
    }
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
        let fx = effects("CREATE TABLE t (id int, \"Name\" varchar(10), PRIMARY KEY (id));");
        assert_eq!(
            fx.created_tables[0].columns,
            vec![
                ("id".to_string(), Some("integer".to_string())),
                ("Name".into(), Some("character varying(10)".into()))
            ]
        );
        let fx = effects("ALTER TABLE t ALTER COLUMN c TYPE bigint, DROP COLUMN d;");
        assert_eq!(fx.retyped_columns.len(), 1);
        assert_eq!(fx.dropped_columns.len(), 1);
        let fx = effects("TRUNCATE TABLE a, b;");
        assert_eq!(fx.truncated.len(), 2);
        let fx = effects("DELETE FROM a WHERE id = 1;");
        assert!(fx.deleted_all.is_empty());
        assert_eq!(fx.deletes_from.len(), 1);
        let fx = effects("DROP TABLE only_in_app;");
        assert_eq!(
            fx.dropped_tables,
            vec![("app".into(), "only_in_app".into())]
        );
        let fx = effects("DROP TABLE U&\"only\\005fin\\005fapp\";");
        assert_eq!(
            fx.dropped_tables,
            vec![("app".into(), "only_in_app".into())]
        );
        let fx = effects("CREATE TEMP TABLE t (id int);");
        assert_eq!(fx.created_tables[0].name, (TEMP_SCHEMA.into(), "t".into()));
    }

    #[test]
    fn finds_deletes_wherever_they_run() {
        for sql in [
            "DELETE FROM a WHERE true;",
            "DELETE FROM a WHERE 1=1;",
            "WITH d AS (DELETE FROM a RETURNING *) SELECT count(*) FROM d;",
            "WITH x AS (SELECT 1) DELETE FROM a;",
            "EXPLAIN ANALYZE DELETE FROM a;",
            "MERGE INTO a USING b ON true WHEN MATCHED THEN DELETE;",
            "MERGE INTO a USING b ON false WHEN NOT MATCHED BY SOURCE THEN DELETE;",
            "INSERT INTO log SELECT * FROM (WITH d AS (DELETE FROM a RETURNING id) SELECT id FROM d) x;",
        ] {
            let fx = effects(sql);
            assert_eq!(fx.deleted_all.len(), 1, "{sql}");
            assert_eq!(fx.deleted_all[0].table.1, "a", "{sql}");
        }
        for sql in [
            "EXPLAIN DELETE FROM a;",
            "MERGE INTO a USING b ON a.id = b.id WHEN MATCHED THEN DELETE;",
            "MERGE INTO a USING b ON true WHEN MATCHED AND a.old THEN DELETE;",
            "CREATE FUNCTION f() RETURNS void LANGUAGE sql AS 'DELETE FROM a';",
            "CREATE RULE r AS ON INSERT TO b DO INSTEAD DELETE FROM a;",
        ] {
            assert!(effects(sql).deleted_all.is_empty(), "{sql}");
        }
        let fx = effects("PREPARE p AS DELETE FROM a;");
        let (name, inner) = fx.prepared.unwrap();
        assert_eq!(name, "p");
        assert_eq!(inner.deleted_all.len(), 1);
        assert_eq!(effects("EXECUTE p;").executes.as_deref(), Some("p"));
        let fx = effects("UPDATE a SET x = 1, y = y + 1 WHERE 1=1;");
        assert_eq!(fx.updated_all[0].columns, vec!["x".to_string(), "y".into()]);
    }

    #[test]
    fn session_changes() {
        assert_eq!(
            effects("SET search_path = app, public;").search_path,
            Some(Some(vec!["app".to_string(), "public".into()]))
        );
        assert_eq!(
            effects("SET LOCAL search_path TO \"$user\", 'x y';").search_path,
            Some(Some(vec!["$user".to_string(), "x y".into()]))
        );
        assert_eq!(
            effects("SET search_path TO DEFAULT;").search_path,
            Some(None)
        );
        assert_eq!(effects("RESET search_path;").search_path, Some(None));
        assert_eq!(effects("SET statement_timeout = 0;").search_path, None);
        assert_eq!(
            effects("SELECT pg_catalog.set_config('search_path', 'app, public', false);")
                .search_path,
            Some(Some(vec!["app".to_string(), "public".into()]))
        );
        assert_eq!(effects("DO $$ BEGIN END $$;").opaque, Some("a DO block"));
        let fx = effects("ALTER TYPE mood RENAME VALUE 'monthly' TO 'monthly2';");
        assert_eq!(fx.renamed_enum_values[0].1, "monthly");
    }

    #[test]
    fn harmless_type_changes() {
        for (from, to) in [
            ("character varying(100)", "character varying(200)"),
            ("character varying(100)", "character varying"),
            ("character varying(5000)", "text"),
            ("character varying", "text"),
            ("text", "character varying"),
            ("numeric(10,2)", "numeric(12,2)"),
            ("numeric(10,2)", "numeric"),
            ("numeric(10)", "numeric(12)"),
            ("bit varying(5)", "bit varying(8)"),
            ("bit varying(5)", "bit varying"),
            ("integer", "integer"),
        ] {
            assert!(
                keeps_every_value_without_rewrite(from, to),
                "{from} -> {to}"
            );
        }
        for (from, to) in [
            ("character varying(200)", "character varying(100)"),
            ("text", "character varying(100)"),
            ("numeric(10,2)", "numeric(12,3)"),
            ("numeric(10,2)", "numeric(8,2)"),
            ("numeric", "numeric(10,2)"),
            ("integer", "bigint"),
            ("character(10)", "text"),
            ("timestamp without time zone", "timestamp with time zone"),
        ] {
            assert!(
                !keeps_every_value_without_rewrite(from, to),
                "{from} -> {to}"
            );
        }
    }
}
