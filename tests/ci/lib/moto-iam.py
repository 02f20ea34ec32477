#!/usr/bin/env python3
"""moto_server with two fixes the IAM closure test needs (tests/ci/iam-closure.test.mjs):
- moto re-signs a request to check its SigV4 signature and, for GET/HEAD/DELETE on REST APIs other than S3 (EKS),
  signs its parsed parameters as a body the client never sent: every such call fails with SignatureDoesNotMatch;
- CloudFront invalidations report "COMPLETED" where AWS (and the aws CLI's waiter) use "Completed".
Usage: moto-iam.py -H 127.0.0.1 -p PORT   (IAM enforcement is switched on later through /moto-api/reset-auth)"""
import sys

from moto.cloudfront import models as cloudfront
from moto.iam import access_control

_create_aws_request = access_control.IAMRequest._create_aws_request


def _without_phantom_body(self):
    request = _create_aws_request(self)
    if self._method in ("GET", "HEAD", "DELETE") and not self._body:
        request.data = b""
    return request


access_control.IAMRequest._create_aws_request = _without_phantom_body  # S3 (S3IAMRequest) signs correctly

_invalidation_init = cloudfront.Invalidation.__init__


def _completed(self, *args, **kwargs):
    _invalidation_init(self, *args, **kwargs)
    self.status = "Completed"


cloudfront.Invalidation.__init__ = _completed

from moto.server import main  # noqa: E402  (after the patches)

sys.exit(main())
