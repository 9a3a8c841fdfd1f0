"""Errors a user can cause, each defined once with a code they can search for.

Library code raises these; only the interfaces print them (one line: what, where, how to fix).
"""

from __future__ import annotations


class FogError(Exception):
    """Base of every error fogofwar reports to a user."""

    code = "F000"

    def __init__(self, message: str, where: str | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(str(self))

    def __reduce__(self) -> tuple:  # pickled as its parts, so it crosses to and from worker processes
        return (type(self), (self.message, self.where))

    def __str__(self) -> str:
        place = f"{self.where}: " if self.where else ""
        return f"[{self.code}] {place}{self.message}"


class InputError(FogError):
    """An input that cannot be read as an article (empty, binary, bad encoding, no article)."""

    code = "F100"


class PipelineError(FogError):
    """The pipeline is mis-assembled: a stage missing, duplicated or run out of order."""

    code = "F200"


class StoreError(FogError):
    """The ledger cannot be opened or written."""

    code = "F300"


class GoldError(FogError):
    """A gold file or gold folder for ``fogofwar eval`` is malformed."""

    code = "F400"


class BatchError(FogError):
    """A batch job cannot run: Ray or pyarrow missing, no cluster at the address, output unwritable."""

    code = "F500"


class LongInputWarning(UserWarning):
    """An article held something too long to analyse whole (a run of thousands of characters
    without a space, a sentence of thousands of words); it was cut (``fogofwar.language.guard``)."""

    code = "W100"
