"""config.toml: read, reported when broken (line and reason, never overwritten), written back keeping other keys."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_helpers import run

from antq_tui.config import ConfigError, Member, load_config, save_config


def test_reads_team_roles_and_resolves_paths_against_the_config_folder(tmp_path: Path):
    cfg_path = tmp_path / "ws" / "config.toml"
    cfg_path.parent.mkdir()
    cfg_path.write_text(
        '[district]\nname = "Bắc Yên"\nprovince = "Sơn La"\n'
        '[workspace]\ndata_folder = "du_lieu"\nplugin_folders = ["p1", "/abs/p2"]\n'
        '[[team]]\nname = "Lò Văn Thành"\nrole = "Trưởng đoàn"\n'
        '[[team]]\nname = "Cầm Thị Hoa"\nrole = "thu ky"\n',
        encoding="utf-8",
    )
    cfg = load_config(cfg_path)
    assert cfg.district == "Bắc Yên"
    assert cfg.data_folder == cfg_path.parent / "du_lieu"
    assert cfg.plugin_folders == [cfg_path.parent / "p1", Path("/abs/p2")]
    assert [m.role for m in cfg.team] == ["truong_doan", "thu_ky"]
    assert cfg.current_user == "Cầm Thị Hoa"  # the thư ký types


def test_broken_toml_is_reported_with_its_line_and_left_untouched(tmp_path: Path):
    cfg_path = tmp_path / "config.toml"
    text = '[district]\nname = "Bắc Yên"\nprovince = Sơn La\n'
    cfg_path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(cfg_path)
    assert "dòng 3" in str(info.value)
    assert str(cfg_path) in str(info.value)
    assert cfg_path.read_text(encoding="utf-8") == text


def test_cli_reports_broken_config_in_vietnamese_with_exit_2(tmp_path: Path):
    cfg_path = tmp_path / "config.toml"
    cfg_path.write_text("[[team]]\nname = \"A\"\nrole = \"đầu bếp\"\n", encoding="utf-8")
    result = run(cfg_path, "plugins", expect=2)
    assert "Vai trò “đầu bếp” không hợp lệ" in result.stderr
    assert "Traceback" not in result.output


def test_wrong_type_is_named_by_key(tmp_path: Path):
    cfg_path = tmp_path / "config.toml"
    cfg_path.write_text('[minutes]\ncopies = "hai"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"minutes\.copies"):
        load_config(cfg_path)


def test_save_keeps_other_keys_and_makes_a_backup(tmp_path: Path):
    cfg_path = tmp_path / "config.toml"
    cfg_path.write_text(
        '[district]\nname = "Bắc Yên"\n[province_extra]\nnote = "giữ nguyên"\n[workspace]\nbackups_keep = 3\n',
        encoding="utf-8",
    )
    cfg = load_config(cfg_path)
    cfg.team = [Member("Lò Văn Thành", "Thượng tá", "Phó Trưởng Công an huyện", "truong_doan")]
    cfg.issuing_body = ["ĐOÀN KIỂM TRA"]
    again = save_config(cfg)
    assert again.raw["province_extra"] == {"note": "giữ nguyên"}
    assert again.backups_keep == 3
    assert again.team[0].name == "Lò Văn Thành" and again.team[0].role == "truong_doan"
    assert (tmp_path / "config.toml.bak").read_text(encoding="utf-8").startswith("[district]")


def test_antq_config_environment_variable_chooses_the_workspace(tmp_path: Path, monkeypatch, workspace_config):
    from click.testing import CliRunner

    from antq_tui.cli import main

    monkeypatch.setenv("ANTQ_CONFIG", str(workspace_config))
    monkeypatch.chdir(tmp_path.parent)
    result = CliRunner().invoke(main, ["criteria", "--json"])
    assert result.exit_code == 0, result.output
    assert "xa" in result.stdout


def test_missing_config_uses_defaults_and_writes_nothing(tmp_path: Path):
    cfg = load_config(tmp_path / "config.toml")
    assert cfg.data_folder == tmp_path / "inspections"
    assert not os.listdir(tmp_path)


def test_a_mistyped_config_path_is_refused_and_creates_nothing(tmp_path: Path):
    missing = tmp_path / "khong_co" / "config.toml"
    for args in (["list"], ["plugins"], []):
        result = run(missing, *args, expect=2)
        assert "Không tìm thấy tệp cấu hình" in result.stderr
    assert not (tmp_path / "khong_co").exists()


def test_output_paths_never_name_the_database_or_the_config(workspace_config: Path):
    from antq_tui.files import OutputPathError, check_output_path
    from antq_tui.workspace import Workspace

    ws = Workspace.open(workspace_config, entry_points=False)
    for path in (ws.db_path, ws.db_path.with_name("antq.db-wal"), workspace_config):
        with pytest.raises(OutputPathError, match="Không ghi đè"):
            check_output_path(ws, path)
    assert check_output_path(ws, ws.data_dir / "bb.pdf") == ws.data_dir / "bb.pdf"


def test_written_files_are_readable_by_the_office_like_any_other_file(tmp_path: Path):
    import stat

    from antq_tui.files import write_atomic

    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "bb.pdf", b"%PDF")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "bb.pdf").stat().st_mode) == 0o644
