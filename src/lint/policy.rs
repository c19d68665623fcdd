//! The lint policy: which rule is refused (`deny`), reported (`warn`) or ignored (`off`),
//! read from the `[lint]` table of `schemagate.toml`. It owns the list of rule names
//! (squawk's and schemagate's own) and their defaults: data loss refused, locks and rewrites
//! reported; it does not run any rule.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

/// How a finding of a rule is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Refuses the migration (exit 6).
    Deny,
    /// Reported; the deploy proceeds.
    Warn,
    /// Reported for information only. The lint gives this level to a data-loss finding on a
    /// table or column that did not exist before the run (nothing can be lost).
    Info,
    /// Not checked.
    Off,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Deny => "deny",
            Level::Warn => "warn",
            Level::Info => "info",
            Level::Off => "off",
        })
    }
}

/// schemagate's own rule: plain `TRUNCATE` (squawk only has the `CASCADE` variant).
pub const BAN_TRUNCATE: &str = "ban-truncate";
/// schemagate's own rule: `DELETE` without `WHERE` empties a table.
pub const BAN_DELETE_WITHOUT_WHERE: &str = "ban-delete-without-where";
/// schemagate's own rule: `UPDATE` of every row of an existing table (no `WHERE`, or one that
/// does not tell rows apart). Warn by default: it is also how a backfill is written, and a
/// backfill of columns the same run added is not reported at all.
pub const BAN_UPDATE_WITHOUT_WHERE: &str = "ban-update-without-where";
/// schemagate's own rule: `ALTER TYPE ... RENAME VALUE` on an existing enum type changes the
/// meaning of every row holding that value.
pub const RENAMING_ENUM_VALUE: &str = "renaming-enum-value";
/// schemagate's own rule, always deny: a statement PostgreSQL refuses inside a transaction
/// in a file without the `-- schemagate:no-transaction` marker.
pub const MISSING_NO_TRANSACTION_MARKER: &str = "missing-no-transaction-marker";
/// schemagate's own rule, always deny: `BEGIN`, `COMMIT`, `ROLLBACK`, `END`, `ABORT`, `START
/// TRANSACTION`, `PREPARE TRANSACTION`, `COMMIT PREPARED` or `ROLLBACK PREPARED` in a
/// migration. schemagate owns the transaction; one of these would end it part-way, committing
/// or discarding half a deploy. Savepoints are fine.
pub const TRANSACTION_CONTROL: &str = "transaction-control";
/// schemagate's own rule: a statement of a no-transaction migration that is not safe to
/// run twice (no `IF [NOT] EXISTS`), so a failed run cannot be retried automatically.
pub const NON_IDEMPOTENT_NO_TRANSACTION: &str = "non-idempotent-no-transaction";
/// A statement the linter could not parse; its level is chosen by the caller
/// ([`crate::lint::Unparsable`]), not by the policy.
pub const SYNTAX_ERROR: &str = "syntax-error";
/// A file too large for the lint to read ([`crate::lint::MAX_LINTED_BYTES`]): a warning.
pub const NOT_LINTED: &str = "not-linted";
/// An ignore comment naming a rule that does not exist.
pub const UNUSED_IGNORE: &str = "unused-ignore";

