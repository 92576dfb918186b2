"""The RT connector against a real Request Tracker 5 (started by the fixtures in conftest.py)."""

from __future__ import annotations

import hashlib
import http.server
import io
import os
import threading
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from selfcheck_intake.connectors.base import ConnectorError, ConnectorRejected, TicketRequest
from selfcheck_intake.connectors.rt import RTConnector, _content_digest

from .conftest import SMALL_LIMIT
from .rt_server import DIAGNOSIS_FIELD, QUEUE, REFERENCE_FIELD, RTInstance, free_port

pytestmark = pytest.mark.slow


def make_bundle(folder: Path, payload_size: int = 4000, email: str | None = "jane.doe@example.com") -> TicketRequest:
    """A zip bundle with incompressible content of about payload_size bytes, and the request the relay would pass."""
    bundle_id = str(uuid.uuid4())
    reference = "SC-" + bundle_id[:6].upper()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("manifest.json", f'{{"id": "{bundle_id}", "reference": "{reference}"}}')
        zf.writestr("logs/random.bin", os.urandom(payload_size))
    path = folder / f"{bundle_id}.zip"
    path.write_bytes(buffer.getvalue())
    data = path.read_bytes()
    return TicketRequest(
        bundle_path=path,
        bundle_sha256=hashlib.sha256(data).hexdigest(),
        bundle_size=len(data),
        bundle_id=bundle_id,
        reference_code=reference,
        requester_email=email,
        requester_name="Jane Doe" if email else None,
        subject="Wi-Fi keeps dropping",
        description="Since Monday the Wi-Fi drops every few minutes.\nDiagnosis: the router does not answer.",
        diagnosis_headline="The router does not answer",
        agent_link=f"https://intake.example.test/agent/bundles/{bundle_id}?sig=abc",
    )


def connector_for(rt: RTInstance, **overrides: Any) -> RTConnector:
    options: dict[str, Any] = {"url": rt.url, "token": rt.token, "queue": QUEUE, "reference_field": REFERENCE_FIELD, "diagnosis_field": DIAGNOSIS_FIELD}
    options.update(overrides)
    return RTConnector.from_config(options)


def tickets_with_reference(rt: RTInstance, reference: str) -> list[dict[str, Any]]:
    return rt.search(f"'CF.{{{REFERENCE_FIELD}}}' = '{reference}'")


def bundle_attachments(rt: RTInstance, ticket_id: str, request: TicketRequest) -> list[dict[str, Any]]:
    return [a for a in rt.attachments(ticket_id) if a["Filename"].startswith(f"selfcheck-{request.reference_code}")]


def test_new_bundle_opens_ticket_in_queue_for_customer_with_byte_identical_attachment(rt: RTInstance, tmp_path: Path) -> None:
    request = make_bundle(tmp_path)
    result = connector_for(rt).create_ticket(request)

    assert result.attached is True
    assert result.reference == result.ticket_id and result.ticket_id.isdigit()
    ticket = rt.get(f"ticket/{result.ticket_id}")
    queue = rt.get(f"queue/{ticket['Queue']['id']}")
    assert queue["Name"] == QUEUE
    assert [r["id"] for r in ticket["Requestor"]] == ["jane.doe@example.com"]
    assert request.reference_code in ticket["Subject"]
    fields = {cf["name"]: cf["values"] for cf in ticket["CustomFields"]}
    assert fields[REFERENCE_FIELD] == [request.reference_code]
    assert fields[DIAGNOSIS_FIELD] == ["The router does not answer"]

    files = bundle_attachments(rt, result.ticket_id, request)
    assert len(files) == 1
    downloaded = rt.attachment_bytes(files[0]["id"])
    assert hashlib.sha256(downloaded).hexdigest() == request.bundle_sha256
    assert downloaded == request.bundle_path.read_bytes()


def test_later_bundle_is_added_to_the_same_ticket_once(rt: RTInstance, tmp_path: Path) -> None:
    connector = connector_for(rt)
    first = connector.create_ticket(make_bundle(tmp_path))
    second_bundle = make_bundle(tmp_path, payload_size=9000)

    added = connector.add_to_ticket(f"#{first.ticket_id}", second_bundle)
    again = connector.add_to_ticket(first.ticket_id, second_bundle)  # a retry after a lost answer

    assert added.ticket_id == again.ticket_id == first.ticket_id
    assert added.attached and again.attached
    files = bundle_attachments(rt, first.ticket_id, second_bundle)
    assert len(files) == 1, "a retried add must not attach the bundle twice"
    assert hashlib.sha256(rt.attachment_bytes(files[0]["id"])).hexdigest() == second_bundle.bundle_sha256
    transaction = rt.get(f"transaction/{files[0]['TransactionId']}")
    assert transaction["Type"] == "Correspond"
    assert len(tickets_with_reference(rt, second_bundle.reference_code)) == 0, "an added bundle opens no ticket"
    assert f'filename="selfcheck-{second_bundle.reference_code}.zip"' in rt.outgoing_mail(), "RT mails correspondence to the requestor"


