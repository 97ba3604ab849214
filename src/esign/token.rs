//! A PKCS#11 token (the USB tokens of VNPT-CA, Viettel-CA, BKAV-CA, FPT-CA, the Ban Cơ yếu's
//! chữ ký số chuyên dùng), named by an RFC 7512 URI:
//! `pkcs11:token=LABEL;object=LABEL?module-path=/path/to/vendor.so`.
//!
//! The only module that touches cryptoki. One login per run: the token is opened, the user logs
//! in once, and the same session signs every file (a mutex serialises the signatures, which a
//! token makes one at a time anyway). The PIN is never part of the URI (`pin-value` is refused:
//! a command line is visible to every user of the machine and kept in shell histories).

use std::sync::Mutex;

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::mechanism::rsa::{PkcsMgfType, PkcsPssParams};
use cryptoki::mechanism::{Mechanism, MechanismType};
use cryptoki::object::{Attribute, AttributeType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use der::Decode;
use x509_cert::Certificate;

use super::key::KeyKind;
use super::EsignError;

/// What an RFC 7512 URI names (the parts this program uses).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Uri {
    /// `token=`: the token's label.
    pub token: Option<String>,
    /// `serial=`: the token's serial number.
    pub serial: Option<String>,
    /// `object=`: the key's and certificate's label.
    pub object: Option<String>,
    /// `id=`: the key's and certificate's CKA_ID (percent-encoded bytes).
    pub id: Option<Vec<u8>>,
    /// `module-path=`: the vendor's PKCS#11 library.
    pub module_path: String,
}

impl Uri {
    /// Reads `pkcs11:path-attributes?query-attributes`.
    pub fn parse(uri: &str) -> Result<Uri, EsignError> {
        let bad = |why: &str| EsignError::Uri { uri: uri.to_string(), message: why.to_string() };
        let rest = uri.strip_prefix("pkcs11:").ok_or_else(|| bad("pkcs11:"))?;
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let mut out = Uri::default();
        let mut module = None;
        for (part, sep) in [(path, ';'), (query, '&')] {
            for attr in part.split(sep).filter(|a| !a.is_empty()) {
                let (k, v) = attr.split_once('=').ok_or_else(|| bad(attr))?;
                let v = percent_decode(v).ok_or_else(|| bad(attr))?;
                let text = || String::from_utf8(v.clone()).map_err(|_| bad(attr));
                match k {
                    "token" => out.token = Some(text()?),
                    "serial" => out.serial = Some(text()?),
                    "object" => out.object = Some(text()?),
                    "id" => out.id = Some(v),
                    "module-path" => module = Some(text()?),
                    "pin-value" | "pin-source" => return Err(EsignError::PinInUri),
                    // type, manufacturer, model, library-*: not needed to find a signing key.
                    _ => {}
                }
            }
        }
        out.module_path = module.ok_or_else(|| bad("module-path"))?;
        if out.object.is_none() && out.id.is_none() {
            return Err(bad("object"));
        }
        Ok(out)
    }
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

/// A logged-in session on the token, with the signing key found.
pub struct Token {
    // Dropped before the library is finalised (fields drop in order).
    session: Mutex<Session>,
    key: ObjectHandle,
    chain: Vec<Certificate>,
    _ctx: Pkcs11,
}

impl Token {
    /// Loads the module, finds the token and the key, logs in with `pin()`.
    pub fn open(
        uri_text: &str,
        pin: &mut dyn FnMut() -> Result<String, EsignError>,
    ) -> Result<Token, EsignError> {
        let uri = Uri::parse(uri_text)?;
        let tok = |e: cryptoki::error::Error| EsignError::Token { message: e.to_string() };
        let ctx = Pkcs11::new(&uri.module_path)
            .map_err(|e| EsignError::Read { path: uri.module_path.clone(), message: e.to_string() })?;
        ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)).map_err(tok)?;
        let mut found = None;
        for slot in ctx.get_slots_with_token().map_err(tok)? {
            let info = ctx.get_token_info(slot).map_err(tok)?;
            let label_ok = uri.token.as_deref().is_none_or(|t| info.label().trim_end() == t);
            let serial_ok = uri.serial.as_deref().is_none_or(|s| info.serial_number().trim_end() == s);
            if label_ok && serial_ok {
                found = Some(slot);
                break;
            }
        }
        let slot = found.ok_or_else(|| EsignError::NoToken { uri: uri_text.to_string() })?;
        let session = ctx.open_ro_session(slot).map_err(tok)?;
        let pin = pin()?;
        session
            .login(UserType::User, Some(&cryptoki::types::AuthPin::from(pin)))
            .map_err(|e| EsignError::Login { message: e.to_string() })?;
        let mut template = Vec::new();
        if let Some(label) = &uri.object {
            template.push(Attribute::Label(label.as_bytes().to_vec()));
        }
        if let Some(id) = &uri.id {
            template.push(Attribute::Id(id.clone()));
        }
        let find = |class: ObjectClass| -> Result<Option<ObjectHandle>, EsignError> {
            let mut t = template.clone();
            t.push(Attribute::Class(class));
            Ok(session.find_objects(&t).map_err(tok)?.into_iter().next())
        };
        let no_key = || EsignError::NoKey { from: uri_text.to_string() };
        let key = find(ObjectClass::PRIVATE_KEY)?.ok_or_else(no_key)?;
        let cert = find(ObjectClass::CERTIFICATE)?.ok_or_else(no_key)?;
        let der = session
            .get_attributes(cert, &[AttributeType::Value])
            .map_err(tok)?
            .into_iter()
            .find_map(|a| match a {
                Attribute::Value(v) => Some(v),
                _ => None,
            })
            .ok_or_else(no_key)?;
        let cert = Certificate::from_der(&der).map_err(|e| EsignError::Token { message: e.to_string() })?;
        // The token's other certificates: the issuing CAs, when the vendor stored them.
        let mut chain = vec![cert];
        let others = session.find_objects(&[Attribute::Class(ObjectClass::CERTIFICATE)]).map_err(tok)?;
        for h in others {
            let Ok(attrs) = session.get_attributes(h, &[AttributeType::Value]) else { continue };
            for a in attrs {
                if let Attribute::Value(v) = a {
                    if let Ok(c) = Certificate::from_der(&v) {
                        if c != chain[0] {
                            chain.push(c);
                        }
                    }
                }
            }
        }
        let chain = super::cms::order_chain(chain);
        Ok(Token { session: Mutex::new(session), key, chain, _ctx: ctx })
    }

    /// The signer's certificate first, then the CAs the token holds that issued it.
    pub fn chain(&self) -> &[Certificate] {
        &self.chain
    }

    /// Signs `data` on the token.
    pub fn sign(&self, kind: KeyKind, data: &[u8]) -> Result<Vec<u8>, EsignError> {
        let session = self.session.lock().unwrap_or_else(|p| p.into_inner());
        let err = |e: cryptoki::error::Error| EsignError::Sign { message: e.to_string() };
        match kind {
            KeyKind::Rsa(_) => session.sign(&Mechanism::Sha256RsaPkcs, self.key, data).map_err(err),
            KeyKind::RsaPss(_) => {
                let params = PkcsPssParams {
                    hash_alg: MechanismType::SHA256,
                    mgf: PkcsMgfType::MGF1_SHA256,
                    s_len: 32.into(),
                };
                session.sign(&Mechanism::Sha256RsaPkcsPss(params), self.key, data).map_err(err)
            }
            KeyKind::P256 | KeyKind::P384 => {
                // CKM_ECDSA signs a hash and returns r ‖ s; CMS wants the DER SEQUENCE.
                let hash = kind.hash().digest(&[data]);
                let raw = session.sign(&Mechanism::Ecdsa, self.key, &hash).map_err(err)?;
                raw_to_der(&raw).ok_or_else(|| EsignError::Sign { message: "ECDSA r‖s".into() })
            }
        }
    }
}

