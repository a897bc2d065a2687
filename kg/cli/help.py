"""Plain help pages: each parameter is shown by its metavar and its help, never by a Python type.

Typer appends a type hint to every parameter it lists (`PATH <list[Path]>`, `--workers <int range>`)
and braces required arguments in the usage line (`{PATH}...`). Commands made with `PlainCommand`
show `PATH...` and `--workers N` instead, the way most command-line tools write their help.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperCommand, TyperOption


class PlainArgument(TyperArgument):
    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")


class PlainOption(TyperOption):
    def display_type_rich(self, ctx: Any) -> str | None:
        return self.metavar or (self.name or "value").upper()


class PlainCommand(TyperCommand):
    """A Typer command whose help lists metavars (`FILE`, `N`) where Typer would print types."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = PlainArgument
            elif type(param) is TyperOption:
                param.__class__ = PlainOption
