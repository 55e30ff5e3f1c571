"""The 34 criteria of Phụ lục I, with the records to verify, the figures to type and their checks.

Texts are the decision's (see the package docstring for the typing errors fixed). Evidence items are
the records the team asks the commune to show, written from the criterion's own words; fields are
the figures a check needs. Field ids are stable: statistics and comparisons across years key on them.
"""

from antq_tui import Criterion, Field, Group

from . import rules
from .rules import EMULATION_TITLES, EVENTS, MOVEMENT_RATINGS, TASK_RATINGS

GROUPS = (
    Group("lanh_dao", "Công tác lãnh đạo của cấp ủy Đảng, chính quyền xã, phường, thị trấn"),
    Group("phong_trao", "Công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc"),
    Group("antt", "Công tác bảo đảm an ninh, trật tự"),
    Group("cong_an", "Công an xã, thị trấn"),
)

CRITERIA = (
    Criterion(
        number=1,
        group="lanh_dao",
        text=(
            "Tổ chức quán triệt, triển khai thực hiện đầy đủ, hiệu quả các chủ trương của Đảng, chính sách "
            "pháp luật của Nhà nước, các văn bản chỉ đạo của cấp trên về công tác bảo đảm an ninh, trật tự "
            "(ANTT) và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc (ANTQ) đến các ban, ngành, đoàn "
            "thể, thôn, tổ dân phố, khu dân cư trên địa bàn."
        ),
        evidence=(
            "Văn bản chỉ đạo của cấp trên về công tác bảo đảm ANTT và xây dựng phong trào toàn dân bảo vệ ANTQ "
            "(sổ theo dõi văn bản đến)",
            "Kế hoạch, văn bản của Đảng ủy, UBND cấp xã triển khai thực hiện các văn bản đó",
            "Biên bản, thông báo hội nghị quán triệt đến các ban, ngành, đoàn thể, thôn, tổ dân phố, khu dân cư",
            "Báo cáo kết quả triển khai thực hiện",
        ),
    ),
    Criterion(
        number=2,
        group="lanh_dao",
        text=(
            "Quý I hằng năm, Đảng ủy xã, phường, thị trấn ban hành nghị quyết, Ủy ban nhân dân (UBND) có "
            "chương trình hoặc kế hoạch triển khai thực hiện công tác bảo đảm ANTT; Ban Chỉ đạo có chương "
            "trình công tác xây dựng phong trào toàn dân bảo vệ ANTQ, triển khai đầy đủ các chuyên đề (cao "
            "điểm tấn công trấn áp tội phạm, phòng cháy, chữa cháy (PCCC), xây dựng và duy trì mô hình, điển "
            "hình tiên tiến; phát động phong trào toàn dân bảo vệ ANTQ ….)"
        ),
        evidence=(
            "Nghị quyết của Đảng ủy cấp xã về công tác bảo đảm ANTT, ban hành trong quý I",
            "Chương trình hoặc kế hoạch của UBND triển khai thực hiện công tác bảo đảm ANTT, ban hành trong quý I",
            "Chương trình công tác của Ban Chỉ đạo về xây dựng phong trào toàn dân bảo vệ ANTQ, ban hành trong quý I",
            "Kế hoạch, báo cáo các chuyên đề: cao điểm tấn công trấn áp tội phạm; PCCC; xây dựng và duy trì mô hình, "
            "điển hình tiên tiến; phát động phong trào toàn dân bảo vệ ANTQ",
        ),
        fields=(
            Field("party_resolution_date", "Ngày ban hành nghị quyết của Đảng ủy", "date"),
            Field("ubnd_plan_date", "Ngày ban hành chương trình/kế hoạch của UBND", "date"),
            Field("steering_programme_date", "Ngày ban hành chương trình công tác của Ban Chỉ đạo", "date"),
            Field("topics_deployed", "Đã triển khai đầy đủ các chuyên đề", "yesno"),
        ),
        check=rules.check_2,
        note="Ba văn bản phải ban hành trong quý I của năm được kiểm tra: đoàn đối chiếu năm trên văn bản.",
    ),
    Criterion(
        number=3,
        group="lanh_dao",
        text=(
            "Hằng năm tổ chức hội nghị hoặc lồng ghép với hội nghị khác về tổng kết, triển khai công tác xây "
            "dựng phong trào toàn dân bảo vệ ANTQ; trong năm duy trì thực hiện hoặc có ít nhất 01 cách làm "
            "hay, đổi mới, sáng tạo về công tác xây dựng phong trào toàn dân bảo vệ ANTQ."
        ),
        evidence=(
            "Giấy mời, chương trình, báo cáo hoặc biên bản hội nghị tổng kết, triển khai công tác xây dựng phong "
            "trào toàn dân bảo vệ ANTQ (hội nghị riêng hoặc lồng ghép)",
            "Báo cáo, tài liệu về cách làm hay, đổi mới, sáng tạo được duy trì hoặc có mới trong năm",
            "Văn bản đánh giá, công nhận hoặc nhân rộng cách làm hay (nếu có)",
        ),
        fields=(
            Field("conference_held", "Có tổ chức hội nghị (hoặc lồng ghép) tổng kết, triển khai", "yesno"),
            Field("good_practices", "Số cách làm hay, đổi mới, sáng tạo duy trì hoặc có mới trong năm",
                  unit="cách làm"),
        ),
        check=rules.check_3,
    ),
    Criterion(
        number=4,
        group="lanh_dao",
        text=(
            "Quan tâm hỗ trợ kinh phí, cơ sở vật chất, trang thiết bị đáp ứng yêu cầu công tác xây dựng phong "
            "trào toàn dân bảo vệ ANTQ trên địa bàn."
        ),
        evidence=(
            "Dự toán, quyết định phân bổ kinh phí cho công tác xây dựng phong trào toàn dân bảo vệ ANTQ",
            "Chứng từ chi, hỗ trợ kinh phí trong năm",
            "Danh mục, biên bản bàn giao cơ sở vật chất, trang thiết bị được hỗ trợ",
        ),
    ),
    Criterion(
        number=5,
        group="lanh_dao",
        text=(
            "Niêm yết lịch tiếp công dân và thực hiện việc tiếp công dân định kỳ hằng tháng và đột xuất theo "
            "quy định 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị. Tổ chức giải quyết đơn, thư khiếu nại tố cáo "
            "theo thẩm quyền, không để tồn đọng, phát sinh phức tạp kéo dài."
        ),
        evidence=(
            "Lịch tiếp công dân niêm yết tại trụ sở",
            "Sổ tiếp công dân (định kỳ hằng tháng và đột xuất)",
            "Sổ theo dõi, thụ lý đơn, thư khiếu nại, tố cáo",
            "Văn bản giải quyết, trả lời đơn, thư thuộc thẩm quyền",
            "Báo cáo công tác tiếp công dân, giải quyết khiếu nại, tố cáo",
        ),
        fields=(
            Field("schedule_posted", "Đã niêm yết lịch tiếp công dân", "yesno"),
            Field("months_without_reception", "Số tháng trong năm không tổ chức tiếp công dân định kỳ", unit="tháng"),
            Field("backlog_complaints", "Số đơn, thư khiếu nại, tố cáo thuộc thẩm quyền còn tồn đọng", unit="đơn"),
            Field("protracted_cases", "Số vụ việc phát sinh phức tạp, kéo dài", unit="vụ việc"),
        ),
        check=rules.check_5,
    ),
    Criterion(
        number=6,
        group="lanh_dao",
        text=(
            "Tổng kết công tác năm, Đảng bộ xã, phường, thị trấn đạt “Hoàn thành tốt nhiệm vụ” trở lên; UBND "
            "xã, phường, thị trấn đạt danh hiệu “Tập thể lao động tiên tiến” trở lên; các tổ chức chính trị xã "
            "hội đều đạt loại “Khá” trở lên; không có cán bộ công chức, viên chức xã, phường, thị trấn vi phạm "
            "pháp luật hoặc bị xử lý kỷ luật."
        ),
        evidence=(
            "Quyết định, thông báo xếp loại Đảng bộ cấp xã (tổng kết năm)",
            "Quyết định tặng danh hiệu “Tập thể lao động tiên tiến” trở lên cho UBND cấp xã",
            "Kết quả xếp loại các tổ chức chính trị - xã hội",
            "Báo cáo rà soát cán bộ, công chức, viên chức vi phạm pháp luật, bị xử lý kỷ luật trong năm",
        ),
        fields=(
            Field("party_rating", "Xếp loại Đảng bộ", "choice", choices=TASK_RATINGS),
            Field("ubnd_title", "Danh hiệu của UBND", "choice", choices=EMULATION_TITLES),
            Field("mass_orgs_below_kha", "Số tổ chức chính trị - xã hội xếp loại dưới “Khá”", unit="tổ chức"),
            Field("officials_violations", "Số cán bộ, công chức, viên chức vi phạm pháp luật hoặc bị xử lý kỷ luật",
                  unit="người"),
        ),
        check=rules.check_6,
    ),
    Criterion(
        number=7,
        group="lanh_dao",
        text=(
            "Tổng kết năm Nhân dân và cán bộ xã, phường, thị trấn được các cấp khen thưởng về công tác xây "
            "dựng phong trào toàn dân bảo vệ ANTQ (bằng khen hoặc giấy khen)"
        ),
        evidence=(
            "Quyết định khen thưởng (bằng khen, giấy khen) của các cấp cho Nhân dân, cán bộ về công tác xây dựng "
            "phong trào toàn dân bảo vệ ANTQ",
            "Báo cáo tổng kết năm về công tác xây dựng phong trào toàn dân bảo vệ ANTQ",
        ),
        fields=(
            Field("awards", "Số bằng khen, giấy khen các cấp tặng Nhân dân, cán bộ (tổng kết năm)", unit="lượt"),
        ),
        check=rules.check_7,
    ),
    Criterion(
        number=8,
        group="phong_trao",
        text=(
            "Ban Chỉ đạo phòng chống tội phạm, tệ nạn xã hội và công tác xây dựng phong trào toàn dân bảo vệ "
            "ANTQ kịp thời được củng cố, kiện toàn bảo đảm về số lượng, chất lượng, có quy chế và hoạt động "
            "hiệu quả."
        ),
        evidence=(
            "Quyết định thành lập, củng cố, kiện toàn Ban Chỉ đạo",
            "Quy chế hoạt động của Ban Chỉ đạo",
            "Văn bản phân công nhiệm vụ thành viên Ban Chỉ đạo",
            "Biên bản họp, báo cáo hoạt động của Ban Chỉ đạo",
        ),
    ),
    Criterion(
        number=9,
        group="phong_trao",
        text=(
            "Tổ chức hiệu quả công tác tuyên truyền, giáo dục nâng cao nhận thức của cán bộ, công chức, viên "
            "chức, đảng viên về công tác bảo đảm ANTT và công tác xây dựng phong trào toàn dân bảo vệ ANTQ. "
            "Trong năm có ít nhất 01 lần tổ chức tuyên truyền, phổ biến pháp luật (về PCCC, bảo đảm ANTT, an "
            "toàn giao thông, bảo vệ bí mật nhà nước….) kết hợp nâng cao ý thức cảnh giác cho cán bộ công "
            "chức, viên chức, đảng viên về âm mưu, phương thức hoạt động chống Đảng, Nhà nước của các thế lực "
            "thù địch, phản động."
        ),
        evidence=(
            "Kế hoạch tuyên truyền, giáo dục về công tác bảo đảm ANTT và xây dựng phong trào toàn dân bảo vệ ANTQ",
            "Tài liệu, báo cáo các buổi tuyên truyền, phổ biến pháp luật (PCCC, ANTT, an toàn giao thông, bảo vệ "
            "bí mật nhà nước …) cho cán bộ, công chức, viên chức, đảng viên",
            "Danh sách, hình ảnh người tham dự",
        ),
        fields=(
            Field("law_sessions", "Số lần tuyên truyền, phổ biến pháp luật kết hợp nâng cao ý thức cảnh giác "
                  "trong năm", unit="lần"),
        ),
        check=rules.check_9,
    ),
    Criterion(
        number=10,
        group="phong_trao",
        text=(
            "Tổ chức các hoạt động: “Ngày hội toàn dân bảo vệ an ninh Tổ quốc” (ngày 19/8); “Ngày toàn dân "
            "phòng cháy, chữa cháy” (ngày 04/10); “Tháng hành động phòng, chống ma túy” (tháng 6); “Ngày toàn "
            "dân phòng, chống ma túy” (ngày 26/6); “Ngày phòng, chống mua bán người” (ngày 30/07); “Ngày môi "
            "trường thế giới” (ngày 5/6); “Tháng an toàn giao thông” (tháng 9) và phong trào thi đua khác do "
            "địa phương phát động và nội dung, hình thức phù hợp, được các ban ngành, đoàn thể và đông đảo "
            "quần chúng Nhân dân tích cực tham gia."
        ),
        evidence=(
            "Kế hoạch tổ chức từng hoạt động",
            "Báo cáo kết quả, hình ảnh từng hoạt động",
            "Văn bản phát động phong trào thi đua của địa phương",
            "Danh sách, số lượt ban, ngành, đoàn thể và Nhân dân tham gia",
        ),
        fields=tuple(Field(fid, f"Đã tổ chức {name}", "yesno") for fid, name in EVENTS),
        check=rules.check_10,
        note="Hàm kiểm tra chỉ xét các hoạt động đã tổ chức; mức độ tham gia của Nhân dân do đoàn đánh giá.",
    ),
    Criterion(
        number=11,
        group="phong_trao",
        text=(
            "Thường xuyên củng cố, kiện toàn lực lượng nòng cốt làm nhiệm vụ bảo đảm ANTT ở cơ sở (Công an xã "
            "bán chuyên trách, Bảo vệ dân phố, Dân phòng) đáp ứng yêu cầu nhiệm vụ bảo đảm ANTT ở cơ sở; không "
            "có cá nhân vi phạm pháp luật hoặc bị xử lý kỷ luật."
        ),
        evidence=(
            "Quyết định củng cố, kiện toàn lực lượng nòng cốt (Công an xã bán chuyên trách, Bảo vệ dân phố, "
            "Dân phòng)",
            "Danh sách lực lượng nòng cốt",
            "Báo cáo rà soát vi phạm pháp luật, xử lý kỷ luật của lực lượng nòng cốt trong năm",
        ),
        fields=(
            Field("core_force_violations", "Số người của lực lượng nòng cốt vi phạm pháp luật hoặc bị xử lý kỷ luật",
                  unit="người"),
        ),
        check=rules.check_11,
    ),
    Criterion(
        number=12,
        group="phong_trao",
        text=(
            "Công an xã, phường, thị trấn có kế hoạch phối hợp với Mặt trận Tổ quốc và các đoàn thể, lực lượng "
            "vũ trang khác trong công tác xây dựng phong trào toàn dân bảo vệ ANTQ; định kỳ hằng tháng giao "
            "ban; 6 tháng, 01 năm tổ chức sơ kết, tổng kết đánh giá kết quả công tác phối hợp."
        ),
        evidence=(
            "Kế hoạch phối hợp của Công an cấp xã với Mặt trận Tổ quốc, các đoàn thể, lực lượng vũ trang",
            "Biên bản giao ban hằng tháng",
            "Báo cáo sơ kết 6 tháng công tác phối hợp",
            "Báo cáo tổng kết năm công tác phối hợp",
        ),
        fields=(
            Field("coordination_plan", "Có kế hoạch phối hợp", "yesno"),
            Field("months_without_briefing", "Số tháng không tổ chức giao ban", unit="tháng"),
            Field("six_month_review", "Đã sơ kết 6 tháng", "yesno"),
            Field("annual_review", "Đã tổng kết năm", "yesno"),
        ),
        check=rules.check_12,
    ),
    Criterion(
        number=13,
        group="phong_trao",
        text=(
            "Xây dựng mới hoặc duy trì ít nhất 01 mô hình “Dân vận khéo” và 01 mô hình về phong trào toàn dân "
            "bảo vệ ANTQ hoạt động hiệu quả, góp phần tích cực bảo đảm ANTT."
        ),
        evidence=(
            "Quyết định thành lập, quy chế hoạt động của mô hình “Dân vận khéo”",
            "Quyết định thành lập, quy chế hoạt động của mô hình về phong trào toàn dân bảo vệ ANTQ",
            "Báo cáo kết quả hoạt động của các mô hình",
        ),
        fields=(
            Field("dan_van_kheo_models", "Số mô hình “Dân vận khéo” hoạt động hiệu quả", unit="mô hình"),
            Field("movement_models", "Số mô hình về phong trào toàn dân bảo vệ ANTQ hoạt động hiệu quả",
                  unit="mô hình"),
        ),
        check=rules.check_13,
    ),
    Criterion(
        number=14,
        group="phong_trao",
        text=(
            "Khen thưởng và đề xuất khen thưởng kịp thời các tập thể, cá nhân có thành tích xuất sắc trong "
            "phong trào toàn dân bảo vệ ANTQ. Hằng năm có ít nhất 01 lượt tập thể hoặc 01 lượt cá nhân được "
            "các cấp, ngành, địa phương tặng bằng khen; 02 lượt tập thể, cá nhân được tặng giấy khen về công "
            "tác bảo đảm ANTT và công tác xây dựng phong trào toàn dân bảo vệ ANTQ; có ít nhất 01 tập thể hoặc "
            "cá nhân trở lên điển hình tiên tiến trong phong trào toàn dân bảo vệ ANTQ."
        ),
        evidence=(
            "Quyết định tặng bằng khen cho tập thể, cá nhân",
            "Quyết định tặng giấy khen cho tập thể, cá nhân về công tác bảo đảm ANTT và xây dựng phong trào toàn "
            "dân bảo vệ ANTQ",
            "Văn bản đề xuất khen thưởng",
            "Hồ sơ điển hình tiên tiến trong phong trào toàn dân bảo vệ ANTQ",
        ),
        fields=(
            Field("merit_certificates", "Số lượt tập thể, cá nhân được tặng bằng khen", unit="lượt"),
            Field("commendations", "Số lượt tập thể, cá nhân được tặng giấy khen", unit="lượt"),
            Field("advanced_examples", "Số tập thể, cá nhân điển hình tiên tiến", unit="điển hình"),
        ),
        check=rules.check_14,
    ),
    Criterion(
        number=15,
        group="antt",
        text=(
            "Đánh giá, phân loại phong trào toàn dân bảo vệ ANTQ đạt loại “Xuất sắc” (theo Quyết định số "
            "510/QĐ-BCA-V05 ngày 20/01/2022 của Bộ trưởng Bộ Công an)."
        ),
        evidence=(
            "Quyết định hoặc thông báo kết quả đánh giá, phân loại phong trào toàn dân bảo vệ ANTQ",
            "Biểu chấm điểm, hồ sơ đánh giá, phân loại phong trào",
        ),
        fields=(Field("movement_rating", "Kết quả phân loại phong trào", "choice", choices=MOVEMENT_RATINGS),),
        check=rules.check_movement_rating,
    ),
    Criterion(
        number=16,
        group="antt",
        text=(
            "Không có tụ điểm phức tạp về hình sự, ma túy, tệ nạn xã hội."
        ),
        evidence=(
            "Báo cáo tình hình ANTT trên địa bàn",
            "Kết quả rà soát điểm, tụ điểm phức tạp về hình sự, ma túy, tệ nạn xã hội và kết quả giải quyết",
        ),
        fields=(Field("hotspots", "Số tụ điểm phức tạp về hình sự, ma túy, tệ nạn xã hội", unit="tụ điểm"),),
        check=rules.check_16,
    ),
    Criterion(
        number=17,
        group="antt",
        text=(
            "Không để xảy ra các vụ việc phức tạp về ANTT trên địa bàn. Không có hoạt động của tội phạm theo "
            "kiểu “xã hội đen”; không có hoạt động của tội phạm và vi phạm pháp luật liên quan đến “Tín dụng "
            "đen”"
        ),
        evidence=(
            "Báo cáo tình hình ANTT trên địa bàn trong năm",
            "Sổ theo dõi vụ việc về ANTT",
            "Kết quả rà soát hoạt động của tội phạm theo kiểu “xã hội đen”, liên quan đến “tín dụng đen”",
        ),
        fields=(
            Field("complex_incidents", "Số vụ việc phức tạp về ANTT", unit="vụ việc"),
            Field("black_society_cases", "Số vụ hoạt động của tội phạm theo kiểu “xã hội đen”", unit="vụ"),
            Field("black_credit_cases", "Số vụ phạm tội, vi phạm pháp luật liên quan “tín dụng đen”", unit="vụ"),
        ),
        check=rules.check_17,
    ),
    Criterion(
        number=18,
        group="antt",
        text=(
            "Kiềm chế hoặc giảm ít nhất 5 % số vụ phạm tội về trật tự xã hội so với năm trước"
        ),
        evidence=(
            "Báo cáo thống kê số vụ phạm tội về trật tự xã hội năm nay và năm trước (cùng kỳ)",
            "Báo cáo tổng kết công tác bảo đảm ANTT năm trước",
        ),
        fields=(
            Field("crimes_previous_year", "Số vụ phạm tội về trật tự xã hội năm trước", unit="vụ",
                  help="Cùng kỳ với số liệu năm nay"),
            Field("crimes_this_year", "Số vụ phạm tội về trật tự xã hội năm nay", unit="vụ",
                  help="Đến thời điểm kiểm tra"),
        ),
        check=rules.check_18,
    ),
    Criterion(
        number=19,
        group="antt",
        text=(
            "Không có người nghiện ma túy; nếu có trên 10 người, mỗi năm kéo giảm ít nhất 20%; từ 10 người trở "
            "xuống, mỗi năm kéo giảm ít nhất 02 người; không phát sinh người nghiện mới hoặc tái nghiện đối "
            "với người đang sinh sống (thường trú và tạm trú) tại địa phương. Không để xảy ra tình trạng trồng "
            "và tái trồng cây có chứa chất ma túy trên địa bàn."
        ),
        evidence=(
            "Danh sách người nghiện ma túy đang sinh sống (thường trú và tạm trú) tại địa phương, năm trước và "
            "hiện tại",
            "Hồ sơ quản lý người nghiện, người sử dụng trái phép chất ma túy",
            "Báo cáo kết quả phát hiện người nghiện mới, người tái nghiện",
            "Báo cáo kết quả kiểm tra, phát hiện trồng, tái trồng cây có chứa chất ma túy",
        ),
        fields=(
            Field("addicts_previous_year", "Số người nghiện ma túy năm trước", unit="người"),
            Field("addicts_this_year", "Số người nghiện ma túy hiện nay", unit="người"),
            Field("new_or_relapsed_addicts", "Số người nghiện mới hoặc tái nghiện trong năm", unit="người",
                  help="Người đang sinh sống (thường trú và tạm trú) tại địa phương"),
            Field("drug_plant_cases", "Số vụ trồng, tái trồng cây có chứa chất ma túy", unit="vụ"),
        ),
        check=rules.check_19,
        note="Mức giảm tính theo số người nghiện năm trước: trên 10 người phải giảm ít nhất 20%; từ 10 người trở "
             "xuống phải giảm ít nhất 02 người (hoặc không còn người nghiện).",
    ),
    Criterion(
        number=20,
        group="antt",
        text=(
            "Tuyên truyền, vận động các cơ quan, đơn vị, hộ gia đình thực hiện nghiêm các quy định về phòng "
            "cháy, chữa cháy. Không để xảy ra các vụ, việc cháy nổ gây hậu quả nghiêm trọng trở lên trên địa "
            "bàn (theo mức phân loại tại Hướng dẫn số 3514/C66-P1 ngày 24/7/2015) của Cục Cảnh sát PCCC và cứu "
            "nạn, cứu hộ - Bộ Công an; 100% cơ sở do UBND cấp xã quản lý về PCCC phải được lập hồ sơ quản lý, "
            "theo dõi (theo Nghị định số 136/2020/NĐ-CP của Chính phủ)."
        ),
        evidence=(
            "Kế hoạch, tài liệu tuyên truyền, vận động thực hiện các quy định về PCCC",
            "Thống kê, báo cáo các vụ cháy, nổ trên địa bàn trong năm",
            "Danh sách cơ sở thuộc diện UBND cấp xã quản lý về PCCC",
            "Hồ sơ quản lý, theo dõi về PCCC của từng cơ sở (Nghị định số 136/2020/NĐ-CP)",
        ),
        fields=(
            Field("serious_fires", "Số vụ cháy, nổ gây hậu quả nghiêm trọng trở lên", unit="vụ",
                  help="Theo mức phân loại tại Hướng dẫn số 3514/C66-P1"),
            Field("fire_premises_total", "Số cơ sở thuộc diện UBND cấp xã quản lý về PCCC", unit="cơ sở"),
            Field("fire_premises_with_records", "Số cơ sở đã được lập hồ sơ quản lý, theo dõi", unit="cơ sở"),
        ),
        check=rules.check_20,
    ),
    Criterion(
        number=21,
        group="antt",
        text=(
            "Không để xảy ra tai nạn giao thông gây hậu quả nghiêm trọng trở lên do công dân cư trú trên địa "
            "bàn gây ra. Không để xẩy ra đua xe trái phép trên địa bàn."
        ),
        evidence=(
            "Thống kê tai nạn giao thông trong năm (người gây ra, nơi cư trú, hậu quả)",
            "Báo cáo tình hình trật tự, an toàn giao thông và đua xe trái phép trên địa bàn",
        ),
        fields=(
            Field("serious_traffic_accidents", "Số vụ tai nạn giao thông nghiêm trọng trở lên do công dân cư trú "
                  "trên địa bàn gây ra", unit="vụ"),
            Field("illegal_racing_cases", "Số vụ đua xe trái phép trên địa bàn", unit="vụ"),
        ),
        check=rules.check_21,
    ),
    Criterion(
        number=22,
        group="antt",
        text=(
            "Không có các vụ, việc phức tạp về khai thác tài nguyên, khoáng sản, vi phạm môi trường, vệ sinh "
            "an toàn thực phẩm gây bức xúc trong Nhân dân hoặc báo chí phản ánh."
        ),
        evidence=(
            "Báo cáo tình hình khai thác tài nguyên, khoáng sản, môi trường, vệ sinh an toàn thực phẩm trên địa bàn",
            "Kết quả rà soát phản ánh của Nhân dân, báo chí về các lĩnh vực đó",
        ),
        fields=(
            Field("complex_resource_cases", "Số vụ, việc phức tạp (tài nguyên, khoáng sản, môi trường, vệ sinh an "
                  "toàn thực phẩm) gây bức xúc hoặc báo chí phản ánh", unit="vụ việc"),
        ),
        check=rules.check_22,
    ),
    Criterion(
        number=23,
        group="antt",
        text=(
            "Không có các vụ phạm tội về kinh tế, tham nhũng, buôn lậu, gian lận thương mại, hàng giả, hàng "
            "cấm."
        ),
        evidence=(
            "Thống kê tội phạm về kinh tế, tham nhũng, buôn lậu, gian lận thương mại, hàng giả, hàng cấm trên địa bàn",
            "Sổ tiếp nhận tin báo, tố giác tội phạm (đối chiếu)",
        ),
        fields=(
            Field("economic_crimes", "Số vụ phạm tội về kinh tế, tham nhũng, buôn lậu, gian lận thương mại, hàng "
                  "giả, hàng cấm", unit="vụ"),
        ),
        check=rules.check_23,
    ),
    Criterion(
        number=24,
        group="antt",
        text=(
            "Không để công dân cư trú trên địa bàn lợi dụng quyền khiếu nại, tố cáo để tập trung đông người "
            "gây rối ANTT, biểu tình, tuần hành; khiếu kiện vượt cấp và tiến hành các hành vi vi phạm pháp "
            "luật khác."
        ),
        evidence=(
            "Báo cáo tình hình khiếu nại, tố cáo, tập trung đông người trên địa bàn",
            "Sổ theo dõi đơn, thư và các vụ khiếu kiện đông người, vượt cấp",
        ),
        fields=(
            Field("mass_gatherings", "Số vụ công dân tập trung đông người gây rối ANTT, biểu tình, tuần hành",
                  unit="vụ"),
            Field("over_level_petitions", "Số vụ khiếu kiện vượt cấp", unit="vụ"),
        ),
        check=rules.check_24,
    ),
    Criterion(
        number=25,
        group="cong_an",
        text=(
            "Có chương trình, kế hoạch, biện pháp bảo đảm ANTT và xây dựng phong trào toàn dân bảo vệ ANTQ; tổ "
            "chức thực hiện có hiệu quả các chương trình, kế hoạch, biện pháp đó."
        ),
        evidence=(
            "Chương trình, kế hoạch, biện pháp của Công an cấp xã về bảo đảm ANTT và xây dựng phong trào toàn dân "
            "bảo vệ ANTQ",
            "Báo cáo kết quả thực hiện các chương trình, kế hoạch, biện pháp đó (6 tháng, năm)",
        ),
    ),
    Criterion(
        number=26,
        group="cong_an",
        text=(
            "Trong năm thực hiện việc kiểm tra 100% số thôn, ấp, bản, tổ dân phố, khu dân cư trên địa bàn về "
            "công tác bảo đảm ANTT và xây dựng phong trào toàn dân bảo vệ ANTQ."
        ),
        evidence=(
            "Danh sách thôn, ấp, bản, tổ dân phố, khu dân cư trên địa bàn",
            "Kế hoạch kiểm tra công tác bảo đảm ANTT và xây dựng phong trào ở các thôn, tổ dân phố, khu dân cư",
            "Biên bản, thông báo kết quả kiểm tra từng thôn, tổ dân phố, khu dân cư",
        ),
        fields=(
            Field("hamlets_total", "Số thôn, ấp, bản, tổ dân phố, khu dân cư trên địa bàn", unit="nơi"),
            Field("hamlets_inspected", "Số nơi đã được kiểm tra trong năm", unit="nơi"),
        ),
        check=rules.check_26,
    ),
    Criterion(
        number=27,
        group="cong_an",
        text=(
            "Hướng dẫn hoặc phối hợp tổ chức tập huấn chuyên môn nghiệp vụ cho lực lượng nòng cốt làm nhiệm vụ "
            "bảo vệ ANTT ở cơ sở theo quy định của pháp luật và Công an cấp trên. Trong năm hướng dẫn hoặc "
            "phối hợp tổ chức tập huấn được ít nhất 01 hoạt động."
        ),
        evidence=(
            "Kế hoạch, văn bản hướng dẫn hoặc phối hợp tổ chức tập huấn cho lực lượng nòng cốt",
            "Tài liệu, chương trình tập huấn; danh sách học viên",
            "Báo cáo kết quả tập huấn",
        ),
        fields=(Field("trainings", "Số hoạt động tập huấn đã hướng dẫn hoặc phối hợp tổ chức", unit="hoạt động"),),
        check=rules.check_27,
    ),
    Criterion(
        number=28,
        group="cong_an",
        text=(
            "Thực hiện tốt chức năng quản lý ngành nghề đầu tư, kinh doanh có điều kiện về ANTT, vũ khí, vật "
            "liệu nổ, công cụ hỗ trợ và pháo; công tác đăng ký, quản lý cư trú và hoạt động của người nước "
            "ngoài trên địa bàn; cấp, quản lý Căn cước công dân; thu thập, cập nhật bổ sung thông tin của công "
            "dân vào hệ thống cơ sở Dữ liệu quốc gia về dân cư bảo đảm “Đúng, đủ, sạch, sống”. Hướng dẫn Nhân "
            "dân thực hiện các thủ tục cải cách hành chính và Đề án phát triển ứng dụng dữ liệu về dân cư, "
            "định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022-2025, tầm nhìn 2030 "
            "(Đề án 06)."
        ),
        evidence=(
            "Hồ sơ quản lý cơ sở kinh doanh ngành nghề có điều kiện về ANTT",
            "Hồ sơ, sổ sách quản lý vũ khí, vật liệu nổ, công cụ hỗ trợ và pháo",
            "Hồ sơ đăng ký, quản lý cư trú; hồ sơ quản lý hoạt động của người nước ngoài",
            "Hồ sơ cấp, quản lý Căn cước công dân; kết quả thu thập, cập nhật dữ liệu dân cư “Đúng, đủ, sạch, sống”",
            "Báo cáo kết quả hướng dẫn Nhân dân thực hiện thủ tục hành chính và Đề án 06",
        ),
    ),
    Criterion(
        number=29,
        group="cong_an",
        text=(
            "Thực hiện tốt công tác quản lý, giám sát các hệ, loại đối tượng tại địa bàn theo chức năng, nhiệm "
            "vụ, thẩm quyền và hướng dẫn của Công an cấp trên. Đảm bảo 100% số đối tượng thuộc diện quản lý "
            "theo phân công, phân cấp có hồ sơ, danh sách cụ thể; thường xuyên cập nhật bổ sung đầy đủ thông "
            "tin các loại đối tượng vào phần mềm quản lý đối tượng. Số đối tượng đặc xá, tha tù tỷ lệ tái phạm "
            "tội hằng năm dưới 1,5%"
        ),
        evidence=(
            "Hồ sơ, danh sách các đối tượng thuộc diện quản lý theo phân công, phân cấp",
            "Dữ liệu cập nhật trên phần mềm quản lý đối tượng",
            "Danh sách người được đặc xá, tha tù về cư trú tại địa bàn và người tái phạm tội",
        ),
        fields=(
            Field("managed_total", "Số đối tượng thuộc diện quản lý theo phân công, phân cấp", unit="người"),
            Field("managed_with_records", "Số đối tượng có hồ sơ, danh sách cụ thể", unit="người"),
            Field("released_count", "Số người được đặc xá, tha tù cư trú tại địa bàn", unit="người"),
            Field("reoffended_count", "Số người trong đó tái phạm tội trong năm", unit="người"),
        ),
        check=rules.check_29,
    ),
    Criterion(
        number=30,
        group="cong_an",
        text=(
            "Tổ chức trực ban, tiếp nhận tin báo tố giác tội phạm, bảo đảm 100% tin báo, tố giác tội phạm được "
            "tiếp nhận, kiểm tra, xác minh sơ bộ và chuyển ngay cho cơ quan điều tra có thẩm quyền xử lý."
        ),
        evidence=(
            "Sổ trực ban",
            "Sổ tiếp nhận tin báo, tố giác tội phạm và kiến nghị khởi tố",
            "Văn bản chuyển tin báo, tố giác tội phạm cho cơ quan điều tra có thẩm quyền",
        ),
        fields=(
            Field("crime_reports_received", "Số tin báo, tố giác tội phạm đã tiếp nhận", unit="tin"),
            Field("crime_reports_transferred", "Số tin đã kiểm tra, xác minh sơ bộ và chuyển ngay cho cơ quan điều tra",
                  unit="tin"),
        ),
        check=rules.check_30,
    ),
    Criterion(
        number=31,
        group="cong_an",
        text=(
            "Thực hiện nghiêm điều lệnh Công an nhân dân, quy trình công tác, giữ vững lễ tiết tác phong, xây "
            "dựng hình ảnh cán bộ Công an nhân dân, tận tâm, tận tụy phục vụ Nhân dân. Có sáng kiến cải tiến "
            "thủ tục hành chính, cải tiến lề lối, phương pháp làm việc thiết thực hiệu quả vì Nhân dân phục "
            "vụ."
        ),
        evidence=(
            "Kết quả kiểm tra điều lệnh, lễ tiết tác phong của Công an cấp xã",
            "Văn bản công nhận sáng kiến cải tiến thủ tục hành chính, lề lối, phương pháp làm việc",
            "Báo cáo kết quả áp dụng sáng kiến",
        ),
        fields=(Field("initiatives", "Số sáng kiến cải tiến thủ tục hành chính, lề lối, phương pháp làm việc",
                      unit="sáng kiến"),),
        check=rules.check_31,
    ),
    Criterion(
        number=32,
        group="cong_an",
        text=(
            "Không có đơn, thư phản ánh của Nhân dân về tinh thần, thái độ và những hành vi sách nhiễu, tiêu "
            "cực của cán bộ, chiến sĩ Công an xã, phường, thị trấn khi tiếp xúc, giải quyết công việc với Nhân "
            "dân; không có cán bộ chiến sĩ vi phạm bị xử lý kỷ luật liên quan đến công tác bảo đảm ANTT."
        ),
        evidence=(
            "Sổ theo dõi đơn, thư phản ánh về cán bộ, chiến sĩ Công an cấp xã",
            "Hồ sơ xử lý kỷ luật cán bộ, chiến sĩ (nếu có)",
        ),
        fields=(
            Field("complaints_about_officers", "Số đơn, thư phản ánh về thái độ, sách nhiễu, tiêu cực của cán bộ, "
                  "chiến sĩ", unit="đơn"),
            Field("officers_disciplined", "Số cán bộ, chiến sĩ bị kỷ luật liên quan đến công tác bảo đảm ANTT",
                  unit="người"),
        ),
        check=rules.check_32,
    ),
    Criterion(
        number=33,
        group="cong_an",
        text=(
            "Có trụ sở độc lập hoặc nơi làm việc khang trang, gọn gàng, ngăn nắp; được công nhận “Đơn vị văn "
            "hóa, gương mẫu chấp hành điều lệnh Công an nhân dân”."
        ),
        evidence=(
            "Trụ sở hoặc nơi làm việc (đoàn xem trực tiếp)",
            "Quyết định công nhận “Đơn vị văn hóa, gương mẫu chấp hành điều lệnh Công an nhân dân”",
        ),
        fields=(
            Field("office_adequate", "Trụ sở độc lập hoặc nơi làm việc khang trang, gọn gàng, ngăn nắp", "yesno"),
            Field("cultural_unit_recognised", "Đã được công nhận “Đơn vị văn hóa, gương mẫu chấp hành điều lệnh "
                  "Công an nhân dân”", "yesno"),
        ),
        check=rules.check_33,
    ),
    Criterion(
        number=34,
        group="cong_an",
        text=(
            "Được xếp loại đơn vị “Hoàn thành tốt nhiệm vụ” trở lên; chi bộ Công an xã, phường, thị trấn được "
            "xếp loại “Hoàn thành tốt nhiệm vụ” trở lên. 100% cán bộ, chiến sĩ được xếp loại cán bộ “Hoàn "
            "thành tốt nhiệm vụ” trở lên./."
        ),
        evidence=(
            "Quyết định, thông báo xếp loại Công an cấp xã",
            "Kết quả xếp loại chi bộ Công an cấp xã",
            "Kết quả xếp loại cán bộ, chiến sĩ",
        ),
        fields=(
            Field("unit_rating", "Xếp loại đơn vị", "choice", choices=TASK_RATINGS),
            Field("party_cell_rating", "Xếp loại chi bộ", "choice", choices=TASK_RATINGS),
            Field("officers_total", "Số cán bộ, chiến sĩ", unit="người"),
            Field("officers_rated_good", "Số cán bộ, chiến sĩ xếp loại “Hoàn thành tốt nhiệm vụ” trở lên",
                  unit="người"),
        ),
        check=rules.check_34,
    ),
)
