# Tiếng Việt: the interface's own language. Each message here has its twin in en.ftl.

## verify: the verdict, one line

verify-valid = HỢP LỆ — chữ ký số đúng: giấy chứng nhận do đơn vị dưới đây cấp.
verify-invalid = KHÔNG HỢP LỆ — mã đã bị sửa hoặc giả mạo; đừng tin bất kỳ thông tin nào của mã này.
verify-unknown-key = KHÔNG RÕ ĐƠN VỊ CẤP — mã được ký bằng một khóa không có trong danh sách tin cậy đã cho; có thể là giả mạo.
verify-revoked = ĐÃ BỊ THU HỒI — chữ ký đúng, nhưng giấy chứng nhận đã bị thu hồi.
verify-no-code = KHÔNG TÌM THẤY MÃ QR
verify-malformed = MÃ QR HỎNG — không đọc được mã xác thực: mã bị hỏng, bị cắt, hoặc không phải mã xác thực.
verify-key-compromised = KHÔNG THỂ XÁC THỰC — khóa ký của đơn vị cấp đã bị lộ, và mã này không có trong bảng kê mã đã cấp mà đơn vị đã ký; đừng tin mã này.
verify-revocation-unchecked = KHÔNG KIỂM TRA ĐƯỢC THU HỒI — chữ ký đúng, nhưng thiếu danh sách thu hồi mới nhất của đơn vị cấp nên không biết giấy còn hiệu lực hay đã bị thu hồi; chưa được coi là hợp lệ.

## verify: what follows the verdict

verify-draft = Đây là bản nháp (bản in thử của lệnh render): bản nháp không có mã xác thực. Chỉ giấy chứng nhận do lệnh issue cấp mới có mã để kiểm tra.
verify-detail = Chi tiết: { $detail }
verify-no-code-hint = Gợi ý: chụp gần hơn, giữ máy thẳng và đủ sáng, để cả mã và viền trắng quanh mã nằm trong khung; với tệp PDF, hãy dùng đúng tệp đã cấp.
verify-issuer = Đơn vị cấp (theo danh sách tin cậy): { $name } — { $domain }
verify-revoked-on = Thu hồi ngày { $date }, lý do: { $reason }
verify-not-in-list = Không có trong danh sách thu hồi công bố ngày { $date }.
verify-compare = Đối chiếu họ tên, ngày sinh, số hiệu, chương trình với bản giấy.
verify-unrecognised = Trường không nhận ra
verify-note = Lưu ý: { $note }

## verify: warnings

verify-warn-not-nfc = một trường chữ của mã không ở dạng chuẩn Unicode NFC.
verify-warn-no-list = chưa kiểm tra thu hồi: không có danh sách thu hồi của đơn vị này (--revoked, hoặc revoked.json cạnh trust.json).
verify-warn-stored-differs = mã lưu trong siêu dữ liệu của tệp khác với mã in trên trang; đã xét mã in trên trang.
verify-warn-list-outdated = danh sách thu hồi này đã quá ngày cập nhật ({ $date }): có thể có danh sách mới hơn thu hồi thêm giấy; hãy lấy danh sách hiện hành từ đơn vị cấp.
verify-warn-stored-only = không đọc được mã in trên trang; đã xét theo bản sao của mã lưu trong tệp.
verify-warn-ledgered = khóa đã ký mã này về sau bị báo lộ, nhưng giấy có trong bảng kê mã đã cấp do khóa gốc của đơn vị ký: giấy được cấp thật.
verify-warn-name-claimed = một khóa khác nhận tên của đơn vị cấp này: danh sách tin cậy { $others } ghi cùng { $what } nhưng do một khóa gốc khác ký. Chỉ một trong hai là của đơn vị cấp thật: hãy đối chiếu dấu vân tay khóa gốc của mã này ({ $root }) với dấu vân tay đơn vị cấp công bố trên trang của mình, rồi chỉ nhận khóa gốc đó bằng --root.
issuer-field-name = tên
issuer-field-id = mã định danh
issuer-field-domain = tên miền

## Reasons for revocation, in words

reason-issued-in-error = cấp sai
reason-superseded = đã được cấp lại bằng giấy khác
reason-fraud = gian lận
err-reason-unknown = lý do "{ $given }" không có trong danh sách lý do thu hồi: dùng "cấp sai", "gian lận" hoặc "thay thế"

## revoke

revoke-done = Đã thu hồi { $serial } ({ $name }, { $birth }) ngày { $date }, lý do: { $reason }
revoke-already = { $serial } đã bị thu hồi ngày { $date }, lý do: { $reason }; không có gì thay đổi.
revoke-other-reason = { $serial } đã bị thu hồi ngày { $date }, lý do: { $reason }. Lý do mới ({ $asked }) chưa được ghi, không có gì thay đổi; nếu muốn ghi lý do mới, chạy lại với --change-reason.
revoke-reason-changed = Đã đổi lý do thu hồi { $serial }: { $from } → { $to }
revoke-matched = lưu ý: "{ $given }" được hiểu là số hiệu { $serial } (không phân biệt chữ hoa, chữ thường, khoảng trắng và gạch nối)

## Placeholders of a template, and the labels of message lines

placeholder-left = biến { $name } vẫn là chữ điền sẵn của mẫu: "{ $value }"
placeholder-hint = ghi giá trị thật của đơn vị trong tệp --vars ({ $name } = "…", như examples/tan-binh-2019.toml), hoặc dùng --set { $name }=…
placeholder-draft = (bản nháp vẫn in được; lệnh issue sẽ từ chối cho đến khi thay)
placeholder-refused = Không cấp giấy nào, sổ gốc không đổi: giấy chứng nhận không được mang chữ điền sẵn của mẫu.
label-error = lỗi:
label-warning = cảnh báo:
label-hint = gợi ý:
label-note = ghi chú:

## register backup

backup-done = Đã sao lưu sổ gốc { $register } sang { $out }: { $certificates } giấy chứng nhận, { $kib } KiB, kiểm tra toàn vẹn: đạt.

## register find, register show

find-batch = đợt { $batch }
find-more = … tất cả có { $total } mục khớp, chỉ hiện { $shown } mục đầu: hãy gõ thêm chữ để thu hẹp.
find-summary = { $n ->
    [0] Không có mục nào khớp với "{ $text }".
   *[other] Có { $n } mục khớp với "{ $text }".
}
show-serial = Số hiệu
show-entry = Số vào sổ
show-name = Họ và tên
show-birth = Ngày sinh
show-issued = Ngày cấp
show-batch = Đợt cấp
show-status = Tình trạng
show-decision = Quyết định
show-supersedes = Thay cho
show-superseded-by = Được thay bằng
show-blanks = Phôi
show-file = Tệp PDF
show-history = Lịch sử:
status-issued = Đã cấp
status-reissued = Đã được cấp lại ngày { $day }
status-revoked = Đã thu hồi ngày { $day }, lý do: { $reason }
status-spoiled = Phôi hỏng
event-issued = cấp
event-reissued = cấp lại
event-revoked = thu hồi
event-reason-changed = đổi lý do thu hồi
event-printed-on-blank = in trên phôi
event-blank-spoiled = phôi hỏng

## register audit

audit-summary = Đã đối chiếu sổ gốc { $register }: { $entries } giấy chứng nhận, { $pdfs } tệp PDF; { $problems ->
    [0] không có sai lệch nào.
   *[other] { $problems } sai lệch.
}

## Private keys with a passphrase

key-passphrase-prompt = Mật khẩu của khóa { $file }: 
key-passphrase-new = Đặt mật khẩu cho khóa riêng ({ $file }): 
key-passphrase-repeat = Nhập lại mật khẩu: 

## keys list, rotate, compromise

keys-list-head = Khóa của { $issuer } (danh sách tin cậy số { $seq }; vân tay khóa gốc { $root }):
keys-state-in-use = đang dùng để ký
keys-state-valid = còn hạn (khóa mới hơn đang ký)
keys-state-announced = đã công bố, chưa đến ngày dùng
keys-state-retired = đã thôi dùng
keys-state-compromised = BỊ LỘ từ { $since }
keys-private-here = (khóa riêng ở thư mục này)
keys-retired = Khóa { $kid } thôi ký sau ngày { $until } (giấy do khóa này đã ký vẫn xác thực được mãi).
keys-new = Khóa ký mới { $kid } dùng từ ngày { $from }: { $file }
keys-publish = Đã ký lại { $trust } (số { $seq }); hãy đăng lại tệp này cùng tệp .sig của nó lên trang xác thực (chạy lại chungnhan site).
keys-compromised = Đã ghi khóa { $kid } là BỊ LỘ từ ngày { $since }: khóa này không ký gì nữa; giấy do khóa này đã ký chỉ hợp lệ khi có trong bảng kê mã đã cấp có chữ ký của khóa gốc.
keys-compromised-publish = Hãy đăng { $trust } cùng tệp .sig và { $index } vào .well-known/vncert/ của trang xác thực, và mọi tệp trong { $ledgers } (mỗi bảng kê mã đã cấp kèm tệp .sig) vào .well-known/vncert/ledger/, đúng như lệnh `site` sắp xếp: trang sẽ tự tải các bảng kê chứng minh giấy thật do khóa này ký, không cần chạy lại `site`.
keys-already-compromised = Khóa { $kid } đã được ghi là bị lộ; không có gì thay đổi.

## Issuance ledgers

ledger-written = Đã ký bảng kê mã đã cấp { $file } (mọi mã của đợt, ký bằng khóa gốc: nhờ nó giấy vẫn xác thực được nếu khóa ký bị lộ); hãy đăng nó cùng tệp .sig lên trang xác thực (chạy lại chungnhan site).
ledger-waiting = { $certificates } giấy chứng nhận chưa có trong bảng kê mã đã cấp có chữ ký (vncert-ledger/2, ghi nguyên mã): cần khóa gốc ({ $root }). Khi có khóa gốc, chạy lại issue (hoặc revoke) với --root-key.
ledger-upgraded = Đã ký lại { $n } bảng kê mã đã cấp theo định dạng cũ (vncert-ledger/1, chỉ ghi mã thu hồi) thành vncert-ledger/2, ghi nguyên mã: hãy đăng chúng kèm tệp .sig lên trang xác thực thay cho bản cũ.
ledger-not-upgraded = { $file } theo định dạng cũ (vncert-ledger/1) và ghi { $n } giấy mà sổ gốc không còn, nên không được ký lại từ sổ gốc: hãy chạy register audit. Khi chưa được ký lại, bảng kê này không chứng được cho các giấy của khóa đó nếu khóa bị lộ.
ledger-skipped = { $error } — bỏ qua bảng kê mã đã cấp này; các bảng kê khác vẫn được dùng.
ledger-withheld = đợt { $batch }: khóa { $kid } đã bị lộ, khóa gốc không ký bảng kê mã đã cấp cho khóa này nữa.
ledger-not-signed = chưa ký được bảng kê mã đã cấp
ledger-index-written = Đã ghi { $file }, mục lục các bảng kê mã đã cấp: hãy đăng tệp này cạnh trust.json trên trang xác thực (trang tìm các bảng kê qua tệp này).

## What a verifier remembers

seen-not-saved = không ghi được { $file } ({ $error }): lần sau không phát hiện được bản danh sách cũ hơn.

## Notes on a roster

note-gender-nu = cột { $column }: { $count } bản ghi có giới tính "Nu" không dấu, đã hiểu là "Nữ" ({ $sheet ->
        [yes] hàng
       *[no] dòng
    } { $lines }); hãy sửa trong danh sách để lần sau khỏi báo.
note-shrunk = { $origin }: chữ của { $element } được thu nhỏ từ { $from } pt xuống { $to } pt cho vừa khung; hãy xem lại trang này.

## Summaries of the commands, and where a problem is

templates-default = (mặc định)
register-waiting = đang chờ một lần chạy chungnhan khác đang dùng { $file }…
issue-revoked-kept = { $origin }: giấy chứng nhận { $serial } đã bị thu hồi; không in lại (--reissue để cấp giấy mới cho bản ghi đã sửa)
issue-revocations-waiting = các giấy bị thay thế chưa có trong danh sách thu hồi
issue-revocations-hint = chạy lại lệnh issue (hoặc revoke) với --keys là thư mục có root-key.pem (hoặc --root-key TỆP): danh sách được ký bằng khóa đó
issue-summary = Sổ gốc { $register }: { $new } giấy mới{ $reissued }, { $unchanged } giấy đã có trong sổ
issue-reissued = ({ $n } cấp lại)
issue-summary-files = đã ghi { $written } tệp ({ $pdfa }) vào { $dir }{ $kept ->
        [0] {""}
       *[other] , giữ nguyên { $kept } tệp đã có đúng nội dung
    }
issue-summary-merged = tệp in gộp { $file } ({ $pages } trang)
summary-skipped = bỏ qua { $n } bản ghi lỗi
revocations-written = Đã ghi danh sách thu hồi { $file } ({ $n } mục); hãy đăng nó cùng tệp .sig lên trang xác thực (chạy lại chungnhan site).
revocations-unchanged = Danh sách thu hồi { $file } không cần ghi lại ({ $n } mục, đã đủ).
site-wrote = Đã ghi trang xác thực cho { $domain } vào { $out } ({ $files } tệp)
site-pinned = Vân tay khóa gốc ghi cố định trong trang: { $fingerprint }
site-serving = Trang xác thực trong { $dir } đang mở trên máy này tại { $url } (bấm Ctrl-C để dừng)
site-upload = Tải { $out } lên thư mục gốc của https://{ $domain }/ (xem docs/site.md cho từng loại máy chủ)
site-open = Mở địa chỉ của một giấy chứng nhận, thay https://{ $domain } bằng http://{ $addr }, ví dụ http://{ $addr }/c#…
export-wrote = Đã ghi { $n } mục sổ gốc vào { $out }
check-clean = { $file }: { $records } bản ghi, không có lỗi
check-records-clean-vars-missing = { $file }: { $records } bản ghi không có lỗi, nhưng còn { $missing } thông tin khóa học chưa điền (xem lỗi ở trên): chưa in được
check-problems = { $file }: { $problems } lỗi ở { $bad } trong { $total } bản ghi
render-wrote-dir = Đã ghi { $n } giấy chứng nhận ({ $pdfa }) vào { $dir }
render-wrote-dir-merged = Đã ghi { $n } giấy chứng nhận ({ $pdfa }) vào { $dir }, tệp in gộp { $merged }
render-wrote-merged = Đã ghi { $n } giấy chứng nhận ({ $pdfa }) vào tệp in { $merged }
render-wrote-nothing = Không ghi gì
demo-keys = Đã tạo khóa dùng thử trong { $dir } (vân tay khóa gốc { $fingerprint })
demo-verified = Đã xác thực { $file }: { $message }
demo-try-verify = Tự kiểm tra: chungnhan verify { $file } --trust { $trust }
demo-try-register = Sổ gốc để in: chungnhan register export --register { $register } --out so-goc.pdf
demo-try-site = Trang điện thoại mở khi quét mã: chungnhan site --keys { $keys } --out { $site } --serve
keygen-example-host = { $host } là tên dùng cho ví dụ và thử nghiệm: mã QR sẽ trỏ tới một trang không điện thoại nào mở được; hãy dùng tên máy chủ nơi đăng trang xác thực
keygen-wrote = Đã ghi { $file }
keygen-kid = Mã khóa ký: { $kid }
keygen-fingerprint = Vân tay khóa gốc (hãy công bố để người xác thực đối chiếu): { $fingerprint }
keygen-keep = Cất { $root } ở nơi không nối mạng (ví dụ một USB để trong tủ có khóa), không để trên máy cấp giấy; còn trust.json, revoked.json và các tệp .sig thì đăng công khai trên trang xác thực (lệnh chungnhan site).
label-caused-by = nguyên nhân:
origin-line = { $file }: bản ghi { $record } ({ $sheet ->
        [yes] hàng
       *[no] dòng
    } { $line })
problem-column = cột { $column }
problem-element = cột (phần tử { $element } của mẫu)
problem-also-in = (và cùng lỗi này ở { $n } bản ghi sau)

## Errors, each where it is made

