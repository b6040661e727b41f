/** One piece of a comparison between an old and a new text. */
export type DiffPart = { kind: "same" | "removed" | "added"; text: string };

// Character-level comparison up to this many characters a side, then lines;
// keeps the LCS table within a few megabytes.
const MAX_UNITS = 2000;

function units(text: string, byChar: boolean): string[] {
  return byChar ? Array.from(text) : text.split(/(?<=\n)/);
}

/** The differences from `before` to `after`, by longest common subsequence. */
export function diff(before: string, after: string): DiffPart[] {
  const byChar = Array.from(before).length <= MAX_UNITS && Array.from(after).length <= MAX_UNITS;
  const a = units(before, byChar);
  const b = units(after, byChar);
  if (a.length > MAX_UNITS || b.length > MAX_UNITS) {
    return [
      ...(before ? [{ kind: "removed" as const, text: before }] : []),
      ...(after ? [{ kind: "added" as const, text: after }] : []),
    ];
  }
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart["kind"], text: string) => {
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      push("same", a[i]!);
      i++;
      j++;
    } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) {
      push("removed", a[i++]!);
    } else {
      push("added", b[j++]!);
    }
  }
  while (i < n) push("removed", a[i++]!);
  while (j < m) push("added", b[j++]!);
  return parts;
}
