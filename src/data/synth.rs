//! `safestat synth`: a realistic synthetic case file for the example site and for benchmarks.
//!
//! Owns: generating case rows with plausible shares — about 70% female, a quarter children, sexual
//! exploitation and forced labour the largest types, citizenship and country of exploitation with a
//! long tail of rare countries, and some missing values (empty fields) — from a seeded ChaCha8
//! stream, so the same `--rows` and `--seed` always give the same bytes.
//!
//! Never does: read real data. Every row is drawn from the fixed distributions below.
//!
//! The columns (headers are the column ids): `case_ref` (an identifier, to be declared `drop`),
//! `year`, `source`, `gender`, `age_band` (written the CTDC way, `18--20`), `citizenship`,
//! `country_of_exploitation` (ISO 3166-1 alpha-2), `exploitation_type`, `labour_sector`,
//! `recruiter_relationship`.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The header row of a synthetic case file.
pub const COLUMNS: [&str; 10] = [
    "case_ref",
    "year",
    "source",
    "gender",
    "age_band",
    "citizenship",
    "country_of_exploitation",
    "exploitation_type",
    "labour_sector",
    "recruiter_relationship",
];

/// A value and its relative weight; `""` is a missing value.
type Weighted = (&'static str, u32);

const YEARS: &[Weighted] = &[
    ("2015", 6),
    ("2016", 7),
    ("2017", 9),
    ("2018", 10),
    ("2019", 11),
    ("2020", 8),
    ("2021", 9),
    ("2022", 10),
    ("2023", 11),
    ("2024", 11),
    ("2025", 8),
];

const SOURCES: &[Weighted] = &[("case_management", 78), ("hotline", 22)];

const GENDERS: &[Weighted] = &[("F", 700), ("M", 285), ("", 15)];

/// Age bands as the Counter-Trafficking Data Collaborative writes them; 25% are children.
const AGE_BANDS: &[Weighted] = &[
    ("0--8", 4),
    ("9--17", 21),
    ("18--20", 12),
    ("21--23", 11),
    ("24--26", 10),
    ("27--29", 9),
    ("30--38", 15),
    ("39--47", 8),
    ("48+", 4),
    ("", 6),
];

const EXPLOITATION_FEMALE: &[Weighted] = &[
    ("sexual", 55),
    ("forced_labour", 24),
    ("both", 5),
    ("forced_marriage", 9),
    ("other", 5),
    ("", 2),
];

const EXPLOITATION_MALE: &[Weighted] = &[
    ("sexual", 7),
    ("forced_labour", 74),
    ("both", 4),
    ("forced_marriage", 1),
    ("other", 12),
    ("", 2),
];

const EXPLOITATION_ANY: &[Weighted] = &[
    ("sexual", 40),
    ("forced_labour", 40),
    ("both", 5),
    ("forced_marriage", 6),
    ("other", 7),
    ("", 2),
];

const LABOUR_SECTORS: &[Weighted] = &[
    ("agriculture", 22),
    ("construction", 18),
    ("domestic_work", 20),
    ("manufacturing", 10),
    ("fishing", 6),
    ("hospitality", 8),
    ("begging", 5),
    ("other", 6),
    ("", 15),
];

const RECRUITERS_ADULT: &[Weighted] = &[
    ("intimate_partner", 16),
    ("family", 12),
    ("friend", 16),
    ("acquaintance", 14),
    ("stranger", 12),
    ("", 30),
];

const RECRUITERS_CHILD: &[Weighted] = &[
    ("intimate_partner", 6),
    ("family", 34),
    ("friend", 10),
    ("acquaintance", 12),
    ("stranger", 8),
    ("", 30),
];

/// Countries (ISO 3166-1 alpha-2 code, English short name) with their weights as citizenship and
/// as a destination of cross-border exploitation. The weights end in a long tail of countries
/// with a handful of cases, which disclosure control must pool or suppress.
pub const COUNTRIES: &[(&str, &str, u32, u32)] = &[
    ("UA", "Ukraine", 900, 40),
    ("PH", "Philippines", 800, 30),
    ("MD", "Moldova", 600, 10),
    ("ID", "Indonesia", 500, 60),
    ("US", "United States", 400, 450),
    ("KH", "Cambodia", 400, 30),
    ("MM", "Myanmar", 350, 20),
    ("BY", "Belarus", 300, 10),
    ("RO", "Romania", 300, 20),
    ("NG", "Nigeria", 300, 20),
    ("VN", "Viet Nam", 280, 20),
    ("UZ", "Uzbekistan", 200, 5),
    ("KG", "Kyrgyzstan", 150, 5),
    ("NP", "Nepal", 150, 5),
    ("BD", "Bangladesh", 150, 5),
    ("TH", "Thailand", 150, 250),
    ("ET", "Ethiopia", 120, 5),
    ("MX", "Mexico", 120, 60),
    ("LK", "Sri Lanka", 100, 5),
    ("HT", "Haiti", 100, 2),
    ("GH", "Ghana", 80, 10),
    ("KE", "Kenya", 80, 10),
    ("UG", "Uganda", 80, 5),
    ("BG", "Bulgaria", 80, 10),
    ("LA", "Lao People's Democratic Republic", 70, 5),
    ("CN", "China", 60, 100),
    ("IN", "India", 60, 40),
    ("CO", "Colombia", 60, 10),
    ("VE", "Venezuela", 60, 5),
    ("AL", "Albania", 50, 5),
    ("PK", "Pakistan", 50, 5),
    ("ER", "Eritrea", 40, 0),
    ("SD", "Sudan", 30, 5),
    ("AF", "Afghanistan", 30, 0),
    ("RU", "Russian Federation", 20, 500),
    ("AE", "United Arab Emirates", 0, 250),
    ("SA", "Saudi Arabia", 0, 200),
    ("MY", "Malaysia", 10, 250),
    ("TR", "Türkiye", 10, 150),
    ("PL", "Poland", 3, 100),
    ("DE", "Germany", 0, 120),
    ("IT", "Italy", 0, 100),
    ("GB", "United Kingdom", 2, 120),
    ("KW", "Kuwait", 0, 80),
    ("QA", "Qatar", 0, 60),
    ("LB", "Lebanon", 2, 40),
    ("JO", "Jordan", 1, 30),
    ("OM", "Oman", 0, 30),
    ("BH", "Bahrain", 0, 20),
    ("JP", "Japan", 0, 40),
    ("KR", "Republic of Korea", 0, 40),
    ("SG", "Singapore", 0, 30),
    ("FR", "France", 0, 40),
    ("ES", "Spain", 0, 40),
    ("NL", "Netherlands", 0, 30),
    ("BE", "Belgium", 0, 20),
    ("GR", "Greece", 1, 20),
    ("CY", "Cyprus", 0, 10),
    ("IL", "Israel", 0, 10),
    ("ZA", "South Africa", 6, 30),
    ("NA", "Namibia", 3, 2),
    ("BW", "Botswana", 2, 1),
    ("ZW", "Zimbabwe", 6, 1),
    ("MW", "Malawi", 4, 0),
    ("MZ", "Mozambique", 5, 1),
    ("SN", "Senegal", 5, 1),
    ("CI", "Côte d'Ivoire", 4, 2),
    ("CM", "Cameroon", 5, 1),
    ("BJ", "Benin", 2, 0),
    ("TG", "Togo", 2, 0),
    ("GN", "Guinea", 3, 0),
    ("ML", "Mali", 2, 1),
    ("SL", "Sierra Leone", 2, 0),
    ("LR", "Liberia", 1, 0),
    ("GE", "Georgia", 6, 2),
    ("AM", "Armenia", 3, 1),
    ("AZ", "Azerbaijan", 3, 1),
    ("TJ", "Tajikistan", 8, 0),
    ("KZ", "Kazakhstan", 6, 8),
    ("MN", "Mongolia", 3, 1),
    ("BT", "Bhutan", 1, 0),
    ("TL", "Timor-Leste", 1, 0),
    ("PG", "Papua New Guinea", 1, 0),
    ("FJ", "Fiji", 1, 0),
    ("BO", "Bolivia", 4, 0),
    ("PE", "Peru", 4, 2),
    ("EC", "Ecuador", 3, 1),
    ("PY", "Paraguay", 2, 0),
    ("GT", "Guatemala", 5, 2),
    ("HN", "Honduras", 5, 0),
    ("SV", "El Salvador", 4, 0),
    ("NI", "Nicaragua", 2, 0),
    ("DO", "Dominican Republic", 4, 2),
    ("CU", "Cuba", 1, 0),
    ("JM", "Jamaica", 2, 0),
    ("RS", "Serbia", 3, 2),
    ("MK", "North Macedonia", 2, 1),
    ("BA", "Bosnia and Herzegovina", 2, 1),
    ("LT", "Lithuania", 2, 1),
    ("LV", "Latvia", 1, 0),
    ("EE", "Estonia", 1, 0),
    ("HU", "Hungary", 2, 2),
    ("SK", "Slovakia", 2, 1),
    ("IS", "Iceland", 0, 1),
    ("MT", "Malta", 0, 2),
    ("LU", "Luxembourg", 0, 1),
    ("CL", "Chile", 0, 2),
    ("AR", "Argentina", 1, 3),
    ("BR", "Brazil", 2, 5),
    ("NZ", "New Zealand", 0, 1),
    ("AU", "Australia", 0, 4),
    ("CA", "Canada", 0, 5),
    ("MV", "Maldives", 0, 1),
    ("SC", "Seychelles", 0, 1),
    ("MU", "Mauritius", 0, 1),
    ("BN", "Brunei Darussalam", 0, 1),
];

/// Share (per 1000) of cases exploited in their own country, when citizenship is known.
const DOMESTIC_PER_MILLE: u32 = 450;
/// Share (per 1000) of missing citizenship and of missing country of exploitation.
const MISSING_COUNTRY_PER_MILLE: u32 = 40;

/// Writes `rows` synthetic cases as CSV (with a header row) to `output`, or to standard output.
pub fn run(rows: usize, seed: u64, output: Option<&Path>) -> Result<()> {
    match output {
        Some(path) => {
            let file =
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            let mut out = BufWriter::with_capacity(1 << 16, file);
            write_cases(&mut out, rows, seed)
                .and_then(|()| out.flush())
                .with_context(|| format!("cannot write {}", path.display()))
        }
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
            match write_cases(&mut out, rows, seed).and_then(|()| out.flush()) {
                // The reader stopped early (`safestat synth | head`): not an error.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                result => result.context("cannot write to standard output"),
            }
        }
    }
}