err-batch-invalid = { $problems } lỗi ở { $records } bản ghi; không ghi gì cả
err-batch-var = biến { $name }: { $message }
err-batch-unknown-var = biến { $name } (từ { $given_by }) không phải biến của mẫu này
err-batch-placeholders = chữ điền sẵn của mẫu vẫn còn: { $left }
err-cli-listen = không mở được cổng 127.0.0.1:{ $port }
err-cli-serve = không mở được trang trên máy này (127.0.0.1)
err-cli-no-force = keygen không còn nhận --force: keygen không bao giờ thay khóa trong { $path } (không có gì thay đổi)
err-cli-need-root = revoke ký danh sách thu hồi bằng khóa gốc của đơn vị, nhưng không dùng được khóa đó
err-error-empty-required = trường bắt buộc bị để trống
err-error-missing-glyph = ký tự { $ch } không có trong phông { $font }
err-error-invalid-date = ngày không hợp lệ { $value }: { $reason }
err-error-invalid-gender = giới tính { $value } không phải Nam hay Nữ
err-error-line-break = có dấu xuống dòng trong ô
err-error-field-too-long = ô dài { $bytes } byte, quá giới hạn { $limit } byte
err-error-wrong-field-count = có { $found } trường, trong khi dòng tiêu đề có { $expected }
err-error-text-overflow = chữ của phần tử { $element } không vừa khung ngay cả ở cỡ { $min_size_pt } pt: { $text }
err-error-template = phần tử { $element } của mẫu: { $message }
err-error-empty-file-name = mẫu tên tệp cho ra tên rỗng
err-error-invalid-bytes = byte { $offset } không phải UTF-8 hợp lệ
err-error-invisible-removed = đã bỏ ký tự ẩn { $ch }
err-error-look-alike = ký tự { $ch } trông giống { $looks_like } nhưng là { $what }
err-error-duplicate = { $value } đã được dùng ở bản ghi { $record } ({ $sheet ->
        [yes] hàng
       *[no] dòng
    } { $line })
err-error-claim = không ký được: { $problem }
err-error-qr-too-large = { $message }
err-error-same-identity = trùng với bản ghi { $record } ({ $sheet ->
        [yes] hàng
       *[no] dòng
    } { $line }): cùng { $key }
err-error-same-person = { $name }, { $year_only ->
        [yes] sinh năm
       *[no] sinh ngày
    } { $born }, trùng họ tên và ngày sinh với bản ghi { $record } ({ $sheet ->
        [yes] hàng
       *[no] dòng
    } { $line })
err-error-issued-before = { $name }, { $year_only ->
        [yes] sinh năm
       *[no] sinh ngày
    } { $born }, đã được cấp giấy chứng nhận { $serial } (đợt { $batch }, bản ghi { $record }): cùng họ tên và ngày sinh
err-error-changed = khác với giấy chứng nhận { $serial } đã cấp ngày { $issued }: { $changes }
err-error-number-taken = { $value } đã có trong sổ gốc: { $holder }
err-error-code-page-damage = { $value } đã bị hỏng do lưu qua sai bảng mã; nhiều khả năng là { $reading }
err-error-code-page-repaired = { $from } được đọc thành { $to } (chữ UTF-8 từng bị hiển thị theo { $page } rồi lưu lại)
err-error-io-error = { $action } { $path }
err-record-missing-columns = { $file }: thiếu cột bắt buộc { $missing }; các cột có: { $found }
err-record-name-part-unread = { $file }: cột { $column } không có tiêu đề nhưng có { $count } ô ghi như phần { $side ->
        [left] đầu
       *[right] cuối
    } của họ tên (ví dụ "{ $sample }" ở { $sheet ->
        [yes] hàng
       *[no] dòng
    } { $line }), ngay cạnh cột "{ $beside }": bỏ qua cột này thì tên in ra sẽ thiếu chữ
note-columns-unread = { $count ->
        [one] cột sau
       *[other] các cột sau
    } có giá trị nhưng không được đọc nên sẽ không in ra: { $columns }; nếu mẫu cần, hãy đặt tiêu đề theo tên trường hoặc dùng --map "Tiêu đề cột=tên_trường"
column-with-header = cột { $column } "{ $header }"
column-without-header = cột { $column } (không có tiêu đề)
err-roster-not-utf8 = { $file }: dòng { $line }: byte { $offset } không phải UTF-8 hợp lệ
err-roster-lossy-export = { $file }: dòng { $line }: { $example }: các chữ tiếng Việt đã bị thay bằng '?' khi lưu tệp
err-roster-sheet = { $file }: không đọc được bảng tính
err-roster-not-in-encoding = { $file }: các byte không phải { $encoding } hợp lệ
err-roster-not-utf16 = { $file }: mở đầu như tệp UTF-16 (Excel "Unicode Text") nhưng không phải UTF-16 hợp lệ
err-roster-empty = { $file }: danh sách trống
err-roster-too-large = { $file }: danh sách dài { $bytes } byte, quá giới hạn { $max_file_bytes } byte
err-roster-map-no-column = { $file }: --map { $given }: danh sách không có cột { $header }; các cột có: { $found }
err-roster-map-unknown-field = --map { $given }: mẫu không có trường { $field }; có phải là { $nearest }?
err-roster-csv = { $file }: dòng { $line }: { $message }
err-roster-changed = { $file }: tệp đã thay đổi trong khi đang được đọc
err-sheet-open = không phải bảng tính đọc được
err-sheet-too-large = { $what } vượt giới hạn { $limit }: { $found }
err-sheet-no-sheet = không có trang { $name }; các trang có: { $found }
err-export-format = { $path }: định dạng không rõ; tên tệp phải kết thúc bằng .csv, .xlsx hoặc .pdf
err-export-xlsx = { $path }: không ghi được bảng tính
err-export-layout = mục { $serial }: { $message }
err-issue-other-roster = đợt { $batch } trong sổ gốc được cấp từ { $registered }, không phải từ { $given }
err-register-sql = sổ gốc { $path }: SQLite từ chối yêu cầu
err-register-upgrade = sổ gốc { $path }: không nâng được lên phiên bản cấu trúc { $version }
err-register-damaged = sổ gốc { $path }: đợt { $batch }: ngày cấp lưu trong sổ { $value } không phải là ngày
err-register-io = sổ gốc { $path }: không { $action } được
err-register-missing = sổ gốc { $path }: không có tệp này
err-register-newer = sổ gốc { $path }: phiên bản cấu trúc { $found } mới hơn bản chungnhan này biết ({ $schema_version })
err-register-unknown-serial = sổ gốc { $path }: không có giấy chứng nhận nào số hiệu { $serial }
err-register-backup-exists = { $out } đã có; sao lưu không bao giờ ghi đè tệp
err-register-backup-damaged = bản sao { $out } không qua được kiểm tra toàn vẹn của SQLite: { $report }
err-register-ambiguous-serial = sổ gốc { $path }: { $serial } có thể là một trong { $found }
err-fonts-font-error = { $path }: không phải phông TrueType/OpenType dùng được
err-pdf-asset = { $path }: { $message }
err-pdf-page-size = không tạo được trang PDF khổ { $size }: khổ trang phải lớn hơn 0 và không quá 5080 mm mỗi chiều
err-pdf-font = không nhúng được phông chữ vào tệp PDF
err-pdf-image = không nhúng được một ảnh của mẫu vào tệp PDF
err-pdf-background = không nhúng được trang nền PDF của mẫu
err-pdf-limit = trang có một số đo hoặc danh sách vượt giới hạn của định dạng PDF
err-pdf-archival = tệp không đạt chuẩn lưu trữ PDF/A-2b: { $rules }
err-pdf-internal = lỗi trong chungnhan khi ghi PDF ({ $what })
pdf-rule-restricted-font = phông chữ có giấy phép cấm nhúng vào tài liệu
pdf-rule-missing-glyph = có chữ mà phông không có hình chữ
pdf-rule-text-meaning = có hình chữ không gắn với ký tự Unicode nào, nên chép ra sẽ sai chữ
pdf-rule-interpolation = ảnh được làm mịn khi phóng to
pdf-rule-embedded = có tệp hoặc trang PDF nhúng bên trong
pdf-rule-other = quy tắc { $rule }
hint-pdf-asset = mở tệp ảnh hoặc PDF nền bằng một chương trình xem ảnh để kiểm tra; lưu lại dưới dạng PNG, JPEG hoặc PDF không đặt mật khẩu rồi chạy lại
hint-pdf-page-size = sửa khổ trang (width_mm, height_mm) trong template.toml
hint-pdf-font = thử một phông chữ khác trong [fonts] của mẫu, hoặc bỏ [fonts] để dùng phông Liberation Serif có sẵn
hint-pdf-limit = kiểm tra các số đo trong template.toml: có thể một vị trí hoặc cỡ chữ quá lớn
hint-pdf-archival = đổi phông chữ hoặc ảnh nêu trên; nếu mẫu dùng trang nền PDF, tệp ra là PDF thường, không phải PDF/A
hint-pdf-internal = đây là lỗi của chương trình; xin gửi thông báo này và tệp mẫu cho người phát triển
err-fonts-restricted = { $path }: giấy phép của phông chữ này (họ { $family }) cấm nhúng vào tài liệu, nên không in được bằng nó
hint-fonts-restricted = chọn một phông có giấy phép cho nhúng (ví dụ phông theo giấy phép SIL OFL), hoặc bỏ [fonts] để dùng phông Liberation Serif có sẵn
hint-fonts-font-error = tệp phải là phông TrueType (.ttf) hoặc OpenType (.otf); mở nó bằng trình xem phông để kiểm tra
err-claims-cbor = dữ liệu ký không phải CBOR hợp lệ: { $problem }
err-claims-not-deterministic = dữ liệu ký không ở dạng mã hóa CBOR xác định (số không tối giản, khóa không theo thứ tự hoặc độ dài không xác định)
err-claims-trailing = còn { $count } byte thừa sau dữ liệu ký
err-claims-duplicate-key = khóa { $key } xuất hiện hai lần
err-claims-missing = thiếu trường bắt buộc { $key } ({ $claim_name })
err-claims-too-long = trường { $field } dài { $bytes } byte, quá giới hạn { $limit }
err-claims-control-character = trường { $field } có ký tự điều khiển U+{ $code }
err-claims-bad-legacy-text = trường { $claim }: dạng chữ windows-1258 không giải mã được
err-claims-out-of-calendar = trường { $field } không phải một ngày từ 01/01/0001 đến 31/12/9999
err-claims-no-serial = số hiệu để trống: giấy chứng nhận nào được cấp cũng phải có số hiệu
err-claims-no-name = họ tên để trống
err-claims-no-issue-date = chưa có ngày cấp (biến ngay_cap)
err-claims-not-a-date = trường { $claim }: { $value } không phải là ngày
err-claims-not-a-year = trường { $claim }: { $value } không phải là năm
err-claims-birth-date = trường birth_date: { $value }: { $reason }
err-keys-folder = không tạo được thư mục { $path }
err-keys-folder-holds-keys = { $dir } đã chứa khóa của một đơn vị cấp ({ $entry }); keygen không bao giờ thay khóa (không có gì thay đổi)
err-keys-invalid = { $problem }
err-keys-key-not-in-manifest = { $signing }: khóa ký { $kid } không phải khóa đang dùng trong { $trust }
err-keys-expired = khóa ký { $kid } đã hết hạn ngày { $until }; không khóa nào của { $trust } được ký ngày { $day }
err-keys-compromised = khóa ký { $kid } đã bị ghi là BỊ LỘ trong { $trust }; khóa này không ký gì nữa
err-keys-no-key-for-day = không khóa ký nào của { $trust } được ký ngày { $day }
err-keys-private-key-missing = khóa riêng của khóa ký { $kid } không có trong { $dir } (thiếu { $file })
err-keys-no-such-key = { $trust } không có khóa ký { $kid }; các khóa: { $known }
err-keys-rotation-too-far = --from { $from } là quá xa: khóa mới chỉ được báo trước đến { $latest } (ba năm); xem lại ngày đã gõ
err-keys-rotation-in-the-past = --from { $from } là trước hôm nay ({ $today }): khóa mới chỉ bắt đầu từ hôm nay trở đi
err-qr-too-large = mã xác thực cần phiên bản { $version_m } ở mức M ({ $modules_m } ô, mỗi ô { $module_mm } mm với bề rộng { $width_mm } mm), nhỏ hơn mức { $min_module_m_mm } mm mà điện thoại đọc chắc chắn
scan-over-time = đọc { $what } mất hơn { $seconds } giây, giới hạn cho một giấy chứng nhận: không ảnh chụp, bản quét hay tệp PDF giấy chứng nhận bình thường nào cần lâu như vậy
scan-over-memory = đọc { $what } cần hơn { $mib } MiB bộ nhớ, giới hạn cho một giấy chứng nhận
err-scan-image = không phải ảnh PNG hay JPEG đọc được: { $problem }
err-scan-pdf = không phải tệp PDF đọc được: { $problem }
err-scan-too-large = { $budget }
err-seen-older = { $path }: { $what } này có số { $seq }, cũ hơn số { $seen } máy này đã kiểm tra; bị từ chối
err-seen-unreadable = { $path }: không phải tệp trạng thái của chungnhan: { $message }
err-sign-io = { $action } tệp khóa { $path }
err-sign-bad-private-key = { $path }: không phải khóa riêng P-256 dạng PKCS#8 PEM
err-sign-exists = { $path } đã có; không ghi đè khóa
err-sign-need-passphrase = { $path } được mã hóa mà không có mật khẩu
err-sign-wrong-passphrase = mật khẩu không mở được { $path }
err-sign-short-passphrase = mật khẩu mới cho { $path } phải có ít nhất { $min } ký tự: mật khẩu ngắn không giữ khóa an toàn hơn là không có mật khẩu
err-sign-bad-public-key = khóa công khai { $kid }: { $message }
err-token-not-a-code = không phải mã xác thực: cần dạng https://TÊN_MIỀN/c#DÃY-SỐ
err-token-not-digit = mã có { $found }, không phải chữ số
err-token-bad-group-length = nhóm cuối của mã có { $digits } chữ số, không ứng với số byte nào
err-token-group-too-large = một nhóm chữ số của mã quá lớn so với số byte của nó
err-token-bad-length = mã chứa { $bytes } byte, không phải một bản ghi giấy chứng nhận (cần { $min_blob }–{ $max_blob })
err-token-unknown-header = đầu mã không rõ 0x{ $header }
err-trust-io = { $action } { $path }
err-trust-not-a-file = { $path } không phải một tệp thường (có thể là thiết bị, ống dẫn hay thư mục): không đọc
err-trust-too-big = { $path } lớn hơn { $limit } MiB, quá cỡ mọi danh sách tin cậy, danh sách thu hồi hay bảng kê mã đã cấp thật: không đọc
err-trust-format = { $path }: không phải { $what }: { $message }
err-trust-bad-signature = { $path }: chữ ký của tệp ({ $sig }) không khớp với khóa gốc của đơn vị cấp
err-trust-not-pinned = { $path }: khóa gốc { $found } không phải khóa gốc đã định sẵn ({ $pinned })
err-trust-bad-key = { $path }: khóa { $kid }: { $message }
err-template-not-found = không có mẫu { $name }: không phải mẫu có sẵn, và không có thư mục nào chứa template.toml ở đó
err-template-io = { $file }: không đọc được { $what }
err-template-syntax = { $file }: { $message }
err-template-element = { $file }: phần tử { $element }: { $message }
err-template-expression = { $file }: { $place }: { $message }
err-template-font = { $file }: { $source }
err-template-invalid = { $file }: { $message }

## Hints: what the user can do about an error

