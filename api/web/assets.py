"""Our own CSS and JavaScript, and Plotly.js read from the installed ``plotly`` package.

Nothing third-party is committed: the chart library ships inside the ``plotly`` wheel
(``plotly/package_data/plotly.min.js``) and is served from this origin, so no page needs the
internet at run time.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"
router = APIRouter(include_in_schema=False)


@cache
def plotly_bundle() -> Path:
    """The minified Plotly.js inside the installed plotly package (found without importing)."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the plotly package is not installed (pip install plotly)")
    bundle = Path(next(iter(spec.submodule_search_locations))) / "package_data" / "plotly.min.js"
    if not bundle.is_file():
        raise RuntimeError(f"{bundle} is missing from the plotly package")
    return bundle


@router.get("/static/vendor/plotly.min.js")
def plotly_js() -> FileResponse:
    return FileResponse(
        plotly_bundle(),
        media_type="text/javascript",
        headers={"Cache-Control": "public, max-age=86400"},
    )


def mount_static(app: FastAPI) -> None:
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
