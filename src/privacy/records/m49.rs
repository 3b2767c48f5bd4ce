//! The UN M49 geographic regions, embedded: ISO 3166-1 alpha-2 code → (intermediate region) →
//! sub-region → region. Used by the `builtin = "m49"` and `builtin = "m49_intermediate"`
//! hierarchies of a record release.
//!
//! The table lives in `m49.txt` beside this file (one line per area or country; see its header).

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("m49.txt");

/// Where one country or area sits in M49.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// The intermediate region (e.g. "Eastern Africa"), or the sub-region where M49 has none.
    pub intermediate: &'static str,
    /// The sub-region (e.g. "Sub-Saharan Africa").
    pub sub_region: &'static str,
    /// The region (e.g. "Africa").
    pub region: &'static str,
}

struct M49 {
    countries: HashMap<&'static str, Placement>,
}

fn table() -> &'static M49 {
    static M49: OnceLock<M49> = OnceLock::new();
    M49.get_or_init(parse)
}

fn parse() -> M49 {
    // area code → (parent code, name)
    let mut areas: HashMap<&'static str, (Option<&'static str>, &'static str)> = HashMap::new();
    let mut countries = HashMap::new();
    for line in TABLE.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("area ") {
            let mut parts = rest.splitn(3, ' ');
            let (code, parent, name) = (
                parts.next().expect("area code"),
                parts.next().expect("area parent"),
                parts.next().expect("area name"),
            );
            areas.insert(code, ((parent != "-").then_some(parent), name));
            continue;
        }
        let (country, area) = line.split_once(' ').expect("`CC AREA` line");
        // The chain from the country's area up to its region, smallest first.
        let mut chain = vec![area];
        while let Some(parent) = areas[chain.last().expect("non-empty")].0 {
            chain.push(parent);
        }
        let name = |code: &str| areas[code].1;
        let region = name(chain[chain.len() - 1]);
        let sub_region = name(chain[chain.len().saturating_sub(2)]);
        let intermediate = name(chain[chain.len().saturating_sub(3)]);
        countries.insert(
            country,
            Placement {
                intermediate,
                sub_region,
                region,
            },
        );
    }
    M49 { countries }
}

/// The M49 placement of an ISO 3166-1 alpha-2 code (case-insensitive), if it is one.
pub fn placement(alpha2: &str) -> Option<Placement> {
    table()
        .countries
        .get(alpha2.to_ascii_uppercase().as_str())
        .copied()
}

/// Every country or area's placement.
pub fn placements() -> Vec<Placement> {
    table().countries.values().copied().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every ISO 3166-1 alpha-2 code assigned today, listed independently of `m49.txt`.
    const ISO_3166_ALPHA2: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF \
        BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU \
        CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG \
        GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE \
        JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF \
        MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ \
        OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ \
        SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG \
        UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

    #[test]
    fn every_iso_code_has_a_region() {
        let codes: Vec<&str> = ISO_3166_ALPHA2.split_whitespace().collect();
        assert_eq!(codes.len(), 249);
        for code in &codes {
            assert!(placement(code).is_some(), "{code} missing from m49.txt");
        }
        // Nothing but the ISO codes and Kosovo.
        assert_eq!(table().countries.len(), 250);
        assert!(placement("XK").is_some());
    }

    #[test]
    fn known_placements() {
        let ke = placement("ke").unwrap();
        assert_eq!(ke.intermediate, "Eastern Africa");
        assert_eq!(ke.sub_region, "Sub-Saharan Africa");
        assert_eq!(ke.region, "Africa");
        let lb = placement("LB").unwrap();
        assert_eq!(
            (lb.intermediate, lb.sub_region, lb.region),
            ("Western Asia", "Western Asia", "Asia")
        );
        let je = placement("JE").unwrap();
        assert_eq!(
            (je.intermediate, je.sub_region, je.region),
            ("Channel Islands", "Northern Europe", "Europe")
        );
        assert_eq!(
            placement("MX").unwrap().sub_region,
            "Latin America and the Caribbean"
        );
        assert_eq!(placement("US").unwrap().region, "Americas");
        assert_eq!(placement("NA").unwrap().intermediate, "Southern Africa");
        assert_eq!(placement("AQ").unwrap().region, "Antarctica");
        assert_eq!(placement("ZZ"), None);
    }
}