hint-batch-known = các biến và trường mẫu biết: { $known }
hint-batch-near = có phải là { $near }? (các biến và trường mẫu biết: { $known })
hint-batch-placeholders = ghi chữ thật của đơn vị cho từng biến trong tệp --vars (ví dụ { $name } = "…", như examples/tan-binh-2019.toml), hoặc dùng --set { $name }=…
hint-batch-var = đặt bằng --set ngay_cap=20/12/2019 hoặc trong tệp --vars (ngày viết dd/mm/yyyy, hoặc YYYY-MM-DD)
hint-record-empty = điền vào ô; không bao giờ in giấy chứng nhận khi ô này trống
hint-record-cjk = viết họ tên bằng chữ quốc ngữ, như trên giấy tờ tùy thân
hint-record-date = viết ngày theo ngày/tháng/năm (07/04/1975), dạng ISO (1975-04-07), bằng chữ (7 tháng 4 năm 1975), hoặc chỉ năm (1975)
hint-record-gender = ghi Nam hoặc Nữ
hint-record-line-break = bỏ dấu xuống dòng (Alt+Enter trong Excel) khỏi ô
hint-record-too-long = rút ngắn ô; ô dài hơn nhiều so với bất cứ thứ gì giấy chứng nhận in được
hint-record-more-fields = có lẽ một giá trị chứa dấu phân cách mà không có ngoặc kép; đặt nó trong ngoặc kép, hoặc lưu lại từ Excel dạng "CSV UTF-8"
hint-record-fewer-fields = điền các ô còn thiếu, hoặc lưu lại từ Excel dạng "CSV UTF-8"
hint-record-overflow = rút ngắn chữ, hoặc cho phần tử khung lớn hơn hay min_size nhỏ hơn trong mẫu
hint-record-file-name = dùng mẫu tên tệp có số thứ tự (stt) hoặc họ tên (ho_ten)
hint-record-bytes = gõ lại ô, hoặc lưu danh sách từ Excel dạng "CSV UTF-8 (Comma delimited)"
hint-record-invisible = không cần làm gì: ký tự ẩn đã được bỏ; xem lại ô nếu nó được dán từ nơi khác
hint-record-duplicate = mỗi giấy chứng nhận cần số riêng; sửa một trong hai
hint-record-serial = điền cột Số hiệu cho bản ghi này, hoặc cho mẫu một quy tắc đánh số ([register] so_hieu)
hint-record-same-identity = cho mỗi bản ghi một stt riêng, hoặc khai báo các trường phân biệt bản ghi trong [register] key của mẫu
hint-record-same-person = nếu là một người, xóa bản ghi lặp lại; nếu thật là hai người trùng họ tên và ngày sinh, ghi x vào cột "Trùng tên" ở bản ghi sau, hoặc chạy với --allow-duplicates (họ tên được so không kể chữ hoa, khoảng trắng và chỗ đặt dấu thanh: Hoà và Hòa là một tên)
hint-record-issued-before = nếu là cùng người đó, bỏ bản ghi này khỏi danh sách (giấy đã cấp vẫn còn giá trị); nếu thật là hai người trùng họ tên và ngày sinh, ghi x vào cột "Trùng tên" ở bản ghi này, hoặc chạy với --allow-duplicates
hint-record-changed = chạy lại với --reissue để thay giấy chứng nhận bằng giấy mới với số mới (giấy cũ được ghi là đã cấp lại), hoặc trả bản ghi về như cũ
hint-record-number-taken = một số không bao giờ được cấp hai lần: để trống ô cho sổ gốc đánh số, hoặc ghi một số chưa dùng
hint-record-claim = sửa giá trị, hoặc phần [claims] của mẫu
hint-record-code-page-damage = chữ này đã hỏng khi tệp được lưu qua sai bảng mã (mất byte): gõ lại theo bản gốc, hoặc lưu bảng tính từ Excel dạng "CSV UTF-8 (Comma delimited)"
hint-record-code-page-repaired = lần chạy này không cần làm gì; hãy sửa ô trong danh sách (lưu dạng "CSV UTF-8") để chỗ nào cũng đọc đúng
hint-record-qr-too-large = rút ngắn hoặc viết tắt tên chương trình (biến chuong_trinh), ký mã chương trình thay cho tên, hoặc phóng to phần tử qr của mẫu
hint-record-missing-glyph = bỏ hoặc thay { $ch }, hoặc dùng mẫu có phông chứa ký tự này
hint-record-look-alike = thay { $ch } bằng { $looks_like }: trên màn hình trông như nhau, trong họ tên là hai chữ khác nhau
hint-columns-lossy = tiêu đề có "?" ở chỗ chữ tiếng Việt: tệp đã được Excel lưu dạng "CSV (Comma delimited)", làm mất hẳn các chữ đó; hãy lưu lại từ Excel dạng "CSV UTF-8 (Comma delimited)"
hint-columns-name = đặt tên cột như mẫu (ví dụ ho_ten, ngay_sinh) hoặc bằng nhãn tiếng Việt như "Họ và tên", "Ngày sinh"; họ tên tách hai cột có thể là "Họ và tên đệm" (hoặc "Họ đệm", "Họ lót", "Họ") và "Tên"; cột tên khác: --map "Tiêu đề cột=tên_trường"
hint-name-part-unread = { $side ->
        [left] đặt tiêu đề "Họ đệm" cho cột { $column } và "Tên" cho cột của "{ $beside }"
       *[right] đặt tiêu đề "Họ đệm" cho cột của "{ $beside }" và "Tên" cho cột { $column }
    }, hoặc ghi cả họ tên vào một cột; nếu cột { $column } không thuộc họ tên, hãy đặt cho nó một tiêu đề riêng
hint-roster-encoding = lưu danh sách từ Excel dạng "CSV UTF-8 (Comma delimited)", hoặc ghi rõ bảng mã bằng --encoding (windows-1258, tcvn3, vni, utf-16le, utf-16be)
hint-roster-lossy = không sửa được: hãy lưu lại bảng tính từ Excel dạng "CSV UTF-8 (Comma delimited)", không phải "CSV (Comma delimited)"
hint-roster-empty = dòng đầu phải là dòng tiêu đề (stt,ho_ten,ngay_sinh,…)
hint-roster-csv = xem lại dấu ngoặc kép quanh dòng đó, hoặc lưu lại từ Excel dạng "CSV UTF-8"
hint-roster-changed = đừng để ai lưu hay chép đè danh sách trong khi lệnh đang chạy, rồi chạy lại: chưa có gì được ghi
hint-roster-map = viết --map "cột như trong tiêu đề=trường của mẫu", ví dụ --map "Quê=noi_sinh"; `chungnhan check` liệt kê các cột tìm thấy
hint-roster-too-large = không danh sách thật nào lớn đến thế: hãy chép riêng các dòng và cột của danh sách sang một bảng tính mới, hoặc lưu dạng "CSV UTF-8 (Comma delimited)"; chưa có gì được ghi
hint-register-missing = chỉ ra sổ gốc mà lệnh issue đã ghi bằng --register TỆP (mặc định chungnhan.sqlite trong thư mục đã chạy issue)
hint-register-newer = dùng bản chungnhan đã ghi sổ này, hoặc bản mới hơn
hint-register-not-db = --register phải là sổ gốc SQLite mà lệnh issue giữ (mặc định chungnhan.sqlite)
hint-register-serial = xem lại số hiệu trên giấy; `chungnhan register export --out so-goc.csv` liệt kê tất cả
hint-register-ambiguous = ghi số hiệu đúng như in trên giấy
hint-register-backup-exists = đặt tên tệp mới, ví dụ kèm ngày: --out so-goc-2026-12-01.sqlite
hint-register-backup-damaged = sao lưu lại; nếu vẫn lỗi, giữ nguyên sổ gốc và chép nó khi không có lệnh chungnhan nào đang chạy
hint-register-serial-near = có phải là { $near }? xem lại số hiệu trên giấy; `chungnhan register export --out so-goc.csv` liệt kê tất cả
hint-issue-other-roster = đặt tên đợt: --batch { $batch } để tiếp tục đợt đó từ tệp này, hoặc một tên mới (ví dụ --batch khoa-2) cho khóa học khác
hint-keys-make = tạo thư mục khóa bằng `chungnhan keygen --out THƯ_MỤC`
hint-keys-holds = khóa gốc mới sẽ làm mọi giấy đã cấp không xác thực được nữa: giữ các khóa này, hoặc tạo khóa cho đơn vị cấp mới trong một thư mục trống (--out THƯ_MỤC)
hint-keys-rotate = tạo khóa ký mới bằng `chungnhan keys rotate --keys THƯ_MỤC` (cần khóa gốc), rồi đăng lại trust.json và trust.json.sig lên trang xác thực
hint-keys-private-missing = cấp giấy trên máy mà `keys rotate` đã tạo khóa đó, hoặc chép tệp khóa về đây
hint-keys-list = `chungnhan keys list --keys THƯ_MỤC` liệt kê mọi khóa kèm mã
hint-keys-passphrase = gõ mật khẩu khi được hỏi (trong cửa sổ dòng lệnh), hoặc đặt biến { $env }
hint-trust-bad-signature = tệp đã bị sửa sau khi ký, hoặc tệp .sig thuộc đơn vị khác; hãy lấy lại cả hai từ đơn vị cấp
hint-seen-older = lấy trust.json và revoked.json hiện hành (kèm .sig) từ trang của đơn vị cấp; bản cũ có thể che một khóa bị lộ hay một giấy bị thu hồi. Các số đã thấy được lưu trong { $state }
hint-seen-unreadable = chuyển tệp đi chỗ khác (một tệp mới sẽ được tạo), hoặc chỉ thư mục khác bằng --state THƯ_MỤC
hint-site-keys = chỉ --keys tới thư mục keygen đã tạo (có trust.json và revoked.json)
hint-template-not-found = chạy `chungnhan templates` để xem các mẫu có sẵn
hint-cli-need-root = chạy revoke với --keys là thư mục keygen đã tạo, nơi có root-key.pem (hoặc --root-key TỆP); không có gì thay đổi
hint-cli-no-force = thay khóa gốc sẽ làm mọi giấy đã cấp không xác thực được nữa: giữ các khóa, hoặc dùng thư mục mới cho đơn vị cấp mới
hint-cli-listen = chọn cổng khác bằng --port N, hoặc --port 0 để lấy cổng trống bất kỳ

## --help: what each command and option is for (the English is also the doc comment in cli/mod.rs)

help-about = Giấy chứng nhận hàng loạt: từ danh sách (CSV, Excel) và một mẫu, in giấy chứng nhận tiếng Việt cho từng người thành tệp PDF sẵn sàng in, kèm mã QR xác thực có chữ ký số.
help-arg-lang = Ngôn ngữ của thông báo và báo cáo: vi (tiếng Việt, mặc định) hoặc en. Không có tùy chọn này thì biến LC_ALL, LC_MESSAGES hoặc LANG bắt đầu bằng "en" sẽ chọn tiếng Anh
help-demo-about = Làm thử toàn bộ với mẫu có sẵn (218 học viên): khóa dùng thử, giấy chứng nhận có ký số, kiểm tra
help-demo-long =
    Làm thử toàn bộ với mẫu có sẵn (218 học viên): khóa dùng thử, giấy chứng nhận có ký số, kiểm tra.

    Tạo khóa trong THƯ_MỤC/keys, cấp giấy cho danh sách mẫu theo mẫu mặc định vào THƯ_MỤC, rồi xác thực giấy đầu tiên. Không cần tệp nào khác. Ví dụ: chungnhan demo --out demo
help-demo-arg-out = Thư mục ghi giấy chứng nhận (tạo nếu chưa có)
help-arg-quiet = Không vẽ thanh tiến trình
help-render-about = In bản nháp để xem bố cục: mỗi người một tệp PDF (chưa ký, chưa đánh số)
help-render-long =
    In bản nháp để xem bố cục: mỗi người một tệp PDF (chưa ký, chưa đánh số).

    Mọi thứ được kiểm tra trước khi ghi; có bản ghi lỗi thì không ghi gì và liệt kê mọi lỗi.

    Ví dụ: chungnhan render --roster hocvien.csv --vars khoa-2019.toml --out ban-nhap --merged ban-nhap/tat-ca.pdf
help-arg-roster = Danh sách: tệp CSV có dòng tiêu đề (UTF-8, UTF-16, Windows-1258, TCVN3 hoặc VNI; phân cách bằng dấu phẩy, chấm phẩy hoặc tab), hoặc bảng tính Excel/LibreOffice (.xlsx, .xls, .ods)
help-arg-template = Tên một mẫu có sẵn (xem `chungnhan templates`) hoặc một thư mục mẫu
help-arg-sheet = Với bảng tính (.xlsx, .xls, .ods): trang cần đọc (mặc định: trang đầu)
help-arg-encoding = Bảng mã của danh sách, khi tự nhận sai: utf-8, utf-16le, utf-16be, windows-1258, tcvn3, vni
help-arg-vars = Tệp TOML chứa các biến (đơn vị cấp, chương trình, địa danh, ngày, người ký…)
help-arg-set = Đặt một biến; ưu tiên hơn --vars và mẫu. Dùng nhiều lần được
help-arg-map = Lấy một cột của danh sách cho một trường của mẫu, bất kể tiêu đề: --map "Quê=noi_sinh". Dùng nhiều lần được
help-arg-allow-duplicates = Các bản ghi cùng họ tên và ngày sinh là những người khác nhau: cấp cho tất cả (không có cờ này, mỗi người chỉ được cấp một lần; muốn cho riêng từng bản ghi, ghi x vào cột "Trùng tên")
help-arg-out = Thư mục ghi các tệp PDF, mỗi người một tệp (tạo nếu chưa có)
help-arg-merged = Ghi thêm (hoặc, khi không có --out, chỉ ghi) mọi giấy vào một tệp in gộp này
help-arg-name = Mẫu tên tệp, ví dụ "{"{"}{"{"} so_hieu {"}"}{"}"}.pdf". Mặc định: của mẫu, thường là "{"{"}{"{"} stt {"}"}{"}"}-{"{"}{"{"} ho_ten | slug {"}"}{"}"}.pdf"
help-arg-sort = Thứ tự in: roster (mặc định, theo danh sách) hoặc ten (theo tên, thứ tự chữ cái tiếng Việt, rồi họ tên, rồi stt)
help-arg-jobs = Số luồng xử lý (mặc định: mọi lõi)
help-arg-skip-invalid = Ghi các bản ghi hợp lệ và liệt kê các bản ghi lỗi (mã thoát 1) thay vì không ghi gì
help-check-about = Đọc và kiểm tra mọi thứ như `render`, không ghi gì, liệt kê mọi lỗi
help-check-long =
    Đọc và kiểm tra mọi thứ như `render`, không ghi gì, liệt kê mọi lỗi.

    Ví dụ: chungnhan check --roster hocvien.csv --vars khoa-2019.toml
help-check-arg-format = text (mặc định), hoặc json: một đối tượng chứa mọi lỗi, cho chương trình khác đọc
help-keygen-about = Tạo khóa của đơn vị cấp: khóa gốc, khóa ký và danh sách tin cậy có chữ ký
help-keygen-long =
    Tạo khóa của đơn vị cấp: khóa gốc, khóa ký và danh sách tin cậy có chữ ký.

    Ghi THƯ_MỤC/root-key.pem (hoặc --root-key TỆP) và THƯ_MỤC/signing-key.pem (khóa riêng, quyền 0600, mã hóa nếu có --encrypt), THƯ_MỤC/trust.json (để công bố) và THƯ_MỤC/revoked.json trống, mỗi tệp kèm .sig ký bằng khóa gốc. In vân tay khóa gốc để đơn vị công bố. Không bao giờ in nội dung khóa.

    Ví dụ: chungnhan keygen --out khoa --issuer "Trung tâm Bồi dưỡng chính trị quận Tân Bình" --host xacthuc.tanbinh.edu.vn
