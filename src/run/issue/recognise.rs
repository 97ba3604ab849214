//! Who the run's records are, and what each is to the register: new, kept as registered,
//! or a changed certificate (refused, or reissued with `--reissue`).

use super::*;

/// Who the run's records are.
pub(super) struct Identified {
    /// Records repeating an earlier record's identity (a problem each).
    pub(super) dropped: HashSet<usize>,
    /// Every identity in the run (as [`batch::fingerprint`]s), with its first record.
    pub(super) in_run: HashMap<u128, (u32, u32)>,
    /// Stage 2's problems and the repeated identities.
    pub(super) problems: Vec<Problem>,
}

/// The first pass: every record's identity; two records with one identity are a problem.
pub(super) fn identify(source: &Source<'_>, cfg: &BatchConfig) -> Result<Identified, IssueError> {
    let key = &cfg.template.register.key;
    // Record and line of the first record of each identity (a roster under 512 MB has fewer
    // than 2³² of either): a million identities are 24 bytes each so.
    let mut seen: HashMap<u128, (u32, u32)> = HashMap::new();
    let (mut dropped, mut problems) = (HashSet::new(), Vec::new());
    let mut pass = source.pass(cfg)?;
    for rec in pass.by_ref() {
        let rec = rec?;
        let identity = crate::util::json::json_string(&identity_of(cfg, &rec));
        match seen.entry(batch::fingerprint(identity.as_bytes())) {
            std::collections::hash_map::Entry::Occupied(e) => {
                let (record, line) = *e.get();
                let first = crate::error::Origin {
                    file: rec.origin.file.clone(),
                    record: record as usize,
                    line: u64::from(line),
                };
                problems.push(Problem::new(
                    rec.origin.clone(),
                    None,
                    RecordError::SameIdentity { first, key: key.join(", ") },
                ));
                dropped.insert(rec.origin.record);
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert((rec.origin.record as u32, rec.origin.line as u32));
            }
        }
    }
    // Later passes leave out a record repeating a unique value by its number.
    let repeats = pass.problems();
    dropped.extend(
        repeats
            .iter()
            .filter(|p| matches!(p.error, RecordError::Duplicate { .. } | RecordError::SamePerson { .. }))
            .map(|p| p.origin.record),
    );
    problems.extend(repeats);
    Ok(Identified { dropped, in_run: seen, problems })
}

/// The problem of a new record whose person (folded name and date of birth) holds a certificate
/// in force already — of another batch, or of this batch but claimed by no record of the run
/// (a repeat under another stt) — naming the earliest such certificate. Nothing with
/// `--allow-duplicates` or for a record marked as another person.
pub(super) fn issued_before(
    tx: &crate::register::Tx<'_>,
    cfg: &BatchConfig,
    rec: &CertRecord,
    batch_id: Option<i64>,
    in_run: &HashMap<u128, (u32, u32)>,
) -> Result<Option<Problem>, IssueError> {
    let Some(person) = batch::person_of(cfg, rec) else { return Ok(None) };
    let hit = tx.same_person(&person)?.into_iter().find(|e| {
        // A certificate of this batch whose identity a record of the run has is that record's.
        !(Some(e.batch_id) == batch_id && in_run.contains_key(&batch::fingerprint(e.identity.as_bytes())))
    });
    Ok(hit.map(|e| {
        Problem::new(
            rec.origin.clone(),
            None,
            RecordError::IssuedBefore {
                serial: e.so_hieu,
                batch: e.batch,
                record: e.record_no,
                name: e.ho_ten,
                born: e.ngay_sinh,
            },
        )
    }))
}

/// Every record of the run, recognised against the register.
pub(super) struct Recognised {
    /// The records to issue (new, kept, reissued), in print order.
    pub(super) slots: Vec<Slot>,
    /// The numbers they are given (see [`Allocator::given`]).
    pub(super) given: [Vec<u128>; 2],
    /// Records whose certificate is withdrawn and unchanged: never printed again.
    pub(super) revoked: Vec<(crate::error::Origin, String)>,
    pub(super) problems: Vec<Problem>,
}

