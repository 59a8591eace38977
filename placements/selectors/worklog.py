"""Reads of a placement's work log: per task the highest level the intern reached."""

from dataclasses import dataclass

from placements.models import Placement, Task, TaskLevel, TaskRecord


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


__all__ = ["TaskProgress", "task_progress", "task_record_for"]
