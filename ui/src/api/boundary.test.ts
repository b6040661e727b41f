import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

// Vitest runs from ui/.
const src = join(process.cwd(), "src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

test("only ui/src/api imports @tauri-apps", () => {
  const offenders = files(src)
    .filter((f) => !relative(src, f).startsWith("api"))
    .filter((f) => /from\s+["']@tauri-apps\//.test(readFileSync(f, "utf8")));
  expect(offenders).toEqual([]);
});
