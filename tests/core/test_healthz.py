"""The health check other tools rely on."""

import json


def test_healthz_reports_database_ok(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}