/// squawk-linter 2.68's rule names (its `Display` spelling), minus `unused-ignore` (handled
/// by schemagate) and the `require-timeout-settings` alias (use its two parts).
pub(crate) const SQUAWK_RULES: &[&str] = &[
    "require-concurrent-index-creation",
    "require-concurrent-index-deletion",
    "constraint-missing-not-valid",
    "adding-field-with-default",
    "adding-foreign-key-constraint",
    "changing-column-type",
    "adding-not-nullable-field",
    "adding-serial-primary-key-field",
    "renaming-column",
    "renaming-table",
    "disallowed-unique-constraint",
    "ban-drop-database",
    "prefer-bigint-over-int",
    "prefer-bigint-over-smallint",
    "prefer-identity",
    "prefer-repack",
    "prefer-robust-stmts",
    "prefer-text-field",
    "prefer-timestamp-tz",
    "ban-char-field",
    "ban-drop-column",
    "ban-drop-table",
    "ban-drop-not-null",
    "transaction-nesting",
    "adding-required-field",
    "ban-concurrent-index-creation-in-transaction",
    "ban-create-domain-with-constraint",
    "ban-alter-domain-with-add-constraint",
    "ban-truncate-cascade",
    "ban-uncommitted-transaction",
    "require-enum-value-ordering",
    "require-table-schema",
    "identifier-too-long",
    "require-concurrent-partition-detach",
    "require-concurrent-reindex",
    "require-lock-timeout",
    "require-statement-timeout",
    "ban-duplicate-column-assignments",
    "ban-drop-view",
    "ban-drop-function",
    "ban-drop-type",
    "ban-drop-default",
    "ban-drop-trigger",
    "ban-drop-schema",
    "ban-drop-sequence",
    "ban-drop-domain",
    "ban-drop-constraint",
    "ban-drop-generated-expression",
    "renaming-object",
    "ban-set-schema",
    "ban-alter-identity",
    "ban-drop-extension",
    "ban-alter-generated-expression",
    "ban-drop-index",
    "ban-set-default",
    "ban-disable-trigger",
    "ban-replica-identity",
    "ban-drop-policy",
    "ban-revoke",
    "ban-replace-view-function",
    "ban-alter-policy-condition",
    "ban-alter-policy-roles",
    "ban-create-policy",
    "ban-alter-function-options",
    "ban-alter-view-options",
    "ban-alter-role-options",
    "ban-alter-database-options",
    "ban-alter-row-level-security",
    "ban-new-write-restriction",
    "ban-add-enum-value",
    "ban-add-composite-attribute",
    "ban-add-column",
    "ban-detach-inheritance",
    "ban-alter-sequence-values",
    "ban-alter-system-options",
    "ban-alter-extension",
];

/// schemagate's own configurable rules.
pub(crate) const OWN_RULES: &[&str] = &[
    BAN_TRUNCATE,
    BAN_DELETE_WITHOUT_WHERE,
    BAN_UPDATE_WITHOUT_WHERE,
    RENAMING_ENUM_VALUE,
    NON_IDEMPOTENT_NO_TRANSACTION,
    UNUSED_IGNORE,
];

/// Data loss: refused by default.
const DENY_BY_DEFAULT: &[&str] = &[
    "ban-drop-table",
    "ban-drop-column",
    "ban-drop-database",
    "ban-truncate-cascade",
    BAN_TRUNCATE,
    BAN_DELETE_WITHOUT_WHERE,
    RENAMING_ENUM_VALUE,
    "ban-drop-schema",
    "renaming-table",
    "renaming-column",
    "changing-column-type",
];

/// Locks and rewrites on big tables: reported by default.
const WARN_BY_DEFAULT: &[&str] = &[
    "require-concurrent-index-creation",
    "constraint-missing-not-valid",
    "adding-foreign-key-constraint",
    "adding-not-nullable-field",
    "adding-required-field",
    "adding-field-with-default",
    "disallowed-unique-constraint",
    "ban-drop-not-null",
    BAN_UPDATE_WITHOUT_WHERE,
    NON_IDEMPOTENT_NO_TRANSACTION,
    UNUSED_IGNORE,
];

/// The level of each rule. `Default` gives the defaults above; deserializing from a `[lint]`
/// table overrides single rules (`ban-drop-column = "warn"`) and rejects unknown names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintPolicy {
    levels: BTreeMap<String, Level>,
}

impl Default for LintPolicy {
    fn default() -> Self {
        let mut levels = BTreeMap::new();
        for name in SQUAWK_RULES.iter().chain(OWN_RULES) {
            let level = if DENY_BY_DEFAULT.contains(name) {
                Level::Deny
            } else if WARN_BY_DEFAULT.contains(name) {
                Level::Warn
            } else {
                Level::Off
            };
            levels.insert((*name).to_string(), level);
        }
        LintPolicy { levels }
    }
}

/// A `[lint]` table that names a rule schemagate does not know, or tries to configure one
/// that is fixed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// The name is not a rule.
    #[error("unknown lint rule `{name}`\nhint: valid rule names are: {}", valid_rule_names().join(", "))]
    UnknownRule {
        /// The name as written.
        name: String,
    },
    /// The rule's level cannot be changed.
    #[error("lint rule `{name}` cannot be configured: {why}")]
    Fixed {
        /// The rule.
        name: String,
        /// Why it is fixed.
        why: &'static str,
    },
}

