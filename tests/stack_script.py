"""scripts/rasa_stack.py, loaded as a module for the tests that drive the stack.

It is a script, not part of a package, so it is loaded from its path once and
shared (the launcher tests and the REST odd-input tests use the same module).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "rasa_stack.py"


def load_rasa_stack() -> ModuleType:
    if "rasa_stack" in sys.modules:
        return sys.modules["rasa_stack"]
    spec = importlib.util.spec_from_file_location("rasa_stack", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module
