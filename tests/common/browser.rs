//! A small Chrome DevTools Protocol client over `--remote-debugging-pipe`, for tests that drive
//! Debian's Chromium headless the way a person does: find controls by their accessible names
//! (the accessibility tree Chromium gives a screen reader), click, type, drop files, drag with
//! real mouse events, read text, take screenshots.
//!
//! Chromium reads commands from file descriptor 3 and writes answers and events to 4, each a
//! JSON object ended by a NUL byte. No crate, no WebSocket, no port: the pipes are the child's
//! own, so nothing else on the machine can drive it.
//!
//! [`Browser::launch`] returns `None` when Chromium is not installed (the test then skips,
//! unless `CHUNGNHAN_REQUIRE_TOOLS` is set: see [`super::have`]).

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// The Chromium binary Debian installs.
fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"].into_iter().find(|c| super::have(c))
}

/// A headless Chromium driven over its pipes.
pub struct Browser {
    child: Child,
    to: std::fs::File,
    from: Receiver<Value>,
    next_id: u64,
    /// Events received while waiting for answers, oldest first.
    pub events: Vec<Value>,
    profile: PathBuf,
}

/// A page (a target attached in flat mode: commands carry its session id).
pub struct Page<'b> {
    browser: &'b mut Browser,
    session: String,
}

/// An element found in the accessibility tree.
#[derive(Debug, Clone)]
pub struct Node {
    /// Its role (`button`, `textbox`, `image`…).
    pub role: String,
    /// Its accessible name.
    pub name: String,
    backend: i64,
}

fn pipe() -> (OwnedFd, OwnedFd) {
    let mut fds = [0; 2];
    // SAFETY: `fds` is a valid array of two ints for pipe(2) to fill.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0, "pipe");
    // SAFETY: pipe(2) succeeded, both descriptors are open and owned by nobody else.
    unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) }
}

