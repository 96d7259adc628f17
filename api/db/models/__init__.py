"""Every table, imported here so ``Base.metadata`` is complete for Alembic."""

from api.db.models.absence import Absence, AbsenceImpact
from api.db.models.agent import Agent
from api.db.models.audit import AuditEntry
from api.db.models.auth import ApiKey, WebSession
from api.db.models.jobs import (
    OutboxMessage,
    Replan,
    ReplanAbsence,
    RosterNotification,
    SchedulerLease,
)
from api.db.models.planning import AvailabilityWindow, DemandSeries, PlanningPeriod
from api.db.models.requests import AgentRequest, OpenShift, RequestPolicy
from api.db.models.roster import Roster, RosterShift
from api.db.models.service import RosterSimulation
from api.db.models.site import Queue, Site
from api.db.models.solve import SolveRun

__all__ = [
    "Absence",
    "AbsenceImpact",
    "Agent",
    "AgentRequest",
    "ApiKey",
    "AuditEntry",
    "AvailabilityWindow",
    "DemandSeries",
    "OpenShift",
    "OutboxMessage",
    "PlanningPeriod",
    "Queue",
    "Replan",
    "ReplanAbsence",
    "RequestPolicy",
    "Roster",
    "RosterNotification",
    "RosterShift",
    "RosterSimulation",
    "SchedulerLease",
    "Site",
    "SolveRun",
    "WebSession",
]
