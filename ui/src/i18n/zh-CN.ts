// Simplified Chinese: the default language.
const zhCN = {
  app: { name: "Creator Studio" },
  nav: { drafts: "草稿", settings: "设置" },
  drafts: {
    heading: "草稿",
    new: "新建草稿",
    empty: "还没有草稿",
    untitled: "无标题草稿",
    pick: "从左侧选择一篇草稿，或新建一篇。",
    count: "共 {{count}} 篇",
    updated: "更新于 {{time}}",
  },
  kind: { image_text: "图文", video: "视频" },
  editor: {
    kind: "类型",
    title: "标题",
    titlePlaceholder: "输入标题",
    body: "正文",
    bodyPlaceholder: "写点什么……",
    characters: "{{count}} 字",
  },
  save: { saved: "已保存", saving: "保存中…", failed: "保存失败", retry: "重试" },
  remove: {
    action: "删除",
    confirm: "删除这篇草稿？",
    detail: "删除后无法恢复。",
    ok: "删除",
    cancel: "取消",
    done: "草稿已删除",
  },
  settings: {
    heading: "设置",
    language: "界面语言",
    theme: "外观",
    themeSystem: "跟随系统",
    themeLight: "浅色",
    themeDark: "深色",
    dataFolderHint: "所有内容保存在本机；启动时可用 --data-dir 指定其他文件夹。",
  },
  errors: { load: "加载失败", unknown: "出现未知错误：{{detail}}" },
};

export default zhCN;
