# Tiếng Việt: the interface's own language. Each message here has its twin in en.ftl.

## verify: the verdict, one line

verify-valid = HỢP LỆ — chữ ký số đúng: giấy chứng nhận do đơn vị dưới đây cấp.
verify-invalid = KHÔNG HỢP LỆ — mã đã bị sửa hoặc giả mạo; đừng tin bất kỳ thông tin nào của mã này.
verify-unknown-key = KHÔNG RÕ ĐƠN VỊ CẤP — mã được ký bằng một khóa không có trong danh sách tin cậy đã cho; có thể là giả mạo.
verify-revoked = ĐÃ BỊ THU HỒI — chữ ký đúng, nhưng giấy chứng nhận đã bị thu hồi.
verify-no-code = KHÔNG TÌM THẤY MÃ QR
verify-malformed = MÃ QR HỎNG — không đọc được mã xác thực: mã bị hỏng, bị cắt, hoặc không phải mã xác thực.
verify-key-compromised = KHÔNG THỂ XÁC THỰC — khóa ký của đơn vị cấp đã bị lộ, và mã này không có trong sổ cấp phát đã ký của đơn vị; đừng tin mã này.

## verify: what follows the verdict

verify-draft = Đây là bản nháp (bản in thử của lệnh render): bản nháp không có mã xác thực. Giấy chứng nhận để kiểm tra là bản do lệnh issue cấp.
verify-detail = Chi tiết: { $detail }
verify-no-code-hint = Gợi ý: chụp gần hơn, giữ máy thẳng và đủ sáng, để cả mã và viền trắng quanh mã nằm trong khung; với tệp PDF, hãy dùng đúng tệp đã cấp.
verify-issuer = Đơn vị cấp (theo danh sách tin cậy): { $name } — { $domain }
verify-revoked-on = Thu hồi ngày { $date }, lý do: { $reason }
verify-not-in-list = Không có trong danh sách thu hồi công bố ngày { $date }.
verify-compare = Đối chiếu họ tên, ngày sinh, số hiệu, chương trình với bản giấy.
verify-unrecognised = Trường không nhận ra
verify-note = Lưu ý: { $note }

## verify: warnings

verify-warn-not-nfc = một trường chữ của mã không ở dạng Unicode NFC.
verify-warn-no-list = chưa kiểm tra thu hồi: không có danh sách thu hồi của đơn vị này (--revoked, hoặc revoked.json cạnh trust.json).
verify-warn-stored-differs = mã lưu trong siêu dữ liệu của tệp khác với mã in trên trang; đã xét mã in trên trang.
verify-warn-list-outdated = danh sách thu hồi này đã quá ngày cập nhật ({ $date }): có thể có danh sách mới hơn thu hồi thêm giấy; hãy lấy danh sách hiện hành từ đơn vị cấp.
verify-warn-stored-only = không đọc được mã in trên trang; đã xét theo bản sao của mã lưu trong tệp.
verify-warn-ledgered = khóa đã ký mã này sau đó bị báo lộ, nhưng giấy có trong sổ cấp phát do khóa gốc của đơn vị ký: giấy được cấp thật.

## Reasons for revocation, in words

reason-issued-in-error = cấp sai
reason-superseded = đã được cấp lại bằng giấy khác
reason-fraud = gian lận

## revoke

revoke-done = Đã thu hồi { $serial } ({ $name }, { $birth }) ngày { $date }, lý do: { $reason }
revoke-already = { $serial } đã bị thu hồi ngày { $date }, lý do: { $reason }; không có gì thay đổi.
revoke-other-reason = { $serial } đã bị thu hồi ngày { $date }, lý do: { $reason }. Lý do mới ({ $asked }) chưa được ghi, không có gì thay đổi; nếu muốn ghi lý do mới, chạy lại với --change-reason.
revoke-reason-changed = Đã đổi lý do thu hồi { $serial }: { $from } → { $to }
revoke-matched = lưu ý: "{ $given }" được hiểu là số hiệu { $serial } (không phân biệt chữ hoa, chữ thường, khoảng trắng và gạch nối)

## Placeholders of a template, and the labels of message lines

placeholder-left = biến { $name } vẫn là chữ giữ chỗ của mẫu: "{ $value }"
placeholder-hint = ghi giá trị thật của đơn vị trong tệp --vars ({ $name } = "…", như examples/tan-binh-2019.toml), hoặc dùng --set { $name }=…
placeholder-draft = (bản nháp vẫn in được; lệnh issue sẽ từ chối cho đến khi thay)
placeholder-refused = Không cấp giấy nào, sổ gốc không đổi: giấy chứng nhận không được in chữ giữ chỗ.
label-error = lỗi:
label-warning = cảnh báo:
label-hint = gợi ý:
label-note = ghi chú:

## register backup

backup-done = Đã sao lưu sổ gốc { $register } sang { $out }: { $certificates } giấy chứng nhận, { $kib } KiB, kiểm tra toàn vẹn: tốt.

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
keys-retired = Khóa { $kid } thôi ký sau ngày { $until } (giấy đã ký vẫn xác thực được mãi).
keys-new = Khóa ký mới { $kid } dùng từ ngày { $from }: { $file }
keys-publish = Đã ký lại { $trust } (số { $seq }); hãy công bố lại tệp này cùng tệp .sig của nó.
keys-compromised = Đã ghi khóa { $kid } là BỊ LỘ từ ngày { $since }: khóa này không ký gì nữa; giấy nó đã ký chỉ hợp lệ khi có trong sổ cấp phát đã ký.
keys-already-compromised = Khóa { $kid } đã được ghi là bị lộ; không có gì thay đổi.

## Issuance ledgers

ledger-written = Đã ký sổ cấp phát { $file }; hãy công bố nó cùng tệp .sig.
ledger-waiting = { $certificates } giấy chứng nhận chưa có trong sổ cấp phát đã ký: cần khóa gốc ({ $root }). Chạy lại issue (hoặc revoke) với --root-key khi có khóa gốc.
ledger-withheld = lô { $batch }: khóa { $kid } đã bị lộ, khóa gốc không ký sổ cấp phát cho khóa này nữa.
ledger-not-signed = chưa ký được sổ cấp phát

## What a verifier remembers

seen-not-saved = không ghi được { $file } ({ $error }): lần sau không phát hiện được bản danh sách cũ hơn.

## Notes on a roster

note-gender-nu = cột { $column }: { $count } dòng ghi giới tính "Nu" không dấu, đã hiểu là "Nữ" (dòng { $lines }); hãy sửa trong danh sách để lần sau khỏi báo.
note-shrunk = { $origin }: chữ của { $element } được thu nhỏ từ { $from } pt xuống { $to } pt cho vừa khung; hãy xem lại trang này.
