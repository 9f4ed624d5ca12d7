//! The `statetest` runner never reports success for work it did not do: a missing path, an
//! unknown option, a folder without fixtures, a filter that selects nothing, or a fork it
//! does not implement (or that `--fork` leaves out) is said plainly, with a non-zero exit status; a failure exits 1.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::Command;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures")
}

/// Runs the runner; returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_statetest"))
        .args(args)
        .output()
        .expect("runner starts");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("evmbox-runner-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

#[test]
fn a_passing_folder_exits_zero() {
    let p = fixtures().join("state/GeneralStateTests/stExample");
    let (code, out, _) = run(&[p.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "{out}");
    assert!(out.ends_with("passed, 0 failed, 0 skipped\n"), "{out}");
}

#[test]
fn usage_errors_exit_two_and_say_why() {
    let (code, _, err) = run(&["/no/such/path"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("/no/such/path: no such file or directory"),
        "{err}"
    );
    let (code, _, err) = run(&["--fliter", "x", "."]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown option --fliter"), "{err}");
    let (code, _, err) = run(&[]);
    assert_eq!(code, 2);
    assert!(err.contains("no PATH given"), "{err}");
    let empty = temp_dir("empty");
    let (code, _, err) = run(&[empty.to_str().expect("utf-8")]);
    assert_eq!(code, 2);
    assert!(err.contains("no .json fixture file"), "{err}");
}

#[test]
fn selecting_nothing_exits_two() {
    let p = fixtures().join("state/GeneralStateTests/stExample");
    let p = p.to_str().expect("utf-8");
    let (code, _, err) = run(&["--filter", "no-test-has-this-name", p]);
    assert_eq!(code, 2);
    assert!(err.contains("no test case selected"), "{err}");
    let (code, _, err) = run(&["--index", "999999", p]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn every_implemented_fork_runs_and_others_are_counted_skips() {
    // A fixture whose post-states are keyed by a fork evmbox lacks (written here from a
    // Cancun test with its post key renamed) is skipped, the fork named.
    let src = fixtures().join("state/GeneralStateTests/stExample/add11.json");
    let text = std::fs::read_to_string(src).expect("fixture");
    let d = temp_dir("berlin");
    std::fs::write(
        d.join("berlin.json"),
        text.replace("\"Cancun\"", "\"Berlin\""),
    )
    .expect("write");
    let (code, out, err) = run(&[d.to_str().expect("utf-8")]);
    assert!(out.contains("fork Berlin not supported"), "{out}");
    assert_eq!(code, 2, "nothing was run: {out}");
    assert!(err.contains("nothing was run"), "{err}");

    // Prague and Osaka post-states run, each counted on its own line.
    let p = fixtures()
        .join("state_osaka/eest-fusaka-devnet-5/state_tests/osaka/eip7883_modexp_gas_increase");
    let p = p.to_str().expect("utf-8");
    let (_, out, _) = run(&[p]);
    let line = |out: &str, fork: &str| out.lines().any(|l| l.starts_with(&format!("{fork}: ")));
    assert!(line(&out, "Osaka") && line(&out, "Prague"), "{out}");

    // --fork selects; the others are counted as not selected.
    let (_, out, _) = run(&["--fork", "prague", p]);
    assert!(out.contains("fork Osaka not selected"), "{out}");
    assert!(!line(&out, "Osaka") && line(&out, "Prague"), "{out}");
    let (code, _, err) = run(&["--fork", "berlin", p]);
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown fork \"berlin\" (known: cancun, prague, osaka)"),
        "{err}"
    );
}

#[test]
fn bad_files_and_failures_exit_one() {
    let d = temp_dir("bad");
    for (name, text) in [
        ("a.json", "{}"),
        ("b.json", "{\"t\": 5}"),
        ("c.json", "not json"),
    ] {
        std::fs::write(d.join(name), text).expect("write");
    }
    let (code, out, _) = run(&[d.to_str().expect("utf-8")]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("no tests in this file"), "{out}");
    assert!(out.contains("test \"t\" is not an object"), "{out}");
    assert!(out.contains("invalid JSON"), "{out}");
    assert!(out.contains("0 passed, 3 failed, 0 skipped"), "{out}");
}
