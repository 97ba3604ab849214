# English, on request (--lang en, or LANG=en…). Each message here has its twin in vi.ftl.

## verify: the verdict, one line

verify-valid = VALID — the digital signature is genuine: issued by the body below.
verify-invalid = NOT VALID — the code was altered or forged; trust nothing it says.
verify-unknown-key = UNKNOWN ISSUER — the code was signed with a key that is not in the trust lists given; it may be a forgery.
verify-revoked = REVOKED — the signature is genuine, but the certificate was revoked.
verify-no-code = NO QR CODE FOUND
verify-malformed = DAMAGED CODE — the code cannot be read: damaged, cut off, or not a verification code.
verify-key-compromised = CANNOT BE VERIFIED — the issuer's signing key was compromised, and this code is in none of the issuer's signed issuance ledgers; do not trust it.
verify-revocation-unchecked = CANNOT CHECK REVOCATION — the signature is genuine, but without the issuer's latest revocation list it cannot be told whether the certificate still stands or was revoked; do not treat it as valid yet.

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
verify-warn-name-claimed = another key claims this issuer's name: the trust manifest { $others } gives the same { $what } but is signed by another root key. Only one of them is the real issuer: compare this code's root fingerprint ({ $root }) with the one the issuer publishes on its website, and pin it with --root.
issuer-field-name = name
issuer-field-id = id
issuer-field-domain = domain

## Reasons for revocation, in words

reason-issued-in-error = issued in error
reason-superseded = replaced by a reissued certificate
reason-fraud = fraud
err-reason-unknown = the reason "{ $given }" is not one of the revocation list's: use "cấp sai" (issued in error), "gian lận" (fraud) or "thay thế" (superseded)

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

## register find, register show

find-batch = batch { $batch }
find-more = … { $total } entries match; only the first { $shown } are shown: type more to narrow it down.
find-summary = { $n ->
    [0] No entry matches "{ $text }".
    [one] One entry matches "{ $text }".
   *[other] { $n } entries match "{ $text }".
}
show-serial = Serial
show-entry = Entry number
show-name = Name
show-birth = Born
show-issued = Issued on
show-batch = Batch
show-status = Status
show-decision = Decision
show-supersedes = Replaces
show-superseded-by = Replaced by
show-blanks = Blank
show-file = PDF file
show-history = History:
status-issued = Issued
status-reissued = Reissued on { $day }
status-revoked = Revoked on { $day }, reason: { $reason }
status-spoiled = Blank spoiled
event-issued = issued
event-reissued = reissued
event-revoked = revoked
event-reason-changed = revocation reason changed
event-printed-on-blank = printed on blank
event-blank-spoiled = blank spoiled

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
keys-compromised-publish = Publish { $trust } with its .sig and { $index } in .well-known/vncert/ on the verification site, and every file of { $ledgers } (each ledger with its .sig) in .well-known/vncert/ledger/, as `site` lays them out: the page fetches the ledgers that prove this key's genuine certificates, with no new `site` run.
keys-already-compromised = Key { $kid } is marked compromised already; nothing changed.

## Issuance ledgers

ledger-written = Signed the issuance ledger { $file } (every code of the batch, signed with the root key: it keeps the certificates verifiable should the signing key be compromised); publish it with its .sig on the verification site (run chungnhan site again).
ledger-waiting = { $certificates } certificate(s) are in no signed issuance ledger of whole codes (vncert-ledger/2) yet: the root key ({ $root }) is needed. Run issue (or revoke) again with --root-key when you have it.
ledger-index-written = Wrote { $file }, the index of the issuance ledgers: publish it beside trust.json (the verification page finds the ledgers through it).
ledger-upgraded = { $n } issuance ledger(s) of the old format (vncert-ledger/1, revocation ids only) rewritten as vncert-ledger/2, which lists whole codes: publish them with their .sig in place of the old ones.
ledger-not-upgraded = { $file } is of the old format (vncert-ledger/1) and lists { $n } certificate(s) that the register no longer has, so it was not rewritten from the register: run register audit. Until it is rewritten it cannot vouch for the certificates of its key should that key be compromised.
ledger-skipped = { $error } — this issuance ledger is left out; the others still count.
ledger-withheld = batch { $batch }: key { $kid } is compromised; the root key signs no more ledgers for it.
ledger-not-signed = the issuance ledger could not be signed

## What a verifier remembers

seen-not-saved = cannot write { $file } ({ $error }): an older list given next time will not be noticed.

## Notes on a roster

note-gender-nu = column { $column }: { $count } record(s) write the gender as "Nu" without its diacritic, read as "Nữ" ({ $sheet ->
        [yes] rows
       *[no] lines
    } { $lines }); correct the roster to silence this note.
note-shrunk = { $origin }: the text of { $element } was set at { $to } pt instead of { $from } pt to fit its box; look at this page.

## Summaries of the commands, and where a problem is

templates-default = (default)
register-waiting = waiting for another chungnhan run that is using { $file }
issue-revoked-kept = { $origin }: certificate { $serial } is revoked; not written again (--reissue issues a new one)
issue-revocations-waiting = the replaced certificates are not in the revocation list yet
issue-revocations-hint = run the same issue (or revoke) with --keys pointing at the folder where root-key.pem is kept; the list is signed with it
issue-summary = Register { $register }: { $new } new certificate(s){ $reissued }, { $unchanged } already registered
issue-reissued = ({ $n } reissued)
issue-summary-files = wrote { $written } file(s) ({ $pdfa }) to { $dir }{ $kept ->
        [0] {""}
       *[other] , left { $kept } file(s) as they were (already right)
    }
issue-summary-merged = print file { $file } ({ $pages } pages)
summary-skipped = skipped { $n } invalid record(s)
revocations-written = Wrote the revocation list { $file } ({ $n } { $n ->
        [one] entry
       *[other] entries
    }); publish it with its .sig on the verification site (run chungnhan site again).
revocations-unchanged = The revocation list { $file } is up to date ({ $n } { $n ->
        [one] entry
       *[other] entries
    })
site-wrote = Wrote the verification site for { $domain } to { $out } ({ $files } files)
site-pinned = Root key fingerprint pinned in the page: { $fingerprint }
site-serving = Serving the verification site in { $dir } on this computer at { $url } (Ctrl-C to stop)
site-upload = Upload { $out } to the web root of https://{ $domain }/ (see docs/site.md for each kind of host)
site-open = Open a certificate's address with https://{ $domain } replaced by http://{ $addr }, e.g. http://{ $addr }/c#…
export-wrote = Wrote { $n } register entries to { $out }
check-clean = { $file }: { $records } records, no problems
check-records-clean-vars-missing = { $file }: { $records } records without problems, but { $missing } course details are not filled in (see the errors above): nothing can be printed yet
check-problems = { $file }: { $problems } problem(s) in { $bad } of { $total } records
render-wrote-dir = Wrote { $n } certificates ({ $pdfa }) to { $dir }
render-wrote-dir-merged = Wrote { $n } certificates ({ $pdfa }) to { $dir }, merged print file { $merged }
render-wrote-merged = Wrote { $n } certificates ({ $pdfa }) into the print file { $merged }
render-wrote-nothing = Wrote nothing
demo-keys = Made throwaway keys in { $dir } (root fingerprint { $fingerprint })
demo-verified = Verified { $file }: { $message }
demo-try-verify = Check it yourself: chungnhan verify { $file } --trust { $trust }
demo-try-register = The register to print: chungnhan register export --register { $register } --out so-goc.pdf
demo-try-site = The page a phone opens when it scans a code: chungnhan site --keys { $keys } --out { $site } --serve
keygen-example-host = { $host } is a name for examples and tests: the QR codes will point to a page no phone can open; use the host where you publish the verification page
keygen-wrote = Wrote { $file }
keygen-kid = Signing key id: { $kid }
keygen-fingerprint = Root key fingerprint (publish it where verifiers can compare it): { $fingerprint }
keygen-keep = Keep { $root } where no network reaches it (a USB stick in a locked drawer, say), not on the computer that issues; publish trust.json, revoked.json and their .sig files on the verification site (chungnhan site).
label-caused-by = caused by:
origin-line = { $file }: record { $record } ({ $sheet ->
        [yes] row
       *[no] line
    } { $line })
problem-column = column { $column }
problem-element = column (template element { $element })
problem-also-in = (and the same in { $n } later { $n ->
        [one] record
       *[other] records
    })

## Errors, each where it is made

err-batch-invalid = { $problems } { $problems ->
        [one] problem
       *[other] problems
    } in { $records } { $records ->
        [one] record
       *[other] records
    }; nothing was written
err-batch-var = variable { $name }: { $message }
err-batch-unknown-var = variable { $name } (from { $given_by }) is not one this template knows
err-batch-placeholders = the template's placeholder text is still there: { $left }
err-cli-listen = cannot listen on 127.0.0.1:{ $port }
err-cli-serve = cannot serve the site on 127.0.0.1
err-cli-no-force = keygen --force is no longer accepted: keygen never replaces keys in { $path } (nothing was changed)
err-cli-need-root = revoke signs the revocation list with the issuer's root key, and cannot use it
err-error-empty-required = required field is empty
err-error-missing-glyph = character { $ch } is not in font { $font }
err-error-invalid-date = invalid date { $value }: { $reason }
err-error-invalid-gender = gender { $value } is neither Nam nor Nữ
err-error-line-break = line break inside the field
err-error-field-too-long = field is { $bytes } bytes long, over the limit of { $limit } bytes
err-error-wrong-field-count = has { $found } fields, the header has { $expected }
err-error-text-overflow = text of element { $element } does not fit its box even at { $min_size_pt } pt: { $text }
err-error-template = template element { $element }: { $message }
err-error-empty-file-name = file name pattern gave an empty name
err-error-invalid-bytes = byte { $offset } is not valid UTF-8
err-error-invisible-removed = removed the invisible character { $ch }
err-error-look-alike = character { $ch } looks like { $looks_like } but is { $what }
err-error-duplicate = { $value } is already used by record { $record } ({ $sheet ->
        [yes] row
       *[no] line
    } { $line })
err-error-claim = cannot sign: { $problem }
err-error-qr-too-large = { $message }
err-error-same-identity = is the same record as record { $record } ({ $sheet ->
        [yes] row
       *[no] line
    } { $line }): equal { $key }
err-error-same-person = { $name }, born { $year_only ->
        [yes] in
       *[no] on
    } { $born }, appears twice: the same name and date of birth as record { $record } ({ $sheet ->
        [yes] row
       *[no] line
    } { $line })
err-error-issued-before = { $name }, born { $year_only ->
        [yes] in
       *[no] on
    } { $born }, already holds certificate { $serial } (batch { $batch }, record { $record }): the same name and date of birth
err-error-changed = differs from certificate { $serial } issued on { $issued }: { $changes }
err-error-number-taken = { $value } is already in the register: { $holder }
err-error-code-page-damage = { $value } was damaged by a wrong code page; it most likely reads { $reading }
err-error-code-page-repaired = { $from } read as { $to } (UTF-8 text that had been shown as { $page } and saved again)
err-error-io-error = { $action } { $path }
err-record-missing-columns = { $file }: missing required { $count ->
        [one] column
       *[other] columns
    } { $missing }; found: { $found }
err-record-name-part-unread = { $file }: column { $column } has no header but { $count } cells that read like { $side ->
        [left] the first part
       *[right] the rest
    } of a name (e.g. "{ $sample }" on { $sheet ->
        [yes] row
       *[no] line
    } { $line }), beside the column "{ $beside }": read without it, names would print short
