"""click's own messages in Vietnamese: "Usage:", "Options", "Show this message and exit.", "No such
option '--x'.", "Missing argument 'FILE'."…

click marks each of them for gettext (``from gettext import gettext as _`` in each of its modules). A
catalog bound through the ``gettext`` module would depend on the environment (``LANG``, ``LANGUAGE``)
and would change the global domain every other library shares, so :func:`install` instead gives
click's modules a ``_`` and an ``ngettext`` that read the table below: the same on every laptop,
whatever its locale, and nothing outside click is touched. ``tests/test_cli_vietnamese.py`` reads
click's source and fails when a click release marks a message the table does not know.
"""

from __future__ import annotations

import importlib

#: click's modules that translate (each has its own ``_`` and, for some, ``ngettext``)
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "shell_completion", "termui", "types",
                 "utils", "_termui_impl")

MESSAGES: dict[str, str] = {
    # help
    "Usage:": "Cách dùng:",
    "Options": "Tuỳ chọn",
    "Positional arguments": "Tham số",
    "Commands": "Lệnh",
    "Show the version and exit.": "In phiên bản rồi thoát.",
    "Show this message and exit.": "In hướng dẫn này rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "deprecated": "không còn dùng",
    "env var: {var}": "biến môi trường: {var}",
    "default: {default}": "mặc định: {default}",
    "(dynamic)": "(tính lúc chạy)",
    "Do you want to continue?": "Tiếp tục?",
    "Confirm the action without prompting.": "Đồng ý luôn, không hỏi lại.",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}":
        "Cảnh báo: lệnh {name!r} không còn dùng.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}":
        "Cảnh báo: {param_type} {name!r} không còn dùng.{extra_message}",
    # errors
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: {command} {option}",
    "Aborted!": "Đã huỷ.",
    "Missing command.": "Thiếu tên lệnh.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option {name!r}.": "Không có tuỳ chọn {name!r}.",
    "Did you mean {possibility}?": "Ý bạn là {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Ý bạn là một trong: {possibilities}?)",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tuỳ chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing {param_type}": "Thiếu {param_type}",
    "unknown error": "lỗi không rõ",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "Value must be an iterable.": "Giá trị cần là một danh sách.",
    "Got unexpected extra argument ({args})": "Thừa tham số ({args})",
    "Got unexpected extra arguments ({args})": "Thừa các tham số ({args})",
    "Takes {nargs} values but 1 was given.": "Cần {nargs} giá trị nhưng chỉ có 1.",
    "Takes {nargs} values but {len} were given.": "Cần {nargs} giá trị nhưng có {len}.",
    "Invalid start character for option ({option})": "Tuỳ chọn bắt đầu bằng ký tự không hợp lệ ({option})",
    "Option {name!r} does not take a value.": "Tuỳ chọn {name!r} không nhận giá trị.",
    "Option {name!r} requires an argument.": "Tuỳ chọn {name!r} cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "Tuỳ chọn {name!r} cần {nargs} giá trị.",
    "Argument {name!r} takes {nargs} values.": "Tham số {name!r} nhận {nargs} giá trị.",
    # the mark after a required option's help (click passes a variable to gettext: not found by a scan)
    "required": "bắt buộc",
    # values
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "{value!r} is not {choice}.": "{value!r} không phải {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} không thuộc {choices}.",
    "Choice({choices})": "Một trong ({choices})",
    "{value!r} does not match the format {format}.": "{value!r} không đúng dạng {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} không đúng dạng nào trong {formats}.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} không phải giá trị có/không. Nhận: {states}",
    "{len_type} values are required, but {len_value} was given.": "Cần {len_type} giá trị nhưng có {len_value}.",
    "{len_type} values are required, but {len_value} were given.": "Cần {len_type} giá trị nhưng có {len_value}.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải {number_type} hợp lệ.",
    "{value!r} is not a valid UUID.": "{value!r} không phải UUID hợp lệ.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục.",
    "{name} {filename!r} is not readable.": "Không đọc được {name} {filename!r}.",
    "{name} {filename!r} is not writable.": "Không ghi được vào {name} {filename!r}.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} không chạy được.",
    "{name} {filename!r} does not exist.": "Không có {name} {filename!r}.",
    # prompts and the rest
    "Press any key to continue...": "Bấm phím bất kỳ để tiếp tục…",
    "d": " ngày",  # a progress bar's "2d 03:04:05"
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Error: The two entered values do not match.": "Lỗi: hai lần nhập không khớp nhau.",
    "Error: invalid input": "Lỗi: giá trị không hợp lệ",
    "Unknown color {colour!r}": "Không biết màu {colour!r}",
    "{editor}: Editing failed": "{editor}: sửa không được",
    "{editor}: Editing failed: {e}": "{editor}: sửa không được: {e}",
    "Windows error: {error}": "Lỗi Windows: {error}",
    "Unknown standard stream '{name}'": "Không có luồng chuẩn '{name}'",
    "Couldn't detect Bash version, shell completion is not supported.":
        "Không xác định được phiên bản Bash; không hỗ trợ gợi ý lệnh.",
    "Shell completion is not supported for Bash versions older than 4.4.":
        "Gợi ý lệnh cần Bash 4.4 trở lên.",
}

