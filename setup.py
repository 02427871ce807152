"""Ships rules/, knowledge/ and prompts/ inside the package (as assistant/_data/) when a wheel or
a non-editable install is built, so `coach demo` runs from any directory. The folders stay at the
top of the checkout, where they are edited; an editable install reads them there (config.py)."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA_FOLDERS = ("rules", "knowledge", "prompts")


class BuildPyWithData(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        root = Path(__file__).resolve().parent
        target = Path(self.build_lib) / "assistant" / "_data"
        for name in DATA_FOLDERS:
            shutil.copytree(root / name, target / name, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildPyWithData})
