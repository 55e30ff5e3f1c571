"""Datasette's pages in Vietnamese: its own templates, with their English words replaced.

Datasette has no translations. At publish time antq reads the templates of the Datasette that is
installed, replaces the words a reader sees (each replacement below names the exact text it
expects) and writes the result into the publication's ``templates/`` folder, which Datasette is
told to prefer (``--template-dir``). A template whose expected text has gone (a Datasette upgrade)
is left out, so that page falls back to English rather than breaking; ``tests/test_publish.py``
fails on such a miss, as ``tests/test_tui_vietnamese.py`` does for Textual.

Left in English: the JavaScript column menu, and error texts that Datasette writes in Python.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

#: the filter operators Datasette lists (its Python names them); shown in the table page's filter
OPERATORS = {
    "=": "=", "!=": "≠", "contains": "có chứa", "ends with": "kết thúc bằng", "starts with": "bắt đầu bằng",
    "like": "giống (like)", "not like": "không giống (not like)", "glob": "khớp mẫu (glob)",
    "array contains": "danh sách có", "array does not contain": "danh sách không có", "date": "ngày",
    "is null": "không có giá trị", "is not null": "có giá trị", "is blank": "để trống", "is not blank": "không trống",
}


def _rows(count: str) -> str:
    return "{{ \"{:,}\".format(" + count + ").replace(\",\", \".\") }} dòng"


#: template → (English text in Datasette's template, Vietnamese text); every pair must match once or more
REPLACEMENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "base.html": (
        ('<title id="nav-menu-svg-title">Menu</title>', '<title id="nav-menu-svg-title">Trình đơn</title>'),
        ("{% for link in links %}", '{% for link in links if not link.href.endswith("/-/login") %}'),
        (">Log out</button>", ">Đăng xuất</button>"),
    ),
    "_crumbs.html": (
        ("{{ item.label }}", "{{ antq_crumbs.get(item.label, item.label) }}"),
        ("{% if crumb_items is defined %}", "{% set antq_crumbs = __CRUMBS__ %}{% if crumb_items is defined %}"),
    ),
    "_footer.html": (
        ("Powered by <a", "Chạy bằng <a"),
        ("Queries took {{ query_ms|round(3) }}ms", "Truy vấn mất {{ query_ms|round(1) }} ms"),
        ("Data license:", "Giấy phép dữ liệu:"),
        ("Data source:", "Nguồn dữ liệu:"),
        ("About:", "Giới thiệu:"),
    ),
    "_description_source_license.html": (
        ("Data license:", "Giấy phép dữ liệu:"),
        ("Data source:", "Nguồn dữ liệu:"),
        ("About:", "Giới thiệu:"),
    ),
    "database.html": (
        ('<title id="actions-menu-links-title">Table actions</title>',
         '<title id="actions-menu-links-title">Thao tác</title>'),
        ("<h3>Custom SQL query</h3>", "<h3>Truy vấn SQL tự viết (chỉ đọc)</h3>"),
        (">Format SQL</button>", ">Trình bày SQL</button>"),
        ('value="Run SQL"', 'value="Chạy truy vấn"'),
        ("The following databases are attached to this connection, and can be used for cross-database joins:",
         "Các cơ sở dữ liệu sau cùng mở trong kết nối này:"),
        ('<h2 id="queries">Queries</h2>', '<h2 id="queries">Truy vấn có sẵn</h2>'),
        ('<h2 id="tables">Tables</h2>', '{% set antq_titles = __TITLES__ %}<h2 id="tables">Bảng</h2>'),
        ('">{{ table.name }}</a>', '">{{ antq_titles.get(table.name, table.name) }}</a>'),
        ("<em> (hidden)</em>", "<em> (ẩn)</em>"),
        ("{% if table.count is none %}Many rows{% else %}"
         "{{ \"{:,}\".format(table.count) }} row{% if table.count == 1 %}{% else %}s{% endif %}{% endif %}",
         "{% if table.count is none %}Nhiều dòng{% else %}" + _rows("table.count") + "{% endif %}"),
        ("... and <a", "… và <a"),
        ("{{ \"{:,}\".format(hidden_count) }} hidden table{% if hidden_count == 1 %}{% else %}s{% endif %}</a>",
         "{{ hidden_count }} bảng ẩn</a>"),
        ('<h2 id="views">Views</h2>', '<h2 id="views">Khung nhìn</h2>'),
        ("Download SQLite DB:", "Tải bản sao SQLite:"),
    ),
    "table.html": (
        (" row{% if filtered_table_rows_count == 1 %}{% else %}s{% endif %}{% endif %}{% if human_description_en %}",
         " dòng{% endif %}{% if human_description_en %}"),
        ("{{ \"{:,}\".format(filtered_table_rows_count) }} row{% if filtered_table_rows_count == 1 %}{% else %}s{% endif %}",
         _rows("filtered_table_rows_count")),
        ('<title id="actions-menu-links-title">Table actions</title>',
         '<title id="actions-menu-links-title">Thao tác</title>'),
        ('<label for="_search">Search:</label>', '<label for="_search">Tìm:</label>'),
        ("- remove filter -", "- bỏ lọc -"),
        ("- column -", "- cột -"),
        ("{{ display }}</option>", "{{ antq_ops.get(display, display) }}</option>"),
        ('<form class="filters"', "{% set antq_ops = __OPERATORS__ %}<form class=\"filters\""),
        ("Sort...", "Sắp xếp…"),
        (">Sort by {{ column.name }}</option>", ">Theo {{ column.name }}</option>"),
        ("> descending</label>", "> giảm dần</label>"),
        ('value="Apply"', 'value="Áp dụng"'),
        (" extra where clause{% if extra_wheres_for_ui|length != 1 %}s{% endif %}", " điều kiện thêm"),
        (">remove</a>]", ">bỏ</a>]"),
        ("View and edit SQL", "Xem và sửa SQL"),
        ("This data as {%", "Dữ liệu này dạng {%"),
        ('(<a href="#export">advanced</a>)', '(<a href="#export">tuỳ chọn</a>)'),
        ("These facets timed out:", "Các nhóm sau quá thời gian:"),
        (">Next page</a>", ">Trang sau</a>"),
        ("<h3>Advanced export</h3>", "<h3>Xuất dữ liệu</h3>"),
        ("<p>JSON shape:", "<p>Dạng JSON:"),
        (">default</a>", ">mặc định</a>"),
        (">array</a>", ">mảng</a>"),
        (">newline-delimited</a>", ">mỗi dòng một bản ghi</a>"),
        (">object</a>", ">đối tượng</a>"),
        ("CSV options:", "Tuỳ chọn CSV:"),
        ("> download file</label>", "> tải tệp xuống</label>"),
        ("> expand labels</label>", "> hiện nhãn</label>"),
        ("> stream all rows</label>", "> mọi dòng</label>"),
        ('value="Export CSV"', 'value="Xuất CSV"'),
    ),
    "_table.html": (
        ('<p class="zero-results">0 records</p>', '<p class="zero-results">Không có dòng nào</p>'),
    ),
    "_suggested_facets.html": (
        ("Suggested facets:", "Gợi ý nhóm theo:"),
    ),
    "query.html": (
        ("Custom SQL query{% if display_rows %} returning {% if truncated %}more than {% endif %}"
         "{{ \"{:,}\".format(display_rows|length) }} row{% if display_rows|length == 1 %}{% else %}s{% endif %}{% endif %}",
         "Truy vấn{% if display_rows %}: {% if truncated %}hơn {% endif %}" + _rows("display_rows|length") + "{% endif %}"),
        ("{{ show_hide_text }}", '{{ {"hide": "ẩn SQL", "show": "hiện SQL"}.get(show_hide_text, show_hide_text) }}'),
        ("<h3>Query parameters</h3>", "<h3>Tham số (để trống “nam”: năm gần nhất)</h3>"),
        (">Format SQL</button>", ">Trình bày SQL</button>"),
        ('value="Run SQL"', 'value="Chạy truy vấn"'),
        (">Edit SQL</a>", ">Sửa SQL</a>"),
        ("This data as {%", "Dữ liệu này dạng {%"),
        ('<p class="zero-results">0 results</p>', '<p class="zero-results">Không có kết quả</p>'),
        ("This query cannot be executed because the database is immutable.",
         "Không chạy được truy vấn này: bản công bố chỉ để đọc."),
    ),
    "row.html": (
        ("This data as {%", "Dữ liệu này dạng {%"),
        ("<h2>Links from other tables</h2>", "<h2>Liên kết từ các bảng khác</h2>"),
    ),
    "index.html": (
        ('<h2 style="padding-left: 10px;',
         '{% set antq_titles = __TITLES__ %}{% set antq_crumbs = __CRUMBS__ %}<h2 style="padding-left: 10px;'),
        ('">{{ database.name }}</a>', '">{{ antq_crumbs.get(database.name, database.name) }}</a>'),
        ('{{ "{:,}".format(database.table_rows_sum) }} rows in {% endif %}{{ database.tables_count }} table'
         "{% if database.tables_count != 1 %}s{% endif %}",
         _rows("database.table_rows_sum") + " trong {% endif %}{{ database.tables_count }} bảng"),
        ('{{ "{:,}".format(database.hidden_table_rows_sum) }} rows in {% endif %}{{ database.hidden_tables_count }} '
         "hidden table{% if database.hidden_tables_count != 1 %}s{% endif -%}",
         _rows("database.hidden_table_rows_sum") + " trong {% endif %}{{ database.hidden_tables_count }} bảng ẩn"),
        (" view{% if database.views_count != 1 %}s{% endif %}", " khung nhìn"),
        (' title="{{ table.count }} rows"', ' title="{{ table.count }} dòng"'),
        (">{{ table.name }}</a>{% if table.private %}", ">{{ antq_titles.get(table.name, table.name) }}</a>{% if table.private %}"),
    ),
    "error.html": (
        ("Error {{ status }}", "Lỗi {{ status }}"),
    ),
}


def templates_folder() -> Path | None:
    """The installed Datasette's templates, or None when Datasette is not installed."""
    spec = importlib.util.find_spec("datasette")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "templates"