note-columns-unread = { $count ->
        [one] a column has values that nothing reads; it is not printed
       *[other] columns have values that nothing reads; they are not printed
    }: { $columns }; if the template needs one, head it with the field's name or use --map "Header=field"
column-with-header = column { $column } "{ $header }"
column-without-header = column { $column } (no header)
err-roster-not-utf8 = { $file }: line { $line }: byte { $offset } is not valid UTF-8
err-roster-lossy-export = { $file }: line { $line }: { $example }: the Vietnamese letters were replaced by '?' when the file was saved
err-roster-sheet = { $file }: cannot read the workbook
err-roster-not-in-encoding = { $file }: the bytes are not valid { $encoding }
err-roster-not-utf16 = { $file }: starts like a UTF-16 file (Excel "Unicode Text") but is not valid UTF-16
err-roster-empty = { $file }: the roster is empty
err-roster-too-large = { $file }: the roster is { $bytes } bytes, over the limit of { $max_file_bytes } bytes
err-roster-map-no-column = { $file }: --map { $given }: the roster has no column { $header }; its columns: { $found }
err-roster-map-unknown-field = --map { $given }: the template has no field { $field }; did you mean { $nearest }?
err-roster-csv = { $file }: line { $line }: { $message }
err-roster-changed = { $file }: the file changed while it was being read
err-sheet-open = not a readable spreadsheet
err-sheet-too-large = { $what } is over the limit of { $limit }: { $found }
err-sheet-no-sheet = no sheet { $name }; the sheets are: { $found }
err-export-format = { $path }: unknown format; the file name must end in .csv, .xlsx or .pdf
err-export-xlsx = { $path }: cannot write the workbook
err-export-layout = entry { $serial }: { $message }
err-issue-other-roster = batch { $batch } in the register was issued from { $registered }, not from { $given }
err-register-sql = register { $path }: SQLite refused the request
err-register-upgrade = register { $path }: cannot upgrade it to schema version { $version }
err-register-damaged = register { $path }: batch { $batch }: stored issue date { $value } is not a date
err-register-io = register { $path }: cannot { $action }
err-register-missing = register { $path }: no such file
err-register-newer = register { $path }: schema version { $found } is newer than this chungnhan knows ({ $schema_version })
err-register-unknown-serial = register { $path }: no certificate has số hiệu { $serial }
err-register-backup-exists = { $out } exists; a backup never overwrites a file
err-register-backup-damaged = the copy { $out } failed SQLite's integrity check: { $report }
err-register-ambiguous-serial = register { $path }: { $serial } could be any of { $found }
err-fonts-font-error = { $path }: not a usable TrueType/OpenType font
err-pdf-asset = { $path }: { $message }
err-pdf-page-size = cannot make a PDF page of { $size }: a page must be larger than 0 and at most 5080 mm each way
err-pdf-font = cannot embed a font in the PDF file
err-pdf-image = cannot embed one of the template's images in the PDF file
err-pdf-background = cannot embed the template's PDF background page
err-pdf-limit = a page holds a measure or a list beyond what the PDF format allows
err-pdf-archival = the file does not meet the PDF/A-2b archival standard: { $rules }
err-pdf-internal = a bug in chungnhan while writing the PDF ({ $what })
pdf-rule-restricted-font = a font whose licence forbids embedding it in documents
pdf-rule-missing-glyph = text the font has no glyph for
pdf-rule-text-meaning = a glyph tied to no Unicode character, so copied text would be wrong
pdf-rule-interpolation = an image smoothed when enlarged
pdf-rule-embedded = an embedded file or PDF page
pdf-rule-other = rule { $rule }
hint-pdf-asset = open the image or PDF background in a viewer to check it; save it as PNG, JPEG or a PDF without a password and run again
hint-pdf-page-size = fix the page size (width_mm, height_mm) in template.toml
hint-pdf-font = try another font in the template's [fonts], or remove [fonts] to use the bundled Liberation Serif
hint-pdf-limit = check the measures in template.toml: a position or a font size may be far too large
hint-pdf-archival = change the font or image named above; a template with a PDF background makes plain PDF, not PDF/A
hint-pdf-internal = this is a bug in the program; please send this message and the template to the developers
err-fonts-restricted = { $path }: this font's licence (family { $family }) forbids embedding it in documents, so it cannot print
hint-fonts-restricted = choose a font whose licence allows embedding (fonts under the SIL OFL do), or remove [fonts] to use the bundled Liberation Serif
hint-fonts-font-error = the file must be a TrueType (.ttf) or OpenType (.otf) font; open it in a font viewer to check it
err-claims-cbor = claims are not valid CBOR: { $problem }
err-claims-not-deterministic = claims are not in deterministic CBOR encoding (non-minimal, unsorted or indefinite)
err-claims-trailing = { $count } trailing byte(s) after the claims
err-claims-duplicate-key = claim key { $key } appears twice
err-claims-missing = required claim { $key } ({ $claim_name }) is missing
err-claims-too-long = claim { $field } is { $bytes } bytes, over the limit of { $limit }
err-claims-control-character = claim { $field } contains the control character U+{ $code }
err-claims-bad-legacy-text = claim { $claim }: the windows-1258 text form does not decode
err-claims-out-of-calendar = claim { $field } is not a date between 01/01/0001 and 31/12/9999
err-claims-no-serial = the serial (số hiệu) is empty: every issued certificate needs one
err-claims-no-name = the name is empty
err-claims-no-issue-date = the issue date (ngay_cap) is empty
err-claims-not-a-date = claim { $claim }: { $value } is not a date
err-claims-not-a-year = claim { $claim }: { $value } is not a year
err-claims-birth-date = claim birth_date: { $value }: { $reason }
err-keys-folder = cannot create folder { $path }
err-keys-folder-holds-keys = { $dir } already holds an issuer's keys ({ $entry }); keygen never replaces them (nothing was changed)
err-keys-invalid = { $problem }
err-keys-key-not-in-manifest = { $signing }: the signing key { $kid } is not an active key of { $trust }
err-keys-expired = the signing key { $kid } expired on { $until }; no key of { $trust } may sign on { $day }
err-keys-compromised = the signing key { $kid } is marked compromised in { $trust }; it signs nothing more
err-keys-no-key-for-day = no signing key of { $trust } may sign on { $day }
err-keys-private-key-missing = the private key of signing key { $kid } is not in { $dir } ({ $file } is missing)
err-keys-no-such-key = { $trust } has no signing key { $kid }; its keys: { $known }
err-keys-rotation-too-far = --from { $from } is too far ahead: a new key may be announced up to { $latest } (three years); check the date typed
err-keys-rotation-in-the-past = --from { $from } is before today ({ $today }): a new key starts today or later
err-qr-too-large = the verification code needs version { $version_m } at level M ({ $modules_m } modules, { $module_mm } mm each at { $width_mm } mm), smaller than the { $min_module_m_mm } mm a phone reads reliably
scan-over-time = reading the { $what } took longer than { $seconds } s, the limit for one certificate: no ordinary scan, photo or certificate PDF takes that long
scan-over-memory = reading the { $what } needed more than { $mib } MiB of memory, the limit for one certificate
err-scan-image = not a readable PNG or JPEG image: { $problem }
err-scan-pdf = not a readable PDF: { $problem }
err-scan-too-large = { $budget }
err-seen-older = { $path }: this { $what } has seq { $seq }, older than seq { $seen } already checked on this computer; it is refused
err-seen-unreadable = { $path }: not a state file of chungnhan: { $message }
err-sign-io = { $action } key file { $path }
err-sign-bad-private-key = { $path }: not a PKCS#8 PEM P-256 private key
err-sign-exists = { $path } exists; refusing to overwrite a key
err-sign-need-passphrase = { $path } is encrypted and no passphrase was given
err-sign-wrong-passphrase = the passphrase does not open { $path }
err-sign-short-passphrase = a new passphrase for { $path } needs at least { $min } characters: a short one keeps the key no safer than none
err-sign-bad-public-key = public key { $kid }: { $message }
err-token-not-a-code = not a verification code: expected https://HOST/c#DIGITS
err-token-not-digit = the code contains { $found }, which is not a digit
err-token-bad-group-length = the code's last group has { $digits } digits, which no byte count gives
err-token-group-too-large = a digit group of the code is too large for its bytes
err-token-bad-length = the code holds { $bytes } bytes, not a certificate record (expected { $min_blob }–{ $max_blob })
err-token-unknown-header = unknown format header 0x{ $header }
err-trust-io = { $action } { $path }
err-trust-not-a-file = { $path } is not a regular file (a device, a pipe or a folder, perhaps): not read
err-trust-too-big = { $path } is larger than { $limit } MiB, more than any genuine trust manifest, revocation list or issuance ledger: not read
err-trust-format = { $path }: not a { $what }: { $message }
err-trust-bad-signature = { $path }: its signature ({ $sig }) does not check against the issuer's root key
err-trust-not-pinned = { $path }: root key { $found } is not the pinned root { $pinned }
err-trust-bad-key = { $path }: key { $kid }: { $message }
err-template-not-found = no template { $name }: not a built-in template, and no folder with a template.toml there
err-template-io = { $file }: cannot read { $what }
err-template-syntax = { $file }: { $message }
err-template-element = { $file }: element { $element }: { $message }
err-template-expression = { $file }: { $place }: { $message }
err-template-font = { $file }: { $source }
err-template-invalid = { $file }: { $message }

## Hints: what the user can do about an error

hint-batch-known = the variables and fields it knows: { $known }
hint-batch-near = did you mean { $near }? (the variables and fields it knows: { $known })
hint-batch-placeholders = write the issuing body's own text for each in the --vars file (e.g. { $name } = "…", as examples/tan-binh-2019.toml does), or with --set { $name }=…
hint-batch-var = set it with --set ngay_cap=2019-12-20 or in the --vars file
hint-record-empty = fill in the cell; a certificate is never printed with this left blank
hint-record-cjk = write the name in Vietnamese letters (quốc ngữ), as on the identity document
hint-record-date = write dates as day/month/year (07/04/1975), as ISO (1975-04-07), or a bare year (1975)
hint-record-gender = write Nam or Nữ
hint-record-line-break = remove the line break (Alt+Enter in Excel) from the cell
hint-record-too-long = shorten the cell; it is far longer than anything a certificate can print
hint-record-more-fields = a value probably contains the separator without quotes; quote it, or save again from Excel as "CSV UTF-8"
hint-record-fewer-fields = fill the missing cells, or save again from Excel as "CSV UTF-8"
hint-record-overflow = shorten the text, or give the element a larger box or a smaller min_size in the template
hint-record-file-name = use a file name pattern that includes stt or ho_ten
hint-record-bytes = retype the cell, or save the roster from Excel as "CSV UTF-8 (Comma delimited)"
hint-record-invisible = nothing to do: it was invisible and is gone; check the cell if it was pasted
hint-record-duplicate = each certificate needs its own number; correct one of the two
hint-record-serial = fill in so_hieu for this record, or give the template a [register] so_hieu pattern (or --set mau_so_hieu=...)
hint-record-same-identity = give each record its own stt, or declare the fields that tell records apart in the template's [register] key
hint-record-same-person = if it is one person, remove the repeated record; if they really are two people of one name and date of birth, put an x in a "Trùng tên" column on the later record, or run with --allow-duplicates (names are compared regardless of case, spacing and where the tone mark sits: Hoà and Hòa are one name)
hint-record-issued-before = if it is that same person, take this record out of the roster (the certificate issued stays valid); if they really are two people of one name and date of birth, put an x in a "Trùng tên" column on this record, or run with --allow-duplicates
hint-record-changed = rerun with --reissue to replace the certificate with a new one under new numbers (the old one is then listed as superseded), or put the record back as it was
hint-record-number-taken = a number is never given twice: leave the cell empty so the register numbers the record, or give an unused number
hint-record-claim = fix the value, or the [claims] section of the template
hint-record-code-page-damage = this text was damaged when the file was saved through a wrong code page (bytes are lost): type it again from the original, or save the sheet from Excel as "CSV UTF-8 (Comma delimited)"
hint-record-code-page-repaired = nothing to do for this run; correct the cell in the roster (save it as "CSV UTF-8") so it reads right everywhere
hint-record-qr-too-large = shorten or abbreviate the programme title (chuong_trinh), sign a programme code instead, or enlarge the template's qr element
hint-record-missing-glyph = remove or replace { $ch }, or use a template whose font has it
hint-record-look-alike = replace { $ch } with { $looks_like }: on screen they look the same, in the name they are different letters
hint-columns-lossy = the headers have "?" where Vietnamese letters were: the file was saved by Excel as "CSV (Comma delimited)", which loses them for good; save it again from Excel as "CSV UTF-8 (Comma delimited)"
hint-columns-name = name the column as the template does (e.g. ho_ten, ngay_sinh) or with a Vietnamese label such as "Họ và tên", "Ngày sinh"; a name split in two columns may be "Họ và tên đệm" (or "Họ đệm", "Họ lót", "Họ") and "Tên"
hint-name-part-unread = { $side ->
        [left] head column { $column } "Họ đệm" and the column of "{ $beside }" "Tên"
       *[right] head the column of "{ $beside }" "Họ đệm" and column { $column } "Tên"
    }, or write the whole name in one column; if column { $column } is not part of the name, give it a header of its own
