//! CSV ingest: one dataset's file streamed into a columnar [`CaseTable`] of small integer codes.
//!
//! Records are read as byte records (no per-row allocation); each declared `dimension` column turns
//! its field into a code through a [`CodeLookup`] keyed by the raw bytes, which is filled the first
//! time a raw value is met. So a value is parsed, recoded and checked once per distinct spelling,
//! not once per case. `drop` columns are only checked to exist; their values are never looked at.
//!
//! Every problem stops the ingest with a `file:line:column` error that says what would have been
//! allowed and quotes the offending value only through [`quote_cell`]: shortened, and never a
//! value of a `drop` column or of a column the schema does not declare.

use std::collections::HashMap;
use std::fs::File;
use std::path::Path;

use anyhow::{Context, Result};
use csv::{ByteRecord, ReaderBuilder};

use super::locate::{line_at, locate_field, BOM};
use super::lookup::CodeLookup;
use super::quote::quote_cell;
use super::schema::{quoted_list, ColumnSchema, DatasetSchema, Domain, Role, UNKNOWN_CODE};
use super::{guard, CaseColumn, CaseTable, Category};
use crate::diagnostic::{shorten, LocatedError, Position};

/// Provisional code of a missing value, replaced by the `Unknown` category's code at the end.
const MISSING: u32 = u32::MAX;

/// Reads the dataset's CSV as its schema says.
pub(crate) fn read_dataset(schema: &DatasetSchema, unknown_label: &str) -> Result<CaseTable> {
    let path = &schema.csv_path;
    let file = File::open(path).map_err(|e| {
        located(
            &schema.schema_path,
            schema.csv_position,
            format!(
                "cannot open {} (the file of dataset {:?}): {e}",
                path.display(),
                schema.id
            ),
        )
    })?;
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(schema.delimiter)
        .quoting(schema.quoting)
        .buffer_capacity(1 << 18)
        .from_reader(file);
    let read_error = || format!("cannot read {}", path.display());

    let mut record = ByteRecord::new();
    if !reader
        .read_byte_record(&mut record)
        .with_context(read_error)?
    {
        return Err(located(
            path,
            Position { line: 1, column: 1 },
            "the file is empty: expected a header row naming the columns".to_string(),
        ));
    }
    let header_byte = record.position().map_or(0, |p| p.byte());
    let headers = read_headers(schema, &record)?;
    let width = record.len();

    let mut columns = Vec::new();
    for column in &schema.columns {
        let matches: Vec<usize> = headers
            .iter()
            .enumerate()
            .filter(|(_, h)| h.as_str() == column.header)
            .map(|(i, _)| i)
            .collect();
        match matches.as_slice() {
            [] => {
                return Err(located(
                    path,
                    Position {
                        line: line_at(path, header_byte)?,
                        column: 1,
                    },
                    format!(
                        "no column has the header {:?} (declared as column {:?} at {}:{}:{}); \
                         the headers are: {}",
                        column.header,
                        column.id,
                        schema.schema_path.display(),
                        column.position.line,
                        column.position.column,
                        quoted_list(headers.iter().map(|h| shorten(h, 40)))
                    ),
                ))
            }
            [field] => {
                if column.role == Role::Dimension {
                    columns.push(ColumnReader::new(column, *field));
                }
            }
            [first, second, ..] => {
                let position = locate_field(path, &record, *second, schema)?;
                return Err(located(
                    path,
                    position,
                    format!(
                        "duplicate header {:?}: it names fields {} and {}, so column {:?} is ambiguous",
                        column.header,
                        first + 1,
                        second + 1,
                        column.id
                    ),
                ));
            }
        }
    }

    let mut len = 0usize;
    while reader
        .read_byte_record(&mut record)
        .with_context(read_error)?
    {
        if record.len() != width {
            let position = locate_field(path, &record, 0, schema)?;
            let header_line = line_at(path, header_byte)?;
            return Err(located(
                path,
                position,
                format!(
                    "this record has {} fields but the header row (line {header_line}) has {width}",
                    record.len()
                ),
            ));
        }
        if std::str::from_utf8(record.as_slice()).is_err() {
            return Err(invalid_utf8(path, &record, &headers, schema)?);
        }
        for column in &mut columns {
            let raw = &record[column.field];
            let code = match column.lookup.get(raw) {
                Some(code) => code,
                None => match column.resolve(raw) {
                    Ok(code) => code,
                    Err(problem) => {
                        let position = locate_field(path, &record, column.field, schema)?;
                        return Err(located(path, position, problem));
                    }
                },
            };
            column.codes.push(code);
        }
        len += 1;
    }

    let mut case_columns = Vec::with_capacity(columns.len());
    for column in columns {
        let schema_column = column.schema;
        let case_column = column.finish(unknown_label);
        guard::check_not_identifier(schema, schema_column, &case_column)?;
        case_columns.push(case_column);
    }
    Ok(CaseTable {
        dataset: schema.id.clone(),
        title: schema.title.clone(),
        source: path.clone(),
        len,
        columns: case_columns,
    })
}

