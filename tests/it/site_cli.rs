//! The command line: init, new news, exit codes, SOURCE_DATE_EPOCH.

use std::process::Command;

use crate::site_fixture::Fixture;

fn safestat() -> Command {
    Command::new(env!("CARGO_BIN_EXE_safestat"))
}

#[test]
fn init_creates_a_site_that_builds_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("new-site");
    let out = safestat().arg("init").arg(&site).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = safestat()
        .args(["build", "--root"])
        .arg(&site)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(site.join("public/about/index.html").exists());
    assert!(site.join("public/news/index.html").exists());
    let again = safestat().arg("init").arg(&site).output().unwrap();
    assert!(
        !again.status.success(),
        "init refuses a folder that is not empty"
    );
}

#[test]
fn new_news_creates_the_dated_file_which_builds_as_a_draft() {
    let f = Fixture::new();
    f.news_section("sort_by = \"date\"\npaginate_by = 10");
    let date = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let path = safestat::scaffold::new_news(f.root(), "Frontline officers trained in Beirut", date)
        .unwrap();
    assert_eq!(
        path,
        f.root()
            .join("content/news/2025-06-30-frontline-officers-trained-in-beirut.md")
    );
    assert!(
        safestat::scaffold::new_news(f.root(), "Frontline officers trained in Beirut", date)
            .is_err()
    );
    f.build().unwrap();
    assert!(
        !f.exists("news/frontline-officers-trained-in-beirut/index.html"),
        "a draft until edited"
    );
    let mut options = f.options();
    options.drafts = true;
    safestat::site::build(&options).unwrap();
    let html = f.read("news/frontline-officers-trained-in-beirut/index.html");
    assert!(html.contains("<h1>Frontline officers trained in Beirut</h1>"));
    assert!(html.contains("datetime=\"2025-06-30\""));
}

#[test]
fn new_news_from_the_command_line_uses_todays_date() {
    let f = Fixture::new();
    let out = safestat()
        .args(["new", "news", "Données clés \"2025\"", "--root"])
        .arg(f.root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let created: Vec<_> = std::fs::read_dir(f.root().join("content/news"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(created.len(), 1);
    let name = &created[0];
    assert!(name.ends_with("-données-clés-2025.md"), "{name}");
    assert!(chrono::NaiveDate::parse_from_str(&name[..10], "%Y-%m-%d").is_ok());
    let text = std::fs::read_to_string(f.root().join("content/news").join(name)).unwrap();
    let front = text.split("+++").nth(1).unwrap();
    let front: toml::Table = toml::from_str(front).unwrap();
    assert_eq!(front["title"].as_str(), Some("Données clés \"2025\""));
}

#[test]
fn errors_exit_non_zero_and_print_the_location_once() {
    let f = Fixture::new();
    f.file("content/a.md", "+++\ntitle = 1\n+++\n");
    let out = safestat()
        .args(["build", "--root"])
        .arg(f.root())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("content/a.md:2:9").count(), 1, "{stderr}");
    assert!(!f.out().exists());
}

#[test]
fn source_date_epoch_sets_the_date_of_an_undated_site() {
    let f = Fixture::new();
    let out = safestat()
        .args(["build", "--root"])
        .arg(f.root())
        .env("SOURCE_DATE_EPOCH", "1735689600")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(f
        .read("atom.xml")
        .contains("<updated>2025-01-01T00:00:00Z</updated>"));
    assert!(f.read("index.html").contains("© 2025"));
    let out = safestat()
        .args(["build", "--root"])
        .arg(f.root())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(f
        .read("atom.xml")
        .contains("<updated>1970-01-01T00:00:00Z</updated>"));
}
