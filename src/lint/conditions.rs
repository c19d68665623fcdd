//! Whether a `WHERE` (or `MERGE ... ON`) condition can tell one row from another. A condition
//! that is always true (`true`, `1=1`, `NOT false`, `id = id`, `x OR 1=1`) selects every row;
//! one that mentions no column at all (`now() > '2020-01-01'`, `EXISTS (SELECT 1)`) selects
//! every row or none. Either way a `DELETE` with it empties the table, and an `UPDATE` rewrites
//! every row, exactly as without the condition. The reading is syntactic and errs towards
//! "depends on the row" only where it cannot tell.

use squawk_syntax::{SyntaxKind, SyntaxNode};

/// How a condition selects rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Selects {
    /// It can tell rows apart (or the lint cannot say it does not).
    SomeRows,
    /// True for every row.
    EveryRow,
    /// Does not look at the row: every row or none.
    AllOrNothing,
    /// Never true (`false`, `1=2`, `NULL`): no row.
    NoRow,
}

/// How `condition` (the expression node of a `WHERE` or `ON`) selects rows.
pub(crate) fn selects(condition: &SyntaxNode) -> Selects {
    match truth(condition) {
        Truth::True => Selects::EveryRow,
        Truth::False | Truth::Null => Selects::NoRow,
        Truth::Unknown if !mentions_a_column(condition) => Selects::AllOrNothing,
        Truth::Unknown => Selects::SomeRows,
    }
}

/// SQL's three values, and "cannot tell without the row or the data".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Truth {
    True,
    False,
    Null,
    Unknown,
}

/// A constant's value, for comparing two of them.
#[derive(Debug, Clone, PartialEq, PartialOrd)]
enum Constant {
    Number(f64),
    Text(String),
    Bool(bool),
    Null,
}

fn non_trivia(node: &SyntaxNode) -> Vec<squawk_syntax::SyntaxElement> {
    node.children_with_tokens()
        .filter(|e| !e.kind().is_trivia())
        .collect()
}

fn constant(node: &SyntaxNode) -> Option<Constant> {
    match node.kind() {
        SyntaxKind::PAREN_EXPR => node.children().next().and_then(|n| constant(&n)),
        SyntaxKind::LITERAL => {
            let token = node.first_token()?;
            let text = token.text();
            match token.kind() {
                SyntaxKind::TRUE_KW => Some(Constant::Bool(true)),
                SyntaxKind::FALSE_KW => Some(Constant::Bool(false)),
                SyntaxKind::NULL_KW => Some(Constant::Null),
                SyntaxKind::INT_NUMBER | SyntaxKind::NUMERIC_NUMBER => {
                    text.parse().ok().map(Constant::Number)
                }
                SyntaxKind::STRING => text
                    .strip_prefix('\'')
                    .and_then(|t| t.strip_suffix('\''))
                    .map(|t| Constant::Text(t.replace("''", "'"))),
                _ => None,
            }
        }
        SyntaxKind::PREFIX_EXPR => {
            let parts = non_trivia(node);
            let is_minus = parts.first().map(|e| e.kind()) == Some(SyntaxKind::MINUS);
            let inner = parts.last()?.as_node().and_then(constant)?;
            match (is_minus, inner) {
                (true, Constant::Number(n)) => Some(Constant::Number(-n)),
                _ => None,
            }
        }
        _ => None,
    }
}

fn truth(node: &SyntaxNode) -> Truth {
    match node.kind() {
        SyntaxKind::PAREN_EXPR => node
            .children()
            .next()
            .map_or(Truth::Unknown, |inner| truth(&inner)),
        SyntaxKind::LITERAL => match constant(node) {
            Some(Constant::Bool(true)) => Truth::True,
            Some(Constant::Bool(false)) => Truth::False,
            Some(Constant::Null) => Truth::Null,
            _ => Truth::Unknown,
        },
        SyntaxKind::PREFIX_EXPR => {
            let parts = non_trivia(node);
            let not = parts.first().map(|e| e.kind()) == Some(SyntaxKind::NOT_KW);
            match (not, parts.last().and_then(|e| e.as_node().cloned())) {
                (true, Some(inner)) => match truth(&inner) {
                    Truth::True => Truth::False,
                    Truth::False => Truth::True,
                    other => other,
                },
                _ => Truth::Unknown,
            }
        }
        SyntaxKind::BIN_EXPR => binary_truth(node),
        _ => Truth::Unknown,
    }
}

fn binary_truth(node: &SyntaxNode) -> Truth {
    let parts = non_trivia(node);
    let (Some(lhs), Some(rhs)) = (
        parts.first().and_then(|e| e.as_node().cloned()),
        parts.last().and_then(|e| e.as_node().cloned()),
    ) else {
        return Truth::Unknown;
    };
    let op: Vec<SyntaxKind> = parts[1..parts.len() - 1].iter().map(|e| e.kind()).collect();
    match op.as_slice() {
        [SyntaxKind::OR_KW] => match (truth(&lhs), truth(&rhs)) {
            (Truth::True, _) | (_, Truth::True) => Truth::True,
            (Truth::False, Truth::False) => Truth::False,
            (Truth::Unknown, _) | (_, Truth::Unknown) => Truth::Unknown,
            _ => Truth::Null,
        },
        [SyntaxKind::AND_KW] => match (truth(&lhs), truth(&rhs)) {
            (Truth::False, _) | (_, Truth::False) => Truth::False,
            (Truth::True, Truth::True) => Truth::True,
            (Truth::Unknown, _) | (_, Truth::Unknown) => Truth::Unknown,
            _ => Truth::Null,
        },
        [SyntaxKind::IS_KW] | [SyntaxKind::IS_NOT] => {
            let negated = op == [SyntaxKind::IS_NOT];
            is_test(&lhs, &rhs, negated)
        }
        [kind] => compare(*kind, &lhs, &rhs),
        _ => Truth::Unknown,
    }
}

