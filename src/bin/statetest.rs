//! `statetest`: runs state-test JSON files (ethereum/tests GeneralStateTests, EEST state
//! tests) for every post-state of the forks evmbox implements: Cancun, Prague and Osaka.
//!
//! Usage: statetest [--fork NAME] [--filter NAME] [--json] [--trace] [--index N]
//! [--min-pass N] PATH...
//! Every `.json` file under each PATH (recursively) is run. One line is printed per failure,
//! then one per skip reason (post-states of other forks, or of forks `--fork` leaves out,
//! are counted as skipped, the fork named), then one count line per fork run, then
//! `N passed, N failed, N skipped`.
//!
//! Exit status: 0 if every selected case passed or was skipped; 1 if any failed (or fewer
//! than `--min-pass` passed); 2 for a usage error, a PATH that does not exist, no fixture
//! file under the PATHs, no case selected by `--filter`/`--index`, or every selected case
//! skipped.

use evmbox::statetest::{run_file, CaseResult, Selection, Verdict};
use evmbox::Fork;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

struct Args {
    paths: Vec<PathBuf>,
    fork: Option<Fork>,
    filter: Option<String>,
    json: bool,
    trace: bool,
    index: Option<usize>,
    min_pass: Option<usize>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        paths: Vec::new(),
        fork: None,
        filter: None,
        json: false,
        trace: false,
        index: None,
        min_pass: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(x) = it.next() {
        let mut val = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match x.as_str() {
            "--filter" => a.filter = Some(val("--filter")?),
            "--fork" => a.fork = Some(Fork::from_name(&val("--fork")?).map_err(|e| format!("--fork: {e}"))?),
            "--json" => a.json = true,
            "--trace" => a.trace = true,
            "--index" => a.index = Some(val("--index")?.parse().map_err(|e| format!("--index: {e}"))?),
            "--min-pass" => {
                a.min_pass = Some(val("--min-pass")?.parse().map_err(|e| format!("--min-pass: {e}"))?)
            }
            "-h" | "--help" => {
                return Err("usage: statetest [--fork NAME] [--filter NAME] [--json] [--trace] [--index N] [--min-pass N] PATH...".into())
            }
            flag if flag.starts_with('-') => {
                return Err(format!(
                    "unknown option {flag} (options: --fork NAME, --filter NAME, --index N, --json, --trace, --min-pass N)"
                ))
            }
            p => a.paths.push(PathBuf::from(p)),
        }
    }
    if a.paths.is_empty() {
        return Err("no PATH given".into());
    }
    Ok(a)
}

fn collect(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(p)
            .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        entries.sort();
        for e in entries {
            collect(&e, out);
        }
    } else if p.extension().is_some_and(|e| e == "json") {
        out.push(p.to_path_buf());
    }
}

fn json_str(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// Prints `msg` and exits with status 2 (usage error or nothing to run).
fn usage_error(msg: &str) -> ! {
    eprintln!("statetest: {msg}");
    std::process::exit(2);
}

fn main() {
    let args = parse_args().unwrap_or_else(|e| usage_error(&e));
    let mut files = Vec::new();
    for p in &args.paths {
        if !p.exists() {
            usage_error(&format!("{}: no such file or directory", p.display()));
        }
        collect(p, &mut files);
    }
    if files.is_empty() {
        usage_error("no .json fixture file under the given paths");
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, Vec<CaseResult>)>> = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|sc| {
        for _ in 0..threads {
            sc.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                let r = std::panic::catch_unwind(|| {
                    let text =
                        std::fs::read_to_string(path).map_err(|e| format!("unreadable: {e}"))?;
                    let sel = Selection {
                        filter: args.filter.as_deref(),
                        fork: args.fork,
                        trace: args.trace,
                    };
                    run_file(&text, &sel)
                });
                let cases = match r {
                    Ok(Ok(c)) => c,
                    Ok(Err(e)) => vec![CaseResult {
                        test: "(file)".into(),
                        fork: String::new(),
                        index: 0,
                        verdict: Verdict::Fail(e),
                        trace: Vec::new(),
                    }],
                    Err(_) => vec![CaseResult {
                        test: "(file)".into(),
                        fork: String::new(),
                        index: 0,
                        verdict: Verdict::Fail("PANIC while running this file".into()),
                        trace: Vec::new(),
                    }],
                };
                if let Ok(mut g) = results.lock() {
                    g.push((i, cases));
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by_key(|(i, _)| *i);
    let (mut pass, mut fail, mut skip) = (0usize, 0usize, 0usize);
    let mut skip_reasons: std::collections::BTreeMap<String, usize> = Default::default();
    // Per fork run: passed, failed.
    let mut per_fork: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    let mut json_rows = Vec::new();
    for (i, cases) in &results {
        let file = files[*i].display().to_string();
        for c in cases {
            if args.index.is_some_and(|n| n != c.index) {
                continue;
            }
            if args.trace {
                for l in &c.trace {
                    println!("{l}");
                }
            }
            let (kind, why) = match &c.verdict {
                Verdict::Pass => {
                    pass += 1;
                    per_fork.entry(c.fork.clone()).or_default().0 += 1;
                    ("pass", String::new())
                }
                Verdict::Fail(w) => {
                    fail += 1;
                    per_fork.entry(c.fork.clone()).or_default().1 += 1;
                    if !args.json {
                        println!("FAIL {file} {} {} #{}: {w}", c.test, c.fork, c.index);
                    }
                    ("fail", w.clone())
                }
                Verdict::Skip(w) => {
                    skip += 1;
                    *skip_reasons.entry(w.clone()).or_default() += 1;
                    ("skip", w.clone())
                }
            };
            if args.json {
                json_rows.push(format!(
                    "{{\"file\":{},\"test\":{},\"fork\":{},\"index\":{},\"result\":\"{kind}\",\"reason\":{}}}",
                    json_str(&file),
                    json_str(&c.test),
                    json_str(&c.fork),
                    c.index,
                    json_str(&why)
                ));
            }
        }
    }
    if args.json {
        println!("[{}]", json_rows.join(",\n"));
    } else {
        for (why, n) in &skip_reasons {
            println!("SKIP {n} case(s): {why}");
        }
        for (fork, (p, f)) in per_fork.iter().filter(|(f, _)| !f.is_empty()) {
            println!("{fork}: {p} passed, {f} failed");
        }
    }
    let summary = format!("{pass} passed, {fail} failed, {skip} skipped");
    if args.json {
        eprintln!("{summary}");
    } else {
        println!("{summary}");
    }
    if pass + fail + skip == 0 {
        usage_error("no test case selected (check --filter and --index)");
    }
    if pass + fail == 0 {
        usage_error("nothing was run: every selected case was skipped (see the SKIP lines)");
    }
    if let Some(min) = args.min_pass {
        if pass < min {
            eprintln!("pass count {pass} is below the recorded minimum {min}");
            std::process::exit(1);
        }
    }
    if fail > 0 {
        std::process::exit(1);
    }
}
