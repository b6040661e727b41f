// Calls every gateway method the studio uses on the emulator with the
// official Node SDK, response signatures checked (validateSign), and prints
// one JSON line per call. Exits non-zero at the first failure.
// Env: GATEWAY, APP_ID, APP_PRIVATE_KEY (PKCS#8 PEM), ALIPAY_PUBLIC_KEY (PEM).
// The SDK writes timestamps in the machine's zone: run with TZ=Asia/Shanghai.
import { createHash } from "node:crypto";
import { AlipayFormData, AlipaySdk } from "alipay-sdk";

const sdk = new AlipaySdk({
  appId: process.env.APP_ID,
  privateKey: process.env.APP_PRIVATE_KEY,
  keyType: "PKCS8",
  alipayPublicKey: process.env.ALIPAY_PUBLIC_KEY,
  gateway: process.env.GATEWAY,
  signType: "RSA2",
  timeout: 10000,
});

const results = {};
async function call(label, method, params, options = {}) {
  const result = await sdk.exec(method, params, { validateSign: true, ...options });
  if (result.code !== "10000") {
    console.error(JSON.stringify({ label, method, result }));
    process.exit(1);
  }
  results[label] = result;
  console.log(JSON.stringify({ label, method, result }));
  return result;
}

const title = "春日咖啡 ☕ & = + % 空格";
const body = "正文😀 #咖啡 a=b&c=d 100%";

await call("profile", "alipay.open.public.info.query", { bizContent: {} });
await call("modify", "alipay.open.public.info.modify", { bizContent: { app_name: "老街面馆", introduction: "五十年老店" } });

const image = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
const imageForm = new AlipayFormData();
imageForm.addField("image_type", "jpg");
imageForm.addField("image_name", "门头.jpg");
imageForm.addFile("image_content", "门头.jpg", image);
const uploaded = await call("image", "alipay.offline.material.image.upload", {}, { formData: imageForm });

const fileForm = new AlipayFormData();
fileForm.addField("biz_code", "content_creation");
fileForm.addField("md5", createHash("md5").update(image).digest("hex"));
fileForm.addFile("file_content", "封面.jpg", image);
const file = await call("file", "alipay.open.file.upload", {}, { formData: fileForm });

const published = await call("publish", "alipay.social.base.contentlib.standardcontent.publish", {
  bizContent: {
    source_type: 1,
    source_title: title,
    source_content: body,
    source_media_infos: [{ media_id: file.fileId, media_type: "image" }],
    permission_status: 1,
  },
});
const queried = await call("query", "alipay.social.base.contentlib.standardcontent.query", { bizContent: { content_id: published.contentId } });
if (queried.sourceTitle !== title || queried.sourceContent !== body) {
  console.error(JSON.stringify({ label: "round-trip", title: queried.sourceTitle, body: queried.sourceContent }));
  process.exit(1);
}
await call("batchquery", "alipay.social.base.contentlib.standardcontent.batchquery", { bizContent: { page_num: 1, page_size: 20, need_detail: true } });
await call("delete", "alipay.social.base.contentlib.standardcontent.delete", { bizContent: { content_id: published.contentId } });

const advance = await call("live-create", "alipay.content.live.advance.create", {
  bizContent: { alipay_public_id: "P1", live_advance_time: "2026-12-12 20:00:00", live_title: "双十二直播", out_advance_id: "node-sdk-1" },
});
await call("live-modify", "alipay.content.live.advance.modify", {
  bizContent: { alipay_advance_id: advance.alipayAdvanceId, alipay_public_id: "P1", live_title: "双十二直播（改）" },
});
await call("live-delete", "alipay.content.live.advance.delete", {
  bizContent: { alipay_advance_id: advance.alipayAdvanceId, alipay_public_id: "P1", reason: "取消" },
});
const menu = {
  type: "text",
  button: [
    { name: "官网", action_type: "link", action_param: "https://example.com/?a=b&c=d" },
    { name: "服务", sub_button: [{ name: "电话", action_type: "tel", action_param: "0571-12345678" }, { name: "订单", action_type: "consumption" }] },
  ],
};
const menuCreated = await call("menu-create", "alipay.open.public.menu.create", { bizContent: menu });
const menus = await call("menu-batchquery", "alipay.open.public.menu.batchquery", { bizContent: {} });
// The SDK writes the answer's keys in camelCase.
const sent = menu.button.flatMap((b) => [b, ...(b.sub_button ?? [])]).map((b) => [b.name, b.action_type ?? "", b.action_param ?? ""]);
const read = menus.menus[0].button.flatMap((b) => [b, ...(b.subButton ?? [])]).map((b) => [b.name, b.actionType ?? "", b.actionParam ?? ""]);
if (menuCreated.menuKey !== "default" || JSON.stringify(read) !== JSON.stringify(sent)) {
  console.error(JSON.stringify({ label: "menu-round-trip", menus }));
  process.exit(1);
}
await call("menu-modify", "alipay.open.public.menu.modify", { bizContent: { type: "text", button: [{ name: "会员", action_type: "out", action_param: "member_card" }] } });
const content = await call("menu-query", "alipay.open.public.menu.query", { bizContent: {} });
if (JSON.parse(content.menuContent)[0].name !== "会员") {
  console.error(JSON.stringify({ label: "menu-query", content }));
  process.exit(1);
}
const messageContent = { title: "周末新品", cover: uploaded.imageUrl, content: "<p>现烤面包 & 咖啡</p>", could_comment: "T", ctype: "activity", benefit: "第二杯半价", ext_tags: "咖啡,面包", login_ids: "a@example.com" };
const made = await call("message-content-create", "alipay.open.public.message.content.create", { bizContent: messageContent });
await call("message-content-modify", "alipay.open.public.message.content.modify", { bizContent: { ...messageContent, content_id: made.contentId, title: "周末新品（改）" } });
const article = { title: "周末新品（改）", desc: "第二杯半价", image_url: uploaded.imageUrl, url: made.contentUrl, action_name: "查看详情" };
await call("message-preview", "alipay.open.public.message.preview.send", { bizContent: { logon_ids: ["a@example.com"], msg_body: { msg_type: "image-text", articles: [article] } } });
const sentMessage = await call("message-send", "alipay.open.public.message.total.send", { bizContent: { msg_type: "image-text", articles: [article] } });
const listed = await call("message-query", "alipay.open.public.message.query", { bizContent: { message_ids: [sentMessage.messageId] } });
if (listed.list[0].articles[0].url !== made.contentUrl) {
  console.error(JSON.stringify({ label: "message-round-trip", listed }));
  process.exit(1);
}
await call("message-recall", "alipay.open.public.life.msg.recall", { bizContent: { message_id: sentMessage.messageId } });
await call("detect", "alipay.security.risk.content.detect", { bizContent: { content: "一段普通的文字" } });
console.log(JSON.stringify({ done: Object.keys(results).length }));
