"""A run is handed to the execution when its transaction commits: not at a SAVEPOINT."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from api.solves.execution import SolveExecution, Urgency


class Recording(SolveExecution):
    """An execution backend that only notes what it was handed (the interface's own
    extension point, as ``LocalExecution`` and ``CeleryExecution`` are)."""

    def __init__(self) -> None:
        super().__init__()
        self.submitted: list[int] = []

    def submit(self, run_id: int, urgency: Urgency = "solve") -> Future[None]:
        self.submitted.append(run_id)
        done: Future[None] = Future()
        done.set_result(None)
        return done

    def shutdown(self) -> None:
        self._stop_hand_over()


def _session(tmp_path: Path) -> Session:
    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    session = Session(engine)
    session.execute(text("create table t (x integer)"))
    return session


def test_a_released_savepoint_does_not_hand_the_run_over(tmp_path: Path) -> None:
    execution = Recording()
    with _session(tmp_path) as session:
        execution.submit_after_commit(session, 7)
        with session.begin_nested():
            session.execute(text("insert into t values (1)"))
        execution.shutdown()  # waits for anything already handed over
        assert execution.submitted == []
        execution = Recording()
        execution.submit_after_commit(session, 8)
        with session.begin_nested():
            session.execute(text("insert into t values (2)"))
        session.commit()
        session.commit()  # a second commit of the session hands nothing over again
        execution.shutdown()
    assert execution.submitted == [8]


def test_a_rolled_back_transaction_hands_nothing_over(tmp_path: Path) -> None:
    execution = Recording()
    with _session(tmp_path) as session:
        execution.submit_after_commit(session, 9)
        with session.begin_nested():
            session.execute(text("insert into t values (3)"))
        session.rollback()
        session.execute(text("insert into t values (4)"))
        session.commit()
        execution.shutdown()
    assert execution.submitted == []
