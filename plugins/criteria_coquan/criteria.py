"""The 14 criteria of Phụ lục II, with the records to verify, the figures to type and their checks.

Texts are the decision's (see the package docstring for the typing errors fixed). Evidence items are
the records the team asks the agency, enterprise or school to show, written from the criterion's own
words; fields are the figures a check needs, with stable ids that statistics key on.
"""

from antq_tui import Criterion, Field, Group

from . import rules
from .rules import EMULATION_TITLES, EVENTS, MOVEMENT_RATINGS

GROUPS = (
    Group("lanh_dao", "Công tác lãnh đạo xây dựng phong trào toàn dân bảo vệ ANTQ"),
    Group("antt", "Công tác bảo đảm an ninh, trật tự"),
    Group("don_vi", "Cơ quan, doanh nghiệp, cơ sở giáo dục"),
)

CRITERIA = (
    Criterion(
        number=1,
        group="lanh_dao",
        text=(
            "Tổ chức quán triệt, triển khai thực hiện đầy đủ, hiệu quả các chủ trương của Đảng, chính sách "
            "pháp luật của Nhà nước, các văn bản chỉ đạo của cấp trên về công tác bảo đảm an ninh, trật tự "
            "(ANTT) và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc (ANTQ) đến các phòng, ban, tổ, đội "
            "trong cơ quan, doanh nghiệp, cơ sở giáo dục."
        ),
        evidence=(
            "Văn bản chỉ đạo của cấp trên về công tác bảo đảm ANTT và xây dựng phong trào toàn dân bảo vệ ANTQ "
            "(sổ theo dõi văn bản đến)",
            "Kế hoạch, văn bản triển khai thực hiện của cơ quan, doanh nghiệp, cơ sở giáo dục",
            "Biên bản, thông báo quán triệt đến các phòng, ban, tổ, đội",
            "Báo cáo kết quả triển khai thực hiện",
        ),
    ),
    Criterion(
        number=2,
        group="lanh_dao",
        text=(
            "Quý I hằng năm, cơ quan, doanh nghiệp, cơ sở giáo dục ban hành được chương trình, kế hoạch bảo vệ "
            "an ninh quốc gia, bảo đảm trật tự, an toàn xã hội và xây dựng phong trào toàn dân bảo vệ ANTQ; tổ "
            "chức thực hiện có hiệu quả chương trình, kế hoạch đó."
        ),
        evidence=(
            "Chương trình, kế hoạch bảo vệ an ninh quốc gia, bảo đảm trật tự, an toàn xã hội và xây dựng phong trào "
            "toàn dân bảo vệ ANTQ, ban hành trong quý I",
            "Báo cáo kết quả thực hiện chương trình, kế hoạch (6 tháng, năm)",
        ),
        fields=(Field("plan_date", "Ngày ban hành chương trình, kế hoạch", "date"),),
        check=rules.check_2,
        note="Chương trình, kế hoạch phải ban hành trong quý I của năm được kiểm tra; hiệu quả thực hiện do đoàn "
             "đánh giá.",
    ),
    Criterion(
        number=3,
        group="lanh_dao",
        text=(
            "Hằng năm tổ chức hội nghị hoặc lồng ghép với hội nghị khác về tổng kết, triển khai công tác xây "
            "dựng phong trào toàn dân bảo vệ ANTQ; sơ kết, tổng kết hoặc triển khai ít nhất 01 chuyên đề hoặc "
            "01 mô hình phong trào toàn dân bảo vệ ANTQ; trong năm có ít nhất 01 cách làm hay, đổi mới, sáng "
            "tạo về công tác xây dựng phong trào toàn dân bảo vệ ANTQ."
        ),
        evidence=(
            "Giấy mời, chương trình, báo cáo hoặc biên bản hội nghị tổng kết, triển khai công tác xây dựng phong "
            "trào toàn dân bảo vệ ANTQ (hội nghị riêng hoặc lồng ghép)",
            "Báo cáo sơ kết, tổng kết hoặc kế hoạch triển khai chuyên đề, mô hình phong trào toàn dân bảo vệ ANTQ",
            "Báo cáo, tài liệu về cách làm hay, đổi mới, sáng tạo trong năm",
        ),
        fields=(
            Field("conference_held", "Có tổ chức hội nghị (hoặc lồng ghép) tổng kết, triển khai", "yesno"),
            Field("topics_or_models", "Số chuyên đề hoặc mô hình được sơ kết, tổng kết hoặc triển khai",
                  unit="chuyên đề, mô hình"),
            Field("good_practices", "Số cách làm hay, đổi mới, sáng tạo trong năm", unit="cách làm"),
        ),
        check=rules.check_3,
    ),
    Criterion(
        number=4,
        group="lanh_dao",
        text=(
            "Tổ chức hiệu quả công tác tuyên truyền, giáo dục nâng cao nhận thức của cán bộ, công chức, viên "
            "chức, người lao động, học sinh, sinh viên về công tác bảo đảm ANTT và công tác xây dựng phong "
            "trào toàn dân bảo vệ ANTQ; Trong năm có ít nhất 01 lần tổ chức tuyên truyền, phổ biến pháp luật "
            "(về PCCC, bảo đảm ANTT, an toàn giao thông, bảo vệ bí mật nhà nước….) kết hợp nâng cao ý thức "
            "cảnh giác cho cán bộ, công chức, viên chức, người lao động, học sinh, sinh viên về âm mưu, phương "
            "thức hoạt động chống Đảng, Nhà nước của các thế lực thù địch, phản động."
        ),
        evidence=(
            "Kế hoạch tuyên truyền, giáo dục về công tác bảo đảm ANTT và xây dựng phong trào toàn dân bảo vệ ANTQ",
            "Tài liệu, báo cáo các buổi tuyên truyền, phổ biến pháp luật (PCCC, ANTT, an toàn giao thông, bảo vệ "
            "bí mật nhà nước …) cho cán bộ, công chức, viên chức, người lao động, học sinh, sinh viên",
            "Danh sách, hình ảnh người tham dự",
        ),
        fields=(
            Field("law_sessions", "Số lần tuyên truyền, phổ biến pháp luật kết hợp nâng cao ý thức cảnh giác "
                  "trong năm", unit="lần"),
        ),
        check=rules.check_4,
    ),
    Criterion(
        number=5,
        group="lanh_dao",
        text=(
            "Hằng năm, tổ chức được các hoạt động: “Tháng hành động phòng, chống ma túy” (tháng 6); “Ngày toàn "
            "dân phòng, chống ma túy” (ngày 26/6); “Ngày môi trường thế giới” (ngày 5/6); “Ngày phòng, chống "
            "mua bán người” (ngày 30/07); “Tháng an toàn giao thông” (tháng 9); “Ngày hội toàn dân bảo vệ "
            "ANTQ” (ngày 19/8); “Ngày toàn dân phòng cháy, chữa cháy” (04/10) và phong trào thi đua khác do cơ "
            "quan, doanh nghiệp, cơ sở giáo dục phát động và nội dung, hình thức phù hợp, được đông đảo cán "
            "bộ, công chức, viên chức, người lao động, học sinh, sinh viên tích cực tham gia."
        ),
        evidence=(
            "Kế hoạch tổ chức từng hoạt động",
            "Báo cáo kết quả, hình ảnh từng hoạt động",
            "Văn bản phát động phong trào thi đua của cơ quan, doanh nghiệp, cơ sở giáo dục",
            "Danh sách, số lượt cán bộ, người lao động, học sinh, sinh viên tham gia",
        ),
        fields=tuple(Field(fid, f"Đã tổ chức {name}", "yesno") for fid, name in EVENTS),
        check=rules.check_5,
        note="Hàm kiểm tra chỉ xét các hoạt động đã tổ chức; mức độ tham gia do đoàn đánh giá.",
    ),
    Criterion(
        number=6,
        group="lanh_dao",
        text=(
            "Thường xuyên củng cố, kiện toàn lực lượng Bảo vệ cơ quan, doanh nghiệp, cơ sở giáo dục đáp ứng "
            "yêu cầu nhiệm vụ bảo đảm ANTT; không có cá nhân vi phạm pháp luật hoặc bị xử lý kỷ luật. 100% lực "
            "lượng bảo vệ được tập huấn, bồi dưỡng nghiệp vụ bảo vệ theo quy định."
        ),
        evidence=(
            "Quyết định thành lập, củng cố, kiện toàn lực lượng Bảo vệ; danh sách lực lượng",
            "Báo cáo rà soát vi phạm pháp luật, xử lý kỷ luật của lực lượng Bảo vệ trong năm",
            "Giấy chứng nhận, danh sách lực lượng bảo vệ được tập huấn, bồi dưỡng nghiệp vụ bảo vệ",
        ),
        fields=(
            Field("guard_violations", "Số người của lực lượng Bảo vệ vi phạm pháp luật hoặc bị xử lý kỷ luật",
                  unit="người"),
            Field("guards_total", "Số người của lực lượng bảo vệ", unit="người"),
            Field("guards_trained", "Số người đã được tập huấn, bồi dưỡng nghiệp vụ bảo vệ", unit="người"),
        ),
        check=rules.check_6,
    ),
    Criterion(
        number=7,
        group="lanh_dao",
        text=(
            "Hằng năm có ít nhất 01 lượt tập thể hoặc cá nhân được các cấp khen thưởng; có ít nhất 01 tập thể "
            "hoặc 01 cá nhân điển hình trong phong trào toàn dân bảo vệ ANTQ."
        ),
        evidence=(
            "Quyết định khen thưởng của các cấp cho tập thể, cá nhân",
            "Hồ sơ tập thể, cá nhân điển hình trong phong trào toàn dân bảo vệ ANTQ",
        ),
        fields=(
            Field("awards", "Số lượt tập thể, cá nhân được các cấp khen thưởng", unit="lượt"),
            Field("advanced_examples", "Số tập thể, cá nhân điển hình trong phong trào", unit="điển hình"),
        ),
        check=rules.check_7,
    ),
    Criterion(
        number=8,
        group="lanh_dao",
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
        number=9,
        group="antt",
        text=(
            "Không để cán bộ, công chức, viên chức, người lao động, học sinh, sinh viên lợi dụng các quyền, "
            "lợi ích hợp pháp của công dân để tuyên truyền chống Đảng, Nhà nước, kích động tập trung đông "
            "người gây rối ANTT, biểu tình, bạo loạn, khiếu kiện vượt cấp, tham gia đình công, lãn công và các "
            "hành vi vi phạm pháp luật khác."
        ),
        evidence=(
            "Báo cáo tình hình ANTT trong cơ quan, doanh nghiệp, cơ sở giáo dục",
            "Sổ theo dõi vụ việc tập trung đông người, khiếu kiện vượt cấp, đình công, lãn công (nếu có)",
        ),
        fields=(
            Field("abuse_cases", "Số vụ việc cán bộ, người lao động, học sinh, sinh viên lợi dụng quyền, lợi ích hợp "
                  "pháp của công dân để vi phạm pháp luật", unit="vụ việc",
                  help="Tuyên truyền chống Đảng, Nhà nước, tập trung đông người, biểu tình, bạo loạn, khiếu kiện vượt "
                       "cấp, đình công, lãn công …"),
        ),
        check=rules.check_9,
    ),
    Criterion(
        number=10,
        group="antt",
        text=(
            "Giải quyết đơn, thư khiếu nại tố cáo theo thẩm quyền, không để tồn đọng, phát sinh phức tạp kéo "
            "dài."
        ),
        evidence=(
            "Sổ theo dõi, thụ lý đơn, thư khiếu nại, tố cáo",
            "Văn bản giải quyết, trả lời đơn, thư thuộc thẩm quyền",
            "Báo cáo công tác giải quyết khiếu nại, tố cáo",
        ),
        fields=(
            Field("backlog_complaints", "Số đơn, thư khiếu nại, tố cáo thuộc thẩm quyền còn tồn đọng", unit="đơn"),
            Field("protracted_cases", "Số vụ việc phát sinh phức tạp, kéo dài", unit="vụ việc"),
        ),
        check=rules.check_10,
    ),
    Criterion(
        number=11,
        group="don_vi",
        text=(
            "Nội bộ đoàn kết, thống nhất, chấp hành nghiêm các quy định của pháp luật, kỷ cương, kỷ luật; "
            "không có cán bộ, công chức, viên chức, công nhân, người lao động, học sinh, sinh viên vi phạm "
            "pháp luật hoặc bị xử lý kỷ luật; không làm lộ, mất bí mật nhà nước. Không có cán bộ đảng viên vi "
            "phạm 27 biểu hiện “tự diễn biến”, “tự chuyển hóa” (đối với nơi có tổ chức Đảng)."
        ),
        evidence=(
            "Báo cáo rà soát cán bộ, công chức, viên chức, công nhân, người lao động, học sinh, sinh viên vi phạm "
            "pháp luật, bị xử lý kỷ luật trong năm",
            "Hồ sơ công tác bảo vệ bí mật nhà nước",
            "Báo cáo kiểm điểm đảng viên về 27 biểu hiện “tự diễn biến”, “tự chuyển hóa” (nơi có tổ chức Đảng)",
            "Quy chế làm việc, quy chế dân chủ ở cơ sở",
        ),
        fields=(
            Field("united", "Nội bộ đoàn kết, thống nhất", "yesno"),
            Field("members_violations", "Số người vi phạm pháp luật hoặc bị xử lý kỷ luật", unit="người"),
            Field("state_secret_leaks", "Số vụ làm lộ, mất bí mật nhà nước", unit="vụ"),
            Field("self_evolution_members", "Số đảng viên vi phạm 27 biểu hiện “tự diễn biến”, “tự chuyển hóa”",
                  unit="người", help="Nơi không có tổ chức Đảng: nhập 0"),
        ),
        check=rules.check_11,
    ),
    Criterion(
        number=12,
        group="don_vi",
        text=(
            "Hoàn thành vượt mức chỉ tiêu, nhiệm vụ, hoạt động sản xuất kinh doanh theo kế hoạch đề ra; hoàn "
            "thành nghĩa vụ nộp thuế (đối với doanh nghiệp); không nợ lương, nợ bảo hiểm; thực hiện đầy đủ chế "
            "độ, chính sách đối với cán bộ, công chức, viên chức, công nhân, người lao động, học sinh, sinh "
            "viên."
        ),
        evidence=(
            "Báo cáo tổng kết năm: kết quả thực hiện chỉ tiêu, nhiệm vụ, kế hoạch sản xuất kinh doanh",
            "Chứng từ, xác nhận hoàn thành nghĩa vụ nộp thuế (đối với doanh nghiệp)",
            "Bảng lương; chứng từ đóng bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp",
            "Hồ sơ thực hiện chế độ, chính sách đối với cán bộ, người lao động, học sinh, sinh viên",
        ),
        fields=(
            Field("targets_exceeded", "Hoàn thành vượt mức chỉ tiêu, nhiệm vụ, kế hoạch", "yesno"),
            Field("taxes_paid", "Hoàn thành nghĩa vụ nộp thuế", "yesno", required=False,
                  help="Chỉ với doanh nghiệp; cơ quan, cơ sở giáo dục để trống"),
            Field("wage_arrears", "Còn nợ lương", "yesno"),
            Field("insurance_arrears", "Còn nợ bảo hiểm", "yesno"),
            Field("policies_met", "Thực hiện đầy đủ chế độ, chính sách", "yesno"),
        ),
        check=rules.check_12,
    ),
    Criterion(
        number=13,
        group="don_vi",
        text=(
            "Thực hiện tốt công tác an sinh xã hội. Trong năm có ít nhất từ 02 hoạt động an sinh xã hội trở "
            "lên."
        ),
        evidence=(
            "Kế hoạch, báo cáo các hoạt động an sinh xã hội trong năm",
            "Chứng từ, biên bản trao tặng, hình ảnh từng hoạt động",
        ),
        fields=(Field("social_welfare_activities", "Số hoạt động an sinh xã hội trong năm", unit="hoạt động"),),
        check=rules.check_13,
    ),
    Criterion(
        number=14,
        group="don_vi",
        text=(
            "Tổng kết công tác năm, cơ quan, doanh nghiệp, cơ sở giáo dục đạt danh hiệu “Tập thể lao động tiên "
            "tiến” trở lên; được các cấp khen thưởng (bằng khen, giấy khen) trở lên về công tác bảo đảm ANTT "
            "và xây dựng phong trào toàn dân bảo vệ ANTQ./."
        ),
        evidence=(
            "Quyết định tặng danh hiệu “Tập thể lao động tiên tiến” trở lên",
            "Quyết định khen thưởng (bằng khen, giấy khen) của các cấp về công tác bảo đảm ANTT và xây dựng phong "
            "trào toàn dân bảo vệ ANTQ",
        ),
        fields=(
            Field("emulation_title", "Danh hiệu thi đua (tổng kết năm)", "choice", choices=EMULATION_TITLES),
            Field("antt_awards", "Số bằng khen, giấy khen về công tác bảo đảm ANTT và xây dựng phong trào",
                  unit="lượt"),
        ),
        check=rules.check_14,
    ),
)
