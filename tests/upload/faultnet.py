"""Misbehaving servers on loopback: a TCP proxy that cuts an upload mid-way, and a server that never answers."""

from __future__ import annotations

import socket
import struct
import threading


class ResettingProxy:
    """Forwards to ``target``; the next ``resets`` connections that carry a POST are reset after ``after`` bytes."""

    def __init__(self, target_port: int, resets: int = 1, after: int = 20_000) -> None:
        self.target_port = target_port
        self.resets = resets
        self.after = after
        self.reset_done = 0
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def _handle(self, client: socket.socket) -> None:
        upstream = socket.create_connection(("127.0.0.1", self.target_port))

        def back() -> None:
            try:
                while data := upstream.recv(65536):
                    client.sendall(data)
            except OSError:
                pass
            finally:
                try:
                    client.shutdown(socket.SHUT_WR)
                except OSError:
                    pass

        threading.Thread(target=back, daemon=True).start()
        cutting = False
        seen = 0
        try:
            while data := client.recv(65536):
                if not cutting and b"POST /" in data and self.reset_done < self.resets:
                    self.reset_done += 1
                    cutting = True
                if cutting:
                    seen += len(data)
                    if seen >= self.after:
                        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                        client.close()  # RST to the client
                        upstream.shutdown(socket.SHUT_RDWR)  # wakes the other thread's recv; the relay sees the body cut off
                        upstream.close()
                        return
                upstream.sendall(data)
        except OSError:
            pass
        try:
            upstream.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    def close(self) -> None:
        self._closed = True
        self.sock.close()


class StallingServer:
    """Accepts connections and reads, but never answers."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)
            threading.Thread(target=self._drain, args=(conn,), daemon=True).start()

    def _drain(self, conn: socket.socket) -> None:
        try:
            while conn.recv(65536):
                pass
        except OSError:
            pass

    def close(self) -> None:
        self.sock.close()
        for c in self.conns:
            c.close()
