//! A livestream's run sheet as a file the host keeps beside the camera:
//! Markdown, or a self-contained HTML page that prints on one sheet.

use studio_core::draft::OfferKind;
use studio_core::time::{format_wall, ZoneName};
use studio_core::{Lang, Livestream};

/// The form of an exported run sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    /// Markdown.
    Markdown,
    /// A printable HTML page.
    Html,
}

impl SheetFormat {
    /// The form a file name asks for: HTML for `.html`/`.htm`, else Markdown.
    pub fn for_path(path: &str) -> SheetFormat {
        let lower = path.to_lowercase();
        if lower.ends_with(".html") || lower.ends_with(".htm") {
            SheetFormat::Html
        } else {
            SheetFormat::Markdown
        }
    }
}

/// The words of a sheet, in one language.
struct Words {
    lang: Lang,
}

impl Words {
    fn t<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(zh, en)
    }
    fn minutes(&self, n: u32) -> String {
        if self.lang == Lang::ZhCn {
            format!("{n} 分钟")
        } else {
            format!("{n} min")
        }
    }
    fn kind(&self, kind: OfferKind) -> &'static str {
        match (kind, self.lang) {
            (OfferKind::MiniApp, Lang::ZhCn) => "小程序",
            (OfferKind::MiniApp, Lang::En) => "Mini-program",
            (OfferKind::Voucher, Lang::ZhCn) => "券",
            (OfferKind::Voucher, Lang::En) => "Voucher",
        }
    }
}

/// A sheet's content, laid out once for both forms: a heading, lines under
/// it, and titled tables.
struct Sheet {
    title: String,
    lines: Vec<String>,
    tables: Vec<(String, Vec<String>, Vec<Vec<String>>)>,
    checklist: Option<(String, Vec<(bool, String)>)>,
}

fn layout(live: &Livestream, zone: &ZoneName, lang: Lang) -> Sheet {
    let w = Words { lang };
    let plan = &live.plan;
    let clock = |minute: u32| format_wall(live.starts_at + i64::from(minute) * 60_000, zone)[11..].to_string();
    let mut lines = vec![format!(
        "{} – {} ({}) · {}",
        format_wall(live.starts_at, zone),
        clock(live.minutes),
        zone.as_str(),
        w.minutes(live.minutes)
    )];
    if !plan.description.is_empty() {
        lines.push(plan.description.clone());
    }
    let label = |id: &str| {
        plan.products.iter().find(|p| p.offer.id == id).map(|p| p.offer.label.clone()).unwrap_or_else(|| id.to_string())
    };
    let total = plan.total_minutes();
    let rows: Vec<Vec<String>> = plan
        .rows()
        .iter()
        .map(|r| {
            vec![
                format!("{}–{}", clock(r.from_minute), clock(r.to_minute)),
                w.minutes(r.segment.minutes),
                r.segment.title.clone(),
                r.segment.products.iter().map(|id| label(id)).collect::<Vec<_>>().join(", "),
                r.segment.notes.clone(),
            ]
        })
        .collect();
    let sheet_title = if lang == Lang::ZhCn {
        format!("流程（合计 {total} / {} 分钟）", live.minutes)
    } else {
        format!("Run sheet ({total} of {} min)", live.minutes)
    };
    let mut tables = vec![(
        sheet_title,
        [
            w.t("时间", "Time"),
            w.t("时长", "Length"),
            w.t("环节", "Segment"),
            w.t("商品", "Offers"),
            w.t("主播备注", "Host notes"),
        ]
        .map(String::from)
        .to_vec(),
        rows,
    )];
    if !plan.products.is_empty() {
        let due = plan.due_minutes();
        let rows = plan
            .products
            .iter()
            .zip(due)
            .enumerate()
            .map(|(i, (p, due))| {
                vec![
                    (i + 1).to_string(),
                    p.offer.label.clone(),
                    w.kind(p.offer.kind).to_string(),
                    p.offer.id.clone(),
                    p.price.clone(),
                    due.map(clock).unwrap_or_else(|| "—".into()),
                    p.note.clone(),
                ]
            })
            .collect();
        tables.push((
            w.t("商品", "Offers").to_string(),
            [
                "#",
                w.t("名称", "Name"),
                w.t("类型", "Kind"),
                "ID",
                w.t("价格", "Price"),
                w.t("上场", "Due"),
                w.t("备注", "Note"),
            ]
            .map(String::from)
            .to_vec(),
            rows,
        ));
    }
    let checklist = (!plan.checklist.is_empty()).then(|| {
        (w.t("准备清单", "Checklist").to_string(), plan.checklist.iter().map(|c| (c.done, c.text.clone())).collect())
    });
    Sheet { title: live.title.clone(), lines, tables, checklist }
}

/// A livestream's run sheet, with times in `zone`, in `lang`.
pub fn run_sheet(live: &Livestream, zone: &ZoneName, lang: Lang, format: SheetFormat) -> String {
    let sheet = layout(live, zone, lang);
    match format {
        SheetFormat::Markdown => markdown(&sheet),
        SheetFormat::Html => html(&sheet, lang),
    }
}

fn markdown(sheet: &Sheet) -> String {
    let cell = |t: &str| t.replace('|', "\\|").replace('\n', "<br>");
    let mut out = format!("# {}\n\n", sheet.title.replace('\n', " "));
    for line in &sheet.lines {
        out.push_str(&format!("{}\n\n", line.trim()));
    }
    for (title, head, rows) in &sheet.tables {
        out.push_str(&format!("## {title}\n\n| {} |\n|{}\n", head.join(" | "), "---|".repeat(head.len())));
        for row in rows {
            let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out.push('\n');
    }
    if let Some((title, items)) = &sheet.checklist {
        out.push_str(&format!("## {title}\n\n"));
        for (done, text) in items {
            out.push_str(&format!("- [{}] {}\n", if *done { "x" } else { " " }, text.replace('\n', " ")));
        }
    }
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

fn html(sheet: &Sheet, lang: Lang) -> String {
    let mut out = format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\n<style>\
         body{{font:14px/1.5 system-ui,'Noto Sans CJK SC',sans-serif;margin:24px;color:#111}}\
         table{{border-collapse:collapse;width:100%;margin:8px 0 20px}}\
         th,td{{border:1px solid #999;padding:6px 8px;text-align:left;vertical-align:top}}\
         th{{background:#eee}}td:first-child{{white-space:nowrap}}ul{{list-style:none;padding:0}}\
         @media print{{body{{margin:0}}}}</style></head><body>\n<h1>{}</h1>\n",
        lang.pick("zh-CN", "en"),
        escape(&sheet.title),
        escape(&sheet.title)
    );
    for line in &sheet.lines {
        out.push_str(&format!("<p>{}</p>\n", escape(line)));
    }
    for (title, head, rows) in &sheet.tables {
        out.push_str(&format!("<h2>{}</h2>\n<table><thead><tr>", escape(title)));
        for h in head {
            out.push_str(&format!("<th>{}</th>", escape(h)));
        }
        out.push_str("</tr></thead><tbody>\n");
        for row in rows {
            out.push_str("<tr>");
            for c in row {
                out.push_str(&format!("<td>{}</td>", escape(c)));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table>\n");
    }
    if let Some((title, items)) = &sheet.checklist {
        out.push_str(&format!("<h2>{}</h2>\n<ul>\n", escape(title)));
        for (done, text) in items {
            out.push_str(&format!("<li>{} {}</li>\n", if *done { "☑" } else { "☐" }, escape(text)));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body></html>\n");
    out
}
