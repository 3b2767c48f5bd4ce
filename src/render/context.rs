//! What templates receive: small, precomputed values built once per build (page summaries, the
//! site's globals) and combined per output file. List pages get summaries, never full pages, so no
//! page walks all pages.
//!
//! Never does: render or read files.

use serde_json::{json, Map, Value};

use super::i18n::Locale;
use crate::config::Config;
use crate::content::slug::permalink;
use crate::content::{Library, Page, PageDate, Section, TocEntry};

/// Converts a TOML table (front matter or config `extra`) to JSON for templates.
pub fn toml_to_json(value: &toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => table_to_json(t),
    }
}

pub fn table_to_json(table: &toml::Table) -> Value {
    Value::Object(
        table
            .iter()
            .map(|(k, v)| (k.clone(), toml_to_json(v)))
            .collect(),
    )
}

/// A term's URL path relative to `base_url`.
pub fn term_path(taxonomy: &str, slug: &str) -> String {
    format!("{taxonomy}/{slug}/")
}

/// A licence as people write it: an SPDX Creative Commons id such as `CC-BY-4.0` or
/// `CC-BY-SA-4.0` becomes "CC BY 4.0" or "CC BY-SA 4.0" (the spelling the content licence uses);
/// anything else is kept as written.
pub(super) fn licence_name(id: &str) -> String {
    let Some(rest) = id.strip_prefix("CC-") else {
        return id.to_string();
    };
    match rest.rsplit_once('-') {
        Some((terms, version)) if version.starts_with(|c: char| c.is_ascii_digit()) => {
            format!("CC {terms} {version}")
        }
        _ => format!("CC {rest}"),
    }
}

/// The label of a taxonomy in `locale`: its message `taxonomy-<name>` (`Countries`, `Pays`,
/// `البلدان`), else the name capitalised.
pub fn taxonomy_label_in(name: &str, locale: &Locale) -> String {
    locale
        .message(&format!("taxonomy-{name}"), None)
        .unwrap_or_else(|_| taxonomy_label(name))
}

/// The display label of a taxonomy: `countries` → `Countries`.
pub fn taxonomy_label(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c
            .to_uppercase()
            .chain(chars)
            .collect::<String>()
            .replace(['-', '_'], " "),
        None => String::new(),
    }
}

fn date(d: &Option<PageDate>) -> Value {
    d.map_or(Value::Null, |d| Value::String(d.display()))
}

/// The small form of a page that list pages use (kept small: it is copied into every listing).
pub fn summary(page: &Page) -> Value {
    let terms: Map<String, Value> = page
        .taxonomies
        .iter()
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect();
    json!({
        "title": page.title,
        "description": page.description,
        "date": date(&page.date),
        "updated": date(&page.updated),
        "permalink": page.permalink,
        "path": format!("/{}", page.path),
        "slug": page.slug,
        "summary": page.summary,
        "location": page.location,
        "taxonomies": terms,
        "reading_time": page.reading_time,
        "word_count": page.word_count,
        "authors": page.authors,
        "extra": table_to_json(&page.extra),
    })
}