/// The header row as text (a leading byte-order mark removed, surrounding spaces trimmed).
fn read_headers(schema: &DatasetSchema, record: &ByteRecord) -> Result<Vec<String>> {
    let mut headers = Vec::with_capacity(record.len());
    for (i, field) in record.iter().enumerate() {
        let field = if i == 0 {
            field.strip_prefix(BOM).unwrap_or(field)
        } else {
            field
        };
        match std::str::from_utf8(field) {
            Ok(text) => headers.push(text.trim().to_string()),
            Err(_) => {
                let position = locate_field(&schema.csv_path, record, i, schema)?;
                return Err(located(
                    &schema.csv_path,
                    position,
                    format!(
                        "invalid UTF-8 in header {:?}: save the file as UTF-8",
                        shorten(&String::from_utf8_lossy(field), 40)
                    ),
                ));
            }
        }
    }
    Ok(headers)
}

fn invalid_utf8(
    path: &Path,
    record: &ByteRecord,
    headers: &[String],
    schema: &DatasetSchema,
) -> Result<anyhow::Error> {
    let field = record
        .iter()
        .position(|f| std::str::from_utf8(f).is_err())
        .unwrap_or(0);
    let position = locate_field(path, record, field, schema)?;
    let column = schema.columns.iter().find(|c| c.header == headers[field]);
    Ok(located(
        path,
        position,
        format!(
            "invalid UTF-8 in field {} (header {:?}): {}; save the file as UTF-8",
            field + 1,
            shorten(&headers[field], 40),
            quote_cell(column, &record[field])
        ),
    ))
}

fn located(path: &Path, position: Position, message: String) -> anyhow::Error {
    anyhow::Error::new(LocatedError::new(path, Some(position), message))
}

/// Turns one column's raw values into provisional codes.
struct ColumnReader<'s> {
    schema: &'s ColumnSchema,
    field: usize,
    /// Raw bytes → provisional code (or [`MISSING`]); filled as values are met.
    lookup: CodeLookup,
    values: Values,
    codes: Vec<u32>,
}

/// What provisional codes mean, per kind of domain.
enum Values {
    /// Index into the declared values.
    Closed(Vec<Category>),
    /// Index into the values met, in order of first appearance.
    Open(Vec<String>),
    /// Index into the distinct numbers met, in order of first appearance.
    Numbers {
        distinct: Vec<i64>,
        index: HashMap<i64, u32>,
    },
    /// `year - from`: every year of the range is a category.
    YearRange { from: i64, to: i64 },
    /// Band index.
    Bands(Vec<i64>),
}

impl<'s> ColumnReader<'s> {
    fn new(schema: &'s ColumnSchema, field: usize) -> Self {
        let mut lookup = CodeLookup::default();
        for token in &schema.missing {
            lookup.insert(token.as_bytes(), MISSING);
        }
        let values = match &schema.domain {
            Domain::Closed(categories) => {
                for (i, c) in categories.iter().enumerate() {
                    lookup.insert(c.code.as_bytes(), i as u32);
                }
                Values::Closed(categories.clone())
            }
            Domain::Open => Values::Open(Vec::new()),
            Domain::Years {
                range: Some((from, to)),
            } => Values::YearRange {
                from: *from,
                to: *to,
            },
            Domain::Integers {
                bands: Some(bands), ..
            } => Values::Bands(bands.clone()),
            Domain::Years { range: None } | Domain::Integers { bands: None, .. } => {
                Values::Numbers {
                    distinct: Vec::new(),
                    index: HashMap::new(),
                }
            }
        };
        ColumnReader {
            schema,
            field,
            lookup,
            values,
            codes: Vec::new(),
        }
    }

