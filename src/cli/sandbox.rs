//! Reading a PDF page or an image from anyone, in a child process held to a budget.
//!
//! A PDF is a program: a 2 KB file of nested forms, each drawing the next ten times, keeps a
//! renderer busy for minutes and growing past gigabytes; a 14 KB PNG tiled with QR finder
//! patterns keeps the code finder busy for minutes too. Nothing in this process can be stopped
//! or capped from outside. So `verify` reads either in a child process of its own binary
//! (`chungnhan __scan-pdf-page`, `chungnhan __scan-image`), which caps its own address space at
//! [`scan::RENDER_MEMORY_BYTES`] before touching the file, and the parent kills it after
//! [`scan::RENDER_SECONDS`]. Past either budget the input counts as unreadable: for a PDF the
//! copy of the code stored in the file's metadata is used if there is one, else "no code
//! found", naming the limit.

use std::io::{Read, Write};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use crate::seal::scan::{self, Job, ScanError};
use crate::util::diag::{Arg, Message};

/// The parent's side: runs the child on `bytes` and reads what it found.
pub fn read_isolated(bytes: &[u8], job: Job) -> Result<Option<String>, ScanError> {
    let exe = std::env::current_exe().map_err(|e| {
        ScanError::Pdf(Message::new("scan-renderer-failed").arg("cause", e.to_string()).into())
    })?;
    let args = match job {
        Job::PdfPage { dpi } => vec!["__scan-pdf-page".to_string(), "--dpi".into(), dpi.to_string()],
        Job::Image => vec!["__scan-image".to_string()],
    };
    let what = match job {
        Job::PdfPage { .. } => Message::new("scan-what-pdf"),
        Job::Image => Message::new("scan-what-image"),
    };
    let mut child = Command::new(exe)
        .args(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            ScanError::Pdf(Message::new("scan-renderer-failed").arg("cause", e.to_string()).into())
        })?;
    // Fed from a thread: a child that stops reading must not block the parent's clock.
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = bytes.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let (mut stdout, mut stderr) =
        (child.stdout.take().expect("stdout is piped"), child.stderr.take().expect("stderr is piped"));
    let readers = std::thread::spawn(move || {
        let (mut out, mut err) = (String::new(), String::new());
        let _ = stdout.read_to_string(&mut out);
        let _ = stderr.read_to_string(&mut err);
        (out, err)
    });
    let deadline = Instant::now() + Duration::from_secs(scan::RENDER_SECONDS);
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| ScanError::Pdf(Arg::Text(e.to_string())))? {
            break Some(status);
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let _ = feeder.join();
    let (out, err) = readers.join().unwrap_or_default();
    match status {
        None => Err(ScanError::TooLarge(
            Message::new("scan-over-time").arg("what", what).arg("seconds", scan::RENDER_SECONDS),
        )),
        Some(s) if s.success() => Ok(Some(out.trim().to_string()).filter(|t| !t.is_empty())),
        Some(s) if s.code() == Some(i32::from(CHILD_UNREADABLE)) => {
            Err(ScanError::Pdf(Arg::Text(err.trim().to_string())))
        }
        // Killed by a signal (an allocation past the cap aborts) or failed otherwise.
        Some(_) => Err(ScanError::TooLarge(
            Message::new("scan-over-memory")
                .arg("what", what)
                .arg("mib", scan::RENDER_MEMORY_BYTES / (1024 * 1024)),
        )),
    }
}

/// The child's exit code for a PDF that is not readable at all (its reason on stderr).
const CHILD_UNREADABLE: u8 = 3;

/// The child's side: caps its memory, reads the PDF or image from standard input, prints the
/// code.
pub fn scan_child(job: Job) -> ExitCode {
    cap_memory(scan::RENDER_MEMORY_BYTES);
    let mut bytes = Vec::new();
    if std::io::stdin().read_to_end(&mut bytes).is_err() {
        return ExitCode::from(CHILD_UNREADABLE);
    }
    match scan::read_here(&bytes, job) {
        Ok(Some(text)) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Ok(None) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(CHILD_UNREADABLE)
        }
    }
}

/// Limits this process's address space (the child's own, set before it reads anything).
#[cfg(unix)]
fn cap_memory(bytes: u64) {
    let limit = libc::rlimit { rlim_cur: bytes as libc::rlim_t, rlim_max: bytes as libc::rlim_t };
    // SAFETY: setrlimit only reads the struct passed by reference; it has no other effect on
    // memory this program uses.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &limit);
    }
}

#[cfg(not(unix))]
fn cap_memory(_bytes: u64) {}
