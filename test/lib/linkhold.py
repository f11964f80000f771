#!/usr/bin/env python3
"""linkhold.py - a loopback TCP relay whose traffic can be held.

Usage: linkhold.py TARGET_PORT HOLD_FILE PORT_FILE [LIFETIME]

Listens on 127.0.0.1 (a free port, written to PORT_FILE once listening)
and relays each connection to 127.0.0.1:TARGET_PORT.  While HOLD_FILE
exists, nothing is relayed in either direction: the replication tests put
it between two slapd nodes, so that a write committed on each node is not
seen by the other until the test releases the link ("hold the replication
links").  A closed side closes the other (a killed slapd: the consumer
then reconnects through the relay).  It stops by itself after LIFETIME
seconds (default 600), or when its parent dies.
"""
import os
import selectors
import socket
import sys
import time


def main():
    target = int(sys.argv[1])
    hold_file = sys.argv[2]
    port_file = sys.argv[3]
    lifetime = float(sys.argv[4]) if len(sys.argv) > 4 else 600.0
    parent = os.getppid()
    deadline = time.monotonic() + lifetime

    sel = selectors.DefaultSelector()
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind(("127.0.0.1", 0))
    lsock.listen(16)
    lsock.setblocking(False)
    sel.register(lsock, selectors.EVENT_READ, None)
    tmp = port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % lsock.getsockname()[1])
    os.rename(tmp, port_file)

    peer = {}       # socket -> the socket it relays to
    pending = {}    # socket -> bytes waiting to be written to it

    def close(s):
        for x in (s, peer.get(s)):
            if x is None or x not in peer:
                continue
            try:
                sel.unregister(x)
            except (KeyError, ValueError):
                pass
            x.close()
            peer.pop(x, None)
            pending.pop(x, None)

    while time.monotonic() < deadline and os.getppid() == parent:
        if os.path.exists(hold_file):
            # Nothing read, nothing accepted, nothing written.
            time.sleep(0.02)
            continue
        for key, _ in sel.select(timeout=0.02):
            s = key.fileobj
            if s is lsock:
                try:
                    c, _ = lsock.accept()
                except OSError:
                    continue
                u = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                try:
                    u.connect(("127.0.0.1", target))
                except OSError:
                    c.close()
                    u.close()
                    continue
                for x in (c, u):
                    x.setblocking(False)
                    sel.register(x, selectors.EVENT_READ, None)
                peer[c], peer[u] = u, c
                pending[c], pending[u] = b"", b""
                continue
            if s not in peer:
                continue
            try:
                data = s.recv(65536)
            except (BlockingIOError, InterruptedError):
                continue
            except OSError:
                data = b""
            if not data:
                close(s)
                continue
            pending[peer[s]] += data
        # Write what was read; a full socket keeps the rest for later.
        for s in list(pending):
            if s in pending and pending[s]:
                try:
                    n = s.send(pending[s])
                    pending[s] = pending[s][n:]
                except (BlockingIOError, InterruptedError):
                    pass
                except OSError:
                    close(s)
    for s in list(peer):
        s.close()
    lsock.close()


if __name__ == "__main__":
    main()
