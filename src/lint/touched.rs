//! Which tables' existing rows a migration can change, read from its parsed statements, for a
//! backup scoped to them (`backup_scope = "touched"`). Conservative by construction: a statement
//! kind not known to leave rows alone either names the tables it changes or makes the reading
//! unsure, and an unsure reading means a full backup. The catalog side (which names exist,
//! foreign-key cascades, triggers, rules, which functions are built in) is
//! [`crate::backup::scope`]'s.

use squawk_syntax::{SourceFile, SyntaxKind, SyntaxNode};

use super::names::parts;

/// A table as written: (schema, name); the schema is empty when the name is unqualified.
pub type Written = (String, String);

/// What one migration can change.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Touched {
    /// Tables whose rows it can change (altered, dropped, truncated, written to).
    pub tables: Vec<Written>,
    /// Tables emptied by `TRUNCATE ... CASCADE`: every table referencing them is emptied too.
    pub truncate_cascade: Vec<Written>,
    /// It creates a trigger: one on a table it then writes would fire unseen by the catalog.
    pub creates_trigger: bool,
    /// Functions called by statements that run them on rows or at the top level (their last
    /// name part): one that is not built in may change any table.
    pub calls: Vec<String>,
}

/// Statements that never change existing rows.
const SCHEMA_ONLY: &[SyntaxKind] = &[
    SyntaxKind::CREATE_TABLE,
    SyntaxKind::CREATE_TABLE_AS,
    SyntaxKind::CREATE_INDEX,
    SyntaxKind::CREATE_SCHEMA,
    SyntaxKind::CREATE_SEQUENCE,
    SyntaxKind::CREATE_VIEW,
    SyntaxKind::CREATE_MATERIALIZED_VIEW,
    SyntaxKind::CREATE_TYPE,
    SyntaxKind::CREATE_DOMAIN,
    SyntaxKind::CREATE_FUNCTION,
    SyntaxKind::CREATE_PROCEDURE,
    SyntaxKind::CREATE_TRIGGER,
    SyntaxKind::CREATE_POLICY,
    SyntaxKind::COMMENT_ON,
    SyntaxKind::GRANT,
    SyntaxKind::REVOKE,
    SyntaxKind::DROP_INDEX,
    SyntaxKind::DROP_VIEW,
    SyntaxKind::DROP_MATERIALIZED_VIEW,
    SyntaxKind::DROP_FUNCTION,
    SyntaxKind::DROP_PROCEDURE,
    SyntaxKind::DROP_TRIGGER,
    SyntaxKind::DROP_POLICY,
    SyntaxKind::DROP_SEQUENCE,
    SyntaxKind::ALTER_SEQUENCE,
    SyntaxKind::ALTER_INDEX,
    SyntaxKind::ALTER_VIEW,
    SyntaxKind::ALTER_FUNCTION,
    SyntaxKind::ALTER_TYPE,
    SyntaxKind::ANALYZE,
    SyntaxKind::REFRESH,
    SyntaxKind::LOCK,
];

/// `ALTER TABLE` actions that leave every existing value as it is.
const SCHEMA_ONLY_ACTIONS: &[SyntaxKind] = &[
    SyntaxKind::ADD_COLUMN,
    SyntaxKind::ADD_CONSTRAINT,
    SyntaxKind::VALIDATE_CONSTRAINT,
];

/// Reads `sql` (the file `file`): the tables it can change, or why it cannot be sure.
pub fn read(file: &str, sql: &str) -> Result<Touched, String> {
    let parse = SourceFile::parse(sql);
    if let Some(error) = parse.errors().first() {
        let offset = u32::from(error.range().start()) as usize;
        let line = sql[..offset.min(sql.len())].matches('\n').count() + 1;
        return Err(format!("{file}:{line}: a statement the parser cannot read"));
    }
    let mut touched = Touched::default();
    for node in parse.syntax_node().children() {
        statement(&node, &mut touched).map_err(|why| {
            let offset = u32::from(node.text_range().start()) as usize;
            let skipped = sql[offset.min(sql.len())..].len()
                - sql[offset.min(sql.len())..].trim_start().len();
            let line = sql[..(offset + skipped).min(sql.len())]
                .matches('\n')
                .count()
                + 1;
            format!("{file}:{line}: {why}")
        })?;
    }
    Ok(touched)
}