def test_followup_as_comment_stays_with_the_agents(rt: RTInstance, tmp_path: Path) -> None:
    connector = connector_for(rt, followup="comment")
    first = connector.create_ticket(make_bundle(tmp_path))
    second_bundle = make_bundle(tmp_path)

    added = connector.add_to_ticket(first.ticket_id, second_bundle)

    assert added.ticket_id == first.ticket_id and added.attached
    files = bundle_attachments(rt, first.ticket_id, second_bundle)
    assert rt.get(f"transaction/{files[0]['TransactionId']}")["Type"] == "Comment"
    assert f"selfcheck-{second_bundle.reference_code}.zip" not in rt.outgoing_mail()


class LosesAnswerToTicketCreation(requests.Session):
    """A network that delivers the request to RT but loses RT's answer, once (RT really creates the ticket)."""

    def __init__(self) -> None:
        super().__init__()
        self.lost = False

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        response = super().request(method, url, *args, **kwargs)
        if method == "POST" and str(url).endswith("/REST/2.0/ticket") and not self.lost:
            self.lost = True
            raise requests.ConnectionError("connection reset after the request was sent")
        return response


@pytest.mark.parametrize("reference_field", [REFERENCE_FIELD, ""], ids=["by-custom-field", "by-subject"])
def test_retry_after_lost_answer_finds_the_ticket_instead_of_opening_another(rt: RTInstance, tmp_path: Path, reference_field: str) -> None:
    request = make_bundle(tmp_path)
    connector = RTConnector(rt.url, rt.token, queue=QUEUE, reference_field=reference_field, session=LosesAnswerToTicketCreation())

    with pytest.raises(ConnectorError):
        connector.create_ticket(request)
    result = connector.create_ticket(request)

    assert result.attached
    assert [t["id"] for t in rt.search(f"Subject LIKE '{request.reference_code}'")] == [result.ticket_id]
    assert len(bundle_attachments(rt, result.ticket_id, request)) == 1


def test_two_bundles_sharing_a_reference_code_never_share_a_ticket(rt: RTInstance, tmp_path: Path) -> None:
    connector = connector_for(rt)
    first = make_bundle(tmp_path)
    other_customer = make_bundle(tmp_path, email="someone.else@example.net")
    other_customer.reference_code = first.reference_code  # 40-bit codes: rare, but it happens at scale

    first_ticket = connector.create_ticket(first)
    other_ticket = connector.create_ticket(other_customer)
    other_retry = connector.create_ticket(other_customer)

    assert other_ticket.ticket_id != first_ticket.ticket_id
    assert other_retry.ticket_id == other_ticket.ticket_id
    assert len(tickets_with_reference(rt, first.reference_code)) == 2
    assert [r["id"] for r in rt.get(f"ticket/{first_ticket.ticket_id}")["Requestor"]] == ["jane.doe@example.com"]
    assert len(bundle_attachments(rt, first_ticket.ticket_id, first)) == 1, "the first customer's ticket got nothing of the other's"


def test_rt_that_drops_long_attachments_gets_the_agent_link_instead(rt_dropping: RTInstance, tmp_path: Path) -> None:
    request = make_bundle(tmp_path, payload_size=SMALL_LIMIT * 3)
    connector = connector_for(rt_dropping)

    result = connector.create_ticket(request)
    retried = connector.create_ticket(request)

    assert result.attached is False and retried.attached is False
    assert retried.ticket_id == result.ticket_id
    assert [t["id"] for t in tickets_with_reference(rt_dropping, request.reference_code)] == [result.ticket_id]
    text = rt_dropping.attachment_text(result.ticket_id)
    assert text.count(request.agent_link or "") == 1, "exactly one note with the agent link, also after a retry"
    assert "dropped" in text
    kept = bundle_attachments(rt_dropping, result.ticket_id, request)
    assert [a["Filename"] for a in kept] == [f"selfcheck-{request.reference_code}.zip.txt"]  # RT really dropped it
    ticket = rt_dropping.get(f"ticket/{result.ticket_id}")
    assert [r["id"] for r in ticket["Requestor"]] == ["jane.doe@example.com"]


