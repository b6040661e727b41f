import { describe, expect, it } from "vitest";
import type { Menu } from "./api";
import { addEntry, moveEntry, nameWidth, newEntry, parsePath, pathOf, removeAt } from "./menuTree";

const names = (m: Menu | null) => m?.entries.map((e) => (e.children.length ? `${e.name}[${e.children.map((c) => c.name).join(",")}]` : e.name)).join(" ");

function menu(): Menu {
  let m: Menu = { kind: "text", entries: [] };
  for (const n of ["官网", "服务", "会员"]) m = addEntry(m, newEntry(n));
  m = addEntry(m, newEntry("电话"), 1);
  m = addEntry(m, newEntry("门店"), 1);
  return m;
}

describe("the menu tree", () => {
  it("reorders entries before and after another", () => {
    expect(names(moveEntry(menu(), [2], { path: [0], where: "before" }))).toBe("会员 官网 服务[电话,门店]");
    expect(names(moveEntry(menu(), [0], { path: [2], where: "after" }))).toBe("服务[电话,门店] 会员 官网");
    expect(names(moveEntry(menu(), [1, 1], { path: [1, 0], where: "before" }))).toBe("官网 服务[门店,电话] 会员");
  });

  it("nests an entry as a sub-entry and lifts a sub-entry out", () => {
    expect(names(moveEntry(menu(), [2], { path: [1], where: "into" }))).toBe("官网 服务[电话,门店,会员]");
    expect(names(moveEntry(menu(), [0], { path: [1, 0], where: "after" }))).toBe("服务[电话,官网,门店] 会员");
    expect(names(moveEntry(menu(), [1, 0], { path: [2], where: "after" }))).toBe("官网 服务[门店] 会员 电话");
    expect(names(moveEntry(menu(), [1, 0], { path: [0], where: "into" }))).toBe("官网[电话] 服务[门店] 会员");
  });

  it("refuses a third level and moves onto itself", () => {
    expect(moveEntry(menu(), [1], { path: [0], where: "into" })).toBeNull();
    expect(moveEntry(menu(), [1], { path: [1, 0], where: "before" })).toBeNull();
    expect(moveEntry(menu(), [0], { path: [0], where: "after" })).toBeNull();
    expect(moveEntry(menu(), [0], { path: [1, 0], where: "into" })).toBeNull();
  });

  it("removes and finds entries", () => {
    const m = menu();
    expect(names(removeAt(m, [1, 0]))).toBe("官网 服务[门店] 会员");
    expect(pathOf(m, m.entries[1]!.children[1]!)).toEqual([1, 1]);
    expect(parsePath("1.0")).toEqual([1, 0]);
    expect(parsePath("x")).toBeNull();
    expect(nameWidth("VIP会员")).toBe(7);
  });
});