help-keygen-arg-out = Thư mục chứa khóa (tạo nếu chưa có)
help-keygen-arg-issuer = Tên đơn vị cấp, như người xác thực sẽ thấy (bắt buộc: điện thoại hiện tên này)
help-keygen-arg-host = Tên máy chủ xác thực in trong mọi mã QR (https://TÊN_MIỀN/c#…), ví dụ xacthuc.truong.edu.vn (bắt buộc: in trên mọi giấy)
help-keygen-arg-force = Bị từ chối: keygen không bao giờ thay khóa (giữ lại để các kịch bản cũ nhận được câu trả lời rõ ràng)
help-keygen-arg-root-key = Ghi khóa gốc vào đây thay cho THƯ_MỤC/root-key.pem (ví dụ một USB cất riêng, không cắm vào máy nối mạng)
help-keygen-arg-encrypt = Mã hóa cả hai khóa riêng bằng mật khẩu (CHUNGNHAN_PASSPHRASE, hoặc gõ hai lần)
help-issue-about = Cấp giấy chứng nhận có chữ ký: đánh số trong sổ gốc, ký số, kèm mã QR xác thực
help-issue-long =
    Cấp giấy chứng nhận có chữ ký: đánh số trong sổ gốc, ký số, kèm mã QR xác thực.

    Như render, nhưng mỗi bản ghi được đánh số trong sổ gốc (số hiệu và số vào sổ theo quy tắc [register] của mẫu, trừ khi danh sách đã ghi), các trường [claims] của mẫu được ký — bằng khóa ký của THƯ_MỤC còn hạn dùng hôm nay (ngày ký là hôm nay) — và mã QR (https://TÊN_MIỀN/c#…) được vẽ vào phần tử qr. Số được ghi vào sổ trước khi ghi tệp nào. Có khóa gốc thì bảng kê mã đã cấp của đợt (THƯ_MỤC/ledger/, đăng trên trang xác thực để giấy vẫn xác thực được nếu khóa ký bị lộ) cũng được ký; không có thì chờ lần chạy sau. Chạy lại cùng danh sách không cấp gì mới và giữ nguyên các tệp; bản ghi đã sửa sau khi cấp bị từ chối, trừ khi có --reissue.

    Ví dụ: chungnhan issue --roster hocvien.csv --vars khoa-2019.toml --keys khoa --out chung-nhan
help-issue-arg-keys = Thư mục khóa do keygen tạo
help-issue-arg-root-key = Khóa gốc, khi không ở trong thư mục khóa: có nó, issue ký ngay bảng kê mã đã cấp của đợt (và danh sách thu hồi còn chờ)
help-issue-arg-register = Sổ gốc (SQLite), tạo nếu chưa có
help-issue-arg-batch = Tên đợt trong sổ gốc: chạy lại với cùng tên sẽ nhận ra các bản ghi của đợt. Mặc định: tên tệp danh sách
help-issue-arg-reissue = Thay giấy của các bản ghi đã sửa sau khi cấp: giấy mới với số mới; giấy cũ được ghi là đã cấp lại và đưa vào danh sách thu hồi (lý do: thay thế)
help-revoke-about = Thu hồi một giấy chứng nhận: ghi vào sổ gốc và công bố danh sách thu hồi có chữ ký
help-revoke-long =
    Thu hồi một giấy chứng nhận: ghi vào sổ gốc và công bố danh sách thu hồi có chữ ký.

    Ghi THƯ_MỤC/revoked.json và .sig (ký bằng khóa gốc); công bố cả hai cạnh trust.json. Người xác thực sẽ thấy giấy đã bị thu hồi (mã thoát 3) kèm ngày và lý do.

    Ví dụ: chungnhan revoke CNKT19-0042 --register chungnhan.sqlite --keys khoa --reason "cấp sai" --decision "Quyết định số 12/QĐ-TTBD ngày 02/03/2020"
help-revoke-arg-serial = Số hiệu của giấy chứng nhận
help-revoke-arg-register = Sổ gốc do issue ghi
help-revoke-arg-keys = Thư mục khóa (khóa gốc ký danh sách thu hồi)
help-revoke-arg-reason = Lý do: "cấp sai", "gian lận" hoặc "thay thế" (có dấu hay không dấu đều được; mã issued_in_error, fraud, superseded cũng được nhận)
help-revoke-arg-decision = Quyết định thu hồi (số, ngày), ghi vào sổ gốc và các bản xuất
help-revoke-arg-change-reason = Với giấy đã thu hồi: ghi lý do (và quyết định) này thay cho lý do cũ. Không có tùy chọn này thì lý do khác không thay đổi gì
help-arg-root-key = Khóa gốc, khi không ở trong thư mục khóa
help-keys-about = Các khóa ký qua các năm: liệt kê, đổi khóa mới, báo khóa bị lộ
help-keys-list-about = Mọi khóa ký trong danh sách tin cậy của thư mục: mã, tình trạng hôm nay, hạn dùng, có khóa riêng ở đây không
help-keys-list-long =
    Mọi khóa ký trong danh sách tin cậy của thư mục: mã, tình trạng hôm nay, hạn dùng, có khóa riêng ở đây không.

    Ví dụ: chungnhan keys list --keys khoa
help-arg-keys = Thư mục khóa do keygen tạo
help-keys-rotate-about = Khóa ký mới từ một ngày; các khóa còn hạn lúc đó thôi ký từ sau ngày đó
help-keys-rotate-long =
    Khóa ký mới từ một ngày; các khóa còn hạn lúc đó thôi ký từ sau ngày đó.

    Ký lại trust.json bằng khóa gốc (số thứ tự + 1). --from là một ngày sắp tới thì khóa được công bố trước, để người xác thực biết khóa trước khi gặp giấy đầu tiên do khóa ký. Khóa đã thôi dùng vẫn nằm trong danh sách: giấy do khóa đó ký vẫn xác thực được mãi. Hãy đăng lại trust.json và .sig lên trang xác thực.

    Ví dụ: chungnhan keys rotate --keys khoa --from 01/01/2027
help-keys-rotate-arg-from = Ngày đầu của khóa mới (dd/mm/yyyy hoặc YYYY-MM-DD; mặc định hôm nay)
help-keys-compromise-about = Báo một khóa ký bị mất hoặc bị lộ: khóa không ký gì nữa, và giấy do khóa này đã ký chỉ hợp lệ khi có trong bảng kê mã đã cấp do khóa gốc ký
help-keys-compromise-long =
    Báo một khóa ký bị mất hoặc bị lộ: khóa không ký gì nữa, và giấy do khóa này đã ký chỉ hợp lệ khi có trong bảng kê mã đã cấp do khóa gốc ký.

    Ký lại trust.json bằng khóa gốc (số thứ tự + 1); nếu đó là khóa đang dùng thì một khóa mới ký từ hôm nay. Hãy đăng ngay trust.json và .sig lên trang xác thực.

    Ví dụ: chungnhan keys compromise --keys khoa --kid 1a2b3c4d --since 20/11/2026
help-keys-compromise-arg-kid = Mã khóa (keys list hiện mã này)
help-keys-compromise-arg-since = Từ ngày nào khóa có thể đã lọt vào tay người khác (dd/mm/yyyy hoặc YYYY-MM-DD)
help-register-about = Sổ gốc cấp giấy chứng nhận
help-register-export-about = Xuất sổ gốc: .csv (UTF-8 có BOM, cho Excel), .xlsx, hoặc .pdf (sổ gốc để in)
help-register-export-long =
    Xuất sổ gốc: .csv (UTF-8 có BOM, cho Excel), .xlsx, hoặc .pdf (sổ gốc để in).

    Ví dụ: chungnhan register export --register chungnhan.sqlite --out so-goc.pdf
help-arg-register = Sổ gốc
help-register-export-arg-out = Tệp cần ghi; phần mở rộng chọn định dạng
help-register-export-arg-batch = Chỉ đợt này
help-register-export-arg-sort = so (mặc định): theo thứ tự vào sổ; ten: theo tên (thứ tự tiếng Việt)
help-register-audit-about = Đối chiếu sổ gốc với những gì đã ký: mã của mỗi mục xác thực được, các cột và dữ liệu để in lại khớp dữ liệu đã ký, trạng thái khớp danh sách thu hồi đã ký, mỗi giấy đang hiệu lực còn tệp PDF, mỗi tệp đúng là tệp đã cấp và mang đúng mã của nó, không số hay tệp nào dùng hai lần, mỗi đợt khớp bảng kê mã đã cấp có chữ ký
help-register-audit-long =
    Đối chiếu sổ gốc với những gì đã ký: mã của mỗi mục xác thực được, các cột và dữ liệu để in lại khớp dữ liệu đã ký, trạng thái khớp danh sách thu hồi đã ký, mỗi giấy đang hiệu lực còn tệp PDF, mỗi tệp đúng là tệp đã cấp và mang đúng mã của nó, không số hay tệp nào dùng hai lần, mỗi đợt khớp bảng kê mã đã cấp có chữ ký. Mã thoát 0 khi không có sai lệch, 1 khi có, mỗi sai lệch kèm số hiệu.

    Ví dụ: chungnhan register audit --register chungnhan.sqlite --keys khoa
help-register-audit-arg-keys = Thư mục khóa của đơn vị cấp (đọc trust.json, revoked.json và các bảng kê mã đã cấp)
help-register-find-about = Tìm trong sổ gốc: theo họ tên (không cần dấu), số hiệu, số vào sổ hoặc đợt cấp
help-register-find-long =
    Tìm trong sổ gốc: theo họ tên (không cần gõ dấu, không phân biệt hoa thường), số hiệu (không cần gạch nối), số vào sổ hoặc tên đợt cấp. Mã thoát 0 khi có mục khớp, 1 khi không có.

    Ví dụ: chungnhan register find "nguyen van an"
help-register-find-arg-text = Điều cần tìm: vài chữ của họ tên, một số hiệu, một số vào sổ hoặc tên đợt
help-register-show-about = Xem trọn một mục của sổ gốc: số hiệu, số vào sổ, người được cấp, đợt, tình trạng, phôi, tệp và lịch sử
help-register-show-long =
    Xem trọn một mục của sổ gốc: số hiệu, số vào sổ, người được cấp, đợt, tình trạng, phôi, tệp và lịch sử.

    Ví dụ: chungnhan register show CNKT19-0042
help-register-show-arg-serial = Số hiệu, gõ như trên giấy (không phân biệt hoa thường, dấu cách, gạch nối)
help-register-backup-about = Sao lưu sổ gốc sang một tệp mới, có kiểm tra toàn vẹn, không cần dừng việc cấp giấy
help-register-backup-long =
    Sao lưu sổ gốc sang một tệp mới, có kiểm tra toàn vẹn, không cần dừng việc cấp giấy.

    Làm được cả khi một lần cấp giấy khác đang chạy: bản sao là sổ gốc trọn vẹn tại một thời điểm (dùng cơ chế sao lưu của chính SQLite). Không bao giờ ghi đè tệp đã có.

    Ví dụ: chungnhan register backup --register chungnhan.sqlite --out so-goc-2026-12-01.sqlite
help-register-backup-arg-out = Bản sao cần ghi (chưa được có sẵn)
help-site-about = Ghi trang xác thực: trang điện thoại mở từ https://TÊN_MIỀN/c#… và các danh sách
help-site-long =
    Ghi trang xác thực: trang điện thoại mở từ https://TÊN_MIỀN/c#… và các danh sách.

    Ghi THƯ_MỤC/c/index.html (và c.html, index.html), THƯ_MỤC/sw.js và THƯ_MỤC/.well-known/vncert/ (trust.json, revoked.json, các bảng kê mã đã cấp và tệp .sig, chép từ thư mục khóa). Tải THƯ_MỤC lên thư mục gốc của TÊN_MIỀN. Trang kiểm tra mã ngay trên trình duyệt, không gửi gì đi đâu. Với --serve, trang được mở ngay trên máy này (127.0.0.1) để thử: mở địa chỉ trong mã QR, thay https://TÊN_MIỀN bằng địa chỉ được in ra.

    Ví dụ: chungnhan site --keys khoa --out xacthuc --serve
help-site-arg-keys = Thư mục khóa (trust.json và revoked.json của nó được công bố)
help-site-arg-out = Thư mục ghi trang (tạo nếu chưa có)
help-site-arg-serve = Ghi xong thì mở trang ngay trên máy này (127.0.0.1) để thử, cho đến khi bấm Ctrl-C
help-site-arg-port = Cổng cho --serve (0: cổng trống bất kỳ)
help-verify-about = Xác thực một giấy chứng nhận: chữ hoặc địa chỉ trong mã QR, ảnh quét hay ảnh chụp PNG/JPEG, hoặc tệp PDF
help-verify-long =
    Xác thực một giấy chứng nhận: chữ hoặc địa chỉ trong mã QR, ảnh quét hay ảnh chụp PNG/JPEG, hoặc tệp PDF.

    Mã thoát: 0 hợp lệ, 1 chữ ký sai (giả mạo hoặc bị sửa), 2 không rõ khóa của đơn vị cấp, 3 đã bị thu hồi, 4 không tìm thấy mã QR, 5 mã hỏng, 6 ký bằng khóa đã bị lộ và không có trong bảng kê mã đã cấp có chữ ký, 7 không kiểm tra được thu hồi (máy này đã thấy danh sách thu hồi của đơn vị, nay không có hoặc chỉ có bản cũ hơn).

    Ví dụ: chungnhan verify chung-nhan/001-ly-xuan-tri.pdf --trust khoa/trust.json
help-verify-arg-input = Chữ hoặc địa chỉ trong mã QR, hoặc một tệp PDF, PNG, JPEG
help-verify-arg-trust = Danh sách tin cậy (trust.json, hoặc thư mục chứa nó). Dùng nhiều lần được. revoked.json và thư mục ledger/ cạnh nó cũng được đọc
help-verify-arg-revoked = Danh sách thu hồi (revoked.json) do một khóa gốc tin cậy ký
help-verify-arg-root = Chỉ nhận danh sách tin cậy có khóa gốc mang vân tay này
help-verify-arg-json = In một đối tượng JSON thay cho văn bản
help-verify-arg-state = Nơi máy này nhớ số thứ tự cao nhất đã gặp của danh sách tin cậy và danh sách thu hồi của mỗi đơn vị (mặc định: thư mục dữ liệu của người dùng), để từ chối danh sách tin cậy cũ hơn và báo khi danh sách thu hồi bị giữ lại hoặc cũ hơn (mã thoát 7)
help-scan-pdf-page-about = Nội bộ: dựng trang đầu của tệp PDF từ đầu vào chuẩn và in mã trên đó. Do `verify` chạy như tiến trình con có giới hạn thời gian và bộ nhớ
help-scan-pdf-page-arg-dpi = Độ phân giải khi dựng
help-scan-image-about = Nội bộ: đọc ảnh từ đầu vào chuẩn và in mã trong ảnh. Do `verify` chạy như tiến trình con có giới hạn thời gian và bộ nhớ
help-usage = Cách dùng:
help-commands = Lệnh:
help-arguments = Tham số:
help-options = Tùy chọn:
help-flag-help = In hướng dẫn (-h: tóm tắt)
help-flag-version = In phiên bản
help-after =
    Bắt đầu bằng `chungnhan demo --out demo`: lệnh này tạo khóa dùng thử, cấp 218 giấy chứng nhận mẫu có ký số, rồi xác thực giấy đầu tiên.
    
    Mã thoát của render, check, issue, keygen, revoke, register export, site: 0 đã ghi đủ; 1 bỏ qua một số bản ghi (--skip-invalid); 2 không ghi gì (dữ liệu, mẫu hoặc khóa sai, lỗi đọc ghi).
    Mã thoát của verify: 0 hợp lệ, 1 không hợp lệ, 2 không rõ khóa của đơn vị cấp, 3 đã bị thu hồi, 4 không tìm thấy mã QR, 5 mã hỏng, 6 ký bằng khóa đã bị lộ và không có trong bảng kê mã đã cấp có chữ ký, 7 không kiểm tra được thu hồi (danh sách đã thấy trước đó bị giữ lại hoặc chỉ có bản cũ hơn).
    101 là lỗi của chính chương trình: xin báo lại cho người phát triển, kèm lệnh đã chạy.

## Why a date is refused

date-excel-serial = trông như số ngày kiểu Excel; hãy định dạng cột là chữ dd/mm/yyyy
date-not-a-date = không phải là ngày
date-four-digit-year = năm phải có bốn chữ số
date-expected-dmy = cần dạng ngày/tháng/năm
date-placeholder = 00/00 không phải ngày thật; nếu không rõ ngày thì chỉ ghi năm ({ $year })
date-no-month-dmy = không có tháng { $month }; ngày viết theo ngày/tháng/năm
date-after-issue = sau ngày cấp { $latest }
date-implausible-year = năm { $year } không hợp lý cho một ngày sinh
date-not-a-number = { $value } không phải là số
date-no-month = không có tháng { $month }
date-not-leap = năm { $year } không nhuận
date-no-day = tháng { $month } không có ngày { $day }
date-expected-iso = cần dạng YYYY-MM-DD

## How a roster was read, and the progress bar

roster-note-read-as = đã đọc theo { $encoding }
roster-note-forced = đã đọc theo { $encoding } (như --encoding yêu cầu)
roster-note-no-bom = đã đọc theo { $encoding } (không có dấu thứ tự byte)
roster-note-repaired = đã sửa: chữ là { $encoding } từng bị hiển thị theo Windows-1252 rồi lưu lại dạng UTF-8 ({ $sample } nay đọc đúng)
roster-note-semicolon = các trường phân cách bằng ';' (như Excel ghi ở máy dùng dấu phẩy thập phân)
roster-note-tabs = các trường phân cách bằng tab
roster-note-sheet = đã đọc trang { $sheet }, dòng tiêu đề ở hàng { $row }
roster-note-sheet-two-rows = đã đọc trang { $sheet }, tiêu đề hai hàng ở hàng { $row } và { $second }
roster-note-two-row-header = đã đọc tiêu đề hai dòng (dòng 1 và 2) như một
progress-checking = kiểm tra
progress-writing = ghi tệp

## verify: the detail of a verdict

detail-malformed = mã hỏng: { $error }
detail-attributed = không xác định được đơn vị cấp: khóa ký { $kid } được { $count } đơn vị liệt kê ({ $names }); chỉ tin danh sách tin cậy của chính đơn vị cấp
detail-claims = chữ ký đúng nhưng dữ liệu ký không đúng quy cách: { $error }
detail-high-s = chữ ký ở dạng high-S: mã thật có ngày ký không bao giờ mang dạng này (mỗi giấy chỉ có một mã)
detail-compromised = không thể xác thực: khóa { $kid } của đơn vị cấp đã bị lộ (từ { $since }) và mã này không có trong bảng kê mã đã cấp có chữ ký nào của đơn vị
detail-compromised-old-ledger = không thể xác thực: khóa { $kid } của đơn vị cấp đã bị lộ (từ { $since }) và mã này chỉ có trong bảng kê mã đã cấp theo định dạng cũ (vncert-ledger/1); bảng kê này chỉ ghi một phần chữ ký mà kẻ giữ khóa bị lộ có thể chép sang một mã mang bất kỳ họ tên nào, nên không phân biệt được mã này với mã giả. Hãy đề nghị đơn vị cấp cấp lại giấy
detail-window = ký ngày { $signed }, ngoài hạn dùng của khóa { $kid } ({ $from } – { $until }): người ký trung thực không bao giờ tạo mã như vậy
detail-signed-future = ghi ngày ký { $signed }, sau hôm nay ({ $today }) quá một ngày: ngày đó chưa đến, và người ký trung thực (với đồng hồ đúng) không ký trước ngày
detail-no-signing-date = mã không ghi ngày ký, mà khóa { $kid } bắt đầu dùng từ { $from }: mọi khóa bắt đầu từ { $since } trở đi đều ghi ngày ký vào mọi mã của mình, nên mã này không do đơn vị cấp tạo ra
detail-list-withheld = không có danh sách thu hồi của đơn vị cấp, dù máy này đã kiểm tra danh sách số { $seen } của đơn vị: danh sách đã bị giữ lại hoặc bỏ sót, và giấy có thể đã bị thu hồi. Hãy lấy danh sách hiện hành (revoked.json và revoked.json.sig tại https://{ $domain }/.well-known/vncert/) rồi kiểm tra lại, đặt cạnh trust.json hoặc đưa bằng --revoked TỆP
detail-list-older = danh sách thu hồi đã đưa (số { $seq }) cũ hơn danh sách số { $seen } máy này đã kiểm tra: giấy có thể đã bị thu hồi trong danh sách mới hơn. Hãy lấy danh sách hiện hành (revoked.json và revoked.json.sig tại https://{ $domain }/.well-known/vncert/) rồi kiểm tra lại
detail-valid = HỢP LỆ: chữ ký số đúng
detail-no-manifest = không có danh sách tin cậy nào được đưa (--trust THƯ_MỤC/trust.json)
detail-not-in-manifests = khóa không có trong các danh sách tin cậy đã đưa; có thể là giả mạo, hoặc một đơn vị cấp bạn chưa thêm
detail-unknown-key = không rõ khóa { $kid } của đơn vị cấp: { $why }
detail-alg = không hợp lệ: thuật toán của mã khác với của khóa
detail-invalid = KHÔNG HỢP LỆ: chữ ký không khớp; mã đã bị sửa hoặc giả mạo
detail-revoked = ĐÃ THU HỒI ngày { $date } ({ $reason }): chữ ký đúng nhưng giấy chứng nhận đã bị rút lại
detail-no-file = không đọc được { $input }: không có tệp này
detail-too-big = { $input } nặng { $mib } MiB, quá giới hạn { $limit } MiB cho ảnh quét, ảnh chụp hay tệp PDF của một giấy chứng nhận
detail-cannot-read = không đọc được { $input }: { $error }
detail-not-binary = { $input } có tên như tệp PDF, PNG hay JPEG nhưng không phải loại nào
detail-text-too-big = { $input } không phải PDF, PNG hay JPEG, và là chữ thì dài { $kib } KiB, quá giới hạn { $limit } KiB: một mã chỉ vài kilobyte
detail-no-qr = không tìm thấy mã QR trong { $input }
detail-draft = { $input } là bản nháp do lệnh render tạo
detail-not-readable = { $input } không phải tệp PDF, PNG, JPEG hay tệp chữ
detail-scan-failed = { $input }: { $error }
# The value of an unknown claim in `verify --json`: in Vietnamese whatever the language (scripts read it as it has always been).
verify-json-unrecognised = khóa { $key }: { $hex }

## How a record changed; key folder checks

change-record = bản ghi
change-more = và { $n } chỗ khác
change-other-key = được ký bằng khóa { $kid }, không phải khóa nào của danh sách tin cậy đang dùng
change-claims = dữ liệu sẽ ký khác với dữ liệu của mã đã vào sổ
keys-bad-issuer = tên đơn vị cấp { $issuer } trống hoặc có ký tự điều khiển
keys-bad-host = tên máy chủ { $host } phải là tên trần như xacthuc.truong.edu.vn (không có https://, không có đường dẫn)
keys-not-root = { $root }: khóa gốc này không phải khóa gốc của { $trust }

## A template element off the page

template-off-page = khung ({ $x0 }, { $y0 }) – ({ $x1 }, { $y1 }) mm ra ngoài trang { $w } × { $h } mm; kiểm tra orientation và vị trí của phần tử
template-in-margin = khung ({ $x0 }, { $y0 }) – ({ $x1 }, { $y1 }) mm lấn vào lề { $margin } mm mà máy in không in tới (trang { $w } × { $h } mm)
templates-exported = Đã ghi mẫu { $name } vào { $file }; sửa tệp này rồi dùng --template với thư mục chứa nó
err-template-export-exists = { $path } đã có; templates export không bao giờ ghi đè mẫu
help-templates-about = Liệt kê các mẫu có sẵn, hoặc xuất một mẫu thành thư mục để sửa
help-templates-export-about = Ghi một mẫu có sẵn thành thư mục sửa được (THƯ_MỤC/template.toml), in ra giống hệt mẫu có sẵn
help-templates-export-long =
    Ghi một mẫu có sẵn thành thư mục sửa được (THƯ_MỤC/template.toml), in ra giống hệt mẫu có sẵn.
    
    Bắt đầu mẫu riêng từ đây: sửa THƯ_MỤC/template.toml, rồi dùng --template THƯ_MỤC. Không bao giờ thay một mẫu đã có trong THƯ_MỤC.
    
    Ví dụ: chungnhan templates export giay-chung-nhan mau-cua-truong
help-templates-export-arg-name = Mẫu có sẵn (`chungnhan templates` liệt kê)
help-templates-export-arg-dir = Thư mục ghi mẫu (tạo nếu chưa có)

## print

print-done = Sổ gốc { $register }: in lại { $n } giấy chứng nhận, ghi { $written } tệp (tệp đã có đúng nội dung được giữ nguyên)
err-print-no-serial = không có giấy chứng nhận đang hiệu lực nào số hiệu { $serial } trong sổ gốc
err-print-several-batches = tệp in gộp chỉ dành cho một đợt, mà lựa chọn gồm các đợt: { $batches }
err-print-not-as-signed = { $serial }: { $field } trong sổ gốc là { $register } nhưng trong mã đã ký là { $signed }{ $others ->
        [0] {""}
       *[other] {" "}(và { $others } chỗ khác như vậy)
    }: sổ gốc đã bị sửa, không giấy nào được in
err-print-shared-file = { $serial }: tệp { $path } của giấy này trong sổ gốc cũng là tệp của { $other }: in nó sẽ ghi đè lên giấy kia, không giấy nào được in
err-print-damaged = mục { $serial } của sổ gốc không in lại được (dữ liệu hoặc mã đã hỏng)
hint-print-batch = chọn một đợt bằng --batch TÊN, hoặc bỏ --merged
hint-print-audit = chạy `chungnhan register audit` để xem sổ gốc bị sửa ở đâu
err-cli-no-shard-index = --shard { $n }: không biết máy này là máy thứ mấy (cần --shard K/{ $n }, hoặc JOB_COMPLETION_INDEX hay SLURM_ARRAY_TASK_ID)
hint-cli-shard = trên Kubernetes dùng Indexed Job; trên Slurm dùng --array=1-N
help-print-about = In lại giấy chứng nhận chỉ từ sổ gốc: không cần danh sách, không cần khóa riêng
help-print-long =
    In lại giấy chứng nhận chỉ từ sổ gốc: không cần danh sách, không cần khóa riêng.
    
    Ghi lại từng giấy được chọn (đang hiệu lực, chưa bị thu hồi hay thay thế) đúng như lệnh issue đã ghi, cùng tên tệp: khi mất tệp, cần bản thứ hai, hoặc chia một đợt cho nhiều máy bằng --shard K/N.
    
    Ví dụ: chungnhan print --register chungnhan.sqlite --out in-lai --serial CNKT19-0042
help-print-arg-register = Sổ gốc do issue ghi
help-print-arg-out = Thư mục ghi các tệp PDF (tạo nếu chưa có)
help-print-arg-merged = Ghi thêm (hoặc, khi không có --out, chỉ ghi) vào một tệp in gộp (một đợt)
help-print-arg-batch = Chỉ đợt này
help-print-arg-serial = Chỉ giấy này, theo số hiệu. Dùng nhiều lần được
help-print-arg-shard = Máy thứ K trong N máy (đếm từ 1): K/N. Mỗi giấy thuộc về một máy theo số thứ tự mục của nó trong sổ gốc, dù giữa các lần chạy có giấy bị thu hồi hay cấp lại, nên N lần chạy in mỗi giấy đúng một lần. Khi chỉ ghi N, K lấy từ JOB_COMPLETION_INDEX (Kubernetes, đếm từ 0) hoặc SLURM_ARRAY_TASK_ID

## What is wrong inside a template (for whoever writes template.toml)
template-what-template = mẫu
template-what-vars = tệp biến
template-what-folder = thư mục
template-what-font = phông chữ
template-what-background = ảnh nền
template-what-image = ảnh
template-place-variable = biến { $name }
template-place-element = phần tử { $name }
template-place-caption = chú thích của phần tử { $name }
template-place-file-name = mẫu tên tệp
template-page-size = page: khổ giấy { $size } hoặc hướng { $orientation } không có (khổ A4, A5, Letter; hướng portrait hoặc landscape)
template-placeholder-not-var = placeholders: { $name } không phải một biến của [vars]
template-pattern-no-seq = { $place }: mẫu số { $pattern } không dùng seq, nên mọi giấy chứng nhận sẽ cùng một số
template-var-not-text = biến { $name }: chỉ được là chữ, số hoặc ngày, không được là bảng hay danh sách
template-builtin-no-files = { $what } { $file }: mẫu có sẵn không dùng được tệp; hãy xuất mẫu ra thư mục bằng templates export rồi thêm tệp vào đó
template-not-image = { $what } { $file }: không phải tệp PNG hay JPEG
template-image-too-large = { $what } { $file }: { $w } × { $h } điểm ảnh, vượt giới hạn { $limit } triệu điểm ảnh; hãy thu nhỏ ảnh (trang A4 ở 300 dpi là 3508 × 2480)
template-vars-too-large = tệp biến vượt giới hạn { $limit } KiB; tệp biến chỉ ghi vài dòng TÊN = "giá trị"
template-background-page = background: số trang bắt đầu từ 1
template-unknown-claim = claims: không có trường ký { $name } (các trường có: { $known })
template-rect-needs-paint = khung chữ nhật (rect) cần stroke hoặc fill (hoặc cả hai)
template-box-positive = khung { $box } mm phải có chiều rộng và chiều cao dương
template-colour = màu { $colour } không đúng dạng #rrggbb
template-font-missing = không có phông { $font } kiểu { $style } (các họ phông có: { $families })
template-size-range = size { $size } và min_size { $min } phải trong khoảng 1 đến 400 pt, và min_size ≤ size
template-line-height = line_height phải là số dương

## register audit: what is wrong with one entry
audit-duplicate = { $kind } { $value } trùng với giấy { $first }
audit-pdf-changed = tệp PDF { $path } không còn là tệp đã cấp (SHA-256 khác)
audit-not-ledgered = đợt { $batch }: không có trong bảng kê mã đã cấp nào được khóa gốc ký (được thêm vào sổ gốc sau, hoặc bảng kê còn chờ khóa gốc: chạy issue với --root-key)
audit-ledgered-missing = đợt { $batch }: bảng kê mã đã cấp có chữ ký còn { $n } giấy chứng nhận mà sổ gốc không có, cũng không ghi trong lịch sử: mục của chúng đã bị xóa khỏi sổ gốc, hoặc mã của chúng đã bị thay
audit-removed = đợt { $batch }: lịch sử ghi đã cấp ({ $numbers }) nhưng sổ gốc không còn mục này: mục đã bị xóa
audit-ledger-other-register = bảng kê mã đã cấp của đợt { $batch } (khóa { $kid }) còn ghi { $n } giấy chứng nhận không có trong sổ gốc này: chúng được cấp từ một sổ gốc khác dùng chung thư mục khóa, không phải mục bị xóa ở đây.
audit-history = lịch sử
audit-history-gap = các dòng { $first }–{ $last } của lịch sử sổ gốc đã bị xóa (lịch sử chỉ được ghi thêm, không bao giờ xóa)
audit-revoked-but-issued = mã của mục này có trong danh sách thu hồi, nhưng sổ gốc ghi là đang cấp
audit-code-fails = mã của mục này không xác thực được ({ $verdict }): { $message }
audit-no-claims = mã của mục này không mang dữ liệu nào
audit-column-differs = { $column } trong sổ gốc là { $register } nhưng trong mã đã ký là { $signed }
audit-withdrawn-not-listed = sổ gốc ghi giấy này đã { $status ->
        [revoked] bị thu hồi
       *[other] được thay bằng giấy cấp lại
    }, nhưng danh sách thu hồi đã ký không có nó: người xác thực vẫn coi là hợp lệ (danh sách chưa được ký lại từ đó, hoặc trạng thái bị sửa thẳng trong tệp sổ gốc)
audit-no-file = không có tệp nào được ghi cho giấy này, dù các giấy khác cùng đợt đều có (đường dẫn tệp đã bị xoá khỏi sổ gốc)
audit-file-missing = không thấy tệp { $path } của giấy này
audit-file-shared = tệp { $path } của giấy này cũng là tệp của { $first }: một trong hai trỏ sang tệp của giấy kia
audit-file-other-code = tệp { $path } của giấy này mang mã của { $other }, không phải mã của nó
audit-file-no-code = tệp { $path } của giấy này không mang mã xác thực nào
audit-unknown-certificate = một giấy mà sổ gốc này không có
audit-record-differs = dữ liệu in ra từ sổ gốc ghi { $field } là { $register } nhưng mã đã ký ghi { $signed } (lệnh print sẽ từ chối in)
audit-record-unreadable = dữ liệu hoặc mã lưu cho giấy này không đọc được (lệnh print sẽ từ chối in)
audit-batch-not-checked = dữ liệu của đợt { $batch } chưa được đối chiếu với mã đã ký: { $error }

## Spreadsheets and scans: what is too large or unreadable
sheet-what-width = chiều rộng trang tính
sheet-what-sheet = trang tính
sheet-what-unzipped = bảng tính khi giải nén
sheet-columns = { $n } cột
sheet-cells = { $n } ô
sheet-value-in-cell = có giá trị ở ô { $cell } (hãy xóa nó, hoặc chép danh sách sang một trang tính mới)
sheet-more-values = nhiều giá trị hơn thế
sheet-rows-columns = { $rows } hàng × { $columns } cột
sheet-no-sheet-inside = bảng tính không có trang nào
sheet-what-shared-strings = các chuỗi dùng chung của bảng tính
sheet-strings = { $n } chuỗi
sheet-rows = { $n } hàng
sheet-text-bytes = { $n } MiB chữ trong các ô
sheet-text-bytes-more = ít nhất { $n } MiB
scan-decoder-failed = bộ giải mã { $what } không đọc được tệp này
scan-what-image = ảnh
scan-what-pdf = PDF
scan-image-too-large = ảnh có { $w }×{ $h } điểm ảnh, quá giới hạn { $limit } triệu điểm ảnh; hãy chụp riêng mã, hoặc quét ở 300 dpi
scan-no-page = tệp không có trang nào
scan-page-not-rendered = không dựng được trang

## The command line itself: what clap would have said in English
help-values = giá trị:
help-default = mặc định:
cli-unknown-arg = không có tùy chọn { $arg }
cli-unknown-command = không có lệnh { $command }
cli-empty-value = { $arg } cần một giá trị
cli-invalid-value = { $value } không phải giá trị dùng được cho { $arg }
cli-value-rejected = { $arg }: { $reason }
cli-missing-args = thiếu tùy chọn bắt buộc: { $args }
cli-missing-command = { $command } cần một lệnh con
cli-conflict = { $arg } không dùng cùng { $prior } được
cli-no-equals = { $arg } cần dấu = trước giá trị
cli-too-many-values = { $arg } không nhận thêm giá trị { $value }
cli-wrong-count = { $arg } cần { $expected } giá trị, có { $actual }
cli-invalid-utf8 = dòng lệnh có ký tự không phải UTF-8
cli-bad-command-line = dòng lệnh không đúng ({ $kind })
cli-did-you-mean = có phải ý bạn là { $what }?
cli-try-help = Thêm --help sau lệnh để xem cách dùng.
cli-bad-shard = { $value }: hãy viết K/N, ví dụ 2/8 (máy thứ 2 trong 8 máy), hoặc chỉ N khi K lấy từ biến môi trường
cli-bad-date = { $value } không phải ngày: viết dd/mm/yyyy hoặc YYYY-MM-DD
cli-bad-order = không có thứ tự { $value }: dùng roster hoặc ten
cli-bad-encoding = không có bảng mã { $value }: dùng utf-8, utf-16le, utf-16be, windows-1258, tcvn3 hoặc vni
cli-bad-key-val = { $value } không có dạng TÊN=GIÁ_TRỊ
cli-key-val-no-name = { $value } không có tên trước dấu =
cli-key-val-too-long = giá trị dài quá { $limit } KiB; hãy ghi nó vào tệp --vars

## Signed files, codes, batches and the PDF writer: the inner causes
trust-what-manifest = danh sách tin cậy
trust-what-revoked = danh sách thu hồi
trust-what-ledger = bảng kê mã đã cấp
trust-cannot-read = không đọc được
trust-cannot-write = không ghi được
trust-unknown-alg = thuật toán { $alg } không có
trust-spki-not-base64 = spki không phải base64url
trust-kid-mismatch = kid không khớp với khóa của nó (tính ra { $computed })
trust-ledger-wrong-list = bảng kê phải có đúng một danh sách: "codes" với định dạng vncert-ledger/2, "rids" với vncert-ledger/1
trust-ledger-root-mismatch = số lượng hoặc gốc Merkle của bảng kê không khớp với các mã trong đó
trust-wrong-format = format là { $found }, phải là { $expected }
claims-map-size = một bảng { $n } trường không phải một giấy chứng nhận
claims-key-not-integer = khóa của các trường phải là số nguyên, gặp { $found }
claims-not-text = trường { $field } phải là chữ, gặp { $found }
claims-not-text-string = trường { $field } phải là một chuỗi chữ, gặp { $found }
claims-not-day = trường { $field } phải là số ngày, gặp { $found }
detail-alg-unsupported = phiên bản chungnhan này chưa đọc được mã ký bằng { $alg }
batch-no-qr-element = mẫu không có phần tử qr: giấy chứng nhận được cấp phải mang mã xác thực
batch-no-claims = mẫu không có [claims]: không có gì để ký
batch-no-signing-key = không có khóa ký: chỉ in lại được các mã đã có trong sổ gốc
batch-issue-date-not-date = { $value } không phải ngày; viết 20/12/2019 (dd/mm/yyyy) hoặc 2019-12-20
register-holder-replaced = giấy chứng nhận mà lần cấp lại này thay thế
register-holder = { $serial } của { $name }, đợt { $batch }, bản ghi { $record }
register-busy = sổ gốc bận suốt 60 giây
pdf-font-unreadable = krilla không đọc được phông này
pdf-background-unreadable = không phải tệp PDF đọc được (tệp hỏng hoặc không phải PDF)
pdf-background-encrypted = tệp PDF được đặt mật khẩu nên không đọc được
pdf-background-no-page = có { $pages } trang, không có trang { $page }
scan-renderer-failed = không khởi động được bộ dựng trang: { $cause }
template-filter-needs-text = bộ lọc { $filter } cần chữ, gặp { $found }
template-honorific-style = honorific: không có kiểu { $style } (dùng "dang" hoặc bỏ trống)
template-pad-width = bộ lọc pad cần width=N (0–32), ví dụ pad(width=4)
template-filter-not-date = { $filter }: { $value } không phải ngày (dd/mm/yyyy hoặc YYYY-MM-DD)

## Pre-printed blanks (phôi), calibration and proofs
template-qr-proof-only = mã xác thực không thể chỉ in ở bản thử (proof_only): giấy chứng nhận được cấp phải mang mã
err-blank-no-number = số phôi { $serial } không kết thúc bằng chữ số để đánh tiếp
err-blank-run-out = từ phôi { $first } không đủ số cho { $count } phôi cùng độ dài
err-issue-blanks-needed = mẫu { $template } in lên phôi in sẵn ({ $blank }), mà chưa cho biết số phôi đầu tiên trong khay
err-issue-not-blank-template = mẫu { $template } in cả tờ giấy chứng nhận, không in lên phôi in sẵn
err-issue-blank-taken = phôi { $serial } đã có trong sổ gốc: { $holder }
hint-issue-blanks-needed = thêm --blanks SỐ_PHÔI_ĐẦU (số in trên tờ phôi đầu tiên trong khay, ví dụ --blanks A0012301); các phôi sau được đánh số tiếp
hint-issue-not-blank-template = dùng một mẫu có bảng [blank] (ví dụ giay-chung-nhan-phoi), hoặc bỏ --blanks
hint-issue-blank-taken = kiểm tra số in trên tờ phôi đầu tiên trong khay; một phôi không bao giờ dùng hai lần, phôi hỏng ghi bằng chungnhan spoil
hint-issue-blank-serial = viết số phôi như in trên tờ phôi, kết thúc bằng chữ số, ví dụ A0012301
blank-holder = đã in giấy { $serial } của { $name }
blank-holder-spoiled = đã ghi là phôi hỏng
calibrate-title = TỜ HIỆU CHỈNH MÁY IN
calibrate-bar = vạch dài đúng 100 mm
calibrate-steps =
    1. In tờ này ở 100 % (tắt "Vừa trang" / "Fit to page"), trên đúng máy in và loại giấy sẽ in giấy chứng nhận.
    2. Đo vạch dưới: khác 100 mm là máy in đang co giãn trang; sửa cài đặt in rồi in lại.
    3. Ở dấu chữ thập ({ $edge }, { $edge }): đo từ mép trái tờ giấy đến vạch dọc (X đo được) và từ mép trên đến vạch ngang (Y đo được).
    4. Độ lệch là X = { $edge } − X đo được, Y = { $edge } − Y đo được (mm): gõ đúng như ví dụ --offset "-1,5;1" (X trước, Y sau, cách nhau bằng dấu chấm phẩy) khi in, hoặc ghi vào [print] offset của mẫu.
    5. In lại tờ này với --offset "X;Y": các dấu chữ thập phải đo đúng số ghi cạnh chúng.
calibrate-moved = Tờ này đã dời { $x } mm sang phải, { $y } mm xuống dưới: --offset "{ $x };{ $y }"
spoil-done = Đã ghi phôi { $blank } là phôi hỏng; giấy { $serial } của { $name } chờ in lại trên phôi mới
spoil-done-unused = Đã ghi phôi { $blank } là phôi hỏng (chưa in giấy nào lên phôi này)
spoil-hint-reprint = in lại các giấy có phôi hỏng: chungnhan print --register SỔ_GỐC --reprint-spoiled --blanks SỐ_PHÔI_ĐẦU --out THƯ_MỤC
spoil-already = Phôi { $blank } đã được ghi là hỏng ngày { $on } ({ $reason }); không thay đổi gì
calibrate-done = Đã ghi tờ hiệu chỉnh máy in vào { $out }; in ở 100 % rồi đo theo hướng dẫn trên tờ
export-blanks-wrote = Đã ghi báo cáo sử dụng phôi vào { $out }: { $used } phôi đã in, { $spoiled } phôi hỏng
err-cli-paper = khổ giấy { $size } không có
hint-cli-paper = dùng A4, A5 hoặc Letter
cli-bad-offset = { $value }: hãy viết X;Y tính bằng mm (dấu phẩy thập phân như trên tờ hiệu chỉnh), mỗi số trong khoảng −50 đến 50, ví dụ --offset "-1,5;1"
issue-summary-tray = khay phôi: { $n } tờ, từ { $first } đến { $last }
issue-summary-tray-none = không có giấy nào cần in lên phôi mới
print-nothing-spoiled = không có giấy nào chờ in lại vì phôi hỏng
help-render-arg-grid = Vẽ lưới 10 mm và khung của từng phần tử kèm tên lên bản nháp
help-issue-arg-blanks = Số in trên tờ phôi đầu tiên trong khay máy in (mẫu có [blank]); các phôi sau được đánh số tiếp và ghi vào sổ gốc
help-arg-offset = Dời mọi thứ được in X mm sang phải và Y mm xuống dưới (số đo từ tờ hiệu chỉnh); ưu tiên hơn [print] offset của mẫu
help-print-arg-reprint-spoiled = In lại, trên phôi mới, các giấy có phôi đã ghi hỏng (chungnhan spoil)
help-print-arg-blanks = Với --reprint-spoiled: số in trên tờ phôi mới đầu tiên trong khay
help-spoil-about = Ghi một phôi in sẵn bị hỏng (kẹt giấy, in lệch, rách): giấy in trên đó chờ in lại
help-spoil-long =
    Ghi một phôi in sẵn bị hỏng (kẹt giấy, in lệch, rách): giấy in trên đó chờ in lại.
    
    Phôi hỏng vẫn được ghi trong sổ gốc (không bao giờ bị xóa) cùng ngày và lý do, để lập báo cáo sử dụng phôi (register export --blanks). Giấy chứng nhận giữ nguyên số hiệu và mã; lệnh print --reprint-spoiled in lại giấy đó lên phôi mới.
    
    Ví dụ: chungnhan spoil --register chungnhan.sqlite --blank A0012305 --reason "kẹt giấy"
help-spoil-arg-blank = Số in trên tờ phôi bị hỏng
help-spoil-arg-reason = Lý do (ghi vào sổ gốc và báo cáo)
help-calibrate-about = Tờ hiệu chỉnh máy in: thước và dấu chữ thập ở vị trí biết trước, để đo độ lệch
help-calibrate-long =
    Tờ hiệu chỉnh máy in: thước và dấu chữ thập ở vị trí biết trước, để đo độ lệch.
    
    In ở 100 % (không bao giờ "Vừa trang"), trên đúng máy in và giấy sẽ in giấy chứng nhận, đo vị trí dấu chữ thập, và ghi độ lệch vào --offset "X;Y" (hoặc [print] offset của mẫu). Xem docs/printing.md.
    
    Ví dụ: chungnhan calibrate --out hieu-chinh.pdf --size A4 --orientation landscape
help-calibrate-arg-out = Tệp PDF cần ghi
help-calibrate-arg-size = Khổ giấy: A4, A5 hoặc Letter
help-calibrate-arg-orientation = portrait (dọc) hoặc landscape (ngang)
help-calibrate-arg-offset = Vẽ tờ đã dời theo một độ lệch đã đặt, để kiểm tra lại
help-register-export-arg-blanks = Thay vào đó, báo cáo sử dụng phôi: mọi phôi in sẵn, đã in hay hỏng (ngày, lý do), và số lượng theo đợt
help-register-export-arg-date = Ngày ghi trên chỗ ký của sổ gốc in ra (dd/mm/yyyy hoặc YYYY-MM-DD; mặc định là hôm nay)
io-cannot-read = không đọc được
io-cannot-read-roster = không đọc được danh sách
io-cannot-read-folder = không đọc được thư mục
io-cannot-write = không ghi được
io-cannot-create-folder = không tạo được thư mục
io-cannot-remove = không xóa được
os-not-found = không có tệp hay thư mục này
os-permission-denied = không có quyền truy cập
os-already-exists = đã có sẵn
os-is-a-directory = đây là một thư mục, không phải tệp
os-not-a-directory = không phải thư mục
os-storage-full = đĩa đã đầy
os-read-only = ổ đĩa chỉ cho đọc
merged-parts = { $first } … { $last }, { $n } tệp
help-arg-merged-pages = Chia tệp in gộp thành các tệp tối đa N trang: TỆP-001.pdf, TỆP-002.pdf, …
cli-not-empty = không được để trống

## Value names in usage lines and help pages

help-value-DATE = NGÀY
help-value-DIR = THƯ_MỤC
help-value-FILE = TỆP
help-value-FINGERPRINT = VÂN_TAY
help-value-FIRST = SỐ_ĐẦU
help-value-FORMAT = DẠNG
help-value-HEADER-FIELD = TIÊU_ĐỀ=TRƯỜNG
help-value-HOST = TÊN_MIỀN
help-value-INPUT = ĐẦU_VÀO
help-value-K-N = K/N
help-value-KEY-VALUE = TÊN=GIÁ_TRỊ
help-value-KID = MÃ_KHÓA
help-value-N = N
help-value-NAME = TÊN
help-value-ORDER = THỨ_TỰ
help-value-ORIENTATION = CHIỀU
help-value-PATTERN = MẪU_TÊN
help-value-REASON = LÝ_DO
help-value-SERIAL = SỐ_HIỆU
help-value-BLANK = SỐ_PHÔI
help-value-SIZE = KHỔ
help-value-T = MẪU
help-value-TEXT = CHỮ
help-value-options = TÙY_CHỌN
help-value-command = LỆNH
progress-left = còn lại
err-print-file-differs = tệp in { $file } đã có, với nội dung khác với tệp lần chạy này sẽ ghi: không ghi đè lên nó, và chưa ghi gì cả
err-print-file-stale-part = tệp in { $file } còn lại từ một lần chạy trước có nhiều trang hơn, và lần chạy này sẽ phải xóa nó: không xóa, và chưa ghi gì cả
hint-print-file-differs = { $others ->
    [0] nếu tệp đã có cần giữ (chẳng hạn đã in ra giấy), hãy đặt tên khác cho --merged; nếu muốn thay nó bằng tệp mới, thêm --replace-merged
   *[other] nếu tệp đã có cần giữ (chẳng hạn đã in ra giấy), hãy đặt tên khác cho --merged; nếu muốn thay nó bằng tệp mới, thêm --replace-merged (còn { $others } tệp in khác cũng sẽ thay đổi)
}
progress-comparing = so với tệp in đã có
issue-summary-merged-kept = tệp in gộp { $file } ({ $pages } trang, giữ nguyên như đã có)
help-issue-arg-replace-merged = Ghi tệp in (--merged) kể cả khi đã có một tệp cùng tên với các trang khác (mặc định: không ghi đè, không ghi gì)
help-print-arg-replace-merged = Ghi tệp in (--merged) kể cả khi đã có một tệp cùng tên với các trang khác (mặc định: không ghi đè, không ghi gì)
print-reprinted-before = giấy { $serial } đã được in lại trên phôi { $blank } ở lần chạy trước, không in lại lần nữa (cần tệp của nó thì dùng: chungnhan print --serial { $serial } --out THƯ_MỤC)

## Words (issue 27 item 8)
audit-kind-entry = số vào sổ
audit-kind-rid = mã thu hồi

## Required variables of a template (the batch's own content: no default is printed silently)

var-missing = chưa có { $label } (biến { $name }): mẫu không tự điền nội dung này, mỗi đợt phải ghi rõ
var-missing-hint = ghi trong tệp --vars ({ $name } = "…", như examples/tan-binh-2019.toml), hoặc dùng --set { $name }=…
var-missing-refused-render = Không ghi tệp nào: bản nháp cũng cần những nội dung trên.
var-missing-refused-issue = Không cấp giấy nào, sổ gốc không đổi: giấy chứng nhận phải ghi đủ những nội dung trên.
err-batch-vars-missing = mẫu cần nội dung chưa có: { $left }
template-required-has-default = required_vars: { $name } có giá trị mặc định trong [vars]; biến bắt buộc không có giá trị mặc định (bỏ nó khỏi [vars])
template-required-no-label = required_vars: { $name } cần một nhãn nói nó là gì (ví dụ "tên chương trình")
template-required-when-unknown = required_vars: { $name }: when = { $when } không phải một biến khác của mẫu

## Rows under a roster's list (totals, signatures), skipped

roster-note-footer = đã bỏ qua { $count } { $sheet ->
        [yes] hàng
       *[no] dòng
    } cuối danh sách không phải người được cấp (tổng cộng, chữ ký, địa danh và ngày): { $rows }
roster-footer-row = { $sheet ->
        [yes] hàng
       *[no] dòng
    } { $line } "{ $text }"

## esign: chữ ký số PAdES trên tệp PDF (issue 31)
esign-err-read = không đọc được { $path }: { $message }
esign-err-p12 = không mở được tệp chữ ký số { $path } (sai mật khẩu, hoặc không phải tệp .p12/.pfx): { $message }
esign-err-no-key = { $source } không có khoá bí mật kèm chứng thư số
esign-err-key-mismatch = khoá bí mật trong { $source } không khớp với chứng thư số đi kèm
esign-err-key-type = khoá của chứng thư số không phải RSA 2048–4096 hay ECDSA P-256/P-384
esign-err-uri = địa chỉ PKCS#11 { $uri } sai hoặc thiếu phần { $part }
esign-err-pin-in-uri = không được ghi mã PIN trong địa chỉ PKCS#11 (pin-value, pin-source)
esign-err-no-token = không thấy USB token nào khớp với { $uri }
esign-err-login = token từ chối mã PIN: { $message }
esign-err-token = token báo lỗi: { $message }
esign-err-pin = chưa có mã PIN hay mật khẩu của chữ ký số (không có CHUNGNHAN_ESIGN_PIN, không có màn hình dòng lệnh để hỏi)
esign-err-sign = không ký được: { $message }
esign-err-layout = tệp PDF này không do chungnhan tạo ra, hoặc đã bị sửa sau đó
esign-err-signed = tệp PDF này đã được ký số nhưng đã bị sửa sau khi ký
esign-err-ca = { $file } không phải chứng thư số CA (PEM hay DER)
esign-hint-pin = kiểm tra lại mã PIN hay mật khẩu (đặt trong biến CHUNGNHAN_ESIGN_PIN, hoặc gõ khi được hỏi)
esign-hint-pin-env = đặt mã PIN vào biến môi trường CHUNGNHAN_ESIGN_PIN, hoặc chạy lệnh trong cửa sổ dòng lệnh để được hỏi
esign-hint-key-type = xin tổ chức cung cấp dịch vụ chứng thực một chứng thư số RSA hoặc ECDSA P-256/P-384
esign-hint-uri = dạng đúng: pkcs11:token=TÊN_TOKEN;object=TÊN_KHOÁ?module-path=/đường/dẫn/thư-viện.so
esign-hint-no-token = cắm USB token vào máy; xem tên token bằng: pkcs11-tool --module THƯ_VIỆN --list-token-slots
esign-hint-layout = cấp lại giấy chứng nhận bằng chungnhan issue … --esign, hoặc ký bản chungnhan đã tạo
esign-hint-signed = cấp lại tệp từ sổ gốc (chungnhan print) rồi ký lại
esign-pin-prompt = Mã PIN / mật khẩu của chữ ký số { $source }: 
esign-kept = { $file }: đã ký số và còn nguyên vẹn, giữ nguyên
esign-done = Đã ký số { $signed } tệp, giữ nguyên { $kept } tệp đã ký, { $failed } tệp lỗi; người ký: { $signer } ({ $ms } ms)
esign-verify-head = Chữ ký số (PAdES): { $state }
esign-verify-intact = NGUYÊN VẸN — tệp đúng như lúc ký
esign-verify-added = ĐÃ BỊ THÊM NỘI DUNG SAU KHI KÝ — phần đã ký còn nguyên nhưng tệp đã bị sửa
esign-verify-altered = ĐÃ BỊ SỬA SAU KHI KÝ — chữ ký không khớp với tệp
esign-verify-signer = Người ký: { $name }; tổ chức: { $org }; số sê-ri chứng thư: { $serial }
esign-verify-time = Thời điểm ký: { $time }
esign-verify-trusted = Chứng thư số: do CA tin cậy (--ca) cấp
esign-verify-untrusted = Chứng thư số: KHÔNG do CA tin cậy nào (--ca) cấp
esign-verify-expired = Chứng thư số: do CA tin cậy cấp nhưng KHÔNG còn hiệu lực lúc ký
esign-verify-not-checked = Chứng thư số: chưa đối chiếu với CA tin cậy nào (thêm --ca TỆP.pem)
esign-verify-claims-match = Thông tin của mã QR nằm trong phần đã ký
esign-verify-claims-unsure = Không bảo đảm thông tin hiển thị trùng với phần đã ký
help-esign-about = Ký số các giấy chứng nhận đã cấp bằng chữ ký số của cơ quan cấp (PAdES)
help-esign-long =
    Ký số các giấy chứng nhận đã cấp bằng chữ ký số của cơ quan cấp (PAdES).

    Mỗi tệp PDF được ghi lại trọn vẹn, có chữ ký bên trong; tệp đã ký và còn nguyên vẹn được giữ nguyên. Mã PIN lấy từ CHUNGNHAN_ESIGN_PIN hoặc được hỏi một lần.

    Ví dụ: chungnhan esign --in chung-nhan --esign "pkcs11:token=VNPT-CA;object=Ky?module-path=/usr/lib/vnpt-ca/libvnpt.so"
help-esign-arg-input = Một tệp PDF giấy chứng nhận, hoặc thư mục chứa chúng
help-esign-arg-esign = Tệp PKCS#12 (.p12/.pfx) hoặc địa chỉ RFC 7512 pkcs11: của USB token
help-arg-esign = Ký số mọi tệp PDF bằng chữ ký số của cơ quan cấp (PAdES B-B): tệp PKCS#12 (.p12/.pfx) hoặc địa chỉ pkcs11:token=…;object=…?module-path=… của USB token. Mã PIN hay mật khẩu lấy từ CHUNGNHAN_ESIGN_PIN hoặc được hỏi trên màn hình
help-verify-arg-ca = Chứng thư số CA (PEM) để đối chiếu chữ ký số PAdES của tệp PDF. Dùng nhiều lần được
help-value-SOURCE = NGUỒN
esign-stamp-org = Cơ quan: { $org }
esign-stamp-time = Thời gian ký: { $time }
esign-image-unreadable = không đọc được ảnh PNG này
help-arg-seal-image = Con dấu của cơ quan: ảnh PNG màu đỏ, nền trong suốt, đặt trùm lên khoảng một phần ba bên trái của chữ ký trong ô esign của mẫu (Nghị định 30)
help-arg-signature-image = Chữ ký của người ký: ảnh PNG màu xanh, nền trong suốt, đặt trong ô esign của mẫu
esign-recorded = Đã ghi chữ ký số của { $n } giấy vào sổ gốc { $register }
help-esign-arg-register = Sổ gốc chứa các giấy này (nếu có): chữ ký số của từng tệp được ghi vào giấy tương ứng
esign-lost = { $n } giấy đã được ký số trước đây nay có tệp chưa ký (ví dụ { $serial }: { $file }): lần chạy này đã ghi lại chúng không có chữ ký số
esign-lost-hint = ký lại: chungnhan esign --in { $folder } --esign NGUỒN (hoặc chạy lại issue với --esign)
## The verification page (src/site/page): its words, made into the page's texts by `site` (site/texts.rs)

page-valid-head = HỢP LỆ
page-valid-short = Hợp lệ
page-valid-why = Chữ ký số đúng: giấy chứng nhận do đơn vị dưới đây cấp.
page-invalid-head = KHÔNG HỢP LỆ
page-invalid-short = Không hợp lệ
page-invalid-why = Mã đã bị sửa hoặc giả mạo. Không tin vào bất kỳ thông tin nào của mã này.
page-unknown-key-head = KHÔNG RÕ ĐƠN VỊ CẤP
page-unknown-key-short = Không rõ đơn vị cấp
page-unknown-key-why = Mã được ký bằng một khóa không có trong danh sách tin cậy của trang này. Có thể là giả mạo.
page-revoked-head = ĐÃ BỊ THU HỒI
page-revoked-short = Đã bị thu hồi
page-revoked-why = Chữ ký đúng, nhưng giấy chứng nhận đã bị thu hồi.
page-malformed-head = MÃ QR HỎNG
page-malformed-short = Mã QR hỏng
page-malformed-why = Mã không đọc được: bị hỏng, chụp thiếu hoặc không phải mã xác thực.
page-compromised-head = KHÔNG THỂ XÁC THỰC
page-compromised-short = Không thể xác thực
page-compromised-why = Khóa ký của đơn vị cấp đã bị lộ, và mã này không có trong bảng kê mã đã cấp mà đơn vị đã ký. Không tin vào thông tin của mã này; hãy hỏi đơn vị cấp.
page-no-code-head = CHƯA CÓ MÃ
page-no-code-short = Chưa có mã
page-no-code-why = Hãy quét mã QR trên giấy chứng nhận bằng camera điện thoại.
page-revocation-unchecked-head = KHÔNG KIỂM TRA ĐƯỢC THU HỒI
page-revocation-unchecked-short = Không kiểm tra được thu hồi
page-revocation-unchecked-why = Chữ ký đúng, nhưng thiếu danh sách thu hồi mới nhất của đơn vị cấp nên không biết giấy còn hiệu lực hay đã bị thu hồi. Chưa được coi là hợp lệ.
page-cannot-check-head = KHÔNG KIỂM TRA ĐƯỢC Ở ĐÂY
page-cannot-check-short = Không kiểm tra được ở đây
page-cannot-check-why = Trang này không kiểm tra được chữ ký số trên trình duyệt này (cần địa chỉ https và trình duyệt đời mới). Điều này không nói gì về giấy chứng nhận: hãy mở lại mã bằng trình duyệt khác, hoặc nhờ đơn vị cấp kiểm tra bằng lệnh chungnhan verify.
page-checking-head = ĐANG KIỂM TRA…
page-checking-short = Đang kiểm tra
page-whys-no-signing-date = mã không có ngày ký, mà khóa { $kid } bắt đầu dùng ngày { $began }: mọi khóa bắt đầu từ ngày { $from } trở đi đều ghi ngày ký vào từng mã
page-whys-future = mã ghi ngày ký { $signed }, muộn hơn hôm nay ({ $today }) quá một ngày
page-whys-list-older-why = danh sách thu hồi ở đây (số { $seq }) cũ hơn danh sách trình duyệt này đã kiểm tra (số { $seen })
page-whys-list-withheld-why = ở đây không có danh sách thu hồi của đơn vị cấp, dù trình duyệt này đã kiểm tra danh sách số { $seen }
page-whys-unknown-key = khóa { $kid } không có trong danh sách tin cậy của trang này
page-whys-alg-mismatch = thuật toán của mã khác với thuật toán của khóa
page-whys-alg-unsupported = trang này chưa đọc được mã ký bằng thuật toán Ed25519
page-whys-signature = chữ ký không khớp với nội dung của mã
page-whys-high-s = chữ ký ở dạng high-S: mã thật có ngày ký không bao giờ mang dạng này
page-whys-compromised = khóa { $kid } của đơn vị cấp đã bị lộ (từ { $since }) và mã này không có trong bảng kê mã đã cấp có chữ ký nào của đơn vị
page-whys-compromised-old = khóa { $kid } của đơn vị cấp đã bị lộ (từ { $since }) và mã này chỉ có trong bảng kê mã đã cấp theo định dạng cũ (vncert-ledger/1)
page-whys-window = ký ngày { $signed }, ngoài hạn dùng của khóa { $kid } ({ $from } – { $until }): người ký trung thực không bao giờ tạo mã như vậy
page-whys-no-web-crypto = trình duyệt không cho trang này dùng chức năng mật mã (WebCrypto); cần mở trang bằng địa chỉ https
page-whys-cp1258 = trình duyệt này không đọc được chữ dạng windows-1258 của mã
page-whys-trust = không tải được, hoặc không kiểm tra được, danh sách tin cậy của trang này
page-whys-older = danh sách ở đây (số { $seq }) cũ hơn bản trình duyệt này đã kiểm tra (số { $seen }); bản cũ có thể che một khóa bị lộ hay một giấy bị thu hồi
page-whys-malformed = mã không đúng cấu trúc của mã xác thực
page-issuer = Đơn vị cấp (theo danh sách tin cậy)
page-compare = Hãy đối chiếu họ tên, ngày sinh, số hiệu và chương trình với bản giấy.
page-revoked-on = Thu hồi ngày
page-reason = lý do
page-list-date = Danh sách thu hồi công bố ngày
page-no-list = Chưa kiểm tra được danh sách thu hồi.
page-reasons-issued-in-error = cấp sai
page-reasons-superseded = đã được cấp lại bằng giấy khác
page-reasons-fraud = gian lận
page-other = English
page-privacy = Mã được kiểm tra ngay trên máy này; không gửi đi đâu.
page-title = Xác thực giấy chứng nhận
page-detail = Chi tiết kỹ thuật
page-unknown = Trường không nhận ra
page-note = Lưu ý
page-note-ledgered = khóa đã ký mã này về sau bị báo lộ, nhưng giấy có trong bảng kê mã đã cấp do khóa gốc của đơn vị ký: giấy được cấp thật.
page-note-list-outdated = danh sách thu hồi này đã quá ngày cập nhật; có thể có danh sách mới hơn thu hồi thêm giấy.
page-list-withheld = Trình duyệt này đã từng kiểm tra danh sách thu hồi của đơn vị cấp, nhưng ở đây không có danh sách đó: danh sách đã bị giữ lại hoặc bỏ sót, và giấy có thể đã bị thu hồi. Hãy mở mã trên trang xác thực chính thức của đơn vị cấp, hoặc hỏi đơn vị cấp.
page-list-older = Danh sách thu hồi ở đây cũ hơn danh sách trình duyệt này đã kiểm tra: giấy có thể đã bị thu hồi trong danh sách mới hơn. Hãy mở mã trên trang xác thực chính thức của đơn vị cấp, hoặc hỏi đơn vị cấp.
page-old-ledger = Mã này chỉ có trong bảng kê mã đã cấp theo định dạng cũ, vốn chỉ ghi một phần chữ ký mà kẻ giữ khóa bị lộ có thể chép sang giấy mang bất kỳ họ tên nào: bảng kê đó không phân biệt được mã này với mã giả. Hãy đề nghị đơn vị cấp cấp lại giấy.

## Look-up without the QR (issue 32): the page's form and verdicts, `site --register`, `verify --lookup`

lookup-page-form-head = TRA CỨU
lookup-page-form-short = Tra cứu
lookup-page-form-why = Không có mã QR? Nhập họ và tên, số hiệu và ngày sinh như ghi trên giấy chứng nhận.
lookup-page-not-found-head = KHÔNG TÌM THẤY
lookup-page-not-found-short = Không tìm thấy
lookup-page-not-found-why = Không có giấy chứng nhận nào khớp với cả ba thông tin đã nhập. Hãy kiểm tra lại họ tên, số hiệu và ngày sinh như ghi trên giấy.
lookup-page-unavailable-head = KHÔNG TRA CỨU ĐƯỢC
lookup-page-unavailable-short = Không tra cứu được
lookup-page-unavailable-why = Không tải được dữ liệu tra cứu (có thể máy đang không có mạng). Điều này không nói gì về giấy chứng nhận: hãy thử lại khi có mạng.
lookup-page-link = Tra cứu
lookup-page-name = Họ và tên
lookup-page-serial = Số hiệu
lookup-page-birth = Ngày sinh
lookup-page-birth-hint = ngày/tháng/năm, ví dụ 05/02/1980 (chỉ năm nếu giấy chỉ ghi năm sinh)
lookup-page-button = Tra cứu
lookup-page-privacy = Những gì bạn nhập chỉ dùng trên máy này để mở dữ liệu tra cứu; không gửi đi đâu.
lookup-page-missing = Hãy nhập đủ họ và tên, số hiệu và ngày sinh.
lookup-page-bad-birth = Ngày sinh cần ghi dạng ngày/tháng/năm, ví dụ 05/02/1980 (hoặc chỉ năm, nếu giấy chỉ ghi năm sinh).
lookup-page-found = Tìm thấy bằng tra cứu họ tên, số hiệu và ngày sinh; mã của giấy được kiểm tra như khi quét.
lookup-err-empty-name = chưa có họ và tên
lookup-err-empty-serial = chưa có số hiệu
lookup-err-birth = ngày sinh "{ $value }" không đọc được
lookup-err-code = mã của giấy chứng nhận trong sổ gốc không đọc được
lookup-err-bucket = tệp dữ liệu tra cứu hỏng hoặc không đúng định dạng ({ $why })
lookup-hint-fields = ghi đủ họ và tên, số hiệu và ngày sinh như trên giấy chứng nhận
lookup-hint-birth = ghi ngày sinh dạng ngày/tháng/năm, ví dụ 05/02/1980, hoặc chỉ năm nếu giấy chỉ ghi năm sinh
lookup-err-no-data = { $site } không có dữ liệu tra cứu ({ $file })
lookup-hint-no-data = tạo lại trang với sổ gốc: chungnhan site --keys THƯ_MỤC_KHÓA --register SỔ_GỐC --out THƯ_MỤC
lookup-err-fetch = không đọc được { $url }: { $error }
lookup-err-https = chưa đọc được trang qua https từ dòng lệnh: { $url }
lookup-hint-https = tải thư mục trang về rồi dùng --site THƯ_MỤC, hoặc mở https://…/c và tra cứu trên trang
lookup-not-found = KHÔNG TÌM THẤY
lookup-not-found-detail = Không có giấy chứng nhận nào khớp với họ tên, số hiệu và ngày sinh đã cho (tra trong { $site }).
lookup-not-found-hint = Kiểm tra lại họ tên, số hiệu và ngày sinh như ghi trên giấy chứng nhận.
lookup-computing = Đang tính { $count } mục tra cứu cho { $host } (mỗi mục chừng 0,15 giây của một lõi; tính một lần, lưu trong sổ gốc)…
lookup-published = Tra cứu không cần mã QR: { $entries } giấy chứng nhận trong { $buckets } tệp (mới tính { $computed }, có sẵn trong sổ gốc { $kept })
lookup-skipped = không có mục tra cứu cho { $serial }: { $error }
help-site-arg-register = Sổ gốc: công bố dữ liệu tra cứu theo họ tên, số hiệu và ngày sinh (tính cho giấy nào chưa có, lưu lại trong sổ)
help-verify-arg-lookup = Tra cứu không cần mã QR: họ và tên của người được cấp (cùng --serial, --birth, --site)
help-verify-arg-serial = Số hiệu của giấy chứng nhận (cho --lookup)
help-verify-arg-birth = Ngày sinh dạng ngày/tháng/năm (cho --lookup)
help-verify-arg-site = Trang xác thực để tra cứu: thư mục `site` đã ghi, hoặc địa chỉ http:// của nó (cho --lookup)
## ui-designer: the template designer (issue 30, item 5)

ui-designer-elements-not-tables = các phần tử của mẫu phải viết thành bảng [[element]] để trình thiết kế sửa được
ui-designer-no-such-element = mẫu không có phần tử thứ { $index }; hãy mở lại mẫu
ui-designer-kind-changed = một phần tử { $was } không thể thành { $now }
ui-designer-sample-name = Nguyễn Thị Phương Thảo
ui-designer-sample-gender = Nữ
ui-designer-preview-expression = không vẽ được trang: biểu thức của { $element } lỗi: { $message }
ui-designer-preview-overflow = chữ của { $element } không vừa khung, kể cả ở cỡ nhỏ nhất { $size } pt: hãy nới khung hoặc giảm cỡ chữ
ui-designer-preview-glyph = phông { $font } của { $element } không có ký tự «{ $ch }»
ui-designer-preview-raster = không chuyển được trang PDF thành ảnh: { $message }
ui-designer-outside-folder = { $name } không nằm trong thư mục làm việc
ui-designer-bad-elements = trang gửi các phần tử không đọc được: { $message }
ui-designer-no-date = không có ngày cấp để vẽ bản xem trước
ui-designer-bad-folder = "{ $name }" không dùng được làm tên thư mục mẫu mới
ui-designer-bad-folder-hint = đặt một tên thư mục đơn giản, không có / \ :, không bắt đầu bằng dấu chấm và khác tên các mẫu có sẵn (ví dụ mau-giay-chung-nhan)
ui-designer-heading = Thiết kế mẫu
ui-designer-template = Mẫu cần thiết kế
ui-designer-elements = Các phần tử của mẫu
ui-designer-preview-alt = Bản xem trước mẫu { $template }, đúng như trang PDF sẽ in
ui-designer-add-text = Thêm chữ
ui-designer-duplicate = Nhân bản
ui-designer-delete = Xóa
ui-designer-undo = Hoàn tác
ui-designer-redo = Làm lại
ui-designer-align = Căn và dàn đều các phần tử đã chọn
ui-designer-align-left = Căn trái
ui-designer-align-hcenter = Căn giữa theo chiều ngang
ui-designer-align-right = Căn phải
ui-designer-align-top = Căn trên
ui-designer-align-vmiddle = Căn giữa theo chiều dọc
ui-designer-align-bottom = Căn dưới
ui-designer-distribute-h = Dàn đều theo chiều ngang
ui-designer-distribute-v = Dàn đều theo chiều dọc
ui-designer-grid = Bắt lưới
ui-designer-grid-off = Không bắt lưới
ui-designer-blank-scan = Ảnh quét phôi (chỉ làm nền, không in)
ui-designer-blank-scan-show = Hiện ảnh phôi
ui-designer-inspector = Thuộc tính
ui-designer-name = Tên phần tử
ui-designer-x = X (mm)
ui-designer-y = Y (mm)
ui-designer-w = Rộng (mm)
ui-designer-h = Cao (mm)
ui-designer-size = Cỡ chữ (pt)
ui-designer-font = Phông chữ
ui-designer-style = Kiểu chữ
ui-designer-style-regular = Thường
ui-designer-style-bold = Đậm
ui-designer-style-italic = Nghiêng
ui-designer-style-bold-italic = Đậm nghiêng
ui-designer-text-align = Căn lề chữ
ui-designer-text-align-left = Trái
ui-designer-text-align-center = Giữa
ui-designer-text-align-right = Phải
ui-designer-text-align-justify = Đều hai bên
ui-designer-color = Màu chữ
ui-designer-content = Nội dung (chữ và biến)
ui-designer-insert-var = Chèn biến
ui-designer-nothing-selected = Chưa chọn phần tử nào: bấm vào một khung trên trang.
ui-designer-selected = Đã chọn { $n } phần tử.
ui-designer-proof-only = Phần tử này chỉ có trên bản nháp và bản in thử (phôi đã in sẵn nó), không in lên giấy chứng nhận.
ui-designer-checks = Kiểm tra mẫu
ui-designer-checks-ok = Mọi phần tử nằm trong vùng in được.
ui-designer-shrunk = { $element }: chữ mẫu phải thu nhỏ từ { $from } pt xuống { $to } pt để vừa khung
ui-designer-new-folder = Thư mục mẫu mới (trong thư mục làm việc)
ui-designer-save = Lưu mẫu
ui-designer-saved = Đã lưu mẫu vào thư mục { $folder }: lệnh render --template { $folder } in đúng như trang này.
ui-designer-unsaved = Có thay đổi chưa lưu.
ui-designer-drawing = Đang vẽ lại trang…
ui-designer-drawn = Trang vẽ lại trong { $ms } ms, bằng đúng mã in ra tệp PDF.
ui-designer-keys = Kéo khung để di chuyển, kéo ô vuông ở góc để đổi cỡ; phím mũi tên dịch 1 mm (Shift: 10 mm); Shift + bấm để chọn nhiều; Ctrl+Z hoàn tác, Ctrl+Y làm lại, Ctrl+D nhân bản, Delete xóa.
## The workbench: chungnhan ui (issue 30)

help-ui-about = Bàn làm việc trong trình duyệt: danh sách, xem trước, cấp, sổ gốc, xác thực
help-ui-long =
    Mở một trang trên chính máy này (127.0.0.1) cho cả công việc: chọn danh sách học viên, xem lỗi trên từng ô, xem trước đúng trang sẽ in, cấp và in, tra cứu và thu hồi trong sổ gốc, xác thực giấy.
    Dòng đầu tiên in ra là địa chỉ cần mở (kèm mã bí mật); trình duyệt mặc định tự mở nếu không có --no-browser.
    Ví dụ: chungnhan ui --folder D:\CapGiay
help-ui-arg-folder = Thư mục làm việc: danh sách, tệp biến, mẫu, khóa và sổ gốc (mặc định: thư mục hiện tại)
help-ui-arg-keys = Thư mục khóa (mặc định: THƯ_MỤC/khoa)
help-ui-arg-register = Sổ gốc (mặc định: THƯ_MỤC/chungnhan.sqlite)
help-ui-arg-port = Cổng trên 127.0.0.1 (mặc định 0: cổng trống bất kỳ)
help-ui-arg-no-browser = Không tự mở trình duyệt, chỉ in địa chỉ
ui-started = Mở địa chỉ trên trong trình duyệt. Thư mục làm việc: { $folder }. Bấm Ctrl-C để dừng.
ui-err-listen = không mở được cổng { $port } trên 127.0.0.1: { $cause }
ui-err-folder = { $folder } không phải một thư mục
ui-err-random = không lấy được số ngẫu nhiên từ hệ thống để làm mã bí mật
ui-refused-host = Từ chối: địa chỉ máy (Host) không phải 127.0.0.1 hay localhost của bàn làm việc này.
ui-refused-origin = Từ chối: yêu cầu đến từ một trang khác.
ui-refused-token = Từ chối: thiếu mã bí mật. Mở đúng địa chỉ chungnhan ui đã in ra.
ui-too-large = Tệp quá lớn: tối đa { $mib } MiB.
ui-bad-request = Yêu cầu không đọc được.
ui-not-found = Không có.
ui-bad-name = Tên tệp không dùng được (không được có thư mục, dấu chấm ở đầu hay ký tự / \ : * ? " < > |).
ui-outside-folder = { $name } nằm ngoài thư mục làm việc: không đọc, không ghi.
ui-template-folder = mẫu trong thư mục làm việc
ui-choose-roster = Chọn một danh sách học viên trước.
ui-corrected-suffix = đã sửa
ui-preview-failed = Không dựng được trang xem trước.
ui-preview-problems = Bản ghi này có lỗi, chưa in được:
ui-no-record = Không có bản ghi số { $n }.
ui-from-vars = từ tệp { $file }
ui-from-placeholder = chữ giữ chỗ của mẫu: cần điền
ui-from-template = mặc định của mẫu
ui-from-nothing = chưa có: cần điền
ui-file-exists = Đã có tệp { $name }.
ui-file-exists-hint = đặt tên khác, hoặc chọn "Ghi đè tệp đã có"
ui-vars-file-comment = Thông tin khóa học, ghi bởi chungnhan ui.
ui-no-exe = không tìm thấy chương trình chungnhan để chạy lệnh
ui-no-keys = Chưa có khóa ký trong { $dir }.
ui-no-keys-hint = tạo khóa: chungnhan keygen --out khoa --issuer "TÊN CƠ QUAN" --host TÊN_MIỀN_XÁC_THỰC
ui-issue-running = Đang cấp một đợt: chờ đợt đó xong.
ui-out-folder = giay-chung-nhan
ui-merged-name = tep-in-gop
ui-reprint-folder = in-lai
ui-book-name = so-goc
ui-blanks-name = bao-cao-phoi
ui-backup-name = so-goc-sao-luu
ui-calibration-name = to-can-chinh-may-in
ui-verify-kind = Chỉ xác thực được tệp PDF, PNG hoặc JPEG (hoặc dán mã).
ui-lang = vi
ui-title = chungnhan — bàn làm việc
ui-folder = Thư mục: { $folder }
ui-tab-roster = Danh sách và xem trước
ui-tab-vars = Nhập thông tin khóa học
ui-tab-designer = Thiết kế mẫu
ui-tab-issue = Cấp và in
ui-tab-book = Sổ gốc
ui-tab-verify = Xác thực
ui-roster-file = Danh sách học viên
ui-drop-hint = Kéo thả tệp CSV, XLSX, XLS hoặc ODS vào đây, hoặc bấm để chọn.
ui-roster-pick = Tệp trong thư mục
ui-template = Mẫu
ui-vars-pick = Thông tin khóa học
ui-none = (không có)
ui-reload = Đọc lại tệp
ui-opening = Đang đọc { $file }…
ui-roster-summary = { $file }: { $records } bản ghi, { $valid } hợp lệ, { $bad } có lỗi ({ $ms } ms).
ui-mapping = Cột nào là trường nào
ui-field = Trường của mẫu
ui-column = Cột
ui-not-read = (không đọc)
ui-records = Các bản ghi
ui-record = Bản ghi
ui-problems = Lỗi và cảnh báo
ui-problem = Lỗi
ui-hint = gợi ý
ui-kind-error = lỗi
ui-kind-warning = cảnh báo
ui-kind-note = lưu ý
ui-also-in = (và { $n } bản ghi sau)
ui-save-corrected = Lưu bản đã sửa
ui-saved-corrected = Đã lưu bản đã sửa: { $file } (tệp gốc giữ nguyên).
ui-preview = Xem trước (đúng trang sẽ in, bản nháp)
ui-prev = Bản ghi trước
ui-next = Bản ghi sau
ui-jump-longest = Tên dài nhất
ui-jump-shrunk = Chữ bị thu nhỏ
ui-jump-problem = Bản ghi có lỗi
ui-preview-alt = Bản xem trước — bản ghi { $record }: { $name }
ui-preview-note = Bản ghi { $record }: dựng trang { $ms } ms, hiện sau { $total } ms.
ui-vars-intro = Các nội dung mẫu in ra cho cả đợt (cơ quan, chương trình, ngày cấp, người ký…). Lưu thành tệp biến trong thư mục làm việc để dùng lại.
ui-vars-name = Tên tệp
ui-vars-replace = Ghi đè tệp đã có
ui-vars-save = Lưu thông tin khóa học
ui-vars-saved = Đã lưu { $file }.
ui-issue-what = Danh sách { $file }: { $valid } trên { $records } bản ghi hợp lệ.
ui-passphrase = Mật khẩu khóa
ui-blanks = Số seri phôi đầu tiên trong khay (nếu in lên phôi)
ui-issue = Cấp giấy chứng nhận
ui-progress = Tiến độ cấp
ui-issue-running-state = Đang cấp { $batch }: { $written }/{ $total } giấy, { $seconds } giây. Đóng thẻ này thì việc cấp vẫn tiếp tục.
ui-issue-done = Đã cấp xong { $batch } ({ $seconds } giây).
ui-issue-failed = Không cấp được (mã thoát { $code }): xem lỗi bên dưới.
ui-merged-link = Tải tệp in gộp
ui-production = In trên phôi
ui-spoil-blank = Số seri phôi hỏng
ui-spoil-reason = Lý do hỏng
ui-spoil = Ghi phôi hỏng
ui-calibrate = Tờ căn chỉnh máy in
ui-open-file = Mở { $file }
ui-book-search = Tìm trong sổ gốc
ui-book-results = Kết quả tìm trong sổ gốc
ui-serial = Số hiệu
ui-entry = Số vào sổ
ui-name = Họ và tên
ui-birth = Ngày sinh
ui-batch = Đợt
ui-status = Tình trạng
ui-entry-title = Một mục của sổ gốc
ui-reason = Lý do
ui-decision = Quyết định thu hồi (số, ngày)
ui-revoke = Thu hồi
ui-reprint = In lại giấy này
ui-book-exports = Xuất và sao lưu
ui-export-pdf = Xuất sổ gốc PDF
ui-export-xlsx = Xuất sổ gốc XLSX
ui-export-csv = Xuất sổ gốc CSV
ui-export-blanks = Báo cáo sử dụng phôi
ui-backup = Sao lưu sổ gốc
ui-verify-file = Tệp cần xác thực
ui-verify-text = Hoặc dán nội dung mã (địa chỉ trong mã QR)
ui-verify = Xác thực mã đã dán
ui-verdict = Kết quả xác thực
ui-verifying = Đang xác thực…
