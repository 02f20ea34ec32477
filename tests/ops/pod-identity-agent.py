#!/usr/bin/env python3
"""A stand-in for the EKS Pod Identity agent (AWS itself cannot run here): answers GET /v1/credentials with
temporary credentials when the Authorization header equals the token file's content, 403 otherwise.
Usage: pod-identity-agent.py PORT TOKEN_FILE"""
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer


class Agent(BaseHTTPRequestHandler):
    def do_GET(self):
        with open(sys.argv[2]) as f:
            token = f.read().strip()
        if self.path != "/v1/credentials" or self.headers.get("Authorization") != token:
            self.send_error(403)
            return
        body = json.dumps({"AccessKeyId": "ASIAPODIDENTITY", "SecretAccessKey": "pod-identity-secret",
                           "Token": "pod-identity-session", "AccountId": "123456789012",
                           "Expiration": "2099-01-01T00:00:00Z"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


HTTPServer(("127.0.0.1", int(sys.argv[1])), Agent).serve_forever()
