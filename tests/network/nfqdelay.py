"""Delay every packet of an NFQUEUE queue (the lab's "high latency"; tc netem is absent).

    python nfqdelay.py QUEUE_NUM DELAY_MS

Speaks nfnetlink_queue directly over a netlink socket (no library needed):
binds the queue, asks for packet metadata only, and gives each packet the
ACCEPT verdict DELAY_MS after it arrived. Prints "ready" once bound.
"""

from __future__ import annotations

import heapq
import select
import socket
import struct
import sys
import time

NETLINK_NETFILTER = 12
NFNL_SUBSYS_QUEUE = 3
NFQNL_MSG_PACKET, NFQNL_MSG_VERDICT, NFQNL_MSG_CONFIG = 0, 1, 2
NFQA_CFG_CMD, NFQA_CFG_PARAMS = 1, 2
NFQA_PACKET_HDR, NFQA_VERDICT_HDR = 1, 2
NFQNL_CFG_CMD_BIND = 1
NFQNL_COPY_META = 1
NLM_F_REQUEST, NLM_F_ACK = 1, 4
NLMSG_ERROR = 2
NF_ACCEPT = 1


def attr(kind: int, payload: bytes) -> bytes:
    data = struct.pack("=HH", 4 + len(payload), kind) + payload
    return data + b"\0" * (-len(data) % 4)


def message(msg_type: int, queue: int, payload: bytes, seq: int, flags: int = NLM_F_REQUEST) -> bytes:
    body = struct.pack("=BBH", socket.AF_UNSPEC, 0, socket.htons(queue)) + payload
    return struct.pack("=IHHII", 16 + len(body), (NFNL_SUBSYS_QUEUE << 8) | msg_type, flags, seq, 0) + body


def main() -> None:
    queue, delay = int(sys.argv[1]), float(sys.argv[2]) / 1000
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    sock.bind((0, 0))
    sock.send(message(NFQNL_MSG_CONFIG, queue, attr(NFQA_CFG_CMD, struct.pack("!BxH", NFQNL_CFG_CMD_BIND, 0)), 1, NLM_F_REQUEST | NLM_F_ACK))
    sock.recv(4096)
    sock.send(message(NFQNL_MSG_CONFIG, queue, attr(NFQA_CFG_PARAMS, struct.pack("!IB", 0, NFQNL_COPY_META)), 2, NLM_F_REQUEST | NLM_F_ACK))
    sock.recv(4096)
    print("ready", flush=True)
    due: list[tuple[float, int]] = []
    seq = 10
    while True:
        timeout = max(0.0, due[0][0] - time.monotonic()) if due else None
        ready, _w, _x = select.select([sock], [], [], timeout)
        if ready:
            data = sock.recv(65536)
            offset = 0
            while offset + 16 <= len(data):
                length, msg_type, _flags, _seq, _pid = struct.unpack_from("=IHHII", data, offset)
                if length < 16:
                    break
                if msg_type == (NFNL_SUBSYS_QUEUE << 8) | NFQNL_MSG_PACKET:
                    pos = offset + 16 + 4
                    while pos + 4 <= offset + length:
                        alen, akind = struct.unpack_from("=HH", data, pos)
                        if alen < 4:
                            break
                        if akind & 0x7FFF == NFQA_PACKET_HDR:
                            packet_id = struct.unpack_from("!I", data, pos + 4)[0]
                            heapq.heappush(due, (time.monotonic() + delay, packet_id))
                        pos += (alen + 3) & ~3
                offset += (length + 3) & ~3
        now = time.monotonic()
        while due and due[0][0] <= now:
            _t, packet_id = heapq.heappop(due)
            seq += 1
            sock.send(message(NFQNL_MSG_VERDICT, queue, attr(NFQA_VERDICT_HDR, struct.pack("!II", NF_ACCEPT, packet_id)), seq))


if __name__ == "__main__":
    main()
