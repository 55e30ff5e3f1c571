"""Bundles (.antq): carry inspections to another laptop on a USB stick, and take them in.

Export: the inspection selected on home, or a year's, or all, into a folder (the data folder's
``goi/`` unless the user types another, e.g. a USB mount) or a named ``.antq`` file. Import: a file
by path, first a dry run shown as a list (new, unchanged, brought forward, conflicts kept side by
side), then, when confirmed, the import itself. Everything runs in thread workers, each with its
own store; a refused bundle (damaged, cut short, foreign, from a newer antq, a full disk) is shown
in a dialog and the database stays as it was. :mod:`antq_tui.exchange` does the work, as for the CLI.
"""

from __future__ import annotations

import datetime as dt
import glob
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Header, Input, Select

from ...folding import fold
from ...inspection import STATUS_FINALIZED
from ...vnformat import format_date, format_number
from ..widgets.footer import AntqFooter
from ..widgets.plain import Label, Static, plain
from .base import AntqScreen

SUFFIX = ".antq"
#: the folder under the workspace's data folder where bundles go unless the user types another
BUNDLE_FOLDER = "goi"

#: the order and the Vietnamese headings of the dry run's list (the keys are the merge's actions)
PLAN_HEADINGS = [
    ("new", "Thêm mới"),
    ("updated", "Cập nhật (bản ở máy này chưa sửa gì thêm)"),
    ("exports", "Thêm biên bản đã xuất"),
    ("conflict", "Xung đột: giữ cả hai bản cạnh nhau, bản nhận về lưu thành bản sao"),
    ("unchanged", "Đã có, không đổi"),
]
_CONFLICT_REASONS = {
    "both_changed": "cả hai bên cùng sửa bản nháp",
    "finalized_differs": "bản ở đây đã hoàn thành, bản nhận về khác",
}


@dataclass(frozen=True)
class Selected:
    """The inspection selected on home when the screen was opened."""

    id: str
    unit: str
    year: int


def human_size(size: int) -> str:
    """``1234567 → "1,2 MB"``, ``35000 → "35 kB"``."""
    if size >= 1_000_000:
        return f"{format_number(size / 1e6, 1)} MB"
    if size >= 1000:
        return f"{format_number(size / 1e3, 0)} kB"
    return f"{size} byte"


def slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split()) or "antq"


def bundle_target(typed: str, default_folder: Path, name: str) -> Path:
    """Where to write: a typed ``….antq`` is the file itself, anything else a folder (``name`` in it).

    A name already taken gets ``-2``, ``-3``… so that an earlier bundle on the stick is never replaced.
    """
    text = typed.strip().strip('"')
    path = Path(text).expanduser() if text else default_folder
    if path.suffix.lower() != SUFFIX:
        path = path / name
    if not path.exists():
        return path
    n = 2
    while (candidate := path.with_name(f"{path.stem}-{n}{path.suffix}")).exists():
        n += 1
    return candidate


def signer_line(result: Any) -> str:
    """Who signed the bundle and whether it was encrypted, as the import report says it."""
    from ...exchange.outcomes import SIGNER_LABELS

    label = SIGNER_LABELS.get(result.signer_status, result.signer_status)
    return (f"Chữ ký: khóa {result.signer} ({label}); "
            + ("gói được mã hóa cho máy này." if result.encrypted else "gói không mã hóa."))


