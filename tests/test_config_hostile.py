"""config.toml as people really write it: a typo in a key is named with the key it was meant to be
(a warning, never a stop), and a file saved by Windows Notepad (a UTF-8 BOM) reads like any other."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import run

from antq_tui.config import load_config

pytest_plugins = ("demo_fixture",)


def test_a_mistyped_key_is_reported_with_the_nearest_known_key_and_the_app_goes_on(workspace_config: Path):
    text = workspace_config.read_text(encoding="utf-8").replace('data_folder = "inspections"',
                                                                 'data_fodler = "du_lieu"')
    workspace_config.write_text(text + '\n[plugin]\nallow = ["criteria_xa"]\n', encoding="utf-8")
    config = load_config(workspace_config)
    assert any("“data_fodler” trong [workspace]" in w and "ý bạn là “data_folder”?" in w for w in config.warnings)
    assert any("“[plugin]”" in w and "ý bạn là “plugins”?" in w for w in config.warnings)
    result = run(workspace_config, "plugins")  # still runs, and says it on stderr
    assert "Lưu ý:" in result.stderr and "ý bạn là “data_folder”?" in result.stderr
    assert "criteria_xa" in result.stdout


def test_a_key_far_from_any_known_one_is_named_without_a_guess(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text('[district]\nname = "Bắc Yên"\nxyzzy = 1\n', encoding="utf-8")
    (warning,) = load_config(path).warnings
    assert "“xyzzy” trong [district]" in warning and "ý bạn là" not in warning


def test_a_config_written_as_antq_writes_it_has_no_warning(demo_workspace: Path):
    assert load_config(demo_workspace).warnings == []


def test_a_config_saved_with_a_bom_reads_like_any_other(workspace_config: Path):
    plain = load_config(workspace_config)
    workspace_config.write_bytes(b"\xef\xbb\xbf" + workspace_config.read_bytes())
    with_bom = load_config(workspace_config)
    assert with_bom.district == plain.district == "Bắc Yên"
    assert [m.name for m in with_bom.team] == [m.name for m in plain.team]
    assert run(workspace_config, "plugins").exit_code == 0


def test_plugins_allow_is_read_as_a_list_and_absent_means_every_plugin(workspace_config: Path):
    assert load_config(workspace_config).plugins_allow is None
    workspace_config.write_text(workspace_config.read_text(encoding="utf-8") + '\n[plugins]\nallow = "criteria_xa"\n',
                                encoding="utf-8")
    assert load_config(workspace_config).plugins_allow == ["criteria_xa"]
