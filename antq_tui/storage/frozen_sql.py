"""The SQL of each migration, frozen as literal text: what a migration ran once it shipped never changes.

Written out in full (no loops, no constants of other modules): SQLite keeps the text of every
CREATE statement in the file, and a database made last year must look exactly like one made today
by the same migrations. To change the schema, add a migration (:mod:`.migrations`) and its SQL
here; never edit these. The trigger messages ``antq_finalized`` and ``antq_append_only`` are
:data:`~antq_tui.storage.db.TRIGGER_FINALIZED` and ``TRIGGER_APPEND_ONLY`` (a test checks they agree).
"""

# fmt: off

#: 0001_initial: the tables, their indexes, the guards of finalized inspections, the append-only log
M0001_INITIAL = (
    """
    CREATE TABLE units (
        id TEXT PRIMARY KEY,                -- a UUID, the same on every laptop
        name TEXT NOT NULL,                 -- NFC, as typed: "Xã Phiêng Ban"
        kind TEXT NOT NULL,                 -- a key of antq_tui.criteria.UNIT_KINDS
        district TEXT NOT NULL DEFAULT '',
        province TEXT NOT NULL DEFAULT '',
        name_folded TEXT NOT NULL,          -- antq_tui.folding.fold(name)
        search_folded TEXT NOT NULL,        -- fold(name, kind label, district, province)
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    'CREATE INDEX units_name_folded ON units(name_folded)',
    """
    CREATE TABLE snapshots (
        -- a criteria set as an inspection started with it; identical snapshots are stored once
        sha256 TEXT PRIMARY KEY,            -- over the four JSON texts below, joined by newlines
        criteria TEXT NOT NULL,             -- JSON: CriteriaSet.to_data() after amendments
        eligibility TEXT NOT NULL DEFAULT '[]',  -- JSON: [EligibilityCheck.to_data() + fingerprint]
        plugins TEXT NOT NULL DEFAULT '{}',  -- JSON: plugin name -> version
        fingerprints TEXT NOT NULL DEFAULT '{}',  -- JSON: criterion number -> Criterion.fingerprint()
        taken_at TEXT NOT NULL              -- when it was first taken
    )
    """,
    """
    CREATE TABLE inspections (
        id TEXT PRIMARY KEY,                -- a UUID, globally unique (bundles merge on it)
        unit_id TEXT NOT NULL REFERENCES units(id),
        -- the unit as it was named when inspected: a finalized inspection keeps these after a merger
        unit_name TEXT NOT NULL,
        unit_kind TEXT NOT NULL,
        unit_district TEXT NOT NULL DEFAULT '',
        unit_province TEXT NOT NULL DEFAULT '',
        year INTEGER NOT NULL,
        set_id TEXT NOT NULL,
        set_version TEXT NOT NULL,
        snapshot_sha256 TEXT NOT NULL REFERENCES snapshots(sha256),
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'finalized')),
        visit_date TEXT,                    -- ISO yyyy-mm-dd
        place TEXT NOT NULL DEFAULT '',
        start_time TEXT NOT NULL DEFAULT '',  -- "08:00"
        end_time TEXT NOT NULL DEFAULT '',
        team TEXT NOT NULL DEFAULT '[]',    -- JSON list of Member
        representatives TEXT NOT NULL DEFAULT '[]',
        strengths TEXT NOT NULL DEFAULT '',
        shortcomings TEXT NOT NULL DEFAULT '',
        recommendations TEXT NOT NULL DEFAULT '',
        conclusion TEXT NOT NULL DEFAULT '',
        minutes_number TEXT NOT NULL DEFAULT '',
        criteria_total INTEGER NOT NULL,    -- criteria in the snapshot
        assessed INTEGER NOT NULL DEFAULT 0,  -- answers with a team verdict (kept by the store)
        search_folded TEXT NOT NULL,        -- fold(unit name, kind label, district, province, year, set)
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        finalized_at TEXT
    )
    """,
    'CREATE INDEX inspections_unit_year ON inspections(unit_id, year)',
    'CREATE INDEX inspections_year ON inspections(year)',
    'CREATE INDEX inspections_updated ON inspections(updated_at)',
    """
    CREATE TABLE answers (
        inspection_id TEXT NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        self_assessment TEXT CHECK (self_assessment IN ('dat', 'khong_dat')),
        verdict TEXT CHECK (verdict IN ('dat', 'khong_dat')),
        inputs TEXT NOT NULL DEFAULT '{}',  -- JSON: field id -> Field.to_json(value)
        suggestion TEXT,                    -- JSON: Suggestion.to_json()
        evidence TEXT NOT NULL DEFAULT '[]',  -- JSON: [{item, seen, number, date, note}]
        remark TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (inspection_id, number)
    )
    """,
    """
    CREATE TABLE eligibility_answers (
        inspection_id TEXT NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
        check_id TEXT NOT NULL,
        inputs TEXT NOT NULL DEFAULT '{}',
        suggestion TEXT,
        decision TEXT CHECK (decision IN ('dat', 'khong_dat')),
        remark TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (inspection_id, check_id)
    )
    """,
    """
    CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        inspection_id TEXT NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
        number INTEGER,                     -- the criterion it documents, if any
        name TEXT NOT NULL,                 -- the original file name
        path TEXT NOT NULL,                 -- relative to the data folder
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL DEFAULT ''
    )
    """,
    'CREATE INDEX attachments_inspection ON attachments(inspection_id)',
    """
    CREATE TABLE exports (
        id TEXT PRIMARY KEY,
        inspection_id TEXT NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
        path TEXT NOT NULL,                 -- relative to the data folder when inside it
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        status TEXT NOT NULL,               -- the inspection's status when exported
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL DEFAULT ''
    )
    """,
    'CREATE INDEX exports_inspection ON exports(inspection_id)',
    """
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        who TEXT NOT NULL,
        inspection_id TEXT,                 -- no foreign key: the log outlives a deleted draft
        action TEXT NOT NULL,               -- "answer.verdict", "inspection.finalize", …
        target TEXT NOT NULL DEFAULT '',    -- criterion number, field name, check id, …
        old TEXT,                           -- JSON
        new TEXT,                           -- JSON
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL                  -- sha256(prev_hash + this row's content)
    )
    """,
    'CREATE INDEX audit_inspection ON audit(inspection_id, id)',
    """
    CREATE TRIGGER inspections_finalized_update BEFORE UPDATE ON inspections
    WHEN OLD.status = 'finalized' AND NEW.status = 'finalized'
    BEGIN SELECT RAISE(ABORT, 'antq_finalized'); END
    """,
    """
    CREATE TRIGGER inspections_finalized_delete BEFORE DELETE ON inspections
    WHEN OLD.status = 'finalized'
    BEGIN SELECT RAISE(ABORT, 'antq_finalized'); END
    """,
    """
        CREATE TRIGGER answers_finalized_insert BEFORE INSERT ON answers
        WHEN (SELECT status FROM inspections WHERE id = NEW.inspection_id) = 'finalized'
        BEGIN SELECT RAISE(ABORT, 'antq_finalized'); END
        """,
    """
        CREATE TRIGGER answers_finalized_update BEFORE UPDATE ON answers
        WHEN (SELECT status FROM inspections WHERE id = NEW.inspection_id) = 'finalized'
        BEGIN SELECT RAISE(ABORT, 'antq_finalized'); END
        """,
    """
        CREATE TRIGGER answers_finalized_delete BEFORE DELETE ON answers
        WHEN (SELECT status FROM inspections WHERE id = OLD.inspection_id) = 'finalized'
        BEGIN SELECT RAISE(ABORT, 'antq_finalized'); END
        """,
    """
        CREATE TRIGGER eligibility_answers_finalized_insert BEFORE INSERT ON eligibility_answers
        WHEN (SELECT status FROM inspections WHERE id = NEW.inspection_id) = 'finalized'
        BEGIN SELECT RAISE(ABORT, 'antq_finalized'); END
        """,
    """
        CREATE TRIGGER eligibility_answers_finalized_update BEFORE UPDATE ON eligibility_answers
        WHEN (SELECT status FROM inspections WHERE id = NEW.inspection_id) = 'finalized'
        BEGIN SELECT RAISE(ABORT, 'antq_finalized'); END
        """,
    """
        CREATE TRIGGER eligibility_answers_finalized_delete BEFORE DELETE ON eligibility_answers
        WHEN (SELECT status FROM inspections WHERE id = OLD.inspection_id) = 'finalized'
        BEGIN SELECT RAISE(ABORT, 'antq_finalized'); END
        """,
    """
        CREATE TRIGGER attachments_finalized_insert BEFORE INSERT ON attachments
        WHEN (SELECT status FROM inspections WHERE id = NEW.inspection_id) = 'finalized'
        BEGIN SELECT RAISE(ABORT, 'antq_finalized'); END
        """,
    """
        CREATE TRIGGER attachments_finalized_update BEFORE UPDATE ON attachments
        WHEN (SELECT status FROM inspections WHERE id = NEW.inspection_id) = 'finalized'
        BEGIN SELECT RAISE(ABORT, 'antq_finalized'); END
        """,
    """
        CREATE TRIGGER attachments_finalized_delete BEFORE DELETE ON attachments
        WHEN (SELECT status FROM inspections WHERE id = OLD.inspection_id) = 'finalized'
        BEGIN SELECT RAISE(ABORT, 'antq_finalized'); END
        """,
    """
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'antq_append_only'); END
    """,
    """
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'antq_append_only'); END
    """,
    """
    CREATE TRIGGER snapshots_no_update BEFORE UPDATE ON snapshots
    BEGIN SELECT RAISE(ABORT, 'antq_append_only'); END
    """,
    """
    CREATE TRIGGER snapshots_no_delete BEFORE DELETE ON snapshots
    BEGIN SELECT RAISE(ABORT, 'antq_append_only'); END
    """,
)

#: 0002_origin: the guard of 0001, dropped for one backfill and created again
M0002_FINALIZED_UPDATE_GUARD = """
    CREATE TRIGGER inspections_finalized_update BEFORE UPDATE ON inspections
    WHEN OLD.status = 'finalized' AND NEW.status = 'finalized'
    BEGIN SELECT RAISE(ABORT, 'antq_finalized'); END
    """

#: 0003_bundles: the imported audit rows' origins are append-only too
M0003_AUDIT_ORIGIN_APPEND_ONLY = (
    "CREATE TRIGGER audit_origin_no_update BEFORE UPDATE ON audit_origin BEGIN SELECT RAISE(ABORT, 'antq_append_only'); END",
    "CREATE TRIGGER audit_origin_no_delete BEFORE DELETE ON audit_origin BEGIN SELECT RAISE(ABORT, 'antq_append_only'); END",
)

#: 0005_reopen_guard
M0005_REOPEN_GUARD = """
        CREATE TRIGGER inspections_finalized_reopen BEFORE UPDATE OF status ON inspections
        WHEN OLD.status = 'finalized' AND NEW.status IS NOT 'finalized' AND antq_reopening(OLD.id) IS NOT 1
        BEGIN SELECT RAISE(ABORT, 'antq_finalized'); END
        """

#: 0006_guards_old_rows: the update guards of 0001 looked only at the NEW row, so moving a row out of a
#: finalized inspection (``SET inspection_id = '<draft>'``) went through; these check OLD as well.
#: Recorded exports are never edited, and never deleted once the minutes were official.
M0006_GUARDS_OLD_ROWS = (
    "DROP TRIGGER answers_finalized_update",
    """
    CREATE TRIGGER answers_finalized_update BEFORE UPDATE ON answers
    WHEN (SELECT status FROM inspections WHERE id = OLD.inspection_id) = 'finalized'
      OR (SELECT status FROM inspections WHERE id = NEW.inspection_id) = 'finalized'
    BEGIN SELECT RAISE(ABORT, 'antq_finalized'); END
    """,
    "DROP TRIGGER eligibility_answers_finalized_update",
    """
    CREATE TRIGGER eligibility_answers_finalized_update BEFORE UPDATE ON eligibility_answers
    WHEN (SELECT status FROM inspections WHERE id = OLD.inspection_id) = 'finalized'
      OR (SELECT status FROM inspections WHERE id = NEW.inspection_id) = 'finalized'
    BEGIN SELECT RAISE(ABORT, 'antq_finalized'); END
    """,
    "DROP TRIGGER attachments_finalized_update",
    """
    CREATE TRIGGER attachments_finalized_update BEFORE UPDATE ON attachments
    WHEN (SELECT status FROM inspections WHERE id = OLD.inspection_id) = 'finalized'
      OR (SELECT status FROM inspections WHERE id = NEW.inspection_id) = 'finalized'
    BEGIN SELECT RAISE(ABORT, 'antq_finalized'); END
    """,
    """
    CREATE TRIGGER exports_no_update BEFORE UPDATE ON exports
    BEGIN SELECT RAISE(ABORT, 'antq_recorded'); END
    """,
    """
    CREATE TRIGGER exports_finalized_delete BEFORE DELETE ON exports
    WHEN OLD.status = 'finalized'
      OR (SELECT status FROM inspections WHERE id = OLD.inspection_id) = 'finalized'
    BEGIN SELECT RAISE(ABORT, 'antq_recorded'); END
    """,
)

#: 0008_attachment_evidence: which evidence record of its criterion an attached file shows (0-based,
#: NULL for the criterion as a whole); a record needs a criterion
M0008_ATTACHMENT_EVIDENCE = (
    "ALTER TABLE attachments ADD COLUMN evidence_index INTEGER"
    " CHECK (evidence_index IS NULL OR (number IS NOT NULL AND evidence_index >= 0))",
)


# 0015: what the unit itself declared before the visit (its self-assessment form), kept apart from the
# team's answers; finalized inspections are guarded as the answers are.
M0015_UNIT_DECLARATIONS = (
    """
    CREATE TABLE unit_declarations (
        inspection_id TEXT NOT NULL REFERENCES inspections(id),
        number INTEGER NOT NULL,
        self_assessment TEXT CHECK (self_assessment IS NULL OR self_assessment IN ('dat', 'khong_dat')),
        inputs TEXT NOT NULL DEFAULT '{}',
        evidence TEXT NOT NULL DEFAULT '[]',
        remark TEXT NOT NULL DEFAULT '',
        source_sha256 TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (inspection_id, number)
    )
    """,
    """
        CREATE TRIGGER unit_declarations_finalized_insert BEFORE INSERT ON unit_declarations
        WHEN (SELECT status FROM inspections WHERE id = NEW.inspection_id) = 'finalized'
        BEGIN SELECT RAISE(ABORT, 'antq_finalized'); END
        """,
    """
        CREATE TRIGGER unit_declarations_finalized_update BEFORE UPDATE ON unit_declarations
        WHEN (SELECT status FROM inspections WHERE id = NEW.inspection_id) = 'finalized'
           OR (SELECT status FROM inspections WHERE id = OLD.inspection_id) = 'finalized'
        BEGIN SELECT RAISE(ABORT, 'antq_finalized'); END
        """,
    """
        CREATE TRIGGER unit_declarations_finalized_delete BEFORE DELETE ON unit_declarations
        WHEN (SELECT status FROM inspections WHERE id = OLD.inspection_id) = 'finalized'
        BEGIN SELECT RAISE(ABORT, 'antq_finalized'); END
        """,
)