fn written(node: &SyntaxNode) -> Option<Written> {
    let mut p = parts(node);
    let name = p.pop().filter(|n| !n.is_empty())?;
    Some((p.pop().unwrap_or_default(), name))
}

fn child(node: &SyntaxNode, kind: SyntaxKind) -> Option<SyntaxNode> {
    node.children().find(|n| n.kind() == kind)
}

fn has_child(node: &SyntaxNode, kind: SyntaxKind) -> bool {
    node.children().any(|n| n.kind() == kind)
}

fn first_words(node: &SyntaxNode) -> String {
    let words: Vec<String> = super::statements::node_words(node)
        .into_iter()
        .take(3)
        .collect();
    words.join(" ").to_uppercase()
}

fn statement(node: &SyntaxNode, t: &mut Touched) -> Result<(), String> {
    let kind = node.kind();
    match kind {
        SyntaxKind::DO => return Err("a DO block (what it changes cannot be read)".into()),
        SyntaxKind::CALL => {
            let name = child(node, SyntaxKind::PROCEDURE_NAME_REF)
                .and_then(|n| parts(&n).pop())
                .unwrap_or_default();
            return Err(format!(
                "CALL {name} (what a procedure changes cannot be read)"
            ));
        }
        SyntaxKind::EXECUTE => {
            return Err("EXECUTE of a prepared statement".into());
        }
        SyntaxKind::CREATE_EXTENSION => {
            return Err("CREATE EXTENSION (its script may change any table)".into());
        }
        SyntaxKind::SET | SyntaxKind::RESET => {
            let words = super::statements::node_words(node);
            if words.iter().any(|w| w == "search_path" || w == "schema") {
                return Err("it changes the search_path, so names cannot be resolved".into());
            }
            return Ok(());
        }
        // Their function calls are judged by the catalog (built in, or not).
        SyntaxKind::SELECT | SyntaxKind::SELECT_INTO | SyntaxKind::VALUES => {}
        SyntaxKind::DROP_TABLE => {
            for name in node
                .children()
                .filter(|n| n.kind() == SyntaxKind::TABLE_NAME_REF)
            {
                t.tables
                    .push(written(&name).ok_or("a DROP TABLE whose table cannot be read")?);
            }
        }
        SyntaxKind::DROP_TYPE | SyntaxKind::DROP_SCHEMA | SyntaxKind::DROP_DOMAIN => {
            if has_child(node, SyntaxKind::CASCADE) {
                return Err(format!(
                    "{} ... CASCADE (drops whatever depends on it)",
                    first_words(node)
                ));
            }
        }
        SyntaxKind::TRUNCATE => {
            let cascade = has_child(node, SyntaxKind::CASCADE);
            for name in node
                .descendants()
                .filter(|n| n.kind() == SyntaxKind::TABLE_RELATION_NAME)
            {
                let table = written(&name).ok_or("a TRUNCATE whose table cannot be read")?;
                if cascade {
                    t.truncate_cascade.push(table.clone());
                }
                t.tables.push(table);
            }
        }
        SyntaxKind::ALTER_TABLE => {
            let table = child(node, SyntaxKind::TABLE_RELATION_NAME)
                .and_then(|n| written(&n))
                .ok_or("an ALTER TABLE whose table cannot be read")?;
            let only_schema = node
                .children()
                .filter(|n| n.kind() != SyntaxKind::TABLE_RELATION_NAME)
                .all(|n| SCHEMA_ONLY_ACTIONS.contains(&n.kind()));
            if !only_schema {
                t.tables.push(table);
            }
        }
        SyntaxKind::COPY => {
            if has_child(node, SyntaxKind::COPY_FROM) {
                let table = child(node, SyntaxKind::COPY_TABLE)
                    .and_then(|n| written(&n))
                    .ok_or("a COPY FROM whose table cannot be read")?;
                t.tables.push(table);
            }
        }
        SyntaxKind::CREATE_TRIGGER => t.creates_trigger = true,
        SyntaxKind::INSERT
        | SyntaxKind::UPDATE
        | SyntaxKind::DELETE
        | SyntaxKind::MERGE
        | SyntaxKind::EXPLAIN => {}
        k if SCHEMA_ONLY.contains(&k) => {}
        _ => {
            return Err(format!(
                "cannot tell which rows {} changes",
                first_words(node)
            ));
        }
    }
    // Writes wherever they are: top level, in a WITH, under EXPLAIN ANALYZE, in COPY (...).
    let mut writes = false;
    for n in node.descendants() {
        let target = match n.kind() {
            SyntaxKind::INSERT => child(&n, SyntaxKind::RELATION_NAME_REF)
                .or_else(|| child(&n, SyntaxKind::RELATION_NAME)),
            SyntaxKind::UPDATE | SyntaxKind::DELETE => child(&n, SyntaxKind::RELATION_NAME),
            SyntaxKind::MERGE => child(&n, SyntaxKind::TABLE_RELATION_NAME),
            _ => continue,
        };
        writes = true;
        let table = target
            .and_then(|r| written(&r))
            .ok_or_else(|| format!("a {:?} whose table cannot be read", n.kind()))?;
        t.tables.push(table);
    }
    let runs_calls = matches!(
        kind,
        SyntaxKind::ALTER_TABLE
            | SyntaxKind::COPY
            | SyntaxKind::SELECT
            | SyntaxKind::SELECT_INTO
            | SyntaxKind::VALUES
            | SyntaxKind::CREATE_TABLE_AS
            | SyntaxKind::CREATE_MATERIALIZED_VIEW
    );
    if writes || runs_calls {
        for call in node
            .descendants()
            .filter(|n| n.kind() == SyntaxKind::CALL_EXPR)
        {
            if let Some(name) = call.children().next().and_then(|n| parts(&n).pop()) {
                t.calls.push(name.to_lowercase());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(sql: &str) -> Vec<String> {
        read("V1__t.sql", sql)
            .unwrap()
            .tables
            .into_iter()
            .map(|(s, n)| if s.is_empty() { n } else { format!("{s}.{n}") })
            .collect()
    }

    fn unsure(sql: &str) -> String {
        read("V1__t.sql", sql).unwrap_err()
    }

    #[test]
    fn schema_only_statements_touch_nothing() {
        let sql = "create table n (id int); alter table a add column x int, add constraint c check (x > 0);
                   create index i on a (x); comment on table a is 'x'; set lock_timeout = '1s';";
        assert_eq!(tables(sql), Vec::<String>::new());
    }

    #[test]
    fn writes_drops_and_alters_touch_their_tables() {
        let sql = "drop table s.b, c; truncate d; insert into f values (1); update g set x = 1 where id = 2;
                   delete from h where id = 1; alter table a drop column y;
                   with gone as (delete from w returning *) select count(*) from gone;";
        assert_eq!(tables(sql), ["s.b", "c", "d", "f", "g", "h", "a", "w"]);
        let t = read("V1__t.sql", "truncate d cascade;").unwrap();
        assert_eq!(t.truncate_cascade, [("".to_string(), "d".to_string())]);
        let t = read("V1__t.sql", "update g set x = lower(x);").unwrap();
        assert_eq!(t.calls, ["lower"]);
    }

    #[test]
    fn what_cannot_be_read_is_unsure() {
        assert!(unsure("do $$ begin delete from a; end $$;").contains("DO block"));
        assert!(unsure("call purge();").contains("CALL purge"));
        let t = read("V1__t.sql", "select purge_old();").unwrap();
        assert_eq!(t.calls, ["purge_old"]);
        assert!(unsure("set search_path = other;").contains("search_path"));
        assert!(unsure("create extension x;").contains("CREATE EXTENSION"));
        assert!(unsure("create table (;").contains("V1__t.sql:1: a statement the parser"));
        assert!(unsure("select 1;\ndrop type t cascade;").starts_with("V1__t.sql:2: "));
    }
}
