"""Vietnamese names for Textual's own key bindings (the cursor keys of a table, an input's Ctrl+K…).

Textual's widgets describe their bindings in English, and the help screen (F1), the footer and the
command palette show those descriptions. :func:`translate_textual` replaces them, once, at start, in
every Textual class loaded so far that declares bindings, and in every one loaded afterwards (a hook
on class creation: importing all of Textual's widgets up front cost 0.2 s of every start, issue 19).
The table below is keyed by Textual's English text, so a widget antq starts using later is
translated too, and ``tests/test_tui_vietnamese.py`` fails when a
new Textual release brings a description this table does not know.
"""

from __future__ import annotations

import dataclasses

from textual.binding import Binding
from textual.dom import DOMNode

#: Textual's English description (or tooltip) → what antq shows
DESCRIPTIONS: dict[str, str] = {
    # scrolling containers (ScrollableContainer, VerticalScroll…)
    "Scroll Up": "Cuộn lên",
    "Scroll Down": "Cuộn xuống",
    "Scroll Left": "Cuộn sang trái",
    "Scroll Right": "Cuộn sang phải",
    "Scroll Home": "Về đầu",
    "Scroll End": "Về cuối",
    "Page Up": "Lên một trang",
    "Page Down": "Xuống một trang",
    "Page Left": "Sang trái một trang",
    "Page Right": "Sang phải một trang",
    # lists, tables, trees
    "Select": "Chọn",
    "Cursor up": "Lên",
    "Cursor down": "Xuống",
    "Cursor Up": "Lên",
    "Cursor Down": "Xuống",
    "Cursor left": "Sang trái",
    "Cursor right": "Sang phải",
    "Up": "Lên",
    "Down": "Xuống",
    "First": "Về dòng đầu",
    "Last": "Về dòng cuối",
    "Page up": "Lên một trang",
    "Page down": "Xuống một trang",
    "Top": "Về đầu bảng",
    "Bottom": "Về cuối bảng",
    "Home": "Về cột đầu",
    "End": "Về cột cuối",
    "Next option": "Lựa chọn sau",
    "Previous option": "Lựa chọn trước",
    "Toggle": "Bật/tắt",
    "Toggle option": "Bật/tắt lựa chọn",
    "Cursor to parent": "Lên mục cha",
    "Cursor to next ancestor": "Sang mục cha kế tiếp",
    "Cursor to previous sibling": "Mục cùng cấp trước",
    "Cursor to next sibling": "Mục cùng cấp sau",
    "Expand or collapse all": "Mở/thu gọn tất cả",
    "Toggle collapsible": "Mở/thu gọn",
    "Show menu": "Mở danh sách chọn",
    "Dismiss menu": "Đóng danh sách",
    "Press button": "Bấm nút",
    "Open link": "Mở liên kết",
    "Previous tab": "Thẻ trước",
    "Next tab": "Thẻ sau",
    # a one-line input
    "Move cursor left": "Con trỏ sang trái",
    "Move cursor left and select": "Chọn sang trái",
    "Move cursor left a word": "Con trỏ lùi một từ",
    "Move cursor left a word and select": "Chọn lùi một từ",
    "Move cursor right or accept the completion suggestion": "Con trỏ sang phải / nhận gợi ý",
    "Move cursor right and select": "Chọn sang phải",
    "Move cursor right a word": "Con trỏ tiến một từ",
    "Move cursor right a word and select": "Chọn tiến một từ",
    "Delete character left": "Xoá ký tự bên trái",
    "Delete character right": "Xoá ký tự bên phải",
    "Select all": "Chọn tất cả",
    "Go to start": "Về đầu dòng",
    "Go to end": "Về cuối dòng",
    "Select line start": "Chọn đến đầu dòng",
    "Select line end": "Chọn đến cuối dòng",
    "Submit": "Xong ô này",
    "Delete left to start of word": "Xoá từ bên trái",
    "Delete all to the left": "Xoá hết bên trái",
    "Delete right to start of word": "Xoá từ bên phải",
    "Delete all to the right": "Xoá hết bên phải",
    "Cut selected text": "Cắt phần đã chọn",
    "Copy selected text": "Chép phần đã chọn",
    "Paste text from the clipboard": "Dán",
    # a text area
    "Cursor word left": "Con trỏ lùi một từ",
    "Cursor word right": "Con trỏ tiến một từ",
    "Cursor line start": "Về đầu dòng",
    "Cursor line end": "Về cuối dòng",
    "Cursor page up": "Lên một trang",
    "Cursor page down": "Xuống một trang",
    "Cursor left word select": "Chọn lùi một từ",
    "Cursor right word select": "Chọn tiến một từ",
    "Cursor line start select": "Chọn đến đầu dòng",
    "Cursor line end select": "Chọn đến cuối dòng",
    "Cursor up select": "Chọn lên",
    "Cursor down select": "Chọn xuống",
    "Cursor left select": "Chọn sang trái",
    "Cursor right select": "Chọn sang phải",
    "Select line": "Chọn cả dòng",
    "Cut": "Cắt",
    "Copy": "Chép",
    "Paste": "Dán",
    "Delete to line start": "Xoá đến đầu dòng",
    "Delete to line end": "Xoá đến cuối dòng",
    "Delete line": "Xoá cả dòng",
    "Undo": "Hoàn tác",
    "Redo": "Làm lại",
    # every screen, the app
    "Focus Next": "Sang ô sau",
    "Focus Previous": "Về ô trước",
    "Quit": "Thoát",
    "Quit the app and return to the command prompt.": "Thoát antq",
    "palette": "Tìm lệnh",
    "Open the command palette": "Tìm lệnh theo tên",
    # the command palette itself
    "Go to bottom": "Xuống lệnh cuối",
    "Go to top": "Lên lệnh đầu",
    "Next command": "Lệnh sau",
    "Previous command": "Lệnh trước",
    "Exit the command palette": "Đóng",
    "Next page": "Trang sau",
    "Previous page": "Trang trước",
}