/// `r ‖ s` (two big-endian halves) as the DER `SEQUENCE { INTEGER r, INTEGER s }`.
fn raw_to_der(raw: &[u8]) -> Option<Vec<u8>> {
    if raw.is_empty() || !raw.len().is_multiple_of(2) {
        return None;
    }
    let (r, s) = raw.split_at(raw.len() / 2);
    let int = |x: &[u8]| {
        let x = &x[x.iter().take_while(|b| **b == 0).count().min(x.len() - 1)..];
        let mut v = vec![0x02];
        let pad = x[0] & 0x80 != 0;
        v.push((x.len() + usize::from(pad)) as u8);
        if pad {
            v.push(0);
        }
        v.extend_from_slice(x);
        v
    };
    let body: Vec<u8> = [int(r), int(s)].concat();
    let mut out = vec![0x30];
    if body.len() >= 0x80 {
        out.push(0x81);
    }
    out.push(body.len() as u8);
    out.extend_from_slice(&body);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uri_names_the_token_the_object_and_the_module() {
        let u = Uri::parse("pkcs11:token=VNPT%20CA;object=Ky%20so?module-path=/usr/lib/vnpt.so").unwrap();
        assert_eq!(u.token.as_deref(), Some("VNPT CA"));
        assert_eq!(u.object.as_deref(), Some("Ky so"));
        assert_eq!(u.module_path, "/usr/lib/vnpt.so");
        let u = Uri::parse("pkcs11:id=%01%a0;type=private?module-path=m.so").unwrap();
        assert_eq!(u.id, Some(vec![1, 0xa0]));
    }

    #[test]
    fn a_uri_without_a_module_or_with_a_pin_is_refused() {
        assert!(matches!(Uri::parse("pkcs11:token=a;object=b"), Err(EsignError::Uri { .. })));
        assert!(matches!(
            Uri::parse("pkcs11:token=a;object=b?module-path=m&pin-value=1234"),
            Err(EsignError::PinInUri)
        ));
        assert!(matches!(Uri::parse("pkcs11:token=a?module-path=m"), Err(EsignError::Uri { .. })));
    }

    #[test]
    fn raw_ecdsa_halves_become_der() {
        let mut raw = vec![0u8; 64];
        raw[0] = 0x80;
        raw[63] = 1;
        let der = raw_to_der(&raw).unwrap();
        assert_eq!(&der[..4], &[0x30, 0x26, 0x02, 0x21]);
        assert_eq!(&der[der.len() - 3..], &[0x02, 0x01, 0x01]);
    }
}
