//! The installers as a newcomer gets them: the `.deb` unpacked and checked
//! by Debian's own tools, the `.rpm` by rpmlint, and the unpacked app
//! started and driven to its first draft.
//!
//! Needs `make dist` first (`make test` runs it), lintian, rpmlint and
//! desktop-file-utils (`make deps` installs them).

use std::path::{Path, PathBuf};
use std::process::Command;

use studio_e2e::{dist_dir, Driver};

/// Lintian tags the README justifies (section "Installers"); any other
/// warning or error fails.
const JUSTIFIED_LINTIAN_TAGS: &[&str] = &[];

/// rpmlint checks the README justifies: the package is signed at release
/// with the publisher's key (`rpmsign --addsign`), which a build here does
/// not hold; and Debian 12's rpmlint 2.4.0 files each manual page under its
/// section ("1") instead of its name, so it finds no page for any binary
/// (the test below lists the pages in the package itself).
const JUSTIFIED_RPMLINT_CHECKS: &[&str] = &["no-signature", "no-manual-page-for-binary"];

const ID: &str = "com.creatorstudio.desktop";

/// The installer made by `make dist` whose name ends with `suffix`.
fn installer(suffix: &str) -> PathBuf {
    let dist = dist_dir();
    std::fs::read_dir(&dist)
        .unwrap_or_else(|e| panic!("{}: {e}; run `make dist` first", dist.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.to_string_lossy().ends_with(suffix))
        .unwrap_or_else(|| panic!("no *{suffix} in {}; run `make dist` first", dist.display()))
}

/// Runs a tool and returns (success, stdout + stderr).
fn run(program: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} could not start: {e} (make deps installs it)"));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

/// The errors and warnings in a checker's report, but the justified ones.
fn complaints<'r>(report: &'r str, is_complaint: impl Fn(&str) -> bool, justified: &[&str]) -> Vec<&'r str> {
    report
        .lines()
        .filter(|l| is_complaint(l))
        .filter(|l| !justified.iter().any(|tag| l.split_whitespace().any(|word| word == *tag)))
        .collect()
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

