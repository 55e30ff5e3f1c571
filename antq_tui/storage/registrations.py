"""The registration list of each year (``registrations``) and the attributes of the units on the
registry of units (``unit_registry.attributes``)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..folding import nfc
from ..inspection import Unit
from .codec import dumps, now, text_value, ts, unit_from_row
from .core import StoreCore
from .errors import InvalidValueError, NotFoundError


@dataclass(frozen=True)
class Registration:
    """A unit registered in ``year`` to build the model, on ``registered_on``."""

    year: int
    unit: Unit
    registered_on: dt.date
    note: str = ""
    created_by: str = ""


class RegistrationsRepository(StoreCore):

    def register(self, unit_id: str, year: int, registered_on: dt.date, *, note: str = "",
                 user: str | None = None) -> tuple[Registration, bool]:
        """Put the unit on ``year``'s registration list (or update its date and note). Logged.

        Returns the registration and whether it is new.
        """
        if not isinstance(year, int) or not 2000 <= year <= 2100:
            raise InvalidValueError(f"Năm không hợp lệ: {year!r}.", "year")
        note = text_value(note, "Ghi chú", field_id="note").strip()
        at = now()
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM units WHERE id = ?", [unit_id]).fetchone() is None:
                raise NotFoundError(f"Không tìm thấy đơn vị “{unit_id}”.")
            old = self._one("SELECT registered_on, note FROM registrations WHERE year = ? AND unit_id = ?",
                            [year, unit_id])
            values = {"registered_on": registered_on.isoformat(), "note": note}
            if old is None:
                conn.execute("INSERT INTO registrations (year, unit_id, registered_on, note, created_at, created_by)"
                             " VALUES (?, ?, ?, ?, ?, ?)",
                             [year, unit_id, values["registered_on"], note, ts(at), user or self.user])
                self._log(at, user, None, "registration.add", f"{year}:{unit_id}", None, values)
            elif old != values:
                conn.execute("UPDATE registrations SET registered_on = ?, note = ? WHERE year = ? AND unit_id = ?",
                             [values["registered_on"], note, year, unit_id])
                self._log(at, user, None, "registration.update", f"{year}:{unit_id}", old, values)
        return self.registration(year, unit_id), old is None

    def unregister(self, unit_id: str, year: int, *, user: str | None = None) -> bool:
        """Take the unit off ``year``'s list (the unit and its inspections stay). Logged. False if it was not on it."""
        at = now()
        with self._write() as conn:
            old = self._one("SELECT registered_on, note FROM registrations WHERE year = ? AND unit_id = ?",
                            [year, unit_id])
            if old is None:
                return False
            conn.execute("DELETE FROM registrations WHERE year = ? AND unit_id = ?", [year, unit_id])
            self._log(at, user, None, "registration.remove", f"{year}:{unit_id}", old, None)
        return True

    def registration(self, year: int, unit_id: str) -> Registration:
        rows = self._registrations("registrations.year = ? AND registrations.unit_id = ?", [year, unit_id])
        if not rows:
            raise NotFoundError(f"Đơn vị “{unit_id}” chưa đăng ký năm {year}.")
        return rows[0]

    def registrations(self, year: int | None = None) -> list[Registration]:
        """The registrations of ``year`` (all years when None), by year, then date, then name."""
        if year is None:
            return self._registrations("1", [])
        return self._registrations("registrations.year = ?", [year])

    def registration_years(self) -> list[int]:
        return [r["year"] for r in self._query("SELECT DISTINCT year FROM registrations ORDER BY year")]

    def _registrations(self, where: str, params: list) -> list[Registration]:
        rows = self._query(
            "SELECT registrations.year, registrations.registered_on, registrations.note, registrations.created_by,"
            " units.* FROM registrations JOIN units ON units.id = registrations.unit_id"
            f" WHERE {where} ORDER BY registrations.year, registrations.registered_on, units.name_folded", params)
        return [Registration(r["year"], unit_from_row(r), dt.date.fromisoformat(r["registered_on"]), r["note"],
                             r["created_by"]) for r in rows]

    # ----------------------------------------------------------------------------------------------
    # attributes of the units on the registry ("nong_thon_moi")

    def unit_attributes(self) -> dict[str, tuple[str, ...]]:
        """Unit id → the attributes it has on the registry (only units that have some)."""
        out = {}
        for r in self._query("SELECT unit_id, attributes FROM unit_registry WHERE attributes != '[]'"):
            values = json.loads(r["attributes"] or "[]")
            if values:
                out[r["unit_id"]] = tuple(values)
        return out

    def set_unit_attributes(self, attributes: Mapping[str, Iterable[str]], *, user: str | None = None) -> None:
        """Set the attributes of units on the registry (unit id → attribute ids), in one transaction. Logged."""
        at = now()
        with self._write() as conn:
            for unit_id, values in attributes.items():
                wanted = sorted({nfc(v).strip() for v in values if str(v).strip()})
                row = conn.execute("SELECT attributes FROM unit_registry WHERE unit_id = ?", [unit_id]).fetchone()
                if row is None:
                    raise NotFoundError(f"Đơn vị “{unit_id}” không có trong danh sách đơn vị.")
                old = json.loads(row[0] or "[]")
                if old == wanted:
                    continue
                conn.execute("UPDATE unit_registry SET attributes = ? WHERE unit_id = ?", [dumps(wanted), unit_id])
                self._log(at, user, None, "registry.attributes", unit_id, old, wanted)
