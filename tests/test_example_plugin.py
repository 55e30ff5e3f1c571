"""The example province plugin (docs/examples/tinh_tuyen_quang): copied into a workspace's plugin
folders, it amends criterion 18 of the commune set and adds a criterion 35 of its own."""

from __future__ import annotations

import ast
from pathlib import Path

from cli_helpers import run, run_json
from conftest import REPO, write_workspace

import antq_tui

EXAMPLE = "tinh_tuyen_quang"


def workspace_with_example(tmp_path: Path, copy_example) -> Path:
    return write_workspace(tmp_path, plugin_folders=[copy_example(EXAMPLE)])


def test_the_example_is_not_loaded_by_default(workspace_config):
    data = run_json(workspace_config, "criteria", "xa")
    assert len(data["criteria"]) == 34
    assert not any(c["amended_by"] for c in data["criteria"])


def test_copied_into_a_plugin_folder_it_loads_without_problems(tmp_path, copy_example):
    data = run_json(workspace_with_example(tmp_path, copy_example), "plugins")
    example = next(p for p in data["plugins"] if p["name"] == EXAMPLE)
    assert example["hooks"] == ["antq_amendments", "antq_calendar", "antq_targets"] and example["version"] == "0.2.0"
    assert data["problems"] == []


def test_criteria_json_shows_the_amendment_and_the_added_criterion(tmp_path, copy_example):
    config = workspace_with_example(tmp_path, copy_example)
    data = run_json(config, "criteria", "xa")
    by_number = {c["number"]: c for c in data["criteria"]}
    assert sorted(by_number) == list(range(1, 36))
    amended = by_number[18]
    assert amended["amended_by"] == [EXAMPLE]
    assert amended["evidence"][-1] == "Số liệu thống kê tội phạm của Công an huyện, đối chiếu với số liệu của xã"
    assert amended["text"].startswith("Kiềm chế hoặc giảm ít nhất 5 %")  # the decision's text is kept
    assert "không tính “kiềm chế”" in amended["amendments"][0]["note"] and amended["amendments"][0]["kind"] == "sua"
    added = by_number[35]
    # an added criterion is told from an amended one
    assert added["added_by"] == EXAMPLE and added["amended_by"] == [] and added["source"] == EXAMPLE
    assert [a["kind"] for a in added["amendments"]] == ["them"]
    assert added["group_title"] == "Tiêu chí riêng của tỉnh Tuyên Quang"
    assert "Dương Văn Mình" in added["text"]
    assert data["groups"][-1] == {"id": "tuyen_quang", "title": "Tiêu chí riêng của tỉnh Tuyên Quang"}
    assert [c for n, c in by_number.items() if (c["amended_by"] or c["added_by"]) and n not in (18, 35)] == []
    text = run(config, "criteria", "xa").stdout
    assert "Tiêu chí 18. Kiềm chế" in text and "[sửa đổi: tinh_tuyen_quang]" in text
    assert "[thêm: tinh_tuyen_quang]" in text


def test_antq_check_uses_the_tightened_check(tmp_path, copy_example, workspace_config):
    args = ["check", "xa", "18", "-i", "crimes_previous_year=42", "-i", "crimes_this_year=41"]
    official = run_json(workspace_config, *args)
    assert (official["verdict"], official["judgement"]) == ("dat", True)
    config = workspace_with_example(tmp_path, copy_example)
    strict = run_json(config, *args)
    assert strict == {"verdict": "khong_dat", "judgement": False,
                      "reason": "giảm 2,4% (42 → 41 vụ): chưa đạt mức giảm ≥ 5% (tỉnh không tính “kiềm chế”)"}
    assert run_json(config, "check", "xa", "18", "-i", "crimes_previous_year=40",
                    "-i", "crimes_this_year=38")["verdict"] == "dat"  # exactly 5% still passes
    assert run_json(config, "check", "xa", "18", "-i", "crimes_previous_year=42",
                    "-i", "crimes_this_year=42")["reason"].startswith("không đổi (42 → 42 vụ)")


def test_antq_check_runs_the_added_criterion(tmp_path, copy_example):
    config = workspace_with_example(tmp_path, copy_example)
    args = ["check", "xa", "35", "-i", "dvm_new_followers=0"]
    assert run(config, *args, "-i", "dvm_activities=0").stdout.startswith("Gợi ý: Đạt — không có người mới theo")
    assert run_json(config, *args, "-i", "dvm_activities=1")["reason"] == "có 1 vụ tụ tập, tuyên truyền, lôi kéo trái phép"
    assert run_json(config, *args)["verdict"] == "chua_du"


def test_plugins_import_only_the_public_contract():
    """The official sets and the example are written against ``antq_tui``'s public names only,
    with their own submodules imported relatively (they load by path and as installed packages)."""
    public = set(antq_tui.__all__)
    folders = [REPO / "plugins" / "criteria_xa", REPO / "plugins" / "criteria_coquan",
               REPO / "docs" / "examples" / EXAMPLE]
    for path in (p for folder in folders for p in folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("antq") for a in node.names), path
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                assert node.module == "antq_tui", (path, node.module)
                assert {a.name for a in node.names} <= public, path