#[test]
fn the_deb_passes_lintian_and_carries_everything_a_desktop_package_should() {
    let deb = installer(".deb");
    let size = std::fs::metadata(&deb).unwrap().len();
    assert!(size < 15 * 1024 * 1024, "{} is {size} bytes, over the 15 MB budget", deb.display());

    // Control fields.
    let (ok, control) = run("dpkg-deb", &["-f", path_str(&deb)]);
    assert!(ok, "{control}");
    let field = |name: &str| -> String {
        control
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name}: ")))
            .unwrap_or_else(|| panic!("no {name} in\n{control}"))
            .to_string()
    };
    assert_eq!(field("Package"), "creator-studio");
    assert_eq!(field("Section"), "utils");
    assert_eq!(field("Priority"), "optional");
    let maintainer = field("Maintainer");
    assert!(maintainer.contains('<') && maintainer.contains('@') && maintainer.ends_with('>'), "{maintainer}");
    let depends = field("Depends");
    for needed in ["libc6", "libwebkit2gtk-4.1-0", "libgtk-3-0", "libayatana-appindicator3-1"] {
        assert!(depends.contains(needed), "Depends lacks {needed}: {depends}");
    }
    let description: Vec<&str> = control
        .lines()
        .skip_while(|l| !l.starts_with("Description: "))
        .skip(1)
        .take_while(|l| l.starts_with(' '))
        .collect();
    assert!(description.len() >= 5, "the long description is missing:\n{control}");

    // Lintian: no error, no warning but the justified ones.
    let (_, report) = run("lintian", &["--no-tag-display-limit", path_str(&deb)]);
    let found = complaints(&report, |l| l.starts_with("E: ") || l.starts_with("W: "), JUSTIFIED_LINTIAN_TAGS);
    assert!(found.is_empty(), "lintian:\n{}", found.join("\n"));

    // What it carries, unpacked as dpkg would.
    let root = tempfile::tempdir().unwrap();
    let (ok, out) = run("dpkg-deb", &["-x", path_str(&deb), path_str(root.path())]);
    assert!(ok, "{out}");
    let has = |p: &str| assert!(root.path().join(p).is_file(), "the package lacks /{p}");
    for p in [
        "usr/bin/creator-studio",
        "usr/bin/studio",
        "usr/share/man/man1/creator-studio.1.gz",
        "usr/share/man/man1/studio.1.gz",
        "usr/share/man/man1/studio-drafts.1.gz",
        "usr/share/man/man1/studio-export.1.gz",
        "usr/share/man/man1/studio-import.1.gz",
        "usr/share/bash-completion/completions/studio",
        "usr/share/zsh/vendor-completions/_studio",
        "usr/share/fish/vendor_completions.d/studio.fish",
        "usr/share/doc/creator-studio/copyright",
        "usr/share/doc/creator-studio/changelog.gz",
    ] {
        has(p);
    }
    for size in [16, 24, 32, 48, 64, 96, 128, 256, 512] {
        has(&format!("usr/share/icons/hicolor/{size}x{size}/apps/{ID}.png"));
    }
    let applications = root.path().join("usr/share/applications");
    let entries: Vec<String> = std::fs::read_dir(&applications)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(entries, vec![format!("{ID}.desktop")], "one desktop entry, named by the app identifier");

    let desktop = applications.join(format!("{ID}.desktop"));
    let (ok, out) = run("desktop-file-validate", &[path_str(&desktop)]);
    assert!(ok && out.trim().is_empty(), "desktop-file-validate:\n{out}");
    let entry = std::fs::read_to_string(&desktop).unwrap();
    for key in ["Name[zh_CN]=", "Comment[zh_CN]=", "Exec=creator-studio", &format!("Icon={ID}")] {
        assert!(entry.lines().any(|l| l.starts_with(key)), "the desktop entry lacks {key}\n{entry}");
    }

    // The unpacked programs work: the command writes a draft, the app shows it.
    let data = tempfile::tempdir().unwrap();
    let studio = root.path().join("usr/bin/studio");
    let made = Command::new(&studio)
        .args(["--data-dir", path_str(data.path()), "drafts", "create", "--title", "安装包里的草稿", "--json"])
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));

    let driver = Driver::start();
    let app = root.path().join("usr/bin/creator-studio");
    let s = driver.launch(&app, &["--data-dir", path_str(data.path())]);
    s.wait_for_text("[data-testid=draft-item-title]", "安装包里的草稿");
    s.quit();
}

#[test]
fn the_rpm_passes_rpmlint() {
    let rpm = installer(".rpm");
    // With the settings of the distributions it is for (see the file).
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../packaging/rpmlint.toml");
    let (_, report) = run("rpmlint", &["-c", path_str(&config), path_str(&rpm)]);
    let found = complaints(&report, |l| l.contains(": E: ") || l.contains(": W: "), JUSTIFIED_RPMLINT_CHECKS);
    assert!(found.is_empty(), "rpmlint:\n{}\n\n{report}", found.join("\n"));

    // The tray's library is loaded at run time, so the package names it.
    let (ok, requires) = run("rpm", &["-qpR", path_str(&rpm)]);
    assert!(ok, "{requires}");
    assert!(
        requires.lines().any(|l| l.starts_with("libayatana-appindicator3.so.1")),
        "the rpm does not require the tray's indicator library:\n{requires}"
    );

    let (ok, files) = run("rpm", &["-qlp", path_str(&rpm)]);
    assert!(ok, "{files}");
    for p in [
        "/usr/bin/creator-studio",
        "/usr/bin/studio",
        "/usr/share/man/man1/creator-studio.1.gz",
        "/usr/share/man/man1/studio.1.gz",
        &format!("/usr/share/applications/{ID}.desktop"),
    ] {
        assert!(files.lines().any(|l| l == p), "the rpm lacks {p}:\n{files}");
    }
}
