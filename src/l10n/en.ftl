# English, on request (--lang en, or LANG=en…). Each message here has its twin in vi.ftl.

## verify: the verdict, one line

verify-valid = VALID — the digital signature is genuine: issued by the body below.
verify-invalid = NOT VALID — the code was altered or forged; trust nothing it says.
verify-unknown-key = UNKNOWN ISSUER — the code was signed with a key that is not in the trust lists given; it may be a forgery.
verify-revoked = REVOKED — the signature is genuine, but the certificate was revoked.
verify-no-code = NO QR CODE FOUND
verify-malformed = DAMAGED CODE — the code cannot be read: damaged, cut off, or not a verification code.
verify-key-compromised = CANNOT BE VERIFIED — the issuer's signing key was compromised, and this code is in none of the issuer's signed issuance ledgers; do not trust it.

## verify: what follows the verdict

verify-draft = This is a draft (a proof made by render): drafts carry no verification code. The certificate to check is the one issue wrote.
verify-detail = Detail: { $detail }
verify-no-code-hint = Hint: come closer, hold the phone straight, with enough light, and keep the whole code and the white margin around it in the frame; for a PDF, use the file as it was issued.
verify-issuer = Issued by (from the trust list): { $name } — { $domain }
verify-revoked-on = Revoked on { $date }, reason: { $reason }
verify-not-in-list = Not in the revocation list published on { $date }.
verify-compare = Compare the name, date of birth, serial and programme with the paper.
verify-unrecognised = Unrecognised field
verify-note = Note: { $note }

## verify: warnings

verify-warn-not-nfc = a text of the code is not in Unicode NFC.
verify-warn-no-list = revocation not checked: no revocation list of this issuer was given (--revoked, or revoked.json beside trust.json).
verify-warn-stored-differs = the code stored in the file's metadata differs from the code printed on the page; the printed code was judged.
verify-warn-list-outdated = this revocation list is past its next update ({ $date }): a newer list may revoke more; get the current one from the issuer.
verify-warn-stored-only = no printed code could be read on the page; judged by the copy stored in the file.
verify-warn-ledgered = the key that signed this code was later reported compromised, but the certificate is in an issuance ledger signed by the issuer's root key: it was genuinely issued.

## Reasons for revocation, in words

reason-issued-in-error = issued in error
reason-superseded = replaced by a reissued certificate
reason-fraud = fraud

## revoke

revoke-done = Revoked { $serial } ({ $name }, { $birth }) on { $date }, reason: { $reason }
revoke-already = { $serial } was revoked already on { $date }, reason: { $reason }; nothing changed.
revoke-other-reason = { $serial } was revoked already on { $date }, reason: { $reason }. The new reason ({ $asked }) was not recorded and nothing changed; to record it, run again with --change-reason.
revoke-reason-changed = Changed the revocation reason of { $serial }: { $from } → { $to }
revoke-matched = note: "{ $given }" read as serial { $serial } (case, spaces and hyphens ignored)

## Placeholders of a template, and the labels of message lines

placeholder-left = variable { $name } still holds the template's placeholder: "{ $value }"
placeholder-hint = write the issuing body's own text in the --vars file ({ $name } = "…", as examples/tan-binh-2019.toml does), or use --set { $name }=…
placeholder-draft = (a draft may keep it; issue refuses it until it is replaced)
placeholder-refused = Nothing was issued and the register is unchanged: a certificate never prints a placeholder.
label-error = error:
label-warning = warning:
label-hint = hint:
label-note = note:

## register backup

backup-done = Backed up the register { $register } to { $out }: { $certificates } certificates, { $kib } KiB, integrity check: ok.

## register audit

audit-summary = Audited the register { $register }: { $entries } certificates, { $pdfs } PDF files; { $problems ->
    [0] no problem.
    [one] one problem.
   *[other] { $problems } problems.
}

## Private keys with a passphrase

key-passphrase-prompt = Passphrase of the key { $file }: 
key-passphrase-new = Choose a passphrase for the private keys ({ $file }): 
key-passphrase-repeat = Type it again: 

## keys list, rotate, compromise

keys-list-head = Keys of { $issuer } (trust manifest seq { $seq }; root key fingerprint { $root }):
keys-state-in-use = signs now
keys-state-valid = valid (a newer key signs)
keys-state-announced = announced, not in use yet
keys-state-retired = retired
keys-state-compromised = COMPROMISED since { $since }
keys-private-here = (private key in this folder)
keys-retired = Key { $kid } signs nothing after { $until } (what it signed verifies forever).
keys-new = New signing key { $kid } in use from { $from }: { $file }
keys-publish = Re-signed { $trust } (seq { $seq }); publish it again with its .sig.
keys-compromised = Key { $kid } is now marked COMPROMISED since { $since }: it signs nothing more; what it signed is valid only where a signed issuance ledger lists it.
keys-already-compromised = Key { $kid } is marked compromised already; nothing changed.

## Issuance ledgers

ledger-written = Signed the issuance ledger { $file }; publish it with its .sig.
ledger-waiting = { $certificates } certificate(s) are in no signed issuance ledger yet: the root key ({ $root }) is needed. Run issue (or revoke) again with --root-key when you have it.
ledger-withheld = batch { $batch }: key { $kid } is compromised; the root key signs no more ledgers for it.
ledger-not-signed = the issuance ledger could not be signed

## What a verifier remembers

seen-not-saved = cannot write { $file } ({ $error }): an older list given next time will not be noticed.

## Notes on a roster

note-gender-nu = column { $column }: { $count } line(s) write the gender as "Nu" without its diacritic, read as "Nữ" (lines { $lines }); correct the roster to silence this note.
note-shrunk = { $origin }: the text of { $element } was set at { $to } pt instead of { $from } pt to fit its box; look at this page.
