#!/usr/bin/env python3
"""A TCP proxy in front of moto_server that breaks or holds chosen uploads (test-ops failure cases).

Usage: s3-fault-proxy.py LISTEN_PORT UPSTREAM_PORT CONTROL_FILE

CONTROL_FILE is read for every new connection and holds one rule:
  pass                     forward everything
  cut SUFFIX BYTES         a PUT whose path contains SUFFIX is forwarded with at most BYTES bytes of its body,
                           then both connections are reset (an upload failing mid-way)
  hold SUFFIX GATE_FILE    a PUT whose path contains SUFFIX waits (at most 120 s) until GATE_FILE exists; the proxy
                           creates GATE_FILE.waiting while it holds it (a slow upload, to run a second backup meanwhile)
moto_server answers every request with "Connection: close", so each connection carries exactly one request.
Each request is logged on stdout as "METHOD PATH ACCESS_KEY_ID INTEGRITY": which credentials signed it, and
"sha256", "md5" or "-" for the integrity header it carries (buckets with Object Lock refuse uploads without one).
"""
import os
import re
import socket
import struct
import sys
import threading
import time


def read_head(client):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = client.recv(65536)
        if not chunk:
            return None
        data += chunk
    return data


def pump(src, dst):
    try:
        while True:
            chunk = src.recv(65536)
            if not chunk:
                break
            dst.sendall(chunk)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def reset(sock):
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def handle(client, upstream_port, control):
    head = read_head(client)
    if head is None:
        client.close()
        return
    method, path = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ")[:2]
    signer = re.search(rb"Credential=([^/]+)/", head)
    lower = head.lower()
    integrity = "sha256" if b"\r\nx-amz-checksum-sha256:" in lower else "md5" if b"\r\ncontent-md5:" in lower else "-"
    print(method, path, signer.group(1).decode() if signer else "-", integrity, flush=True)
    try:
        with open(control) as f:
            rule = f.read().split()
    except OSError:
        rule = ["pass"]
    matched = len(rule) >= 3 and method == "PUT" and rule[1] in path
    upstream = socket.create_connection(("127.0.0.1", upstream_port))
    if matched and rule[0] == "hold":
        open(rule[2] + ".waiting", "w").close()
        deadline = time.time() + 120
        while not os.path.exists(rule[2]) and time.time() < deadline:
            time.sleep(0.05)
    if matched and rule[0] == "cut":
        budget = head.index(b"\r\n\r\n") + 4 + int(rule[2])
        upstream.sendall(head[:budget])
        sent = min(len(head), budget)
        while sent < budget:
            chunk = client.recv(min(65536, budget - sent))
            if not chunk:
                break
            upstream.sendall(chunk)
            sent += len(chunk)
        reset(client)
        reset(upstream)
        return
    upstream.sendall(head)
    threading.Thread(target=pump, args=(upstream, client), daemon=True).start()
    pump(client, upstream)


def main():
    listen_port, upstream_port, control = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", listen_port))
    server.listen(64)
    while True:
        client, _ = server.accept()
        threading.Thread(target=handle, args=(client, upstream_port, control), daemon=True).start()


if __name__ == "__main__":
    main()