hint-roster-encoding = save the roster from Excel as "CSV UTF-8 (Comma delimited)", or name its encoding with --encoding (windows-1258, tcvn3, vni)
hint-roster-lossy = this cannot be repaired: save the sheet again from Excel as "CSV UTF-8 (Comma delimited)", not "CSV (Comma delimited)"
hint-roster-empty = the first line must be the header (stt,ho_ten,ngay_sinh,…)
hint-roster-csv = check the quotes around that line, or save again from Excel as "CSV UTF-8"
hint-roster-changed = let nobody save or copy over the roster while the command runs, then run it again: nothing was written
hint-roster-map = write --map "column as in the header=template field", e.g. --map "Quê=noi_sinh"; `chungnhan check` lists the columns it found
hint-roster-too-large = no real roster is that large: copy just the roster's rows and columns into a new workbook, or save it as "CSV UTF-8 (Comma delimited)"; nothing was written
hint-register-missing = give the register that `issue` wrote with --register FILE (default chungnhan.sqlite in the folder issue ran in)
hint-register-newer = use the chungnhan version that wrote it, or a newer one
hint-register-not-db = --register must name the SQLite register that issue keeps (chungnhan.sqlite by default)
hint-register-serial = check the serial on the certificate; `chungnhan register export --out so-goc.csv` lists them all
hint-register-ambiguous = write the serial exactly as it is printed
hint-register-backup-exists = give a new file name, e.g. with the date: --out so-goc-2026-12-01.sqlite
hint-register-backup-damaged = run the backup again; if it fails again, keep the register as it is and copy it while no run is going
hint-register-serial-near = did you mean { $near }? check the serial on the certificate; `chungnhan register export --out so-goc.csv` lists them all
hint-issue-other-roster = name the batch: --batch { $batch } to go on with that batch from this file, or a new name (e.g. --batch khoa-2) for another course
hint-keys-make = make the key folder with `chungnhan keygen --out DIR`
hint-keys-holds = a new root key would make every certificate issued so far unverifiable: keep these keys, or make keys for a new issuer in an empty folder (--out DIR)
hint-keys-rotate = make a new signing key with `chungnhan keys rotate --keys DIR` (it needs the root key), then publish trust.json and trust.json.sig again
hint-keys-private-missing = issue on the machine where `keys rotate` made that key, or copy its file here
hint-keys-list = `chungnhan keys list --keys DIR` shows every key with its id
hint-keys-passphrase = type the passphrase when asked (in a terminal), or set { $env }
hint-trust-bad-signature = the file was changed after it was signed, or its .sig belongs to another issuer; get both again from the issuer
hint-seen-older = get the issuer's current trust.json and revoked.json (with their .sig) from its website; an older copy may hide a compromised key or a revocation. The numbers seen are kept in { $state }
hint-seen-unreadable = move the file away (a new one is started), or give another folder with --state DIR
hint-site-keys = give --keys the folder keygen made (it holds trust.json and revoked.json)
hint-template-not-found = run `chungnhan templates` to list the built-in ones
hint-cli-need-root = run revoke with --keys pointing at the folder keygen made, where root-key.pem is kept (nothing was changed)
hint-cli-no-force = replacing the root key would make every certificate issued so far unverifiable: keep the keys, or use a new folder for a new issuer
hint-cli-listen = choose another port with --port N, or --port 0 for any free one

## --help: what each command and option is for (the English is also the doc comment in cli/mod.rs)

help-about = Giấy chứng nhận hàng loạt: a roster (CSV) and a template become personalised Vietnamese certificates as print-ready PDF files.
help-arg-lang = Language of messages and reports: vi (Vietnamese, the default) or en. Without it, an LC_ALL, LC_MESSAGES or LANG that starts with "en" chooses English
help-demo-about = The whole job on the built-in sample (218 cadres): throwaway keys, signed certificates, a check
help-demo-long =
    The whole job on the built-in sample (218 cadres): throwaway keys, signed certificates, a check.

    Makes keys in DIR/keys, issues the sample roster with the default template into DIR, and verifies the first certificate. Needs no other file. Example: chungnhan demo --out demo
help-demo-arg-out = Folder to write the certificates into (created if missing)
help-arg-quiet = Do not draw a progress bar
help-render-about = Draft certificates for checking a layout: one PDF per record (not signed, not numbered)
help-render-long =
    Draft certificates for checking a layout: one PDF per record (not signed, not numbered).

    Everything is checked before anything is written; with any invalid record nothing is written and every problem is listed.

    Example: chungnhan render --roster hocvien.csv --vars khoa-2019.toml --out ban-nhap --merged ban-nhap/tat-ca.pdf
help-arg-roster = The roster: a CSV file with a header line (UTF-8, UTF-16, Windows-1258, TCVN3 or VNI; `,`, `;` or tab separated), or an Excel/LibreOffice workbook (.xlsx, .xls, .ods)
help-arg-template = A built-in template name (see `chungnhan templates`) or a template folder
help-arg-sheet = For a workbook (.xlsx, .xls, .ods): the sheet to read (default: the first)
help-arg-encoding = The roster's encoding, if detection gets it wrong: utf-8, utf-16le, utf-16be, windows-1258, tcvn3, vni
help-arg-vars = A TOML file of variables (issuing body, programme, place, date, signer…)
help-arg-set = Set one variable; wins over --vars and the template. Repeatable
help-arg-map = Take a roster column for a template field, whatever its header: --map "Quê=noi_sinh". Repeatable
help-arg-allow-duplicates = Records of one name and date of birth are different people: issue them all (without it, a person is issued once; mark single records with an x in a "Trùng tên" column)
help-arg-out = Folder for the PDF files, one per record (created if missing)
help-arg-merged = Also (or, without --out, only) write every certificate into this one print file
help-arg-name = File name pattern (tera), e.g. "{"{"}{"{"} so_hieu {"}"}{"}"}.pdf". Default: the template's, usually "{"{"}{"{"} stt {"}"}{"}"}-{"{"}{"{"} ho_ten | slug {"}"}{"}"}.pdf"
help-arg-sort = Order of the print run: roster (default) or ten (by given name in Vietnamese collation, then full name, then stt)
help-arg-jobs = Worker threads (default: all cores)
help-arg-skip-invalid = Write the valid records and list the invalid ones (exit 1) instead of writing nothing
help-check-about = Read and check everything `render` would, write nothing, and list every problem
help-check-long =
    Read and check everything `render` would, write nothing, and list every problem.

    Example: chungnhan check --roster hocvien.csv --vars khoa-2019.toml
help-check-arg-format = text (default), or json: one object with every problem, for scripts
help-keygen-about = Create the issuer's keys: a root key, a signing key, and the signed trust manifest
help-keygen-long =
    Create the issuer's keys: a root key, a signing key, and the signed trust manifest.

    Writes DIR/root-key.pem (or --root-key FILE) and DIR/signing-key.pem (private, mode 0600, encrypted with --encrypt), DIR/trust.json (publish it) and an empty DIR/revoked.json, each with a .sig signed by the root key. Prints the root key's fingerprint for the issuer to publish. Never prints key material.

    Example: chungnhan keygen --out khoa --issuer "Trung tâm Bồi dưỡng chính trị quận Tân Bình" --host xacthuc.tanbinh.edu.vn