def test_rt_that_drops_long_attachments_still_gets_small_bundles(rt_dropping: RTInstance, tmp_path: Path) -> None:
    request = make_bundle(tmp_path, payload_size=SMALL_LIMIT // 4)
    result = connector_for(rt_dropping).create_ticket(request)
    assert result.attached is True


def test_rt_that_truncates_long_attachments_gets_the_agent_link_instead(rt_truncating: RTInstance, tmp_path: Path) -> None:
    request = make_bundle(tmp_path, payload_size=SMALL_LIMIT * 2)
    result = connector_for(rt_truncating).create_ticket(request)

    assert result.attached is False
    files = bundle_attachments(rt_truncating, result.ticket_id, request)
    assert files and len(rt_truncating.attachment_bytes(files[0]["id"])) < request.bundle_size  # RT really cut it
    text = rt_truncating.attachment_text(result.ticket_id)
    assert request.agent_link and request.agent_link in text
    assert "cut short" in text


def test_bad_token_unknown_queue_and_missing_field_are_permanent(rt: RTInstance, tmp_path: Path) -> None:
    request = make_bundle(tmp_path)
    with pytest.raises(ConnectorRejected, match="token"):
        connector_for(rt, token="1-1-0123456789abcdef0123456789abcdef").create_ticket(request)
    with pytest.raises(ConnectorRejected, match="No Such Queue"):
        connector_for(rt, queue="No Such Queue").create_ticket(request)
    with pytest.raises(ConnectorRejected, match="Bundle code"):
        connector_for(rt, reference_field="Bundle code").create_ticket(request)
    assert connector_for(rt).health() is True
    assert connector_for(rt, queue="No Such Queue").health() is False
    assert tickets_with_reference(rt, request.reference_code) == []


def test_adding_to_a_ticket_that_does_not_exist_is_permanent(rt: RTInstance, tmp_path: Path) -> None:
    with pytest.raises(ConnectorRejected, match="no ticket 999999"):
        connector_for(rt).add_to_ticket("999999", make_bundle(tmp_path))
    with pytest.raises(ConnectorRejected, match="not an RT ticket number"):
        connector_for(rt).add_to_ticket("yesterday's", make_bundle(tmp_path))


def test_rt_down_is_a_failure_to_retry_later(tmp_path: Path) -> None:
    connector = RTConnector(url=f"http://127.0.0.1:{free_port()}", token="1-1-x", queue=QUEUE)
    with pytest.raises(ConnectorError):
        connector.create_ticket(make_bundle(tmp_path))
    assert connector.health() is False


@pytest.fixture
def proxy_answering(request: pytest.FixtureRequest) -> Iterator[str]:
    """A reverse proxy in front of RT that answers every request with the given status (RT down behind it)."""
    status = request.param

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            self.send_response(status)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html>upstream unavailable</html>")

        do_GET = do_POST = _answer

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("proxy_answering", [500, 502, 503, 429], indirect=True)
def test_server_errors_are_failures_to_retry_later(proxy_answering: str, tmp_path: Path) -> None:
    with pytest.raises(ConnectorError):
        RTConnector(url=proxy_answering, token="1-1-x", queue=QUEUE).create_ticket(make_bundle(tmp_path))


@pytest.mark.parametrize("chunk_size", [1, 3, 7, 64, 1 << 16])
def test_attachment_digest_is_computed_while_the_answer_streams(chunk_size: int) -> None:
    content = os.urandom(5000)
    import base64
    import json

    encoded = base64.encodebytes(content).decode()  # RT's MIME::Base64 style: lines of 76 characters
    answer = json.dumps({"Headers": 'Content-Type: application/zip; name="x"', "Content": encoded, "ContentType": "application/zip"}, indent=3).encode()
    answer = answer.replace(b"/", b"\\/")  # an encoder may escape slashes
    chunks = [answer[i : i + chunk_size] for i in range(0, len(answer), chunk_size)]
    assert _content_digest(chunks) == (len(content), hashlib.sha256(content).hexdigest())
    assert _content_digest([b'{"Content" : null}']) is None
    assert _content_digest([b'{"Content": "not*base64"}']) is None
