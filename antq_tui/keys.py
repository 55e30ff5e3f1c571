"""A workspace's signing key, the keys it trusts, signed statements and encrypted files.

Every workspace has one Ed25519 key (libsodium through PyNaCl), made on first use and kept beside the
database as ``antq.key``, readable by its owner only (0600). The same key, converted to X25519 as
libsodium provides (``crypto_sign_ed25519_sk_to_curve25519``; age does the same for ssh-ed25519
recipients), decrypts the bundles sent to this workspace, so the one public key a team office hands
out (``antq keys export``) is both what it trusts signatures by and what bundles are encrypted to.

Trusted keys are files, no table: ``keys/trusted/<fingerprint>.pub`` in the data folder, moved to
``keys/revoked/`` when revoked; the key of a signer seen in a refused bundle waits in ``keys/seen/``
so that ``antq keys trust FINGERPRINT`` can trust it later. A public key file names the database it
belongs to: a bundle signed by that key may claim to come from that database only.

A signed statement is a small JSON object (what is signed: a manifest's sha256, an inspection's state
and log head, an exported file's sha256) with ``key``, ``fingerprint`` and ``signature`` added; the
signature is over the canonical JSON of everything else. An encrypted file is a sealed box (X25519,
libsodium) holding a fresh key for libsodium's ``secretstream`` (XChaCha20-Poly1305), which then
encrypts the file in chunks, so a bundle of a year's photos never has to fit in memory.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import stat
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import nacl.bindings as sodium
import nacl.exceptions
import nacl.public
import nacl.signing

from .files import write_atomic

KEY_FILE = "antq.key"
KEYS_DIR = "keys"
PUBLIC_SUFFIX = ".pub"
SECRET_FORMAT = "antq-secret-key"
PUBLIC_HEADER = "antq-public-key v1"
#: the first bytes of an encrypted bundle
SEALED_MAGIC = b"antq-sealed-v1\n"
_CHUNK = 1 << 20

OWN, TRUSTED, REVOKED, UNKNOWN = "own", "trusted", "revoked", "unknown"
STATUS_LABELS = {OWN: "khóa của máy này", TRUSTED: "tin cậy", REVOKED: "đã thu hồi", UNKNOWN: "chưa tin cậy"}


class KeysError(ValueError):
    """A key, a signature or an encrypted file is wrong; ``str(exc)`` is a Vietnamese message."""


def canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: Any, what: str) -> bytes:
    try:
        return base64.b64decode(str(text), validate=True)
    except (ValueError, TypeError):
        raise KeysError(f"{what} không đọc được (không phải base64).") from None


def fingerprint_of(raw: bytes) -> str:
    """Twenty hex digits of the key's sha256 in groups of four, read aloud over the phone."""
    digest = hashlib.sha256(raw).hexdigest()[:20].upper()
    return " ".join(digest[i:i + 4] for i in range(0, 20, 4))


def normalize_fingerprint(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


@dataclass(frozen=True)
class PublicKey:
    raw: bytes
    database_id: str = ""
    name: str = ""

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.raw)

    @property
    def file_stem(self) -> str:
        return normalize_fingerprint(self.fingerprint)

    def to_text(self) -> str:
        return (f"{PUBLIC_HEADER}\nfingerprint: {self.fingerprint}\ndatabase: {self.database_id}\n"
                f"name: {self.name}\nkey: {_b64(self.raw)}\n")

    @classmethod
    def from_text(cls, text: str, source: str = "tệp khóa") -> PublicKey:
        lines = text.lstrip("\ufeff").splitlines()
        if not lines or lines[0].strip() != PUBLIC_HEADER:
            raise KeysError(f"{source} không phải khóa công khai antq (thiếu dòng “{PUBLIC_HEADER}”).")
        fields = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            fields[name.strip()] = value.strip()
        raw = _unb64(fields.get("key", ""), f"Khóa trong {source}")
        if len(raw) != 32:
            raise KeysError(f"Khóa trong {source} không đúng độ dài của khóa Ed25519.")
        key = cls(raw, fields.get("database", ""), fields.get("name", ""))
        written = fields.get("fingerprint")
        if written and normalize_fingerprint(written) != key.file_stem:
            raise KeysError(f"Dấu vân tay ghi trong {source} ({written}) không khớp khóa ({key.fingerprint}).")
        return key

    def verify(self, message: bytes, signature: bytes) -> bool:
        try:
            nacl.signing.VerifyKey(self.raw).verify(message, signature)
        except (nacl.exceptions.BadSignatureError, nacl.exceptions.ValueError, ValueError, TypeError):
            return False
        return True

    def box_key(self) -> nacl.public.PublicKey:
        return nacl.signing.VerifyKey(self.raw).to_curve25519_public_key()


