"""The FastAPI application: routers under /api/v1, error handlers, the solve runner.

``create_app`` takes its database and settings as arguments so the CLI, the tests and
``make serve`` build the same app on different databases.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI
from sqlalchemy import text

from api.absences.endpoints import router as absences
from api.agents.endpoints import router as agents
from api.audit.endpoints import router as audit
from api.auth.endpoints import router as keys
from api.availability.endpoints import router as availability
from api.body_limit import BodyLimitMiddleware
from api.caller_notice.endpoints import router as caller_notice
from api.db.base import utc_now
from api.db.database import Database
from api.db.engine import make_engine
from api.db.migrate import pending_reason
from api.errors import ERROR_RESPONSES, install_error_handlers
from api.exports.endpoints import router as exports
from api.me.endpoints import router as me
from api.openapi import install_openapi
from api.periods.endpoints import router as periods
from api.protocol_errors import install_protocol_errors
from api.replans.endpoints import router as replans
from api.requests.endpoints import router as requests
from api.rosters.endpoints import router as rosters
from api.scenarios.endpoints import router as scenarios
from api.servicelevel.endpoints import router as service_level
from api.settings import Settings, get_settings
from api.sites.endpoints import router as sites
from api.solves.endpoints import router as solves
from api.solves.execution import execution_for
from api.solves.service import fail_abandoned_runs, sweeps_queued_runs
from api.web.routes import install_web

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"


def _api_router() -> APIRouter:
    router = APIRouter(prefix=API_PREFIX, responses=ERROR_RESPONSES)
    for sub in (
        me,
        sites,
        agents,
        periods,
        availability,
        solves,
        rosters,
        replans,
        exports,
        absences,
        requests,
        audit,
        keys,
        caller_notice,
        service_level,
        scenarios,
    ):
        router.include_router(sub)
    return router


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    settings = settings or get_settings()
    if database is None:
        engine = make_engine(
            settings.database_url,
            echo=settings.database_echo,
            pool_size=settings.database_pool_size,
        )
        database = Database(engine)

    execution = execution_for(database, settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        reason = pending_reason(database.engine)
        if reason is not None:
            raise RuntimeError(reason)
        with database.session(write=True) as session:
            interrupted = fail_abandoned_runs(
                session,
                utc_now(),
                settings.run_lease_seconds,
                queued_too=sweeps_queued_runs(settings),
            )
        if interrupted:
            log.warning("solve runs %s lost the process executing them", interrupted)
        yield
        execution.shutdown()

    app = FastAPI(
        title="Homeshore",
        version="1",
        summary="Rosters for contact-centre agents working part-time from home.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.database = database
    app.state.solve_execution = execution
    install_error_handlers(app)
    install_protocol_errors(app, API_PREFIX)
    install_openapi(app)
    app.include_router(_api_router())
    install_web(app, API_PREFIX)

    @app.get("/health", include_in_schema=False)
    def health() -> dict[str, Any]:
        """For load balancers and orchestrators: answers 200 once the database answers.

        With solve workers (the celery backend) it adds the broker's state and the names of
        the workers consuming the solve queue; the API itself still serves without them.
        """
        with database.session() as session:
            session.execute(text("SELECT 1"))
        answer: dict[str, Any] = {"status": "ok", "database": database.engine.dialect.name}
        answer.update(execution.health() or {})
        return answer

    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_request_bytes)
    return app