/// Writes the header row and `rows` synthetic cases drawn from `seed`.
pub fn write_cases(out: &mut impl Write, rows: usize, seed: u64) -> io::Result<()> {
    let mut draw = Draw(ChaCha8Rng::seed_from_u64(seed));
    let citizenship: Vec<Weighted> = COUNTRIES.iter().map(|c| (c.0, c.2)).collect();
    let destination: Vec<Weighted> = COUNTRIES.iter().map(|c| (c.0, c.3)).collect();
    writeln!(out, "{}", COLUMNS.join(","))?;
    for row in 0..rows {
        let year = draw.pick(YEARS);
        let source = draw.pick(SOURCES);
        let gender = draw.pick(GENDERS);
        let age_band = draw.pick(AGE_BANDS);
        let child = matches!(age_band, "0--8" | "9--17");
        let citizen = if draw.per_mille(MISSING_COUNTRY_PER_MILLE) {
            ""
        } else {
            draw.pick(&citizenship)
        };
        let exploited_in = if draw.per_mille(MISSING_COUNTRY_PER_MILLE) {
            ""
        } else if !citizen.is_empty() && draw.per_mille(DOMESTIC_PER_MILLE) {
            citizen
        } else {
            draw.pick(&destination)
        };
        let exploitation = draw.pick(match gender {
            "F" => EXPLOITATION_FEMALE,
            "M" => EXPLOITATION_MALE,
            _ => EXPLOITATION_ANY,
        });
        let sector = if matches!(exploitation, "forced_labour" | "both") {
            draw.pick(LABOUR_SECTORS)
        } else {
            "not_applicable"
        };
        let recruiter = draw.pick(if child {
            RECRUITERS_CHILD
        } else {
            RECRUITERS_ADULT
        });
        writeln!(
            out,
            "C{:07},{year},{source},{gender},{age_band},{citizen},{exploited_in},{exploitation},{sector},{recruiter}",
            row + 1
        )?;
    }
    Ok(())
}

