import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../App";
import { memoryBackend } from "../test/memoryBackend";

test("settings export the library to a chosen folder, back it up, and show the versions to copy", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  mem.willPick(["/home/me/导出"]);
  render(<App backend={mem.backend} />);
  await user.click(await screen.findByTestId("nav-settings"));

  await user.click(await screen.findByTestId("export-library"));
  expect(await screen.findByText(/已导出 0 篇草稿和 0 个素材到 \/home\/me\/导出/)).toBeInTheDocument();
  expect(mem.calls).toContain("exportLibrary:/home/me/导出");

  expect(screen.getByText("还没有备份")).toBeInTheDocument();
  await user.click(screen.getByTestId("back-up-now"));
  const backup = await screen.findByTestId("backup");
  expect(within(backup).getByText("手动")).toBeInTheDocument();

  expect(await screen.findByTestId("app-version")).toHaveTextContent("0.1.0");
  // No update source in this build: the check is off and says why.
  expect(screen.getByTestId("check-updates")).toBeDisabled();
  expect(screen.getByText(/没有配置更新来源/)).toBeInTheDocument();
  await user.click(screen.getByTestId("copy-versions"));
  await waitFor(() => expect(mem.calls).toContain("copyText:Creator Studio 0.1.0"));
});

test("the window opens on the screen that was open last", async () => {
  const mem = memoryBackend({ last_screen: "trash" });
  render(<App backend={mem.backend} />);
  expect(await screen.findByTestId("empty-trash")).toBeInTheDocument();
  const user = userEvent.setup();
  await user.click(screen.getByTestId("nav-media"));
  await waitFor(async () => expect((await mem.backend.getSettings()).last_screen).toBe("media"));
});
