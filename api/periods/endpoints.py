"""HTTP routes for planning periods and demand."""

from __future__ import annotations

from fastapi import APIRouter, UploadFile, status

from api.deps import CurrentUser, Manager, SessionDep, SettingsDep, Staff
from api.errors import invalid
from api.periods import repository, service
from api.periods.schemas import DemandRead, DemandUpload, PeriodCreate, PeriodRead
from api.schemas import PathIdentifier, PathRowId
from api.sites.service import require_site
from solver.problem import Rules

router = APIRouter(tags=["planning periods and demand"])


@router.post(
    "/sites/{site_id}/periods", status_code=status.HTTP_201_CREATED, response_model=PeriodRead
)
def create_period(
    site_id: PathIdentifier,
    body: PeriodCreate,
    session: SessionDep,
    settings: SettingsDep,
    user: Manager,
) -> PeriodRead:
    period = service.create_period(session, user, settings, site_id, body)
    return service.to_read(session, period)


@router.get("/sites/{site_id}/periods", response_model=list[PeriodRead])
def list_periods(site_id: PathIdentifier, session: SessionDep, _user: Staff) -> list[PeriodRead]:
    require_site(session, site_id)
    return [service.to_read(session, p) for p in repository.of_site(session, site_id)]


@router.get("/periods/{period_id}", response_model=PeriodRead)
def get_period(period_id: PathRowId, session: SessionDep, user: CurrentUser) -> PeriodRead:
    return service.to_read(session, service.readable_period(session, user, period_id))


@router.get("/periods/{period_id}/rules", response_model=Rules)
def get_period_rules(period_id: PathRowId, session: SessionDep, _user: Staff) -> Rules:
    return Rules.model_validate(service.require_period(session, period_id).rules)


@router.put("/periods/{period_id}/rules", response_model=Rules)
def replace_period_rules(
    period_id: PathRowId, body: Rules, session: SessionDep, user: Manager
) -> Rules:
    """Working-time rules for this period only; created from the site's, changed here."""
    return service.replace_rules(session, user, period_id, body)


@router.put("/periods/{period_id}/demand", response_model=DemandRead)
def replace_demand(
    period_id: PathRowId, body: DemandUpload, session: SessionDep, user: Manager
) -> DemandRead:
    return service.replace_demand(session, user, period_id, body)


@router.put("/periods/{period_id}/demand.csv", response_model=DemandRead)
def replace_demand_csv(
    period_id: PathRowId, file: UploadFile, session: SessionDep, user: Manager
) -> DemandRead:
    """Upload demand as CSV (``queue,start,required``, one row per queue and slot)."""
    try:
        text = file.file.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise invalid("file", "must be UTF-8 text") from exc
    return service.replace_demand_csv(session, user, period_id, text)


@router.get("/periods/{period_id}/demand", response_model=DemandRead)
def get_demand(period_id: PathRowId, session: SessionDep, _user: Staff) -> DemandRead:
    service.require_period(session, period_id)
    return service.demand_read(session, period_id)
