//! Protected figures for prose and templates: one cell (`stat`), a share of two cells (`percent`),
//! and a table's chart or HTML table embedded in a page (`chart`, `table`). The Markdown shortcodes
//! and the template functions of the same names both call this, so a figure reads the same
//! wherever it is quoted, and a suppressed cell prints the configured words everywhere
//! (invariant 3).
//!
//! Every figure is a cell of a [`ProtectedTable`] (invariant 2): an unknown table, dimension or
//! category is an error listing what exists.
//!
//! Never does: read case data, or compute anything from a suppressed cell (a share with a
//! suppressed numerator or denominator prints the suppressed words, not a number).

use std::collections::BTreeMap;
use std::sync::Arc;

use super::i18n::Locale;
use crate::config::PrivacyConfig;
use crate::content::shortcode::Args;
use crate::html;
use crate::privacy::{CellValue, ProtectedTable};
use crate::publish::{chart_svg, share, table_element_id, table_html};

/// The folder of the statistics pages: `/statistics/<table-id>/`.
pub const STATISTICS_DIR: &str = "statistics";

/// The URL path of a table's statistics page, relative to the site root.
pub fn statistics_path(table_id: &str) -> String {
    format!("{STATISTICS_DIR}/{table_id}/")
}

/// The protected tables of a build, by id, with the settings figures are printed with, in one
/// language.
pub struct Figures {
    tables: BTreeMap<String, ProtectedTable>,
    privacy: PrivacyConfig,
    base_url: String,
    locale: Arc<Locale>,
}

impl Figures {
    /// Figures in English; `base_url` (the language's root) ends with one slash.
    pub fn new(tables: &[ProtectedTable], privacy: &PrivacyConfig, base_url: &str) -> Figures {
        Figures {
            tables: tables.iter().map(|t| (t.id.clone(), t.clone())).collect(),
            privacy: privacy.clone(),
            base_url: base_url.to_string(),
            locale: Arc::new(Locale::new("en", None).expect("the embedded English file parses")),
        }
    }

    /// The same figures printed in `locale`'s words and numbers.
    pub fn with_locale(mut self, locale: Arc<Locale>) -> Figures {
        self.locale = locale;
        self
    }

    /// The table `id`, or an error naming the tables there are.
    pub fn table(&self, function: &str, id: &str) -> Result<&ProtectedTable, String> {
        self.tables.get(id).ok_or_else(|| {
            let known: Vec<&str> = self.tables.keys().map(String::as_str).collect();
            format!(
                "{function}: no protected table `{id}` (tables: {})",
                if known.is_empty() {
                    "none: the site has no data/".to_string()
                } else {
                    known.join(", ")
                }
            )
        })
    }

    /// The value of one cell: `selection` names categories by dimension id; dimensions not named
    /// are taken at their total.
    pub fn cell(
        &self,
        function: &str,
        table_id: &str,
        selection: &BTreeMap<String, String>,
    ) -> Result<CellValue, String> {
        let table = self.table(function, table_id)?;
        let selection: Vec<(&str, &str)> = selection
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        table
            .lookup(&selection)
            .map(|c| c.value)
            .map_err(|e| format!("{function}: {e}"))
    }

    /// A cell as printed in the language: `1,234`, `1 234`, or the suppressed words.
    pub fn display(&self, value: CellValue) -> String {
        match value {
            CellValue::Published(n) => self.locale.count(n),
            CellValue::Suppressed => self.privacy.suppressed_text.clone(),
        }
    }

    /// `stat(table="id", <dimension>="<code>", …)`.
    pub fn stat(&self, args: &Args) -> Result<String, String> {
        let id = required(args, "stat", "table")?;
        let value = self.cell("stat", id, &selection(args, &["table"]))?;
        Ok(self.isolate(html::escape(&self.display(value))))
    }

    /// `percent(table="id", <dimension>="<code>", …, of="<dimension>", decimals=1)`: the cell's
    /// share of the same selection with dimension `of` at its total, or of the table's grand total
    /// when `of` is absent. Printed only when both cells are published.
    pub fn percent(&self, args: &Args) -> Result<String, String> {
        let id = required(args, "percent", "table")?;
        let decimals = match args.get("decimals") {
            None => 1,
            Some(d) => d
                .parse::<usize>()
                .ok()
                .filter(|&d| d <= 3)
                .ok_or_else(|| format!("percent: decimals must be 0 to 3, not `{d}`"))?,
        };
        let numerator_selection = selection(args, &["table", "of", "decimals"]);
        let numerator = self.cell("percent", id, &numerator_selection)?;
        let denominator_selection = match args.get("of") {
            None => BTreeMap::new(),
            Some(of) => {
                let table = self.table("percent", id)?;
                if !table.dimensions.iter().any(|d| &d.id == of) {
                    let known: Vec<&str> = table.dimensions.iter().map(|d| d.id.as_str()).collect();
                    return Err(format!(
                        "percent: table `{id}` has no dimension `{of}` (of=); its dimensions are: {}",
                        known.join(", ")
                    ));
                }
                let mut s = numerator_selection.clone();
                s.remove(of);
                s
            }
        };
        let denominator = self.cell("percent", id, &denominator_selection)?;
        let text = match (numerator, denominator) {
            (CellValue::Suppressed, _) | (_, CellValue::Suppressed) => {
                self.privacy.suppressed_text.clone()
            }
            _ => match share(numerator, denominator) {
                Some(s) => self.locale.percent(s, decimals),
                // A share of a published zero total has no meaning.
                None => "–".to_string(),
            },
        };
        Ok(self.isolate(html::escape(&text)))
    }