#: messages for a programmer who declares options wrongly: never seen by a user of antq, kept as they are
PROGRAMMER_ONLY = frozenset({
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? Did you mean "
    "to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
})


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


#: the names of click's value types, shown in help (``--year SỐ``) and in "'abc' is not a valid integer"
TYPE_NAMES = {"IntParamType": "số", "FloatParamType": "số", "StringParamType": "chữ", "BoolParamType": "có/không",
              "IntRange": "số", "FloatRange": "số"}


#: how the usage line and the messages name each argument of antq's commands (``antq export MÃ_KIỂM_TRA``);
#: an argument with its own ``metavar`` keeps it. A test fails for an argument missing here.
ARGUMENT_NAMES = {
    "inspection_id": "MÃ_KIỂM_TRA", "inspection": "MÃ_KIỂM_TRA", "number": "SỐ_TIÊU_CHÍ", "file": "TỆP",
    "bundle_file": "TỆP_GÓI", "directory": "THƯ_MỤC", "set_id": "BỘ_TIÊU_CHÍ", "check_id": "ĐIỀU_KIỆN",
    "fingerprint": "DẤU_VÂN_TAY", "key": "KHÓA", "name": "TÊN", "unit": "ĐƠN_VỊ", "item": "MỤC", "level": "CẤP",
    "recognition_id": "MÃ_CÔNG_NHẬN", "ref": "MÃ", "target": "ĐÍCH", "dir": "THƯ_MỤC", "path": "ĐƯỜNG_DẪN",
    "year": "NĂM", "plugin": "PLUGIN",
}


def _vietnamese_arguments() -> None:
    """Give each click Argument without a metavar its Vietnamese name (brackets when optional)."""
    import click

    if getattr(click.Argument, "_antq_vi", False):
        return
    original = click.Argument.__init__

    def init(self: click.Argument, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        if self.metavar is None and self.name in ARGUMENT_NAMES:
            name = ARGUMENT_NAMES[self.name]
            name = name if self.required else f"[{name}]"
            self.metavar = name + ("..." if self.nargs != 1 else "")

    click.Argument.__init__ = init  # type: ignore[method-assign]
    click.Argument._antq_vi = True  # type: ignore[attr-defined]


def install() -> None:
    """Make click speak Vietnamese in this process (idempotent)."""
    import click.types

    _vietnamese_arguments()
    for cls_name, name in TYPE_NAMES.items():
        getattr(click.types, cls_name).name = name
    for name in CLICK_MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # _winconsole and the like, on another platform
            continue
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
