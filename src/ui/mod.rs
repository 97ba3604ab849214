//! `chungnhan ui`: the workbench, the whole job in a browser for the clerk who issues (issue 30).
//!
//! In: a working folder (rosters, vars files, templates, the keys folder, the register), the
//! keys folder and register given, a port. Out: a local web application served on
//! `127.0.0.1` by `tiny_http` (sync, one thread per request, no hand-made HTTP parsing), whose
//! page (`page/`, compiled in) calls the JSON routes below; every call into the library is in
//! [`actions`], so that the workflows can be rewired in one file.
//!
//! Safety on a shared office PC (issue 30, item 9), checked before any route runs ([`guard`]):
//! only the loopback address; a random token (256 bits from the system's generator) on every
//! request (the address printed carries it once, then a `SameSite=Strict`, `HttpOnly` cookie);
//! a `Host` other than `127.0.0.1:PORT` or `localhost:PORT` refused (DNS rebinding); a request
//! from another origin refused (`Origin`, `Sec-Fetch-Site`); a path from the page is a name
//! inside the working folder, never outside it (`paths`); bodies within the CLI's budgets;
//! the private key is read only by the issuing child process and never sent.

pub mod actions;
pub mod designer;
mod paths;
mod raster;
pub mod texts;

use std::io::Read;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::l10n::Lang;

/// How `chungnhan ui` was started.
#[derive(Debug, Clone)]
pub struct Options {
    /// The working folder.
    pub folder: PathBuf,
    /// The keys folder (default `FOLDER/khoa`).
    pub keys: PathBuf,
    /// The register (default `FOLDER/chungnhan.sqlite`).
    pub register: PathBuf,
    /// The port (0: any free one).
    pub port: u16,
    /// The language of the page.
    pub lang: Lang,
}

/// The server's state, shared by the request threads.
pub struct State {
    /// How it was started, with the folder made absolute.
    pub opts: Options,
    /// The port actually bound.
    pub port: u16,
    token: String,
    /// The roster being worked on (with its template and variables), if any.
    pub session: Mutex<Option<actions::Session>>,
    /// The issue run going on or last finished (it keeps going when the tab is closed).
    pub job: Arc<Mutex<Option<actions::Job>>>,
}

/// A reply to one request.
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// Content type.
    pub content_type: &'static str,
    /// Body.
    pub body: Vec<u8>,
    /// More headers (name, value).
    pub headers: Vec<(String, String)>,
}

impl Reply {
    /// A JSON body with status 200.
    pub fn json(value: serde_json::Value) -> Reply {
        Reply::json_status(200, value)
    }

    /// A JSON body.
    pub fn json_status(status: u16, value: serde_json::Value) -> Reply {
        Reply {
            status,
            content_type: "application/json; charset=utf-8",
            body: value.to_string().into_bytes(),
            headers: vec![],
        }
    }

    /// A refusal or failure worded from the catalogue: `{"error": words, "hint": words}`.
    pub fn error(status: u16, message: String, hint: Option<String>) -> Reply {
        Reply::json_status(status, serde_json::json!({ "error": message, "hint": hint }))
    }

    /// Bytes of a type.
    pub fn bytes(content_type: &'static str, body: Vec<u8>) -> Reply {
        Reply { status: 200, content_type, body, headers: vec![] }
    }
}

/// One request as the routes see it: method, path, query (decoded) and body.
pub struct Req {
    /// GET or POST.
    pub method: String,
    /// The path without the query.
    pub path: String,
    /// The query's pairs, percent-decoded.
    pub query: Vec<(String, String)>,
    /// The body (within [`MAX_BODY_BYTES`]).
    pub body: Vec<u8>,
}

