import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../App";
import { memoryBackend } from "../test/memoryBackend";

/** The AI-declaration checkbox (the test id sits on the input or its wrapper). */
function aiBox(): HTMLElement {
  const el = screen.getByTestId("ai-generated");
  return el.matches("input") ? el : el.querySelector("input")!;
}

test("Ctrl+Z undoes a burst of typing and a setting, Ctrl+Shift+Z redoes, and what is shown is saved", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  await mem.backend.createDraft({ title: "早餐", body: "" });
  render(<App backend={mem.backend} />);
  const title = await screen.findByTestId("title-input");
  await waitFor(() => expect(title).toHaveValue("早餐"));
  await user.click(title);
  await user.type(title, "吃什么");
  await user.click(screen.getByTestId("ai-generated"));
  await user.click(title);

  await user.keyboard("{Control>}z{/Control}");
  expect(aiBox()).not.toBeChecked();
  expect(title).toHaveValue("早餐吃什么");
  await user.keyboard("{Control>}z{/Control}");
  expect(title).toHaveValue("早餐");
  await waitFor(() => expect(mem.drafts()[0]!.title).toBe("早餐"));

  await user.keyboard("{Control>}{Shift>}z{/Shift}{/Control}");
  expect(title).toHaveValue("早餐吃什么");
  await user.click(screen.getByTestId("redo"));
  expect(aiBox()).toBeChecked();
  await waitFor(() => expect(mem.drafts()[0]!.ai_generated).toBe(true));
  expect(mem.drafts()[0]!.title).toBe("早餐吃什么");
});
