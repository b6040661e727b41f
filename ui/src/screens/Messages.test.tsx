import { render, screen, waitFor } from "@testing-library/react";
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
