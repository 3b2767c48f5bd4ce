//! Input errors that used to come without a position, or not at all: each names its file, line and
//! column, and nothing is published.

use crate::data_support::{dataset, DataDir};
use crate::site_fixture::Fixture;

/// Builds `f`, expects an error, and checks that nothing was published.
fn fails(f: &Fixture) -> String {
    let err = f.build_err();
    assert!(!f.out().exists(), "nothing is published: {err}");
    err
}

#[test]
fn a_nul_byte_in_markdown_is_an_error_at_its_position() {
    let f = Fixture::new();
    f.file(
        "content/a.md",
        "+++\ntitle = \"A\"\n+++\nOne.\n\ncafé\0 two\n",
    );
    let err = fails(&f);
    assert!(err.contains("content/a.md:6:5: a NUL byte"), "{err}");
}

#[test]
fn invalid_utf8_in_markdown_names_line_and_column() {
    let f = Fixture::new();
    let target = f.root().join("content/a.md");
    std::fs::write(&target, b"+++\ntitle = \"A\"\n+++\nOne.\n\xc3\xa9t\xe9\n").unwrap();
    let err = fails(&f);
    assert!(err.contains("content/a.md:5:3: invalid UTF-8"), "{err}");
    std::fs::write(
        f.root().join("content/_index.md"),
        b"+++\ntitle = \"H\xff\"\n+++\n",
    )
    .unwrap();
    std::fs::remove_file(&target).unwrap();
    let err = fails(&f);
    assert!(
        err.contains("content/_index.md:2:11: invalid UTF-8"),
        "{err}"
    );
}

#[test]
fn invalid_utf8_in_toml_names_line_and_column() {
    let f = Fixture::new();
    let config = f.read_source("config.toml");
    std::fs::write(
        f.root().join("config.toml"),
        [config.as_bytes(), b"description = \"caf\xe9\"\n"].concat(),
    )
    .unwrap();
    let err = fails(&f);
    assert!(err.contains("config.toml:5:19: invalid UTF-8"), "{err}");

    let dir = DataDir::new(&[
        ("cases.toml", b"[[column]]\nid = \"r\xe9gion\"\n"),
        ("cases.csv", b"x\n"),
    ]);
    let err = dir.error();
    assert!(
        err.starts_with(&format!("{}:2:8: invalid UTF-8", dir.file("cases.toml"))),
        "{err}"
    );
}

#[test]
fn toml_ending_after_the_equals_sign_has_a_message() {
    let f = Fixture::new();
    let config = f.read_source("config.toml");
    f.file("config.toml", &format!("{config}licence = "));
    let err = fails(&f);
    assert!(err.contains("config.toml:5:11: "), "{err}");
    let message = err.split("config.toml:5:11: ").nth(1).unwrap_or("");
    assert!(
        message.contains("value"),
        "a message that says what is missing: {err}"
    );
}

#[test]
fn config_values_out_of_range_name_line_and_column() {
    let f = Fixture::new();
    let config = f.read_source("config.toml");
    f.file("config.toml", &format!("{config}\n[privacy]\nk = 1\n"));
    let err = fails(&f);
    assert!(
        err.contains("config.toml:7:5: [privacy] k = 1 is not allowed"),
        "{err}"
    );
    f.file(
        "config.toml",
        &format!("{config}feed_limit = 0\n[[taxonomies]]\nname = \"Tags\"\n"),
    );
    let err = fails(&f);
    assert!(
        err.contains("config.toml:7:8: taxonomy name \"Tags\""),
        "{err}"
    );
    f.file("config.toml", &format!("{config}feed_limit = 0\n"));
    let err = fails(&f);
    assert!(
        err.contains("config.toml:5:14: feed_limit must be at least 1"),
        "{err}"
    );
}

#[test]
fn a_page_path_clashing_with_the_feed_names_the_page() {
    let f = Fixture::new();
    f.file(
        "content/a.md",
        "+++\ntitle = \"A\"\npath = \"atom.xml\"\n+++\nText.\n",
    );
    let err = fails(&f);
    assert!(err.contains("content/a.md:3:8"), "{err}");
    assert!(err.contains("atom.xml"), "{err}");
    assert!(!err.contains("staging"), "{err}");
}

#[test]
fn a_data_file_must_stay_inside_data() {
    for (file, line) in [
        ("/etc/passwd", "passwd"),
        ("../outside.csv", ".."),
        ("sub/../../x.csv", ".."),
    ] {
        let schema = format!("[dataset]\nfile = \"{file}\"\n\n[[column]]\nid = \"gender\"\n");
        let dir = dataset(&schema, b"gender\nF\n");
        let err = dir.error();
        assert!(
            err.starts_with(&format!("{}:2:8: ", dir.file("cases.toml"))),
            "{file}: {err}"
        );
        assert!(err.contains("inside data/"), "{file} ({line}): {err}");
        assert!(!err.contains("root:"), "{err}");
    }
    let schema = "[dataset]\nfile = \"./sub/cases.csv\"\n\n[[column]]\nid = \"gender\"\n";
    let dir = dataset(schema, b"");
    std::fs::create_dir(dir.path.join("sub")).unwrap();
    std::fs::write(dir.path.join("sub/cases.csv"), "gender\nF\n").unwrap();
    assert_eq!(
        dir.load().unwrap().datasets[0].len,
        1,
        "a sub-folder of data/ is fine"
    );
}

#[cfg(unix)]
mod symlinks {
    use super::fails;
    use crate::site_fixture::Fixture;
    use std::os::unix::fs::symlink;

