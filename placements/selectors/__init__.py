"""Scoped reads: every view gets placements through ``placements_for_user``."""

from placements.selectors.core import placements_for_user

__all__ = ["placements_for_user"]
