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
