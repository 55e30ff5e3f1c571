"""The bundle file (``.antq``): what it holds, how it is written, and how it is checked before use.

A bundle is a zip archive. Zip because Python reads and writes it without any extra package, every
office computer can open one to look inside (it is a folder of JSON texts and the attached files),
members are read one at a time (a year's photos need not fit in memory), and photos are stored as
they are while the JSON is compressed. Its layout::

    mimetype                        "application/x-antq-bundle", first and uncompressed (as EPUB does),
                                    so a damaged or cut file is still recognised as a bundle
    data/<table>.json               the rows: units, snapshots, inspections, answers,
                                    eligibility_answers, attachments, exports, audit
    data/<table>.<n>.json           n = 2, 3, …: the same table's rows continued, when its JSON is over
                                    64 MB (a province's year of log rows: 250 MB)
    files/attachments/<id>          the attached files, as they are
    files/exports/<id>              the exported minutes, as they are
    manifest.json                   format and its version, antq version, schema (migration names),
                                    the database it came from, and every member's sha256 and size
    signature.json                  the sending workspace's signature over the manifest's sha256 (so over
                                    every member), with its public key and database id
                                    (:mod:`antq_tui.keys`)

and the zip comment, the last bytes of the file, is ``antq-sha256:`` followed by the sha256 of
everything before those 64 hex digits: one flipped byte anywhere in the file, or a file cut short on
the USB stick, is caught before anything is read from it. :func:`read_bundle` checks that, then the
manifest (format, schema: a bundle made by a newer antq is refused) and its signature, then every
member against the manifest, then each audit row against its own hash, then each inspection's answers
against the bundle's own log (:mod:`.replay`); only then does the import open the database.

A bundle is hostile input until checked: before anything is decompressed the zip's headers are
checked for duplicate names, a member or a total too large, and a compression ratio only a zip bomb
has (:data:`LIMITS`); members are read in chunks, counting what comes out, and a JSON member is
checked for nesting depth before it is parsed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import json
import logging
import os
import re
import shutil
import sys
import zipfile
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, chain
from operator import itemgetter
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, BinaryIO

from .. import __version__, beside
from ..files import atomic_path
from ..keys import KeysError, PublicKey, WorkspaceKey, canonical, sign_statement, verify_statement
from ..storage import StorageError
from ..storage.audit import row_hash
from ..storage.codec import snapshot_hash
from ..storage.files import sha256_file
from ..storage.ids import is_sha256, is_unit_id, is_uuid
from ..storage.migrations import known_names
from ..vnformat import format_number
from .replay import check_replay
from .validate import RowError, check_shape, check_values

log = logging.getLogger(__name__)

FORMAT = "antq-bundle"
#: bumped when the layout or the row format changes in a way an older antq cannot read; 2: a table may
#: continue in further members (``data/<table>.<n>.json``). A bundle whose tables each fit in one member is
#: written as version 1, so that a district laptop's older antq still reads it
FORMAT_VERSION = 2
MIMETYPE = b"application/x-antq-bundle"
SUFFIX = ".antq"
TRAILER_PREFIX = b"antq-sha256:"
_HEX = 64
TABLES = ("units", "snapshots", "inspections", "answers", "eligibility_answers", "attachments", "exports", "audit",
          "recognitions", "award_proposals", "eligibility_cases")
#: tables a bundle written before them does not have (read as empty)
OPTIONAL_TABLES = ("recognitions", "award_proposals", "eligibility_cases")
_CHUNK = 1 << 20
SIGNATURE = "signature.json"


@dataclass(frozen=True)
class Limits:
    """What a bundle may hold; a bundle beyond any of them is refused before it is decompressed."""

    json_member: int = 128 << 20  # a table's part or the manifest, uncompressed (a district's year: about 3 MB)
    json_total: int = 1 << 30  # every table's parts together: each is parsed and held while the import checks it
    json_part: int = 64 << 20  # what antq writes in one table's member before the rows go on in the next: half
    # of ``json_member``, so that no part is refused however its rows fall
    file_member: int = 2 << 30  # one attached file or exported minutes
    total: int = 16 << 30  # everything, uncompressed
    ratio: int = 200  # uncompressed / compressed, for members over ``ratio_floor`` (a bomb: ~1000)
    ratio_floor: int = 1 << 20
    depth: int = 32  # JSON nesting (antq writes at most 6)
    members: int = 200_000


LIMITS = Limits()


class BundleError(StorageError):
    """A bundle cannot be written or read; ``str(exc)`` is a Vietnamese message. Nothing was changed."""


def table_member(table: str, part: int = 1) -> str:
    """The member holding a table's rows: its first part, or its ``part``-th (2, 3, …)."""
    return f"data/{table}.json" if part == 1 else f"data/{table}.{part}.json"


