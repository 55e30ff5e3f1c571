"""Evidence files of one criterion: the files attached (Enter opens one) and a path field to attach another.

The path field completes as you type (→ or Tab takes the grey suggestion), and the folder tree below
it picks a file with the arrows and Enter. The file is attached to the whole criterion or to one of
its evidence records (the record focused in the walk is chosen already). A finalized inspection's
files are listed and opened, never added to. Everything is decided by
:mod:`antq_tui.services.attachments` through the session.
"""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.suggester import Suggester
from textual.widgets import DirectoryTree, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from ...folding import fold
from ...inspection import Inspection
from ..widgets.footer import AntqFooter
from .base import AntqScreen

#: the choice "the criterion as a whole" in the list of what a new file documents
WHOLE = "whole"


def complete_path(value: str) -> str | None:
    """``value`` completed with the first entry of its folder whose name starts with what follows
    the last ``/`` (case and marks ignored; folders end in ``/``; hidden entries only after a ``.``)."""
    if not value:
        return None
    expanded = Path(os.path.expanduser(value))
    if value.endswith(("/", os.sep)):
        folder, prefix = expanded, ""
    else:
        folder, prefix = expanded.parent, expanded.name
    try:
        entries = sorted(folder.iterdir(), key=lambda p: (fold(p.name), p.name))
    except OSError:
        return None
    wanted = fold(prefix)
    for entry in entries:
        if entry.name.startswith(".") and not prefix.startswith("."):
            continue
        if fold(entry.name).startswith(wanted) and entry.name != prefix:
            try:
                tail = "/" if entry.is_dir() else ""
            except OSError:
                tail = ""
            return value[: len(value) - len(prefix)] + entry.name + tail
    return None


class PathSuggester(Suggester):
    """Suggests the rest of a path from the file system (read afresh each time)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return complete_path(value)


class PathInput(Input):
    """A path field where Tab takes the suggestion (and moves on when there is none)."""

    BINDINGS = [Binding("tab", "complete", "Gợi ý", show=False, tooltip="Lấy phần gợi ý của đường dẫn")]

    def action_complete(self) -> None:
        suggestion = self._suggestion
        if suggestion and suggestion != self.value:
            self.value = suggestion
            self.cursor_position = len(suggestion)
        else:
            self.screen.focus_next()


class FileTree(DirectoryTree):
    """The folder tree, with hidden entries left out and its keys named in Vietnamese (help, palette)."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Chọn", show=False, tooltip="Chọn tệp (điền vào ô đường dẫn) / mở thư mục"),
        Binding("space", "toggle_node", "Mở/đóng thư mục", show=False),
        Binding("shift+space", "toggle_expand_all", "Mở/đóng tất cả", show=False),
        Binding("up", "cursor_up", "Lên", show=False),
        Binding("down", "cursor_down", "Xuống", show=False),
        Binding("shift+left", "cursor_parent", "Về thư mục cha", show=False),
        Binding("shift+right", "cursor_parent_next_sibling", "Thư mục kế tiếp của thư mục cha", show=False),
        Binding("shift+up", "cursor_previous_sibling", "Mục trước cùng cấp", show=False),
        Binding("shift+down", "cursor_next_sibling", "Mục sau cùng cấp", show=False),
    ]

    def filter_paths(self, paths):
        return [p for p in paths if not p.name.startswith(".")]


