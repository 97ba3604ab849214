//! Rendering a PDF page from anyone, in a child process held to a budget.
//!
//! A PDF is a program: a 2 KB file of nested forms, each drawing the next ten times, keeps a
//! renderer busy for minutes and growing past gigabytes, and no renderer in this process can be
//! stopped or capped from outside. So `verify` runs the render in a child process of its own
//! binary (`chungnhan __scan-pdf-page`), which caps its own address space at
//! [`scan::RENDER_MEMORY_BYTES`] before touching the file, and the parent kills it after
//! [`scan::RENDER_SECONDS`]. Past either budget the page counts as unreadable: the copy of the
//! code stored in the file's metadata is used if there is one, else "no code found", naming
//! the limit.

use std::io::{Read, Write};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use crate::seal::scan::{self, ScanError};

/// The parent's side: runs the child on `bytes` and reads what it found.
pub fn read_page_isolated(bytes: &[u8], dpi: f32) -> Result<Option<String>, ScanError> {
    let exe = std::env::current_exe()
        .map_err(|e| ScanError::Pdf(crate::t!("scan-renderer-failed", cause = e.to_string())))?;
    let mut child = Command::new(exe)
        .args(["__scan-pdf-page", "--dpi", &dpi.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| ScanError::Pdf(crate::t!("scan-renderer-failed", cause = e.to_string())))?;
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
        if let Some(status) = child.try_wait().map_err(|e| ScanError::Pdf(e.to_string()))? {
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
        None => Err(ScanError::TooLarge(format!(
            "rendering the page took longer than {} s, the limit for a certificate page",
            scan::RENDER_SECONDS
        ))),
        Some(s) if s.success() => Ok(Some(out.trim().to_string()).filter(|t| !t.is_empty())),
        Some(s) if s.code() == Some(i32::from(CHILD_UNREADABLE)) => {
            Err(ScanError::Pdf(err.trim().to_string()))
        }
        // Killed by a signal (an allocation past the cap aborts) or failed otherwise.
        Some(_) => Err(ScanError::TooLarge(format!(
            "rendering the page needed more than {} MiB of memory, the limit for a certificate page",
            scan::RENDER_MEMORY_BYTES / (1024 * 1024)
        ))),
    }
}

/// The child's exit code for a PDF that is not readable at all (its reason on stderr).
const CHILD_UNREADABLE: u8 = 3;

/// The child's side: caps its memory, reads the PDF from standard input, prints the code.
pub fn scan_pdf_page_child(dpi: f32) -> ExitCode {
    cap_memory(scan::RENDER_MEMORY_BYTES);
    let mut bytes = Vec::new();
    if std::io::stdin().read_to_end(&mut bytes).is_err() {
        return ExitCode::from(CHILD_UNREADABLE);
    }
    match scan::read_page_here(&bytes, dpi) {
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
