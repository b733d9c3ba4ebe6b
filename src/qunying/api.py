"""The JSON API under /api/ (django-ninja), its OpenAPI document at /api/openapi.json; each app adds its router here.

The document and the Swagger page (/api/docs) hold no data and are open, so integrators can read them; the page is
served with ninja's packaged assets (never a CDN), and the validator badge that would call validator.swagger.io is off.
"""

from ninja import NinjaAPI, Swagger

from qunying.accounts.api import api_token_auth
from qunying.feedback.api import router as feedback_router
from qunying.honours.api import router as honours_router
from qunying.org.api import router as org_router
from qunying.publicity.api import router as publicity_router

api = NinjaAPI(
    title="群英 Qunying API",
    version="1",
    description=(
        "Machine interfaces of Qunying: service interactions from the dispatch system, inbound SMS replies, and reads "
        "(people, honours, yearly figures, the honour board) answered as the token's owner would see them."
    ),
    urls_namespace="api",
    docs=Swagger(settings={"validatorUrl": None}),
)
api.add_router("", feedback_router)
api.add_router("", org_router, auth=api_token_auth)
api.add_router("", honours_router)
api.add_router("", publicity_router)
