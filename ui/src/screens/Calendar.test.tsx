import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../App";
import { memoryBackend } from "../test/memoryBackend";

test("reminders missed while the app was closed are listed once when it starts", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  mem.willHaveMissed([{ kind: "livestream", id: 1, title: "秋冬新品直播", starts_at: Date.now() + 600_000, minutes_before: 30, missed: true }]);
  render(<App backend={mem.backend} />);
  const list = await screen.findByTestId("missed-reminders");
  expect(list).toHaveTextContent("秋冬新品直播");
  expect(list).toHaveTextContent("30");
  await user.click(screen.getByRole("button", { name: "知道了" }));
  await waitFor(() => expect(screen.queryByTestId("missed-reminders")).not.toBeInTheDocument());
  expect(await mem.backend.missedReminders()).toEqual([]);
});

test("posting slots are added in Settings and a draft added to the queue fills the next one", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  render(<App backend={mem.backend} />);
  await user.click(await screen.findByTestId("nav-settings"));
  const planning = await screen.findByTestId("planning");
  const time = within(planning).getByTestId("planning-time");
  await user.clear(time);
  await user.type(time, "25:00");
  expect(within(planning).getByTestId("planning-add-slots")).toBeDisabled();
  await user.clear(time);
  await user.type(time, "20:00");
  await user.click(within(planning).getByTestId("planning-add-slots"));
  await waitFor(() => expect(within(planning).getAllByTestId("planning-slot")).toHaveLength(5));

  await user.click(screen.getByTestId("nav-drafts"));
  await user.click(await screen.findByTestId("new-draft"));
  await user.type(await screen.findByTestId("title-input"), "排进队列");
  await user.click(screen.getByTestId("add-to-queue"));
  await waitFor(async () => expect((await mem.backend.listPublications(null))[0]?.scheduled_at).toBeTruthy());
  const queue = await mem.backend.listQueue(null);
  expect(queue[0]!.post?.title).toBe("排进队列");
});
