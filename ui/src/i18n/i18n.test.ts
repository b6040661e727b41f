import en from "./en";
import zhCN from "./zh-CN";

function leaves(obj: object, prefix = ""): [string, string][] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === "object" ? leaves(v as object, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)] as [string, string]],
  );
}

test("English has exactly the keys of zh-CN, none empty", () => {
  const zh = leaves(zhCN);
  const english = leaves(en);
  expect(english.map(([k]) => k)).toEqual(zh.map(([k]) => k));
  for (const [key, text] of [...zh, ...english]) expect(text.trim(), key).not.toBe("");
});

test("interpolations match between languages", () => {
  const vars = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
  const english = new Map(leaves(en));
  for (const [key, text] of leaves(zhCN)) expect(vars(english.get(key)!), key).toEqual(vars(text));
});
