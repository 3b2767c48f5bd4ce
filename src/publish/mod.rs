//! Publishing protected tables: the researcher downloads (CSV, JSON, XLSX, `datapackage.json`), inline SVG
//! charts, HTML table fragments, number formatting for prose, and the methodology text.
//!
//! Owns: turning [`ProtectedTable`](crate::privacy::ProtectedTable)s and the [`Config`](crate::config::Config)
//! into bytes and strings. Every function here is pure: no file I/O (the output stage writes what
//! these return), no clock, no randomness, so the same tables give the same bytes.
//!
//! Never does: read case data. The only inputs are `ProtectedTable`s, which carry no value for a
//! suppressed cell, and k-anonymous [`RecordRelease`](crate::privacy::records::RecordRelease)s,
//! written as `data/<dataset>-records.csv` ([`record_downloads`], [`downloads`]). Whatever we render for a suppressed cell is therefore the same wherever it
//! appears (invariant 3):
//!
//! - in CSV and JSON downloads, an empty `count` and the flag `suppressed` — never a number, and no
//!   hint of whether the suppression was primary (the count was below k) or secondary (the count
//!   was hidden so that another hidden count cannot be recomputed from a total);
//! - in the XLSX download, the configured words in the cell, as on the page;
//! - in tables and prose, the configured words (`[privacy] suppressed_text`, "not published");
//! - in charts, one small fixed marker at the axis (bar charts) or a gap in the line and a marker
//!   below the axis (line charts), with those words — never a bar of its true size, never a zero. A chart's scale is computed from published cells only, so no
//!   coordinate of any mark depends on a suppressed cell.

mod chart;
mod downloads;
mod format;
mod html_table;
mod methodology;
mod records;
mod spreadsheet;

pub use chart::{
    chart_kind, chart_svg, ChartKind, PALETTE, SUPPRESSED_MARKER_RADIUS, WIDTH as CHART_WIDTH,
};
pub use downloads::{
    datapackage_json, downloads, label_column, record_downloads, table_csv, table_json, xlsx_file,
    Download, DATA_DIR, TOTAL_CODE, XLSX_MEDIA_TYPE,
};
pub use format::{
    escape_markdown, format_cell, format_count, format_percent, share, Digits, NumberFormat,
    Wording,
};
pub use html_table::{table_element_id, table_html};
pub use methodology::methodology_markdown;
pub use records::records_resource;
pub use spreadsheet::{sheet_names, table_xlsx, EditionDate, SheetNames};
