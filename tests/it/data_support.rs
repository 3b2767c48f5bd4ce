//! Helpers for the `data_*` tests: data folders written into temporary directories.

use std::path::{Path, PathBuf};

use safestat::config::Config;
use safestat::data::{CaseColumn, CaseTable, DataInput};

/// A temporary site whose `data/` folder holds the given files.
pub struct DataDir {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl DataDir {
    pub fn new(files: &[(&str, &[u8])]) -> DataDir {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("data");
        std::fs::create_dir(&path).expect("create data/");
        for (name, bytes) in files {
            std::fs::write(path.join(name), bytes).expect("write fixture");
        }
        DataDir { _dir: dir, path }
    }

    /// The path of a file in `data/`, as error messages print it.
    pub fn file(&self, name: &str) -> String {
        self.path.join(name).display().to_string()
    }

    pub fn load(&self) -> anyhow::Result<DataInput> {
        safestat::data::load(&self.path, &Config::default())
    }

    /// The error of loading, which the test expects.
    pub fn error(&self) -> String {
        match self.load() {
            Ok(_) => panic!("loading {} should fail", self.path.display()),
            Err(e) => e.to_string(),
        }
    }
}

/// A one-dataset data folder: `cases.toml` with the given schema, `cases.csv` with the given bytes.
pub fn dataset(schema: &str, csv: &[u8]) -> DataDir {
    DataDir::new(&[("cases.toml", schema.as_bytes()), ("cases.csv", csv)])
}

/// The tables of the example's `cases` dataset, in declaration order: the ten a country office
/// publishes.
pub const OFFICE_TABLES: [&str; 10] = [
    "victims-by-year",
    "victims-by-citizenship",
    "victims-by-country-of-exploitation",
    "citizenship-by-year",
    "citizenship-by-exploitation",
    "exploitation-by-year",
    "victims-by-gender-age",
    "exploitation-by-gender-age",
    "labour-sector-by-gender",
    "recruiter-by-gender",
];

/// The repository's own example site.
pub fn example_data_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))
}

pub fn column<'a>(table: &'a CaseTable, id: &str) -> &'a CaseColumn {
    let i = table
        .column_index(id)
        .unwrap_or_else(|| panic!("no column {id}"));
    &table.columns[i]
}

/// (category code, number of cases) for every category of the column, in order.
pub fn counts(column: &CaseColumn) -> Vec<(String, usize)> {
    let mut n = vec![0usize; column.categories.len()];
    for &code in &column.codes {
        n[code as usize] += 1;
    }
    column
        .categories
        .iter()
        .zip(n)
        .map(|(c, n)| (c.code.clone(), n))
        .collect()
}

/// The count of one category code in the column.
pub fn count_of(column: &CaseColumn, code: &str) -> usize {
    counts(column)
        .into_iter()
        .find(|(c, _)| c == code)
        .map_or(0, |(_, n)| n)
}
