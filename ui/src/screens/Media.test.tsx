import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../App";
import { memoryBackend } from "../test/memoryBackend";
import { coverWindow } from "./CoverCropper";

/** A drop of these files, as the system hands it to the page. */
function dropFiles(target: HTMLElement, files: File[]) {
  const dataTransfer = { files, types: ["Files"], items: files.map(() => ({ kind: "file", webkitGetAsEntry: () => null })), dropEffect: "none" };
  fireEvent.dragOver(target, { dataTransfer });
  fireEvent.drop(target, { dataTransfer });
}

test("the library imports what was picked, names what it refused, and will not delete a file in use", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  mem.putFile("/photos/咖啡.jpg", { bytes: 2_000_000, kind: "image" });
  mem.putFile("/photos/开箱.mp4", { bytes: 9_000_000, kind: "video" });
  mem.putFile("/photos/坏的.jpg", "bad");
  mem.willPick(["/photos/咖啡.jpg", "/photos/开箱.mp4", "/photos/坏的.jpg"]);
  render(<App backend={mem.backend} />);
  await user.click(await screen.findByTestId("nav-media"));
  await user.click(await screen.findByTestId("import-files"));

  expect(await screen.findByTestId("import-report")).toHaveTextContent("坏的.jpg");
  const tiles = await screen.findAllByTestId("media-tile");
  expect(tiles.map((t) => t.dataset.name)).toEqual(["开箱.mp4", "咖啡.jpg"]);
  expect(within(tiles[0]!).getByText("0:15")).toBeInTheDocument();

  // A draft uses the photo: the library says so and refuses to delete it.
  const draft = await mem.backend.createDraft({ title: "咖啡探店", body: "" });
  const photo = (await mem.backend.listMedia("咖啡"))[0]!;
  await mem.backend.setDraftMedia(draft.id, [{ hash: photo.hash, role: "image", focal: null }]);
  await user.click(tiles[1]!);
  expect(await screen.findByTestId("media-uses")).toHaveTextContent("咖啡探店");
  await user.click(screen.getByTestId("delete-media"));
  expect(await screen.findByTestId("confirm-delete-media")).toBeDisabled();

  // Search finds by tag.
  await mem.backend.tagMedia(photo.hash, ["门店"]);
  await user.type(screen.getByTestId("media-search").querySelector("input")!, "门店");
  await waitFor(() => expect(screen.getAllByTestId("media-tile").map((t) => t.dataset.name)).toEqual(["咖啡.jpg"]));
});

test("a photo dropped on the composer joins the draft, and making it the cover shows its cut in the preview", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  render(<App backend={mem.backend} />);
  await user.click(await screen.findByTestId("new-draft"));
  const composer = await screen.findByTestId("composer-drop");
  dropFiles(composer, [new File([new Uint8Array(1200)], "海边.jpg", { type: "image/jpeg" })]);

  expect(await screen.findByTestId("draft-image")).toHaveTextContent("海边.jpg");
  const id = mem.drafts()[0]!.id;
  await waitFor(() => expect(mem.draftMedia(id).map((m) => m.role)).toEqual(["image"]));
  const hash = mem.draftMedia(id)[0]!.hash;
  // Without a cover of its own, the first picture's middle cut is shown.
  expect(await screen.findByTestId("preview-cover")).toHaveAttribute("src", `data:,cover/${hash}/500/500`);

  await user.click(screen.getByTestId("make-cover"));
  await waitFor(() => expect(mem.draftMedia(id).map((m) => m.role)).toEqual(["image", "cover"]));
  expect(await screen.findByTestId("draft-cover")).toBeInTheDocument();
});

test("the cover window is the largest 3:4 cut, kept inside the picture", () => {
  // A landscape picture: full height, three quarters of the height wide.
  expect(coverWindow(3000, 2000, { x: 0.5, y: 0.5 })).toEqual({ left: 0.25, top: 0, width: 0.5, height: 1 });
  expect(coverWindow(3000, 2000, { x: 1, y: 0 }).left).toBe(0.5);
  // A tall picture: full width.
  const tall = coverWindow(1000, 2000, { x: 0.5, y: 0 });
  expect(tall.width).toBe(1);
  expect(tall.top).toBe(0);
  expect(tall.height).toBeCloseTo(2 / 3);
});

test("a picture pasted into the library is imported", async () => {
  const user = userEvent.setup();
  const mem = memoryBackend();
  render(<App backend={mem.backend} />);
  await user.click(await screen.findByTestId("nav-media"));
  await screen.findByText("素材库还是空的：导入照片或视频，或直接拖进来、粘贴进来。");
  fireEvent.paste(window, { clipboardData: { files: [new File([new Uint8Array(800)], "截图.png", { type: "image/png" })] } });
  expect((await screen.findAllByTestId("media-tile")).map((t) => t.dataset.name)).toEqual(["截图.png"]);
});
