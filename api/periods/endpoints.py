"""HTTP routes for planning periods and demand."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, UploadFile, status
from pydantic import ValidationError

from api.deps import CurrentUser, Manager, SessionDep, SettingsDep, Staff
from api.errors import FieldIssue, InvalidInput, invalid
from api.periods import history_upload, repository, service
from api.periods.schemas import DemandRead, DemandUpload, PeriodCreate, PeriodRead, PeriodUpdate
from api.schemas import PathIdentifier, PathRowId
from api.sites.schemas import RulesBody, WeightsBody
from api.sites.service import require_site
from solver.staffing.requirements import StaffingPolicy

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
    return service.to_reads(session, repository.of_site(session, site_id))


@router.get("/periods/{period_id}", response_model=PeriodRead)
def get_period(period_id: PathRowId, session: SessionDep, user: CurrentUser) -> PeriodRead:
    return service.to_read(session, service.readable_period(session, user, period_id))


@router.patch("/periods/{period_id}", response_model=PeriodRead)
def update_period(
    period_id: PathRowId, body: PeriodUpdate, session: SessionDep, user: Manager
) -> PeriodRead:
    """Rename the period, or open or close its availability (``availability_closes_at``)."""
    return service.to_read(session, service.update_period(session, user, period_id, body))


@router.get("/periods/{period_id}/rules", response_model=RulesBody)
def get_period_rules(period_id: PathRowId, session: SessionDep, _user: Staff) -> RulesBody:
    return RulesBody.model_validate(service.require_period(session, period_id).rules)


@router.put("/periods/{period_id}/rules", response_model=RulesBody)
def replace_period_rules(
    period_id: PathRowId, body: RulesBody, session: SessionDep, user: Manager
) -> RulesBody:
    """Working-time rules for this period only; created from the site's, changed here."""
    return service.replace_rules(session, user, period_id, body)


@router.get("/periods/{period_id}/weights", response_model=WeightsBody)
def get_period_weights(period_id: PathRowId, session: SessionDep, _user: Staff) -> WeightsBody:
    return WeightsBody.model_validate(service.require_period(session, period_id).weights)


@router.put("/periods/{period_id}/weights", response_model=WeightsBody)
def replace_period_weights(
    period_id: PathRowId, body: WeightsBody, session: SessionDep, user: Manager
) -> WeightsBody:
    """Objective weights for this period only; created from the site's, changed here."""
    return service.replace_weights(session, user, period_id, body)


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


@router.put("/periods/{period_id}/demand/history.csv", response_model=DemandRead)
def replace_demand_from_history(
    period_id: PathRowId,
    file: UploadFile,
    session: SessionDep,
    user: Manager,
    service_level: Annotated[float, Query(gt=0, lt=1)] = 0.8,
    answer_seconds: Annotated[float, Query(gt=0, le=3600)] = 20,
    max_occupancy: Annotated[float, Query(gt=0, le=1)] = 0.85,
    shrinkage: Annotated[float, Query(ge=0, lt=1)] = 0.3,
    patience_seconds: Annotated[float | None, Query(gt=0, le=3600)] = None,
    method: Annotated[
        Literal["auto", "seasonal_naive", "seasonal_mean", "holt_winters"], Query()
    ] = "auto",
) -> DemandRead:
    """Forecast the period from contact history (CSV: timestamp or date+interval, queue,
    contacts, aht) and replace its demand with the agents Erlang C (or Erlang A with
    ``patience_seconds``) requires; bad rows are listed by line and nothing is stored."""
    try:
        text = file.file.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise invalid("file", "must be UTF-8 text") from exc
    try:
        policy = StaffingPolicy(
            service_level=service_level,
            answer_seconds=answer_seconds,
            max_occupancy=max_occupancy,
            shrinkage=shrinkage,
            patience_seconds=patience_seconds,
        )
    except ValidationError as exc:
        raise InvalidInput(
            [
                FieldIssue(".".join(str(p) for p in e["loc"]) or "query", e["msg"])
                for e in exc.errors()
            ]
        ) from exc
    return history_upload.replace_demand_from_history(
        session, user, period_id, text, policy, method
    )


@router.get("/periods/{period_id}/demand", response_model=DemandRead)
def get_demand(period_id: PathRowId, session: SessionDep, _user: Staff) -> DemandRead:
    service.require_period(session, period_id)
    return service.demand_read(session, period_id)
