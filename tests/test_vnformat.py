from antq_tui.folding import fold
from antq_tui.vnformat import format_number, format_percent, percent_change
import unicodedata


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
