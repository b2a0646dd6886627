# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Each addon builds into a wheel (whool) that installs as ``odoo/addons/<addon>``."""

import ast
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent.name for p in (ROOT / "addons").glob("*/__manifest__.py"))


def _setup_addons():
    """The ADDONS list of setup/ecom: what CI installs and tests."""
    tree = ast.parse((ROOT / "setup" / "ecom").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "ADDONS":
            return sorted(ast.literal_eval(node.value))
    raise AssertionError("no ADDONS list in setup/ecom")


def test_every_addon_builds_an_installable_wheel():
    # every addon folder is installed and tested by setup/ecom, and nothing else
    assert ADDONS == _setup_addons()
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as target:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "-q",
                "--no-deps",
                "-w",
                out,
                *(str(ROOT / "addons" / addon) for addon in ADDONS),
            ],
            check=True,
            timeout=600,
        )
        wheels = sorted(Path(out).glob("*.whl"))
        assert len(wheels) == len(ADDONS), wheels
        for addon, wheel in zip(ADDONS, wheels, strict=True):
            manifest = ast.literal_eval((ROOT / "addons" / addon / "__manifest__.py").read_text())
            assert wheel.name.startswith(f"odoo_addon_{addon}-{manifest['version']}"), wheel
            with zipfile.ZipFile(wheel) as archive:
                names = archive.namelist()
            assert f"odoo/addons/{addon}/__manifest__.py" in names
            assert f"odoo/addons/{addon}/i18n/fr.po" in names
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "-q",
                "--no-deps",
                "--target",
                target,
                *map(str, wheels),
            ],
            check=True,
            timeout=600,
        )
        for addon in ADDONS:
            assert (Path(target) / "odoo" / "addons" / addon / "__manifest__.py").exists()
