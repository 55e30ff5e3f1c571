"""Units (``units``) and the district's registry of units (``unit_registry``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..criteria import UNIT_KINDS
from ..folding import fold, nfc
from ..inspection import STATUS_DRAFT, Unit
from . import search
from .codec import now, text_value, ts, unit_from_row
from .core import StoreCore
from .errors import InvalidValueError, NotFoundError
from .ids import is_unit_id


class UnitsRepository(StoreCore):

    def upsert_unit(self, unit: Unit, *, user: str | None = None) -> dt.datetime:
        """Add a unit, or update its name, kind, district or province (matched on ``unit.id``).

        Draft inspections of the unit follow the new name; finalized ones keep the name they were
        inspected under (the 2024 minutes of a commune merged in 2025 keep the old name).
        Returns the time saved.
        """
        at = now()
        with self._write():
            self._upsert_unit(unit, at, user)
        return at

    def _upsert_unit(self, unit: Unit, at: dt.datetime, user: str | None) -> None:
        if not is_unit_id(unit.id):
            raise InvalidValueError(f"Mã đơn vị không hợp lệ: “{unit.id}” (chỉ gồm chữ, số, “.”, “_”, “-”).", "id")
        if unit.kind not in UNIT_KINDS:
            raise InvalidValueError(
                f"Loại đơn vị không hợp lệ: “{unit.kind}”. Chọn một trong: " + ", ".join(UNIT_KINDS), "kind"
            )
        name = text_value(unit.name, "Tên đơn vị", field_id="name").strip()
        if not name:
            raise InvalidValueError("Tên đơn vị không được để trống.", "name")
        values = {"name": name, "kind": unit.kind,
                  "district": text_value(unit.district, "Huyện", field_id="district").strip(),
                  "province": text_value(unit.province, "Tỉnh", field_id="province").strip()}
        old = self._one("SELECT name, kind, district, province FROM units WHERE id = ?", [unit.id])
        if old == values:
            return
        folded = {"name_folded": fold(values["name"]),
                  "search_folded": search.unit_text(values["name"], values["kind"], values["district"],
                                                    values["province"])}
        if old is None:
            self.conn.execute(
                "INSERT INTO units (id, name, kind, district, province, name_folded, search_folded, created_at,"
                " updated_at) VALUES (:id, :name, :kind, :district, :province, :name_folded, :search_folded,"
                " :at, :at)",
                {"id": unit.id, **values, **folded, "at": ts(at)},
            )
            self._log(at, user, None, "unit.create", unit.id, None, values)
            return
        self.conn.execute(
            "UPDATE units SET name = :name, kind = :kind, district = :district, province = :province,"
            " name_folded = :name_folded, search_folded = :search_folded, updated_at = :at WHERE id = :id",
            {"id": unit.id, **values, **folded, "at": ts(at)},
        )
        for row in self._query("SELECT id, year, set_id FROM inspections WHERE unit_id = ? AND status = ?",
                               [unit.id, STATUS_DRAFT]):
            self.conn.execute(
                "UPDATE inspections SET unit_name = ?, unit_kind = ?, unit_district = ?, unit_province = ?,"
                " search_folded = ? WHERE id = ?",
                [values["name"], values["kind"], values["district"], values["province"],
                 search.inspection_text(values["name"], values["kind"], values["district"], values["province"],
                                        row["year"], row["set_id"]), row["id"]],
            )
        self._log(at, user, None, "unit.update", unit.id, old, values)

    def get_unit(self, unit_id: str) -> Unit:
        """The unit with this id; :class:`NotFoundError` if none."""
        row = self._one("SELECT * FROM units WHERE id = ?", [unit_id])
        if row is None:
            raise NotFoundError(f"Không tìm thấy đơn vị “{unit_id}”.")
        return unit_from_row(row)

    def find_units(self, query: str = "", *, kind: str | None = None, limit: int | None = None) -> list[Unit]:
        """Units whose name, kind, district or province contain every word of ``query``.

        Case, diacritics (đ → d) and Unicode form are ignored: "phieng ban" finds "Xã Phiêng Ban".
        Sorted by name. An empty query lists every unit.
        """
        cond, params = search.where("search_folded", query)
        sql = f"SELECT * FROM units WHERE {cond}"
        if kind:
            sql += " AND kind = ?"
            params.append(kind)
        sql += " ORDER BY name_folded, name"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [unit_from_row(r) for r in self._query(sql, params)]

    # ----------------------------------------------------------------------------------------------
    # the registry of units (the district's full list: the denominator of the statistics)

    def register_units(self, units: Sequence[Unit], *, source: str = "", replace: bool = False,
                       user: str | None = None) -> dt.datetime:
        """Put ``units`` on the registry, adding or updating each unit, all in one transaction.

        Either every unit is saved or none is (an invalid unit raises :class:`InvalidValueError`
        and nothing is written). With ``replace`` the registry becomes exactly ``units``: units not
        among them leave the list (the units themselves and their inspections stay). Logged.
        """
        at = now()
        with self._write() as conn:
            wanted = set()
            for unit in units:
                self._upsert_unit(unit, at, user)
                wanted.add(unit.id)
                if conn.execute("SELECT 1 FROM unit_registry WHERE unit_id = ?", [unit.id]).fetchone() is None:
                    conn.execute("INSERT INTO unit_registry (unit_id, source, added_at, added_by) VALUES (?, ?, ?, ?)",
                                 [unit.id, nfc(source), ts(at), user or self.user])
                    self._log(at, user, None, "registry.add", unit.id, None, {"source": nfc(source)})
            if replace:
                for (unit_id,) in conn.execute("SELECT unit_id FROM unit_registry").fetchall():
                    if unit_id not in wanted:
                        conn.execute("DELETE FROM unit_registry WHERE unit_id = ?", [unit_id])
                        self._log(at, user, None, "registry.remove", unit_id, None, None)
        return at

    def registered_units(self, *, district: str | None = None) -> list[Unit]:
        """The units on the registry (of one district, compared ignoring case and diacritics), by name."""
        units = [unit_from_row(r) for r in self._query(
            "SELECT units.* FROM units JOIN unit_registry ON unit_registry.unit_id = units.id"
            " ORDER BY units.name_folded, units.name")]
        if district:
            units = [u for u in units if fold(u.district) == fold(district)]
        return units

