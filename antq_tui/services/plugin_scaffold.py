"""``antq plugin new NAME [DIR]``: a ready plugin package a province starts from.

The files are package data under ``antq_tui/scaffold/`` (``*.tmpl``, filled in with
:class:`string.Template`: ``${name}``, ``${display_name}``); the folder ``package/`` becomes ``NAME/``.
What is written: a ``pyproject.toml`` with the ``antq`` entry point and the templates as package data,
the plugin folder (relative imports, so it also works copied into a plugin folder), an amended and an
added criterion with their checks, a letterhead override, and tests on :mod:`antq_tui.testing`.
"""

from __future__ import annotations

import keyword
import string
from dataclasses import dataclass
from pathlib import Path

from ..files import write_atomic
from .context import ServiceError

SCAFFOLD_DIR = Path(__file__).resolve().parent.parent / "scaffold"
#: the folder of the scaffold that is renamed to the plugin's name
PACKAGE_FOLDER = "package"
SUFFIX = ".tmpl"


@dataclass(frozen=True)
class ScaffoldResult:
    directory: Path
    files: list[Path]
    message: str  # Vietnamese, for the user


def check_name(name: str) -> None:
    """A plugin's name is its module's and its entry point's: an ASCII Python identifier.

    :raises ServiceError: naming what is wrong, in Vietnamese.
    """
    example = "Ví dụ: tinh_thanh_hoa."
    if not name:
        raise ServiceError(f"Cần tên plugin. {example}")
    if not name.isascii() or not name.isidentifier():
        raise ServiceError(f"Tên plugin “{name}” không hợp lệ: chỉ gồm chữ cái không dấu, chữ số và “_”, không "
                           f"bắt đầu bằng chữ số (tên này là tên mô-đun Python). {example}")
    if keyword.iskeyword(name):
        raise ServiceError(f"Tên plugin “{name}” là từ khóa của Python, không dùng được. {example}")
    if name.startswith("_"):
        raise ServiceError(f"Tên plugin “{name}” không được bắt đầu bằng “_” (antq bỏ qua các thư mục như vậy). "
                           f"{example}")
    if name in ("antq", "antq_tui", "antq_plugins", "test", "tests"):
        raise ServiceError(f"Tên plugin “{name}” trùng tên một gói sẵn có. {example}")


def default_display_name(name: str) -> str:
    """A first guess at the name on papers, to correct (it cannot know the diacritics):
    ``tinh_thanh_hoa`` → "Công an tỉnh Thanh Hoa"."""
    words = name.strip("_").split("_")
    if words and words[0] == "tinh" and len(words) > 1:
        return "Công an tỉnh " + " ".join(w.capitalize() for w in words[1:])
    return " ".join(w.capitalize() for w in words) or name


def new_plugin(name: str, directory: Path | None = None, *, display_name: str = "") -> ScaffoldResult:
    """Write the package of plugin ``name`` into ``directory`` (default ``./NAME``), new or empty.

    :raises ServiceError: a bad name, a directory that exists and is not empty (or is a file).
    """
    check_name(name)
    target = Path(directory) if directory is not None else Path.cwd() / name
    if target.exists() and not target.is_dir():
        raise ServiceError(f"“{target}” là một tệp, không phải thư mục. Chọn một thư mục mới hoặc trống.")
    if target.is_dir() and any(target.iterdir()):
        raise ServiceError(f"Thư mục “{target}” đã có nội dung; antq không ghi đè. Chọn một thư mục mới hoặc trống.")
    display = " ".join((display_name or default_display_name(name)).split())
    if any(c in display for c in "\"\\\n{}$"):
        raise ServiceError(f"Tên hiển thị “{display}” không được chứa dấu ngoặc kép, “\\”, “{{”, “}}” hay “$”.")
    values = {"name": name, "display_name": display}
    written = []
    for src in sorted(SCAFFOLD_DIR.rglob(f"*{SUFFIX}")):
        parts = list(src.relative_to(SCAFFOLD_DIR).parts)
        parts = [name if p == PACKAGE_FOLDER else p for p in parts[:-1]] + [parts[-1][: -len(SUFFIX)]]
        text = string.Template(src.read_text(encoding="utf-8")).substitute(values)
        path = target.joinpath(*parts)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            written.append(write_atomic(path, text.encode("utf-8")))
        except OSError:
            raise ServiceError(f"Không ghi được tệp “{path}” (thư mục chỉ đọc, hết chỗ hoặc không có quyền ghi). "
                               "Chọn thư mục khác.") from None
    message = (
        f"Đã tạo plugin “{name}” ({display}) trong {target}: {len(written)} tệp.\n"
        f"Sửa tên hiển thị (có dấu) trong {target / name / '__init__.py'}, rồi thử:\n"
        f"  pip install -e {target}\n"
        f"  pytest {target}"
    )
    return ScaffoldResult(target, written, message)
