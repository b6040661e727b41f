//! `studio media`: import, list, tag and render media.

use clap::Subcommand;
use studio_api::{MediaRuleName, Studio};

use crate::{print_json, CliResult};

#[derive(Subcommand)]
pub(crate) enum MediaCommand {
    /// Import files and folders into the media library (the same bytes are kept once).
    Import {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<String>,
    },
    /// List the library, newest first, or the files whose name or tag contains QUERY.
    List {
        /// What to look for.
        #[arg(default_value = "")]
        query: String,
    },
    /// Set an asset's tags.
    Tag {
        /// The asset's hash.
        asset: String,
        /// Tags (replacing the old ones).
        tags: Vec<String>,
    },
    /// Delete an asset no draft uses.
    Delete {
        /// The asset's hash.
        asset: String,
    },
    /// Make the rendition of an asset for a platform rule.
    Rendition {
        /// The asset's hash.
        asset: String,
        /// post_image, cover_3x4, profile_logo, profile_background, profile_shop_photo, menu_icon or message_cover.
        #[arg(long, value_parser = parse_rule)]
        rule: MediaRuleName,
        /// Where to write the JPEG (default: leave it in the library's cache).
        #[arg(long)]
        out: Option<String>,
    },
}

fn parse_rule(s: &str) -> Result<MediaRuleName, String> {
    MediaRuleName::parse(s).ok_or_else(|| {
        let names: Vec<&str> = MediaRuleName::ALL.iter().map(|r| r.as_str()).collect();
        format!("unknown rule {s:?}; use {}", names.join(", "))
    })
}

pub(crate) async fn media(studio: &Studio, command: MediaCommand, json: bool) -> CliResult {
    match command {
        MediaCommand::Import { paths } => {
            let report = studio.import_media(paths).await?;
            if json {
                print_json(&report)
            } else {
                for a in &report.imported {
                    println!(
                        "{}  {:<5}  {}×{}  {}",
                        a.hash.short(12),
                        a.format.label(),
                        a.width,
                        a.height,
                        a.original_name
                    );
                }
                for f in &report.failed {
                    eprintln!("{}: {}", f.path, f.error.message);
                }
            }
            // Some files refused: say so in the exit status, after listing what came in.
            if !report.failed.is_empty() && report.imported.is_empty() {
                return Err(report.failed[0].error.clone().into());
            }
        }
        MediaCommand::List { query } => {
            let assets = studio.list_media(query).await?;
            if json {
                print_json(&assets)
            } else {
                for a in &assets {
                    println!(
                        "{}  {:<5}  {}×{}  {}  {}",
                        a.hash.short(12),
                        a.format.label(),
                        a.width,
                        a.height,
                        a.original_name,
                        a.tags.join(",")
                    );
                }
            }
        }
        MediaCommand::Tag { asset, tags } => {
            let asset = studio.tag_media(asset, tags).await?;
            if json {
                print_json(&asset)
            }
        }
        MediaCommand::Delete { asset } => {
            studio.delete_media(asset.clone()).await?;
            if json {
                print_json(&serde_json::json!({ "deleted": asset }))
            }
        }
        MediaCommand::Rendition { asset, rule, out } => {
            let rendition = studio.render_media(asset, rule, out).await?;
            if json {
                print_json(&rendition)
            } else {
                println!(
                    "{}  {}×{}  {} bytes  quality {}",
                    rendition.path, rendition.width, rendition.height, rendition.bytes, rendition.quality
                );
            }
        }
    }
    Ok(())
}
