"""Reads of a placement's work log: per task the highest level the intern reached."""

from dataclasses import dataclass

from placements.models import Placement, Task, TaskLevel, TaskRecord
from placements.selectors.access import PlacementAccess


@dataclass(frozen=True)
class LevelStep:
    """One of the three steps of the indicator beside a task."""

    level: TaskLevel
    reached: bool


@dataclass(frozen=True)
class TaskProgress:
    """One task the intern did, with every level recorded for it (lowest first)."""

    task: Task
    records: list[TaskRecord]

    @property
    def best(self) -> TaskRecord:
        """The record of the highest level reached."""
        return self.records[-1]

    @property
    def steps(self) -> list[LevelStep]:
        return [LevelStep(level, level <= self.best.level) for level in TaskLevel]


def may_keep_worklog(access: PlacementAccess) -> bool:
    """The company side records what the intern did; the school side reads along."""
    return access.is_open and (access.company_side or access.is_staff)


def task_progress(placement: Placement) -> list[TaskProgress]:
    """The tasks recorded for ``placement`` in catalogue order, in one query."""
    records = TaskRecord.objects.filter(placement=placement).select_related("task")
    progress: dict[int, list[TaskRecord]] = {}
    for record in records.order_by("task__order", "task__name", "level"):
        progress.setdefault(record.task_id, []).append(record)
    return [TaskProgress(task=rows[0].task, records=rows) for rows in progress.values()]


def task_record_for(placement: Placement, pk: int) -> TaskRecord | None:
    """The record ``pk`` of ``placement``, or None when it is gone (e.g. deleted twice)."""
    return placement.task_records.filter(pk=pk).first()


__all__ = ["TaskProgress", "may_keep_worklog", "task_progress", "task_record_for"]
