"""An agent's download of a bundle from its link, cut off and resumed. The link's answer from a local storage folder used
to be Starlette's file answer, which takes byte ranges; 9ae34318 made it a stream of the file it opens first (so that the
sweep deleting it meanwhile does not answer 500), and with it the link answered every Range with the whole file again, and
with neither Accept-Ranges nor the validators (ETag, Last-Modified) a client resumes by: a browser's "Resume" of a
200 MB bundle cut off at 190 MB started again from nothing, `curl -C -` stopped ("server doesn't seem to support byte
ranges", exit 33), `wget -c` refused to go on. Now the link answers a range of the open file (206), whole when the file
is not the one the client began with (If-Range), 416 past its end, and HEAD with the headers alone. (A bucket's
presigned URL, where the link redirects with S3 storage, takes ranges itself.)"""

from __future__ import annotations

import os
import time
from pathlib import Path

import requests

from sendkit import Relay, make_bundle, manifest_of


def _send(relay: Relay, bundle: Path) -> str:
    key = manifest_of(bundle)["bundle_id"]
    answer = requests.post(relay.url + "/v1/bundles", data=bundle.read_bytes(), headers={"Content-Type": "application/zip", "Idempotency-Key": key}, timeout=30)
    assert answer.status_code in (201, 202), answer.text
    return key


def _link(relay: Relay, key: str) -> str:
    from selfcheck_intake.worker import sign_agent_link

    expires = int(time.time()) + 3600
    return f"{relay.url}/v1/agent/bundles/{key}?expires={expires}&sig={sign_agent_link('agent-link-test-secret', key, expires)}"


BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "Accept-Language": "en-GB,en;q=0.9"}


def test_an_agents_download_cut_off_resumes_where_it_stopped(tmp_path):
    relay = Relay(tmp_path / "relay").start()  # helpdesk none: the ticket holds only the link, support's one way to the bundle
    try:
        whole = make_bundle(tmp_path / "b.zip", {"capture.pcap": os.urandom(400_000)}).read_bytes()
        key = _send(relay, tmp_path / "b.zip")
        relay.wait_ticket(key)
        link = _link(relay, key)

        with requests.get(link, headers=BROWSER, stream=True, timeout=30) as first:  # the agent's connection drops after 150 kB
            assert first.status_code == 200 and first.headers["accept-ranges"] == "bytes"
            assert int(first.headers["content-length"]) == len(whole)
            got = first.raw.read(150_000)
            tag, modified = first.headers["etag"], first.headers["last-modified"]
        assert got == whole[:150_000]

        rest = requests.get(link, headers={**BROWSER, "Range": "bytes=150000-", "If-Range": tag}, timeout=30)  # the browser's Resume
        assert rest.status_code == 206, (rest.status_code, rest.headers)
        assert rest.headers["content-range"] == f"bytes 150000-{len(whole) - 1}/{len(whole)}"
        assert int(rest.headers["content-length"]) == len(whole) - 150_000
        assert got + rest.content == whole  # the bundle support opens is the customer's, byte for byte
        assert rest.headers["content-disposition"] == first.headers["content-disposition"]
        assert rest.headers["vary"] == "Accept, Accept-Language"

        by_date = requests.get(link, headers={"Range": "bytes=150000-150099", "If-Range": modified}, timeout=30)  # wget -c, curl -C -
        assert by_date.status_code == 206 and by_date.content == whole[150_000:150_100]
        end = requests.get(link, headers={"Range": "bytes=-22"}, timeout=30)  # a zip reader reads the zip's end first
        assert end.status_code == 206 and end.content == whole[-22:] and end.content.startswith(b"PK\x05\x06")

        other = requests.get(link, headers={"Range": "bytes=150000-", "If-Range": '"another-file"'}, timeout=30)  # not the file begun
        assert other.status_code == 200 and other.content == whole
        past = requests.get(link, headers={"Range": f"bytes={len(whole)}-"}, timeout=30)
        assert past.status_code == 416 and past.headers["content-range"] == f"bytes */{len(whole)}"

        head = requests.head(link, headers=BROWSER, timeout=30)  # a download manager asks the size first
        assert head.status_code == 200 and int(head.headers["content-length"]) == len(whole) and head.headers["etag"] == tag
        assert head.content == b""
    finally:
        relay.stop()


def test_a_range_header_with_a_number_of_thousands_of_digits_is_answered_whole_not_with_an_error():
    """A hostile client's Range header "bytes=999…9-" of 5,000 digits: int() refuses more than 4,300 digits (ValueError, a 500);
    no file has such an offset, so it is no valid range and the bundle is answered whole, as RFC 9110 allows."""
    from selfcheck_intake.app import byte_range

    assert byte_range("bytes=" + "9" * 5000 + "-", 100) is None
    assert byte_range("bytes=-" + "9" * 5000, 100) is None
    assert byte_range("bytes=10-19", 100) == (10, 20)  # an ordinary range still read
