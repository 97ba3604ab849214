# Sổ gốc: the words of the register's exports (the printed book, its CSV and XLSX, the
# blank-usage report), and the marks printed on drafts. The sổ gốc is a Vietnamese legal
# document and a draft is a Vietnamese certificate: these words stay Vietnamese whatever the
# language of the run (--lang en included), so this catalogue has no English twin.

## Columns (CSV, XLSX and the printed book)

book-col-stt = STT
book-col-name = Họ và tên
book-col-birth = Ngày sinh
book-col-serial = Số hiệu
book-col-entry = Số vào sổ
book-col-issued = Ngày cấp
book-col-status = Tình trạng
book-col-changed = Ngày thay đổi
book-col-reason = Lý do, quyết định
book-col-batch = Đợt cấp
book-col-code = Mã QR (nội dung)
book-col-birthplace = Nơi sinh
book-col-note = Ghi chú
book-col-blank = Số phôi
book-col-programme = Chương trình
book-col-receiver = Người nhận ký, ghi rõ họ tên

## Status of an entry

book-status-issued = Đã cấp
book-status-reissued = Đã cấp lại
book-status-revoked = Đã thu hồi
book-status-spoiled = Phôi hỏng
book-status-replaced-by = { $status } → { $serial }
book-status-replacing = { $status } (thay { $serial })

## Ghi chú: what happened to an entry

book-note-printed-on = In trên phôi { $blank }
book-note-blank-spoiled = Phôi { $blank } hỏng ngày { $day }: { $reason }
book-note-revoked = Đã thu hồi ngày { $day }
book-note-revoked-why = Đã thu hồi ngày { $day }, lý do: { $reason }
book-note-reissued = Đã cấp lại ngày { $day }
book-note-reissued-as = Đã cấp lại ngày { $day }: giấy mới số hiệu { $serial }
book-note-spoiled = Phôi hỏng ngày { $day }
book-note-replaces = Cấp lại, thay giấy số hiệu { $serial }

## The printed book: title, batch headings, closing block

book-title = SỔ GỐC CẤP GIẤY CHỨNG NHẬN
book-pdf-title = Sổ gốc cấp giấy chứng nhận
book-entries = { $n } mục
book-page = Trang { $page }/{ $pages }
book-batch = Đợt cấp: { $batch }
book-batch-continued = Đợt cấp: { $batch } (tiếp theo)
book-programme = Khóa học, chương trình: { $programme }
book-decision = Quyết định cấp: { $decision }
book-decision-issued = Quyết định cấp: { $decision }; ngày cấp: { $day }
book-decision-number = số { $number }
book-decision-no-number = số ………………
book-decision-day = ngày { $day }
book-decision-no-day = ngày ……/……/………
book-total = Tổng số giấy chứng nhận đã cấp: { $n } (bằng chữ: { $words }).
book-of-which = Trong đó: { $details }.
book-revoked-count = { $n } giấy đã thu hồi
book-reissued-count = { $n } giấy đã được cấp lại
book-spoiled-count = Số hiệu bỏ đi vì phôi hỏng: { $n }.
book-keeper = NGƯỜI LẬP SỔ
book-sign = (Ký, ghi rõ họ tên)
book-sign-seal = (Ký, ghi rõ họ tên và đóng dấu)

## The blank-usage report

book-blanks-title = BÁO CÁO SỬ DỤNG PHÔI GIẤY CHỨNG NHẬN
book-blanks-pdf-title = Báo cáo sử dụng phôi
book-col-printed-on = Ngày in
book-col-spoiled-on = Ngày hỏng
book-col-spoil-reason = Lý do hỏng
book-blank-used = Đã in
book-blank-spoiled = Hỏng
book-blanks-batch = Đợt { $batch }
book-blanks-unused = Phôi hỏng khi chưa in
book-blanks-count = { $name }: đã in { $used } phôi, hỏng { $spoiled } phôi, cộng { $total } phôi

## Drafts: printed on the page, where the code will be

book-draft-caption = Bản nháp – chưa có mã xác thực
book-draft-mark = BẢN NHÁP
book-draft-qr =
    BẢN NHÁP
    mã QR
