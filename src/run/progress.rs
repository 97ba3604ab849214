//! Progress of a workflow as events: the command line draws a bar from them, a web page can
//! stream them (they serialise as JSON), tests and libraries pass [`NoProgress`].
//!
//! A workflow goes through phases (checking every record, writing the files, comparing with a
//! print file already there); each has a number of steps known when it starts. The phase is a
//! [`Phase`], not a sentence: whoever shows it chooses the words.

use serde::Serialize;

/// What a workflow is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// Reading, checking and laying out every record before anything is written.
    Checking,
    /// Writing the files.
    Writing,
    /// Comparing the pages with a print file that is there already.
    Comparing,
}

impl Phase {
    /// The catalogue's id of the phase's name (`progress-checking`…), for whoever words it.
    pub fn message_id(self) -> &'static str {
        match self {
            Phase::Checking => "progress-checking",
            Phase::Writing => "progress-writing",
            Phase::Comparing => "progress-comparing",
        }
    }
}

/// One progress event, as a listener that is not in this process receives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum Event {
    /// A phase with `total` steps begins.
    Start {
        /// The phase.
        phase: Phase,
        /// How many steps it has.
        total: usize,
    },
    /// One step is done.
    Advance,
    /// The phase is over.
    Finish,
}

/// Reports progress. Called from the worker threads, so it must be `Sync`.
pub trait Progress: Sync {
    /// A phase with `total` steps begins.
    fn start(&self, phase: Phase, total: usize);
    /// One step is done.
    fn advance(&self);
    /// The phase is over.
    fn finish(&self);
}

/// Progress that shows nothing.
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _: Phase, _: usize) {}
    fn advance(&self) {}
    fn finish(&self) {}
}

/// Progress handed on as [`Event`]s to a function (a web page's stream, a test's log).
pub struct Events<F: Fn(Event) + Sync>(pub F);

impl<F: Fn(Event) + Sync> Progress for Events<F> {
    fn start(&self, phase: Phase, total: usize) {
        (self.0)(Event::Start { phase, total })
    }
    fn advance(&self) {
        (self.0)(Event::Advance)
    }
    fn finish(&self) {
        (self.0)(Event::Finish)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_serialise_as_json_a_page_can_read() {
        let start = serde_json::to_string(&Event::Start { phase: Phase::Writing, total: 218 }).unwrap();
        assert_eq!(start, r#"{"event":"start","phase":"writing","total":218}"#);
        assert_eq!(serde_json::to_string(&Event::Advance).unwrap(), r#"{"event":"advance"}"#);
    }

    #[test]
    fn events_reach_the_listener_in_order() {
        let seen = std::sync::Mutex::new(Vec::new());
        let p = Events(|e| seen.lock().unwrap().push(e));
        p.start(Phase::Checking, 2);
        p.advance();
        p.advance();
        p.finish();
        let seen = seen.into_inner().unwrap();
        assert_eq!(seen.len(), 4);
        assert_eq!(seen[0], Event::Start { phase: Phase::Checking, total: 2 });
        assert_eq!(seen[3], Event::Finish);
    }
}