@dataclass(frozen=True)
class WorkspaceKey:
    signing: nacl.signing.SigningKey
    database_id: str
    name: str = ""
    #: when the key was made; every inspection finalized since then must have a signature
    created_at: dt.datetime | None = None

    @property
    def public(self) -> PublicKey:
        return PublicKey(bytes(self.signing.verify_key), self.database_id, self.name)

    @property
    def fingerprint(self) -> str:
        return self.public.fingerprint

    def sign(self, message: bytes) -> bytes:
        return self.signing.sign(message).signature


def key_path(data_dir: Path) -> Path:
    return Path(data_dir) / KEY_FILE


def load_key(data_dir: Path) -> WorkspaceKey | None:
    """The workspace's key, or None when it has none yet; a key readable by others is made owner-only."""
    path = key_path(data_dir)
    if not path.exists():
        return None
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if os.name == "posix" and mode & 0o077:
            os.chmod(path, 0o600)
        data = json.loads(path.read_text(encoding="utf-8"))
        seed = _unb64(data["seed"], f"Khóa {path}")
        return WorkspaceKey(nacl.signing.SigningKey(seed), str(data.get("database_id", "")), str(data.get("name", "")),
                            _created_at(data.get("created_at")))
    except (OSError, ValueError, KeyError, TypeError, nacl.exceptions.CryptoError) as exc:
        raise KeysError(f"Không đọc được khóa ký của máy này ({path}): {exc}. Hãy khôi phục tệp từ bản sao "
                        "lưu; nếu tạo khóa mới, văn phòng phải tin cậy lại khóa mới.") from None


def _created_at(value: Any) -> dt.datetime | None:
    try:
        made = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return made if made.tzinfo else made.astimezone()


def load_or_create_key(data_dir: Path, database_id: str, name: str = "") -> WorkspaceKey:
    """The workspace's key, made now (owner-only, 0600) when it has none."""
    key = load_key(data_dir)
    if key is not None:
        return key
    path = key_path(data_dir)
    signing = nacl.signing.SigningKey.generate()
    made = dt.datetime.now().astimezone()  # to the microsecond: what was finalized before it needs no signature
    body = json.dumps({"format": SECRET_FORMAT, "version": 1, "seed": _b64(bytes(signing)),
                       "database_id": database_id, "name": name, "created_at": made.isoformat()},
                      ensure_ascii=False, indent=1)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return load_or_create_key(data_dir, database_id, name)
    except OSError as exc:
        raise KeysError(f"Không tạo được khóa ký {path}: {exc.strerror or exc}.") from None
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(body)
        fh.flush()
        os.fsync(fh.fileno())
    return WorkspaceKey(signing, database_id, name, made)


# --------------------------------------------------------------------------------------------------
# signed statements


def sign_statement(key: WorkspaceKey, statement: Mapping[str, Any]) -> dict[str, Any]:
    body = {k: v for k, v in statement.items() if k not in ("key", "fingerprint", "signature")}
    body["key"] = _b64(key.public.raw)
    body["fingerprint"] = key.fingerprint
    return {**body, "signature": _b64(key.sign(canonical(body)))}


