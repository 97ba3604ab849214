//! The run's records, as many times as the run goes over them (see [`Source`]).

use super::*;

/// How many records a pass takes at a time.
pub(super) const BLOCK: usize = 4096;

/// The run's records in print order, as many times as the run goes over them: held (a sorted
/// run, or a roster decoded whole), or read again from the roster for each pass, so that a
/// batch of 100,000 never holds its records — only a block of them, and a [`Slot`] each.
pub(super) enum Source<'r> {
    Held(Vec<CertRecord>),
    Streamed {
        roster: &'r Roster,
        map: crate::input::record::ColumnMap,
        /// The date the records were first read with (a rerun takes the batch's issue date
        /// afterwards; the records must stay those first read).
        date: Date,
    },
}

impl<'r> Source<'r> {
    pub(super) fn new(roster: &'r mut Roster, cfg: &BatchConfig) -> Result<(Self, Vec<Problem>), IssueError> {
        if roster.is_streamed() && cfg.sort == crate::input::order::SortOrder::Roster {
            let map = crate::input::record::map_columns(roster, &cfg.template).map_err(BatchError::from)?;
            return Ok((Source::Streamed { roster, map, date: cfg.issue_date }, Vec::new()));
        }
        let (mut records, problems) = batch::take_records(roster, cfg)?;
        crate::input::order::sort(&mut records, cfg.sort, |r| r);
        Ok((Source::Held(records), problems))
    }

    /// The roster's name, for messages.
    pub(super) fn file(&self) -> std::sync::Arc<str> {
        match self {
            Source::Held(records) => {
                records.first().map(|r| r.origin.file.clone()).unwrap_or_else(|| "".into())
            }
            Source::Streamed { roster, .. } => roster.file.clone(),
        }
    }

    /// One pass over every valid record, in print order.
    pub(super) fn pass<'s>(&'s self, cfg: &'s BatchConfig) -> Result<Pass<'s>, BatchError> {
        Ok(match self {
            Source::Held(records) => Pass::Held(records.iter()),
            Source::Streamed { roster, map, date } => Pass::Streamed(Box::new(batch::Stage2::new(
                roster.rows()?,
                roster.problems.clone(),
                map,
                cfg,
                *date,
            ))),
        })
    }

    /// A pass after the first: records repeating a unique value are not told apart from the
    /// others (the first pass found them, and they are left out by their record numbers).
    pub(super) fn again<'s>(&'s self, cfg: &'s BatchConfig) -> Result<Pass<'s>, BatchError> {
        Ok(match self.pass(cfg)? {
            Pass::Streamed(stage) => Pass::Streamed(Box::new(stage.without_unique_check())),
            held => held,
        })
    }

    /// How many records it has at most.
    pub(super) fn len(&self) -> usize {
        match self {
            Source::Held(records) => records.len(),
            Source::Streamed { roster, .. } => roster.len(),
        }
    }
}

/// A pass over a run's records (see [`Source::pass`]).
pub(super) enum Pass<'s> {
    Held(std::slice::Iter<'s, CertRecord>),
    Streamed(Box<batch::Stage2<'s, 's>>),
}

impl Pass<'_> {
    /// Stage 2's problems, once the pass is over (those of a held run were found when it was
    /// read).
    pub(super) fn problems(self) -> Vec<Problem> {
        match self {
            Pass::Held(_) => Vec::new(),
            Pass::Streamed(s) => s.problems,
        }
    }

    /// The next block of records (empty at the end).
    pub(super) fn block(&mut self) -> Result<Vec<CertRecord>, BatchError> {
        let mut out = Vec::with_capacity(BLOCK);
        for rec in self.by_ref().take(BLOCK) {
            out.push(rec?);
        }
        Ok(out)
    }

    /// The next block's records that have a slot among `slots[*at..]`, each with its slot's
    /// index; slots and records come in the same order. `None` at the end.
    pub(super) fn slotted(
        &mut self,
        slots: &[Slot],
        at: &mut usize,
    ) -> Result<Option<Vec<(usize, CertRecord)>>, BatchError> {
        let block = self.block()?;
        if block.is_empty() {
            return Ok(None);
        }
        let mut out = Vec::with_capacity(block.len());
        for rec in block {
            if slots.get(*at).is_some_and(|s| s.record == rec.origin.record) {
                out.push((*at, rec));
                *at += 1;
            }
        }
        Ok(Some(out))
    }
}

impl Iterator for Pass<'_> {
    type Item = Result<CertRecord, BatchError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Pass::Held(it) => it.next().map(|r| Ok(r.clone())),
            Pass::Streamed(s) => s.next(),
        }
    }
}
