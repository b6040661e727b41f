import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../App";
import { memoryBackend } from "../test/memoryBackend";

test("a livestream is planned for a typed time, a past time is refused, and it can be moved and withdrawn", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  render(<App backend={mem.backend} />);
  await user.click(await screen.findByTestId("nav-live"));
  await user.type(await screen.findByTestId("live-title"), "周六晚八点秋冬新品");
  const time = screen.getByTestId("live-time");
  await user.clear(time);
  await user.type(time, "2020-01-01 20:00");
  expect(screen.getByTestId("plan-live")).toBeDisabled();
  await user.clear(time);
  await user.type(time, "2099-12-01 20:00");
  await user.click(screen.getByTestId("plan-live"));
  const planned = await screen.findByTestId("livestream");
  expect(planned).toHaveTextContent("周六晚八点秋冬新品");
  expect(planned).toHaveAttribute("data-status", "planned");
  expect((await mem.backend.listLivestreams(null))[0]!.starts_at).toBe(new Date(2099, 11, 1, 20, 0).getTime());

  // Moved to the next day: the list shows the new title and time.
  await user.click(screen.getByTestId("change-live"));
  const title = await screen.findByTestId("change-live-title");
  await user.clear(title);
  await user.type(title, "周日晚八点秋冬新品");
  const moved = screen.getByTestId("change-live-time");
  await user.clear(moved);
  await user.type(moved, "2020-01-02 20:00");
  expect(screen.getByTestId("confirm-change-live")).toBeDisabled();
  await user.clear(moved);
  await user.type(moved, "2099-12-02 20:00");
  await user.click(screen.getByTestId("confirm-change-live"));
  await waitFor(() => expect(screen.getByTestId("livestream")).toHaveTextContent("周日晚八点秋冬新品"));
  expect((await mem.backend.listLivestreams(null))[0]!.starts_at).toBe(new Date(2099, 11, 2, 20, 0).getTime());

  await user.click(screen.getByTestId("withdraw-live"));
  await user.click(await screen.findByTestId("confirm-withdraw"));
  await waitFor(() => expect(screen.getByTestId("livestream")).toHaveAttribute("data-status", "withdrawn"));
});

test("a weekly series is planned from the form and one occurrence moves with those after it", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  render(<App backend={mem.backend} />);
  await user.click(await screen.findByTestId("nav-live"));
  await user.type(await screen.findByTestId("live-title"), "每周六秋冬新品");
  const time = screen.getByTestId("live-time");
  await user.clear(time);
  await user.type(time, "2099-12-05 20:00");
  await user.click(within(screen.getByTestId("live-repeat")).getByRole("combobox"));
  await user.click(await screen.findByTitle("每周"));
  await user.click(screen.getByTestId("plan-live"));
  await waitFor(() => expect(screen.getAllByTestId("livestream")).toHaveLength(8));
  expect(screen.getAllByTestId("series-tag")).toHaveLength(8);

  // The third occurrence (the list is latest first) and those after it move an hour later.
  const third = screen.getAllByTestId("livestream")[5]!;
  await user.click(within(third).getByTestId("change-live"));
  const moved = await screen.findByTestId("change-live-time");
  await user.clear(moved);
  await user.type(moved, "2099-12-19 21:00");
  await user.click(within(screen.getByTestId("series-scope")).getByLabelText("这一场及之后"));
  await user.click(screen.getByTestId("confirm-change-live"));
  await waitFor(async () => {
    const starts = (await mem.backend.listLivestreams(null)).map((l) => new Date(l.starts_at).getHours()).sort();
    expect(starts.filter((h) => h === 21)).toHaveLength(6);
  });
});

test("a refused profile edit shows the reason and keeps its text to fix and send again", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  render(<App backend={mem.backend} />);
  await user.click(await screen.findByTestId("nav-profile"));
  await user.type(await screen.findByTestId("profile-name"), "街角咖啡");
  await user.type(screen.getByTestId("profile-introduction"), "每天现烤，违禁词");
  await user.click(screen.getByTestId("submit-profile"));
  expect(await screen.findByTestId("profile-edit")).toHaveAttribute("data-status", "submitting");

  act(() => mem.audit("rejected", "资料包含违禁词：违禁词"));
  expect(await screen.findByTestId("profile-rejected")).toHaveTextContent("违禁词");
  expect(screen.getByTestId("profile-name")).toHaveValue("街角咖啡");
  expect(screen.getByTestId("profile-introduction")).toHaveValue("每天现烤，违禁词");
});

test("profile pictures are chosen from the library and submitted with the edit", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  mem.putFile("/photos/招牌.jpg", { bytes: 800_000, kind: "image" });
  mem.putFile("/photos/门头.jpg", { bytes: 3_000_000, kind: "image" });
  mem.putFile("/photos/店内.jpg", { bytes: 2_000_000, kind: "image" });
  mem.putFile("/photos/探店.mp4", { bytes: 9_000_000, kind: "video" });
  await mem.backend.importMedia(["/photos/招牌.jpg", "/photos/门头.jpg", "/photos/店内.jpg", "/photos/探店.mp4"], "setup", () => {});
  const byName = async (name: string) => (await mem.backend.listMedia(name))[0]!.hash;
  render(<App backend={mem.backend} />);
  await user.click(await screen.findByTestId("nav-profile"));

  const choose = async (slot: string, names: string[]) => {
    await user.click(await screen.findByTestId(`${slot}-choose`));
    const picker = await screen.findByTestId("media-picker");
    // Only pictures are offered: a video cannot be a logo or a shop photo.
    expect(within(picker).queryByText("探店.mp4")).toBeNull();
    for (const name of names) await user.click(within(picker).getAllByTestId("media-tile").find((t) => t.dataset.name === name)!);
    await user.click(screen.getByTestId("use-media"));
    await waitFor(() => expect(screen.queryByTestId("media-picker")).toBeNull());
  };
  await choose("profile-logo", ["招牌.jpg"]);
  await choose("profile-background", ["门头.jpg"]);
  await choose("profile-shop", ["店内.jpg", "门头.jpg"]);
  expect(screen.getAllByTestId("profile-shop-picture")).toHaveLength(2);
  // A shop photo taken out again is not sent.
  await user.click(within(screen.getAllByTestId("profile-shop-picture")[1]!).getByRole("button"));
  await user.click(screen.getByTestId("submit-profile"));

  expect(await screen.findByTestId("profile-edit")).toHaveAttribute("data-status", "submitting");
  const [sent] = await mem.backend.listProfileEdits(null);
  expect(sent!.fields).toMatchObject({ logo: await byName("招牌"), background: await byName("门头"), shop_photos: [await byName("店内")] });
});