/// Draws from a ChaCha8 stream with arithmetic of our own, so the output depends only on the
/// stream (which `rand_chacha` keeps stable), not on any library's sampling algorithms.
struct Draw(ChaCha8Rng);

impl Draw {
    /// A uniform number in `0..n` (`n` > 0), by the multiply-shift method.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.0.next_u64()) * u128::from(n)) >> 64) as u64
    }

    fn per_mille(&mut self, p: u32) -> bool {
        self.below(1000) < u64::from(p)
    }

    fn pick(&mut self, choices: &[Weighted]) -> &'static str {
        let total: u64 = choices.iter().map(|c| u64::from(c.1)).sum();
        let mut r = self.below(total);
        for &(value, weight) in choices {
            if r < u64::from(weight) {
                return value;
            }
            r -= u64::from(weight);
        }
        unreachable!("r < total")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generate(rows: usize, seed: u64) -> String {
        let mut out = Vec::new();
        write_cases(&mut out, rows, seed).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        assert_eq!(generate(500, 7), generate(500, 7));
        assert_ne!(generate(500, 7), generate(500, 8));
    }

    #[test]
    fn shares_are_plausible() {
        let text = generate(20_000, 1);
        let rows: Vec<Vec<&str>> = text
            .lines()
            .skip(1)
            .map(|l| l.split(',').collect())
            .collect();
        assert_eq!(rows.len(), 20_000);
        assert!(rows.iter().all(|r| r.len() == COLUMNS.len()));
        let share = |col: usize, pred: &dyn Fn(&str) -> bool| {
            rows.iter().filter(|r| pred(r[col])).count() as f64 / rows.len() as f64
        };
        let female = share(3, &|v| v == "F");
        assert!((0.67..0.73).contains(&female), "female {female}");
        let children = share(4, &|v| v == "0--8" || v == "9--17");
        assert!((0.22..0.28).contains(&children), "children {children}");
        let sexual = share(7, &|v| v == "sexual");
        let labour = share(7, &|v| v == "forced_labour");
        for other in ["both", "forced_marriage", "other"] {
            let s = share(7, &|v| v == other);
            assert!(s < sexual.min(labour), "{other} {s}");
        }
        let missing_age = share(4, &|v| v.is_empty());
        assert!(missing_age > 0.03, "missing age {missing_age}");
        let countries: std::collections::HashSet<&str> = rows.iter().map(|r| r[5]).collect();
        assert!(countries.len() > 60, "{} citizenships", countries.len());
        let refs: std::collections::HashSet<&str> = rows.iter().map(|r| r[0]).collect();
        assert_eq!(refs.len(), rows.len(), "case_ref is unique");
    }
}
