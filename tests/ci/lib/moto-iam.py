#!/usr/bin/env python3
"""moto_server with two fixes the IAM closure test needs (tests/ci/iam-closure.test.mjs):
- moto re-computes SigV4 signatures and gets REST calls wrong (EKS GETs, S3 ListObjectsV2 with a query string):
  the signature check is skipped. The access key still identifies the caller (the assumed role's session), and
  every action is still authorised against that role's policies: authorisation is what the test is about;
- CloudFront invalidations report "COMPLETED" where AWS (and the aws CLI's waiter) use "Completed".
Usage: moto-iam.py -H 127.0.0.1 -p PORT   (IAM enforcement is switched on later through /moto-api/reset-auth)"""
import sys

from moto.cloudfront import models as cloudfront
from moto.iam import access_control

access_control.IAMRequestBase.check_signature = lambda self: None

_invalidation_init = cloudfront.Invalidation.__init__


def _completed(self, *args, **kwargs):
    _invalidation_init(self, *args, **kwargs)
    self.status = "Completed"


cloudfront.Invalidation.__init__ = _completed

from moto.server import main  # noqa: E402  (after the patches)

sys.exit(main())
