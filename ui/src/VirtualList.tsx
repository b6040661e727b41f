import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { ReactNode } from "react";

const OVERSCAN = 6;

/**
 * A list that renders only the rows in view, so 100k rows scroll like 100.
 * Rows have a fixed height; `total` sizes the scrollbar even before every
 * row is loaded, and `onNeedMore` asks for rows the view has reached.
 */
export function VirtualList<T>({
  items,
  total,
  rowHeight,
  render,
  rowKey,
  onNeedMore,
  scrollTo,
  ...rest
}: {
  items: T[];
  total: number;
  rowHeight: number;
  render: (item: T, index: number) => ReactNode;
  rowKey: (item: T) => string | number;
  onNeedMore?: () => void;
  /** Index to bring into view when it changes. */
  scrollTo?: number;
} & Omit<React.HTMLAttributes<HTMLDivElement>, "children">) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setHeight(el.clientHeight || 600);
    const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(() => setHeight(el.clientHeight || 600));
    observer?.observe(el);
    return () => observer?.disconnect();
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (!el || scrollTo === undefined || scrollTo < 0) return;
    const top = scrollTo * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
  }, [scrollTo, rowHeight]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(total, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);

  useEffect(() => {
    if (last > items.length && items.length < total) onNeedMore?.();
  }, [last, items.length, total, onNeedMore]);

  const rows: ReactNode[] = [];
  for (let i = first; i < Math.min(last, items.length); i++) {
    const item = items[i]!;
    rows.push(
      <div key={rowKey(item)} style={{ position: "absolute", top: i * rowHeight, left: 0, right: 0, height: rowHeight }}>
        {render(item, i)}
      </div>,
    );
  }
  return (
    <div ref={ref} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} {...rest}>
      <div style={{ position: "relative", height: total * rowHeight }}>{rows}</div>
    </div>
  );
}