def verify_statement(signed: Any) -> PublicKey:
    """The key that signed ``signed`` (its database as the statement says); KeysError when it does not verify."""
    if not isinstance(signed, dict) or not isinstance(signed.get("signature"), str):
        raise KeysError("Chữ ký không đọc được.")
    body = {k: v for k, v in signed.items() if k != "signature"}
    raw = _unb64(body.get("key"), "Khóa của chữ ký")
    if len(raw) != 32:
        raise KeysError("Khóa của chữ ký không đúng độ dài của khóa Ed25519.")
    key = PublicKey(raw, str(body.get("database_id", "")), str(body.get("name", "")))
    if not key.verify(canonical(body), _unb64(signed["signature"], "Chữ ký")):
        raise KeysError(f"Chữ ký không khớp nội dung (khóa {key.fingerprint}): dữ liệu đã bị sửa sau khi ký.")
    return key


# --------------------------------------------------------------------------------------------------
# trusted keys


class TrustStore:
    """The public keys a workspace trusts, has revoked, or has seen on a refused bundle (files)."""

    def __init__(self, data_dir: Path, own: PublicKey | None = None):
        self.root = Path(data_dir) / KEYS_DIR
        self.own = own

    def _dir(self, status: str) -> Path:
        return self.root / {TRUSTED: "trusted", REVOKED: "revoked", UNKNOWN: "seen"}[status]

    def _file(self, status: str, key: PublicKey) -> Path:
        return self._dir(status) / (key.file_stem + PUBLIC_SUFFIX)

    def _read(self, path: Path) -> PublicKey | None:
        try:
            return PublicKey.from_text(path.read_text(encoding="utf-8"), str(path))
        except (OSError, UnicodeDecodeError, KeysError):
            return None

    def _all(self, status: str) -> list[PublicKey]:
        folder = self._dir(status)
        if not folder.is_dir():
            return []
        return [k for p in sorted(folder.glob("*" + PUBLIC_SUFFIX)) if (k := self._read(p)) is not None]

    def status(self, key: PublicKey) -> str:
        if self.own is not None and key.raw == self.own.raw:
            return OWN
        for status in (REVOKED, TRUSTED):
            known = self._read(self._file(status, key))
            if known is not None and known.raw == key.raw:
                return status
        return UNKNOWN

    def record(self, key: PublicKey) -> PublicKey | None:
        """The trusted (or revoked) record of ``key``, with the database it was trusted for."""
        for status in (TRUSTED, REVOKED):
            known = self._read(self._file(status, key))
            if known is not None and known.raw == key.raw:
                return known
        return None

    def _write(self, status: str, key: PublicKey) -> Path:
        # on the disk before the command says it is trusted or revoked (a power cut must not undo a revocation)
        return write_atomic(self._file(status, key), key.to_text().encode("utf-8"))

    def trust(self, key: PublicKey) -> Path:
        if self.own is not None and key.raw == self.own.raw:
            raise KeysError("Đây là khóa của chính máy này; không cần tin cậy.")
        self._file(REVOKED, key).unlink(missing_ok=True)
        self._file(UNKNOWN, key).unlink(missing_ok=True)
        return self._write(TRUSTED, key)

    def revoke(self, key: PublicKey) -> Path:
        path = self._write(REVOKED, key)
        self._file(TRUSTED, key).unlink(missing_ok=True)
        return path

    def remember_seen(self, key: PublicKey) -> None:
        if self.status(key) == UNKNOWN:
            try:
                self._write(UNKNOWN, key)
            except OSError:
                pass

    def find(self, fingerprint: str) -> PublicKey:
        """A key trusted, revoked or seen here, by its fingerprint (the first eight characters are enough)."""
        wanted = normalize_fingerprint(fingerprint)
        if len(wanted) < 8:
            raise KeysError("Hãy ghi ít nhất 8 ký tự đầu của dấu vân tay.")
        found = {k.raw: k for s in (TRUSTED, REVOKED, UNKNOWN) for k in self._all(s) if k.file_stem.startswith(wanted)}
        if not found:
            raise KeysError(f"Không có khóa nào có dấu vân tay “{fingerprint}” (chưa thấy trên gói nào). "
                            "Hãy nhận tệp khóa công khai (antq keys export ở máy kia) rồi chạy antq keys trust TỆP.")
        if len(found) > 1:
            raise KeysError(f"Có {len(found)} khóa bắt đầu bằng “{fingerprint}”; hãy ghi dài hơn.")
        return next(iter(found.values()))

    def listing(self) -> list[tuple[PublicKey, str]]:
        return [(k, s) for s in (TRUSTED, REVOKED, UNKNOWN) for k in self._all(s)]


