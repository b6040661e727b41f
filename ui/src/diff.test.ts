import { diff } from "./diff";

const rebuild = (parts: ReturnType<typeof diff>, side: "before" | "after") =>
  parts.filter((p) => p.kind === "same" || p.kind === (side === "before" ? "removed" : "added")).map((p) => p.text).join("");

test("a changed Chinese word shows as removed and added", () => {
  expect(diff("春日咖啡", "春日拿铁")).toEqual([
    { kind: "same", text: "春日" },
    { kind: "removed", text: "咖啡" },
    { kind: "added", text: "拿铁" },
  ]);
});

test("both sides can be rebuilt from the parts, emoji included", () => {
  const before = "第一行😀\n第二行 latte\n";
  const after = "第一行\n第二行 flat white 😀\n第三行";
  const parts = diff(before, after);
  expect(rebuild(parts, "before")).toBe(before);
  expect(rebuild(parts, "after")).toBe(after);
});

test("long texts fall back to lines", () => {
  const before = Array.from({ length: 300 }, (_, i) => `line ${i} 内容\n`).join("");
  const after = before.replace("line 150 内容", "line 150 改");
  const parts = diff(before, after);
  expect(parts.filter((p) => p.kind === "removed")).toEqual([{ kind: "removed", text: "line 150 内容\n" }]);
  expect(rebuild(parts, "after")).toBe(after);
});