_TABLE_MEMBERS = frozenset(table_member(t) for t in TABLES)
#: a table's further part (``data/audit.2.json``): its table, and its number
_FURTHER_PART = re.compile(r"data/([a-z_]+)\.([1-9][0-9]{0,5})\.json")


def table_members(table: str, parts: Mapping[str, Any]) -> list[str]:
    """The members of ``table`` that the manifest's ``parts`` name, in order (none for a table the bundle lacks)."""
    found: list[str] = []
    while table_member(table, len(found) + 1) in parts:
        found.append(table_member(table, len(found) + 1))
    return found


def is_table_member(member: str) -> bool:
    """Whether ``member`` holds rows of a table (its first part or a further one)."""
    if member in _TABLE_MEMBERS:
        return True
    further = _FURTHER_PART.fullmatch(member)
    return further is not None and further[1] in TABLES and int(further[2]) >= 2


def attachment_member(attachment_id: str) -> str:
    return f"files/attachments/{attachment_id}"


def export_member(export_id: str) -> str:
    return f"files/exports/{export_id}"


@dataclass
class Bundle:
    """A bundle read and checked by :func:`read_bundle`: its manifest and rows; files stay in the zip."""

    path: Path
    sha256: str  # of the whole file (the trailer)
    manifest: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]]
    parts: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: the key that signed the manifest (checked against the manifest by :func:`read_bundle`)
    signer: PublicKey | None = None
    _zip: zipfile.ZipFile | None = field(default=None, repr=False, compare=False)

    @property
    def database_id(self) -> str:
        return self.manifest.get("database_id", "")

    @property
    def created_at(self) -> dt.datetime | None:
        value = self.manifest.get("created_at")
        return dt.datetime.fromisoformat(value) if value else None

    def file_size(self, member: str) -> int:
        return int(self.parts[member]["size"])

    def copy_member(self, member: str, dest: Path) -> None:
        """Write one file of the bundle to ``dest``, checking its sha256 again on the way; the import
        makes every file it wrote durable at once (:func:`make_durable`). The zip stays open between
        calls (:meth:`close`): reopening it reads its whole central directory again, every time."""
        expected = self.parts[member]["sha256"]
        if self._zip is None:
            self._zip = zipfile.ZipFile(self.path)
        digest = hashlib.sha256()
        with self._zip.open(member) as src, open(dest, "xb") as out:
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                out.write(chunk)
        if digest.hexdigest() != expected:
            raise BundleError(f"Tệp {member} trong gói {self.path.name} đã thay đổi trong khi nhập; chưa nhập gì.")

    def close(self) -> None:
        """Close the zip :meth:`copy_member` keeps open."""
        if self._zip is not None:
            self._zip.close()
            self._zip = None


# --------------------------------------------------------------------------------------------------
# writing


def write_bundle(out: Path, manifest: Mapping[str, Any], tables: Mapping[str, Sequence[Mapping[str, Any]]],
                 files: Sequence[tuple[str, Path]], key: WorkspaceKey) -> str:
    """Write the bundle to ``out`` (through a temporary name, fsynced, then renamed); returns its sha256.

    :param manifest: what the manifest says besides the format, versions and parts.
    :param tables: rows per table of :data:`TABLES`.
    :param files: (member name, file on disk) for each attachment and export.
    :param key: the sending workspace's key, which signs the manifest.
    """
    out = Path(out)
    parts: dict[str, dict[str, Any]] = {}
    try:
        with atomic_path(out) as tmp:
            _write_zip(tmp, manifest, tables, files, parts, key)
            with open(tmp, "rb+") as fh:
                digest = _hash_stream(fh, os.path.getsize(tmp) - _HEX)
                fh.seek(-_HEX, os.SEEK_END)
                fh.write(digest.encode())
    except OSError as exc:
        raise BundleError(f"Không ghi được gói {out}: {exc.strerror or exc} (ổ đĩa đầy, bị rút ra hoặc chỉ cho "
                          "đọc?). Không có gói nào được tạo.") from None
    return digest


