"""The import layers hold, and the linter that proves it really fails on a wrong import.

`make check` runs `lint-imports` over the contracts in pyproject.toml. These tests run it
on a copy of the code, once as it is and once with a single import that breaks a rule,
so a contract that accidentally checks nothing would be noticed here.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from evaluations.services import completion_blockers
from placements.services import lifecycle

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("stagegids", "companies", "placements", "evaluations")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


@pytest.fixture(scope="module")
def code_copy(tmp_path_factory) -> Path:
    """The project's packages and pyproject.toml in a fresh folder."""
    copy = tmp_path_factory.mktemp("layers")
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, copy / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


def lint_imports(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=folder,
        env={"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def broken_copy(code_copy, request) -> Path:
    """``code_copy`` with one extra module, removed again after the test."""
    path, source = request.param
    module = code_copy / path
    module.write_text(source)
    yield code_copy
    module.unlink()


def test_lint_imports_keeps_both_contracts_of_the_real_code(code_copy):
    result = lint_imports(code_copy)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("broken_copy", "expected"),
    [
        pytest.param(
            ("stagegids/core/uses_placements.py", "import placements.models\n"),
            "stagegids.core.uses_placements -> placements.models",
            id="core-imports-placements",
        ),
        pytest.param(
            ("placements/uses_evaluations.py", "import evaluations.models\n"),
            "placements.uses_evaluations -> evaluations.models",
            id="placements-imports-evaluations",
        ),
        pytest.param(
            ("companies/uses_workspace.py", "import stagegids.workspace.views\n"),
            "companies.uses_workspace -> stagegids.workspace.views",
            id="companies-imports-the-top-layer",
        ),
        pytest.param(
            ("evaluations/uses_urls.py", "import stagegids.urls\n"),
            "evaluations.uses_urls -> stagegids.urls",
            id="evaluations-imports-the-root-urlconf",
        ),
    ],
    indirect=["broken_copy"],
)
def test_lint_imports_fails_on_an_import_against_the_layers(broken_copy, expected):
    result = lint_imports(broken_copy)

    assert result.returncode == 1
    assert "Contracts: 1 kept, 1 broken." in result.stdout
    assert expected in result.stdout


@pytest.mark.parametrize(
    "broken_copy",
    [pytest.param(("stagegids/helpers.py", "VALUE = 1\n"), id="module-outside-the-layers")],
    indirect=True,
)
def test_lint_imports_fails_on_a_stagegids_module_outside_the_layers(broken_copy):
    result = lint_imports(broken_copy)

    assert result.returncode == 1
    assert "stagegids.helpers" in result.stdout
    assert "Contracts: 1 kept, 1 broken." in result.stdout


def test_evaluations_registers_the_completion_check_once():
    assert lifecycle._completion_checks.count(completion_blockers) == 1

    lifecycle.register_completion_check(completion_blockers)

    assert lifecycle._completion_checks.count(completion_blockers) == 1
