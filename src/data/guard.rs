//! The identifier guard: a `dimension` column that looks like a direct identifier stops the build.
//!
//! A table over case references, names, e-mail addresses or phone numbers would publish one
//! person per cell. Columns with a closed domain (`[column.values]`) cannot take unforeseen
//! values, but their codes are still checked for the look of contact details and free text. Open
//! columns (a category without `values`, a year, an integer without bands) are also checked for
//! being mostly unique: at least [`MIN_DISTINCT`] distinct values, and more distinct values than
//! half the cases that have one. The error never prints the suspicious value itself.

use anyhow::Result;

use super::schema::{ColumnSchema, DatasetSchema, Domain};
use super::{CaseColumn, ColumnKind};
use crate::diagnostic::LocatedError;

/// Below this many distinct values a column is not called "mostly unique", however small the data.
pub(crate) const MIN_DISTINCT: usize = 20;

/// Fails if `column` (read as `schema`) looks like a direct identifier.
pub(crate) fn check_not_identifier(
    dataset: &DatasetSchema,
    schema: &ColumnSchema,
    column: &CaseColumn,
) -> Result<()> {
    let fail = |why: String| -> Result<()> {
        Err(anyhow::Error::new(LocatedError::new(
            &dataset.schema_path,
            Some(schema.position),
            format!(
                "column {:?} looks like a direct identifier: {why}. Declare it role = \"drop\" \
                 (its header is then checked but its values are never read), or, if it is a \
                 true category, list its values in [column.values]",
                schema.id
            ),
        )))
    };

    if column.kind == ColumnKind::Category {
        for (code, category) in column.categories.iter().enumerate() {
            if Some(code as u32) == column.unknown {
                continue;
            }
            if let Some(what) = identifier_shape(&category.code) {
                let case = column
                    .codes
                    .iter()
                    .position(|&c| c == code as u32)
                    .map_or_else(String::new, |row| {
                        format!(" (e.g. data record {})", row + 1)
                    });
                return fail(format!("its values look like {what}{case}"));
            }
        }
    }

    let open = match &schema.domain {
        Domain::Closed(_) => false,
        Domain::Integers { bands, .. } => bands.is_none(),
        Domain::Open | Domain::Years { .. } => true,
    };
    if open {
        let mut seen = vec![false; column.categories.len()];
        let mut known_cases = 0usize;
        for &code in &column.codes {
            if Some(code) != column.unknown {
                seen[code as usize] = true;
                known_cases += 1;
            }
        }
        let distinct = seen.iter().filter(|&&s| s).count();
        if distinct >= MIN_DISTINCT && distinct * 2 > known_cases {
            return fail(format!(
                "{distinct} distinct values among {known_cases} cases with a value"
            ));
        }
    }
    Ok(())
}

/// What `value` looks like, if it looks like contact details or free text.
fn identifier_shape(value: &str) -> Option<&'static str> {
    if looks_like_email(value) {
        Some("e-mail addresses")
    } else if looks_like_phone(value) {
        Some("phone numbers")
    } else if value.chars().count() > 60 || value.split_whitespace().count() >= 8 {
        Some("free text")
    } else {
        None
    }
}

fn looks_like_email(value: &str) -> bool {
    match value.trim().split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !local.contains(char::is_whitespace)
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains(char::is_whitespace)
        }
        None => false,
    }
}

fn looks_like_phone(value: &str) -> bool {
    let value = value.trim();
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let allowed = value
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '+' | '/'));
    let marked = value.starts_with('+') || value.contains('(');
    allowed && (digits >= 9 || (digits >= 7 && marked))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(
            identifier_shape("jane.doe@example.org"),
            Some("e-mail addresses")
        );
        assert_eq!(identifier_shape("+44 20 7946 0958"), Some("phone numbers"));
        assert_eq!(identifier_shape("(555) 010-4477"), Some("phone numbers"));
        assert_eq!(identifier_shape("0601 234 567"), Some("phone numbers"));
        assert_eq!(
            identifier_shape("she said she was taken from the bus station at night"),
            Some("free text")
        );
        for ordinary in [
            "F",
            "forced_labour",
            "18--20",
            "UA",
            "2019",
            "Case Management",
            "@",
        ] {
            assert_eq!(identifier_shape(ordinary), None, "{ordinary}");
        }
    }
}
