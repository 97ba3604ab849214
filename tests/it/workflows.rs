//! The workflows as a library API (`chungnhan::run`), as a workbench or a web page calls them:
//! a typed request in, progress events out, a typed report back that serialises as JSON — the
//! same facts the command line prints.

use std::path::Path;
use std::sync::Mutex;

use chungnhan::run::progress::{Event, Events, NoProgress, Phase};
use chungnhan::run::{self, check, render, Input, Settings};

use crate::common::{chungnhan, issuer_vars, roster_fixture, temp_dir};

fn input(roster: &str) -> Input {
    Input {
        roster: roster_fixture(roster).into(),
        template: "giay-chung-nhan".into(),
        vars: Some(issuer_vars().into()),
        ..Default::default()
    }
}

fn today() -> chungnhan::viet::Date {
    chungnhan::viet::Date::new(2026, 12, 8).unwrap()
}

#[test]
fn check_called_as_a_function_reports_the_problems_the_command_line_prints() {
    let loaded = run::load(&input("bad_dates.csv"), today()).unwrap();
    let report = check::check(&check::CheckRequest { loaded: &loaded, jobs: Some(2) }, &NoProgress).unwrap();
    assert!(!report.clean());
    let json = serde_json::to_value(&report).unwrap();
    let problems = json["problems"].as_array().unwrap();
    assert!(!problems.is_empty());
    // Each problem says where: the record, its line and the column.
    assert_eq!(problems[0]["record"], 1);
    assert_eq!(problems[0]["line"], 2);
    assert_eq!(problems[0]["column"], "ngay_sinh");
    assert!(problems[0]["message"].as_str().unwrap().contains("31/02/1980"), "{}", problems[0]);
    // The command line finds the very same problems.
    let dir = temp_dir("workflows-check");
    let cli = chungnhan(
        &dir,
        &["check", "--roster", &roster_fixture("bad_dates.csv"), "--vars", issuer_vars(), "--format", "json"],
    );
    cli.assert_code(2);
    let printed: serde_json::Value = serde_json::from_str(&cli.stdout).unwrap();
    assert_eq!(printed["problems"].as_array().unwrap().len(), problems.len());
    assert_eq!(printed["invalid"], json["invalid"]);
}

#[test]
fn render_streams_its_progress_as_events_a_page_can_show() {
    let dir = temp_dir("workflows-render");
    let loaded = run::load(&input("tray_of_twenty.csv"), today()).unwrap();
    let events = Mutex::new(Vec::new());
    let progress = Events(|e| events.lock().unwrap().push(e));
    let request = render::RenderRequest {
        loaded,
        settings: Settings { jobs: Some(2), ..Default::default() },
        grid: false,
        out: Some(dir.join("nhap")),
        merged: None,
    };
    let report = render::render(request, &progress).unwrap();
    let written = report.written.as_ref().expect("nothing missing: written");
    assert_eq!(written.files(), 20);
    assert_eq!(crate::common::files_in(&dir.join("nhap")).len(), 20);
    let events = events.into_inner().unwrap();
    // Every record checked before any file is written, each phase closed before the next.
    let starts: Vec<(Phase, usize)> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start { phase, total } => Some((*phase, *total)),
            _ => None,
        })
        .collect();
    assert_eq!(starts.first(), Some(&(Phase::Checking, 20)));
    assert!(starts.contains(&(Phase::Writing, 20)), "{starts:?}");
    let advances = events.iter().filter(|e| matches!(e, Event::Advance)).count();
    assert_eq!(advances, starts.iter().map(|(_, n)| n).sum::<usize>());
    assert_eq!(events.iter().filter(|e| matches!(e, Event::Finish)).count(), starts.len());
    assert_eq!(
        serde_json::to_string(&events[0]).unwrap(),
        r#"{"event":"start","phase":"checking","total":20}"#
    );
    // The report says what was written, as JSON too.
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["written"]["written"], 20);
    assert_eq!(json["variables"]["missing"].as_array().unwrap().len(), 0);
}

#[test]
fn render_without_a_required_variable_writes_nothing_and_says_which() {
    let dir = temp_dir("workflows-render-refused");
    let loaded = run::load(&Input { vars: None, ..input("tray_of_twenty.csv") }, today()).unwrap();
    let request = render::RenderRequest {
        loaded,
        settings: Settings::default(),
        grid: false,
        out: Some(dir.join("nhap")),
        merged: None,
    };
    let report = render::render(request, &NoProgress).unwrap();
    assert!(report.written.is_none());
    assert!(report.variables.missing.iter().any(|v| v.name == "chuong_trinh"), "{:?}", report.variables);
    assert!(!Path::new(&dir.join("nhap")).exists());
}

#[test]
fn revoke_and_verify_called_as_functions_agree_with_the_command_line() {
    let dir = temp_dir("workflows-revoke");
    let roster = "stt,ho_ten,ngay_sinh\n1,Nguyễn Văn Ẩn,01/01/1970\n2,Trần Thị Bảo,02/02/1971\n";
    let issued = crate::common::issue_with_fresh_keys(&dir, "Trung tâm Thử", "xacthuc.thu.vn", roster);
    let (name, qr) = issued[0].clone();
    assert_eq!(name, "Nguyễn Văn Ẩn");
    let register = dir.join("chungnhan.sqlite");
    let keys = dir.join("keys");
    // The serial the register gave the first certificate, as `register find` shows it.
    let found = chungnhan(&dir, &["register", "find", "nguyen van an"]);
    found.assert_code(0);
    let serial = found.stdout.split_whitespace().next().unwrap().to_string();
    let waited = Mutex::new(0);
    let report = run::revoke::revoke(&run::revoke::RevokeRequest {
        serial: &serial,
        register: &register,
        keys: &keys,
        root_key: None,
        reason: "issued_in_error",
        decision: Some("Quyết định số 12"),
        change_reason: false,
        today: today(),
        waiting: &|_| *waited.lock().unwrap() += 1,
    })
    .unwrap();
    assert_eq!(*waited.lock().unwrap(), 0);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["outcome"]["outcome"], "revoked");
    assert_eq!(json["entry"]["holder_name"], "Nguyễn Văn Ẩn");
    assert_eq!(json["revocations"]["written"], true);
    assert_eq!(json["revocations"]["entries"], 1);
    // The library's verdict on the scanned code…
    let trust = run::trust::TrustRequest::manifests(vec![keys.clone()], today());
    let verified =
        run::verify::verify(&run::verify::VerifyRequest { input: &qr, trust, read_page: None }).unwrap();
    assert_eq!(verified.report.verdict.exit_code(), 3);
    let json = serde_json::to_value(&verified).unwrap();
    assert_eq!(json["report"]["verdict"], "revoked");
    // …is the command line's.
    let cli = chungnhan(&dir, &["verify", &qr, "--trust", "keys", "--state", "state", "--json"]);
    cli.assert_code(3);
    let printed: serde_json::Value = serde_json::from_str(&cli.stdout).unwrap();
    assert_eq!(printed["verdict"], "revoked");
    // The second certificate is still valid.
    let trust = run::trust::TrustRequest::manifests(vec![keys], today());
    let other =
        run::verify::verify(&run::verify::VerifyRequest { input: &issued[1].1, trust, read_page: None });
    assert_eq!(other.unwrap().report.verdict.exit_code(), 0);
}
