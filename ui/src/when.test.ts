import { formatLocalTime, parseLocalTime } from "./when";

test("typed local times are read, and impossible ones refused", () => {
  const at = parseLocalTime("2026-12-01 20:05");
  expect(at).toBe(new Date(2026, 11, 1, 20, 5, 0).getTime());
  expect(parseLocalTime("2026-12-01T20:05:30")).toBe(new Date(2026, 11, 1, 20, 5, 30).getTime());
  expect(formatLocalTime(at!)).toBe("2026-12-01 20:05");
  expect(parseLocalTime("2026-02-30 10:00")).toBeNull();
  expect(parseLocalTime("明天")).toBeNull();
  expect(parseLocalTime("2026-12-01 25:00")).toBeNull();
});
