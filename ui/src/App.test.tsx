import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "./App";
import { memoryBackend } from "./test/memoryBackend";

test("starts in Chinese with an empty drafts screen", async () => {
  const { backend } = memoryBackend();
  render(<App backend={backend} />);
  expect(await screen.findByText("还没有草稿")).toBeInTheDocument();
  expect(screen.getByTestId("nav-drafts")).toHaveTextContent("草稿");
});

test("a new draft's title is saved without a button and shows in the list", async () => {
  const user = userEvent.setup();
  const { backend, drafts } = memoryBackend();
  render(<App backend={backend} />);
  await user.click(await screen.findByTestId("new-draft"));
  const title = await screen.findByTestId("title-input");
  await user.type(title, "春日咖啡");
  await waitFor(() => expect(screen.getByTestId("save-status")).toHaveAttribute("data-state", "saved"), { timeout: 3000 });
  expect(drafts()[0]?.title).toBe("春日咖啡");
  expect(screen.getByTestId("draft-item-title")).toHaveTextContent("春日咖啡");
});

test("Ctrl+N makes a new draft", async () => {
  const user = userEvent.setup();
  const { backend, drafts } = memoryBackend();
  render(<App backend={backend} />);
  await screen.findByText("还没有草稿");
  await user.keyboard("{Control>}n{/Control}");
  await waitFor(() => expect(drafts()).toHaveLength(1));
  expect(await screen.findByTestId("title-input")).toBeInTheDocument();
});

test("switching the language to English changes the UI and persists the choice", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  render(<App backend={mem.backend} />);
  await user.click(await screen.findByTestId("nav-settings"));
  await user.click(await screen.findByTestId("language-en"));
  await waitFor(() => expect(screen.getByTestId("nav-drafts")).toHaveTextContent("Drafts"));
  expect((await mem.backend.getSettings()).language).toBe("en");
});

test("a failed save says so in the user's words and keeps the text for a retry", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  let fail = true;
  const update = mem.backend.updateDraft;
  mem.backend.updateDraft = async (id, patch) => {
    if (fail) throw { code: "disk_full", message: "磁盘已满" };
    return update(id, patch);
  };
  render(<App backend={mem.backend} />);
  await user.click(await screen.findByTestId("new-draft"));
  await user.type(await screen.findByTestId("title-input"), "abc");
  await waitFor(() => expect(screen.getByTestId("save-status")).toHaveAttribute("data-state", "failed"), { timeout: 3000 });
  fail = false;
  await act(async () => {
    await user.click(screen.getByText("重试"));
  });
  await waitFor(() => expect(screen.getByTestId("save-status")).toHaveAttribute("data-state", "saved"));
  expect(mem.drafts()[0]?.title).toBe("abc");
});

test("search shows matching drafts with the match marked", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  await mem.backend.createDraft({ title: "春日咖啡", body: "拿铁" });
  await mem.backend.createDraft({ title: "老街面馆", body: "排队" });
  render(<App backend={mem.backend} />);
  await user.type(await screen.findByPlaceholderText("搜索标题、正文、话题"), "咖啡");
  await waitFor(() => expect(screen.getAllByTestId("draft-item")).toHaveLength(1));
  expect(screen.getByTestId("draft-item-title").querySelector("mark")).toHaveTextContent("咖啡");
});

test("a deleted draft can be restored from the trash", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  await mem.backend.createDraft({ title: "要删的", body: "" });
  render(<App backend={mem.backend} />);
  await user.click(await screen.findByTestId("delete-draft"));
  await user.click(await screen.findByTestId("confirm-delete"));
  await screen.findByText("还没有草稿");
  await user.click(screen.getByTestId("nav-trash"));
  await user.click(await screen.findByTestId("restore-draft"));
  await screen.findByText("回收站是空的");
  await user.click(screen.getByTestId("nav-drafts"));
  expect(await screen.findByTestId("draft-item-title")).toHaveTextContent("要删的");
});

test("history restores an older revision into the editor", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  const d = await mem.backend.createDraft({ title: "初稿", body: "" });
  await mem.backend.updateDraft(d.id, { title: "二稿" });
  render(<App backend={mem.backend} />);
  expect(await screen.findByTestId("title-input")).toHaveValue("二稿");
  await user.click(screen.getByTestId("open-history"));
  await user.click(await screen.findByTestId("restore-revision"));
  await waitFor(() => expect(screen.getByTestId("title-input")).toHaveValue("初稿"));
});

test("the composer counts title plus topics and warns past Alipay's limit", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  await mem.backend.createDraft({ title: "字".repeat(27), body: "" });
  render(<App backend={mem.backend} />);
  const body = await screen.findByTestId("body-input");
  expect(body.tagName).toBe("TEXTAREA");
  await user.click(body);
  await user.keyboard("好喝 #咖啡");
  await waitFor(() => expect(screen.getByTestId("title-counter")).toHaveTextContent("标题+话题 30/30"));
  await user.keyboard("豆");
  await waitFor(() => expect(screen.getByTestId("problems")).toHaveTextContent("标题加话题共 31 字，支付宝最多 30 字"));
  expect(screen.getByTestId("preview-title")).toHaveTextContent("字".repeat(27));
});

test("closing the window saves what is still being typed", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  await mem.backend.createDraft({ title: "", body: "" });
  render(<App backend={mem.backend} />);
  const title = await screen.findByTestId("title-input");
  await user.click(title);
  await user.keyboard("最后一句");
  // Before the debounce has fired:
  await act(async () => {
    await mem.closeWindow();
  });
  expect(mem.drafts()[0]?.title).toBe("最后一句");
});

test("the drafts list is asked for beside the settings, once, and a start on another screen does not keep it", async () => {
  const mem = memoryBackend();
  mem.backend.createDraft({ title: "第一篇", body: "" });
  const order: string[] = [];
  let settingsArrive = () => {};
  const getSettings = mem.backend.getSettings;
  mem.backend.getSettings = async () => {
    order.push("getSettings");
    await new Promise<void>((r) => (settingsArrive = r));
    return getSettings();
  };
  const listPage = mem.backend.listDraftsPage;
  mem.backend.listDraftsPage = async (q) => {
    order.push(`listDraftsPage:${q.after ? "next" : "first"}`);
    return listPage(q);
  };
  const { unmount } = render(<App backend={mem.backend} />);
  await waitFor(() => expect(order).toEqual(["listDraftsPage:first", "getSettings"]));
  act(() => settingsArrive());
  expect(await screen.findByTestId("draft-item-title")).toHaveTextContent("第一篇");
  // The screen took the page asked for at the start instead of asking again.
  expect(order).toEqual(["listDraftsPage:first", "getSettings"]);
  unmount();

  // A window opening on the trash drops it; the drafts screen asks afresh later.
  await mem.backend.updateSettings({ last_screen: "trash" });
  order.length = 0;
  const user = userEvent.setup();
  render(<App backend={mem.backend} />);
  await waitFor(() => expect(order).toEqual(["listDraftsPage:first", "getSettings"]));
  act(() => settingsArrive());
  await user.click(await screen.findByTestId("nav-drafts"));
  expect(await screen.findByTestId("draft-item-title")).toHaveTextContent("第一篇");
  expect(order).toEqual(["listDraftsPage:first", "getSettings", "listDraftsPage:first"]);
});