def plan_text(result: Any) -> Text:
    """The dry run (or the import) as a readable Vietnamese list, grouped by what happens."""
    text = Text()
    created = (result.created_at or "")[:10]
    try:
        when = format_date(dt.date.fromisoformat(created))
    except ValueError:
        when = "?"
    text.append(f"Gói {result.bundle.name}", style="bold")
    text.append(f", xuất ngày {when} bởi {result.created_by or '?'} (máy {result.source[:8]}).\n")
    text.append(signer_line(result) + "\n", style="bold yellow" if result.signer_status == "unknown" else "dim")
    colors = {"new": "green", "updated": "green", "exports": "green", "conflict": "yellow", "unchanged": "dim"}
    for action, heading in PLAN_HEADINGS:
        found = [o for o in result.inspections if o.action == action]
        if not found:
            continue
        text.append(f"\n{heading} ({len(found)}):\n", style=f"bold {colors[action]}")
        for o in found:
            finalized = " (đã hoàn thành)" if o.status == STATUS_FINALIZED else ""
            text.append(f"  • {o.unit} năm {o.year}{finalized}\n")
            if action == "conflict":
                reason = _CONFLICT_REASONS.get(o.reason, o.reason)
                text.append(f"    {reason}; bản ở đây giữ nguyên, bản nhận về thành bản sao mới.\n", style="yellow")
    matched = [u for u in result.units if u.action == "matched"]
    if matched:
        text.append("\nĐơn vị dùng chung (trùng tên, loại và địa bàn):\n", style="bold")
        for u in matched:
            text.append(f"  • {u.name}\n")
    added = result.added
    if result.changed:
        text.append(f"\n{'Sẽ ghi' if result.dry_run else 'Đã ghi'}: {added.get('units', 0)} đơn vị mới, "
                    f"{added.get('answers', 0)} câu trả lời, {added.get('audit', 0)} dòng nhật ký, "
                    f"{added.get('attachments', 0)} tệp đính kèm, {added.get('exports', 0)} biên bản đã xuất.")
    else:
        text.append("\nKhông có gì mới: cơ sở dữ liệu giữ nguyên.", style="bold")
    for line in getattr(result, "warnings", None) or []:  # e.g. files the bundle could not carry
        text.append(f"\nLưu ý: {line}", style="yellow")
    backup = getattr(result, "backup", None)
    if backup and not result.dry_run:
        text.append(f"\nĐã sao lưu cơ sở dữ liệu: {backup}", style="dim")
    if result.conflicts:
        text.append(f"\nCó {len(result.conflicts)} xung đột: không bản nào bị ghi đè; hãy so sánh và quyết định.",
                    style="bold yellow")
    return text


def _found_bundles(folder: Path) -> list[str]:
    """``.antq`` files in the bundle folder and at the top of mounted USB sticks (for the suggester)."""
    patterns = [str(folder / f"*{SUFFIX}")]
    patterns += [f"{base}/*/*{SUFFIX}" for base in ("/media/*", "/run/media/*", "/mnt")]
    patterns += [f"{base}/*{SUFFIX}" for base in ("/media/*", "/mnt", "/Volumes/*")]
    found: list[str] = []
    for pattern in patterns:
        try:
            found += glob.glob(pattern)
        except OSError:
            continue
    return sorted(set(found), key=lambda p: Path(p).stat().st_mtime if Path(p).exists() else 0, reverse=True)


