"""Per-API root listing, served OpenAPI document (JSON and YAML) and an interactive docs page.
None of these need a token, so that tooling can discover the API."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml
from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from starlette.responses import HTMLResponse, RedirectResponse, Response

from .errors import not_found
from .http import JSONResponse, allow_header
from .openapi import build_openapi
from .routing import Api

SCHEMA_HEADERS = {"Access-Control-Allow-Origin": "*"}


def install_api(app: FastAPI, api: Api) -> None:
    methods: dict[str, set[str]] = {}
    for path, endpoint, kwargs in api.routes:
        app.add_api_route(api.prefix + path, endpoint, **kwargs)
        methods.setdefault(api.prefix + path, set()).update(kwargs["methods"])
    cache: dict[str, Any] = {}

    def document(request: Request) -> dict[str, Any]:
        if "doc" not in cache:  # immutable for the life of the process
            cache["doc"] = build_openapi(
                app, api.title, api.version, api.prefix, api.prefix, api.security
            )
        return cache["doc"]

    async def root(request: Request) -> Response:
        ctx = api.ctx(request)
        return JSONResponse({name: f"{ctx.base_url}/{name}" for name in sorted(api.collections)})

    async def openapi_json(request: Request) -> Response:
        return JSONResponse(document(request), headers=SCHEMA_HEADERS)

    async def openapi_yaml(request: Request) -> Response:
        body = yaml.safe_dump(document(request), sort_keys=False, allow_unicode=True)
        return Response(body, media_type="application/vnd.oai.openapi", headers=SCHEMA_HEADERS)

    async def docs_page(request: Request) -> HTMLResponse:
        static = f"{api.prefix}/schema/static"
        return get_swagger_ui_html(
            openapi_url=f"{api.prefix}/openapi.json",
            title=api.title,
            swagger_js_url=f"{static}/swagger-ui-bundle.js",
            swagger_css_url=f"{static}/swagger-ui.css",
            swagger_favicon_url=f"{static}/favicon-32x32.png",
        )

    async def docs_asset(request: Request) -> Response:
        return docs_asset_response(request.path_params["name"])

    async def redirect_json(request: Request) -> Response:
        return RedirectResponse(f"{api.prefix}/openapi.json")

    async def redirect_yaml(request: Request) -> Response:
        return RedirectResponse(f"{api.prefix}/openapi.yaml")

    for path, endpoint in (
        ("/", root),
        ("/openapi.json", openapi_json),
        ("/openapi.yaml", openapi_yaml),
        ("/schema", docs_page),
        ("/schema/static/{name}", docs_asset),
        ("/schema/openapi.json", redirect_json),
        ("/schema/openapi.yaml", redirect_yaml),
    ):
        app.add_api_route(api.prefix + path, endpoint, methods=["GET"], include_in_schema=False)
        methods[api.prefix + path] = {"GET"}
    install_options(app, methods)


# The docs page's files come from the swagger-ui-bundle package, so the page works on networks
# without internet access and under a Content-Security-Policy that allows only this host.
DOCS_ASSETS = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
    "favicon-32x32.png": "image/png",
}


@lru_cache(maxsize=len(DOCS_ASSETS))
def _asset(name: str) -> bytes:
    from swagger_ui_bundle import swagger_ui_path  # only when the docs page is used

    return (swagger_ui_path / name).read_bytes()


def docs_asset_response(name: str) -> Response:
    media_type = DOCS_ASSETS.get(name)
    if media_type is None:
        raise not_found()
    return Response(_asset(name), media_type=media_type, headers={"Cache-Control": "max-age=86400"})


def install_options(app: FastAPI, methods: dict[str, set[str]]) -> None:
    """``OPTIONS`` on every path answers 204 with ``Allow``; a 405 lists the same methods."""
    if not hasattr(app.state, "allow"):
        app.state.allow = {}
    for path, names in methods.items():
        allow = allow_header(names)
        app.state.allow[path] = allow
        app.add_api_route(path, _options(allow), methods=["OPTIONS"], include_in_schema=False)


def _options(allow: str) -> Any:
    async def options(request: Request) -> Response:
        return Response(status_code=204, headers={"Allow": allow})

    return options