    /// `chart(id="…")`: the table's chart in a figure, with the full table as its long description
    /// in a disclosure below it. `embed` (from 1) makes the element ids unique on a page; `None`
    /// keeps the ids of the statistics page.
    pub fn chart(&self, args: &Args, embed: Option<usize>) -> Result<String, String> {
        let id = required(args, "chart", "id")?;
        only(args, "chart", &["id"])?;
        let table = self.table("chart", id)?;
        let element_id = embedded_id(&format!("{}-data", table_element_id(id)), embed);
        let Some(svg) = chart_svg(table, &self.privacy, &element_id, self.locale.as_ref()) else {
            return Err(format!(
                "chart: table `{id}` has no chart (a table without dimensions); use table(id=\"{id}\")"
            ));
        };
        let svg = match embed {
            None => svg,
            Some(n) => {
                let prefix = format!("chart-{}-", &table_element_id(id)["table-".len()..]);
                let unique = format!("chart-{}-e{n}-", &table_element_id(id)["table-".len()..]);
                ["\"", "#", " "].iter().fold(svg, |svg, lead| {
                    svg.replace(&format!("{lead}{prefix}"), &format!("{lead}{unique}"))
                })
            }
        };
        Ok(format!(
            "<figure class=\"stat-chart\">{svg}<figcaption>{} <a href=\"{}\">{}</a></figcaption><details class=\"stat-chart-data\"><summary>{}</summary>{}</details></figure>",
            html::escape(&table.title),
            self.page_url(id),
            html::escape(&self.locale.text("chart-link")),
            html::escape(&self.locale.text("chart-data")),
            self.scroll_region(&table_html(table, &self.privacy, &element_id, self.locale.as_ref()), &element_id),
        ))
    }

    /// `table(id="…")`: the table's HTML table with a link to its statistics page.
    pub fn table_embed(&self, args: &Args, embed: Option<usize>) -> Result<String, String> {
        let id = required(args, "table", "id")?;
        only(args, "table", &["id"])?;
        let table = self.table("table", id)?;
        let element_id = embedded_id(&table_element_id(id), embed);
        Ok(format!(
            "{}<p class=\"stat-source\"><a href=\"{}\">{}</a></p>",
            self.scroll_region(
                &table_html(table, &self.privacy, &element_id, self.locale.as_ref()),
                &element_id
            ),
            self.page_url(id),
            html::escape(
                &self
                    .locale
                    .text_with("table-link", &[("title", &table.title)])
            ),
        ))
    }

    /// A figure in a right-to-left language, isolated (`<bdi>`) so that its digits and signs
    /// (`12.5%`) keep their order inside the sentence; elsewhere as it is.
    fn isolate(&self, text: String) -> String {
        if self.locale.is_rtl() {
            format!("<bdi>{text}</bdi>")
        } else {
            text
        }
    }

    /// A table in its own sideways-scrolling region, labelled by the table's caption and described
    /// by a hint (shown on narrow screens) that it scrolls, so that a wide table never widens the
    /// page.
    fn scroll_region(&self, table_html: &str, element_id: &str) -> String {
        format!(
            "<div class=\"stat-table-wrap\" role=\"region\" aria-labelledby=\"{element_id}-caption\" aria-describedby=\"{element_id}-scroll-hint\" tabindex=\"0\">{}</div>\
             <p class=\"scroll-hint\" id=\"{element_id}-scroll-hint\">{}</p>",
            table_html.replacen(
                "<caption>",
                &format!("<caption id=\"{element_id}-caption\">"),
                1
            ),
            html::escape(&self.locale.text("table-scroll-hint")),
        )
    }

    /// The absolute URL of a table's statistics page.
    pub fn page_url(&self, table_id: &str) -> String {
        format!("{}{}", self.base_url, statistics_path(table_id))
    }
}

fn embedded_id(base: &str, embed: Option<usize>) -> String {
    match embed {
        None => base.to_string(),
        Some(n) => format!("{base}-e{n}"),
    }
}

fn required<'a>(args: &'a Args, function: &str, name: &str) -> Result<&'a str, String> {
    args.get(name)
        .map(String::as_str)
        .ok_or_else(|| format!("{function}: missing argument `{name}`"))
}

fn only(args: &Args, function: &str, allowed: &[&str]) -> Result<(), String> {
    match args.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(format!(
            "{function}: unknown argument `{k}` (it takes: {})",
            allowed.join(", ")
        )),
        None => Ok(()),
    }
}

fn selection(args: &Args, reserved: &[&str]) -> BTreeMap<String, String> {
    args.iter()
        .filter(|(k, _)| !reserved.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}
