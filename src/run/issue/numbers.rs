//! Numbering: a record's số hiệu and số vào sổ, from the roster or the template's patterns,
//! never one that is already someone's ([`Allocator`]).

use super::*;

/// The state of one allocation: where each running sequence stands, and the problems found.
pub(super) struct Allocator<'a, 't> {
    pub(super) tx: &'a crate::register::Tx<'t>,
    pub(super) numbering: &'a Numbering,
    pub(super) cfg: &'a BatchConfig,
    /// The batch's registered certificates (a reissue may take its own old numbers).
    pub(super) current: &'a [CertRow],
    pub(super) year: i32,
    /// The numbers the run's records are given — by the roster, or a kept certificate's by
    /// the register — as sorted [`batch::fingerprint`]s: a million serials are 16 MB so.
    pub(super) given: [Vec<u128>; 2],
    pub(super) next: HashMap<String, u64>,
    pub(super) problems: Vec<Problem>,
}

impl Allocator<'_, '_> {
    /// A record's numbers: a kept one keeps its own, numbers from the roster are taken when
    /// nobody holds them, the others come from the patterns' running numbers, skipping any
    /// number that is already someone's. Records come in print order. Nothing is written: the
    /// caller registers the result.
    pub(super) fn numbers_for(
        &mut self,
        slot: &Slot,
        rec: &CertRecord,
    ) -> Result<[Option<String>; 2], IssueError> {
        if let Action::Keep(k) = slot.action {
            let c = &self.current[k as usize];
            return Ok([Some(c.so_hieu.clone()), c.so_vao_so.clone()].map(|n| n.filter(|n| !n.is_empty())));
        }
        let mut numbers: [Option<String>; 2] = [None, None];
        for f in NumberField::ALL {
            numbers[f as usize] = match rec.values.get(f.field()).filter(|v| !v.is_empty()) {
                Some(v) => Some(self.supplied(f, slot, rec, v)?),
                None if self.numbering.pattern(f).is_none() => None,
                None => self.next_free(f, rec, &numbers)?,
            };
        }
        Ok(numbers)
    }

    /// A number the roster gives: used as it is, and a problem if somebody else holds it.
    pub(super) fn supplied(
        &mut self,
        f: NumberField,
        slot: &Slot,
        rec: &CertRecord,
        v: &str,
    ) -> Result<String, IssueError> {
        if let Some(h) = self.tx.holder(column(f), v)? {
            let replaced = matches!(slot.action, Action::Reissue(k) if self.current[k as usize].id == h.id);
            let whose = if replaced {
                crate::t!("register-holder-replaced")
            } else {
                crate::t!(
                    "register-holder",
                    serial = h.so_hieu.as_str(),
                    name = h.ho_ten.as_str(),
                    batch = h.batch.as_str(),
                    record = h.record_no
                )
            };
            self.problems.push(Problem::new(
                rec.origin.clone(),
                rec.columns.get(f.field()).cloned(),
                RecordError::NumberTaken { value: v.to_string(), holder: whose },
            ));
        }
        Ok(v.to_string())
    }

    /// The next number of `f`'s running sequence that nobody holds and the roster does not
    /// give, moving the sequence past it. (A sequence is the pattern's text around `seq`: one
    /// per year, and per type where the pattern has the type code.) `None`, with a problem,
    /// when the pattern fails for this record.
    pub(super) fn next_free(
        &mut self,
        f: NumberField,
        rec: &CertRecord,
        numbers: &[Option<String>; 2],
    ) -> Result<Option<String>, IssueError> {
        let values = values_with(self.cfg, rec, numbers);
        let (numbering, year) = (self.numbering, self.year);
        let render = |seq| {
            numbering.render(f, &values, year, seq).map_err(|e| {
                Box::new(Problem::new(
                    rec.origin.clone(),
                    None,
                    RecordError::Template { element: e.element, message: e.message },
                ))
            })
        };
        let scope = match render(None) {
            Ok(s) => format!("{}:{s}", f.field()),
            Err(p) => {
                self.problems.push(*p);
                return Ok(None);
            }
        };
        let mut seq = match self.next.get(&scope) {
            Some(n) => *n,
            None => self.tx.next(&scope)?,
        };
        let number = loop {
            let n = match render(Some(seq)) {
                Ok(n) => n,
                Err(p) => {
                    self.problems.push(*p);
                    break None;
                }
            };
            let given = self.given[f as usize].binary_search(&batch::fingerprint(n.as_bytes())).is_ok();
            if !given && self.tx.holder(column(f), &n)?.is_none() {
                break Some(n);
            }
            seq += 1;
        };
        self.next.insert(scope, seq + 1);
        Ok(number)
    }
}

pub(super) fn values_with(
    cfg: &BatchConfig,
    rec: &CertRecord,
    numbers: &[Option<String>; 2],
) -> BTreeMap<String, String> {
    let mut v = cfg.values_for(rec);
    for (f, n) in NumberField::ALL.iter().zip(numbers) {
        if let Some(n) = n {
            v.insert(f.field().into(), n.clone());
        }
    }
    v
}
