import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../App";
import { memoryBackend } from "../test/memoryBackend";

test("publishing saves the last keystrokes first, queues once and shows where the post stands", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  render(<App backend={mem.backend} />);
  await user.click(await screen.findByTestId("new-draft"));
  await user.type(await screen.findByTestId("title-input"), "新品上市");
  await user.click(screen.getByTestId("publish-now"));
  await waitFor(() => expect(screen.getAllByTestId("publication-status")[0]).toHaveAttribute("data-status", "queued"));
  expect(mem.drafts()[0]?.title).toBe("新品上市");
  const order = mem.calls.filter((c) => c.startsWith("updateDraft") || c === "syncSoon");
  expect(order[order.length - 1]).toBe("syncSoon");
  expect(screen.getByTestId("publish-now")).toBeDisabled();
  expect(screen.getByTestId("sync-status")).toHaveAttribute("data-state", "waiting");
});

test("a rejection from review shows its reason in the editor, and the activity lists the job", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  render(<App backend={mem.backend} />);
  await user.click(await screen.findByTestId("new-draft"));
  await user.type(await screen.findByTestId("title-input"), "促销");
  await user.click(screen.getByTestId("publish-now"));
  await waitFor(() => expect(screen.getAllByTestId("publication-status")[0]).toHaveAttribute("data-status", "queued"));
  const id = mem.drafts()[0]!.id;
  act(() => mem.review(id, "rejected", "内容包含违禁词：违禁词"));
  expect(await screen.findByTestId("publication-reason")).toHaveTextContent("违禁词");
  expect(screen.getByTestId("sync-status")).toHaveAttribute("data-state", "synced");
  await user.click(screen.getByTestId("nav-activity"));
  const item = await screen.findByTestId("activity-item");
  expect(within(item).getByTestId("activity-label")).toHaveTextContent("促销");
  expect(within(item).getByTestId("activity-state")).toHaveTextContent("已完成");
});

test("the list filters drafts by where they stand on the platform", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  await mem.backend.createDraft({ title: "还在写", body: "" });
  const sent = await mem.backend.createDraft({ title: "已经发出", body: "正文" });
  await mem.backend.publishDraft(sent.id, null, null);
  render(<App backend={mem.backend} />);
  await screen.findAllByTestId("draft-item");
  const pick = async (label: string) => {
    await user.click(within(screen.getByTestId("filter-status")).getByRole("combobox"));
    await user.click(await screen.findByTitle(label));
  };
  await pick("等待发布");
  await waitFor(() => expect(screen.getAllByTestId("draft-item").map((d) => d.textContent)).toEqual([expect.stringContaining("已经发出")]));
  await pick("未发布");
  await waitFor(() => expect(screen.getAllByTestId("draft-item").map((d) => d.textContent)).toEqual([expect.stringContaining("还在写")]));
});