# --------------------------------------------------------------------------------------------------
# encrypted files


def is_sealed(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(SEALED_MAGIC)) == SEALED_MAGIC
    except OSError:
        return False


def seal_file(src: Path, dest: BinaryIO, recipient: PublicKey) -> None:
    """Encrypt ``src`` into ``dest`` for ``recipient`` (only its workspace key can open it)."""
    stream_key = sodium.crypto_secretstream_xchacha20poly1305_keygen()
    wrapped = nacl.public.SealedBox(recipient.box_key()).encrypt(stream_key)
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    header = sodium.crypto_secretstream_xchacha20poly1305_init_push(state, stream_key)
    meta = canonical({"to": recipient.fingerprint})
    dest.write(SEALED_MAGIC + struct.pack(">H", len(meta)) + meta + struct.pack(">H", len(wrapped)) + wrapped + header)
    size = src.stat().st_size
    done = 0
    with open(src, "rb") as fh:
        while True:
            chunk = fh.read(_CHUNK)
            done += len(chunk)
            final = done >= size or not chunk
            tag = (sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL if final
                   else sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE)
            sealed = sodium.crypto_secretstream_xchacha20poly1305_push(state, chunk, None, tag)
            dest.write(struct.pack(">I", len(sealed)) + sealed)
            if final:
                break


def sealed_recipient(path: Path) -> str:
    """The fingerprint an encrypted file is for."""
    with open(path, "rb") as fh:
        fh.read(len(SEALED_MAGIC))
        (n,) = struct.unpack(">H", _exact(fh, 2))
        try:
            return str(json.loads(_exact(fh, n)).get("to", ""))
        except (ValueError, AttributeError):
            return ""


def _exact(fh: BinaryIO, n: int) -> bytes:
    data = fh.read(n)
    if len(data) != n:
        raise KeysError("Tệp mã hóa bị cắt cụt.")
    return data


def open_sealed(path: Path, dest: BinaryIO, key: WorkspaceKey) -> None:
    """Decrypt ``path`` (made by :func:`seal_file` for ``key``) into ``dest``, chunk by chunk."""
    abytes = sodium.crypto_secretstream_xchacha20poly1305_ABYTES
    with open(path, "rb") as fh:
        if fh.read(len(SEALED_MAGIC)) != SEALED_MAGIC:
            raise KeysError("Tệp không phải gói mã hóa của antq.")
        (n,) = struct.unpack(">H", _exact(fh, 2))
        meta = _exact(fh, n)
        (n,) = struct.unpack(">H", _exact(fh, 2))
        wrapped = _exact(fh, n)
        try:
            box = nacl.public.SealedBox(key.signing.to_curve25519_private_key())
            stream_key = box.decrypt(wrapped)
        except nacl.exceptions.CryptoError:
            try:
                to = str(json.loads(meta).get("to", "?"))
            except (ValueError, AttributeError):
                to = "?"
            raise KeysError(f"Gói được mã hóa cho khóa {to}, không phải khóa của máy này ({key.fingerprint}); "
                            "máy này không mở được.") from None
        state = sodium.crypto_secretstream_xchacha20poly1305_state()
        sodium.crypto_secretstream_xchacha20poly1305_init_pull(
            state, _exact(fh, sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES), stream_key)
        while True:
            head = fh.read(4)
            if len(head) != 4:
                raise KeysError("Gói mã hóa bị cắt cụt (chép chưa xong?).")
            (n,) = struct.unpack(">I", head)
            if n > _CHUNK + abytes:
                raise KeysError("Gói mã hóa bị hỏng.")
            try:
                chunk, tag = sodium.crypto_secretstream_xchacha20poly1305_pull(state, _exact(fh, n), None)
            except nacl.exceptions.CryptoError:
                raise KeysError("Gói mã hóa bị hỏng hoặc bị sửa (không giải mã được).") from None
            dest.write(chunk)
            if tag == sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL:
                if fh.read(1):
                    raise KeysError("Gói mã hóa có dữ liệu thừa sau phần cuối (bị sửa).")
                return