    /// The provisional code of a raw value met for the first time, or what is wrong with it.
    fn resolve(&mut self, raw: &[u8]) -> Result<u32, String> {
        let Ok(text) = std::str::from_utf8(raw) else {
            return Err(format!(
                "column {:?}: invalid UTF-8 in value {}; save the file as UTF-8",
                self.schema.id,
                quote_cell(Some(self.schema), raw)
            ));
        };
        if text.contains('\0') {
            return Err(format!(
                "column {:?}: a value holds a NUL character (U+0000): {}; remove it",
                self.schema.id,
                quote_cell(Some(self.schema), raw)
            ));
        }
        let target = match self.schema.recode.iter().find(|(from, _)| from == text) {
            Some((_, to)) => to.as_str(),
            None => text,
        };
        let code = if self.schema.missing.iter().any(|m| m == target) {
            MISSING
        } else {
            self.code_of(text, target)?
        };
        self.lookup.insert(raw, code);
        Ok(code)
    }

    fn code_of(&mut self, raw: &str, value: &str) -> Result<u32, String> {
        let schema = self.schema;
        let problem = |what: String| format!("column {:?}: {what}; {}", schema.id, allowed(schema));
        let not_a = |what: &str| not_a(schema, raw, what);
        match &mut self.values {
            Values::Closed(categories) => categories
                .iter()
                .position(|c| c.code == value)
                .map(|i| i as u32)
                .ok_or_else(|| {
                    problem(format!(
                        "value {} is not allowed",
                        quote_cell(Some(schema), raw.as_bytes())
                    ))
                }),
            Values::Open(values) => {
                values.push(value.to_string());
                Ok(values.len() as u32 - 1)
            }
            Values::YearRange { from, to } => {
                let year = parse_year(value).ok_or_else(|| problem(not_a("year")))?;
                if year < *from || year > *to {
                    return Err(problem(format!("year {year} is outside the allowed range")));
                }
                Ok((year - *from) as u32)
            }
            Values::Bands(bands) => {
                let n = parse_integer(value).ok_or_else(|| problem(not_a("whole number")))?;
                check_range(schema, n).map_err(problem)?;
                if n < bands[0] {
                    return Err(problem(format!(
                        "{n} is below the first band, which starts at {}",
                        bands[0]
                    )));
                }
                Ok(bands.partition_point(|&b| b <= n) as u32 - 1)
            }
            Values::Numbers { distinct, index } => {
                let n = if schema.kind == super::ColumnKind::Year {
                    parse_year(value).ok_or_else(|| problem(not_a("year")))?
                } else {
                    let n = parse_integer(value).ok_or_else(|| problem(not_a("whole number")))?;
                    check_range(schema, n).map_err(problem)?;
                    n
                };
                Ok(*index.entry(n).or_insert_with(|| {
                    distinct.push(n);
                    distinct.len() as u32 - 1
                }))
            }
        }
    }

    /// The column with final codes: categories in display order, `Unknown` last if anything was missing.
    fn finish(self, unknown_label: &str) -> CaseColumn {
        let (mut categories, remap): (Vec<Category>, Option<Vec<u32>>) = match self.values {
            Values::Closed(categories) => (categories, None),
            Values::YearRange { from, to } => ((from..=to).map(number_category).collect(), None),
            Values::Bands(bands) => {
                let upper = match self.schema.domain {
                    Domain::Integers {
                        range: Some((_, to)),
                        ..
                    } => Some(to),
                    _ => None,
                };
                (band_categories(&bands, upper), None)
            }
            Values::Open(values) => {
                let mut order: Vec<u32> = (0..values.len() as u32).collect();
                order.sort_by(|&a, &b| values[a as usize].cmp(&values[b as usize]));
                let categories = order
                    .iter()
                    .map(|&i| Category {
                        code: values[i as usize].clone(),
                        label: values[i as usize].clone(),
                    })
                    .collect();
                (categories, Some(inverse(&order)))
            }
            Values::Numbers { distinct, .. } => {
                let mut order: Vec<u32> = (0..distinct.len() as u32).collect();
                order.sort_by_key(|&i| distinct[i as usize]);
                let categories = order
                    .iter()
                    .map(|&i| number_category(distinct[i as usize]))
                    .collect();
                (categories, Some(inverse(&order)))
            }
        };
        let mut codes = self.codes;
        let unknown = if codes.contains(&MISSING) {
            categories.push(Category {
                code: UNKNOWN_CODE.to_string(),
                label: unknown_label.to_string(),
            });
            Some(categories.len() as u32 - 1)
        } else {
            None
        };
        if remap.is_some() || unknown.is_some() {
            let unknown_code = unknown.unwrap_or(MISSING);
            for code in &mut codes {
                *code = match (*code, &remap) {
                    (MISSING, _) => unknown_code,
                    (c, Some(remap)) => remap[c as usize],
                    (c, None) => c,
                };
            }
        }
        CaseColumn {
            id: self.schema.id.clone(),
            label: self.schema.label.clone(),
            kind: self.schema.kind,
            categories,
            unknown,
            pool_rare: self.schema.pool_rare,
            codes,
        }
    }
}