def _translate(binding: Binding) -> Binding:
    return dataclasses.replace(
        binding,
        description=DESCRIPTIONS.get(binding.description, binding.description),
        tooltip=DESCRIPTIONS.get(binding.tooltip, binding.tooltip),
    )


def _subclasses(cls: type) -> list[type]:
    found: list[type] = []
    todo: list[type] = [cls]
    while todo:
        subs: list[type] = todo.pop().__subclasses__()
        for sub in subs:
            if sub not in found:
                found.append(sub)
                todo.append(sub)
    return found


def textual_binding_classes() -> list[type[DOMNode]]:
    """Every Textual class (not antq's) that declares its own ``BINDINGS``, once the widgets antq uses
    are imported."""
    import textual.command
    import textual.containers  # noqa: F401
    from textual import widgets

    for name in getattr(widgets, "__all__", ()):  # the lazily loaded widgets
        getattr(widgets, name)
    return [cls for cls in [DOMNode, *_subclasses(DOMNode)]
            if cls.__module__.startswith("textual.") and cls.__dict__.get("BINDINGS")]


_done = False


def _translate_class(cls: type[DOMNode]) -> None:
    """``cls``'s own bindings, if it is a Textual class that declares some, with Vietnamese descriptions."""
    if not cls.__module__.startswith("textual.") or not cls.__dict__.get("BINDINGS"):
        return
    cls.BINDINGS = [_translate(item if isinstance(item, Binding) else Binding(*item))  # type: ignore[assignment]
                    for item in cls.__dict__["BINDINGS"]]


def _hook_class_creation() -> None:
    """Translate each Textual class made from now on before Textual merges its bindings (in
    ``DOMNode.__init_subclass__``, which every widget class goes through)."""
    original = DOMNode.__dict__["__init_subclass__"].__func__

    def __init_subclass__(cls: type[DOMNode], **kwargs: bool) -> None:
        _translate_class(cls)
        original(cls, **kwargs)

    DOMNode.__init_subclass__ = classmethod(__init_subclass__)  # type: ignore[assignment]


def translate_textual() -> None:
    """Give Textual's own bindings Vietnamese descriptions (idempotent; call before widgets exist)."""
    global _done
    if _done:
        return
    _done = True
    _hook_class_creation()
    loaded = [DOMNode, *_subclasses(DOMNode)]
    for cls in loaded:
        _translate_class(cls)
    # the merged maps were computed when each class was made (from every base's BINDINGS): make them again
    for cls in loaded:
        cls._merged_bindings = cls._merge_bindings()