/// Decides for each record whether it is new, kept as registered, or a changed certificate
/// (refused, or reissued with `--reissue`).
pub(super) fn recognise(
    source: &Source<'_>,
    cfg: &BatchConfig,
    opts: &IssueOptions,
    (tx, batch_id): (&crate::register::Tx<'_>, Option<i64>),
    current: &[CertRow],
    (dropped, in_run): (&HashSet<usize>, &HashMap<u128, (u32, u32)>),
    mut problems: Vec<Problem>,
) -> Result<Recognised, IssueError> {
    let by_identity: HashMap<&str, usize> =
        current.iter().enumerate().map(|(i, c)| (c.identity.as_str(), i)).collect();
    // A record whose identity is new but which agrees with a registered certificate that no
    // record of this run claims on all but one identity field is that certificate with a
    // corrected name, date of birth or stt: it must be reissued, not issued a second time.
    let mut unclaimed: Vec<usize> = (0..current.len())
        .filter(|&i| !in_run.contains_key(&batch::fingerprint(current[i].identity.as_bytes())))
        .collect();
    unclaimed.sort_by_key(|&i| current[i].id);
    // Each unclaimed entry is filed under its identity with one field left out, once per field:
    // a record that differs from it in that field alone finds it there. (Comparing every
    // changed record with every entry took hours when a whole roster's dates were corrected.)
    // Identical identities were claimed above, so a match differs in exactly that field.
    let mut near: HashMap<(usize, Vec<String>), Vec<usize>> = HashMap::new();
    for (i, &c) in unclaimed.iter().enumerate() {
        let Some(old) = crate::util::json::string_list(&current[c].identity).filter(|old| old.len() >= 2)
        else {
            continue;
        };
        for j in 0..old.len() {
            near.entry((j, without(&old, j))).or_default().push(i);
        }
    }
    let mut claimed: HashSet<i64> = HashSet::new();
    let mut slots = Vec::with_capacity(source.len());
    let mut given: [Vec<u128>; 2] = [Vec::new(), Vec::new()];
    let mut revoked = Vec::new();
    let mut pass = source.again(cfg)?;
    for rec in pass.by_ref() {
        let mut rec = rec?;
        if dropped.contains(&rec.origin.record) {
            continue;
        }
        let values = identity_of(cfg, &rec);
        let identity = crate::util::json::json_string(&values);
        let found = by_identity.get(identity.as_str()).copied().or_else(|| {
            if values.len() < 2 {
                return None;
            }
            // The earliest registered of the entries it differs from in one field.
            let i = (0..values.len())
                .filter_map(|j| near.get(&(j, without(&values, j))))
                .filter_map(|list| {
                    list.iter().copied().find(|&i| !claimed.contains(&current[unclaimed[i]].id))
                })
                .min()?;
            claimed.insert(current[unclaimed[i]].id);
            Some(unclaimed[i])
        });
        let action = match found {
            None => {
                if let Some(p) = issued_before(tx, cfg, &rec, batch_id, in_run)? {
                    problems.push(p);
                    continue;
                }
                Action::New
            }
            Some(k) => {
                let c = &current[k];
                let changes = changes_since(c, &rec, &content_of(cfg, &rec), cfg);
                // A withdrawn certificate is never printed again as it was, not even with
                // --reissue: only a corrected record gets a new one.
                let withdrawn = matches!(c.status, Status::Revoked | Status::Spoiled);
                if changes.is_empty() && withdrawn {
                    revoked.push((rec.origin.clone(), c.so_hieu.clone()));
                    continue;
                } else if changes.is_empty() {
                    rec.values.insert(NumberField::Serial.field().into(), c.so_hieu.clone());
                    rec.values
                        .insert(NumberField::Entry.field().into(), c.so_vao_so.clone().unwrap_or_default());
                    Action::Keep(k as u32)
                } else if opts.reissue {
                    Action::Reissue(k as u32)
                } else {
                    problems.push(Problem::new(
                        rec.origin.clone(),
                        None,
                        RecordError::Changed {
                            serial: c.so_hieu.clone(),
                            issued: c.issue_date.clone(),
                            changes: changes.join("; "),
                        },
                    ));
                    continue;
                }
            }
        };
        for (set, f) in given.iter_mut().zip(NumberField::ALL) {
            set.extend(
                rec.values.get(f.field()).filter(|n| !n.is_empty()).map(|n| batch::fingerprint(n.as_bytes())),
            );
        }
        slots.push(Slot { record: rec.origin.record, action, done: Texts::default(), id: 0 });
    }
    Ok(Recognised { slots, given: sorted(given), revoked, problems })
}

/// `values` without the one at `j`.
pub(super) fn without(values: &[String], j: usize) -> Vec<String> {
    values.iter().enumerate().filter(|(k, _)| *k != j).map(|(_, v)| v.clone()).collect()
}

/// How a record differs from the certificate registered for it, in words; empty if it does not.
pub(super) fn changes_since(c: &CertRow, rec: &CertRecord, content: &str, cfg: &BatchConfig) -> Vec<String> {
    let mut changes = Vec::new();
    let stored = [Some(c.so_hieu.as_str()), c.so_vao_so.as_deref()];
    for (f, old) in NumberField::ALL.iter().zip(stored) {
        let given = rec.values.get(f.field()).map(String::as_str).unwrap_or("");
        if !given.is_empty() && Some(given) != old {
            changes.push(format!(
                "{} {:?} → {given:?}",
                cfg.template.field_label(f.field()),
                old.unwrap_or("")
            ));
        }
    }
    if c.record_json != content {
        changes.push(describe_changes(&c.record_json, content, |k| match k {
            "(template)" => crate::t!("template-what-template"),
            k => cfg.template.field_label(k),
        }));
    }
    // A rotation changes no certificate: a code signed by any key of the issuer's manifest
    // stays. A code of a key the manifest in use does not have (another issuer's keys) does.
    let kid = crate::seal::token::Token::parse(&c.qr_text).map(|t| t.kid).ok();
    if let (Some(kid), Some(s)) = (kid, &cfg.signer) {
        if !s.issuer_kids.contains(&kid) {
            changes.push(crate::t!("change-other-key", kid = crate::seal::sign::hex(&kid)));
        }
    }
    changes
}
