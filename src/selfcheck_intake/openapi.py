"""The relay's OpenAPI 3.1 description (served at /openapi.json, saved in docs/intake-openapi.json)."""

from __future__ import annotations

from typing import Any

from selfcheck import __version__

_ERROR = {"$ref": "#/components/schemas/Error"}
_RECEIPT = {"$ref": "#/components/schemas/Receipt"}


def _json(schema: dict[str, Any], description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"description": description, "content": {"application/json": {"schema": schema}}}
    if headers:
        out["headers"] = headers
    return out


def document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "selfcheck intake relay",
            "version": __version__,
            "description": (
                "Receives diagnostic bundles from selfcheck and opens helpdesk tickets for them. "
                "An accepted bundle always gets its reference code at once; the helpdesk's ticket may follow later "
                "(status 202, then poll status_url)."
            ),
        },
        "paths": {
            "/v1/bundles": {
                "post": {
                    "summary": "Upload a bundle",
                    "description": (
                        "The zip is the raw request body (streamed to storage). The same Idempotency-Key (the bundle id) sent again "
                        "returns the first answer, never a second ticket; with X-Bundle-Sha256 the relay answers before reading the body."
                    ),
                    "parameters": [
                        {
                            "name": "Idempotency-Key",
                            "in": "header",
                            "required": True,
                            "schema": {"type": "string"},
                            "description": "The bundle id from manifest.json.",
                        },
                        {
                            "name": "X-Selfcheck-Meta",
                            "in": "header",
                            "required": False,
                            "schema": {"type": "string"},
                            "description": (
                                "base64url of a JSON object {email, name, description, ticket, request}; all optional. ticket: add to this existing "
                                "ticket (its number, digits only, such as 4711 or #4711, else 400 bad_ticket); request: a support request code (the bundle joins its ticket, the code is used up)."
                            ),
                        },
                        {
                            "name": "X-Bundle-Sha256",
                            "in": "header",
                            "required": False,
                            "schema": {"type": "string"},
                            "description": "sha256 of the body, for fast retries.",
                        },
                    ],
                    "requestBody": {"required": True, "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}}},
                    "responses": {
                        "200": _json(_RECEIPT, "This bundle was accepted before; the same receipt as then."),
                        "201": _json(_RECEIPT, "Accepted; the ticket exists."),
                        "202": _json(_RECEIPT, "Accepted; the ticket will be created (the reference code is valid now)."),
                        "400": _json(_ERROR, "Not a valid bundle: bad manifest, wrong hashes, unsafe names, missing fields or headers."),
                        "408": _json(
                            _ERROR,
                            "The upload stalled (nothing received for limits.idle_seconds) or was too slow (limits.min_upload_bytes_per_second, limits.upload_deadline_seconds).",
                        ),
                        "409": _json(_ERROR, "A different bundle was already sent with this id."),
                        "413": _json(_ERROR, "Too large, or expands too much (zip bomb)."),
                        "415": _json(_ERROR, "Not a zip, or the wrong Content-Type."),
                        "429": _json(
                            _ERROR,
                            "Too many uploads from this client (rate, or limits.max_uploads_per_client at once).",
                            {"Retry-After": {"schema": {"type": "integer"}}},
                        ),
                        "503": _json(
                            _ERROR,
                            "storage_unavailable (disk full, object store down), busy (too many uploads at once), or queue_unavailable (the queue's "
                            "database cannot be read or written now): nothing was accepted, try again later.",
                            {"Retry-After": {"schema": {"type": "integer"}}},
                        ),
                    },
                }
            },
            "/v1/bundles/{bundle_id}": {
                "get": {
                    "summary": "The receipt of an accepted bundle",
                    "parameters": [{"name": "bundle_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {
                        "200": _json(_RECEIPT, "The receipt."),
                        "404": _json(_ERROR, "Not accepted (yet)."),
                        "503": _json(_ERROR, "queue_unavailable: the queue's database cannot be read or written now (Retry-After)."),
                    },
                }
            },
            "/v1/info": {
                "get": {
                    "summary": "Limits a client checks before uploading",
                    "responses": {"200": _json({"$ref": "#/components/schemas/Info"}, "The relay's limits.")},
                }
            },
            "/v1/agent/bundles/{bundle_id}": {
                "get": {
                    "summary": "Download a bundle (signed, expiring link given to agents in the ticket)",
                    "description": "A browser (Accept names text/html) gets the refusals as a short HTML page in English or French "
                    "(Accept-Language); other clients get the JSON below.",
                    "parameters": [
                        {"name": "bundle_id", "in": "path", "required": True, "schema": {"type": "string"}},
                        {"name": "expires", "in": "query", "required": True, "schema": {"type": "integer"}},
                        {"name": "sig", "in": "query", "required": True, "schema": {"type": "string"}},
                    ],
                    "responses": {
                        "200": {"description": "The bundle", "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}}},
                        "206": {
                            "description": "The one byte range asked for (Range, with If-Range: a download cut off resumes), from a local storage folder",
                            "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
                        },
                        "302": {"description": "Redirect to a short-lived object-storage link"},
                        "403": _json(_ERROR, "Invalid or expired link (a link past its end whose bundle the relay has since deleted answers 410)."),
                        "404": _json(_ERROR, "not_found: no record of this bundle."),
                        "416": {"description": "The byte range asked for starts past the bundle's end (Content-Range: bytes */size)"},
                        "410": _json(
                            _ERROR,
                            "deleted: the bundle was stored longer ago than storage.keep_days, or storage.keep_days_link_only when its ticket holds only this link; "
                            "the reason says which, deleted_at (UTC, ISO 8601) when the relay deleted it.",
                        ),
                        "503": _json(
                            _ERROR,
                            "storage_unavailable: the storage cannot say now whether the bundle is there (a bucket refusing or unreachable, a folder "
                            "missing or not mounted); queue_unavailable: the queue's database cannot be read or written now. With Retry-After; nothing was deleted.",
                        ),
                    },
                }
            },
            "/healthz": {
                "get": {
                    "summary": "Health (add ?deep=1 to ask the helpdesk too)",
                    "description": (
                        "Whether this instance can write its storage and reach its queue database: {status, storage, database, queue, retention}; "
                        "retention is false (and overdue counts them) while the storage refuses to delete bundles past storage.keep_days."
                    ),
                    "responses": {"200": {"description": "Healthy"}, "503": {"description": "Storage or queue database unreachable (with Retry-After)"}},
                }
            },
            "/v1/requests": {
                "post": {
                    "summary": "Make a support request link for a ticket (agents)",
                    "description": (
                        "Authorization: Bearer <[requests] agent_token>. Body {ticket, note?, days?}. Returns a single-use code and the link "
                        "<public_url>/r/<code> to send to the customer; the bundle sent with the code joins that ticket."
                    ),
                    "responses": {
                        "201": {"description": "{code, url, ticket, expires}"},
                        "400": {"description": "bad_request or bad_ticket"},
                        "401": {"description": "Missing or wrong agent token"},
                        "404": {"description": "Request links are not enabled (no agent_token)"},
                        "503": {"description": "queue_unavailable: the queue's database cannot be read or written now; no link was made (Retry-After)"},
                    },
                }
            },
            "/v1/requests/{code}": {
                "get": {
                    "summary": "What a request code asks for (the app shows it)",
                    "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {
                        "200": {"description": "{ticket, note, expires}: nothing else about the ticket"},
                        "404": {"description": "request_unknown"},
                        "410": {"description": "request_used or request_expired"},
                        "429": {"description": "rate_limited: too many look-ups from this address (Retry-After)"},
                        "503": {"description": "queue_unavailable: the queue's database cannot be read or written now (Retry-After)"},
                    },
                }
            },
            "/r/{code}": {
                "get": {
                    "summary": "The customer's page for a request link (HTML, English or French, no script)",
                    "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {
                        "200": {"description": "The page with the selfcheck://request/<code> button"},
                        "404": {"description": "Unknown code"},
                        "410": {"description": "Used or expired"},
                        "429": {"description": "Too many look-ups from this address: a page saying to try again later, and how to reach support (Retry-After)"},
                        "503": {"description": "The queue's database cannot be read or written now: the same page (Retry-After)"},
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Receipt": {
                    "type": "object",
                    "required": ["bundle_id", "reference", "status", "ticket", "status_url"],
                    "properties": {
                        "bundle_id": {"type": "string"},
                        "reference": {"type": "string", "description": "The bundle's reference code; the customer can quote it at once."},
                        "status": {"type": "string", "enum": ["ticketed", "pending"]},
                        "ticket": {
                            "oneOf": [
                                {"type": "null"},
                                {
                                    "type": "object",
                                    "properties": {"id": {"type": "string"}, "reference": {"type": "string"}, "attached": {"type": "boolean"}},
                                },
                            ],
                            "description": "The helpdesk's ticket, once it exists.",
                        },
                        "status_url": {"type": "string", "description": "Relative URL of this receipt."},
                    },
                },
                "Error": {
                    "type": "object",
                    "required": ["error", "reason"],
                    "properties": {"error": {"type": "string", "description": "A stable code, e.g. hash_mismatch."}, "reason": {"type": "string"}},
                },
                "Info": {
                    "type": "object",
                    "properties": {
                        "api": {"type": "integer"},
                        "max_bundle_bytes": {"type": "integer"},
                        "max_expanded_bytes": {"type": "integer"},
                        "helpdesk": {"type": "string"},
                    },
                },
            }
        },
    }