/// Every rule name a `[lint]` table accepts, sorted.
pub fn valid_rule_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = SQUAWK_RULES.iter().chain(OWN_RULES).copied().collect();
    names.sort_unstable();
    names
}

impl LintPolicy {
    /// The level of a rule; unknown names are `Off`. `missing-no-transaction-marker` is
    /// always `Deny`.
    pub fn level(&self, rule: &str) -> Level {
        if rule == MISSING_NO_TRANSACTION_MARKER || rule == TRANSACTION_CONTROL {
            return Level::Deny;
        }
        self.levels.get(rule).copied().unwrap_or(Level::Off)
    }

    /// Sets a rule's level, checking the name.
    pub fn set(&mut self, rule: &str, level: Level) -> Result<(), PolicyError> {
        if rule == MISSING_NO_TRANSACTION_MARKER {
            return Err(PolicyError::Fixed {
                name: rule.to_string(),
                why: "PostgreSQL refuses these statements inside a transaction",
            });
        }
        if rule == TRANSACTION_CONTROL {
            return Err(PolicyError::Fixed {
                name: rule.to_string(),
                why: "a COMMIT or ROLLBACK inside a migration ends schemagate's transaction part-way",
            });
        }
        if rule == SYNTAX_ERROR {
            return Err(PolicyError::Fixed {
                name: rule.to_string(),
                why: "deploy warns and lint refuses, whatever the configuration",
            });
        }
        // squawk accepts `prefer-timestamptz` as well; store its canonical spelling.
        let canonical = if rule == "prefer-timestamptz" {
            "prefer-timestamp-tz"
        } else {
            rule
        };
        match self.levels.get_mut(canonical) {
            Some(slot) => {
                *slot = level;
                Ok(())
            }
            None => Err(PolicyError::UnknownRule {
                name: rule.to_string(),
            }),
        }
    }

    /// The squawk rules this policy turns on (level other than `Off`).
    pub(crate) fn enabled_squawk_rules(&self) -> Vec<squawk_linter::Rule> {
        SQUAWK_RULES
            .iter()
            .filter(|name| self.level(name) != Level::Off)
            .filter_map(|name| squawk_linter::Rule::try_from(*name).ok())
            .collect()
    }
}

impl<'de> Deserialize<'de> for LintPolicy {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let overrides = BTreeMap::<String, Level>::deserialize(deserializer)?;
        let mut policy = LintPolicy::default();
        for (name, level) in overrides {
            policy.set(&name, level).map_err(serde::de::Error::custom)?;
        }
        Ok(policy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_refuse_data_loss_and_report_locks() {
        let p = LintPolicy::default();
        assert_eq!(p.level("ban-drop-table"), Level::Deny);
        assert_eq!(p.level(BAN_TRUNCATE), Level::Deny);
        assert_eq!(p.level("adding-field-with-default"), Level::Warn);
        assert_eq!(p.level("prefer-text-field"), Level::Off);
        assert_eq!(p.level(MISSING_NO_TRANSACTION_MARKER), Level::Deny);
    }

    #[test]
    fn every_squawk_name_is_known_to_squawk() {
        for name in SQUAWK_RULES {
            let rule = squawk_linter::Rule::try_from(*name).expect(name);
            assert_eq!(rule.to_string(), *name);
        }
    }

    #[derive(Deserialize)]
    struct Config {
        lint: LintPolicy,
    }

    #[test]
    fn toml_overrides_and_rejects_unknown_names() {
        let c: Config =
            toml::from_str("[lint]\nban-drop-column = \"warn\"\nprefer-text-field = \"deny\"\n")
                .unwrap();
        assert_eq!(c.lint.level("ban-drop-column"), Level::Warn);
        assert_eq!(c.lint.level("prefer-text-field"), Level::Deny);
        assert_eq!(c.lint.level("ban-drop-table"), Level::Deny);

        let err = toml::from_str::<Config>("[lint]\nban-drop-colum = \"warn\"\n")
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("unknown lint rule `ban-drop-colum`"), "{err}");
        assert!(err.contains("ban-drop-column"), "{err}");

        let err = toml::from_str::<Config>("[lint]\nmissing-no-transaction-marker = \"off\"\n")
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("cannot be configured"), "{err}");
    }
}
