"""Calls profile query, content publish and query, livestream announcement,
the service menu (created, read, modified from the SDK's own models) and a
message to followers (sent, queried, recalled) on the emulator with the
official Python SDK (response signatures checked),
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
from alipay.aop.api.domain.AlipayOpenPublicMenuCreateModel import AlipayOpenPublicMenuCreateModel
from alipay.aop.api.domain.AlipayOpenPublicMenuModifyModel import AlipayOpenPublicMenuModifyModel
from alipay.aop.api.domain.ButtonObject import ButtonObject
from alipay.aop.api.domain.SubButton import SubButton
from alipay.aop.api.request.AlipayContentLiveAdvanceCreateRequest import AlipayContentLiveAdvanceCreateRequest
from alipay.aop.api.request.AlipayOpenPublicMenuBatchqueryRequest import AlipayOpenPublicMenuBatchqueryRequest
from alipay.aop.api.request.AlipayOpenPublicMenuCreateRequest import AlipayOpenPublicMenuCreateRequest
from alipay.aop.api.request.AlipayOpenPublicMenuModifyRequest import AlipayOpenPublicMenuModifyRequest
from alipay.aop.api.request.AlipayOpenPublicMenuQueryRequest import AlipayOpenPublicMenuQueryRequest
from alipay.aop.api.domain.AlipayOpenPublicMessageTotalSendModel import AlipayOpenPublicMessageTotalSendModel
from alipay.aop.api.domain.AlipayOpenPublicLifeMsgRecallModel import AlipayOpenPublicLifeMsgRecallModel
from alipay.aop.api.domain.AlipayOpenPublicMessageQueryModel import AlipayOpenPublicMessageQueryModel
from alipay.aop.api.domain.Text import Text
from alipay.aop.api.request.AlipayOpenPublicLifeMsgRecallRequest import AlipayOpenPublicLifeMsgRecallRequest
from alipay.aop.api.request.AlipayOpenPublicMessageQueryRequest import AlipayOpenPublicMessageQueryRequest
from alipay.aop.api.request.AlipayOpenPublicMessageTotalSendRequest import AlipayOpenPublicMessageTotalSendRequest
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


def button(kind, name, action, param):
    b = kind()
    b.name, b.action_type, b.action_param = name, action, param
    return b


services = ButtonObject()
services.name = "服务"
services.sub_button = [button(SubButton, "电话", "tel", "0571-12345678"), button(SubButton, "门店", "map", "街角咖啡")]
create = AlipayOpenPublicMenuCreateModel()
create.type = "text"
create.button = [button(ButtonObject, "官网", "link", "https://example.com/?a=b&c=d"), services]
created = call("menu-create", AlipayOpenPublicMenuCreateRequest(biz_model=create))
listed = call("menu-batchquery", AlipayOpenPublicMenuBatchqueryRequest())
menu = listed["menus"][0]
if created.get("menu_key") != "default" or menu["button"][1]["sub_button"][1]["action_param"] != "街角咖啡":
    print(json.dumps({"label": "menu-round-trip", "result": listed}, ensure_ascii=False))
    sys.exit(1)
modify = AlipayOpenPublicMenuModifyModel()
modify.type = "text"
modify.button = [button(ButtonObject, "会员", "out", "member_card")]
call("menu-modify", AlipayOpenPublicMenuModifyRequest(biz_model=modify))
content = json.loads(call("menu-query", AlipayOpenPublicMenuQueryRequest())["menu_content"])
if [b["name"] for b in content] != ["会员"]:
    print(json.dumps({"label": "menu-query", "result": content}, ensure_ascii=False))
    sys.exit(1)
send = AlipayOpenPublicMessageTotalSendModel()
send.msg_type = "text"
words = Text()
words.title = ""
words.content = "今天营业到十点 & 明天见"
send.text = words
sent = call("message-send", AlipayOpenPublicMessageTotalSendRequest(biz_model=send))
query = AlipayOpenPublicMessageQueryModel()
query.message_ids = [sent["message_id"]]
if call("message-query", AlipayOpenPublicMessageQueryRequest(biz_model=query))["list"][0]["status"] != "SENT":
    sys.exit(1)
recall = AlipayOpenPublicLifeMsgRecallModel()
recall.message_id = sent["message_id"]
call("message-recall", AlipayOpenPublicLifeMsgRecallRequest(biz_model=recall))
print(json.dumps({"done": done}))
