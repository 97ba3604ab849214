//! The SQLite store's look-up entries (`register::lookup`): the table `lookup_entries` of
//! schema step 4, whose trigger refuses to change an entry once stored.

use rusqlite::params;

use super::Sqlite;
use crate::register::lookup::{format, Pending};
use crate::register::RegisterError;
use crate::seal::lookup::Entry;

/// See [`crate::register::Store::lookup_pending`].
pub(super) fn pending(reg: &Sqlite, host: &str) -> Result<Vec<Pending>, RegisterError> {
    let mut st = reg
        .conn
        .prepare(
            "SELECT c.id, c.so_hieu, c.ho_ten, c.ngay_sinh, c.qr_text FROM certificates c \
             WHERE NOT EXISTS (SELECT 1 FROM lookup_entries l WHERE l.certificate_id = c.id \
             AND l.format = ?1 AND l.host = ?2) ORDER BY c.id",
        )
        .map_err(|e| reg.sql(e))?;
    let rows = st
        .query_map(params![format(), host], |r| {
            Ok(Pending {
                id: r.get(0)?,
                serial: r.get(1)?,
                holder_name: r.get(2)?,
                birth_date: r.get(3)?,
                code: r.get(4)?,
            })
        })
        .map_err(|e| reg.sql(e))?;
    rows.collect::<Result<_, _>>().map_err(|e| reg.sql(e))
}

/// See [`crate::register::Store::lookup_count`].
pub(super) fn count(reg: &Sqlite, host: &str) -> Result<usize, RegisterError> {
    reg.conn
        .query_row(
            "SELECT COUNT(*) FROM lookup_entries WHERE format = ?1 AND host = ?2",
            params![format(), host],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n as usize)
        .map_err(|e| reg.sql(e))
}

/// See [`crate::register::Store::lookup_store`].
pub(super) fn store(
    reg: &mut Sqlite,
    host: &str,
    entries: &[(i64, String, Entry)],
) -> Result<(), RegisterError> {
    let path = reg.path.clone();
    let sql = |source| RegisterError::Sql { path: path.clone(), source };
    let tx = reg.conn.transaction().map_err(sql)?;
    {
        let mut st = tx
            .prepare(
                "INSERT INTO lookup_entries (certificate_id, format, host, kid, locator, sealed) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .map_err(sql)?;
        for (id, kid, e) in entries {
            st.execute(params![id, format(), host, kid, &e.locator[..], e.sealed]).map_err(sql)?;
        }
    }
    tx.commit().map_err(sql)
}

/// See [`crate::register::Store::lookup_entries`].
pub(super) fn entries(reg: &Sqlite, host: &str) -> Result<Vec<(String, Entry)>, RegisterError> {
    let mut st = reg
        .conn
        .prepare(
            "SELECT kid, locator, sealed FROM lookup_entries WHERE format = ?1 AND host = ?2 \
             ORDER BY certificate_id",
        )
        .map_err(|e| reg.sql(e))?;
    let rows = st
        .query_map(params![format(), host], |r| {
            let locator: Vec<u8> = r.get(1)?;
            Ok((r.get::<_, String>(0)?, locator, r.get::<_, Vec<u8>>(2)?))
        })
        .map_err(|e| reg.sql(e))?;
    let mut out = Vec::new();
    for row in rows {
        let (kid, locator, sealed) = row.map_err(|e| reg.sql(e))?;
        // The table's CHECK keeps every locator 8 bytes long.
        let Ok(locator) = <[u8; 8]>::try_from(locator.as_slice()) else { continue };
        out.push((kid, Entry { locator, sealed }));
    }
    Ok(out)
}