impl Browser {
    /// Starts Chromium headless with a fresh profile in `dir`, window `width`×`height`; `None`
    /// when it is not installed.
    pub fn launch(dir: &Path, width: u32, height: u32) -> Option<Browser> {
        let exe = chromium()?;
        let profile = dir.join("chromium-profile");
        std::fs::create_dir_all(&profile).unwrap();
        let (cmd_read, cmd_write) = pipe();
        let (ans_read, ans_write) = pipe();
        use std::os::fd::AsRawFd;
        let (r3, w4) = (cmd_read.as_raw_fd(), ans_write.as_raw_fd());
        let mut cmd = Command::new(exe);
        cmd.args([
            "--headless",
            "--remote-debugging-pipe",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-sync",
            "--hide-scrollbars",
            "--mute-audio",
            "--force-device-scale-factor=1",
            "--lang=vi-VN",
            &format!("--window-size={width},{height}"),
            &format!("--user-data-dir={}", profile.display()),
            "about:blank",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        // SAFETY: only async-signal-safe calls (dup2) between fork and exec. The descriptors
        // become 3 and 4 of the child, without close-on-exec (dup2 clears it).
        unsafe {
            cmd.pre_exec(move || {
                if libc::dup2(r3, 3) < 0 || libc::dup2(w4, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("start chromium");
        drop(cmd_read);
        drop(ans_write);
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::fs::File::from(ans_read);
        std::thread::spawn(move || {
            let mut r = BufReader::new(reader);
            loop {
                let mut buf = Vec::new();
                match r.read_until(0, &mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {
                        if buf.last() == Some(&0) {
                            buf.pop();
                        }
                        if let Ok(v) = serde_json::from_slice::<Value>(&buf) {
                            if tx.send(v).is_err() {
                                return;
                            }
                        }
                    }
                }
            }
        });
        Some(Browser {
            child,
            to: std::fs::File::from(cmd_write),
            from: rx,
            next_id: 1,
            events: Vec::new(),
            profile,
        })
    }

    /// Sends a command (to the browser, or to a page's session) and waits for its answer.
    /// Panics with the protocol's error, or after 60 s.
    pub fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&msg).unwrap();
        bytes.push(0);
        self.to.write_all(&bytes).expect("write to chromium");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.from.recv_timeout(left) {
                Ok(v) if v["id"] == json!(id) => {
                    if let Some(e) = v.get("error") {
                        panic!("{method}: {e}");
                    }
                    return v["result"].clone();
                }
                Ok(v) => self.events.push(v),
                Err(RecvTimeoutError::Timeout) => panic!("{method}: no answer from chromium in 60 s"),
                Err(RecvTimeoutError::Disconnected) => panic!("{method}: chromium has gone"),
            }
        }
    }

    /// Opens `url` in a new page.
    pub fn open(&mut self, url: &str) -> Page<'_> {
        let target = self.call(None, "Target.createTarget", json!({"url": "about:blank"}));
        let id = target["targetId"].as_str().unwrap().to_string();
        let attached = self.call(None, "Target.attachToTarget", json!({"targetId": id, "flatten": true}));
        let session = attached["sessionId"].as_str().unwrap().to_string();
        let mut page = Page { browser: self, session };
        page.cmd("Page.enable", json!({}));
        page.cmd("Runtime.enable", json!({}));
        page.cmd("DOM.enable", json!({}));
        page.cmd("Accessibility.enable", json!({}));
        page.goto(url);
        page
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

impl Page<'_> {
    /// A command in this page's session.
    pub fn cmd(&mut self, method: &str, params: Value) -> Value {
        let s = self.session.clone();
        self.browser.call(Some(&s), method, params)
    }

    /// Navigates and waits for the load event.
    pub fn goto(&mut self, url: &str) {
        self.browser.events.clear();
        self.cmd("Page.navigate", json!({"url": url}));
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if self.browser.events.iter().any(|e| e["method"] == "Page.loadEventFired") {
                return;
            }
            // A cheap command lets the events in.
            self.eval("1");
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("{url} did not load in 30 s");
    }

    /// Evaluates JavaScript in the page (promises awaited) and returns its value.
    pub fn eval(&mut self, js: &str) -> Value {
        let r = self.cmd(
            "Runtime.evaluate",
            json!({"expression": js, "awaitPromise": true, "returnByValue": true, "userGesture": true}),
        );
        if let Some(e) = r.get("exceptionDetails") {
            panic!("{js}: {e}");
        }
        r["result"]["value"].clone()
    }

    /// Waits until `js` is truthy (every 50 ms, up to `secs`); panics with `what` otherwise.
    pub fn wait_for(&mut self, js: &str, secs: u64, what: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let v = self.eval(js);
            if !(v.is_null() || v == json!(false) || v == json!(0) || v == json!("")) {
                return v;
            }
            if Instant::now() >= deadline {
                let seen = self.eval("document.body.innerText.slice(0, 3000)");
                panic!("waited {secs} s for {what}; the page shows:\n{}", seen.as_str().unwrap_or(""));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Every node of the accessibility tree with a name: role and accessible name, as a screen
    /// reader gets them.
    pub fn ax_nodes(&mut self) -> Vec<Node> {
        let tree = self.cmd("Accessibility.getFullAXTree", json!({}));
        tree["nodes"]
            .as_array()
            .map(|ns| {
                ns.iter()
                    .filter(|n| n["ignored"] != json!(true))
                    .filter_map(|n| {
                        Some(Node {
                            role: n["role"]["value"].as_str().unwrap_or("").to_string(),
                            name: n["name"]["value"].as_str().unwrap_or("").to_string(),
                            backend: n["backendDOMNodeId"].as_i64()?,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The control whose accessible name is `name` (and whose role is `role`, if given).
    pub fn by_name(&mut self, role: Option<&str>, name: &str) -> Option<Node> {
        // Text nodes carry the words of a label too: the control is what a role names.
        let text = ["StaticText", "InlineTextBox", "LabelText", "generic", "paragraph", "heading"];
        self.ax_nodes()
            .into_iter()
            .find(|n| n.name == name && role.map_or(!text.contains(&n.role.as_str()), |r| n.role == r))
    }

    /// Like [`Page::by_name`], waiting up to `secs` for it to appear.
    pub fn wait_name(&mut self, role: Option<&str>, name: &str, secs: u64) -> Node {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(n) = self.by_name(role, name) {
                return n;
            }
            if Instant::now() >= deadline {
                let seen = self.eval("document.body.innerText.slice(0, 3000)");
                panic!(
                    "no {role:?} named {name:?} after {secs} s; the page shows:\n{}",
                    seen.as_str().unwrap_or("")
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Calls `function` (JavaScript source, `this` being the node's element) and returns its value.
    pub fn on(&mut self, node: &Node, function: &str) -> Value {
        let obj = self.cmd("DOM.resolveNode", json!({"backendNodeId": node.backend}));
        let id = obj["object"]["objectId"].as_str().unwrap().to_string();
        let r = self.cmd(
            "Runtime.callFunctionOn",
            json!({"objectId": id, "functionDeclaration": function, "awaitPromise": true, "returnByValue": true, "userGesture": true}),
        );
        if let Some(e) = r.get("exceptionDetails") {
            panic!("{function}: {e}");
        }
        r["result"]["value"].clone()
    }

    /// The centre of the node on the page, in CSS pixels (scrolled into view first).
    pub fn centre(&mut self, node: &Node) -> (f64, f64) {
        let _ = self.cmd("DOM.scrollIntoViewIfNeeded", json!({"backendNodeId": node.backend}));
        let q = self.cmd("DOM.getContentQuads", json!({"backendNodeId": node.backend}));
        let quad = q["quads"][0].as_array().expect("the node is on the page");
        let xs: Vec<f64> = quad.iter().step_by(2).map(|v| v.as_f64().unwrap()).collect();
        let ys: Vec<f64> = quad.iter().skip(1).step_by(2).map(|v| v.as_f64().unwrap()).collect();
        (xs.iter().sum::<f64>() / 4.0, ys.iter().sum::<f64>() / 4.0)
    }

    /// A mouse event, as the hardware would send it.
    pub fn mouse(&mut self, kind: &str, (x, y): (f64, f64), buttons: u32) {
        let button = if kind == "mouseMoved" && buttons == 0 { "none" } else { "left" };
        self.cmd(
            "Input.dispatchMouseEvent",
            json!({"type": kind, "x": x, "y": y, "button": button, "buttons": buttons, "clickCount": 1}),
        );
    }

    /// Clicks the node's centre with real mouse events.
    pub fn click(&mut self, node: &Node) {
        let c = self.centre(node);
        self.mouse("mouseMoved", c, 0);
        self.mouse("mousePressed", c, 1);
        self.mouse("mouseReleased", c, 0);
    }

    /// Drags with the left button from `from` to `to` in `steps` moves.
    pub fn drag(&mut self, from: (f64, f64), to: (f64, f64), steps: u32) {
        self.mouse("mouseMoved", from, 0);
        self.mouse("mousePressed", from, 1);
        for i in 1..=steps {
            let f = i as f64 / steps as f64;
            self.mouse("mouseMoved", (from.0 + (to.0 - from.0) * f, from.1 + (to.1 - from.1) * f), 1);
        }
        self.mouse("mouseReleased", to, 0);
    }

    /// Focuses the node and types `text` as committed input (what an input method commits).
    pub fn type_into(&mut self, node: &Node, text: &str) {
        self.cmd("DOM.focus", json!({"backendNodeId": node.backend}));
        self.cmd("Input.insertText", json!({"text": text}));
    }

    /// A key press (`Enter`, `ArrowRight`, `Tab`…) on the focused element.
    pub fn key(&mut self, key: &str) {
        let code = match key {
            "Enter" => 13,
            "Tab" => 9,
            "ArrowLeft" => 37,
            "ArrowUp" => 38,
            "ArrowRight" => 39,
            "ArrowDown" => 40,
            _ => 0,
        };
        // Enter types a carriage return: that is what activates a focused button.
        let text = if key == "Enter" { "\r" } else { "" };
        let down =
            json!({"type": "keyDown", "key": key, "code": key, "windowsVirtualKeyCode": code, "text": text});
        self.cmd("Input.dispatchKeyEvent", down);
        self.cmd(
            "Input.dispatchKeyEvent",
            json!({"type": "keyUp", "key": key, "code": key, "windowsVirtualKeyCode": code}),
        );
    }

    /// Puts `files` into the file input `node`, as choosing them in the dialog does (its
    /// `change` event fires).
    pub fn set_files(&mut self, node: &Node, files: &[&Path]) {
        let files: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        self.cmd("DOM.setFileInputFiles", json!({"files": files, "backendNodeId": node.backend}));
    }

    /// A PNG screenshot of the viewport, written to `path`.
    pub fn screenshot(&mut self, path: &Path) {
        use base64::Engine;
        let r = self.cmd("Page.captureScreenshot", json!({"format": "png"}));
        let bytes = base64::engine::general_purpose::STANDARD.decode(r["data"].as_str().unwrap()).unwrap();
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(path, bytes).unwrap();
    }
}
