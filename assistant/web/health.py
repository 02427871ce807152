"""GET /healthz: store, knowledge index and LLM configuration (no sign-in; no secrets)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

router = APIRouter(tags=["health"])


class HealthReport(BaseModel):
    status: str  # ok | degraded
    store: dict
    index: dict
    llm: dict


def _store(coach) -> dict:
    try:
        return {"ok": True, **coach.store_status()}
    except Exception as exc:  # noqa: BLE001 - health reports any failure as not ok
        return {"ok": False, "error": type(exc).__name__}


def _index(settings) -> dict:
    if settings.chroma_url:
        import urllib.request

        url = settings.chroma_url.rstrip("/") + "/api/v2/heartbeat"
        try:  # a short ping, without loading chromadb into the web worker
            with urllib.request.urlopen(url, timeout=1.5) as response:
                return {"kind": "chroma-server", "configured": True, "reachable": response.status == 200}
        except OSError:
            return {"kind": "chroma-server", "configured": True, "reachable": False}
    path = settings.data_dir / "chroma"
    return {"kind": "chroma-local", "configured": True, "exists": path.exists()}


def _llm(settings) -> dict:
    if settings.llm_base_url and settings.llm_model:
        return {"drafter": "llm", "model": settings.llm_model}
    return {"drafter": "template"}


@router.get("/healthz", response_model=HealthReport, summary="Health of the store, index and LLM configuration")
async def healthz(request: Request):
    """Reachable without signing in. 200 when the store answers, 503 otherwise."""
    coach, settings = request.app.state.coach, request.app.state.settings
    # One trip to the thread pool for both blocking checks (each trip costs the event loop).
    store, index = await run_in_threadpool(lambda: (_store(coach), _index(settings)))
    body = HealthReport(status="ok" if store["ok"] else "degraded", store=store, index=index, llm=_llm(settings))
    return JSONResponse(body.model_dump(), status_code=200 if store["ok"] else 503)
