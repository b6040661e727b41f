import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../App";
import { memoryBackend } from "../test/memoryBackend";

const badge = () => screen.getByTestId("platform-check");

test("the platform's check is its own badge, marks the flagged word, goes stale with the text and is asked by Ctrl+Shift+K", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  render(<App backend={mem.backend} />);
  await user.click(await screen.findByTestId("new-draft"));
  await user.type(await screen.findByTestId("title-input"), "周末特价");
  await user.type(screen.getByTestId("body-input"), "全场违禁词五折");
  // Length and format are met; that says nothing about the platform, which has not been asked.
  expect(await screen.findByTestId("ready")).toHaveTextContent("字数与格式");
  expect(badge()).toHaveAttribute("data-state", "unchecked");

  await user.keyboard("{Control>}{Shift>}k{/Shift}{/Control}");
  await waitFor(() => expect(badge()).toHaveAttribute("data-state", "flagged"));
  const findings = screen.getByTestId("platform-findings");
  expect(within(findings).getByTestId("platform-marked-body").querySelector("mark")).toHaveTextContent("违禁词");
  expect(screen.getByTestId("ready")).toBeInTheDocument();

  // The check belongs to the text it checked.
  await user.type(screen.getByTestId("body-input"), "！");
  await waitFor(() => expect(badge()).toHaveAttribute("data-state", "stale"));
  expect(screen.queryByTestId("platform-findings")).not.toBeInTheDocument();

  await user.clear(screen.getByTestId("body-input"));
  await user.type(screen.getByTestId("body-input"), "全场五折");
  await user.click(screen.getByTestId("check-platform"));
  await waitFor(() => expect(badge()).toHaveAttribute("data-state", "passed"));
});

test("publishing a flagged text asks first: keep editing queues nothing, publish anyway queues it", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  render(<App backend={mem.backend} />);
  await user.click(await screen.findByTestId("new-draft"));
  await user.type(await screen.findByTestId("title-input"), "违禁词大促");
  await user.click(screen.getByTestId("publish-now"));
  // The check is made before anything is queued.
  expect(await screen.findByTestId("moderation-confirm")).toHaveTextContent("违禁词");
  await user.click(screen.getByTestId("moderation-keep-editing"));
  await waitFor(() => expect(screen.queryByTestId("moderation-confirm")).not.toBeInTheDocument());
  expect(mem.calls).not.toContain("publishDraft");
  expect(screen.getByTestId("publish-now")).toBeEnabled();

  await user.click(screen.getByTestId("publish-now"));
  await user.click(await screen.findByTestId("moderation-publish-anyway"));
  await waitFor(() => expect(screen.getAllByTestId("publication-status")[0]).toHaveAttribute("data-status", "queued"));
  expect(mem.calls.filter((c) => c === "checkWithPlatform")).toHaveLength(1);
});

test("with the platform out of reach the check says so and publishing still queues", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  mem.platformReachable(false);
  render(<App backend={mem.backend} />);
  await user.click(await screen.findByTestId("new-draft"));
  await user.type(await screen.findByTestId("title-input"), "新品上市");
  await user.click(screen.getByTestId("publish-now"));
  await waitFor(() => expect(screen.getAllByTestId("publication-status")[0]).toHaveAttribute("data-status", "queued"));
  expect(badge()).toHaveAttribute("data-state", "unavailable");
  expect(screen.getByTestId("platform-unavailable")).toHaveTextContent("连接不上支付宝网关");
  expect(screen.queryByTestId("moderation-confirm")).not.toBeInTheDocument();
});
