//! `chungnhan site --serve`: serves a folder on the loopback address, the way a static host
//! would, so a user can open a certificate's QR address with the host replaced before uploading
//! the site. GET and HEAD only; a folder without its slash is redirected to it (as nginx, Apache
//! and GitHub Pages do, keeping the #fragment); nothing outside the folder is ever served.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

/// Binds `127.0.0.1:port` (0: any free port).
pub fn bind(port: u16) -> std::io::Result<TcpListener> {
    TcpListener::bind(("127.0.0.1", port))
}

/// Serves `root` on `listener` until the process ends, one thread per connection.
pub fn serve(listener: TcpListener, root: PathBuf) -> std::io::Result<()> {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let root = root.clone();
        std::thread::spawn(move || {
            let _ = handle(stream, &root);
        });
    }
    Ok(())
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "png" => "image/png",
        "sig" | "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The file a request path names inside `root`, or `None` for anything that would leave it.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let mut p = root.to_path_buf();
    for c in Path::new(decoded.trim_start_matches('/')).components() {
        match c {
            Component::Normal(s) => p.push(s),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(p)
}

/// Whether `file`, with every symbolic link on its way resolved, still lies inside `root`: a
/// link in the folder that points outside it (at /etc/passwd, say) is never served.
fn inside(root: &Path, file: &Path) -> bool {
    matches!((file.canonicalize(), root.canonicalize()), (Ok(f), Ok(r)) if f.starts_with(&r))
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let h = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(h, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    let s = String::from_utf8(out).ok()?;
    (!s.contains('\0')).then_some(s)
}

fn handle(mut stream: TcpStream, root: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    // Drain the headers; nothing in them changes the answer.
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return respond(&mut stream, "405 Method Not Allowed", "text/plain", b"GET only\n", &[], method);
    }
    let path_part = target.split(['?', '#']).next().unwrap_or("/");
    let Some(mut file) = resolve(root, path_part) else {
        return respond(&mut stream, "400 Bad Request", "text/plain", b"bad path\n", &[], method);
    };
    if file.is_dir() {
        if !path_part.ends_with('/') {
            let location = format!("{path_part}/");
            return respond(
                &mut stream,
                "301 Moved Permanently",
                "text/plain",
                b"",
                &[("Location", &location)],
                method,
            );
        }
        file.push("index.html");
    }
    if std::fs::symlink_metadata(&file).is_ok() && !inside(root, &file) {
        return respond(&mut stream, "403 Forbidden", "text/plain", b"outside the site\n", &[], method);
    }
    match std::fs::read(&file) {
        Ok(body) => respond(&mut stream, "200 OK", content_type(&file), &body, &[], method),
        Err(_) => respond(&mut stream, "404 Not Found", "text/plain", b"not found\n", &[], method),
    }
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    extra: &[(&str, &str)],
    method: &str,
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\n\
         Referrer-Policy: no-referrer\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_leave_the_folder() {
        let root = Path::new("/srv/site");
        assert_eq!(resolve(root, "/c/index.html"), Some(root.join("c/index.html")));
        assert_eq!(
            resolve(root, "/.well-known/vncert/trust.json"),
            Some(root.join(".well-known/vncert/trust.json"))
        );
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/c/%2e%2e/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve(root, "/a%00b"), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_inside_the_folder_that_points_outside_is_not_inside() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("c")).unwrap();
        std::fs::write(root.join("c/index.html"), "page").unwrap();
        std::fs::write(tmp.path().join("secret"), "secret").unwrap();
        std::os::unix::fs::symlink(tmp.path().join("secret"), root.join("passwd")).unwrap();
        std::os::unix::fs::symlink(root.join("c/index.html"), root.join("alias.html")).unwrap();
        assert!(inside(&root, &root.join("c/index.html")));
        assert!(inside(&root, &root.join("alias.html")), "a link that stays inside is fine");
        assert!(!inside(&root, &root.join("passwd")));
    }
}