/// `a = b`, `a <> b`, `a < b` ... between two constants; `x = x` (the same expression on
/// both sides) is true for every row where `x` is not null.
fn compare(op: SyntaxKind, lhs: &SyntaxNode, rhs: &SyntaxNode) -> Truth {
    use std::cmp::Ordering;
    let same_text = lhs.text().to_string().trim() == rhs.text().to_string().trim();
    let (a, b) = match (constant(lhs), constant(rhs)) {
        (Some(a), Some(b)) => (a, b),
        _ if same_text
            && matches!(
                op,
                SyntaxKind::EQ
                    | SyntaxKind::GTEQ
                    | SyntaxKind::LTEQ
                    | SyntaxKind::IS_NOT_DISTINCT_FROM
            ) =>
        {
            return Truth::True;
        }
        _ => return Truth::Unknown,
    };
    if op == SyntaxKind::IS_NOT_DISTINCT_FROM {
        return if a == b { Truth::True } else { Truth::False };
    }
    if a == Constant::Null || b == Constant::Null {
        return Truth::Null;
    }
    let Some(order) = a.partial_cmp(&b) else {
        return Truth::Unknown;
    };
    // Comparing a number with a string is a cast the lint does not model.
    if std::mem::discriminant(&a) != std::mem::discriminant(&b) {
        return Truth::Unknown;
    }
    let holds = match op {
        SyntaxKind::EQ => order == Ordering::Equal,
        SyntaxKind::NEQ | SyntaxKind::NEQB => order != Ordering::Equal,
        SyntaxKind::L_ANGLE => order == Ordering::Less,
        SyntaxKind::R_ANGLE => order == Ordering::Greater,
        SyntaxKind::LTEQ => order != Ordering::Greater,
        SyntaxKind::GTEQ => order != Ordering::Less,
        _ => return Truth::Unknown,
    };
    if holds { Truth::True } else { Truth::False }
}

/// `x IS [NOT] NULL`, `x IS [NOT] TRUE/FALSE` with a constant `x`.
fn is_test(lhs: &SyntaxNode, rhs: &SyntaxNode, negated: bool) -> Truth {
    let (Some(value), Some(test)) = (constant(lhs), constant(rhs)) else {
        return Truth::Unknown;
    };
    let holds = match test {
        Constant::Null => value == Constant::Null,
        Constant::Bool(b) => value == Constant::Bool(b),
        _ => return Truth::Unknown,
    };
    if holds != negated {
        Truth::True
    } else {
        Truth::False
    }
}

/// Whether the expression names anything that could be a column: a name that is not a
/// function being called, not a keyword (`current_user`), and not a type.
fn mentions_a_column(node: &SyntaxNode) -> bool {
    node.descendants()
        .filter(|n| n.kind() == SyntaxKind::NAME_REF)
        .any(|name| {
            let is_identifier = name
                .first_token()
                .is_some_and(|t| t.kind() == SyntaxKind::IDENT);
            is_identifier && !is_called(&name)
        })
}

/// Whether a name is (part of) the function name of a call: `now` in `now()`,
/// `pg_catalog.now` in `pg_catalog.now()`.
fn is_called(name: &SyntaxNode) -> bool {
    let mut node = name.clone();
    while let Some(parent) = node.parent() {
        match parent.kind() {
            SyntaxKind::FIELD_EXPR => node = parent,
            SyntaxKind::CALL_EXPR => {
                return parent.first_child().as_ref() == Some(&node);
            }
            _ => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use squawk_syntax::SourceFile;

    fn of(condition: &str) -> Selects {
        let sql = format!("DELETE FROM t WHERE {condition};");
        let parse = SourceFile::parse(&sql);
        let root = parse.syntax_node();
        let clause = root
            .descendants()
            .find(|n| n.kind() == SyntaxKind::WHERE_CLAUSE)
            .unwrap();
        selects(&clause.children().next().unwrap())
    }

    #[test]
    fn constant_true_selects_every_row() {
        for c in [
            "true",
            "1=1",
            "(1 = 1)",
            "NOT false",
            "'a' = 'a'",
            "1 <> 2",
            "2 >= 1",
            "-1 < 0",
            "id = id",
            "true OR id = 3",
            "id = 3 OR 1=1",
            "NULL IS NULL",
            "1 IS NOT NULL",
            "1 IS NOT DISTINCT FROM 1",
        ] {
            assert_eq!(of(c), Selects::EveryRow, "{c}");
        }
    }

    #[test]
    fn conditions_without_a_column_are_all_or_nothing() {
        for c in [
            "now() > '2000-01-01'",
            "pg_catalog.now() IS NOT NULL",
            "EXISTS (SELECT 1)",
            "current_user = 'app'",
            "$1",
            "1::bool",
        ] {
            assert_eq!(of(c), Selects::AllOrNothing, "{c}");
        }
    }

    #[test]
    fn row_conditions_and_never_true_ones() {
        for c in [
            "id = 1",
            "t.id > 0 AND true",
            "id IN (SELECT id FROM u)",
            "EXISTS (SELECT 1 FROM u WHERE u.t_id = t.id)",
            "lower(email) = 'a'",
        ] {
            assert_eq!(of(c), Selects::SomeRows, "{c}");
        }
        for c in ["false", "1=2", "NULL", "NOT NULL", "id = 1 AND false"] {
            assert_eq!(of(c), Selects::NoRow, "{c}");
        }
    }
}