class BundleScreen(AntqScreen):
    CSS_PATH = "bundle.tcss"
    TITLE_VI = "Gói dữ liệu (.antq): chuyển sang máy khác"
    HELP = ("Xuất: chọn cuộc kiểm tra đang chọn, cả một năm hoặc tất cả; gõ thư mục (ví dụ ổ USB) hoặc tên tệp "
            ".antq rồi Ctrl+S. Nhập: gõ đường dẫn tệp .antq rồi Enter: antq kiểm tra gói và cho xem trước sẽ thêm, "
            "cập nhật hay giữ cả hai bản khi xung đột; đồng ý mới ghi. Gói hỏng, bị sửa, chưa ký hoặc của bản antq "
            "mới hơn bị từ chối, dữ liệu giữ nguyên; gói ký bằng khóa lạ thì antq hỏi có tin cậy khóa đó không "
            "(hãy đối chiếu dấu vân tay với người gửi). Mã hóa: ghi tệp khóa công khai của văn phòng vào ô "
            "“Mã hóa cho”.")
    BINDINGS = [
        Binding("ctrl+s", "export", "Xuất gói", id="bundle.export", tooltip="Ghi gói .antq theo phạm vi đã chọn"),
        Binding("ctrl+o", "preview", "Nhập gói", id="bundle.import",
                tooltip="Kiểm tra tệp .antq, xem trước, đồng ý thì nhập"),
        Binding("escape", "back", "Về", id="bundle.back", tooltip="Về màn hình chính"),
    ]

    def __init__(self, selected: Selected | None = None, *, years: list[int] | None = None,
                 year: int | None = None) -> None:
        super().__init__()
        self.selected = selected
        self.years = sorted(set(years or []), reverse=True)
        self.year = year
        self.busy = False
        self.last_result: Any = None  # the last export or import, for the tests and the report

    @property
    def folder(self) -> Path:
        return self.antq.workspace.data_dir / BUNDLE_FOLDER

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="bundle"):
            yield Static("Xuất gói — mang sang máy khác (chép vào USB)", classes="section-title first")
            with Horizontal(classes="row"):
                yield Label("Xuất", classes="label")
                yield Select(self._scopes(), value=self._default_scope(), allow_blank=False, compact=True,
                             id="scope")
            with Horizontal(classes="row"):
                yield Label("Vào", classes="label")
                yield Input(placeholder=f"{self.folder}  (hoặc /media/usb, E:\\ …)", compact=True, id="out")
            with Horizontal(classes="row"):
                yield Label("Mã hóa cho", classes="label")
                yield Input(placeholder="tệp khóa công khai của văn phòng (.pub); để trống: không mã hóa",
                            compact=True, id="to")
            yield Static("Ctrl+S: xuất. Để trống: thư mục mặc định; gõ tên ….antq để đặt tên tệp. Gói luôn có "
                         "chữ ký của máy này; không ghi khóa văn phòng thì gói không mã hóa.", classes="hint")
            yield Static("Nhập gói — từ máy khác", classes="section-title")
            with Horizontal(classes="row"):
                yield Label("Tệp .antq", classes="label")
                yield Input(placeholder="đường dẫn tệp, ví dụ /media/usb/bac-yen-2023.antq", compact=True, id="in")
            yield Static("Enter (hoặc Ctrl+O): kiểm tra và xem trước; chưa ghi gì cho đến khi đồng ý.",
                         classes="hint")
            yield Static("", id="report", classes="-empty")
        yield AntqFooter()

    def _scopes(self) -> list[tuple[Text | str, str]]:
        options = []
        if self.selected is not None:
            options.append((plain(f"Cuộc kiểm tra đang chọn: {self.selected.unit} năm {self.selected.year}"), "one"))
        options += [(f"Tất cả cuộc kiểm tra năm {y}", f"year:{y}") for y in self.years]
        options.append(("Tất cả cuộc kiểm tra", "all"))
        return options

    def _default_scope(self) -> str:
        if self.year is not None and self.year in self.years:
            return f"year:{self.year}"
        return "one" if self.selected is not None else "all"

    def on_mount(self) -> None:
        self.title = "Gói dữ liệu .antq"
        self.sub_title = "Xuất và nhập giữa các máy"
        self.query_one("#scope").focus()
        self.run_worker(self._suggest_files, name="bundle-files", group="bundle-files", thread=True,
                        exit_on_error=False)

    def _suggest_files(self) -> None:
        found = _found_bundles(self.folder)
        if found:
            self.app.call_from_thread(self._set_suggestions, found)

    def _set_suggestions(self, found: list[str]) -> None:
        self.query_one("#in", Input).suggester = SuggestFromList(found, case_sensitive=False)

    def report(self, text: Text | str, *, error: bool = False) -> None:
        widget = self.query_one("#report", Static)
        widget.set_class(error, "-error")
        widget.remove_class("-empty")
        widget.update(text)

    # -- export -----------------------------------------------------------------------------------

    def _file_name(self, scope: str) -> str:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        if scope == "one" and self.selected is not None:
            return f"{slug(self.selected.unit)}-{self.selected.year}-{stamp}{SUFFIX}"
        district = slug(self.antq.workspace.config.district or "antq")
        what = scope[5:] if scope.startswith("year:") else "tat-ca"
        return f"{district}-{what}-{stamp}{SUFFIX}"

    def action_export(self) -> None:
        if self.busy:
            self.notify("Đang làm việc khác với gói, chờ chút.", severity="warning")
            return
        scope = str(self.query_one("#scope", Select).value)
        out = bundle_target(self.query_one("#out", Input).value, self.folder, self._file_name(scope))
        ids = [self.selected.id] if scope == "one" and self.selected is not None else []
        to = self.query_one("#to", Input).value.strip().strip('"') or None
        year = int(scope[5:]) if scope.startswith("year:") else None
        self.busy = True
        self.report(f"Đang xuất gói vào {out}…")
        app = self.antq

        def work() -> None:
            try:
                from ...services import exchange

                out.parent.mkdir(parents=True, exist_ok=True)
                with app.session.thread_context() as ctx:  # this thread's own store
                    result = exchange.export_bundle(ctx, out, inspection_ids=ids, year=year, to=to)
            except Exception as exc:  # refused or failed: a dialog, never a traceback
                app.call_from_thread(self._failed, "Không xuất được gói", _message(exc, out))
                return
            app.call_from_thread(self._exported, result)

        self.run_worker(work, name="bundle-export", group="bundle", thread=True, exclusive=True,
                        exit_on_error=False)

    def _exported(self, result: Any) -> None:
        self.busy = False
        self.last_result = result
        c = result.counts
        text = Text()
        text.append("Đã xuất gói\n", style="bold green")
        text.append(f"{result.path}\n", style="bold")
        text.append(f"Dung lượng {human_size(result.size)} · {c.get('inspections', 0)} cuộc kiểm tra, "
                    f"{c.get('answers', 0)} câu trả lời, {c.get('audit', 0)} dòng nhật ký, "
                    f"{c.get('attachments', 0)} tệp đính kèm, {c.get('exports', 0)} biên bản đã xuất.\n")
        text.append(f"Mã kiểm tra sha256: {result.sha256[:16]}…\n", style="dim")
        text.append(f"Đã ký bằng khóa của máy này: {result.signer}.\n")
        if result.encrypted_to:
            text.append(f"Gói được mã hóa cho khóa {result.encrypted_to}.\n")
        else:
            text.append("Gói KHÔNG mã hóa: ai có tệp cũng đọc được (mã hóa: antq bundle export --to KHÓA).\n",
                        style="yellow")
        for line in result.warnings:
            text.append(f"Lưu ý: {line}\n", style="yellow")
        text.append("Chép tệp này sang máy kia rồi nhập ở màn hình Gói (b).", style="dim")
        self.report(text)
        self.notify(f"Đã xuất {result.path.name} ({human_size(result.size)}).", title="Đã xuất gói")

    # -- import -----------------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "in":
            self.action_preview()
        elif event.input.id in ("out", "to"):
            self.action_export()

    def _import_path(self) -> Path | None:
        text = self.query_one("#in", Input).value.strip().strip('"')
        if not text:
            self.report("⚠ Gõ đường dẫn tệp .antq cần nhập (ô “Tệp .antq”).", error=True)
            self.query_one("#in").focus()
            return None
        return Path(text).expanduser()

    def action_preview(self) -> None:
        if self.busy:
            self.notify("Đang làm việc khác với gói, chờ chút.", severity="warning")
            return
        path = self._import_path()
        if path is None:
            return
        self.busy = True
        self.report(f"Đang kiểm tra gói {path.name}…")
        self._run_import(path, dry_run=True)

    def _run_import(self, path: Path, *, dry_run: bool, trust_signer: bool = False) -> None:
        app = self.antq

        def work() -> None:
            try:
                from ...services import exchange

                if dry_run:  # the database stays byte for byte as it was
                    result = exchange.plan_import(app.workspace, path)
                else:
                    with app.session.thread_context() as ctx:  # this thread's own store
                        result = exchange.import_bundle(ctx, path, trust_signer=trust_signer)
            except Exception as exc:  # refused: a dialog, never a traceback; nothing was written
                title = "Gói bị từ chối" if dry_run else "Không nhập được gói"
                app.call_from_thread(self._failed, title, _message(exc, path))
                return
            app.call_from_thread(self._planned if dry_run else self._imported, result)

        self.run_worker(work, name="bundle-import", group="bundle", thread=True, exclusive=True,
                        exit_on_error=False)

    def _planned(self, result: Any) -> None:
        self.busy = False
        self.last_result = result
        text = plan_text(result)
        self.report(Text.assemble(("Xem trước (chưa ghi gì)\n", "bold"), text))
        if not result.changed:
            from .dialogs import MessageDialog

            self.app.push_screen(MessageDialog("Không có gì mới", text.plain))
            return
        from .dialogs import ConfirmDialog

        question = text.plain + "\n\nNhập gói này vào cơ sở dữ liệu?"
        unknown = result.signer_status == "unknown"

        def answered(yes: bool | None) -> None:
            if yes:
                self._confirmed(result.bundle, trust_signer=unknown)
            else:
                self.report(Text.assemble(("Chưa nhập (đã hủy). Xem trước:\n", "bold"), text))

        def trusted(yes: bool | None) -> None:
            if yes:
                self.app.push_screen(ConfirmDialog(question, yes="Nhập", no="Không", title="Xem trước khi nhập"),
                                     answered)
            else:
                self.report(Text.assemble(("Chưa nhập: khóa ký chưa được tin cậy.\n", "bold"), text))

        if unknown:
            self.app.push_screen(ConfirmDialog(
                f"Gói được ký bởi khóa chưa được tin cậy.\n\nDấu vân tay: {result.signer}\n"
                f"(máy {result.source[:8]}, {result.created_by or '?'})\n\n"
                "Gọi điện hỏi người gửi dấu vân tay của họ (antq keys show). Chỉ tin cậy khi trùng khớp.\n"
                "Tin cậy khóa này?", yes="Tin cậy", no="Không", title="Khóa ký lạ"), trusted)
            return
        self.app.push_screen(ConfirmDialog(question, yes="Nhập", no="Không", title="Xem trước khi nhập"), answered)

    def _confirmed(self, path: Path, *, trust_signer: bool = False) -> None:
        self.busy = True
        self.report(f"Đang nhập gói {path.name}…")
        self.run_worker(self._import_after_saves(path, trust_signer), name="bundle-wait", group="bundle-wait",
                        exit_on_error=False)

    async def _import_after_saves(self, path: Path, trust_signer: bool = False) -> None:
        await self.antq.wait_saved()  # what was typed goes in first
        self._run_import(path, dry_run=False, trust_signer=trust_signer)

    def _imported(self, result: Any) -> None:
        self.busy = False
        self.last_result = result
        self.report(Text.assemble(("Đã nhập\n", "bold green"), plan_text(result)))
        conflicts = len(result.conflicts)
        self.notify("Đã nhập gói." + (f" {conflicts} xung đột được giữ cả hai bản." if conflicts else ""),
                    title="Đã nhập", severity="warning" if conflicts else "information")

    def _failed(self, title: str, message: str) -> None:
        self.busy = False
        self.report(f"⚠ {title}: {message}", error=True)
        self.antq.show_error(title, message)

    def action_back(self) -> None:
        self.app.pop_screen()  # home reloads its list when it comes back


def _message(exc: BaseException, path: Path) -> str:
    """The exchange's own Vietnamese message, or a plain one for an unexpected failure."""
    from ...services import ServiceError
    from ...storage.errors import StorageError

    if isinstance(exc, StorageError | ServiceError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"{path}: {exc.strerror or exc}. Chưa có gì thay đổi."
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
