"""Authentication for the JSON API: a bearer token issued by the system administrator (Authorization: Bearer qy_…)."""

from ninja.security import HttpBearer

from qunying.accounts.services import authenticate_api_token
from qunying.core.api import token_reader

__all__ = ["api_token_auth", "token_reader"]


class ApiTokenAuth(HttpBearer):
    """Accepts an active `ApiToken`; a missing, unknown or revoked token gets 401. `request.auth` is the token."""

    openapi_description = "Bearer token issued under /accounts/tokens/ by the system administrator."

    def authenticate(self, request, token):
        return authenticate_api_token(token)


api_token_auth = ApiTokenAuth()