fn term_links(page: &Page, base_url: &str, locale: &Locale) -> Value {
    Value::Array(
        page.taxonomies
            .iter()
            .map(|(name, terms)| {
                json!({
                    "name": name,
                    "label": taxonomy_label_in(name, locale),
                    "terms": terms.iter().map(|t| {
                        let slug = crate::content::slug::slugify(t);
                        json!({"name": t, "permalink": permalink(base_url, &term_path(name, &slug))})
                    }).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

fn toc(entries: &[TocEntry]) -> Value {
    serde_json::to_value(entries).expect("a table of contents serialises")
}

/// The full page, for its own template: the summary plus content, table of contents, contacts,
/// term links (`terms`: per taxonomy, each term's name and permalink) and neighbours.
pub fn page(
    library: &Library,
    index: usize,
    summaries: &[Value],
    base_url: &str,
    locale: &Locale,
) -> Value {
    let page = &library.pages[index];
    let Value::Object(mut map) = summaries[index].clone() else {
        unreachable!("summaries are objects");
    };
    let neighbour = |i: Option<usize>| {
        i.map_or(
            Value::Null,
            |i| json!({"title": library.pages[i].title, "permalink": library.pages[i].permalink}),
        )
    };
    let section = &library.sections[page.section];
    let contacts: Vec<Value> = page
        .contacts
        .iter()
        .map(|c| {
            let tel: String = c
                .phone
                .chars()
                .enumerate()
                .filter(|&(i, ch)| ch.is_ascii_digit() || (i == 0 && ch == '+'))
                .map(|(_, ch)| ch)
                .collect();
            json!({"name": c.name, "office": c.office, "phone": c.phone, "tel": tel, "email": c.email})
        })
        .collect();
    map.insert("content".into(), Value::String(page.content.clone()));
    map.insert("toc".into(), toc(&page.toc));
    map.insert("terms".into(), term_links(page, base_url, locale));
    map.insert("contacts".into(), Value::Array(contacts));
    map.insert("lower".into(), neighbour(page.lower));
    map.insert("higher".into(), neighbour(page.higher));
    map.insert("relative_path".into(), Value::String(page.relative.clone()));
    map.insert(
        "section".into(),
        json!({"title": section.title, "permalink": section.permalink}),
    );
    map.insert(
        "assets".into(),
        json!(page
            .assets
            .iter()
            .filter_map(|a| a.file_name())
            .map(|n| format!("{}{}", page.permalink, n.to_string_lossy()))
            .collect::<Vec<_>>()),
    );
    Value::Object(map)
}

/// A section without its pages (templates get those from `section.pages` or the paginator).
pub fn section(library: &Library, index: usize, feed_url: Option<String>) -> Value {
    let s: &Section = &library.sections[index];
    let subsections: Vec<Value> = s
        .subsections
        .iter()
        .map(|&i| {
            let sub = &library.sections[i];
            json!({
                "title": sub.title,
                "description": sub.description,
                "permalink": sub.permalink,
                "page_count": sub.pages.len(),
            })
        })
        .collect();
    json!({
        "title": s.title,
        "description": s.description,
        "permalink": s.permalink,
        "path": format!("/{}", s.path),
        "content": s.content,
        "toc": toc(&s.toc),
        "extra": table_to_json(&s.extra),
        "subsections": subsections,
        "page_count": s.pages.len(),
        "relative_path": s.relative,
        "feed_url": feed_url,
        "pages": [],
    })
}

/// The values every template of one language receives. `base_url` is the site's (assets,
/// `get_url`); the language's own root is `home_url`.
pub fn globals(
    config: &Config,
    base_url: &str,
    build_year: Option<i32>,
    library: &Library,
    libraries: &[Library],
    locale: &Locale,
) -> Map<String, Value> {
    let language = &library.language;
    let home = language.base_url(base_url);
    let menu: Vec<Value> = if language.menu.is_empty() {
        let mut items = vec![json!({"name": locale.text("home"), "url": home})];
        let root = &library.sections[0];
        items.extend(root.subsections.iter().map(|&i| {
            let s = &library.sections[i];
            json!({"name": s.title, "url": s.permalink})
        }));
        items.extend(root.pages.iter().map(|&i| {
            let p = &library.pages[i];
            json!({"name": p.title, "url": p.permalink})
        }));
        items
    } else {
        language
            .menu
            .iter()
            .map(|m| json!({"name": m.name, "url": absolute(&home, &m.url)}))
            .collect()
    };
    let mut config_value = json!({
        "title": language.title,
        "description": language.description,
        "base_url": base_url,
        "default_language": config.default_language,
        "author": config.author,
        "organisation": config.organisation,
        "licence": config.licence,
        "data_licence": config.data_licence,
        "data_licence_name": licence_name(&config.data_licence),
        "extra": table_to_json(&config.extra),
    });
    config_value["taxonomies"] = json!(config
        .taxonomies
        .iter()
        .map(|t| json!({"name": t.name, "label": taxonomy_label_in(&t.name, locale), "permalink": permalink(&home, &format!("{}/", t.name))}))
        .collect::<Vec<_>>());
    let languages: Vec<Value> = libraries
        .iter()
        .map(|l| {
            json!({
                "lang": l.language.code,
                "name": l.language.name,
                "dir": l.language.dir,
                "is_default": l.language.is_default,
                "permalink": l.language.base_url(base_url),
            })
        })
        .collect();
    let mut map = Map::new();
    map.insert("config".into(), config_value);
    map.insert("lang".into(), json!(language.code));
    map.insert("lang_name".into(), json!(language.name));
    map.insert("dir".into(), json!(language.dir));
    map.insert("languages".into(), Value::Array(languages));
    map.insert("base_url".into(), json!(base_url));
    map.insert("home_url".into(), json!(home));
    map.insert("menu".into(), Value::Array(menu));
    map.insert(
        "feed_url".into(),
        json!(language.feed.then(|| format!("{home}atom.xml"))),
    );
    map.insert("build_year".into(), json!(build_year));
    map
}

/// A menu or template URL: absolute URLs pass through, others are made relative to `base_url`.
pub fn absolute(base_url: &str, url: &str) -> String {
    if url.contains("://")
        || url.starts_with("mailto:")
        || url.starts_with("tel:")
        || url.starts_with('#')
    {
        url.to_string()
    } else {
        format!("{base_url}{}", url.trim_start_matches('/'))
    }
}

/// `12345` → `12,345`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
        assert_eq!(group_thousands(1234567), "1,234,567");
    }

    #[test]
    fn licences_are_spelt_as_people_write_them() {
        assert_eq!(licence_name("CC-BY-4.0"), "CC BY 4.0");
        assert_eq!(licence_name("CC-BY-SA-4.0"), "CC BY-SA 4.0");
        assert_eq!(licence_name("CC0-1.0"), "CC0-1.0");
        assert_eq!(licence_name("ODbL-1.0"), "ODbL-1.0");
    }

    #[test]
    fn labels_and_urls() {
        assert_eq!(taxonomy_label("countries"), "Countries");
        assert_eq!(
            absolute("https://x.org/a/", "/news/"),
            "https://x.org/a/news/"
        );
        assert_eq!(
            absolute("https://x.org/a/", "https://y.org/"),
            "https://y.org/"
        );
    }
}