def _write_zip(tmp: Path, manifest: Mapping[str, Any], tables: Mapping[str, Sequence[Mapping[str, Any]]],
               files: Sequence[tuple[str, Path]], parts: dict[str, dict[str, Any]], key: WorkspaceKey) -> None:
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED)
        version = 1
        total = 0
        for table in TABLES:
            for number, data in enumerate(_table_parts(list(tables.get(table, []))), 1):
                total += len(data)
                if total > LIMITS.json_total or len(data) > LIMITS.json_member:
                    # the receiving antq would refuse it: say so here, not there
                    raise BundleError(
                        f"Không tạo gói: {format_number(len(tables.get('inspections', [])))} cuộc kiểm tra là quá "
                        f"nhiều cho một gói ({_mb(total)} MB dữ liệu đến phần {table_member(table, number)}, máy nhận "
                        f"chỉ nhận tối đa {_mb(LIMITS.json_total)} MB mỗi gói, {_mb(LIMITS.json_member)} MB mỗi "
                        "phần). Hãy xuất thành nhiều gói nhỏ hơn: theo từng năm (--year) hoặc từng nhóm cuộc kiểm "
                        "tra (-i).")
                if number > 1:
                    version = 2
                zf.writestr(table_member(table, number), data)
                parts[table_member(table, number)] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for member, source in files:
            parts[member] = _write_file(zf, member, source)
        full = {"format": FORMAT, "format_version": version, "antq_version": __version__,
                "schema": known_names(), **manifest, "parts": parts}
        manifest_bytes = json.dumps(full, ensure_ascii=False, indent=1).encode()
        zf.writestr("manifest.json", manifest_bytes)
        signed = sign_statement(key, {"kind": "bundle", "manifest_sha256": hashlib.sha256(manifest_bytes).hexdigest(),
                                      "database_id": full.get("database_id", ""), "name": full.get("created_by", "")})
        zf.writestr(SIGNATURE, canonical(signed))
        zf.comment = TRAILER_PREFIX + b"0" * _HEX


def _table_parts(rows: Sequence[Any]) -> Iterator[bytes]:
    """A table's rows as the JSON of its members, made one at a time: one member, or as many as keep each
    within :attr:`Limits.json_part` (a row is never split). The text is what ``json.dumps(rows)`` writes,
    cut between rows; a province's 250 MB of log rows is never one text."""
    most = LIMITS.json_part
    current: list[bytes] = []
    size = 2  # the brackets
    for text in _row_texts(rows, most):
        if current and size + 1 + len(text) > most:
            yield b"[" + b",".join(current) + b"]"
            current, size = [], 2
        size += len(text) + (1 if current else 0)
        current.append(text)
    yield b"[" + b",".join(current) + b"]"