/// `order[final] = provisional` → `remap[provisional] = final`.
fn inverse(order: &[u32]) -> Vec<u32> {
    let mut remap = vec![0; order.len()];
    for (final_code, &provisional) in order.iter().enumerate() {
        remap[provisional as usize] = final_code as u32;
    }
    remap
}

fn number_category(n: i64) -> Category {
    Category {
        code: n.to_string(),
        label: n.to_string(),
    }
}

/// Bands `[0, 18, 25]` → `0-17` "0–17", `18-24` "18–24", `25+` "25+" (or `25-{upper}`).
fn band_categories(bands: &[i64], upper: Option<i64>) -> Vec<Category> {
    bands
        .iter()
        .enumerate()
        .map(
            |(i, &low)| match bands.get(i + 1).map(|next| next - 1).or(upper) {
                Some(high) if high == low => number_category(low),
                Some(high) => Category {
                    code: format!("{low}-{high}"),
                    label: format!("{low}–{high}"),
                },
                None => Category {
                    code: format!("{low}+"),
                    label: format!("{low}+"),
                },
            },
        )
        .collect()
}

fn not_a(schema: &ColumnSchema, raw: &str, what: &str) -> String {
    let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!(
        "value {} is not {article} {what}",
        quote_cell(Some(schema), raw.as_bytes())
    )
}

fn parse_integer(value: &str) -> Option<i64> {
    value.trim().parse().ok()
}

fn parse_year(value: &str) -> Option<i64> {
    let value = value.trim();
    if value.len() == 4 && value.bytes().all(|b| b.is_ascii_digit()) {
        value.parse().ok()
    } else {
        None
    }
}

fn check_range(schema: &ColumnSchema, n: i64) -> Result<(), String> {
    match schema.domain {
        Domain::Integers {
            range: Some((from, to)),
            ..
        } if n < from || n > to => Err(format!("{n} is outside the allowed range")),
        _ => Ok(()),
    }
}

/// What a column accepts, for messages: `allowed values: "F", "M"; recoded: "f"; missing: ""`.
fn allowed(schema: &ColumnSchema) -> String {
    let mut text = match &schema.domain {
        Domain::Closed(categories) => format!(
            "allowed values: {}",
            quoted_list(categories.iter().map(|c| c.code.as_str()))
        ),
        Domain::Open => "allowed values: any text".to_string(),
        Domain::Years {
            range: Some((from, to)),
        } => format!("allowed: years {from} to {to}"),
        Domain::Years { range: None } => "allowed: four-digit years".to_string(),
        Domain::Integers {
            range: Some((from, to)),
            ..
        } => format!("allowed: whole numbers from {from} to {to}"),
        Domain::Integers { bands, .. } => match bands {
            Some(bands) => format!("allowed: whole numbers from {}", bands[0]),
            None => "allowed: whole numbers".to_string(),
        },
    };
    if !schema.recode.is_empty() {
        text.push_str("; recoded: ");
        text.push_str(&quoted_list(schema.recode.iter().map(|(k, _)| k.as_str())));
    }
    if !schema.missing.is_empty() {
        text.push_str("; missing: ");
        text.push_str(&quoted_list(schema.missing.iter().map(String::as_str)));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_are_labelled_with_their_bounds() {
        let cats = band_categories(&[0, 18, 25], None);
        let codes: Vec<_> = cats.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["0-17", "18-24", "25+"]);
        assert_eq!(cats[1].label, "18–24");
        let closed = band_categories(&[0, 18], Some(99));
        assert_eq!(closed[1].code, "18-99");
    }

    #[test]
    fn years_must_have_four_digits() {
        assert_eq!(parse_year("2019"), Some(2019));
        assert_eq!(parse_year("19"), None);
        assert_eq!(parse_year("2019.0"), None);
        assert_eq!(parse_year("+201"), None);
    }
}
