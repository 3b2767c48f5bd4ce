//! Replacing `public/`: at every instant it is one complete site, the old or the new one —
//! under concurrent builds of the same site, and when a build is killed at any step of writing
//! and swapping (a debug build of the binary stops dead at the step named by
//! `SAFESTAT_TEST_ABORT_AT`, as a `kill -9` would). The next build cleans up what a killed one
//! left, and a failing build after a kill leaves `public/` as the kill left it.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::site_fixture::{files_under, Fixture};

type Files = Vec<(String, Vec<u8>)>;

/// `safestat build` of the site at `root`, with no test hook unless the caller sets one.
fn build_command(root: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_safestat"));
    command
        .args(["build", "--root"])
        .arg(root)
        .current_dir(root)
        .env_remove("SAFESTAT_TEST_ABORT_AT")
        .env_remove("SAFESTAT_TEST_NO_EXCHANGE")
        .stdin(Stdio::null());
    command
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn build_ok(root: &Path) {
    let output = build_command(root).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
}

/// A site of `pages` pages whose text names `version`, so that two versions differ on every
/// page.
fn write_pages(f: &Fixture, pages: usize, version: &str) {
    for i in 0..pages {
        f.file(
            &format!("content/page-{i:03}.md"),
            &format!("+++\ntitle = \"Page {i}\"\n+++\nPage {i} of the {version} site.\n"),
        );
    }
}

/// What the site folder holds beside `content/` and the sources: the output and anything a
/// build left next to it.
fn output_siblings(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("public"))
        .collect();
    names.sort();
    names
}

/// The files of `public/`, or `None` when there is no `public/`.
fn public_files(root: &Path) -> Option<Files> {
    let public = root.join("public");
    public.is_dir().then(|| files_under(&public))
}

fn describe(files: &Option<Files>) -> String {
    match files {
        None => "no public/ at all".to_string(),
        Some(files) => format!("{} files", files.len()),
    }
}

#[test]
fn concurrent_builds_always_leave_one_complete_site() {
    let f = Fixture::new();
    write_pages(&f, 80, "only");
    build_ok(f.root());
    let complete = public_files(f.root()).unwrap();
    for round in 0..6 {
        let builds: Vec<_> = (0..2)
            .map(|_| {
                build_command(f.root())
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for build in builds {
            let output = build.wait_with_output().unwrap();
            assert!(
                output.status.success(),
                "round {round}: a concurrent build waits for the other, it does not fail: {}",
                stderr(&output)
            );
        }
        let now = public_files(f.root());
        assert!(
            now.as_ref() == Some(&complete),
            "round {round}: public/ is the complete site, found {}",
            describe(&now)
        );
        assert_eq!(output_siblings(f.root()), ["public"], "round {round}");
    }
}

/// The steps of a build at which the tests stop it, in order. `old-moved` only exists when the
/// swap falls back to two renames.
const STEPS: [&str; 7] = [
    "locked",
    "file-written",
    "staged",
    "old-moved",
    "swapped",
    "old-removed-partly",
    "old-removed",
];

/// For each step: the old site built, the sources changed, a build killed at the step; then
/// `public/` is the complete old or new site, a failing build leaves it as it is, the killed
/// build's leftovers are gone, and a good build publishes the new site.
fn kill_at_each_step(no_exchange: bool) {
    let template = Fixture::new();
    write_pages(&template, 40, "old");
    build_ok(template.root());
    let old = public_files(template.root()).unwrap();
    let new_site = Fixture::new();
    write_pages(&new_site, 40, "new");
    build_ok(new_site.root());
    let new = public_files(new_site.root()).unwrap();
    assert_ne!(old, new);

    for step in STEPS {
        if step == "old-moved" && !no_exchange {
            continue;
        }
        let f = Fixture::new();
        write_pages(&f, 40, "old");
        copy_tree(&template.root().join("public"), &f.root().join("public"));
        write_pages(&f, 40, "new");

        let mut killed = build_command(f.root());
        killed.env("SAFESTAT_TEST_ABORT_AT", step);
        if no_exchange {
            killed.env("SAFESTAT_TEST_NO_EXCHANGE", "1");
        }
        let output = killed.output().unwrap();
        assert!(
            !output.status.success(),
            "{step}: the build was not stopped: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains(&format!("stopped at {step}")),
            "{step}: {}",
            stderr(&output)
        );
        let after_kill = public_files(f.root());
        if !(no_exchange && step == "old-moved") {
            assert!(
                after_kill.as_ref() == Some(&old) || after_kill.as_ref() == Some(&new),
                "{step}: public/ is the complete old or new site, found {}",
                describe(&after_kill)
            );
        }

        f.file("content/broken.md", "+++\ntitle = 3\n+++\n");
        let failing = build_command(f.root()).output().unwrap();
        assert!(!failing.status.success(), "{step}");
        let after_failure = public_files(f.root());
        let expected = after_kill.clone().unwrap_or_else(|| old.clone());
        assert!(
            after_failure.as_ref() == Some(&expected),
            "{step}: a failing build after the kill leaves public/ as the kill left it \
             (or restores the old site), found {}",
            describe(&after_failure)
        );
        assert_eq!(
            output_siblings(f.root()),
            ["public"],
            "{step}: the killed build's leftovers are cleaned up"
        );

        std::fs::remove_file(f.root().join("content/broken.md")).unwrap();
        build_ok(f.root());
        assert!(public_files(f.root()) == Some(new.clone()), "{step}");
    }
}

#[test]
fn a_build_killed_at_any_step_leaves_a_complete_site() {
    kill_at_each_step(false);
}

#[test]
fn a_build_killed_at_any_step_of_the_two_rename_fallback_is_repaired_by_the_next_build() {
    kill_at_each_step(true);
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[cfg(unix)]
#[test]
fn a_public_folder_that_is_a_link_is_replaced_without_touching_what_it_points_to() {
    let f = Fixture::new();
    write_pages(&f, 3, "new");
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("keep.txt"), "not the site's").unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), f.root().join("public")).unwrap();
    build_ok(f.root());
    assert!(f.root().join("public/page-000/index.html").is_file());
    assert!(!f.root().join("public").is_symlink());
    assert_eq!(
        std::fs::read_to_string(elsewhere.path().join("keep.txt")).unwrap(),
        "not the site's"
    );
    assert_eq!(output_siblings(f.root()), ["public"]);
}