def translate(name: str, text: str, *, titles: dict[str, str], crumbs: dict[str, str]) -> tuple[str, list[str]]:
    """``text`` (Datasette's template ``name``) in Vietnamese, and the English texts not found in it."""
    missing: list[str] = []
    for english, vietnamese in REPLACEMENTS[name]:
        if english not in text:
            missing.append(english)
            continue
        vietnamese = (vietnamese.replace("__TITLES__", json.dumps(titles, ensure_ascii=False))
                      .replace("__CRUMBS__", json.dumps(crumbs, ensure_ascii=False))
                      .replace("__OPERATORS__", json.dumps(OPERATORS, ensure_ascii=False)))
        text = text.replace(english, vietnamese)
    return text, missing


def write_templates(dest: Path, *, titles: dict[str, str], crumbs: dict[str, str]) -> dict[str, list[str]]:
    """Write the Vietnamese templates into ``dest``; returns, per template left out, what was missing."""
    source = templates_folder()
    misses: dict[str, list[str]] = {}
    if source is None:
        return {name: ["(Datasette không được cài)"] for name in REPLACEMENTS}
    dest.mkdir(parents=True, exist_ok=True)
    for name in REPLACEMENTS:
        target = dest / name
        original = source / name
        if not original.is_file():
            misses[name] = ["(không có tệp)"]
            target.unlink(missing_ok=True)
            continue
        text, missing = translate(name, original.read_text(encoding="utf-8"), titles=titles, crumbs=crumbs)
        if missing:  # an upgraded Datasette: its own (English) page rather than a broken one
            misses[name] = missing
            target.unlink(missing_ok=True)
            continue
        target.write_text(text, encoding="utf-8")
    return misses


__all__ = ["OPERATORS", "REPLACEMENTS", "templates_folder", "translate", "write_templates"]
