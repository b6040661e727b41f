"""Calls profile query, content publish and query, and livestream announcement
on the emulator with the official Python SDK (response signatures checked),
printing one JSON line per call; exits non-zero on the first failure.
Env: GATEWAY, APP_ID, APP_PRIVATE_KEY (PKCS#1 Base64), ALIPAY_PUBLIC_KEY
(SPKI Base64). The SDK stamps requests in the machine's zone: run with
TZ=Asia/Shanghai."""
import json
import os
import sys

import http.client
from urllib.parse import urlparse

import alipay.aop.api.util.WebUtils as web
from alipay.aop.api.AlipayClientConfig import AlipayClientConfig
from alipay.aop.api.DefaultAlipayClient import DefaultAlipayClient
from alipay.aop.api.request.AlipayContentLiveAdvanceCreateRequest import AlipayContentLiveAdvanceCreateRequest
from alipay.aop.api.request.AlipayOpenPublicInfoQueryRequest import AlipayOpenPublicInfoQueryRequest
from alipay.aop.api.request.AlipaySocialBaseContentlibStandardcontentPublishRequest import (
    AlipaySocialBaseContentlibStandardcontentPublishRequest,
)
from alipay.aop.api.request.AlipaySocialBaseContentlibStandardcontentQueryRequest import (
    AlipaySocialBaseContentlibStandardcontentQueryRequest,
)


# The SDK's transport ignores any port in the gateway URL (it always dials
# 80 or 443, and its URL rebuild fails on a port). The emulator listens on a
# free loopback port, so the connection is opened with the port; signing,
# parameters and response verification stay the SDK's own.
def connection_with_port(url, query_string, timeout):
    parsed = urlparse(url)
    connection = http.client.HTTPConnection(host=parsed.hostname, port=parsed.port or 80, timeout=timeout)
    return f"{parsed.scheme}://{parsed.netloc}{parsed.path}?{query_string}", connection


web.get_http_connection = connection_with_port

config = AlipayClientConfig()
config.server_url = os.environ["GATEWAY"]
config.app_id = os.environ["APP_ID"]
config.app_private_key = os.environ["APP_PRIVATE_KEY"]
config.alipay_public_key = os.environ["ALIPAY_PUBLIC_KEY"]
config.sign_type = "RSA2"
client = DefaultAlipayClient(alipay_client_config=config)

done = 0


def call(label, request, biz=None):
    global done
    if biz is not None:
        request.biz_content = biz
    answer = json.loads(client.execute(request))
    print(json.dumps({"label": label, "result": answer}, ensure_ascii=False), flush=True)
    if answer.get("code") != "10000":
        sys.exit(1)
    done += 1
    return answer


TITLE = "春日咖啡 ☕ & = + % 空格"
BODY = "正文😀 #咖啡 a=b&c=d 100%"
call("profile", AlipayOpenPublicInfoQueryRequest())
published = call(
    "publish",
    AlipaySocialBaseContentlibStandardcontentPublishRequest(),
    {"source_type": 1, "source_title": TITLE, "source_content": BODY},
)
queried = call("query", AlipaySocialBaseContentlibStandardcontentQueryRequest(), {"content_id": published["content_id"]})
if queried.get("source_title") != TITLE or queried.get("source_content") != BODY:
    print(json.dumps({"label": "round-trip", "result": queried}, ensure_ascii=False))
    sys.exit(1)
call(
    "live-create",
    AlipayContentLiveAdvanceCreateRequest(),
    {"alipay_public_id": "P1", "live_advance_time": "2026-12-12 20:00:00", "live_title": "双十二直播", "out_advance_id": "python-sdk-1"},
)
print(json.dumps({"done": done}))