    /// A fixture and a folder outside it holding a secret file.
    fn with_outside() -> (Fixture, tempfile::TempDir) {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "do not publish").unwrap();
        std::fs::write(
            outside.path().join("page.html"),
            "{{ page.title }} from outside",
        )
        .unwrap();
        std::fs::write(
            outside.path().join("b.md"),
            "+++\ntitle = \"B\"\n+++\nOutside.\n",
        )
        .unwrap();
        (Fixture::new(), outside)
    }

    #[test]
    fn a_top_level_folder_that_is_a_link_is_an_error() {
        for folder in ["static", "templates"] {
            let (f, outside) = with_outside();
            symlink(outside.path(), f.root().join(folder)).unwrap();
            let err = fails(&f);
            assert!(
                err.contains(&format!("{folder}: is a symbolic link")),
                "{err}"
            );
        }
        let (f, outside) = with_outside();
        std::fs::copy(
            f.root().join("content/_index.md"),
            outside.path().join("_index.md"),
        )
        .unwrap();
        std::fs::remove_dir_all(f.root().join("content")).unwrap();
        symlink(outside.path(), f.root().join("content")).unwrap();
        let err = fails(&f);
        assert!(err.contains("content: is a symbolic link"), "{err}");
    }

    #[test]
    fn a_link_inside_a_site_folder_is_an_error_naming_it() {
        let (f, outside) = with_outside();
        std::fs::create_dir_all(f.root().join("templates")).unwrap();
        symlink(
            outside.path().join("page.html"),
            f.root().join("templates/page.html"),
        )
        .unwrap();
        let err = fails(&f);
        assert!(
            err.contains("templates/page.html: is a symbolic link"),
            "{err}"
        );

        let (f, outside) = with_outside();
        std::fs::create_dir_all(f.root().join("static/img")).unwrap();
        symlink(
            outside.path().join("secret.txt"),
            f.root().join("static/img/logo.png"),
        )
        .unwrap();
        let err = fails(&f);
        assert!(
            err.contains("static/img/logo.png: is a symbolic link"),
            "{err}"
        );

        let (f, outside) = with_outside();
        symlink(outside.path().join("b.md"), f.root().join("content/b.md")).unwrap();
        symlink(outside.path(), f.root().join("content/shared")).unwrap();
        let err = fails(&f);
        assert!(err.contains("content/b.md: is a symbolic link"), "{err}");
    }
}

#[test]
fn front_matter_values_out_of_range_name_line_and_column() {
    let f = Fixture::new();
    f.file(
        "content/news/_index.md",
        "+++\ntitle = \"News\"\npaginate_by = 0\n+++\n",
    );
    f.file(
        "content/news/a.md",
        "+++\ntitle = \"A\"\n[[contacts]]\nname = \"Press\"\n[[contacts]]\nname = \" \"\n+++\n",
    );
    let err = fails(&f);
    assert!(
        err.contains("content/news/_index.md:3:15: paginate_by must be at least 1"),
        "{err}"
    );
    assert!(
        err.contains("content/news/a.md:6:8: contacts[1] has no name"),
        "{err}"
    );
}

#[test]
fn a_schema_without_columns_points_where_one_would_go() {
    let dir = dataset("", b"x\n");
    assert_eq!(
        dir.error(),
        format!(
            "{}:1:1: the schema declares no columns: add at least one [[column]]",
            dir.file("cases.toml")
        )
    );
    let dir = dataset("[dataset]\ntitle = \"Cases\"\n\n", b"x\n");
    assert!(dir
        .error()
        .starts_with(&format!("{}:2:16: ", dir.file("cases.toml"))));
}

#[test]
fn a_missing_data_file_is_an_error_at_the_schemas_file_key() {
    let dir = DataDir::new(&[(
        "cases.toml",
        b"[dataset]\nfile = \"2025/cases.csv\"\n\n[[column]]\nid = \"gender\"\n",
    )]);
    let err = dir.error();
    assert!(
        err.starts_with(&format!("{}:2:8: cannot open ", dir.file("cases.toml"))),
        "{err}"
    );
    let dir = DataDir::new(&[("cases.toml", b"[[column]]\nid = \"gender\"\n")]);
    let err = dir.error();
    assert!(
        err.starts_with(&format!("{}:1:1: cannot open ", dir.file("cases.toml"))),
        "{err}"
    );
}

#[test]
fn a_long_wrong_date_is_quoted_shortened() {
    let f = Fixture::new();
    let long = "x".repeat(500);
    f.file(
        "content/a.md",
        &format!("+++\ntitle = \"A\"\ndate = \"{long}\"\n+++\n"),
    );
    let err = fails(&f);
    assert!(err.contains("content/a.md:3:8: "), "{err}");
    assert!(
        err.contains(&"x".repeat(60)) && !err.contains(&"x".repeat(61)),
        "{err}"
    );
}

#[test]
fn a_nul_written_as_a_toml_escape_is_an_error_at_its_value() {
    let f = Fixture::new();
    f.file(
        "content/a.md",
        "+++\ntitle = \"A\"\n[extra]\nnote = \"caf\\u0000e\"\n+++\nOne.\n",
    );
    let err = fails(&f);
    assert!(
        err.contains("content/a.md:4:8: `extra.note` holds a NUL character"),
        "{err}"
    );
}

#[test]
fn a_nul_in_a_csv_value_is_an_error_at_its_field() {
    let schema = "[[column]]\nid = \"region\"\n";
    let dir = dataset(schema, b"region\nnorth\nso\0uth\n");
    let err = dir.error();
    assert!(
        err.starts_with(&format!("{}:3:1:", dir.file("cases.csv")))
            && err.contains("NUL character"),
        "{err}"
    );
}
