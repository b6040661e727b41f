import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../App";
import { memoryBackend } from "../test/memoryBackend";

/** Puts text into a field the way pasting does (long keys typed key by key are slow). */
async function fill(field: HTMLElement, text: string) {
  const user = userEvent.setup();
  await user.click(field);
  await user.paste(text);
}

test("adding an Alipay app checks the form, shows a refused key in words, and the chosen account takes the posts", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  render(<App backend={mem.backend} />);
  await user.click(await screen.findByTestId("nav-settings"));
  await user.click(await screen.findByTestId("add-account"));

  // Nothing filled in: the form says what is missing and adds nothing.
  await user.click(await screen.findByTestId("save-account"));
  expect((await screen.findAllByText("必填")).length).toBeGreaterThan(0);

  await fill(screen.getByTestId("account-name"), "门店生活号");
  await fill(screen.getByTestId("account-app-id"), "9021000000000007");
  await fill(screen.getByTestId("account-private-key"), "not a key");
  await fill(screen.getByTestId("account-platform-key"), "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A");
  await user.click(screen.getByTestId("save-account"));
  expect(await screen.findByTestId("account-error")).toHaveTextContent("could not be read");
  expect(screen.getAllByTestId("account")).toHaveLength(1);

  await user.clear(screen.getByTestId("account-private-key"));
  await fill(screen.getByTestId("account-private-key"), "MIIEvgIBADANBgkqhkiG9w0BAQEFAASC");
  await user.click(screen.getByTestId("save-account"));
  await waitFor(() => expect(screen.getAllByTestId("account")).toHaveLength(2));

  // Choose it: posts now go there.
  const store = screen.getAllByTestId("account").find((a) => a.dataset.name === "门店生活号")!;
  await user.click(store);
  await waitFor(async () => expect((await mem.backend.getSettings()).publish_account).toBe(2));
  await user.click(screen.getByTestId("nav-drafts"));
  await user.click(await screen.findByTestId("new-draft"));
  await user.type(await screen.findByTestId("title-input"), "新店开业");
  await user.click(screen.getByTestId("publish-now"));
  await waitFor(async () => expect((await mem.backend.listPublications(null))[0]?.account_id).toBe(2));
});
