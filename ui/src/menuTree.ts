import type { Menu, MenuEntry } from "./api";

/** An entry's place: its position among the entries, then among its parent's sub-entries. */
export type MenuPath = [number] | [number, number];

/** Where a dragged entry lands, next to or into the entry at `path`. */
export type Drop = { path: MenuPath; where: "before" | "after" | "into" };

export function entryAt(menu: Menu, path: MenuPath): MenuEntry | undefined {
  const top = menu.entries[path[0]];
  return path.length === 1 ? top : top?.children[path[1]];
}

export function newEntry(name: string): MenuEntry {
  return { name, action: "link", param: "", icon_url: "", children: [] };
}

/** The path of `entry` (by identity) in `menu`. */
export function pathOf(menu: Menu, entry: MenuEntry): MenuPath | null {
  for (const [i, top] of menu.entries.entries()) {
    if (top === entry) return [i];
    const j = top.children.indexOf(entry);
    if (j >= 0) return [i, j];
  }
  return null;
}

/** A path read from its dotted form (`"1.0"`). */
export function parsePath(text: string): MenuPath | null {
  const [i, j, ...rest] = text.split(".").map(Number);
  if (i === undefined || Number.isNaN(i) || rest.length) return null;
  return j === undefined ? [i] : Number.isNaN(j) ? null : [i, j];
}

function withChildren(menu: Menu, parent: number, change: (children: MenuEntry[]) => MenuEntry[]): Menu {
  return { ...menu, entries: menu.entries.map((e, i) => (i === parent ? { ...e, children: change([...e.children]) } : e)) };
}

/** `menu` with the entry at `path` replaced by `entry`. */
export function replaceAt(menu: Menu, path: MenuPath, entry: MenuEntry): Menu {
  if (path.length === 1) return { ...menu, entries: menu.entries.map((e, i) => (i === path[0] ? entry : e)) };
  return withChildren(menu, path[0], (children) => children.map((c, j) => (j === path[1] ? entry : c)));
}

export function removeAt(menu: Menu, path: MenuPath): Menu {
  if (path.length === 1) return { ...menu, entries: menu.entries.filter((_, i) => i !== path[0]) };
  return withChildren(menu, path[0], (children) => children.filter((_, j) => j !== path[1]));
}

/** Adds `entry` at the end of the entries, or of the sub-entries of the entry at `parent`. */
export function addEntry(menu: Menu, entry: MenuEntry, parent?: number): Menu {
  if (parent === undefined) return { ...menu, entries: [...menu.entries, entry] };
  return withChildren(menu, parent, (children) => [...children, entry]);
}

/**
 * The menu with the entry at `from` moved to `drop`, or `null` when it
 * cannot go there: onto itself, into its own sub-entries, or (an entry with
 * sub-entries of its own) one level down, where menus have no third level.
 */
export function moveEntry(menu: Menu, from: MenuPath, drop: Drop): Menu | null {
  const moving = entryAt(menu, from);
  const target = entryAt(menu, drop.path);
  if (!moving || !target || moving === target) return null;
  const goesDown = drop.where === "into" || drop.path.length === 2;
  if (goesDown && moving.children.length > 0) return null;
  if (drop.where === "into" && drop.path.length !== 1) return null;
  const without = removeAt(menu, from);
  const at = pathOf(without, target);
  if (!at) return null;
  if (drop.where === "into") return addEntry(without, moving, at[0]);
  const offset = drop.where === "after" ? 1 : 0;
  if (at.length === 1) {
    const entries = [...without.entries];
    entries.splice(at[0] + offset, 0, moving);
    return { ...without, entries };
  }
  const place = at[1] + offset;
  return withChildren(without, at[0], (children) => {
    children.splice(place, 0, moving);
    return children;
  });
}

/** Width of a name as the platform counts it: 2 a Chinese character, 1 an ASCII one. */
export function nameWidth(name: string): number {
  let width = 0;
  for (const c of name) width += c.charCodeAt(0) < 128 ? 1 : 2;
  return width;
}

export function samePath(a: readonly number[] | null | undefined, b: readonly number[] | null | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.every((v, i) => v === b[i]);
}
