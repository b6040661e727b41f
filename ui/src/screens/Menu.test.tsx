import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../App";
import { memoryBackend } from "../test/memoryBackend";

test("the service menu is built entry by entry, autosaved, previewed, and published after its changes are shown", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  render(<App backend={mem.backend} />);
  await user.click(await screen.findByTestId("nav-profile"));
  await user.click(await screen.findByTestId("tab-menu"));
  expect(await screen.findByTestId("menu-publish")).toBeDisabled();

  await user.click(screen.getByTestId("menu-add"));
  const name = await screen.findByTestId("menu-name");
  await user.clear(name);
  await user.type(name, "官网");
  await user.type(screen.getByTestId("menu-param"), "https://example.com");
  await user.click(screen.getByTestId("menu-add-sub"));
  expect(screen.getAllByTestId("menu-entry").map((e) => e.dataset.name)).toEqual(["官网", "子菜单"]);
  expect(within(screen.getByTestId("menu-phone")).getByText("≡ 官网")).toBeInTheDocument();

  // Autosaved without a button.
  await waitFor(async () => expect((await mem.backend.menuState(null)).draft.entries[0]!.children).toHaveLength(1), { timeout: 3000 });
  expect(screen.getByTestId("menu-save-state")).toHaveTextContent("草稿已保存");

  await user.click(screen.getByTestId("menu-publish"));
  const changes = await screen.findByTestId("menu-changes");
  expect(changes).toHaveTextContent("新增 官网");
  await user.click(screen.getByTestId("menu-publish-confirm"));
  await waitFor(async () => expect(await mem.backend.menuHistory(null)).toHaveLength(1));
  expect((await mem.backend.menuHistory(null))[0]!.menu.entries[0]!.name).toBe("官网");
});