help-keygen-arg-out = Folder for the keys (created if missing)
help-keygen-arg-issuer = The issuing body's name, as verifiers will show it (required: it is what a phone shows)
help-keygen-arg-host = The verification host printed in every QR code (https://HOST/c#…), e.g. xacthuc.truong.edu.vn (required: it is printed on every certificate)
help-keygen-arg-force = Refused: keygen never replaces keys (kept so that old scripts get a clear answer)
help-keygen-arg-root-key = Write the root key here instead of DIR/root-key.pem (a USB stick kept offline)
help-keygen-arg-encrypt = Encrypt both private keys with a passphrase (CHUNGNHAN_PASSPHRASE, or typed twice)
help-issue-about = Issue signed certificates: numbered in the register, signed, with their verification QR code
help-issue-long =
    Issue signed certificates: numbered in the register, signed, with their verification QR code.

    Like render, but each record is numbered in the issuance register (số hiệu and số vào sổ from the template's [register] patterns, unless the roster gives them), the claims of the template's [claims] are signed — with the key of DIR whose window holds today, and today as the signing date — and the QR code (https://HOST/c#…) is drawn in the qr element. The numbers are committed before any file is written. With the root key at hand, the batch's issuance ledger (DIR/ledger/) is signed too; without it, it waits for the next run. Rerunning the same roster issues nothing new and leaves the files as they are; a record changed since it was issued is refused unless --reissue.

    Example: chungnhan issue --roster hocvien.csv --vars khoa-2019.toml --keys khoa --out chung-nhan
help-issue-arg-keys = The key folder made by keygen
help-issue-arg-root-key = The root key, when it is not in the key folder: with it, issue signs the batch's issuance ledger (and any pending revocation list) at once
help-issue-arg-register = The issuance register (SQLite), created if missing
help-issue-arg-batch = The batch's name in the register: a rerun with the same name recognises its records. Default: the roster's file name
help-issue-arg-reissue = Replace the certificates of records that changed since they were issued: new certificates under new numbers; the old ones are marked reissued and listed as superseded
help-revoke-about = Revoke a certificate: mark it in the register and publish the signed revocation list
help-revoke-long =
    Revoke a certificate: mark it in the register and publish the signed revocation list.

    Writes DIR/revoked.json and its .sig (signed with DIR/root-key.pem); publish both next to trust.json. Verifiers then report the certificate as revoked (exit 3) with date and reason.

    Example: chungnhan revoke CNKT19-0042 --register chungnhan.sqlite --keys khoa --reason "cấp sai" --decision "Quyết định số 12/QĐ-TTBD ngày 02/03/2020"
help-revoke-arg-serial = The số hiệu of the certificate
help-revoke-arg-register = The register issue wrote
help-revoke-arg-keys = The key folder (its root key signs the list)
help-revoke-arg-reason = The reason: "cấp sai" (issued in error), "gian lận" (fraud) or "thay thế" (superseded), with or without diacritics; the codes issued_in_error, fraud and superseded are accepted too
help-revoke-arg-decision = The revocation decision (số, ngày), kept in the register and its exports
help-revoke-arg-change-reason = For a certificate revoked already: record this reason (and decision) instead of the one it has. Without it, a different reason changes nothing
help-arg-root-key = The root key, when it is not in the key folder
help-keys-about = The signing keys over the years: list them, rotate to a new one, report one compromised
help-keys-list-about = Every signing key of the folder's manifest: id, state today, window, private key here
help-keys-list-long =
    Every signing key of the folder's manifest: id, state today, window, private key here.

    Example: chungnhan keys list --keys khoa
help-arg-keys = The key folder made by keygen
help-keys-rotate-about = A new signing key from a day on; the keys open then are retired on that day
help-keys-rotate-long =
    A new signing key from a day on; the keys open then are retired on that day.

    Re-signs trust.json with the root key (seq + 1). A later --from announces the key ahead, as verifiers should know a key before its first certificate. Retired keys stay in the manifest: what they signed verifies forever. Publish trust.json and its .sig again.

    Example: chungnhan keys rotate --keys khoa --from 2027-01-01
help-keys-rotate-arg-from = First day of the new key (YYYY-MM-DD or dd/mm/yyyy; default today)
help-keys-compromise-about = Report a signing key stolen or leaked: it signs nothing more, and what it signed is valid only where a root-signed issuance ledger lists it
help-keys-compromise-long =
    Report a signing key stolen or leaked: it signs nothing more, and what it signed is valid only where a root-signed issuance ledger lists it.

    Re-signs trust.json with the root key (seq + 1); if the key was the one in use, a new key signs from today. Publish trust.json and its .sig at once.

    Example: chungnhan keys compromise --keys khoa --kid 1a2b3c4d --since 2026-11-20
help-keys-compromise-arg-kid = The key's id (keys list shows it)
help-keys-compromise-arg-since = Since when it may have been in other hands (YYYY-MM-DD or dd/mm/yyyy)
help-register-about = The issuance register (sổ gốc)
help-register-export-about = Export the register: .csv (UTF-8 with BOM, for Excel), .xlsx, or .pdf (the printable sổ gốc)
help-register-export-long =
    Export the register: .csv (UTF-8 with BOM, for Excel), .xlsx, or .pdf (the printable sổ gốc).

    Example: chungnhan register export --register chungnhan.sqlite --out so-goc.pdf
help-arg-register = The register
help-register-export-arg-out = The file to write; its extension chooses the format
help-register-export-arg-batch = Only this batch
help-register-export-arg-sort = so (default): in the order the entries were made; ten: by given name (Vietnamese)
help-register-audit-about = Audit the register against what was signed: every entry's code verifies, its columns and its record (what print prints) equal its signed claims, its status is the signed revocation list's, every issued certificate has its PDF, each PDF is the file issued and holds its own code, no number or file is given twice. Exit 0 clean, 1 with every problem naming the serial
help-register-audit-long =
    Audit the register against what was signed: every entry's code verifies, its columns and its record (what print prints) equal its signed claims, its status is the signed revocation list's, every issued certificate has its PDF, each PDF is the file issued and holds its own code, no number or file is given twice. Exit 0 clean, 1 with every problem naming the serial.

    Example: chungnhan register audit --register chungnhan.sqlite --keys khoa
help-register-audit-arg-keys = The issuer's key folder (its trust.json and revoked.json are read)
help-register-find-about = Find entries in the register: by name (diacritics not needed), serial, entry number or batch
help-register-find-long =
    Find entries in the register: by the holder's name (diacritics and case ignored), serial (hyphens ignored), entry number or batch name. Exit 0 when something matches, 1 when nothing does.

    Example: chungnhan register find "nguyen van an"
help-register-find-arg-text = What to look for: words of the name, a serial, an entry number or a batch name
help-register-show-about = Show one register entry whole: its numbers, holder, batch, status, blank, file and history
help-register-show-long =
    Show one register entry whole: its numbers, holder, batch, status, blank, file and history.

    Example: chungnhan register show CNKT19-0042
help-register-show-arg-serial = The serial, as it reads on paper (case, spaces and hyphens ignored)
help-register-backup-about = Back up the register: SQLite's online backup into a new file, checked for integrity
help-register-backup-long =
    Back up the register: SQLite's online backup into a new file, checked for integrity.

    Safe while another run issues: the copy holds one committed state. Never overwrites.

    Example: chungnhan register backup --register chungnhan.sqlite --out so-goc-2026-12-01.sqlite
help-register-backup-arg-out = The copy to write (must not exist)
help-site-about = Write the verification site: the page a phone opens from https://HOST/c#… and the lists
help-site-long =
    Write the verification site: the page a phone opens from https://HOST/c#… and the lists.

    Writes DIR/c/index.html (and c.html, index.html), DIR/sw.js and DIR/.well-known/vncert/ (trust.json, revoked.json and their .sig, copied from the key folder). Upload DIR to the web root of HOST. The page checks codes in the browser and sends nothing anywhere. With --serve, serves DIR on 127.0.0.1 to try it: open the QR address with https://HOST replaced by the address printed.

    Example: chungnhan site --keys khoa --out xacthuc --serve
help-site-arg-keys = The key folder (its trust.json and revoked.json are published)
help-site-arg-out = The folder to write the site into (created if missing)
help-site-arg-serve = Then serve it on 127.0.0.1 until interrupted
help-site-arg-port = Port for --serve (0: any free one)
help-verify-about = Verify a certificate: the QR text or URL, a PNG/JPEG scan or photo, or the PDF
help-verify-long =
    Verify a certificate: the QR text or URL, a PNG/JPEG scan or photo, or the PDF.

    Exit codes: 0 valid, 1 signature invalid (forged or altered), 2 unknown issuer key, 3 revoked, 4 no QR code found, 5 malformed code, 6 signed with a compromised key and in no signed issuance ledger, 7 cannot check revocation (this computer has seen the issuer's revocation list, and none or an older one was given).

    Example: chungnhan verify chung-nhan/001-ly-xuan-tri.pdf --trust khoa/trust.json
help-verify-arg-input = The QR text or URL, or a PDF, PNG or JPEG file
help-verify-arg-trust = A trust manifest (trust.json, or the folder holding it). Repeatable. A revoked.json next to it is read too
help-verify-arg-revoked = A revocation list (revoked.json) signed by a trusted root
help-verify-arg-root = Require the manifests' root key to have this fingerprint
help-verify-arg-json = Print one JSON object instead of text
help-verify-arg-state = Where this computer keeps the highest seq seen of each issuer's manifest and list (default: the user's data folder), so that an older manifest is refused and a withheld or older revocation list is said (exit 7)
help-scan-pdf-page-about = Internal: renders the PDF on standard input and prints the code on its first page. Run by `verify` as a child process held to a time and memory budget; not for people
help-scan-pdf-page-arg-dpi = Resolution of the render
help-scan-image-about = Internal: reads the image on standard input and prints the code in it. Run by `verify` as a child process held to a time and memory budget; not for people
help-usage = Usage:
help-commands = Commands:
help-arguments = Arguments:
help-options = Options:
help-flag-help = Print help (see a summary with -h)
help-flag-version = Print version
help-after =
    Start with `chungnhan demo --out demo`: it makes throwaway keys, issues the built-in sample of 218 signed certificates, and verifies the first one.
    
    Exit codes of render, check, issue, keygen, revoke, register export, site: 0 everything written; 1 some records skipped (--skip-invalid); 2 nothing written (bad input, bad template, bad key, I/O error).
    Exit codes of verify: 0 valid, 1 invalid, 2 unknown issuer key, 3 revoked, 4 no QR code found, 5 malformed code, 6 signed with a compromised key and in no signed issuance ledger, 7 cannot check revocation (a list seen before was withheld or is older).
    101 is a fault of the program itself, always a bug: please report it with the command you ran.

## Why a date is refused

date-excel-serial = looks like an Excel date serial number; format the column as text dd/mm/yyyy
date-not-a-date = not a date
date-four-digit-year = the year must have four digits
date-expected-dmy = expected day/month/year
date-placeholder = 00/00 is a placeholder; write only the year ({ $year }) if the day is not known
date-no-month-dmy = there is no month { $month }; dates are day/month/year
date-after-issue = is after the issue date { $latest }
date-implausible-year = year { $year } is not plausible for a date of birth
date-not-a-number = { $value } is not a number
date-no-month = there is no month { $month }
date-not-leap = { $year } is not a leap year
date-no-day = month { $month } has no day { $day }
date-expected-iso = expected YYYY-MM-DD

## How a roster was read, and the progress bar

roster-note-read-as = read as { $encoding }
roster-note-forced = read as { $encoding } (as --encoding asked)
roster-note-no-bom = read as { $encoding } (no byte order mark)
roster-note-repaired = repaired: the text was { $encoding } shown as Windows-1252 and saved again as UTF-8 ({ $sample } now read correctly)
roster-note-semicolon = fields separated by ';' (as Excel writes where the decimal separator is a comma)
roster-note-tabs = fields separated by tabs
roster-note-sheet = read sheet { $sheet }, header on row { $row }
roster-note-sheet-two-rows = read sheet { $sheet }, a header of two rows on rows { $row } and { $second }
roster-note-two-row-header = read a header of two lines (lines 1 and 2) as one
progress-checking = checking
progress-writing = writing

## verify: the detail of a verdict

detail-malformed = malformed code: { $error }
detail-attributed = cannot be attributed: the signing key { $kid } is listed by { $count } issuers ({ $names }); trust only the issuer's own manifest
detail-claims = the signature is genuine but the claims are not well-formed: { $error }
detail-high-s = the signature is in its high-S form, which no genuine code with a signing date has (one certificate, one code text)
detail-compromised = cannot be verified: the issuer's key { $kid } was compromised (since { $since }) and this code is in none of the issuer's signed issuance ledgers
detail-compromised-old-ledger = cannot be verified: the issuer's key { $kid } was compromised (since { $since }) and this code is only in an issuance ledger of the old format (vncert-ledger/1), which lists a part of the signature that a forger holding the stolen key can copy onto any name; such a ledger cannot tell this code from a forgery. Ask the issuer for a reissued certificate
detail-window = signed on { $signed }, outside the window of its key { $kid } ({ $from } – { $until }): an honest signer never makes such a code
detail-signed-future = claims to be signed on { $signed }, more than a day after today ({ $today }): that day has not come yet, and an honest signer (with a right clock) never signs ahead
detail-no-signing-date = the code carries no signing date, and its key { $kid } began on { $from }: every key begun on { $since } or later writes its signing date into every code it signs, so the issuer did not make this one
detail-list-withheld = no revocation list of the issuer was given, though this computer has already checked its list no. { $seen }: the list was withheld or left out, and the certificate may have been revoked. Get the current list (revoked.json and revoked.json.sig from https://{ $domain }/.well-known/vncert/) and check again, with it beside trust.json or given with --revoked FILE
detail-list-older = the revocation list given (no. { $seq }) is older than list no. { $seen } already checked on this computer: the certificate may have been revoked in the newer one. Get the current list (revoked.json and revoked.json.sig from https://{ $domain }/.well-known/vncert/) and check again
detail-valid = VALID: the signature is genuine
detail-no-manifest = no trust manifest was given (--trust DIR/trust.json)
detail-not-in-manifests = it is not in the trust manifests given; it may be a forgery, or an issuer you have not added
detail-unknown-key = unknown issuer key { $kid }: { $why }
detail-alg = not valid: the code's algorithm differs from its key's
detail-invalid = NOT VALID: the signature does not match; the code was altered or forged
detail-revoked = REVOKED on { $date } ({ $reason }): the signature is genuine but the certificate was withdrawn
detail-no-file = cannot read { $input }: no such file
detail-too-big = { $input } is { $mib } MiB, over the limit of { $limit } MiB for a scan, photo or PDF of a certificate
detail-cannot-read = cannot read { $input }: { $error }
detail-not-binary = { $input } is named like a PDF, PNG or JPEG file, but it is none of them
detail-text-too-big = { $input } is not a PDF, PNG or JPEG, and as text it is { $kib } KiB, over the limit of { $limit } KiB: a code is a few kilobytes at most
detail-no-qr = no QR code found in { $input }
detail-draft = { $input } is a draft made by render
detail-not-readable = { $input } is not a PDF, PNG, JPEG or text file
detail-scan-failed = { $input }: { $error }
# The value of an unknown claim in `verify --json`: the JSON says it in Vietnamese whatever the language.
verify-json-unrecognised = key { $key }: { $hex }

## How a record changed; key folder checks

change-record = the record
change-more = and { $n } more
change-other-key = signed with key { $kid }, which is not a key of the trust manifest in use
change-claims = the claims it would sign differ from those of its registered code
keys-bad-issuer = issuer name { $issuer } is empty or has control characters
keys-bad-host = host { $host } must be a bare host name such as xacthuc.truong.edu.vn (no https://, no path)
keys-not-root = { $root }: the root key is not the root of { $trust }

## A template element off the page

template-off-page = its box ({ $x0 }, { $y0 }) – ({ $x1 }, { $y1 }) mm leaves the { $w } × { $h } mm page; check the orientation and the element's position
template-in-margin = its box ({ $x0 }, { $y0 }) – ({ $x1 }, { $y1 }) mm reaches into the { $margin } mm edge that printers leave unprinted (page { $w } × { $h } mm)
templates-exported = Wrote the template { $name } to { $file }; edit it, then give --template with its folder
err-template-export-exists = { $path } exists; templates export never replaces a template
help-templates-about = List the built-in templates, or export one as an editable folder
help-templates-export-about = Write a built-in template as an editable folder (DIR/template.toml) that renders as the built-in does
help-templates-export-long =
    Write a built-in template as an editable folder (DIR/template.toml) that renders as the built-in does.
    
    Start a template of your own from it: edit DIR/template.toml, then give --template DIR. Never replaces a template already in DIR.
    
    Example: chungnhan templates export giay-chung-nhan mau-cua-truong
help-templates-export-arg-name = The built-in template (`chungnhan templates` lists them)
help-templates-export-arg-dir = The folder to write it into (created if missing)

## print

print-done = Register { $register }: printed { $n } certificate(s) again, wrote { $written } file(s) (files already right are left as they are)
err-print-no-serial = no certificate in force has số hiệu { $serial } in the register
err-print-several-batches = a print file holds one batch, and these are several: { $batches }
err-print-not-as-signed = { $serial }: { $field } is { $register } in the register but { $signed } in its signed code{ $others ->
        [0] {""}
       *[other] {" "}(and { $others } more such { $others ->
            [one] difference
           *[other] differences
        })
    }: the register was edited, and nothing was printed
err-print-shared-file = { $serial }: its file { $path } is also { $other }'s in the register: printing it would write over the other certificate, and nothing was printed
err-print-damaged = the register entry { $serial } cannot be printed again (its record or code is damaged)
hint-print-batch = choose one with --batch NAME, or leave out --merged
hint-print-audit = run `chungnhan register audit` to see where the register was changed
err-cli-no-shard-index = --shard { $n }: which of the machines this is is not known (give --shard K/{ $n }, or JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID)
hint-cli-shard = on Kubernetes use an Indexed Job; on Slurm use --array=1-N
help-print-about = Print certificates again from the register alone: no roster, no private key
help-print-long =
    Print certificates again from the register alone: no roster, no private key.
    
    Writes each chosen certificate (issued, not revoked or replaced) exactly as issue wrote it, under the same file name: a lost file, a second copy, or one batch shared out over several machines with --shard K/N.
    
    Example: chungnhan print --register chungnhan.sqlite --out in-lai --serial CNKT19-0042
help-print-arg-register = The register issue wrote
help-print-arg-out = Folder for the PDF files (created if missing)
help-print-arg-merged = Also (or, without --out, only) write them into this one print file (one batch)
help-print-arg-batch = Only this batch
help-print-arg-serial = Only this certificate, by its số hiệu. Repeatable
help-print-arg-shard = Machine K of N (1-based): K/N. Each certificate falls to one machine by its entry in the register, whatever is revoked or reissued between runs, so the N runs print each once. K may come from JOB_COMPLETION_INDEX (Kubernetes, 0-based) or SLURM_ARRAY_TASK_ID when only N is given

## What is wrong inside a template (for whoever writes template.toml)
template-what-template = the template
template-what-vars = the variables file
template-what-folder = the folder
template-what-font = font
template-what-background = background
template-what-image = image
template-place-variable = variable { $name }
template-place-element = element { $name }
template-place-caption = element { $name } caption
template-place-file-name = file name pattern
template-page-size = page: unknown size { $size } or orientation { $orientation } (sizes A4, A5, Letter; orientation portrait or landscape)
template-placeholder-not-var = placeholders: { $name } is not a variable of [vars]
template-pattern-no-seq = { $place }: the pattern { $pattern } does not use seq, so every certificate would get the same number
template-var-not-text = variable { $name }: only text, numbers and dates are allowed, not tables or lists
template-builtin-no-files = { $what } { $file }: a built-in template cannot use files; export it to a folder with templates export and add the file there
template-not-image = { $what } { $file }: not a PNG or JPEG file
template-image-too-large = { $what } { $file }: { $w } × { $h } pixels, over the limit of { $limit } megapixels; scale the image down (an A4 page at 300 dpi is 3508 × 2480)
template-vars-too-large = the variables file is over the limit of { $limit } KiB; a variables file holds a few lines of NAME = "value"
template-background-page = background: page numbers start at 1
template-unknown-claim = claims: unknown claim { $name } (known: { $known })
template-rect-needs-paint = a rect needs stroke or fill (or both)
template-box-positive = box { $box } mm must have a positive width and height
template-colour = colour { $colour } is not #rrggbb
template-font-missing = font { $font } in style { $style } is not available (families: { $families })
template-size-range = size { $size } and min_size { $min } must be between 1 and 400 pt, min_size ≤ size
template-line-height = line_height must be positive

## register audit: what is wrong with one entry
audit-duplicate = { $kind } { $value } is also { $first }'s
audit-pdf-changed = its PDF { $path } is not the file that was issued (SHA-256 differs)
audit-not-ledgered = batch { $batch }: in no issuance ledger signed by the root key (added to the register afterwards, or its ledger still waits for the root key: run issue with --root-key)
audit-ledgered-missing = batch { $batch }: the signed issuance ledger lists { $n } more certificates that the register does not have and whose issue its history does not record: their entries were removed, or their codes replaced
audit-removed = batch { $batch }: the history records its issue ({ $numbers }) but the register no longer has its row: its entry was removed
audit-ledger-other-register = the issuance ledger of batch { $batch } (key { $kid }) lists { $n } certificates that are not in this register: they were issued from another register sharing the keys folder, not removed from this one.
audit-history = history
audit-history-gap = rows { $first }–{ $last } of the register's history were deleted (the history is only ever added to)
audit-revoked-but-issued = its code is in the revocation list, but the register says it is issued
audit-code-fails = its code does not verify ({ $verdict }): { $message }
audit-no-claims = its code carries no claims
audit-column-differs = { $column } is { $register } in the register but { $signed } in its signed code
audit-withdrawn-not-listed = the register says it is { $status ->
        [revoked] revoked
       *[other] replaced by a reissue
    }, but the signed revocation list does not list it: verifiers still take it as valid (the list was not signed since, or the status was set in the register file)
audit-no-file = it has no file recorded, though the other certificates of its batch have theirs (its file path was removed from the register)
audit-file-missing = its file { $path } is not there
audit-file-shared = its file { $path } is also { $first }'s: one of them points at the other's file
audit-file-other-code = its file { $path } holds the code of { $other }, not its own
audit-file-no-code = its file { $path } holds no verification code
audit-unknown-certificate = a certificate this register does not know
audit-record-differs = the record printed from the register gives { $field } { $register } but its signed code { $signed } (print refuses it)
audit-record-unreadable = its stored record or code cannot be read (print refuses it)
audit-batch-not-checked = the records of batch { $batch } were not checked against their codes: { $error }

## Spreadsheets and scans: what is too large or unreadable
sheet-what-width = the sheet's width
sheet-what-sheet = the sheet
sheet-what-unzipped = the workbook unzipped
sheet-columns = { $n } columns
sheet-cells = { $n } cells
sheet-value-in-cell = a value in cell { $cell } (delete it, or copy the roster to a new sheet)
sheet-more-values = more values than that
sheet-rows-columns = { $rows } rows × { $columns } columns
sheet-no-sheet-inside = the workbook has no sheet
sheet-what-shared-strings = the workbook's shared strings
sheet-strings = { $n } strings
sheet-rows = { $n } rows
sheet-text-bytes = { $n } MiB of cell text
sheet-text-bytes-more = at least { $n } MiB
scan-decoder-failed = the { $what } decoder failed on this file
scan-what-image = image
scan-what-pdf = PDF
scan-image-too-large = the image is { $w }×{ $h } pixels, over the limit of { $limit } million pixels; photograph the code alone, or scan at 300 dpi
scan-no-page = it has no page
scan-page-not-rendered = the page did not render

## The command line itself: what clap would have said in English
help-values = possible values:
help-default = default:
cli-unknown-arg = unexpected option { $arg }
cli-unknown-command = no command { $command }
cli-empty-value = { $arg } needs a value
cli-invalid-value = { $value } is not a value { $arg } takes
cli-value-rejected = { $arg }: { $reason }
cli-missing-args = required options missing: { $args }
cli-missing-command = { $command } needs a subcommand
cli-conflict = { $arg } cannot be used with { $prior }
cli-no-equals = { $arg } needs = before its value
cli-too-many-values = { $arg } takes no further value { $value }
cli-wrong-count = { $arg } takes { $expected } values, got { $actual }
cli-invalid-utf8 = the command line holds characters that are not UTF-8
cli-bad-command-line = the command line is not right ({ $kind })
cli-did-you-mean = did you mean { $what }?
cli-try-help = Add --help after the command to see how it is used.
cli-bad-shard = { $value }: write K/N, e.g. 2/8 (the 2nd of 8 machines), or N with K from the environment
cli-bad-date = { $value } is not a date: write YYYY-MM-DD or dd/mm/yyyy
cli-bad-order = unknown order { $value }: use roster or ten
cli-bad-encoding = unknown encoding { $value }: use utf-8, utf-16le, utf-16be, windows-1258, tcvn3 or vni
cli-bad-key-val = { $value } is not KEY=VALUE
cli-key-val-no-name = { $value } has no name before =
cli-key-val-too-long = the value is longer than { $limit } KiB; put it in a --vars file

## Signed files, codes, batches and the PDF writer: the inner causes
trust-what-manifest = trust manifest
trust-what-revoked = revocation list
trust-what-ledger = issuance ledger
trust-cannot-read = cannot read
trust-cannot-write = cannot write
trust-unknown-alg = unknown algorithm { $alg }
trust-spki-not-base64 = spki is not base64url
trust-kid-mismatch = kid does not match its key (computed { $computed })
trust-ledger-wrong-list = it must hold one list: "codes" in format vncert-ledger/2, "rids" in vncert-ledger/1
trust-ledger-root-mismatch = its count or Merkle root is not that of its ids
trust-wrong-format = format is { $found }, expected { $expected }
claims-map-size = a map of { $n } claims is not a certificate
claims-key-not-integer = claim keys are integers, found { $found }
claims-not-text = claim { $field } must be text, found { $found }
claims-not-text-string = claim { $field } must be a text string, found { $found }
claims-not-day = claim { $field } must be a day number, found { $found }
detail-alg-unsupported = { $alg } codes are not supported by this version of chungnhan
batch-no-qr-element = the template has no qr element: an issued certificate must carry its verification code
batch-no-claims = the template has no [claims]: nothing to sign
batch-no-signing-key = no signing key: only codes already in the register can be printed
batch-issue-date-not-date = { $value } is not a date; write it as 20/12/2019 (dd/mm/yyyy) or 2019-12-20
register-holder-replaced = the certificate this reissue replaces
register-holder = { $serial } of { $name }, batch { $batch }, record { $record }
register-busy = the register stayed busy for 60 s
pdf-font-unreadable = krilla cannot read this font
pdf-background-unreadable = not a readable PDF (damaged, or not a PDF)
pdf-background-encrypted = the PDF has a password, so it cannot be read
pdf-background-no-page = has { $pages } page(s), no page { $page }
scan-renderer-failed = cannot start the renderer: { $cause }
template-filter-needs-text = filter { $filter } expects text, got { $found }
template-honorific-style = honorific: unknown style { $style } (use "dang" or leave it out)
template-pad-width = filter pad needs width=N (0–32), e.g. pad(width=4)
template-filter-not-date = { $filter }: { $value } is not a date (YYYY-MM-DD or dd/mm/yyyy)

## Pre-printed blanks (phôi), calibration and proofs
template-qr-proof-only = the verification code cannot be proof_only: an issued certificate must carry it
err-blank-no-number = blank serial { $serial } does not end in digits to count on from
err-blank-run-out = from blank { $first } the numbers run out before { $count } blanks of the same width
err-issue-blanks-needed = template { $template } prints onto pre-printed blanks ({ $blank }), but the serial of the first blank in the tray was not given
err-issue-not-blank-template = template { $template } prints the whole certificate, not onto pre-printed blanks
err-issue-blank-taken = blank { $serial } is in the register already: { $holder }
hint-issue-blanks-needed = add --blanks FIRST (the serial printed on the first blank in the tray, e.g. --blanks A0012301); the following blanks are numbered on from it
hint-issue-not-blank-template = use a template with a [blank] table (e.g. giay-chung-nhan-phoi), or leave out --blanks
hint-issue-blank-taken = check the serial printed on the first blank in the tray; a blank is never used twice, and spoiled blanks are recorded with chungnhan spoil
hint-issue-blank-serial = write the blank's serial as printed on it, ending in digits, e.g. A0012301
blank-holder = certificate { $serial } of { $name } was printed on it
blank-holder-spoiled = it is recorded spoiled
calibrate-title = PRINTER CALIBRATION SHEET
calibrate-bar = this bar is exactly 100 mm long
calibrate-steps =
    1. Print this sheet at 100 % (no "Fit to page"), on the printer and paper the certificates will be printed on.
    2. Measure the bar below: other than 100 mm, the printer scales the page; fix the print settings and print again.
    3. At the crosshair ({ $edge }, { $edge }): measure from the paper's left edge to the vertical line (measured X) and from its top edge to the horizontal line (measured Y).
    4. The offset is X = { $edge } − measured X, Y = { $edge } − measured Y (mm): type it as in --offset "-1,5;1" (X first, then Y, a semicolon between them; decimal commas) when printing, or write it into the template's [print] offset.
    5. Print this sheet again with --offset "X;Y": every crosshair must then measure what its label says.
calibrate-moved = This sheet is moved { $x } mm right and { $y } mm down: --offset "{ $x };{ $y }"
spoil-done = Blank { $blank } recorded spoiled; certificate { $serial } of { $name } waits for a reprint on a new blank
spoil-done-unused = Blank { $blank } recorded spoiled (nothing was printed on it)
spoil-hint-reprint = print the certificates of spoiled blanks again: chungnhan print --register REGISTER --reprint-spoiled --blanks FIRST --out DIR
spoil-already = Blank { $blank } was recorded spoiled on { $on } ({ $reason }); nothing changed
calibrate-done = Wrote the printer calibration sheet to { $out }; print it at 100 % and measure as it says
export-blanks-wrote = Wrote the blank-usage report to { $out }: { $used } blanks printed, { $spoiled } spoiled
err-cli-paper = no paper size { $size }
hint-cli-paper = use A4, A5 or Letter
cli-bad-offset = { $value }: write X;Y in mm (decimal commas, as on the calibration sheet) or X,Y with decimal points, each between −50 and 50, e.g. --offset "-1,5;1" or --offset -1.5,1
issue-summary-tray = blanks tray: { $n } sheets, { $first } to { $last }
issue-summary-tray-none = no certificate to print on new blanks
print-nothing-spoiled = no certificate waits for a reprint of a spoiled blank
help-render-arg-grid = Draw a 10 mm grid and each element's box with its name over the drafts
help-issue-arg-blanks = The serial printed on the first pre-printed blank in the printer's tray (a template with [blank]); the next blanks are numbered on from it and each is recorded
help-arg-offset = Move everything printed by X mm right and Y mm down (what calibrate measured); wins over the template's [print] offset
help-print-arg-reprint-spoiled = Print again, on new blanks, the certificates whose blank was spoiled (chungnhan spoil)
help-print-arg-blanks = With --reprint-spoiled: the serial of the first new blank in the tray
help-spoil-about = Record a spoiled pre-printed blank (jammed, misprinted, torn): its certificate waits for a reprint
help-spoil-long =
    Record a spoiled pre-printed blank (jammed, misprinted, torn): its certificate waits for a reprint.
    
    The blank stays in the register for ever, with the day and the reason, for the report on destroyed blanks (register export --blanks). Its certificate keeps its number and code; print --reprint-spoiled puts it on a new blank.
    
    Example: chungnhan spoil --register chungnhan.sqlite --blank A0012305 --reason "kẹt giấy"
help-spoil-arg-blank = The serial printed on the spoiled blank
help-spoil-arg-reason = Why (kept in the register and the report)
help-calibrate-about = A printer calibration sheet: rulers and crosshairs at known places, to measure the offset
help-calibrate-long =
    A printer calibration sheet: rulers and crosshairs at known places, to measure the offset.
    
    Print it at 100 % (never "fit to page") on the printer and paper of the certificates, measure where the crosshairs landed, and give the difference as --offset X,Y (or [print] offset in the template). See docs/printing.md.
    
    Example: chungnhan calibrate --out hieu-chinh.pdf --size A4 --orientation landscape
help-calibrate-arg-out = The PDF to write
help-calibrate-arg-size = Paper size: A4, A5 or Letter
help-calibrate-arg-orientation = portrait or landscape
help-calibrate-arg-offset = Draw the sheet moved by an offset already set, to check it
help-register-export-arg-blanks = The blank-usage report instead: every pre-printed blank, used or spoiled (with day and reason), and the totals per batch
help-register-export-arg-date = The day written above the signature of the printed book (YYYY-MM-DD or dd/mm/yyyy; default today)
io-cannot-read = cannot read
io-cannot-read-roster = cannot read roster
io-cannot-read-folder = cannot read folder
io-cannot-write = cannot write
io-cannot-create-folder = cannot create folder
io-cannot-remove = cannot remove
os-not-found = no such file or folder
os-permission-denied = permission denied
os-already-exists = it exists already
os-is-a-directory = this is a folder, not a file
os-not-a-directory = not a folder
os-storage-full = the disk is full
os-read-only = the disk is read-only
merged-parts = { $first } … { $last }, { $n } files
help-arg-merged-pages = Split the print file into files of at most N pages: FILE-001.pdf, FILE-002.pdf, …
cli-not-empty = must not be empty

## Value names in usage lines and help pages

help-value-DATE = DATE
help-value-DIR = DIR
help-value-FILE = FILE
help-value-FINGERPRINT = FINGERPRINT
help-value-FIRST = FIRST
help-value-FORMAT = FORMAT
help-value-HEADER-FIELD = HEADER=FIELD
help-value-HOST = HOST
help-value-INPUT = INPUT
help-value-K-N = K/N
help-value-KEY-VALUE = KEY=VALUE
help-value-KID = KID
help-value-N = N
help-value-NAME = NAME
help-value-ORDER = ORDER
help-value-ORIENTATION = ORIENTATION
help-value-PATTERN = PATTERN
help-value-REASON = REASON
help-value-SERIAL = SERIAL
help-value-BLANK = BLANK
help-value-SIZE = SIZE
help-value-T = T
help-value-TEXT = TEXT
help-value-options = OPTIONS
help-value-command = COMMAND
progress-left = ETA
err-print-file-differs = print file { $file } is there already, with other content than this run would write: not written over, and nothing written at all
err-print-file-stale-part = print file { $file } is left from an earlier run with more pages, and this run would have to remove it: not removed, and nothing written at all
hint-print-file-differs = { $others ->
    [0] if the file there must be kept (printed already, say), give --merged another name; to replace it with the new one, add --replace-merged
   *[other] if the file there must be kept (printed already, say), give --merged another name; to replace it with the new one, add --replace-merged ({ $others } more print files would change too)
}
progress-comparing = comparing with the print file there
issue-summary-merged-kept = print file { $file } ({ $pages } pages, left as it was)
help-issue-arg-replace-merged = Write the print file (--merged) even over a file of that name with other pages (by default: not written over, nothing written)
help-print-arg-replace-merged = Write the print file (--merged) even over a file of that name with other pages (by default: not written over, nothing written)
print-reprinted-before = certificate { $serial } was reprinted on blank { $blank } by an earlier run and is not reprinted again (for its file: chungnhan print --serial { $serial } --out DIR)

## Words (issue 27 item 8)
audit-kind-entry = register number
audit-kind-rid = revocation id

## Required variables of a template (the batch's own content: no default is printed silently)

var-missing = no { $label } given (variable { $name }): the template does not fill this in, each batch must say it
var-missing-hint = write it in the --vars file ({ $name } = "…", as examples/tan-binh-2019.toml does), or use --set { $name }=…
var-missing-refused-render = No file was written: a draft needs the texts above too.
var-missing-refused-issue = Nothing was issued and the register is unchanged: a certificate must carry the texts above.
err-batch-vars-missing = the template needs texts not given: { $left }
template-required-has-default = required_vars: { $name } has a default in [vars]; a required variable has none (remove it from [vars])
template-required-no-label = required_vars: { $name } needs a label saying what it is (e.g. "tên chương trình")
template-required-when-unknown = required_vars: { $name }: when = { $when } is not another variable of the template

## Rows under a roster's list (totals, signatures), skipped

roster-note-footer = skipped the last { $count } { $sheet ->
        [yes] rows
       *[no] lines
    } of the list, which are no one's record (a total, signatures, place and date): { $rows }
roster-footer-row = { $sheet ->
        [yes] row
       *[no] line
    } { $line } "{ $text }"

## esign: PAdES digital signatures in the PDF files (issue 31)
esign-err-read = cannot read { $path }: { $message }
esign-err-p12 = cannot open the signature file { $path } (wrong passphrase, or not a .p12/.pfx file): { $message }
esign-err-no-key = { $source } holds no private key with a certificate
esign-err-key-mismatch = the private key in { $source } does not match its certificate
esign-err-key-type = the certificate's key is neither RSA 2048–4096 nor ECDSA P-256/P-384
esign-err-uri = the PKCS#11 URI { $uri } is wrong or lacks { $part }
esign-err-pin-in-uri = a PIN may not be written in a PKCS#11 URI (pin-value, pin-source)
esign-err-no-token = no USB token matches { $uri }
esign-err-login = the token refused the PIN: { $message }
esign-err-token = the token failed: { $message }
esign-err-pin = no PIN or passphrase for the signature (no CHUNGNHAN_ESIGN_PIN, and no terminal to ask on)
esign-err-sign = cannot sign: { $message }
esign-err-layout = this PDF was not made by chungnhan, or was changed since
esign-err-signed = this PDF is signed but was changed after signing
esign-err-ca = { $file } is not a CA certificate (PEM or DER)
esign-hint-pin = check the PIN or passphrase (set in CHUNGNHAN_ESIGN_PIN, or typed when asked)
esign-hint-pin-env = put the PIN in the environment variable CHUNGNHAN_ESIGN_PIN, or run the command in a terminal to be asked
esign-hint-key-type = ask the certification service provider for an RSA or ECDSA P-256/P-384 certificate
esign-hint-uri = the form is: pkcs11:token=TOKEN_LABEL;object=KEY_LABEL?module-path=/path/to/library.so
esign-hint-no-token = plug the USB token in; see its label with: pkcs11-tool --module LIBRARY --list-token-slots
esign-hint-layout = issue the certificates again with chungnhan issue … --esign, or sign a file chungnhan made
esign-hint-signed = make the file again from the register (chungnhan print) and sign it again
esign-pin-prompt = PIN / passphrase of the signature { $source }: 
esign-kept = { $file }: already signed and intact, kept as it is
esign-done = Signed { $signed } files, kept { $kept } already signed, { $failed } failed; signer: { $signer } ({ $ms } ms)
esign-verify-head = Digital signature (PAdES): { $state }
esign-verify-intact = INTACT — the file is as it was signed
esign-verify-added = CHANGED AFTER SIGNING — the signed part is intact but content was added to the file
esign-verify-altered = ALTERED AFTER SIGNING — the signature does not match the file
esign-verify-signer = Signer: { $name }; organisation: { $org }; certificate serial: { $serial }
esign-verify-time = Signing time: { $time }
esign-verify-trusted = Certificate: issued by a trusted CA (--ca)
esign-verify-untrusted = Certificate: NOT issued by any trusted CA (--ca)
esign-verify-expired = Certificate: issued by a trusted CA but NOT valid at the signing time
esign-verify-not-checked = Certificate: not checked against a trusted CA (add --ca FILE.pem)
esign-verify-claims-match = The QR code's claims are within the signed part
esign-verify-claims-unsure = What the file shows may differ from what was signed
help-esign-about = Sign certificates issued earlier with the issuing body's digital signature (PAdES)
help-esign-long =
    Sign certificates issued earlier with the issuing body's digital signature (PAdES).

    Each PDF is rewritten whole with the signature in it; one already signed and intact is kept as it is. The PIN comes from CHUNGNHAN_ESIGN_PIN or is asked once.

    Example: chungnhan esign --in chung-nhan --esign "pkcs11:token=VNPT-CA;object=Ky?module-path=/usr/lib/vnpt-ca/libvnpt.so"
help-esign-arg-input = A certificate PDF, or a folder of them
help-esign-arg-esign = A PKCS#12 file (.p12/.pfx) or a USB token's RFC 7512 pkcs11: URI
help-arg-esign = Sign every PDF with the issuing body's digital signature (PAdES B-B): a PKCS#12 file (.p12/.pfx) or a token's URI pkcs11:token=…;object=…?module-path=…. The PIN or passphrase comes from CHUNGNHAN_ESIGN_PIN or is asked on the terminal
help-verify-arg-ca = A CA certificate (PEM) to check a PDF's PAdES signature against. Repeatable
help-value-SOURCE = SOURCE
esign-stamp-org = Organisation: { $org }
esign-stamp-time = Signing time: { $time }
esign-image-unreadable = cannot read this PNG image
help-arg-seal-image = The organisation's seal: a red PNG with a transparent background, laid over about the left third of the signature in the template's esign box (Nghị định 30)
help-arg-signature-image = The signer's signature: a blue PNG with a transparent background, in the template's esign box
esign-recorded = Recorded the digital signature of { $n } certificates in the register { $register }
help-esign-arg-register = The register that holds these certificates (used when it exists): each signature is recorded against its certificate
esign-lost = { $n } certificates e-signed before now have unsigned files (e.g. { $serial }: { $file }): this run wrote them again without a digital signature
esign-lost-hint = sign them again: chungnhan esign --in { $folder } --esign SOURCE (or run issue again with --esign)
## The verification page (src/site/page): its words, made into the page's texts by `site` (site/texts.rs)

page-valid-head = VALID
page-valid-short = Valid
page-valid-why = The digital signature is genuine: issued by the body below.
page-invalid-head = NOT VALID
page-invalid-short = Not valid
page-invalid-why = The code was altered or forged. Trust nothing it says.
page-unknown-key-head = UNKNOWN ISSUER
page-unknown-key-short = Unknown issuer
page-unknown-key-why = The code was signed with a key that is not in this page’s trust list. It may be a forgery.
page-revoked-head = REVOKED
page-revoked-short = Revoked
page-revoked-why = The signature is genuine, but the certificate was revoked.
page-malformed-head = DAMAGED CODE
page-malformed-short = Damaged code
page-malformed-why = The code cannot be read: damaged, cut off, or not a verification code.
page-compromised-head = CANNOT BE VERIFIED
page-compromised-short = Cannot be verified
page-compromised-why = The issuer’s signing key was compromised, and this code is in none of the issuer’s signed issuance ledgers. Trust nothing it says; ask the issuer.
page-no-code-head = NO CODE
page-no-code-short = No code
page-no-code-why = Scan the QR code on the certificate with your phone’s camera.
page-revocation-unchecked-head = CANNOT CHECK REVOCATION
page-revocation-unchecked-short = Cannot check revocation
page-revocation-unchecked-why = The signature is genuine, but without the issuer’s latest revocation list it cannot be told whether the certificate still stands or was revoked. Do not treat it as valid yet.
page-cannot-check-head = CANNOT CHECK HERE
page-cannot-check-short = Cannot check here
page-cannot-check-why = This page cannot check digital signatures in this browser (it needs an https address and a current browser). This says nothing about the certificate: open the code in another browser, or ask the issuer to check it with chungnhan verify.
page-checking-head = CHECKING…
page-checking-short = Checking
page-whys-no-signing-date = the code carries no signing date, and its key { $kid } began on { $began }: every key begun on { $from } or later writes its signing date into every code it signs
page-whys-future = the code claims to be signed on { $signed }, more than a day after today ({ $today })
page-whys-list-older-why = the revocation list here (no. { $seq }) is older than one this browser has already checked (no. { $seen })
page-whys-list-withheld-why = no revocation list of the issuer is here, though this browser has already checked its list no. { $seen }
page-whys-unknown-key = key { $kid } is not in this page’s trust list
page-whys-alg-mismatch = the code’s algorithm differs from its key’s
page-whys-alg-unsupported = this page cannot read codes signed with Ed25519 yet
page-whys-signature = the signature does not match the code’s content
page-whys-high-s = the signature is in its high-S form, which no genuine code with a signing date has
page-whys-compromised = the key { $kid } was compromised (since { $since }) and this code is in none of the issuer’s signed issuance ledgers
page-whys-compromised-old = the key { $kid } was compromised (since { $since }) and this code is only in an issuance ledger of the old format (vncert-ledger/1)
page-whys-window = signed on { $signed }, outside the window of its key { $kid } ({ $from } – { $until }): an honest signer never makes such a code
page-whys-no-web-crypto = the browser does not let this page use cryptography (WebCrypto); open the page at an https address
page-whys-cp1258 = this browser cannot read the windows-1258 text form of the code
page-whys-trust = this page’s trust list could not be loaded or checked
page-whys-older = the list here (seq { $seq }) is older than one this browser has already checked (seq { $seen }); an old list can hide a compromised key or a revoked certificate
page-whys-malformed = the code does not have the structure of a verification code
page-issuer = Issued by (from the trust list)
page-compare = Compare the name, date of birth, serial and programme with the paper.
page-revoked-on = Revoked on
page-reason = reason
page-list-date = Revocation list published
page-no-list = The revocation list could not be checked.
page-reasons-issued-in-error = issued in error
page-reasons-superseded = replaced by a reissued certificate
page-reasons-fraud = fraud
page-other = Tiếng Việt
page-privacy = The code is checked on this device; nothing is sent anywhere.
page-title = Certificate check
page-detail = Technical detail
page-unknown = Unrecognised field
page-note = Note
page-note-ledgered = the key that signed this code was later reported compromised, but the certificate is in an issuance ledger signed by the issuer’s root key: it was genuinely issued.
page-note-list-outdated = this revocation list is past its update date; a newer list may revoke more certificates.
page-list-withheld = This browser has checked the issuer’s revocation list before, but that list is not here: it was withheld or left out, and the certificate may have been revoked. Open the code on the issuer’s official verification site, or ask the issuer.
page-list-older = The revocation list here is older than one this browser has already checked: the certificate may have been revoked in the newer one. Open the code on the issuer’s official verification site, or ask the issuer.
page-old-ledger = This code is only in an issuance ledger of the old format, which records a part of the signature that whoever holds the stolen key can copy onto a certificate with any name: that ledger cannot tell this code from a forgery. Ask the issuer for a reissued certificate.

## Look-up without the QR (issue 32): the page's form and verdicts, `site --register`, `verify --lookup`

lookup-page-form-head = LOOK UP
lookup-page-form-short = Look up
lookup-page-form-why = No QR code? Type the full name, the serial number and the date of birth as written on the certificate.
lookup-page-not-found-head = NOT FOUND
lookup-page-not-found-short = Not found
lookup-page-not-found-why = No certificate matches all three values typed. Check the name, serial number and date of birth as written on the certificate.
lookup-page-unavailable-head = CANNOT LOOK UP
lookup-page-unavailable-short = Cannot look up
lookup-page-unavailable-why = The look-up data could not be loaded (this device may be offline). This says nothing about the certificate: try again when online.
lookup-page-link = Look up
lookup-page-name = Full name
lookup-page-serial = Serial number
lookup-page-birth = Date of birth
lookup-page-birth-hint = day/month/year, e.g. 05/02/1980 (only the year if the certificate shows only the year)
lookup-page-button = Look up
lookup-page-privacy = What you type is used on this device only, to open the look-up data; nothing is sent anywhere.
lookup-page-missing = Type the full name, the serial number and the date of birth.
lookup-page-bad-birth = Write the date of birth as day/month/year, e.g. 05/02/1980 (or only the year, if the certificate shows only the year).
lookup-page-found = Found by name, serial number and date of birth; the certificate's code is checked as a scanned one is.
lookup-err-empty-name = no full name given
lookup-err-empty-serial = no serial number given
lookup-err-birth = date of birth "{ $value }" cannot be read
lookup-err-code = the certificate's code in the register cannot be read
lookup-err-bucket = a look-up data file is damaged or not in the format ({ $why })
lookup-hint-fields = give the full name, the serial number and the date of birth as written on the certificate
lookup-hint-birth = write the date of birth as day/month/year, e.g. 05/02/1980, or only the year if the certificate shows only the year
lookup-err-no-data = { $site } has no look-up data ({ $file })
lookup-hint-no-data = make the site again with the register: chungnhan site --keys KEYS_DIR --register REGISTER --out DIR
lookup-err-fetch = cannot read { $url }: { $error }
lookup-err-https = the command line cannot read a site over https yet: { $url }
lookup-hint-https = download the site folder and use --site DIR, or open https://…/c and look it up on the page
lookup-not-found = NOT FOUND
lookup-not-found-detail = No certificate matches the name, serial number and date of birth given (looked up in { $site }).
lookup-not-found-hint = Check the name, serial number and date of birth as written on the certificate.
lookup-computing = Computing { $count } look-up entries for { $host } (about 0.15 s of one core each; computed once, kept in the register)…
lookup-published = Look-up without the QR: { $entries } certificates in { $buckets } files ({ $computed } computed now, { $kept } already in the register)
lookup-skipped = no look-up entry for { $serial }: { $error }
help-site-arg-register = The register: publish look-up data by name, serial number and date of birth (computed for the certificates that have none yet, kept in the register)
help-verify-arg-lookup = Look up without the QR code: the holder's full name (with --serial, --birth, --site)
help-verify-arg-serial = The certificate's serial number (for --lookup)
help-verify-arg-birth = The date of birth as day/month/year (for --lookup)
help-verify-arg-site = The verification site to look up in: the folder `site` wrote, or its http:// address (for --lookup)
## ui-designer: the template designer (issue 30, item 5)

ui-designer-elements-not-tables = the template's elements must be written as [[element]] tables for the designer to edit them
ui-designer-no-such-element = the template has no element number { $index }; open the template again
ui-designer-kind-changed = a { $was } element cannot become a { $now }
ui-designer-sample-name = Nguyễn Thị Phương Thảo
ui-designer-sample-gender = Nữ
ui-designer-preview-expression = the page cannot be drawn: the expression of { $element } failed: { $message }
ui-designer-preview-overflow = the text of { $element } does not fit its box even at its smallest size { $size } pt: make the box larger or the text smaller
ui-designer-preview-glyph = font { $font } of { $element } has no character “{ $ch }”
ui-designer-preview-raster = the PDF page could not be turned into a picture: { $message }
ui-designer-outside-folder = { $name } is not inside the working folder
ui-designer-bad-elements = the page sent elements that cannot be read: { $message }
ui-designer-no-date = no issue date to draw the preview with
ui-designer-bad-folder = "{ $name }" cannot be the new template folder's name
ui-designer-bad-folder-hint = give a plain folder name, without / \ :, not starting with a dot and not a built-in template's name (for example mau-giay-chung-nhan)
ui-designer-heading = Template designer
ui-designer-template = Template to design
ui-designer-elements = The template's elements
ui-designer-preview-alt = Preview of template { $template }, exactly as the PDF page prints
ui-designer-add-text = Add text
ui-designer-duplicate = Duplicate
ui-designer-delete = Delete
ui-designer-undo = Undo
ui-designer-redo = Redo
ui-designer-align = Align and distribute the selected elements
ui-designer-align-left = Align left
ui-designer-align-hcenter = Centre horizontally
ui-designer-align-right = Align right
ui-designer-align-top = Align top
ui-designer-align-vmiddle = Centre vertically
ui-designer-align-bottom = Align bottom
ui-designer-distribute-h = Distribute horizontally
ui-designer-distribute-v = Distribute vertically
ui-designer-grid = Snap to grid
ui-designer-grid-off = No snapping
ui-designer-blank-scan = Scan of the blank (background only, never printed)
ui-designer-blank-scan-show = Show the scan
ui-designer-inspector = Properties
ui-designer-name = Element name
ui-designer-x = X (mm)
ui-designer-y = Y (mm)
ui-designer-w = Width (mm)
ui-designer-h = Height (mm)
ui-designer-size = Font size (pt)
ui-designer-font = Font
ui-designer-style = Style
ui-designer-style-regular = Regular
ui-designer-style-bold = Bold
ui-designer-style-italic = Italic
ui-designer-style-bold-italic = Bold italic
ui-designer-text-align = Text alignment
ui-designer-text-align-left = Left
ui-designer-text-align-center = Centre
ui-designer-text-align-right = Right
ui-designer-text-align-justify = Justified
ui-designer-color = Text colour
ui-designer-content = Content (text and variables)
ui-designer-insert-var = Insert a variable
ui-designer-nothing-selected = Nothing selected: click a box on the page.
ui-designer-selected = { $n } selected.
ui-designer-proof-only = This element is only on drafts and proofs (the pre-printed blank carries it), never printed on a certificate.
ui-designer-checks = Template checks
ui-designer-checks-ok = Every element is inside the printable area.
ui-designer-shrunk = { $element }: the sample text had to shrink from { $from } pt to { $to } pt to fit its box
ui-designer-new-folder = New template folder (in the working folder)
ui-designer-save = Save template
ui-designer-saved = Template saved in folder { $folder }: render --template { $folder } prints exactly this page.
ui-designer-unsaved = Unsaved changes.
ui-designer-drawing = Drawing the page again…
ui-designer-drawn = Page drawn in { $ms } ms, by the very code that writes the PDF.
ui-designer-keys = Drag a box to move it, drag a corner square to resize; arrow keys move 1 mm (Shift: 10 mm); Shift + click selects several; Ctrl+Z undo, Ctrl+Y redo, Ctrl+D duplicate, Delete removes.
## The workbench: chungnhan ui (issue 30)

help-ui-about = The workbench in a browser: roster, preview, issue, register, verify
help-ui-long =
    Opens a page on this computer (127.0.0.1) for the whole job: choose the roster, see each problem on its cell, preview the very page that will print, issue and print, search and revoke in the register, verify a certificate.
    The first line printed is the address to open (with its secret token); the default browser opens it unless --no-browser.
    Example: chungnhan ui --folder D:\Certificates
help-ui-arg-folder = The working folder: rosters, vars files, templates, keys and register (default: the current folder)
help-ui-arg-keys = The key folder (default: FOLDER/khoa)
help-ui-arg-register = The register (default: FOLDER/chungnhan.sqlite)
help-ui-arg-port = The port on 127.0.0.1 (default 0: any free one)
help-ui-arg-no-browser = Do not open the browser, only print the address
ui-started = Open the address above in a browser. Working folder: { $folder }. Press Ctrl-C to stop.
ui-err-listen = cannot listen on port { $port } of 127.0.0.1: { $cause }
ui-err-folder = { $folder } is not a folder
ui-err-random = cannot get random bytes from the system for the secret token
ui-refused-host = Refused: the Host is not this workbench's 127.0.0.1 or localhost.
ui-refused-origin = Refused: the request comes from another page.
ui-refused-token = Refused: no secret token. Open the address chungnhan ui printed.
ui-too-large = File too large: at most { $mib } MiB.
ui-bad-request = The request cannot be read.
ui-not-found = Not found.
ui-bad-name = This file name cannot be used (no folder, no leading dot, none of / \ : * ? " < > |).
ui-outside-folder = { $name } is outside the working folder: not read, not written.
ui-template-folder = template in the working folder
ui-choose-roster = Choose a roster first.
ui-corrected-suffix = corrected
ui-preview-failed = The preview page could not be made.
ui-preview-problems = This record has problems and cannot be printed yet:
ui-no-record = There is no record { $n }.
ui-from-vars = from { $file }
ui-from-placeholder = the template's placeholder: to be filled in
ui-from-template = the template's default
ui-from-nothing = not given: to be filled in
ui-file-exists = { $name } exists already.
ui-file-exists-hint = choose another name, or tick "Replace the file"
ui-vars-file-comment = Course details, written by chungnhan ui.
ui-no-exe = cannot find the chungnhan program to run the command
ui-no-keys = No signing key in { $dir } yet.
ui-no-keys-hint = make the keys: chungnhan keygen --out khoa --issuer "ISSUER NAME" --host VERIFICATION_HOST
ui-issue-running = A batch is being issued: wait for it to finish.
ui-out-folder = certificates
ui-merged-name = print-file
ui-reprint-folder = printed-again
ui-book-name = register
ui-blanks-name = blank-report
ui-backup-name = register-backup
ui-calibration-name = printer-calibration
ui-verify-kind = Only a PDF, PNG or JPEG file can be verified (or paste the code).
ui-lang = en
ui-title = chungnhan — workbench
ui-folder = Folder: { $folder }
ui-tab-roster = Roster and preview
ui-tab-vars = Enter course details
ui-tab-designer = Template designer
ui-tab-issue = Issue and print
ui-tab-book = Register
ui-tab-verify = Verify
ui-roster-file = Roster
ui-drop-hint = Drop a CSV, XLSX, XLS or ODS file here, or click to choose.
ui-roster-pick = File in the folder
ui-template = Template
ui-vars-pick = Course details
ui-none = (none)
ui-reload = Read the file again
ui-opening = Reading { $file }…
ui-roster-summary = { $file }: { $records } records, { $valid } valid, { $bad } with problems ({ $ms } ms).
ui-mapping = Which column is which field
ui-field = Template field
ui-column = Column
ui-not-read = (not read)
ui-records = Records
ui-record = Record
ui-problems = Problems and warnings
ui-problem = Problem
ui-hint = hint
ui-kind-error = error
ui-kind-warning = warning
ui-kind-note = note
ui-also-in = (and { $n } later records)
ui-save-corrected = Save a corrected copy
ui-saved-corrected = Corrected copy saved: { $file } (the original is unchanged).
ui-preview = Preview (the very page that prints, as a draft)
ui-prev = Previous record
ui-next = Next record
ui-jump-longest = Longest name
ui-jump-shrunk = Shrunk text
ui-jump-problem = Record with problems
ui-preview-alt = Preview — record { $record }: { $name }
ui-preview-note = Record { $record }: page made in { $ms } ms, shown after { $total } ms.
ui-vars-intro = What the template prints for the whole batch (issuing body, programme, date, signer…). Save it as a vars file in the working folder to use again.
ui-vars-name = File name
ui-vars-replace = Replace the file
ui-vars-save = Save course details
ui-vars-saved = Saved { $file }.
ui-issue-what = Roster { $file }: { $valid } of { $records } records valid.
ui-passphrase = Key passphrase
ui-blanks = Serial of the first blank in the tray (when printing onto blanks)
ui-issue = Issue certificates
ui-progress = Issue progress
ui-issue-running-state = Issuing { $batch }: { $written }/{ $total } certificates, { $seconds } s. Closing this tab does not stop it.
ui-issue-done = { $batch } issued ({ $seconds } s).
ui-issue-failed = Not issued (exit code { $code }): see below.
ui-merged-link = Download the print file
ui-production = Printing onto blanks
ui-spoil-blank = Serial of the spoiled blank
ui-spoil-reason = Why it was spoiled
ui-spoil = Record the spoiled blank
ui-calibrate = Printer calibration sheet
ui-open-file = Open { $file }
ui-book-search = Search the register
ui-book-results = Register search results
ui-serial = Serial
ui-entry = Entry number
ui-name = Full name
ui-birth = Date of birth
ui-batch = Batch
ui-status = Status
ui-entry-title = One register entry
ui-reason = Reason
ui-decision = Revocation decision (number, date)
ui-revoke = Revoke
ui-reprint = Print this one again
ui-book-exports = Exports and backup
ui-export-pdf = Export the register as PDF
ui-export-xlsx = Export the register as XLSX
ui-export-csv = Export the register as CSV
ui-export-blanks = Blank usage report
ui-backup = Back up the register
ui-verify-file = File to verify
ui-verify-text = Or paste the code's text (the address in the QR code)
ui-verify = Verify the pasted code
ui-verdict = Verification result
ui-verifying = Verifying…
