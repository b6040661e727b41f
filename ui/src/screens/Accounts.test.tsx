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

test("an account whose key stopped working says so, is fixed by editing its key, and is removed only with a second yes while posts wait", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  await mem.backend.addAccount({
    account: { name: "旗舰店", role: "merchant", gateway: "https://openapi.alipay.com/gateway.do", app_id: "9021000000000007", platform_key: "MIIold", public_id: "" },
    app_private_key: "MIIEvgIBADANBgkqhkiG9w0BAQEFAASC",
    app_auth_token: null,
  });
  mem.trouble(2, { what: "platform_key_mismatch" });
  render(<App backend={mem.backend} />);
  expect(await screen.findByTestId("sync-status")).toHaveAttribute("data-state", "accounts");
  await user.click(await screen.findByTestId("nav-settings"));
  expect(await screen.findByTestId("account-problem")).toHaveTextContent("支付宝公钥对不上");

  // Check again: still wrong, in words.
  await user.click(screen.getByTestId("account-check"));
  expect(await screen.findByText(/do not match the Alipay public key/)).toBeInTheDocument();

  // The new Alipay public key, pasted: the problem is gone.
  await user.click(screen.getByTestId("account-edit"));
  const key = await screen.findByTestId("edit-account-platform-key");
  await user.clear(key);
  await fill(key, "MIInew");
  await user.click(screen.getByTestId("save-account-changes"));
  await waitFor(() => expect(screen.queryByTestId("account-problem")).not.toBeInTheDocument());
  expect((await mem.backend.listAccounts())[1]!.platform_key).toBe("MIInew");

  // A post waits for it: removing asks a second time, then cancels the post.
  await mem.backend.updateSettings({ publish_account: 2 });
  const draft = await mem.backend.createDraft({ title: "还没发", body: "正文" });
  await mem.backend.publishDraft(draft.id, 2, null);
  await user.click(screen.getByTestId("account-remove"));
  await user.click(await screen.findByTestId("account-remove-confirm"));
  await user.click(await screen.findByTestId("account-remove-with-jobs"));
  await waitFor(() => expect(screen.getAllByTestId("account")).toHaveLength(1));
  expect((await mem.backend.listActivity(true))[0]!.job.state).toBe("cancelled");
});