def _row_texts(rows: Sequence[Any], most: int, batch: int = 2_000) -> Iterator[bytes]:
    """The JSON of ``rows``, ``batch`` rows at a time without the list's brackets; a batch over ``most`` is
    cut in halves until it fits or is one row."""
    for start in range(0, len(rows), batch):
        chunk = rows[start:start + batch]
        text = json.dumps(list(chunk), ensure_ascii=False, separators=(",", ":")).encode()[1:-1]
        if len(text) + 2 > most and len(chunk) > 1:
            yield from _row_texts(chunk, most, max(1, len(chunk) // 2))
        else:
            yield text


def _write_file(zf: zipfile.ZipFile, member: str, source: Path) -> dict[str, Any]:
    info = zipfile.ZipInfo(member, date_time=dt.datetime.now().timetuple()[:6])
    info.compress_type = zipfile.ZIP_STORED  # photos and PDFs are compressed already
    digest, size = sha256_file(source)
    with open(source, "rb") as src, zf.open(info, "w", force_zip64=True) as dst:
        shutil.copyfileobj(src, dst, _CHUNK)
    return {"sha256": digest, "size": size}


def _hash_stream(fh: BinaryIO, length: int) -> str:
    fh.seek(0)
    digest = hashlib.sha256()
    left = length
    while left > 0:
        chunk = fh.read(min(_CHUNK, left))
        if not chunk:
            break
        digest.update(chunk)
        left -= len(chunk)
    return digest.hexdigest()


# --------------------------------------------------------------------------------------------------
# reading


def read_bundle(path: Path | str, on_signer: Callable[[PublicKey, dict[str, Any]], None] | None = None) -> Bundle:
    """Open and check the bundle at ``path``: every byte, the manifest, every member, every audit row.

    :param on_signer: called with the key that signed the manifest (and the manifest) as soon as the
        signature is checked, before any member is read: the import refuses an untrusted signer there.

    :raises BundleError: with a Vietnamese message saying what is wrong and what to do.
    """
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise BundleError(f"Không tìm thấy tệp “{path}”.")
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(64)
            fh.seek(max(size - len(TRAILER_PREFIX) - _HEX, 0))
            tail = fh.read()
            trailer_ok = tail.startswith(TRAILER_PREFIX) and len(tail) == len(TRAILER_PREFIX) + _HEX
            digest = _hash_stream(fh, size - _HEX) if trailer_ok else ""
    except OSError as exc:
        raise BundleError(f"Không đọc được tệp “{path}”: {exc.strerror or exc}.") from None
    looks_like_bundle = head.startswith(b"PK\x03\x04") and head[30:38] == b"mimetype" and MIMETYPE in head
    if not trailer_ok:
        if looks_like_bundle:
            raise BundleError(
                f"Gói “{name}” không trọn vẹn (bị cắt cụt hoặc chép chưa xong, ví dụ rút USB quá sớm). "
                "Chưa nhập gì. Hãy chép lại gói từ máy đã xuất.")
        raise BundleError(f"Tệp “{name}” không phải gói dữ liệu antq (.antq). Chưa nhập gì.")
    if tail[len(TRAILER_PREFIX):].decode("ascii", "replace") != digest:
        raise BundleError(
            f"Gói “{name}” đã bị hỏng hoặc bị sửa (mã kiểm tra sha256 của tệp không khớp). Chưa nhập gì. "
            "Hãy chép lại gói từ máy đã xuất, hoặc xuất lại.")
    with contextlib.ExitStack() as stack:  # ends the second process, if one was started, whatever happens
        return _read_checked(path, name, digest, on_signer, stack)


def _read_checked(path: Path, name: str, digest: str, on_signer: Callable[[PublicKey, dict[str, Any]], None] | None,
                  stack: contextlib.ExitStack) -> Bundle:
    second: beside.Second | None = None
    try:
        with zipfile.ZipFile(path) as zf:
            _check_headers(zf, name)
            if "manifest.json" not in zf.namelist():
                raise BundleError(f"Tệp “{name}” không phải gói dữ liệu antq (thiếu danh mục manifest.json).")
            manifest_bytes = _read_member(zf, "manifest.json", name, LIMITS.json_member)
            manifest = _manifest(manifest_bytes, name)
            signer = _signer(zf, name, manifest, manifest_bytes)
            if on_signer is not None:
                on_signer(signer, manifest)
            parts = manifest["parts"]
            members = set(zf.namelist()) - {"mimetype", "manifest.json", SIGNATURE}
            if members != set(parts):
                raise BundleError(f"Gói “{name}” có tệp không ghi trong danh mục hoặc thiếu tệp. Chưa nhập gì.")
            # each table's part read (decompressed) once, hashed and then parsed at once: its text is never
            # held beside the other parts' (a province's 250 MB of log rows would be, twice over)
            parsed: dict[str, Any] = {}
            _check_table_parts(parts, name)
            second = _start_log_hashes(path, parts)
            if second is not None:
                stack.callback(second.stop)
            for member, expected in parts.items():
                text = _read_member(zf, member, name, LIMITS.json_member) if is_table_member(member) else None
                found = (hashlib.sha256(text).hexdigest(), len(text)) if text is not None else _member_hash(zf, member,
                                                                                                             name)
                if found != (expected.get("sha256"), expected.get("size")):
                    raise BundleError(
                        f"Gói “{name}”: phần “{member}” không khớp mã sha256 ghi trong danh mục (tệp hỏng hoặc bị "
                        "sửa). Chưa nhập gì.")
                if text is not None:
                    parsed[member] = _rows(text, name, member)
                    del text
            tables: dict[str, list[Any]] = {}
            for table in TABLES:
                members_of = table_members(table, parts)
                if not members_of and table not in OPTIONAL_TABLES:
                    raise KeyError(table_member(table))
                values = [parsed.pop(m) for m in members_of]
                if len(values) > 1 and not all(isinstance(v, list) for v in values):
                    raise TypeError(f"{table}: a part is not a list of rows")
                tables[table] = values[0] if len(values) == 1 else [row for v in values for row in v]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, TypeError, AttributeError, EOFError,
            OSError) as exc:
        raise BundleError(f"Gói “{name}” bị hỏng, không đọc được ({exc}). Chưa nhập gì.") from None
    bundle = Bundle(path=path, sha256=digest, manifest=manifest, tables=tables, parts=parts, signer=signer)
    try:
        _check_rows(bundle, second)
        check_replay(bundle)
    except (KeyError, TypeError, ValueError, AttributeError):
        log.exception("bundle %s: rows could not be checked", path)
        raise BundleError(f"Gói “{name}” có dữ liệu không đọc được (gói bị sửa hoặc không phải do antq tạo). "
                          "Chưa nhập gì.") from None
    return bundle


def _check_table_parts(parts: Mapping[str, Any], name: str) -> None:
    """Every part of a table the manifest names follows the one before it (``data/audit.3.json`` only after
    ``.2``), and the tables' text together is within :attr:`Limits.json_total`."""
    tables = [m for m in parts if is_table_member(m)]
    counted = {m for table in TABLES for m in table_members(table, parts)}
    stray = sorted(set(tables) - counted)
    if stray:
        raise BundleError(f"Gói “{name}” có phần dữ liệu “{stray[0][:80]}” không nối tiếp phần nào (gói bị sửa hoặc "
                          "không phải do antq tạo). Chưa nhập gì.")
    total = sum(int(parts[m]["size"]) for m in tables)
    if total > LIMITS.json_total:
        raise BundleError(f"Gói “{name}” có quá nhiều dữ liệu ({_mb(total)} MB, tối đa {_mb(LIMITS.json_total)} MB "
                          "mỗi gói). Chưa nhập gì. Hãy nhờ nơi gửi xuất thành nhiều gói nhỏ hơn.")


def _check_headers(zf: zipfile.ZipFile, name: str) -> None:
    """Refuse what the zip's own headers show to be hostile, before anything is decompressed."""
    infos = zf.infolist()
    names = [i.filename for i in infos]
    if len(names) > LIMITS.members:
        raise BundleError(f"Gói “{name}” có quá nhiều phần ({format_number(len(names))}). Chưa nhập gì.")
    if len(set(names)) != len(names):
        twice = sorted({n for n in names if names.count(n) > 1})[0]
        raise BundleError(f"Gói “{name}” có hai phần cùng tên “{twice[:80]}” (gói bị sửa: mỗi chương trình sẽ đọc "
                          "một bản khác nhau). Chưa nhập gì.")
    total = 0
    for info in infos:
        limit = _limit(info.filename)
        if info.file_size > limit:
            raise _too_big(name, info.filename, limit)
        if (info.file_size > LIMITS.ratio_floor
                and info.file_size > LIMITS.ratio * max(info.compress_size, 1)):
            raise BundleError(
                f"Gói “{name}”: phần “{info.filename[:80]}” nén quá mức (hơn {LIMITS.ratio} lần, dấu hiệu của "
                "“bom nén”). Chưa nhập gì.")
        total += info.file_size
    if total > LIMITS.total:
        raise BundleError(f"Gói “{name}” quá lớn khi giải nén (khoảng {_mb(total)} MB, tối đa "
                          f"{_mb(LIMITS.total)} MB). Chưa nhập gì.")


def _limit(member: str) -> int:
    return LIMITS.file_member if member.startswith("files/") else LIMITS.json_member


def _too_big(name: str, member: str, limit: int) -> BundleError:
    return BundleError(f"Gói “{name}”: phần “{member[:80]}” quá lớn (tối đa {_mb(limit)} MB). Chưa nhập gì.")


def _chunks(zf: zipfile.ZipFile, member: str, name: str, limit: int) -> Iterator[bytes]:
    """The member's bytes in chunks, stopping as soon as more come out than its header said or allowed."""
    declared = zf.getinfo(member).file_size
    seen = 0
    with zf.open(member) as fh:
        while chunk := fh.read(_CHUNK):
            seen += len(chunk)
            if seen > limit or seen > declared:
                raise _too_big(name, member, min(limit, declared))
            yield chunk


def _read_member(zf: zipfile.ZipFile, member: str, name: str, limit: int) -> bytes:
    return b"".join(_chunks(zf, member, name, limit))


#: every byte but a quote and the four brackets (what :func:`json_depth` keeps)
_NOT_SYNTAX = bytes(c for c in range(256) if c not in b'"[]{}')
#: a string, once nothing but quotes and brackets is left of the text
_STRING = re.compile(rb'"[^"]*"')
#: an opening bracket counts +1, a closing one -1 (as signed bytes)
_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")


def json_depth(data: bytes) -> int:
    """How deeply ``data`` (JSON text) nests, counted without parsing it (no recursion, no Python loop
    over its bytes).

    The escapes are dropped first (``\\\\`` then ``\\"``), so every quote left opens or closes a
    string; then all but the quotes and brackets, then what lies between two quotes (an unclosed
    string's to the end), and the depth is the highest running sum of the brackets left.
    """
    syntax = data.replace(b"\\\\", b"").replace(b'\\"', b"").translate(None, _NOT_SYNTAX)
    # an empty string, or the end of one string and the start of the next: no bracket outside a string
    # lies between those two quotes, and the quotes after them still pair the same way
    outside = _STRING.sub(b"", syntax.replace(b'""', b""))
    unclosed = outside.find(b'"')
    if unclosed >= 0:
        outside = outside[:unclosed]
    return max(0, max(accumulate(array("b", outside.translate(_STEPS))), default=0))


def _json(data: bytes, name: str, member: str) -> Any:
    if json_depth(data) > LIMITS.depth:
        raise BundleError(f"Gói “{name}”: phần “{member}” lồng nhau quá sâu (hơn {LIMITS.depth} tầng; gói bị sửa "
                          "hoặc không phải do antq tạo). Chưa nhập gì.")
    try:
        return json.loads(data)
    except RecursionError:  # the count above guards this; never a traceback if it did not
        raise BundleError(f"Gói “{name}”: phần “{member}” lồng nhau quá sâu. Chưa nhập gì.") from None


#: what a row of a table holds in each column: JSON columns travel as their text, so a row is flat
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _rows(data: bytes, name: str, member: str) -> Any:
    """A table's part: a list of flat rows (nesting 2 deep; antq writes nothing deeper), or what
    :func:`check_shape` then names. Parsed first, then checked, which costs a tenth of what
    :func:`json_depth` costs on 400 MB of rows: json's parser refuses deep nesting itself
    (RecursionError, after a thousand levels, whatever the text's length) and holds nothing that the
    text's length does not bound."""
    too_deep = BundleError(f"Gói “{name}”: phần “{member}” lồng nhau quá sâu (mỗi dòng của một bảng chỉ gồm các "
                           "giá trị đơn; gói bị sửa hoặc không phải do antq tạo). Chưa nhập gì.")
    try:
        rows = json.loads(data)
    except RecursionError:
        raise too_deep from None
    if isinstance(rows, list):
        try:
            values = set(map(type, chain.from_iterable(map(dict.values, rows))))
        except TypeError:  # a row that is not a record: check_shape names it
            return rows
        if not values <= _SCALARS:
            raise too_deep
    return rows


def _signer(zf: zipfile.ZipFile, name: str, manifest: dict[str, Any], manifest_bytes: bytes) -> PublicKey:
    """The key whose signature over the manifest holds, and which names the manifest's database."""
    if SIGNATURE not in zf.namelist():
        raise BundleError(f"Gói “{name}” không có chữ ký của máy gửi (gói của antq cũ hoặc đã bị sửa). Không nhận "
                          "gói chưa ký; hãy xuất lại gói bằng antq mới. Chưa nhập gì.")
    try:
        signed = _json(_read_member(zf, SIGNATURE, name, 1 << 16), name, SIGNATURE)
        key = verify_statement(signed)
    except (KeysError, ValueError) as exc:
        raise BundleError(f"Gói “{name}”: chữ ký không hợp lệ ({exc}). Chưa nhập gì.") from None
    if signed.get("kind") != "bundle" or signed.get("manifest_sha256") != hashlib.sha256(manifest_bytes).hexdigest():
        raise BundleError(f"Gói “{name}”: chữ ký không khớp danh mục của gói (khóa {key.fingerprint}; gói đã bị sửa "
                          "sau khi ký). Chưa nhập gì.")
    if key.database_id != manifest.get("database_id"):
        raise BundleError(f"Gói “{name}” ghi là từ máy {str(manifest.get('database_id'))[:8]} nhưng chữ ký là của "
                          f"máy {key.database_id[:8]} (khóa {key.fingerprint}). Chưa nhập gì.")
    return key


def _manifest(data: bytes, name: str) -> dict[str, Any]:
    manifest = _json(data, name, "manifest.json")
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleError(f"Tệp “{name}” không phải gói dữ liệu antq (.antq). Chưa nhập gì.")
    version = manifest.get("antq_version", "?")
    unknown = [m for m in manifest.get("schema", []) if m not in known_names()]
    if int(manifest.get("format_version", 0)) > FORMAT_VERSION or unknown:
        what = f" (thay đổi cấu trúc “{', '.join(unknown)}”)" if unknown else ""
        raise BundleError(
            f"Gói “{name}” được tạo bởi antq {version}, mới hơn phiên bản đang dùng ({__version__}){what}. "
            "Chưa nhập gì. Hãy cài phiên bản antq mới hơn rồi nhập lại.")
    parts = manifest.get("parts")
    created_at = manifest.get("created_at") or ""
    if (not isinstance(parts, dict)
            or not all(isinstance(p, dict) and isinstance(p.get("sha256"), str) and isinstance(p.get("size"), int)
                       for p in parts.values())
            or not is_uuid(manifest.get("database_id"))
            or not isinstance(manifest.get("created_by", ""), str)
            or not isinstance(created_at, str) or (created_at and not _is_timestamp(created_at))):
        raise BundleError(f"Danh mục của gói “{name}” bị hỏng. Chưa nhập gì.")
    return manifest


def _is_timestamp(value: str) -> bool:
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _member_hash(zf: zipfile.ZipFile, member: str, name: str) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    for chunk in _chunks(zf, member, name, _limit(member)):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def _check_ids(bundle: Bundle) -> None:
    """Every id has the shape antq gives it (:mod:`antq_tui.storage.ids`): ids become folder names in
    the data folder, so "../../x" or "/tmp/x" must never pass for one."""
    name = bundle.path.name
    t = bundle.tables

    def bad(what: str, value: Any) -> BundleError:
        shown = str(value)[:60]
        return BundleError(f"Gói “{name}” có {what} không hợp lệ: “{shown}” (gói bị sửa hoặc không phải do antq tạo). "
                           "Chưa nhập gì.")

    checks = [("units", "id", is_unit_id, "mã đơn vị", False),
              ("inspections", "id", is_uuid, "mã cuộc kiểm tra", False),
              ("inspections", "unit_id", is_unit_id, "mã đơn vị", False),
              ("inspections", "snapshot_sha256", is_sha256, "mã bộ tiêu chí", False),
              ("inspections", "copy_of", is_uuid, "mã cuộc kiểm tra gốc", True),
              ("snapshots", "sha256", is_sha256, "mã bộ tiêu chí", False),
              ("attachments", "id", is_uuid, "mã tệp đính kèm", False),
              ("exports", "id", is_uuid, "mã biên bản đã xuất", False),
              ("audit", "inspection_id", is_uuid, "mã cuộc kiểm tra trong nhật ký", True),
              ("audit", "origin_inspection_id", is_uuid, "mã cuộc kiểm tra trong nhật ký", True),
              ("audit", "origin", is_uuid, "mã máy trong nhật ký", False)]
    for table in ("answers", "eligibility_answers", "attachments", "exports", "eligibility_cases"):
        checks.append((table, "inspection_id", is_uuid, "mã cuộc kiểm tra", False))
    for table, column, valid, what, nullable in checks:
        try:  # each distinct value once (a bundle's rows name the same few inspections, one origin)
            distinct = {row.get(column) for row in t[table]} if nullable else set(map(itemgetter(column), t[table]))
        except (TypeError, KeyError):  # no id at all (a list), or none: found and named row by row below
            distinct = None
        if distinct is not None and all(map(valid, distinct - {None} if nullable else distinct)):
            continue
        for row in t[table]:
            value = row[column] if not nullable else row.get(column)
            if not (nullable and value is None) and not valid(value):
                raise bad(what, value)
    for table, absolute_ok in (("attachments", False), ("exports", True)):
        for row in t[table]:
            path = row["path"]
            if not isinstance(path, str) or not path or "\0" in path:
                raise bad("đường dẫn tệp", path)
            # an export may have been written anywhere on the other laptop (C:\\…, /home/…); an
            # attachment is always inside its data folder
            pure = PurePosixPath(path.replace("\\", "/"))
            absolute = pure.is_absolute() or bool(PureWindowsPath(path).drive)
            if (".." in pure.parts and not absolute) or (absolute and not absolute_ok):
                raise bad("đường dẫn tệp", path)


def _check_rows(bundle: Bundle, second: beside.Second | None = None) -> None:
    """Ids have antq's shape, each audit row hashes to its own hash (``second``: hashed by a second
    process, :func:`_start_log_hashes`), each snapshot to its key, and every reference resolves."""
    name = bundle.path.name
    t = bundle.tables
    try:
        check_shape(t)
    except RowError as exc:
        raise BundleError(f"Gói “{name}” có dữ liệu không hợp lệ: {exc}. Chưa nhập gì.") from None
    _check_ids(bundle)
    bad = _first_unhashed(t["audit"], second)
    if bad is not None:
        row = t["audit"][bad]
        raise BundleError(f"Gói “{name}”: dòng nhật ký {row['origin_id']} ({row['action']}) không khớp mã băm "
                          "của nó (đã bị sửa). Chưa nhập gì.")
    for row in t["snapshots"]:
        if snapshot_hash(row["criteria"], row["eligibility"], row["plugins"], row["fingerprints"]) != row["sha256"]:
            raise BundleError(f"Gói “{name}”: ảnh chụp bộ tiêu chí không khớp mã băm (đã bị sửa). Chưa nhập gì.")
    units = {u["id"] for u in t["units"]}
    snapshots = {s["sha256"] for s in t["snapshots"]}
    inspections = {i["id"] for i in t["inspections"]}
    for row in t["inspections"]:
        if row["unit_id"] not in units or row["snapshot_sha256"] not in snapshots:
            raise BundleError(f"Gói “{name}” thiếu đơn vị hoặc bộ tiêu chí của một cuộc kiểm tra. Chưa nhập gì.")
    for table in ("answers", "eligibility_answers", "attachments", "exports", "eligibility_cases"):
        for row in t[table]:
            if row["inspection_id"] not in inspections:
                raise BundleError(f"Gói “{name}” có dữ liệu không thuộc cuộc kiểm tra nào. Chưa nhập gì.")
    for table, member in (("attachments", attachment_member), ("exports", export_member)):
        for row in t[table]:
            if row.get("file") and row["file"] != member(row["id"]):
                raise BundleError(f"Gói “{name}” có tệp đính kèm sai chỗ. Chưa nhập gì.")
            if row.get("file") and row["file"] not in bundle.parts:
                raise BundleError(f"Gói “{name}” thiếu tệp {row['file']}. Chưa nhập gì.")
            if row.get("file") and bundle.parts[row["file"]]["sha256"] != row["sha256"]:
                raise BundleError(f"Gói “{name}”: tệp {row['file']} không khớp mã sha256 đã ghi nhận. Chưa nhập gì.")
    try:
        check_values(t)
    except RowError as exc:
        raise BundleError(f"Gói “{name}” có dữ liệu không hợp lệ: {exc}. Chưa nhập gì.") from None


#: from this much log text on, the log rows' own hashes are checked by a second process while this one
#: reads the rest (a province's 250 MB: ~2.5 s of the import, on the laptop's other core)
LOG_BESIDE_BYTES = 16 << 20


def _start_log_hashes(path: Path, parts: Mapping[str, Any]) -> beside.Second | None:
    """The log parts of the bundle at ``path`` hashed row by row in a second process (:func:`main`), when
    they are large; None when they are not, or no process can start (then :func:`_first_unhashed` hashes)."""
    members = table_members("audit", parts)
    if sum(int(parts[m]["size"]) for m in members) < LOG_BESIDE_BYTES:
        return None
    given = [[m, parts[m]["sha256"], int(parts[m]["size"])] for m in members]
    return beside.start(__name__, [str(path)], given=json.dumps(given).encode())


def _row_unhashed(row: Mapping[str, Any]) -> bool:
    return row_hash(row["prev_hash"], row["origin_id"], row["at"], row["who"], row["origin_inspection_id"],
                    row["action"], row["target"], row["old"], row["new"]) != row["hash"]


def _first_unhashed(rows: Sequence[Mapping[str, Any]], second: beside.Second | None) -> int | None:
    """The index of the first log row that does not hash to its own hash; None when every one does. The
    second process's answer is taken when it is one for exactly these rows: it read the same parts (their
    sha256 is the manifest's, checked there) with the same :func:`row_hash`; else each row is hashed here."""
    if second is not None:
        out = second.answer("bundle log")
        try:
            told = json.loads(out) if out is not None else None
        except ValueError:
            told = None
        if (type(told) is dict and told.get("rows") == len(rows)
                and (told.get("first") is None or (type(told["first"]) is int and 0 <= told["first"] < len(rows)))):
            return told["first"]
    return next((i for i, row in enumerate(rows) if _row_unhashed(row)), None)


def main(argv: list[str]) -> None:
    """The second process of :func:`_start_log_hashes`: ``BUNDLE``, and on standard input the log parts
    ([member, sha256, size] each, in order). Each part is read within its size and checked against its
    sha256 before it is parsed; any part that is not as the manifest says, or a row it cannot hash, ends
    it with an error (the import then hashes them itself). Writes {"rows": n, "first": i or null}."""
    given = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    rows = 0
    first = None
    with zipfile.ZipFile(argv[0]) as zf:
        for member, sha256, size in given:
            data = b"".join(_chunks(zf, member, member, int(size)))
            if hashlib.sha256(data).hexdigest() != sha256:
                sys.exit(2)
            for row in json.loads(data):
                if first is None and _row_unhashed(row):
                    first = rows
                rows += 1
    sys.stdout.buffer.write(json.dumps({"rows": rows, "first": first}).encode())


def free_space(path: Path) -> int:
    """Bytes free on the disk holding ``path`` (its nearest existing folder)."""
    while not path.exists() and path != path.parent:
        path = path.parent
    return shutil.disk_usage(path).free


def check_space(data_dir: Path, bundle: Bundle) -> None:
    """Refuse to import ``bundle`` into ``data_dir`` when the disk cannot hold its files and rows."""
    files = sum(int(p["size"]) for m, p in bundle.parts.items() if m.startswith("files/"))
    data = sum(int(p["size"]) for m, p in bundle.parts.items() if m.startswith("data/"))
    needed = files + 3 * data + (1 << 20)  # the rows, the WAL holding them once more, some room
    free = free_space(data_dir)
    if free < needed:
        raise BundleError(
            f"Ổ đĩa chứa {data_dir} không đủ chỗ để nhập gói {bundle.path.name}: cần khoảng "
            f"{_mb(needed)} MB, còn {_mb(free)} MB. Chưa nhập gì. Hãy giải phóng dung lượng rồi nhập lại.")


def _mb(size: int) -> str:
    return format_number(size / 1e6, 1)


def disk_message(data_dir: Path, exc: OSError) -> str:
    """What to tell the user when copying an imported file into ``data_dir`` failed."""
    if exc.errno == errno.ENOSPC:
        return (f"Ổ đĩa chứa {data_dir} đã đầy khi chép tệp đính kèm. Chưa nhập gì (đã xóa các tệp vừa chép). "
                "Hãy giải phóng dung lượng rồi nhập lại.")
    return f"Không chép được tệp vào {data_dir}: {exc.strerror or exc}. Chưa nhập gì."
