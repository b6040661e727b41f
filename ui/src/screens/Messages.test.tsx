import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../App";
import { memoryBackend } from "../test/memoryBackend";

test("a message is written, saved as typed, sent after a confirmation and recalled after another", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  render(<App backend={mem.backend} />);
  await user.click(await screen.findByTestId("nav-profile"));
  await user.click(await screen.findByTestId("tab-messages"));
  await user.click(await screen.findByTestId("message-new"));
  expect(await screen.findByTestId("message-send")).toBeDisabled();
  await user.type(screen.getByTestId("message-body"), "今晚八点直播");
  await waitFor(async () => expect((await mem.backend.listMessages(null))[0]!.fields.body).toBe("今晚八点直播"), { timeout: 3000 });
  await user.click(screen.getByTestId("message-send"));
  await user.click(await screen.findByTestId("message-send-confirm"));
  await waitFor(() => expect(screen.getByTestId("message-row")).toHaveAttribute("data-status", "sent"));
  await user.click(await screen.findByTestId("message-recall"));
  await user.click(await screen.findByTestId("message-recall-confirm"));
  await waitFor(() => expect(screen.getByTestId("message-row")).toHaveAttribute("data-status", "recalled"));
});

test("a scheduled message opened from the tray shows in the storefront's messages tab, with its time", async () => {
  const mem = memoryBackend();
  const first = await mem.backend.createMessage({ kind: "text", title: "", body: "周一见", summary: "", comments: false, benefit: "", keywords: [], previewers: [] }, null);
  const chosen = await mem.backend.createMessage({ kind: "text", title: "", body: "周六上午十点上新", summary: "", comments: false, benefit: "", keywords: [], previewers: [] }, null);
  const at = Date.now() + 86_400_000;
  await mem.backend.sendMessage(chosen.id, at);
  expect(first.id).not.toBe(chosen.id);
  render(<App backend={mem.backend} />);
  await screen.findByTestId("nav-profile");
  act(() => mem.trayOpens({ kind: "message", id: chosen.id, starts_at: at, label: "群发", menu_id: `message-${chosen.id}` }));
  expect(await screen.findByTestId("message-body")).toHaveValue("周六上午十点上新");
  expect(screen.getByText(/将于 .* 发出/)).toBeInTheDocument();
});

test("a message's history shows what it said before and brings it back", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  const made = await mem.backend.createMessage({ kind: "text", title: "", body: "周末上新", summary: "", comments: false, benefit: "", keywords: [], previewers: [] }, null);
  render(<App backend={mem.backend} />);
  await user.click(await screen.findByTestId("nav-profile"));
  await user.click(await screen.findByTestId("tab-messages"));
  await user.click(await screen.findByTestId("message-row"));
  const body = await screen.findByTestId("message-body");
  await user.clear(body);
  await user.type(body, "全场八折");
  await user.click(screen.getByTestId("message-history"));
  await waitFor(() => expect(screen.getAllByTestId("revision-item")).toHaveLength(2));
  expect(screen.getByTestId("diff-before")).toHaveTextContent("周末上新");
  expect(screen.getByTestId("diff-after")).toHaveTextContent("全场八折");
  await user.click(screen.getByTestId("restore-revision"));
  await waitFor(() => expect(screen.getByTestId("message-body")).toHaveValue("周末上新"));
  expect((await mem.backend.listMessages(null)).find((m) => m.id === made.id)!.fields.body).toBe("周末上新");
  expect((await mem.backend.messageRevisions(made.id))[0]!.reason).toBe("restore");
});