impl Req {
    /// A query value.
    pub fn q(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The body as JSON (`null` when it is not).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// A route: method, path, handler.
pub type Route = (&'static str, &'static str, fn(&State, &Req) -> Reply);

/// Every route of the workbench. The template designer (`designer.rs`) adds its own table
/// here with one line: `.chain(designer::ROUTES.iter())`.
fn routes() -> impl Iterator<Item = &'static Route> {
    actions::ROUTES.iter().chain(designer::ROUTES.iter())
}

/// The page's files, compiled in: no Node build step, nothing read from disk.
const INDEX_HTML: &str = include_str!("page/index.html");
const APP_JS: &str = include_str!("page/app.js");
const STYLE_CSS: &str = include_str!("page/style.css");

/// The largest request body: a roster as large as the CLI reads (`input::roster::MAX_FILE_BYTES`)
/// or a file to verify (`seal::verify::MAX_INPUT_BYTES`), whichever is larger.
pub const MAX_BODY_BYTES: u64 = {
    let (a, b) = (crate::input::roster::MAX_FILE_BYTES, crate::seal::verify::MAX_INPUT_BYTES);
    if a > b {
        a
    } else {
        b
    }
};

/// Why the workbench could not start.
#[derive(Debug, thiserror::Error)]
pub enum UiError {
    /// The port could not be bound.
    #[error("{}", crate::t!("ui-err-listen", port = .port, cause = .cause.as_str()))]
    Listen {
        /// The port asked for.
        port: u16,
        /// What the system said.
        cause: String,
    },
    /// The folder is not a folder.
    #[error("{}", crate::t!("ui-err-folder", folder = .0.display().to_string()))]
    Folder(PathBuf),
    /// The system's random generator failed.
    #[error("{}", crate::t!("ui-err-random"))]
    Random,
}

/// Binds the server: returns the state and the server, so that the caller can print the address
/// before serving.
pub fn bind(mut opts: Options) -> Result<(Arc<State>, tiny_http::Server), UiError> {
    opts.folder = opts.folder.canonicalize().map_err(|_| UiError::Folder(opts.folder.clone()))?;
    if !opts.folder.is_dir() {
        return Err(UiError::Folder(opts.folder));
    }
    let server = tiny_http::Server::http(("127.0.0.1", opts.port))
        .map_err(|e| UiError::Listen { port: opts.port, cause: e.to_string() })?;
    let port = server.server_addr().to_ip().map(|a| a.port()).unwrap_or(opts.port);
    let mut raw = [0u8; 32];
    getrandom::fill(&mut raw).map_err(|_| UiError::Random)?;
    let token = raw.iter().map(|b| format!("{b:02x}")).collect();
    let state = State { opts, port, token, session: Mutex::new(None), job: Arc::new(Mutex::new(None)) };
    Ok((Arc::new(state), server))
}

impl State {
    /// The address to open, with the token.
    pub fn address(&self) -> String {
        format!("http://127.0.0.1:{}/?t={}", self.port, self.token)
    }
}

/// Serves until the process ends, one thread per request (an issue run goes on in its own
/// thread, so a slow request never holds the others).
pub fn serve(state: Arc<State>, server: tiny_http::Server) {
    for request in server.incoming_requests() {
        let state = Arc::clone(&state);
        std::thread::spawn(move || handle(&state, request));
    }
}

fn header<'a>(req: &'a tiny_http::Request, name: &'static str) -> Option<&'a str> {
    req.headers().iter().find(|h| h.field.equiv(name)).map(|h| h.value.as_str())
}

/// What a request is refused for, before any route sees it.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The Host is not this server's loopback address (DNS rebinding).
    Host,
    /// Another origin sent it.
    Origin,
    /// No token, or a wrong one.
    Token,
}

/// Checks Host, origin and token. `Ok(true)` when the token came in the address (the first
/// load), which then becomes the cookie.
pub fn guard(
    port: u16,
    token: &str,
    host: Option<&str>,
    origin: Option<&str>,
    fetch_site: Option<&str>,
    cookie: Option<&str>,
    query_token: Option<&str>,
) -> Result<bool, Refusal> {
    let ours = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    if !host.is_some_and(|h| ours.iter().any(|o| o.eq_ignore_ascii_case(h.trim()))) {
        return Err(Refusal::Host);
    }
    if let Some(o) = origin {
        let o = o.trim();
        if !ours.iter().any(|h| o.eq_ignore_ascii_case(&format!("http://{h}"))) {
            return Err(Refusal::Origin);
        }
    }
    if let Some(s) = fetch_site {
        if !matches!(s.trim(), "same-origin" | "none") {
            return Err(Refusal::Origin);
        }
    }
    let from_cookie = cookie.into_iter().flat_map(|c| c.split(';')).find_map(|kv| {
        let (k, v) = kv.trim().split_once('=')?;
        (k == COOKIE).then_some(v)
    });
    if from_cookie.is_some_and(|c| same(c, token)) {
        return Ok(false);
    }
    if query_token.is_some_and(|q| same(q, token)) {
        return Ok(true);
    }
    Err(Refusal::Token)
}

/// The cookie that carries the token after the first load.
const COOKIE: &str = "chungnhan_ui";

