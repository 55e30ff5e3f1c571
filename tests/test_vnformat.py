import unicodedata

import pytest

from antq_tui.folding import fold
from antq_tui.vnformat import format_number, format_percent, percent_change


def test_numbers_use_a_decimal_comma_and_dot_thousands():
    assert format_percent(-7.142857) == "-7,1%"
    assert format_number(5.0) == "5"
    assert format_number(1234.5) == "1.234,5"
    assert format_number(1234) == "1.234"
    assert percent_change(42, 39) == -300 / 42
    assert percent_change(0, 3) is None


def test_fold_ignores_case_diacritics_and_normal_form():
    nfd = unicodedata.normalize("NFD", "Phiêng Ban")
    assert fold("PHIÊNG BAN") == fold(nfd) == fold("phieng  ban") == "phieng ban"
    assert fold("Đông Thọ") == "dong tho"


def test_folding_spells_every_character_as_anyascii_does():
    """:func:`~antq_tui.folding.to_ascii` skips anyascii for letters with marks: every character (as
    NFC, which fold normalizes to first), and strings mixing those with others, give what anyascii gives."""
    import random

    from anyascii import anyascii

    from antq_tui.folding import to_ascii

    chars = [unicodedata.normalize("NFC", chr(cp)) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF]
    assert [c for c in chars if to_ascii(c) != anyascii(c)] == []
    rng = random.Random(19)
    pool = [*"aĐđệễỗưởÅ漢ΩЖ ", "\u0301", "\u0323", "\u0363", "\u1dc0", "\U0001f600", "\u212b", "가"]
    for _ in range(3000):
        text = unicodedata.normalize("NFC", "".join(rng.choice(pool) for _ in range(rng.randint(1, 8))))
        assert to_ascii(text) == anyascii(text), text


def test_times_are_read_as_people_type_them():
    from antq_tui.vnformat import parse_time

    for typed, read in [("8:00", "08:00"), ("8h", "08:00"), ("08h30", "08:30"), ("8.30", "08:30"),
                        ("8 giờ 30", "08:30"), ("8 giờ 30 phút", "08:30"), ("8g30p", "08:30"), ("8H30", "08:30"),
                        ("23:59", "23:59"), ("  7:05 ", "07:05"), ("", ""), (None, "")]:
        assert parse_time(typed) == read, typed
    for wrong in ("8", "24:00", "8:60", "tám giờ", "8:30:00", "-1h"):
        with pytest.raises(ValueError, match="Giờ không hợp lệ"):
            parse_time(wrong)


def test_roman_numerals_number_groups():
    from antq_tui.vnformat import roman

    assert [roman(n) for n in (1, 2, 3, 4, 5, 9, 10, 14, 15, 16, 40, 90, 1994)] == [
        "I", "II", "III", "IV", "V", "IX", "X", "XIV", "XV", "XVI", "XL", "XC", "MCMXCIV"]
    assert roman(0) == "0" and roman(-2) == "-2" and roman(4000) == "4000"


def test_field_values_and_format_number_write_integers_alike():
    from antq_tui.criteria import Field

    assert Field("n", "Số vụ", unit="vụ").display(12345) == format_number(12345) + " vụ" == "12.345 vụ"


def test_fixed_decimals_keep_their_zeros_for_tables():
    assert format_number(50.0, 1, fixed=True) == "50,0"
    assert format_number(1234.56, 1, fixed=True) == "1.234,6"
    assert format_number(7.0, 2, fixed=True) == "7,00" and format_number(7.0, 2) == "7"


@pytest.mark.parametrize("text, said", [
    ("31/02/2026", "Ngày 31/02/2026 không có: tháng 2 năm 2026 có 28 ngày."),
    ("29/02/2025", "Ngày 29/02/2025 không có: tháng 2 năm 2025 có 28 ngày."),
    ("31/04/2025", "Ngày 31/04/2025 không có: tháng 4 năm 2025 có 30 ngày."),
    ("12/13/2024", "Ngày 12/13/2024 không có: tháng chỉ từ 1 đến 12."),
    ("2024-02-30", "Ngày 30/02/2024 không có: tháng 2 năm 2024 có 29 ngày."),
    ("31/2", "Ngày cần dạng dd/mm/yyyy (ví dụ 14/11/2024), không phải “31/2”."),
    ("hôm qua", "Ngày cần dạng dd/mm/yyyy (ví dụ 14/11/2024), không phải “hôm qua”."),
])
def test_a_date_in_the_right_form_that_does_not_exist_is_told_so(text, said):
    from antq_tui.vnformat import parse_date

    with pytest.raises(ValueError) as caught:
        parse_date(text)
    assert str(caught.value) == said


def test_dates_are_read_in_every_form_people_type():
    import datetime as dt

    from antq_tui.vnformat import parse_date

    for text in ("29/02/2024", "29.2.2024", "29-02-2024", "2024-02-29", " 29/02/2024 "):
        assert parse_date(text) == dt.date(2024, 2, 29)


def test_a_date_field_says_which_day_does_not_exist():
    from antq_tui.criteria import Field, FieldValueError

    with pytest.raises(FieldValueError) as caught:
        Field("ngay", "Ngày ký", type="date").parse("31/02/2026")
    assert str(caught.value) == "“Ngày ký”: Ngày 31/02/2026 không có: tháng 2 năm 2026 có 28 ngày."


TITLES = ("Tập thể lao động xuất sắc", "Tập thể lao động tiên tiến", "Không đạt danh hiệu")
TASKS = ("Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ")


@pytest.mark.parametrize("choices, typed, read", [
    (TITLES, "tiên tiến", "Tập thể lao động tiên tiến"),
    (TITLES, "tien tien", "Tập thể lao động tiên tiến"),
    (TITLES, "Xuất sắc", "Tập thể lao động xuất sắc"),
    (TITLES, "khong", "Không đạt danh hiệu"),
    (TASKS, "hoàn thành tốt", "Hoàn thành tốt nhiệm vụ"),
    (TASKS, "tốt", "Hoàn thành tốt nhiệm vụ"),
    (TASKS, "hoan thanh nhiem vu", "Hoàn thành nhiệm vụ"),  # the whole of one choice, though others contain it
    (TASKS, "khong hoan", "Không hoàn thành nhiệm vụ"),
])
def test_a_choice_is_read_from_any_of_its_words(choices, typed, read):
    from antq_tui.criteria import Field

    assert Field("x", "Danh hiệu", type="choice", choices=choices).parse(typed) == read


def test_a_choice_typed_ambiguously_is_refused_naming_the_choices_it_matches():
    from antq_tui.criteria import Field, FieldValueError

    field = Field("x", "Danh hiệu", type="choice", choices=TITLES)
    with pytest.raises(FieldValueError) as caught:
        field.parse("lao động")
    assert str(caught.value) == ("“Danh hiệu”: “lao động” khớp nhiều lựa chọn (Tập thể lao động xuất sắc; "
                                 "Tập thể lao động tiên tiến); gõ thêm cho rõ.")
    with pytest.raises(FieldValueError) as caught:
        field.parse("giỏi")
    assert "chỉ nhận: Tập thể lao động xuất sắc, Tập thể lao động tiên tiến, Không đạt danh hiệu" in str(caught.value)
