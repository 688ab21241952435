"""`tthc`: the staff and operator command line.

Each subsystem adds its commands in a module of its own so the tool grows
without one file that everyone edits.
"""

from __future__ import annotations

import unicodedata

import typer

app = typer.Typer(
    name="tthc",
    help="Công cụ quản trị trợ lý thủ tục hành chính (catalogue, search, dossiers).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def nfc(text: str) -> str:
    """Command-line arguments may arrive decomposed (macOS terminals); normalise them."""
    return unicodedata.normalize("NFC", text)


def _register() -> None:
    # Imported for their side effect of adding commands to ``app``.
    from bot.cli import catalogue_cmds  # noqa: F401

    for optional in ("search_cmds", "dossier_cmds", "model_cmds"):
        try:
            __import__(f"bot.cli.{optional}")
        except ModuleNotFoundError as exc:
            if exc.name != f"bot.cli.{optional}":
                raise


def main() -> None:
    _register()
    app()
