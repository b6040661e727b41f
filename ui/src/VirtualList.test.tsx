import { fireEvent, render, screen } from "@testing-library/react";
import { VirtualList } from "./VirtualList";

test("renders only the rows in view out of a hundred thousand, and asks for more at the end", () => {
  const items = Array.from({ length: 1000 }, (_, i) => i);
  const asked: number[] = [];
  render(
    <VirtualList
      data-testid="list"
      style={{ height: 600, overflowY: "auto" }}
      items={items}
      total={100_000}
      rowHeight={60}
      rowKey={(i) => i}
      render={(i) => <span>row {i}</span>}
      onNeedMore={() => asked.push(items.length)}
    />,
  );
  expect(screen.getAllByText(/^row /).length).toBeLessThan(30);
  expect(screen.getByText("row 0")).toBeInTheDocument();
  const list = screen.getByTestId("list");
  list.scrollTop = 990 * 60;
  fireEvent.scroll(list);
  expect(screen.getByText("row 995")).toBeInTheDocument();
  expect(screen.queryByText("row 0")).toBeNull();
  expect(asked.length).toBeGreaterThan(0);
});