class AttachScreen(AntqScreen):
    """Files of criterion ``number``; dismissed with True when a file was attached."""

    CSS_PATH = "attach.tcss"
    TITLE_VI = "Tệp đính kèm của tiêu chí"
    HELP = ("Danh sách tệp đã đính kèm (ảnh, bản quét, PDF): Enter hoặc o để mở bằng chương trình xem tệp của "
            "máy. Để đính kèm tệp mới: chọn hồ sơ mà tệp thể hiện, gõ đường dẫn (→ hoặc Tab lấy gợi ý) hoặc chọn "
            "tệp trong cây thư mục, rồi Enter hoặc Ctrl+S. Tệp được chép vào thư mục dữ liệu cùng mã SHA-256, "
            "đi theo gói .antq và được kê trong biên bản (Kèm theo). Tối đa 50 MB một tệp.")
    BINDINGS = [
        Binding("ctrl+s", "attach", "Đính kèm", id="attach.save", tooltip="Đính kèm tệp ở ô đường dẫn"),
        Binding("o", "open", "Mở tệp", id="attach.open", tooltip="Mở tệp đang chọn bằng chương trình xem tệp"),
        Binding("escape", "back", "Về", id="attach.back", tooltip="Về màn hình đánh giá tiêu chí"),
    ]

    def __init__(self, inspection: Inspection, number: int, evidence_index: int | None = None) -> None:
        super().__init__()
        self.inspection = inspection
        self.number = number
        self.evidence_index = evidence_index
        self.files: list = []
        self.attached_any = False

    def compose(self) -> ComposeResult:
        criterion = self.inspection.criteria.criterion(self.number)
        yield Header()
        with Vertical(id="attach"):
            yield Static(Text.assemble((f"Tiêu chí {self.number}", "bold"), " · ", criterion.text),
                         classes="a-head", markup=False)
            yield Static("Tệp đã đính kèm (Enter: mở)", classes="section-title")
            yield OptionList(id="files")
            if self.inspection.finalized:
                yield Static("Cuộc kiểm tra đã hoàn thành: chỉ xem và mở tệp, không đính kèm thêm.",
                             classes="a-readonly")
            else:
                yield Static("Tệp mới thể hiện:", classes="section-title")
                targets = [Option(f"Cả tiêu chí {self.number}", id=WHOLE)]
                targets += [Option(Text(f"Hồ sơ {i + 1}: {item}"), id=f"e{i}")
                            for i, item in enumerate(criterion.evidence)]
                yield OptionList(*targets, id="target")
                yield PathInput(placeholder="Đường dẫn tệp, ví dụ ~/Ảnh/bien_ban.jpg (→ hoặc Tab: gợi ý)",
                                suggester=PathSuggester(), id="path", select_on_focus=False, compact=True)
                yield FileTree(Path.home(), id="tree")
            yield Static("", id="message", markup=False)
        yield AntqFooter()

    def on_mount(self) -> None:
        self.title = self.inspection.unit.name
        self.sub_title = f"Tiêu chí {self.number} · tệp đính kèm"
        self._load_files()
        if not self.inspection.finalized:
            target = self.query_one("#target", OptionList)
            target.highlighted = 0 if self.evidence_index is None else self.evidence_index + 1
            self.query_one("#path", PathInput).focus()
        else:
            self.query_one("#files", OptionList).focus()

    def _load_files(self) -> None:
        try:
            self.files = self.session.attachments(self.inspection.id, self.number)
        except Exception as exc:  # a database error is shown, never a traceback
            self.say(str(exc), error=True)
            self.files = []
        files = self.query_one("#files", OptionList)
        files.clear_options()
        if self.files:
            files.add_options([Option(Text(f.line()), id=f.id) for f in self.files])
            files.highlighted = len(self.files) - 1  # the newest: the one just attached
        else:
            files.add_option(Option(Text("Chưa có tệp nào.", style="dim"), id="none", disabled=True))

    def say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#message", Static)
        message.set_class(error, "-error")
        message.update(text)

    # -- attaching --------------------------------------------------------------------------------

    def _target(self) -> int | None:
        target = self.query_one("#target", OptionList)
        if target.highlighted is None or target.highlighted == 0:
            return None
        return target.highlighted - 1

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        path = self.query_one("#path", PathInput)
        path.value = str(event.path)
        path.cursor_position = len(path.value)
        path.focus()
        self.say("Enter hoặc Ctrl+S để đính kèm tệp này.")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "path":
            self.action_attach()

    def action_attach(self) -> None:
        if self.inspection.finalized:
            self.say("Cuộc kiểm tra đã hoàn thành nên không đính kèm thêm tệp; muốn sửa phải mở lại.", error=True)
            return
        from ...services import ServiceError
        from ...storage import StorageError

        path = self.query_one("#path", PathInput)
        try:
            added = self.session.attach(self.inspection.id, self.number, path.value, self._target())
        except (ServiceError, StorageError) as exc:
            self.say(str(exc), error=True)  # the path stays as typed, to correct it
            return
        self.attached_any = True
        path.value = ""
        self._load_files()
        self.say(f"Đã đính kèm: {added.line()}.")

    # -- opening ----------------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "files":
            self._open(event.option_index)
        elif event.option_list.id == "target":
            self.query_one("#path", PathInput).focus()

    def action_open(self) -> None:
        highlighted = self.query_one("#files", OptionList).highlighted
        if highlighted is None or not self.files:
            self.say("Chọn một tệp trong danh sách để mở.", error=True)
            return
        self._open(highlighted)

    def _open(self, index: int) -> None:
        from ...services import ServiceError

        if not 0 <= index < len(self.files):
            return
        try:
            self.say(self.session.open_attachment(self.files[index]))
        except ServiceError as exc:
            self.say(str(exc), error=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "attach":
            return not self.inspection.finalized
        return not (action == "open" and isinstance(self.focused, Input))  # "o" is typed into the path

    def action_back(self) -> None:
        self.dismiss(self.attached_any)
