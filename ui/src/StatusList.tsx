import type { ReactNode } from "react";
import { Empty, Space, Tag } from "antd";

/** One row of a status list: a coloured tag, a title, lines under it, and actions on the right. */
export type StatusRow = { key: number; testId: string; status: string; tag: string; color: string; title: ReactNode; lines: ReactNode[]; actions?: ReactNode };

/** Things on their way to the platform and where each stands (livestreams, profile edits). */
export function StatusList({ rows, empty }: { rows: StatusRow[] | null; empty: string }) {
  if (rows && rows.length === 0) return <Empty description={empty} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div className="activity-list" role="list">
      {rows?.map((r) => (
        <div key={r.key} className="activity-item" role="listitem" data-testid={r.testId} data-status={r.status}>
          <div className="activity-main">
            <Space size={8} wrap>
              <Tag color={r.color}>{r.tag}</Tag>
              {r.title}
            </Space>
            {r.lines}
          </div>
          {r.actions}
        </div>
      ))}
    </div>
  );
}