/// Compares in time independent of where the strings differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn handle(state: &State, mut request: tiny_http::Request) {
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((url.as_str(), ""));
    let query = paths::parse_query(query);
    let qt = query.iter().find(|(k, _)| k == "t").map(|(_, v)| v.as_str());
    let verdict = guard(
        state.port,
        &state.token,
        header(&request, "Host"),
        header(&request, "Origin"),
        header(&request, "Sec-Fetch-Site"),
        header(&request, "Cookie"),
        qt,
    );
    let reply = match verdict {
        Err(r) => {
            let id = match r {
                Refusal::Host => "ui-refused-host",
                Refusal::Origin => "ui-refused-origin",
                Refusal::Token => "ui-refused-token",
            };
            Reply::error(403, crate::l10n::tr(id, &[]), None)
        }
        Ok(true) => {
            // The token came in the address: it becomes the cookie, and the address loses it
            // (so that it does not stay in the history or get copied with the address).
            let mut r = Reply::bytes("text/plain; charset=utf-8", Vec::new());
            r.status = 303;
            r.headers.push(("Location".into(), "/".into()));
            r.headers.push((
                "Set-Cookie".into(),
                format!("{COOKIE}={}; Path=/; HttpOnly; SameSite=Strict", state.token),
            ));
            r
        }
        Ok(false) => {
            let method = request.method().as_str().to_ascii_uppercase();
            let too_big = request.body_length().is_some_and(|n| n as u64 > MAX_BODY_BYTES);
            let mut body = Vec::new();
            let read = request.as_reader().take(MAX_BODY_BYTES + 1).read_to_end(&mut body);
            if too_big || body.len() as u64 > MAX_BODY_BYTES {
                Reply::error(413, crate::t!("ui-too-large", mib = MAX_BODY_BYTES / (1024 * 1024)), None)
            } else if read.is_err() {
                Reply::error(400, crate::t!("ui-bad-request"), None)
            } else {
                let req = Req { method, path: path.to_string(), query, body };
                dispatch(state, &req)
            }
        }
    };
    let mut response = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
    let mut headers = vec![
        ("Content-Type".to_string(), reply.content_type.to_string()),
        ("Cache-Control".into(), "no-store".into()),
        ("X-Content-Type-Options".into(), "nosniff".into()),
        ("Referrer-Policy".into(), "no-referrer".into()),
        ("X-Frame-Options".into(), "DENY".into()),
        (
            "Content-Security-Policy".into(),
            "default-src 'self'; img-src 'self' data: blob:; frame-ancestors 'none'; form-action 'self'"
                .into(),
        ),
    ];
    headers.extend(reply.headers);
    for (k, v) in headers {
        if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            response.add_header(h);
        }
    }
    let _ = request.respond(response);
}

fn dispatch(state: &State, req: &Req) -> Reply {
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", "/") => Reply::bytes("text/html; charset=utf-8", INDEX_HTML.as_bytes().to_vec()),
        ("GET", "/app.js") => Reply::bytes("text/javascript; charset=utf-8", APP_JS.as_bytes().to_vec()),
        ("GET", "/style.css") => Reply::bytes("text/css; charset=utf-8", STYLE_CSS.as_bytes().to_vec()),
        ("GET", "/texts.json") => Reply::json(texts::json(state.opts.lang)),
        (m, p) => match routes().find(|(rm, rp, _)| *rm == m && *rp == p) {
            Some((_, _, f)) => f(state, req),
            None => Reply::error(404, crate::t!("ui-not-found"), None),
        },
    }
}

/// The `--lang` value of a language.
pub fn lang_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    }
}

/// Opens `address` in the default browser (xdg-open, open, or start), without waiting.
pub fn open_browser(address: &str) -> bool {
    let mut cmd = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", "", address]);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = std::process::Command::new("open");
        c.arg(address);
        c
    } else {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(address);
        c
    };
    cmd.stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "abc123";

    fn g(
        host: Option<&str>,
        origin: Option<&str>,
        site: Option<&str>,
        cookie: Option<&str>,
        q: Option<&str>,
    ) -> Result<bool, Refusal> {
        guard(8123, T, host, origin, site, cookie, q)
    }

    #[test]
    fn the_token_is_needed_in_the_address_or_the_cookie() {
        assert_eq!(g(Some("127.0.0.1:8123"), None, None, None, None), Err(Refusal::Token));
        assert_eq!(g(Some("127.0.0.1:8123"), None, None, None, Some("abc124")), Err(Refusal::Token));
        assert_eq!(g(Some("127.0.0.1:8123"), None, None, None, Some(T)), Ok(true));
        assert_eq!(g(Some("localhost:8123"), None, None, Some("x=1; chungnhan_ui=abc123"), None), Ok(false));
    }

    #[test]
    fn another_host_or_origin_is_refused_even_with_the_token() {
        let c = Some("chungnhan_ui=abc123");
        assert_eq!(g(Some("evil.example:8123"), None, None, c, None), Err(Refusal::Host));
        assert_eq!(g(Some("127.0.0.1:9999"), None, None, c, None), Err(Refusal::Host));
        assert_eq!(g(None, None, None, c, None), Err(Refusal::Host));
        assert_eq!(
            g(Some("127.0.0.1:8123"), Some("http://evil.example"), None, c, None),
            Err(Refusal::Origin)
        );
        assert_eq!(g(Some("127.0.0.1:8123"), None, Some("cross-site"), c, None), Err(Refusal::Origin));
        assert_eq!(
            g(Some("127.0.0.1:8123"), Some("http://127.0.0.1:8123"), Some("same-origin"), c, None),
            Ok(false)
        );
    }
}
